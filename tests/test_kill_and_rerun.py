"""A convert or build killed at any point leaves a state the next run completes
from, ending exactly where an uninterrupted run ends."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, write_settings
from samples import CHOIR, HARBOUR

DELAYS = (0.2, 0.5, 0.8, 1.2, 1.6)


def make_site(root: Path) -> Path:
    raw = root / "content" / "raw"
    raw.mkdir(parents=True)
    for f in range(40):
        stories = []
        for n in range(8):
            body = HARBOUR if n % 2 else CHOIR
            lead = body[0].replace("Port Ellis", f"Port {f}-{n}").replace("Vale of Arden", f"Vale {f}-{n}")
            stories.append(f"Date: 2025-03-{1 + f % 28:02d} 09:{n:02d}\n\n" + "\n\n".join([lead, *body[1:]]))
        (raw / f"wire-{f:02d}.txt").write_text("\n\n\n".join(stories))
    write_settings(root)
    return root


def command(root: Path, verb: str) -> list[str]:
    return [sys.executable, "-m", "generator", verb, "-q", "--settings", str(root / "testconf.py")]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def kill_after(cmd: list[str], delay: float) -> None:
    process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()


def test_killed_runs_then_a_full_run_match_an_uninterrupted_run(tmp_path):
    reference = make_site(tmp_path / "reference")
    assert subprocess.run(command(reference, "build"), cwd=ROOT).returncode == 0
    interrupted = make_site(tmp_path / "interrupted")
    for delay in DELAYS:
        kill_after(command(interrupted, "convert"), delay)
    for delay in DELAYS:
        kill_after(command(interrupted, "build"), delay)
    result = subprocess.run(command(interrupted, "build"), cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "conflict" not in result.stderr
    stories = snapshot(interrupted / "content" / "stories")
    assert len([name for name in stories if name.endswith(".md")]) == 320
    assert not [name for name in stories if name.endswith(".tmp")]
    assert stories == snapshot(reference / "content" / "stories")
    # Site output matches too, apart from absolute paths nothing depends on.
    assert snapshot(interrupted / "output") == snapshot(reference / "output")
