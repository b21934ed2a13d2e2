"""The settings as the last build read them, without importing Pelican.

Reading ``pelicanconf.py`` the way Pelican does means importing Pelican
(0.25 s) and our tagger's configuration (0.1 s): half of a build that finds
nothing changed. So after a build reads and checks its settings, their plain
values (:func:`generator.page_memo.plain_settings`: text, numbers, lists)
are kept in a snapshot, with what they were read from:

- the settings file, the modules it imported and the files it opened (by
  digest);
- each environment variable it read, and its value;
- the overrides (``--output``), the working folder, Python's module search
  path and the installed packages (whose defaults a new Pelican may change).

The next build uses the snapshot only to see whether nothing changed
(:func:`generator.build.build_site`); as soon as anything did, it reads the
settings with Pelican as before. A snapshot that cannot be read, or that
does not match, is ignored. No snapshot is kept when the read cannot be
followed: the settings walked the whole environment, an import failed (an
optional ``local_settings``, say), a file changed while it was being read,
or a value the up-to-date check reads (a path, ``NEWSROOM_NOW``) is not
plain text or a number (a ``pathlib.Path``, a ``datetime``).

The snapshot lives in ``.cache/settings/`` beside the settings file (the
cache path is itself a setting, so it cannot be the place to look first).
"""

from __future__ import annotations

import builtins
import hashlib
import importlib.abc
import io
import json
import os
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from generator.fsio import write_atomic
from generator.page_memo import plain_settings
from generator.up_to_date import STARTUP_PATH, installed_versions

FOLDER = Path(".cache") / "settings"
# Bumped whenever what a snapshot holds changes.
FORMAT = 2
# What a build that finds nothing changed reads of the settings (the walk,
# the stamp, the lock, the summary): these must be exactly what they were.
USED = (
    "PATH",
    "OUTPUT_PATH",
    "THEME",
    "CACHE_PATH",
    "PLUGIN_PATHS",
    "NEWSROOM_NOW",
    "TIMEZONE",
    "SITEURL",
    "NEWSROOM_OUTPUT_BUDGET_MB",
    "NEWSROOM_REVIEW_BEFORE_PUBLISH",
)


# Of those, the folders every site has.
_PATHS = ("PATH", "OUTPUT_PATH", "THEME", "CACHE_PATH")


def output_overrides(output: Path | None) -> dict:
    """The settings ``--output`` overrides (none without it)."""
    return {"OUTPUT_PATH": str(output)} if output else {}


class SettingsSnapshot(dict):
    """Plain settings values from a snapshot: what the up-to-date check and
    the build lock read, checked when the snapshot was written (by the code
    whose stamp is ``checked_by``)."""

    checked_by: str | None = None


def read(path: Path, overrides: dict | None = None) -> SettingsSnapshot | None:
    """The snapshot of the settings at ``path``, if nothing it was read from
    changed since; else None."""
    try:
        saved = json.loads(_snapshot_path(path, overrides).read_text(encoding="utf-8"))
        if saved["key"] != _key(path, overrides) or not _sources_unchanged(saved):
            return None
        values = saved["settings"]
        if not all(isinstance(values.get(name), str) for name in _PATHS) or not all(
            _exactly_plain(values.get(name)) for name in USED
        ):
            return None  # not what load() writes: a snapshot edited or damaged
        snapshot = SettingsSnapshot(values)
        snapshot.checked_by = saved.get("checked_by")
        return snapshot
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def load(path: Path, overrides: dict | None = None, checked: SettingsSnapshot | None = None) -> dict:
    """Read the settings the way Pelican does, check them, and keep their
    snapshot for the next build (:exc:`generator.settings.SettingsError`
    for a bad value).

    ``checked``: the snapshot :func:`read` found for them. Settings that
    read the same as their snapshot were checked by the build that kept it,
    if our code is the same (a new version may check more); checking them
    again would load the tagger's configuration (a tenth of a second) for
    nothing."""
    import pelican.settings  # noqa: F401  (its own reads of the environment are no part of the settings)

    from generator.settings import check_build_settings, load_pelican_settings

    key = _key(path, overrides)
    with recording(path) as sources:
        settings = load_pelican_settings(path, overrides)
    code = _code_stamp()
    if checked is None or checked.checked_by != code or plain_settings(settings) != checked:
        check_build_settings(settings)
    target = _snapshot_path(path, overrides)
    with suppress(OSError):
        if sources["followed"] and all(_exactly_plain(settings.get(name)) for name in USED):
            data = {"key": key, **sources, "settings": plain_settings(settings), "checked_by": code}
            write_atomic(target, json.dumps(data, sort_keys=True) + "\n")
        else:
            target.unlink(missing_ok=True)
    return settings


def _code_stamp() -> str:
    """A digest of our code as it is on disk (:func:`generator.warm.code_stamp`):
    the snapshot's key leaves it out, but a check is only as good as the
    code that made it."""
    from generator.warm import code_stamp

    return hashlib.sha256(json.dumps(code_stamp()).encode()).hexdigest()


@contextmanager
def recording(path: Path) -> Iterator[dict]:
    """Note what reading the settings at ``path`` reads: the environment
    variables, the modules and the files. The dict it yields is filled in
    when the block ends: ``files`` (path -> digest), ``environ`` (name ->
    value) and ``followed`` (whether the read could be followed whole)."""
    sources: dict = {}
    # (A file saved within the first clock tick of the read may carry a time
    # just before this, where the system stamps files from a coarse clock:
    # the digest of the settings file itself is compared as well.)
    started = time.time_ns()
    before = _digest(path)
    real_environ, real_open = os.environ, builtins.open
    watched = _RecordingEnviron(real_environ)
    opened: set[str] = set()
    missing = _MissingImports()

    unfollowed: list[str] = []  # what the settings looked at that a digest cannot stand for
    real_stat, real_scandir, real_listdir = os.stat, os.scandir, os.listdir

    def recording_open(file, mode="r", *args, **kwargs):
        try:
            handle = real_open(file, mode, *args, **kwargs)
        except OSError:
            unfollowed.append(f"open {file!r}")  # a file made later would change the settings
            raise
        if isinstance(file, int) or not stat.S_ISREG(real_stat(file).st_mode):
            unfollowed.append(f"open {file!r}")  # a device, a pipe: no digest says what it gave
        elif not any(c in str(mode) for c in "wax+"):
            opened.add(os.fsdecode(file))
        return handle

    def recording_stat(target, *args, **kwargs):
        try:
            found = real_stat(target, *args, **kwargs)
        except OSError:
            unfollowed.append(f"stat {target!r}")  # os.path.exists() of a file not there yet
            raise
        if not isinstance(target, int) and stat.S_ISREG(found.st_mode):
            opened.add(os.fsdecode(target))
        return found

    def recording_listing(real):
        def listing(*args, **kwargs):
            unfollowed.append(f"listing {args!r}")  # glob(), listdir(): a new file changes it
            return real(*args, **kwargs)

        return listing

    os.environ = watched  # noqa: B003  (swapped for the read, not cleared)
    builtins.open = io.open = recording_open
    os.stat = recording_stat
    os.scandir, os.listdir = recording_listing(real_scandir), recording_listing(real_listdir)
    sys.meta_path.append(missing)
    try:
        yield sources
    finally:
        os.environ = real_environ  # noqa: B003
        builtins.open = io.open = real_open
        os.stat, os.scandir, os.listdir = real_stat, real_scandir, real_listdir
        sys.meta_path.remove(missing)
        files = {*_loaded_modules(path), *(Path(f).resolve() for f in opened)}
        sources["files"] = {str(f): _digest(f) for f in sorted(files)}
        sources["environ"] = dict(sorted(watched.read.items()))
        changed_meanwhile = before != sources["files"][str(path.resolve())] or any(
            _modified_since(f, started) for f in files
        )
        sources["followed"] = not (watched.everything or missing.names or unfollowed or changed_meanwhile)


def _loaded_modules(path: Path) -> list[Path]:
    """The settings file, and every module loaded from outside Python's own
    library and the installed packages (a ``publishconf.py`` imports
    ``pelicanconf.py``), but our own code: a change to that is the build's
    business anyway."""
    sites = [p for p in sys.path if os.path.basename(p.rstrip(os.sep)) in ("site-packages", "dist-packages")]
    skipped = tuple(
        os.path.realpath(folder) + os.sep for folder in [os.path.dirname(os.__file__), Path(__file__).parent, *sites]
    )
    files = {path.resolve()}
    for module in list(sys.modules.values()):
        where = getattr(module, "__file__", None)
        if where and not os.path.realpath(where).startswith(skipped):
            files.add(Path(os.path.realpath(where)))
    return sorted(files)


class _MissingImports(importlib.abc.MetaPathFinder):
    """Last on the import path while the settings are read: whatever
    reaches it is a module no finder found (an optional import that failed,
    which a file created later would satisfy)."""

    def __init__(self):
        self.names: list[str] = []

    def find_spec(self, fullname, path=None, target=None):
        self.names.append(fullname)
        return None


class _RecordingEnviron(os._Environ):
    """``os.environ`` that notes each variable read (``everything``: the
    settings walked the whole environment). It shares the real one's
    variables, so it behaves as it in every other way."""

    def __init__(self, real: os._Environ):
        super().__init__(real._data, real.encodekey, real.decodekey, real.encodevalue, real.decodevalue)
        self.read: dict[str, str | None] = {}
        self.everything = False

    def __getitem__(self, key):
        try:
            value = super().__getitem__(key)
        except KeyError:
            self.read.setdefault(key, None)
            raise
        self.read.setdefault(key, value)
        return value

    def __contains__(self, key) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def __iter__(self):
        self.everything = True
        return super().__iter__()

    def __len__(self) -> int:
        self.everything = True
        return super().__len__()

    def copy(self) -> dict:
        self.everything = True
        return super().copy()


def _exactly_plain(value) -> bool:
    """Whether ``value`` comes back from the snapshot as it is (text,
    numbers, and lists or tuples of them)."""
    if type(value) in (type(None), bool, int, float, str):
        return True
    if type(value) in (list, tuple):
        return all(_exactly_plain(v) for v in value)
    return False


def _modified_since(path: Path, moment: int) -> bool:
    try:
        return path.stat().st_mtime_ns > moment
    except OSError:
        return True


def _sources_unchanged(saved: dict) -> bool:
    if any(os.environ.get(name) != value for name, value in saved["environ"].items()):
        return False
    return all(_digest(Path(name)) == digest for name, digest in saved["files"].items())


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _key(path: Path, overrides: dict | None) -> str:
    # The search path as the process started: part of what the settings were read with.
    where = [str(path.resolve()), os.getcwd(), list(STARTUP_PATH)]
    parts = [FORMAT, *where, plain_settings(overrides or {}), installed_versions()]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _snapshot_path(path: Path, overrides: dict | None) -> Path:
    name = hashlib.sha256(json.dumps([str(path.resolve()), plain_settings(overrides or {})]).encode()).hexdigest()
    return path.resolve().parent / FOLDER / f"{name[:20]}.json"
