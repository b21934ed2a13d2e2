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

import contextlib
import functools
import hashlib
import json
import os
import pickle
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from generator import newsroom
from generator.fsio import write_atomic
from generator.page_memo import plain_settings

STAMP_FILE = "newsroom-up-to-date.json"
# Each output file's size and modification time, and each folder's, as the
# last clean build left them (:func:`recorded_output`).
OUTPUT_STATE_FILE = "newsroom-output-state.pickle"


def _tree(digest, root: Path, listing: dict | None = None, folders: dict | None = None) -> tuple[int, int]:
    """Add every file under ``root`` (path, size, modification time) to
    ``digest``; return how many files there are and their bytes. Each
    file's size and modification time go into ``listing``, each folder's
    modification time (``""``: ``root``'s own) into ``folders``, if given.

    ``os.scandir`` rather than ``os.walk``: the no-change build's time is
    mostly this walk over a big site's output (30,000 files at 10,000
    stories), and scandir spares a path join and a type check per file.
    """
    digest.update(f"\n# {root}\n".encode("utf-8", "surrogateescape"))
    lines: list[str] = []
    count = size = 0
    pending = [(os.fspath(root), "")]
    if folders is not None:
        with contextlib.suppress(OSError):
            folders[""] = os.stat(root, follow_symlinks=False).st_mtime_ns
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
                        if folders is not None:
                            folders[f"{relative}/{entry.name}"[1:]] = entry.stat(follow_symlinks=False).st_mtime_ns
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
    """The output folder's stamp, file count and size; and, where the build
    knows them, each file's size and modification time (``listing``) and
    each folder's modification time (``folders``), which the next build
    checks the folder against (:func:`recorded_output`)."""

    stamp: str
    files: int
    bytes: int
    listing: dict | None = field(default=None, compare=False, repr=False)
    folders: dict | None = field(default=None, compare=False, repr=False)


def output_tree(output: Path, listing: dict | None = None, folders: dict | None = None) -> OutputTree:
    """The output folder's stamp, file count and size, in one walk (see
    :func:`_tree` for ``listing`` and ``folders``)."""
    digest = hashlib.sha256()
    files, size = _tree(digest, output, listing, folders)
    return OutputTree(digest.hexdigest(), files, size, listing, folders)


def tree_from_listing(output: Path, listing: dict[str, tuple[int, int]], folders: dict | None = None) -> OutputTree:
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
    return OutputTree(digest.hexdigest(), len(listing), sum(size for size, _ in listing.values()), listing, folders)


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
    tree = recorded_output(settings, saved.get("output"))
    if tree is None:
        tree = output_tree(output)
    if saved.get("output") != tree.stamp:
        return None
    return {**saved, "files": tree.files, "bytes": tree.bytes}


# How close to the moment a build recorded the output a folder's
# modification time must be for a change in the same tick of the file
# system's clock to go unseen (coarse clocks, and file systems that keep
# whole seconds): such a folder's entries are compared by name.
RACY_NS = 2_000_000_000


def recorded_output(settings: dict, stamp: str | None) -> OutputTree | None:
    """The output as the last clean build recorded it (``stamp``), if every
    file it wrote has the size and modification time it had then and every
    folder the same modification time (a file added, removed or renamed
    changes its folder's), checked without listing any folder: the
    no-change build's time at 10,000 stories was mostly listing 14,000
    folders. A tree whose stamp is not ``stamp`` where the output changed
    since, or None where nothing was recorded: then only a walk can tell.

    A file edited in place with no change of size in the same instant as
    the build is missed, as by the walk and by ``make``.
    """
    try:
        state = pickle.loads(_output_state_path(settings).read_bytes())
        if state["stamp"] != stamp:
            return None
        files, folders, racy = state["files"], state["folders"], state["racy"]
    except (OSError, ValueError, KeyError, TypeError, EOFError, pickle.UnpicklingError):
        return None
    output = Path(settings["OUTPUT_PATH"])
    if _as_recorded(output, files, folders, racy):
        return OutputTree(stamp, len(files), sum(size for size, _ in files.values()), files, folders)
    return OutputTree("", 0, 0)


def _as_recorded(output: Path, files: dict, folders: dict, racy: dict) -> bool:
    try:
        handle = os.open(output, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    stat = os.stat
    try:
        for folder, mtime in folders.items():
            if stat(folder or ".", dir_fd=handle, follow_symlinks=False).st_mtime_ns != mtime:
                return False
        for name, (size, mtime) in files.items():
            info = stat(name, dir_fd=handle)
            if info.st_size != size or info.st_mtime_ns != mtime:
                return False
        return all(sorted(os.listdir(output / folder)) == names for folder, names in racy.items())
    except OSError:
        return False
    finally:
        os.close(handle)


def _racy_folders(tree: OutputTree, recorded_at: int) -> dict[str, list[str]]:
    """The entries of each folder changed too near ``recorded_at`` for its
    modification time to tell a later change (:data:`RACY_NS`)."""
    racy = {folder: [] for folder, mtime in tree.folders.items() if mtime >= recorded_at - RACY_NS}
    if racy:
        for name in (*tree.listing, *tree.folders):
            parent, _, base = name.rpartition("/")
            if name and parent in racy:
                racy[parent].append(base)
    return {folder: sorted(names) for folder, names in racy.items()}


def _save_output_state(settings: dict, tree: OutputTree) -> None:
    path = _output_state_path(settings)
    if tree.listing is None or tree.folders is None:
        path.unlink(missing_ok=True)
        return
    racy = _racy_folders(tree, time.time_ns())
    state = {"stamp": tree.stamp, "files": tree.listing, "folders": tree.folders, "racy": racy}
    write_atomic(path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))


def _output_state_path(settings: dict) -> Path:
    return Path(settings.get("CACHE_PATH", "cache")) / OUTPUT_STATE_FILE


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
        tree = output_tree(output, {}, {}) if output.is_dir() else OutputTree("", 0, 0)
    if clean:
        _save_output_state(settings, tree)
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
