"""Shared fixtures: a throw-away site made from the repository's settings."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "raw" / "000_cdde8cab6a7f643b.txt"


def write_settings(site: Path, **overrides) -> Path:
    """A settings file in ``site`` that reuses pelicanconf.py with local paths."""
    extra = "\n".join(f"{k} = {v!r}" for k, v in overrides.items())
    settings = site / "testconf.py"
    settings.write_text(
        textwrap.dedent(
            f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from pelicanconf import *  # noqa
            PATH = {str(site / "content")!r}
            OUTPUT_PATH = {str(site / "output")!r}
            THEME = {str(ROOT / "theme")!r}
            """
        )
        + extra
        + "\n"
    )
    return settings


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A fresh site folder holding a copy of the seed as its only raw file."""
    raw = tmp_path / "content" / "raw"
    raw.mkdir(parents=True)
    shutil.copy(SEED, raw / SEED.name)
    write_settings(tmp_path)
    return tmp_path
