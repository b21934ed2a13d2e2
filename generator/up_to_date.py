"""Whether a build can stop before Pelican starts: nothing it reads changed.

A build reads the content folder (stories, pages, raw files), the theme,
the settings and our own code, and writes the output folder. After a build
with no errors and no warnings, :func:`record` keeps a stamp of all of them
(each file's path, size and modification time, like ``make`` and ``ninja``,
plus the settings' values and the package versions). The next build stops
early when :func:`unchanged` finds the same stamp: the output it would write
is byte-identical to what is there (builds are deterministic), so there is
nothing to do. Any difference (a story edited, a page deleted from the
output, a template touched, ``SITEURL`` set) and Pelican runs as usual.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator import newsroom
from generator.fsio import write_atomic
from generator.page_memo import plain_settings

STAMP_FILE = "newsroom-up-to-date.json"


def _tree(digest, root: Path, listing: dict | None = None) -> tuple[int, int]:
    """Add every file under ``root`` (path, size, modification time) to
    ``digest``; return how many files there are and their bytes.

    ``os.scandir`` rather than ``os.walk``: the no-change build's time is
    mostly this walk over a big site's output (30,000 files at 10,000
    stories), and scandir spares a path join and a type check per file.
    """
    digest.update(f"\n# {root}\n".encode("utf-8", "surrogateescape"))
    lines: list[str] = []
    count = size = 0
    pending = [(os.fspath(root), "")]
    while pending:
        folder, relative = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    # Python's byte-code caches are written as modules are first imported.
                    if entry.name != "__pycache__":
                        subfolders.append((entry.path, f"{relative}/{entry.name}"))
                    continue
                stat = entry.stat()
            except OSError:
                continue
            lines.append(f"{relative}/{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n")
            if listing is not None:
                listing[f"{relative}/{entry.name}"[1:]] = (stat.st_size, stat.st_mtime_ns)
            count += 1
            size += stat.st_size
        pending.extend(reversed(subfolders))
    digest.update("".join(lines).encode("utf-8", "surrogateescape"))
    return count, size


# Where imports are looked for, as the process started: a settings file
# may add to it as it runs, and what is installed must not depend on
# whether it ran yet (generator.settings_snapshot reads it too).
STARTUP_PATH = tuple(sys.path)


@functools.cache
def installed_versions() -> list[str]:
    """Python's version and every installed package's (Pelican, its plugins,
    Jinja, ...), from the names of the packages' metadata folders
    (``pelican-4.12.0.dist-info``), which is far quicker than reading each
    package's metadata. Once per process: a build asks twice."""
    installed = set()
    for folder in STARTUP_PATH:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        installed.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return [sys.version, *sorted(installed)]


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads: ``stamp`` digests it all; ``parts`` digests
    the settings (with the installed versions), the theme and the code
    apart; ``content`` lists each content file (relative path -> size and
    modification time), for a rebuild that needs to know which changed."""

    stamp: str
    parts: dict[str, str]
    content: dict[str, tuple[int, int]]


def build_inputs(settings: dict) -> Inputs:
    """Walk what a build reads (see :class:`Inputs`)."""
    plain = json.dumps([plain_settings(settings), installed_versions()], sort_keys=True)
    parts = {"settings": hashlib.sha256(plain.encode())}
    parts["theme"] = hashlib.sha256()
    _tree(parts["theme"], Path(settings["THEME"]))
    parts["code"] = hashlib.sha256()
    for root in [Path(__file__).parent, *settings.get("PLUGIN_PATHS", [])]:
        _tree(parts["code"], Path(root))
    content_digest = hashlib.sha256()
    content: dict[str, tuple[int, int]] = {}
    _tree(content_digest, Path(settings["PATH"]), content)
    digests = {name: d.hexdigest() for name, d in parts.items()}
    stamp = hashlib.sha256(json.dumps([digests, content_digest.hexdigest()], sort_keys=True).encode()).hexdigest()
    return Inputs(stamp, digests, content)


def inputs_stamp(settings: dict) -> str:
    """A digest of everything a build reads."""
    return build_inputs(settings).stamp


@dataclass(frozen=True)
class OutputTree:
    stamp: str
    files: int
    bytes: int


def output_tree(output: Path, listing: dict | None = None) -> OutputTree:
    """The output folder's stamp, file count and size, in one walk (each
    file's size and modification time go into ``listing``, if given)."""
    digest = hashlib.sha256()
    files, size = _tree(digest, output, listing)
    return OutputTree(digest.hexdigest(), files, size)


def tree_from_listing(output: Path, listing: dict[str, tuple[int, int]]) -> OutputTree:
    """The :class:`OutputTree` :func:`output_tree` would give for a folder
    holding just the files of ``listing`` (relative path -> size and
    modification time), in the order its walk finds them: each folder's
    files by name, then its subfolders by name.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("b.html", "a/z.html", "a/b/c.html", "c/d.html", ".nojekyll"):
    ...     (root / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (root / name).write_text(name)
    >>> listing = {}
    >>> output_tree(root, listing) == tree_from_listing(root, listing)
    True
    """

    def walk_order(relative: str) -> str:
        # "\x00" before a file's name and "\x01" before a folder's: a
        # folder's files sort before its subfolders, and names by their text.
        folders, _, name = relative.rpartition("/")
        return ("\x01" + folders.replace("/", "\x00\x01") + "\x00\x00" if folders else "\x00") + name

    digest = hashlib.sha256()
    digest.update(f"\n# {output}\n".encode("utf-8", "surrogateescape"))
    ordered = sorted(listing, key=walk_order)
    lines = "".join(f"/{relative}\0{listing[relative][0]}\0{listing[relative][1]}\n" for relative in ordered)
    digest.update(lines.encode("utf-8", "surrogateescape"))
    return OutputTree(digest.hexdigest(), len(listing), sum(size for size, _ in listing.values()))


def last_stamp(settings: dict) -> dict | None:
    """The stamp the last clean build left, if any."""
    try:
        saved = json.loads(_stamp_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return saved if isinstance(saved, dict) else None


def _stamp_path(settings: dict) -> Path:
    return Path(settings.get("CACHE_PATH", "cache")) / STAMP_FILE


def unchanged(settings: dict, inputs: str) -> dict | None:
    """What the last clean build recorded (stories, pages), if neither its
    inputs nor its output changed since; else ``None``."""
    try:
        saved = json.loads(_stamp_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("inputs") != inputs:
        return None
    now = newsroom.clock(settings)
    # The stamp holds for the clock it was made at, until the first embargo:
    # a build "in the future" (NEWSROOM_NOW) says nothing about now.
    if saved.get("built_at") and now < newsroom.moment(saved["built_at"], "UTC", "built_at"):
        return None
    if saved.get("next_due") and now >= newsroom.moment(saved["next_due"], "UTC", "next_due"):
        return None  # an embargoed story has come due
    output = Path(settings["OUTPUT_PATH"])
    if not output.is_dir():
        return None
    tree = output_tree(output)
    if saved.get("output") != tree.stamp:
        return None
    return {**saved, "files": tree.files, "bytes": tree.bytes}


def forget(settings: dict) -> None:
    """Drop the stamp before a build runs: a build that stops half way
    (killed, or an exception) must not leave a stamp behind."""
    _stamp_path(settings).unlink(missing_ok=True)


def record(
    settings: dict,
    inputs: str,
    *,
    stories: int,
    pages: int,
    clean: bool,
    next_due: datetime | None = None,
    held: int = 0,
    review_marked: int | None = None,
    first_held: datetime | None = None,
    tree: OutputTree | None = None,
) -> OutputTree:
    """Keep the stamp of a clean build, and say how big its output is
    (``tree``: the output as the build knows it, instead of a walk over it).
    After a build with errors or warnings there is no stamp, so the next
    build runs (and shows them) again."""
    output = Path(settings["OUTPUT_PATH"])
    if tree is None:
        tree = output_tree(output) if output.is_dir() else OutputTree("", 0, 0)
    if clean:
        data = {"inputs": inputs, "output": tree.stamp, "stories": stories, "pages": pages}
        data["built_at"] = newsroom.clock(settings).isoformat()
        if next_due is not None:
            # The stamp holds until next_due; the summary names first_held.
            data["next_due"] = next_due.isoformat()
            data["held"] = held
        if first_held is not None:
            data["first_held"] = first_held.isoformat()
        if review_marked is not None:
            data["review_marked"] = review_marked
        write_atomic(_stamp_path(settings), json.dumps(data, sort_keys=True, indent=0) + "\n")
    return tree
