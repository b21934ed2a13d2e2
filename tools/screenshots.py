"""Screenshots of the home and a story page at 1280 and 390 px, for the README.

    .venv/bin/python tools/screenshots.py   # builds the seed site, writes docs/*.png

Uses Debian's chromium through Playwright, like the browser tests.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        port = 8123
        settings = Path(tmp) / "conf.py"
        settings.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
            f"PATH = {str(ROOT / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
            f"OUTPUT_PATH = {str(output)!r}\nSITEURL = 'http://127.0.0.1:{port}'\n"
        )
        subprocess.run(
            [sys.executable, "-m", "generator", "build", "-q", "--no-convert", "--settings", str(settings)],
            cwd=ROOT,
            check=True,
        )
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        story = sorted((output / "stories").iterdir())[0].name
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width in (1280, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name, path in (("home", "/"), ("story", f"/stories/{story}/")):
                    page.goto(f"http://127.0.0.1:{port}{path}")
                    target = ROOT / "docs" / f"screenshot-{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=False)
                    print(target.relative_to(ROOT))
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
