"""File writing that never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename.

    Returns ``False`` and leaves the file (and its modification time) alone
    when it already holds exactly these bytes, so rebuilds touch nothing
    that did not change.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            return False
    except OSError:
        pass
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except FileNotFoundError:
        # Only now make the folder: asking for one that exists costs a
        # system call per file, and a site has thousands of files.
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
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
