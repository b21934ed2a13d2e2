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


def build_index(output: Path) -> None:
    """Index ``output`` with Pagefind; raise SearchIndexError with its message."""
    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", "pagefind", "--quiet"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"pagefind could not run: {exc}") from None
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(f"pagefind failed: {message[-1] if message else result.returncode}")
    logger.info("newsroom: search index written to %s/pagefind", output)
