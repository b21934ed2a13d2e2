"""A build that finds nothing changed reads the settings' snapshot instead of
importing Pelican, and the snapshot never outlives what it was read from."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_generator, seed_site

from generator import settings_snapshot
from generator.page_memo import plain_settings


@pytest.fixture
def reading(tmp_path: Path, monkeypatch):
    """A settings file that imports a helper module of its own and reads an
    environment variable."""
    seed = seed_site(tmp_path / "site")
    helper = tmp_path / "snapshot_helper_conf.py"
    helper.write_text('SITENAME = "Harbour Gazette"\n')
    settings = tmp_path / "site" / "testconf.py"
    settings.write_text(
        seed.read_text()
        + f"sys.path.insert(0, {str(tmp_path)!r})\n"
        + "import os\nfrom snapshot_helper_conf import SITENAME\n"
        + 'SITESUBTITLE = os.environ.get("SNAPSHOT_TEST_SUBTITLE", "News from the quay")\n'
    )
    monkeypatch.delenv("SNAPSHOT_TEST_SUBTITLE", raising=False)
    sys.modules.pop("snapshot_helper_conf", None)
    return settings, helper


def test_a_snapshot_holds_the_settings_plain_values(reading):
    settings, _ = reading
    loaded = settings_snapshot.load(settings)
    snapshot = settings_snapshot.read(settings)
    assert snapshot == plain_settings(loaded)
    assert snapshot["SITENAME"] == "Harbour Gazette" and snapshot["SITESUBTITLE"] == "News from the quay"
    # Another --output is another snapshot.
    assert settings_snapshot.read(settings, {"OUTPUT_PATH": "elsewhere"}) is None


def test_settings_are_checked_again_unless_the_same_code_checked_them(reading, monkeypatch):
    from generator import settings as settings_module

    settings, _ = reading
    settings_snapshot.load(settings)
    checks = []
    monkeypatch.setattr(settings_module, "check_build_settings", checks.append)
    settings_snapshot.load(settings, checked=settings_snapshot.read(settings))
    assert checks == []
    # A snapshot another version of our code kept: its check may have been a lesser one.
    [saved] = (settings.parent / settings_snapshot.FOLDER).glob("*.json")
    saved.write_text(saved.read_text().replace('"checked_by": "', '"checked_by": "older '))
    settings_snapshot.load(settings, checked=settings_snapshot.read(settings))
    assert len(checks) == 1


def test_a_snapshot_goes_stale_with_the_environment_it_read(reading, monkeypatch):
    settings, _ = reading
    settings_snapshot.load(settings)
    monkeypatch.setenv("SNAPSHOT_TEST_SUBTITLE", "Tides and trade")
    assert settings_snapshot.read(settings) is None
    monkeypatch.delenv("SNAPSHOT_TEST_SUBTITLE")
    assert settings_snapshot.read(settings) is not None
    # A variable the settings never read changes nothing.
    monkeypatch.setenv("SNAPSHOT_TEST_UNREAD", "1")
    assert settings_snapshot.read(settings) is not None


def test_a_snapshot_goes_stale_with_the_files_it_was_read_from(reading):
    settings, helper = reading
    settings_snapshot.load(settings)
    helper.write_text('SITENAME = "Quayside Gazette"\n')
    assert settings_snapshot.read(settings) is None
    sys.modules.pop("snapshot_helper_conf", None)
    assert settings_snapshot.load(settings)["SITENAME"] == "Quayside Gazette"
    assert settings_snapshot.read(settings) is not None
    settings.write_text(settings.read_text() + 'SITESUBTITLE = "Harbour news"\n')
    assert settings_snapshot.read(settings) is None


def test_a_damaged_snapshot_is_ignored(reading):
    settings, _ = reading
    settings_snapshot.load(settings)
    [saved] = (settings.parent / settings_snapshot.FOLDER).glob("*.json")
    saved.write_text("{not json")
    assert settings_snapshot.read(settings) is None
    saved.write_text(json.dumps({"key": "other"}))
    assert settings_snapshot.read(settings) is None
    good = settings_snapshot.load(settings) and json.loads(saved.read_text())
    saved.write_text(json.dumps({**good, "environ": []}))
    assert settings_snapshot.read(settings) is None
    saved.write_text(json.dumps({**good, "settings": {**good["settings"], "PATH": 5}}))
    assert settings_snapshot.read(settings) is None


def _with(settings: Path, *lines: str) -> Path:
    settings.write_text(settings.read_text() + "\n".join(lines) + "\n")
    return settings


@pytest.mark.parametrize(
    "lines",
    [
        # A value the up-to-date check reads that would not come back as it is.
        ["from pathlib import Path", "THEME = Path(THEME)"],
        ["from datetime import datetime, timezone", "NEWSROOM_NOW = datetime(2026, 12, 3, 12, tzinfo=timezone.utc)"],
        # An optional import that failed: a file made later would change the settings.
        ["try:", "    from snapshot_local_settings_absent import *", "except ImportError:", "    pass"],
        # The whole environment walked.
        ["EXTRA = dict(os.environ.copy())"],
        ["MERGED = os.environ | {'X': '1'}"],
        # Files that are not there yet, folders listed, a device read.
        ["try:", "    SITENAME = open('/nonexistent/snapshot-name.txt').read()", "except OSError:", "    pass"],
        ["HAVE_LOCAL = os.path.exists('/nonexistent/snapshot-local.py')"],
        ["import glob", "FOUND = sorted(glob.glob('/nonexistent/*.txt'))"],
        ["SALT = open('/dev/urandom', 'rb').read(8).hex()"],
    ],
    ids=[
        "path",
        "datetime",
        "failed import",
        "environment copied",
        "environment merged",
        "missing file",
        "exists",
        "glob",
        "device",
    ],
)
def test_no_snapshot_where_the_read_cannot_be_followed(reading, lines):
    settings, _ = reading
    settings_snapshot.load(_with(settings, *lines))
    assert settings_snapshot.read(settings) is None


def test_a_snapshot_goes_stale_with_a_file_the_settings_read(reading):
    settings, _ = reading
    data = settings.parent / "subtitle.txt"
    data.write_text("From the quay")
    _with(settings, f"SITESUBTITLE = open({str(data)!r}).read()")
    assert settings_snapshot.load(settings)["SITESUBTITLE"] == "From the quay"
    assert settings_snapshot.read(settings) is not None
    data.write_text("From the harbour")
    assert settings_snapshot.read(settings) is None


def test_no_snapshot_when_a_file_changes_while_it_is_read(reading):
    settings, _ = reading
    data = settings.parent / "subtitle.txt"
    data.write_text("From the quay")
    # The settings read the file, and the file is saved again meanwhile.
    later = "time.time_ns() + 2_000_000_000"
    _with(
        settings,
        "import time",
        f"SITESUBTITLE = open({str(data)!r}).read()",
        f"os.utime({str(data)!r}, ns=({later}, {later}))",
    )
    settings_snapshot.load(settings)
    assert settings_snapshot.read(settings) is None


def _build_and_list_modules(settings: Path) -> tuple[str, set[str]]:
    """A build run as ``python -m generator`` would run it: its output, and
    the modules it imported."""
    check = (
        # As under ``python -m generator``: the working folder first on the path.
        "import os, sys; sys.path[0] = os.getcwd(); from generator.cli import main; "
        f"status = main(['build', '--no-convert', '--settings', {str(settings)!r}]); "
        "print('modules:', status, ' '.join(sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, timeout=120)
    out, _, modules = found.stdout.rpartition("modules: 0 ")
    assert modules, found.stdout + found.stderr
    return out, set(modules.split())


def test_a_quick_build_with_the_same_settings_does_not_load_the_tagger(tmp_path):
    # The build that kept the snapshot checked these settings; checking them
    # again would import the tagger's configuration for nothing.
    settings = seed_site(tmp_path)
    assert run_generator("build", "-q", "--settings", str(settings)).returncode == 0
    story = sorted((tmp_path / "content" / "stories").glob("*.md"))[0]
    story.write_text(story.read_text(encoding="utf-8") + "\nThe harbour office opens at nine.\n", encoding="utf-8")
    out, modules = _build_and_list_modules(settings)
    assert "1 changed story rebuilt from the site index" in out
    assert "generator.convert.topics" not in modules


def test_a_build_with_nothing_changed_never_imports_pelican(tmp_path):
    settings = seed_site(tmp_path)
    assert run_generator("build", "-q", "--settings", str(settings)).returncode == 0
    out, modules = _build_and_list_modules(settings)
    assert "nothing changed since the last build" in out
    assert "pelican" not in modules
    # With --output too, what a module the settings import reads counts.
    helper = tmp_path / "snapshot_env_helper.py"
    helper.write_text('import os\nSITESUBTITLE = os.environ.get("SNAPSHOT_TEST_SUBTITLE", "Quay news")\n')
    settings.write_text(
        settings.read_text() + f"sys.path.insert(0, {str(tmp_path)!r})\nfrom snapshot_env_helper import *\n"
    )
    other = tmp_path / "other-output"
    for subtitle in ("Tides", "Trade"):
        args = ("build", "--no-convert", "--output", str(other), "--settings", str(settings))
        result = run_generator(*args, env={"SNAPSHOT_TEST_SUBTITLE": subtitle})
        assert result.returncode == 0 and "nothing changed" not in result.stdout, result.stdout + result.stderr
        assert subtitle in (other / "index.html").read_text(encoding="utf-8")
    # A setting edited: the build reads the settings and renders again.
    settings.write_text(settings.read_text() + 'SITENAME = "The Quayside Courier"\n')
    result = run_generator("build", "--no-convert", "--settings", str(settings))
    assert result.returncode == 0 and "nothing changed" not in result.stdout
    assert "The Quayside Courier" in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
