"""Site search with Pagefind, indexed offline at build time, in parts.

The ``pagefind`` PyPI package carries the Pagefind binary.  Its indexer holds
every page of an index in memory (about 150 MB per 1,000 stories) and cannot
update an index in place, so the stories are indexed in *parts* of
``NEWSROOM_SEARCH_PART_SIZE`` stories, oldest first:

* ``output/pagefind/00/`` holds the oldest stories, ``output/pagefind/01/`` the next ones, and so on;
* the newest stories, fewer than a part, are in small parts of a tenth of
  that (``output/pagefind/10-0/``, ``10-1/``...), which become part ``10``
  once there are enough of them; so a new story indexes a small part
  again (a quarter of a second for 100 stories, against 1.6 s for 1,000),
  and an edited story its own part, never the whole archive;
* the search page loads the first part and merges the others
  (Pagefind's ``mergeIndex``), so readers search every story at once.

Each part is written to a temporary folder and moved into place, so a killed
build never leaves a half-written part, and Pagefind's hashed file names
from an earlier index never pile up.

>>> [(name, len(pages)) for name, pages in plan_parts([str(n) for n in range(2345)], size=1000)]
[('00', 1000), ('01', 1000), ('02-0', 100), ('02-1', 100), ('02-2', 100), ('02-3', 45)]
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

INDEX_DIR = "pagefind"
DEFAULT_PART_SIZE = 1000


class SearchIndexError(RuntimeError):
    pass


def part_name(number: int) -> str:
    return f"{number:02d}"


def plan_parts(pages: Sequence[str], size: int = DEFAULT_PART_SIZE) -> list[tuple[str, list[str]]]:
    """Split ``pages`` (oldest first) into named parts of ``size`` pages,
    and the newest pages left over into small parts of ``size // 10``.

    A site without stories still gets one (empty) part, so the search page
    always has its scripts.
    """
    size = max(1, int(size))
    whole = len(pages) // size
    parts = [(part_name(n), list(pages[n * size : (n + 1) * size])) for n in range(whole)]
    small = max(1, size // 10)
    rest = pages[whole * size :]
    parts += [(f"{part_name(whole)}-{j}", list(rest[i : i + small])) for j, i in enumerate(range(0, len(rest), small))]
    return parts or [(part_name(0), [])]


def bundle_paths(names: Sequence[str]) -> list[str]:
    """The site-relative folders of the parts, for the search page."""
    return [f"{INDEX_DIR}/{name}/" for name in names]


def page_url(save_as: str) -> str:
    """``stories/x/index.html`` -> ``/stories/x/`` (Pagefind adds the site's base path)."""
    url = "/" + save_as
    return url.removesuffix("index.html")


def _stage(output: Path, pages: list[str], stage: Path) -> None:
    """A folder holding just ``pages`` (hard links where the file system allows)."""
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    if not pages:
        # Pagefind refuses an empty folder; a site with no stories yet still
        # needs the search page's scripts, with nothing to find.
        (stage / "index.html").write_text('<!doctype html><html lang="en"><body><p>No stories yet.</p></body></html>\n')
    for save_as in pages:
        target = stage / save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(output / save_as, target)
        except OSError:
            shutil.copyfile(output / save_as, target)


# Pagefind's ready-made search boxes: the search page has its own
# (theme/static/js/search.js, on Pagefind's JS API), so no part keeps them
# (about 420 KB a part). Each part keeps its entry file, metadata,
# WebAssembly, worker, index and fragments.
UI_ONLY_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


def _index_part(output: Path, name: str, pages: list[str]) -> None:
    """Run Pagefind over one part's pages and move the result into place."""
    root = output / INDEX_DIR
    stage, fresh, retired = (root / f".{name}.{suffix}" for suffix in ("pages", "new", "old"))
    _stage(output, pages, stage)
    shutil.rmtree(fresh, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(stage), "--output-path", str(fresh), "--quiet"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"pagefind could not index part {name}: {exc}") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise SearchIndexError(f"pagefind failed on part {name}: {message[-1] if message else done.returncode}")
    for ui_file in UI_ONLY_FILES:
        (fresh / ui_file).unlink(missing_ok=True)
    final = root / name
    shutil.rmtree(retired, ignore_errors=True)
    if final.exists():
        final.rename(retired)
    fresh.rename(final)
    shutil.rmtree(retired, ignore_errors=True)


class SearchIndexer:
    """Index the given parts on a background thread, one Pagefind at a time
    while the site is still being written (the feeds and pages need the other
    core), and on every core once the writing is done."""

    def __init__(self, output: Path, parts: list[tuple[str, list[str]]], keep: set[str]):
        self.output = output
        self.parts = parts
        self.keep = keep
        self.error: BaseException | None = None
        self._todo = list(reversed(parts))  # popped from the end: oldest part first
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, name="pagefind", daemon=True)]

    def start(self) -> SearchIndexer:
        self._threads[0].start()
        return self

    def _next(self) -> tuple[str, list[str]] | None:
        with self._lock:
            return self._todo.pop() if self._todo and self.error is None else None

    def _run(self) -> None:
        try:
            while part := self._next():
                _index_part(self.output, *part)
        except BaseException as exc:  # reported by finish() on the main thread
            self.error = exc

    def finish(self, timeout: float = 600) -> None:
        """Wait for the index; remove parts and files no longer in use."""
        for _ in range(min(len(self._todo), (os.cpu_count() or 1) - 1)):
            helper = threading.Thread(target=self._run, name="pagefind", daemon=True)
            helper.start()
            self._threads.append(helper)
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        if any(thread.is_alive() for thread in self._threads):
            raise SearchIndexError("pagefind took longer than 10 minutes")
        if isinstance(self.error, SearchIndexError):
            raise self.error
        if self.error is not None:
            raise SearchIndexError(f"search index: {self.error}") from self.error
        remove_unused(self.output / INDEX_DIR, self.keep)
        logger.info("newsroom: search index: %d of %d parts written", len(self.parts), len(self.keep))


def remove_unused(root: Path, keep: set[str]) -> None:
    """Delete what is in the index folder but not a current part (parts of
    a larger archive, files of the single index earlier versions wrote)."""
    for entry in root.iterdir() if root.is_dir() else []:
        if entry.name in keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
