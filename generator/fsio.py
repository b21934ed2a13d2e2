"""File writing that never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Files are written as a plain ``open()`` would create them (0644 under the
# usual umask 022), not with mkstemp's private 0600: a site copied to a web
# server with its modes (rsync -a) must stay readable by the server.
FILE_MODE = 0o666 & ~_current_umask()


# The paths written or removed while a build keeps count (tracking()).
_touched: set[str] | None = None


@contextlib.contextmanager
def tracking():
    """Collect the path of every file :func:`write_atomic` replaces and
    :func:`remove_file` removes, so a build can tell what it changed in the
    output without walking it again."""
    global _touched
    _touched = touched = set()
    try:
        yield touched
    finally:
        _touched = None


def remove_file(path: Path) -> None:
    """Delete ``path`` if it is there."""
    Path(path).unlink(missing_ok=True)
    if _touched is not None:
        _touched.add(os.fspath(path))


def write_atomic(path: Path, data: str | bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename.

    Returns ``False`` and leaves the file (and its modification time) alone
    when it already holds exactly these bytes, so rebuilds touch nothing
    that did not change. An ``OSError`` (a full disk, a folder that cannot
    be written) always names ``path``, even when the system call that failed
    was a write, which names no file.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            _fix_mode(path)
            return False
    except OSError:
        pass
    try:
        replaced = _replace(path, payload)
        if _touched is not None:
            _touched.add(os.fspath(path))
        return replaced
    except OSError as exc:
        if exc.filename is None or os.path.basename(str(exc.filename)).startswith(f".{path.name}."):
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


@contextlib.contextmanager
def atomic_file(path: Path):
    """A binary file to write ``path`` through, a piece at a time, that
    takes its place only when the block ends without an exception (as
    :func:`write_atomic`, for data too big to hold at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fix_mode(path: Path) -> None:
    """Give a file an older version wrote as 0600 the usual mode."""
    if os.stat(path).st_mode & 0o777 != FILE_MODE:
        os.chmod(path, FILE_MODE)


def _replace(path: Path, payload: bytes) -> bool:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except FileNotFoundError:
        # Only now make the folder: asking for one that exists costs a
        # system call per file, and a site has thousands of files.
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        # The rename is atomic: a killed run leaves the old file or the new
        # one, never half of either.  (No fsync: it would cost milliseconds a
        # file and guards only against power loss, not against a kill.)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
