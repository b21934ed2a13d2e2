"""Debian's Chromium for the browser tests and the screenshot tool.

As root and on a machine with no network but the package registries,
Chromium needs these flags: no sandbox, no GPU, and none of its background
connections (they would be refused, many at a time).
"""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
