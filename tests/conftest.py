"""Shared fixtures: a throw-away site made from the repository's settings."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
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


def run_generator(*args: str, timeout: int = 300, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m generator ARGS`` in a fresh process, as a user runs it
    (with ``env`` added to the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **env} if env else None,
    )


def build(settings: Path) -> Path:
    """Build the site of ``settings`` quietly; return its output folder."""
    result = run_generator("build", "-q", "--settings", str(settings))
    assert result.returncode == 0, result.stderr + result.stdout
    return settings.parent / "output"


def seed_site(root: Path, *, pages: bool = False, **overrides) -> Path:
    """A site in ``root`` with the seed as its raw file; returns its settings file."""
    (root / "content" / "raw").mkdir(parents=True)
    shutil.copy(SEED, root / "content" / "raw" / SEED.name)
    if pages:
        shutil.copytree(ROOT / "content" / "pages", root / "content" / "pages")
    return write_settings(root, **overrides)


def every_file(output: Path) -> dict[str, bytes]:
    """Each output file's bytes; the search index's fragments unpacked."""
    files = {}
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if "fragment" in path.parts:
            data = gzip.decompress(data)
        files[path.relative_to(output).as_posix()] = data
    return files


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A fresh site folder holding a copy of the seed as its only raw file."""
    seed_site(tmp_path)
    return tmp_path
