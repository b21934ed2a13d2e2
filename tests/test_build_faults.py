"""Builds that survive each other and faults: the site lock, OS errors in one
line, and front matter a hand edit broke, named by file, line and field."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build, run_generator, seed_site
from test_kill_and_rerun import snapshot

from generator import cli, fsio
from generator.lock import SiteLocked, site_lock
from generator.settings import load_pelican_settings


def build_command(settings: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "-q", "--settings", str(settings), *extra]


def fixed_time_site(root: Path) -> Path:
    """The seed site, its raw file dated (it has no dateline) the same in every copy."""
    settings = seed_site(root)
    for raw in (root / "content" / "raw").iterdir():
        os.utime(raw, (1_764_000_000, 1_764_000_000))
    return settings


def test_two_builds_started_together_leave_the_site_a_clean_build_leaves(tmp_path):
    reference = build(fixed_time_site(tmp_path / "reference"))
    settings = fixed_time_site(tmp_path / "twice")
    first, second = (
        subprocess.Popen(build_command(settings), cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(2)
    )
    results = [(p.wait(timeout=300), p.stderr.read()) for p in (first, second)]
    assert [code for code, _ in results] == [0, 0], results
    assert any("waiting for another build of this site" in err for _, err in results), results
    assert snapshot(settings.parent / "output") == snapshot(reference)


def test_a_build_with_no_wait_stops_while_another_holds_the_lock(tmp_path):
    settings = seed_site(tmp_path)
    with site_lock(load_pelican_settings(settings)):
        result = run_generator("build", "--no-wait", "--settings", str(settings))
    assert result.returncode == 1
    assert "another build of this site is running (pid " in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists()


def test_a_waiting_build_runs_once_the_lock_is_free(tmp_path):
    settings = seed_site(tmp_path)
    with site_lock(load_pelican_settings(settings)):
        process = subprocess.Popen(build_command(settings), cwd=ROOT, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)
        assert process.poll() is None, "the second build must wait"
    assert process.wait(timeout=300) == 0
    assert "waiting for another build" in process.stderr.read()
    assert (tmp_path / "output" / "index.html").is_file()


def test_the_lock_in_one_process_refuses_a_second_holder_without_waiting(tmp_path):
    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    with site_lock(settings), pytest.raises(SiteLocked, match="another build of this site is running"):  # noqa: SIM117
        with site_lock(settings, wait=False):
            pass
    with site_lock(settings, wait=False):
        pass


def test_a_failed_write_names_the_file_even_when_the_system_call_does_not(tmp_path, monkeypatch):
    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsio.os, "replace", full)
    target = tmp_path / "page.html"
    with pytest.raises(OSError) as caught:
        fsio.write_atomic(target, "<p>news</p>")
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(target)
    assert list(tmp_path.iterdir()) == [], "no temporary file is left behind"


def test_a_full_disk_ends_the_build_with_one_line_and_status_1(tmp_path, monkeypatch, capsys):
    settings = seed_site(tmp_path)
    real = fsio._replace

    def full_for_story_pages(path: Path, payload: bytes) -> bool:
        if "/output/stories/" in str(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, payload)

    monkeypatch.setattr(fsio, "_replace", full_for_story_pages)
    status = cli.main(["build", "-q", "--settings", str(settings)])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert len(err) == 1, err
    assert err[0].startswith(f"error: {tmp_path}/output/stories/")
    assert err[0].endswith("index.html: No space left on device (the disk is full: free some space, then build again)")


def test_an_output_folder_that_cannot_be_made_gets_one_line(tmp_path):
    settings = seed_site(tmp_path)
    (tmp_path / "a-file").write_text("not a folder")
    result = run_generator("build", "-q", "--settings", str(settings), "--output", str(tmp_path / "a-file" / "site"))
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {tmp_path}/a-file/site") and line.endswith(": Not a directory")


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ('"not a date"', "'not a date' is not a date: write it as 2026-03-03"),
        ('"March 3"', "'March 3' is not a whole date: write day, month and year"),
    ],
)
def test_a_broken_hand_edited_date_is_named_with_file_line_field_and_why(tmp_path, written, reason):
    settings = seed_site(tmp_path)
    assert run_generator("convert", "-q", "--settings", str(settings)).returncode == 0
    story = sorted((tmp_path / "content" / "stories").glob("*.md"))[0]
    lines = story.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("date:"))
    lines[number - 1] = f"date: {written}\n"
    story.write_text("".join(lines), encoding="utf-8")
    result = run_generator("build", "-q", "--no-convert", "--settings", str(settings))
    assert result.returncode == 1
    assert f"{story}:{number}: front matter 'date': {reason}" in result.stderr
    # The other stories are still built.
    assert (tmp_path / "output" / "index.html").is_file()


def test_output_files_are_readable_by_a_web_server(tmp_path):
    output = build(seed_site(tmp_path))
    modes = {oct(p.stat().st_mode & 0o777) for p in output.rglob("*") if p.is_file()}
    # As open() creates files (0644 under the usual umask), not mkstemp's 0600.
    assert modes == {oct(fsio.FILE_MODE)}
    assert fsio._current_umask() & fsio.FILE_MODE == 0


def test_help_names_the_exit_statuses():
    assert "Exit status" in cli.build_parser().format_help()


def test_the_preview_answers_a_missing_page_with_the_sites_404_page(tmp_path):
    import threading
    import urllib.error
    import urllib.request
    from functools import partial
    from http.server import ThreadingHTTPServer

    from generator.preview import SiteRequestHandler

    (tmp_path / "404.html").write_text("<h1>Not here</h1>")
    (tmp_path / "index.html").write_text("<h1>Home</h1>")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SiteRequestHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/stories/gone/", timeout=10)
        assert missing.value.code == 404
        assert missing.value.read() == b"<h1>Not here</h1>"
        with urllib.request.urlopen(f"{base}/", timeout=10) as home:
            assert home.read() == b"<h1>Home</h1>"
    finally:
        server.shutdown()


def test_a_slug_copied_into_a_second_story_is_named_and_the_first_is_published(tmp_path):
    settings = seed_site(tmp_path)
    assert run_generator("convert", "-q", "--settings", str(settings)).returncode == 0
    first = sorted((tmp_path / "content" / "stories").glob("*.md"))[0]
    copy = first.with_name("zz-copy.md")
    copy.write_text(first.read_text(encoding="utf-8").replace('id: "urn:uuid:', 'id: "urn:uuid:0', 1))
    result = run_generator("build", "-q", "--no-convert", "--settings", str(settings))
    assert result.returncode == 1
    assert f"{copy}: slug " in result.stderr and f"is taken by {first}" in result.stderr
    assert "Traceback" not in result.stderr
    page = tmp_path / "output" / "stories" / first.stem / "index.html"
    assert page.is_file()
