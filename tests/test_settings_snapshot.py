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


def test_a_build_with_nothing_changed_never_imports_pelican(tmp_path):
    settings = seed_site(tmp_path)
    assert run_generator("build", "-q", "--settings", str(settings)).returncode == 0
    check = (
        "import sys; from generator.cli import main; "
        f"status = main(['build', '--no-convert', '--settings', {str(settings)!r}]); "
        "print('pelican imported' if 'pelican' in sys.modules else 'no pelican', status)"
    )
    found = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "nothing changed since the last build" in found.stdout, found.stdout + found.stderr
    assert found.stdout.strip().endswith("no pelican 0")
    # A setting edited: the build reads the settings and renders again.
    settings.write_text(settings.read_text() + 'SITENAME = "The Quayside Courier"\n')
    result = run_generator("build", "--no-convert", "--settings", str(settings))
    assert result.returncode == 0 and "nothing changed" not in result.stdout
    assert "The Quayside Courier" in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
