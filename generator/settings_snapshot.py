"""The settings as the last build read them, without importing Pelican.

Reading ``pelicanconf.py`` the way Pelican does means importing Pelican
(0.25 s) and our tagger's configuration (0.1 s): half of a build that finds
nothing changed. So after a build reads and checks its settings, their plain
values (:func:`generator.page_memo.plain_settings`: text, numbers, lists)
are kept in a snapshot, with what they were read from:

- the settings file and the modules it imported (by digest);
- each environment variable the settings file read, and its value;
- the overrides (``--output``), the working folder, Python and the
  installed packages (whose defaults a new Pelican may change).

The next build uses the snapshot only to see whether nothing changed
(:func:`generator.build.build_site`); as soon as anything did, it reads the
settings with Pelican as before. A snapshot that cannot be read, or that
does not match, is ignored.

The snapshot lives in ``.cache/settings/`` beside the settings file (the
cache path is itself a setting, so it cannot be the place to look first).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager, suppress
from pathlib import Path

from generator.fsio import write_atomic
from generator.page_memo import plain_settings

FOLDER = Path(".cache") / "settings"


class SettingsSnapshot(dict):
    """Plain settings values from a snapshot: what the up-to-date check and
    the build lock read, checked when the snapshot was written."""


def read(path: Path, overrides: dict | None = None) -> SettingsSnapshot | None:
    """The snapshot of the settings at ``path``, if nothing it was read from
    changed since; else None."""
    try:
        saved = json.loads(_snapshot_path(path, overrides).read_text(encoding="utf-8"))
        if saved["key"] != _key(path, overrides) or not _sources_unchanged(saved):
            return None
        return SettingsSnapshot(saved["settings"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(path: Path, overrides: dict | None, settings: dict, sources: dict) -> None:
    """Keep the snapshot of ``settings``, read from ``sources`` (see
    :func:`recording`). A snapshot that cannot be written is no loss."""
    data = {"key": _key(path, overrides), **sources, "settings": plain_settings(settings)}
    with suppress(OSError):
        write_atomic(_snapshot_path(path, overrides), json.dumps(data, sort_keys=True) + "\n")


@contextmanager
def recording(path: Path) -> Iterator[dict]:
    """Note what reading the settings at ``path`` reads: the environment
    variables, and the project's modules it imports. The dict it yields is
    filled in when the block ends."""
    sources: dict = {}
    real = os.environ
    watched = _RecordingEnviron(real)
    os.environ = watched  # noqa: B003  (swapped for the read, not cleared)
    try:
        yield sources
    finally:
        os.environ = real  # noqa: B003
        sources["files"] = {str(f): _digest(f) for f in _project_modules(path)}
        sources["environ"] = None if watched.everything else dict(sorted(watched.read.items()))


def _project_modules(path: Path) -> list[Path]:
    """The settings file, and every module loaded from outside Python and
    its packages (a ``publishconf.py`` imports ``pelicanconf.py``), but our
    own code: a change to that is the build's business anyway."""
    installed = tuple({os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)})
    ours = os.path.realpath(Path(__file__).parent) + os.sep
    files = {path.resolve()}
    for module in list(sys.modules.values()):
        where = getattr(module, "__file__", None)
        if where:
            where = os.path.realpath(where)
            if not where.startswith(installed) and not where.startswith(ours) and "site-packages" not in where:
                files.add(Path(where))
    return sorted(files)


class _RecordingEnviron(MutableMapping):
    """``os.environ`` that notes each variable read (``everything``: the
    settings walked the whole environment)."""

    def __init__(self, real: MutableMapping):
        self.real = real
        self.read: dict[str, str | None] = {}
        self.everything = False

    def __getitem__(self, key):
        self.read.setdefault(key, self.real.get(key))
        return self.real[key]

    def __contains__(self, key) -> bool:
        self.read.setdefault(key, self.real.get(key))
        return key in self.real

    def __setitem__(self, key, value) -> None:
        self.real[key] = value

    def __delitem__(self, key) -> None:
        del self.real[key]

    def __iter__(self):
        self.everything = True
        return iter(self.real)

    def __len__(self) -> int:
        self.everything = True
        return len(self.real)

    def copy(self) -> dict:
        self.everything = True
        return dict(self.real)


def _sources_unchanged(saved: dict) -> bool:
    if saved["environ"] is None:
        return False
    if any(os.environ.get(name) != value for name, value in saved["environ"].items()):
        return False
    return all(_digest(Path(name)) == digest for name, digest in saved["files"].items())


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _key(path: Path, overrides: dict | None) -> str:
    from generator.up_to_date import installed_versions

    parts = [str(path.resolve()), os.getcwd(), plain_settings(overrides or {}), installed_versions()]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _snapshot_path(path: Path, overrides: dict | None) -> Path:
    name = hashlib.sha256(json.dumps([str(path.resolve()), plain_settings(overrides or {})]).encode()).hexdigest()
    return path.resolve().parent / FOLDER / f"{name[:20]}.json"


def load(path: Path, overrides: dict | None = None) -> dict:
    """Read the settings the way Pelican does, check them, and keep their
    snapshot for the next build (:exc:`generator.settings.SettingsError`
    for a bad value)."""
    import pelican.settings  # noqa: F401  (its own reads of the environment are no part of the settings)

    from generator.settings import check_build_settings, load_pelican_settings

    with recording(path) as sources:
        settings = load_pelican_settings(path, overrides)
    check_build_settings(settings)
    write(path, overrides, settings, sources)
    return settings
