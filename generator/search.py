"""Site search with Pagefind, run offline at build time.

The ``pagefind`` PyPI package carries the Pagefind binary; it indexes the
pages that mark their main text with ``data-pagefind-body`` (the story pages)
and writes ``output/pagefind/``, which the search page loads.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

logger = logging.getLogger(__name__)


class SearchIndexError(RuntimeError):
    pass


def start_index(output: Path) -> subprocess.Popen:
    """Start indexing ``output`` with Pagefind in the background.

    The pages are written by then; feeds and sitemaps are written while
    Pagefind runs, on the other core.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", "pagefind", "--quiet"]
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        raise SearchIndexError(f"pagefind could not run: {exc}") from None


def finish_index(process: subprocess.Popen, output: Path) -> None:
    """Wait for Pagefind; raise SearchIndexError with its message if it failed."""
    try:
        stdout, stderr = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        process.kill()
        raise SearchIndexError("pagefind took longer than 10 minutes") from None
    if process.returncode != 0:
        message = (stderr or stdout).strip().splitlines()
        raise SearchIndexError(f"pagefind failed: {message[-1] if message else process.returncode}")
    logger.info("newsroom: search index written to %s/pagefind", output)
