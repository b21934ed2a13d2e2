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
import marshal
import operator
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from generator import newsroom
from generator.fsio import atomic_file, write_atomic
from generator.page_memo import plain_settings

STAMP_FILE = "newsroom-up-to-date.json"
# Each output file's size and modification time, and each folder's, as the
# last clean build left them (:func:`recorded_output`, :func:`_read_state`).
OUTPUT_STATE_FILE = "newsroom-output-state"
STATE_FORMAT = ("newsroom-output-state", 2)


_name = operator.attrgetter("name")


def _folders(root: Path, times: bool = False) -> Iterator[tuple[str, int | None, list, list[tuple[str, int, int]]]]:
    """Each folder under ``root`` (``root``'s own first), in the order of a
    walk that takes each folder's files by name, then its subfolders by
    name: ``(relative path with a leading "/", or "" for the root; its
    modification time, with ``times``; its entries, by name; its files as
    (name, size, modification time))``.

    ``os.scandir`` rather than ``os.walk``: the no-change build's time is
    mostly a walk over a big site's output (30,000 files at 10,000
    stories), and scandir spares a path join and a type check per file.
    """
    try:
        top = os.stat(root).st_mtime_ns if times else None  # the folder an output link points to
    except OSError:
        return
    pending = [(os.fspath(root), "", top)]
    while pending:
        folder, relative, mtime = pending.pop()
        try:
            entries, files, subfolders = _scan(folder)
        except OSError:
            continue
        for entry in reversed(subfolders):
            try:
                inner = entry.stat(follow_symlinks=False).st_mtime_ns if times else None
            except OSError:
                continue
            pending.append((entry.path, f"{relative}/{entry.name}", inner))
        yield relative, mtime, entries, files


def _scan(folder) -> tuple[list, list[tuple[str, int, int]], list]:
    """One folder's entries by name, its files as (name, size, modification
    time) and its subfolders (but Python's byte-code caches, written as
    modules are first imported). An entry that cannot be read (a link to
    nothing) is passed by; a folder that cannot be listed raises."""
    entries = sorted(os.scandir(folder), key=_name)
    files = []
    subfolders = []
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    subfolders.append(entry)
                continue
            stat = entry.stat()
        except OSError:
            continue
        files.append((entry.name, stat.st_size, stat.st_mtime_ns))
    return entries, files, subfolders


def _tree(digest, root: Path, listing: dict | None = None) -> None:
    """Add every file under ``root`` (path, size, modification time) to
    ``digest``; and each file's size and modification time to ``listing``
    (relative path -> the two), if given."""
    digest.update(f"\n# {root}\n".encode("utf-8", "surrogateescape"))
    for relative, _, _, files in _folders(root):
        # A folder's files at a time: one string of all of them is tens of
        # megabytes for a big site.
        digest.update("".join(f"{relative}/{n}\0{z}\0{m}\n" for n, z, m in files).encode("utf-8", "surrogateescape"))
        if listing is not None:
            prefix = relative[1:] + "/" if relative else ""
            listing.update({prefix + n: (z, m) for n, z, m in files})


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
    knows them, the record of each folder (``records``: path -> the tuple
    :func:`folder_record` gives), which the next build checks the folder
    against (:func:`recorded_output`).

    The stamp is a sum of a digest of each folder's files (their names,
    sizes and modification times; :func:`_folder_sum`), so a build that
    changed a few folders works out the new stamp from the old one and those
    folders (:func:`patched`), not from every file of the site again.
    """

    stamp: str
    files: int
    bytes: int
    records: dict | None = field(default=None, compare=False, repr=False)
    # When the first of those times was read (time.time_ns()): a folder
    # changed in the same tick of the file system's clock since then still
    # shows the time that was read.
    taken_at: int = field(default=0, compare=False, repr=False)


# The stamp is a sum of 128-bit digests, kept to 128 bits.
_STAMP_BITS = 128


def _folder_sum(record: tuple) -> int:
    """A folder's part of the output's stamp: nothing for a folder of no
    files, so the stamp is a digest of the files alone, as a walk finds them."""
    folder, _, names, stats, _ = record
    if not names:
        return 0
    # Text, not marshal's bytes: those depend on how often each object is shared.
    text = f"{folder}\0{'/'.join(names)}\0{','.join(map(str, stats))}"
    data = text.encode("utf-8", "surrogateescape")
    return int.from_bytes(hashlib.blake2b(data, digest_size=_STAMP_BITS // 8).digest(), "big")


def _stamp_text(total: int) -> str:
    return f"{total % (1 << _STAMP_BITS):0{_STAMP_BITS // 4}x}"


class _Tally:
    """The stamp, file count and size of folders' records, added one by one."""

    def __init__(self, stamp: str | None = None, files: int = 0, size: int = 0):
        self.total = int(stamp, 16) if stamp else 0
        self.files = files
        self.size = size

    def add(self, record: tuple, sign: int = 1) -> None:
        self.total += sign * _folder_sum(record)
        self.files += sign * len(record[2])
        self.size += sign * sum(record[3][::2])

    def tree(self, records: dict | None = None, taken_at: int = 0) -> OutputTree:
        return OutputTree(_stamp_text(self.total), self.files, self.size, records, taken_at)


def _output_records(output: Path, taken_at: int) -> Iterator[tuple]:
    """Each folder's record (:func:`folder_record`), in a walk's order."""
    for relative, mtime, entries, files in _folders(output, times=True):
        if mtime is not None:
            yield _record(relative[1:], mtime, entries, files, taken_at)


def _record(folder: str, mtime: int, entries: list, files: list[tuple[str, int, int]], taken_at: int) -> tuple:
    """``(folder, its modification time, its files' names, their sizes and
    modification times in turn, its entries' names where its time is racy
    or None)``: what :func:`_as_recorded` checks the folder against."""
    names = tuple(n for n, _, _ in files)
    stats = tuple(v for _, z, m in files for v in (z, m))
    racy = tuple(e.name for e in entries) if mtime >= taken_at - RACY_NS else None
    return (folder, mtime, names, stats, racy)


def output_tree(output: Path, records: bool = False) -> OutputTree:
    """The output folder's stamp, file count and size, in one walk; with
    ``records``, each folder's record too."""
    taken_at = time.time_ns()
    tally = _Tally()
    kept: dict | None = {} if records else None
    for record in _output_records(output, taken_at):
        tally.add(record)
        if kept is not None:
            kept[record[0]] = record
    return tally.tree(kept, taken_at)


def patched(before: OutputTree, records: dict, changed: Iterable[str], taken_at: int = 0) -> OutputTree:
    """The :class:`OutputTree` of ``records``, which are ``before``'s but
    for the folders ``changed`` (changed, added or gone), without going
    over the rest.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("b.html", "a/z.html", "a/b/c.html"):
    ...     (root / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (root / name).write_text(name)
    >>> before = output_tree(root, records=True)
    >>> _ = (root / "a" / "b" / "d.html").write_text("new")
    >>> records = {**before.records, "a/b": folder_record(root, "a/b", 0)}
    >>> patched(before, records, ["a/b"]) == output_tree(root)
    True
    """
    tally = _Tally(before.stamp, before.files, before.bytes)
    for folder in changed:
        if folder in before.records:
            tally.add(before.records[folder], -1)
        if folder in records:
            tally.add(records[folder])
    return tally.tree(records, taken_at)


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


def recorded_output(settings: dict, stamp: str | None, records: bool = False) -> OutputTree | None:
    """The output as the last clean build recorded it (``stamp``), if every
    file it wrote has the size and modification time it had then and every
    folder the same modification time (a file added, removed or renamed
    changes its folder's), checked without listing any folder: the
    no-change build's time at 10,000 stories was mostly listing 14,000
    folders. A tree whose stamp is not ``stamp`` where the output changed
    since, or None where nothing was recorded: then only a walk can tell.
    With ``records``, the tree carries each folder's record (a quick build
    works from them).

    A file edited in place with no change of size in the same instant as
    the build is missed, as by the walk and by ``make``.
    """
    try:
        recorded, folders = _read_state(_output_state_path(settings).read_bytes())
    except (OSError, ValueError):
        return None
    if recorded != stamp:
        return None
    output = Path(settings["OUTPUT_PATH"])
    taken_at = time.time_ns()
    if not _as_recorded(output, folders):
        return OutputTree("", 0, 0)
    count = sum(len(names) for _, _, names, _, _ in folders)
    size = sum(sum(stats[::2]) for _, _, _, stats, _ in folders)
    kept = {record[0]: record for record in folders} if records else None
    return OutputTree(stamp, count, size, kept, taken_at)


def _as_recorded(output: Path, folders: list[tuple]) -> bool:
    try:
        handle = os.open(output, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    stat = os.stat
    try:
        for folder, mtime, names, stats, racy in folders:
            if stat(folder or ".", dir_fd=handle, follow_symlinks=False).st_mtime_ns != mtime:
                return False
            prefix = f"{folder}/" if folder else ""
            for i, name in enumerate(names):
                info = stat(prefix + name, dir_fd=handle)
                if info.st_size != stats[2 * i] or info.st_mtime_ns != stats[2 * i + 1]:
                    return False
            if racy is not None and sorted(os.listdir(output / folder)) != list(racy):
                return False
        return True
    except OSError:
        return False
    finally:
        os.close(handle)


def _read_state(data: bytes) -> tuple[str, list[tuple]]:
    """The stamp and the folders of a recorded output (:class:`_StateWriter`).

    >>> import io
    >>> record = io.BytesIO()
    >>> with _StateWriter(record) as sink:
    ...     sink.add(("", 2, ("a.html",), (5, 1), None))
    ...     sink.stamp = "ff"
    >>> _read_state(record.getvalue())
    ('ff', [('', 2, ('a.html',), (5, 1), None)])
    """
    pieces = []
    at = 0
    try:
        while at < len(data):
            size = int.from_bytes(data[at : at + 8], "little")
            pieces.append(marshal.loads(data[at + 8 : at + 8 + size]))
            at += 8 + size
        if len(pieces) < 2 or pieces[0] != STATE_FORMAT or pieces[-1][0] != "#":
            raise ValueError("recorded by another version, or cut short")
        return pieces[-1][1], [folder for piece in pieces[1:-1] for folder in piece]
    except (EOFError, TypeError, IndexError) as exc:
        raise ValueError(f"not a whole record of the output: {exc}") from exc


class _StateWriter:
    """Writes a record of the output: a header, then each folder as
    ``(path, modification time, its files' names, their sizes and
    modification times in turn, its entries' names where its time is racy
    or None)``, a thousand folders to a piece, then the stamp; each piece
    :func:`marshal.dumps` (a twentieth of pickle's time) after its length
    in 8 bytes, so a piece is read back at once, and the whole record is
    never in memory as it is written."""

    FOLDERS_PER_PIECE = 1000

    def __init__(self, sink):
        self.sink = sink
        self.folders: list[tuple] = []
        self.stamp: str | None = None

    def __enter__(self):
        self._put(STATE_FORMAT)
        return self

    def add(self, folder: tuple) -> None:
        self.folders.append(folder)
        if len(self.folders) >= self.FOLDERS_PER_PIECE:
            self._put(tuple(self.folders))
            self.folders.clear()

    def __exit__(self, kind, *_):
        if kind is None:
            if self.folders:
                self._put(tuple(self.folders))
            self._put(("#", self.stamp))

    def _put(self, item) -> None:
        data = marshal.dumps(item)
        self.sink.write(len(data).to_bytes(8, "little") + data)


def _save_output_state(settings: dict, tree: OutputTree) -> None:
    """Record the output of a build that knows its folders' records (a
    quick build) as :func:`_read_state` reads it."""
    path = _output_state_path(settings)
    if tree.records is None:
        path.unlink(missing_ok=True)
        return
    with atomic_file(path) as handle, _StateWriter(handle) as sink:
        for record in tree.records.values():
            sink.add(record)
        sink.stamp = tree.stamp


def folder_record(output: Path, folder: str, taken_at: int) -> tuple:
    """The record of one folder of the output (``""``: its own), read from
    disk as :func:`_output_records` reads it, for a build that changed it
    (``FileNotFoundError`` only where the folder itself is gone)."""
    path = output / folder if folder else output
    mtime = os.stat(path, follow_symlinks=not folder).st_mtime_ns
    entries, files, _ = _scan(path)
    return _record(folder, mtime, entries, files, taken_at)


def _walk_and_record(settings: dict, output: Path) -> OutputTree:
    """Walk the output after a full build, and record it as it goes, a
    folder at a time (the build holds every story in memory then)."""
    path = _output_state_path(settings)
    taken_at = time.time_ns()
    tally = _Tally()
    with atomic_file(path) as handle, _StateWriter(handle) as sink:
        for record in _output_records(output, taken_at):
            tally.add(record)
            sink.add(record)
        tree = tally.tree()
        sink.stamp = tree.stamp
    return tree


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
    if tree is None and clean and output.is_dir():
        tree = _walk_and_record(settings, output)
    elif tree is None:
        tree = output_tree(output) if output.is_dir() else OutputTree("", 0, 0)
    elif clean:
        _save_output_state(settings, tree)
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
