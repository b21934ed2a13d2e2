"""One build of a site at a time.

A build (and a conversion, which writes the stories a build reads) holds an
exclusive lock on a file in the site's cache folder while it runs. A second
build started meanwhile (an editor's ``make site`` while the preview
rebuilds, a CI job run twice) waits for the first to finish, then finds
the site up to date or builds what changed since; with ``--no-wait`` it
stops at once with a message instead.

The lock is ``flock(2)``: the system drops it when the holding process
ends, however it ends, so a killed build never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not locked
    fcntl = None

LOCK_FILE = "newsroom-build.lock"


class SiteLocked(Exception):
    """Another build holds the lock and we were told not to wait."""


def lock_path(settings: dict) -> Path:
    return Path(settings.get("CACHE_PATH", "cache")) / LOCK_FILE


def _holder(handle) -> str:
    handle.seek(0)
    text = handle.read().strip()
    return text or "another process"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def site_lock(settings: dict, *, wait: bool = True, say: Callable[[str], None] = _say) -> Iterator[None]:
    """Hold the site's build lock for the ``with`` block.

    Raises :class:`SiteLocked` when another build holds it and ``wait`` is
    false; otherwise says once that it waits, and waits.
    """
    if fcntl is None:
        yield
        return
    path = lock_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(handle)
            if not wait:
                raise SiteLocked(
                    f"another build of this site is running ({holder}; lock {path}); "
                    "try again when it ends, or leave out --no-wait to wait for it"
                ) from None
            say(f"waiting for another build of this site to finish ({holder}) ...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
