"""The preview (``python -m generator serve``): live reload added to pages as
they are served, never to the built files; the watcher rebuilds on a change,
ignores editors' temporary files and survives a failing build."""

from __future__ import annotations

import contextlib
import functools
import json
import re
import threading
import time
import urllib.error
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT, run_generator, write_settings
from samples import CHOIR, HARBOUR

from generator import warm, watch
from generator.preview import SCRIPT_PATH, SCRIPT_TAG, LiveReload, SiteRequestHandler, event_stream
from generator.settings import load_pelican_settings
from generator.warm import WarmBuilder

POLL = 0.05


def _story(slug: str, day: int, lines: list[str], category: str, tag: str) -> str:
    title = lines[0].split(" will ")[0].split(" has ")[0]
    front = {
        "title": title,
        "date": f"2026-03-{day:02d}T09:00:00+00:00",
        "slug": slug,
        "summary": lines[0],
        "category": category,
    }
    head = "".join(f"{key}: {json.dumps(value)}\n" for key, value in front.items())
    body = "\n\n".join(lines[1:])
    return f"---\n{head}tags:\n- {json.dumps(tag)}\n---\n\n{body}\n"


def _tiny_site(root: Path) -> Path:
    """Two Markdown stories written for the tests, built; returns the settings file."""
    stories = root / "content" / "stories"
    stories.mkdir(parents=True)
    (stories / "harbour.md").write_text(_story("harbour-dredging", 1, HARBOUR, "Business", "Port Ellis"))
    (stories / "choir.md").write_text(_story("choir-contest", 2, CHOIR, "Culture", "Vale of Arden"))
    settings = write_settings(root, NEWSROOM_SEARCH=False)
    result = run_generator("build", "-q", "--no-convert", "--settings", str(settings))
    assert result.returncode == 0, result.stderr
    return settings


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A built tiny site shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("preview")
    _tiny_site(root)
    return root / "output"


@contextlib.contextmanager
def serving(output: Path, live: LiveReload | None):
    handler = functools.partial(SiteRequestHandler, directory=str(output), live=live)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        if live:
            live.close()
        server.shutdown()
        server.server_close()


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


# ---------------------------------------------------------------- the handler


def test_html_pages_carry_the_reload_script_and_nothing_else_does(built):
    with serving(built, LiveReload()) as url:
        status, kind, home = _get(url + "/")
        assert status == 200 and kind.startswith("text/html")
        assert home.count(SCRIPT_TAG) == 1
        assert home == (built / "index.html").read_bytes().replace(b"</body>", SCRIPT_TAG + b"</body>")
        story = next((built / "stories").iterdir())
        assert SCRIPT_TAG in _get(f"{url}/stories/{story.name}/")[2]
        # Everything that is not HTML goes out exactly as built.
        for path in ["feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/all.json", "theme/css/site.css", "sitemap.xml"]:
            status, _, body = _get(f"{url}/{path}")
            assert status == 200 and body == (built / path).read_bytes(), path
        status, kind, script = _get(url + SCRIPT_PATH)
        assert status == 200 and kind.startswith("text/javascript") and b"EventSource" in script
        # A missing page still gets the site's own 404 page, reloading too.
        status, kind, missing = _get(url + "/stories/gone/")
        assert status == 404 and kind.startswith("text/html")
        assert missing == (built / "404.html").read_bytes().replace(b"</body>", SCRIPT_TAG + b"</body>")
    assert not [p for p in built.rglob("*") if p.is_file() and b"__newsroom" in p.read_bytes()]


def test_without_live_reload_pages_go_out_as_built(built):
    with serving(built, None) as url:
        assert _get(url + "/")[2] == (built / "index.html").read_bytes()
        assert _get(url + SCRIPT_PATH)[0] == 404


def test_the_themes_content_security_policy_lets_the_reload_script_run():
    """The script is a same-origin file and listens with an EventSource,
    which the policy must allow: script-src and connect-src 'self' (a
    directive the policy leaves out falls back to default-src)."""
    base = (ROOT / "theme" / "templates" / "base.html").read_text()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', base)
    rules = {part.split()[0]: part.split()[1:] for part in policy.group(1).split(";") if part.strip()}
    assert "'self'" in rules.get("script-src", rules["default-src"])
    assert "'self'" in rules.get("connect-src", rules["default-src"])


def test_the_event_stream_sends_the_generation_then_each_new_one():
    live = LiveReload()
    events = event_stream(live, keepalive=0.01)
    first = next(events)
    assert first.startswith(b"retry: 1000\ndata: ")
    assert next(events) == b": keep-alive\n\n"
    assert live.rebuilt() == 0
    second = next(events)
    assert second.startswith(b"retry: 1000\ndata: ") and second != first
    live.close()
    assert list(events) == []


# ---------------------------------------------------------------- the watcher


class Watching:
    """The watcher's loop in a thread, as ``serve`` runs it, with what it said."""

    def __init__(self, settings: Path, live: LiveReload | None = None, run=watch.run_command):
        self.live = live or LiveReload()
        self.lines: list[str] = []
        self.stop = threading.Event()
        sources = watch.sources_of(load_pelican_settings(settings), settings, settings.parent / "output")
        self.thread = threading.Thread(
            target=watch.watch,
            args=(sources, watch.Commands(settings), self.live.rebuilt, self.stop),
            kwargs={"run": run, "poll": POLL, "say": self.lines.append, "cwd": str(settings.parent)},
        )

    def __enter__(self):
        self.thread.start()
        time.sleep(3 * POLL)  # the first snapshot is taken
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=30)

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            assert time.monotonic() < deadline, f"no {text!r} in {self.lines}"
            time.sleep(POLL)


def _events(url: str):
    """The generations the preview's event stream sends, one at a time."""
    with urllib.request.urlopen(url + "/__newsroom/events", timeout=30) as stream:
        for line in stream:
            if line.startswith(b"data: "):
                yield line[len(b"data: ") :].strip().decode()


def test_a_changed_story_rebuilds_the_site_and_starts_a_new_generation(tmp_path):
    settings = _tiny_site(tmp_path)
    story = tmp_path / "content" / "stories" / "choir.md"
    page = tmp_path / "output" / "stories" / "choir-contest" / "index.html"
    with Watching(settings) as watching, serving(tmp_path / "output", watching.live) as url:
        events = _events(url)
        first = next(events)
        story.write_text(story.read_text() + "\nThe choir will tour the county in May.\n")
        assert next(events) != first
    assert "The choir will tour the county in May." in page.read_text()
    watching.wait_for("rebuilt in")
    assert watching.lines[0] == "changed: content/stories/choir.md → rebuilding…"
    # The tab reloads once the pages are on disk, before the search index is done.
    assert re.fullmatch(r"pages ready in \d+\.\d s, reloading 1 tab", watching.lines[1]), watching.lines
    assert re.fullmatch(r"rebuilt in \d+\.\d s", watching.lines[-1]), watching.lines
    assert b"__newsroom" not in page.read_bytes()


def test_a_failing_build_is_reported_and_the_server_goes_on(tmp_path):
    settings = _tiny_site(tmp_path)
    story = tmp_path / "content" / "stories" / "harbour.md"
    good = story.read_text()
    with Watching(settings) as watching, serving(tmp_path / "output", watching.live) as url:
        before = watching.live.generation
        story.write_text(good.replace('date: "2026-03-01T09:00:00+00:00"', 'date: "not a date"'))
        watching.wait_for("build failed")
        assert watching.live.generation == before
        # The build's own one-line error, naming the file, line and field.
        assert any(f"{story}:3: front matter 'date': 'not a date' is not a date" in line for line in watching.lines)
        assert not any("Traceback" in line for line in watching.lines)
        assert _get(url + "/")[0] == 200
        story.write_text(good)
        watching.wait_for("rebuilt in")
        assert watching.live.generation != before


class FakeRun:
    """Records the commands the watcher runs, instead of running them."""

    def __init__(self, on_convert=None):
        self.commands: list[str] = []
        self.on_convert = on_convert

    def __call__(self, args: list[str], on_ready=None) -> watch.CommandResult:
        self.commands.append(args[0])
        if args[0] == "convert" and self.on_convert:
            self.on_convert()
        return watch.CommandResult(0, ())


def _unbuilt_site(root: Path) -> Path:
    (root / "content" / "stories").mkdir(parents=True)
    (root / "content" / "raw").mkdir()
    (root / "content" / "stories" / "a.md").write_text("---\ntitle: A\n---\n\nText.\n")
    return write_settings(root)


def test_editor_temporary_files_do_not_rebuild(tmp_path):
    settings = _unbuilt_site(tmp_path)
    stories = tmp_path / "content" / "stories"
    run = FakeRun()
    with Watching(settings, run=run):
        for name in [".a.md.swp", ".a.md.swx", "a.md~", ".#a.md", "#a.md#", "4913", ".a.md.1234.tmp"]:
            (stories / name).write_text("scratch")
        (tmp_path / "content" / ".cache").mkdir()
        (tmp_path / "content" / ".cache" / "x.md").write_text("cached")
        time.sleep(10 * POLL)
        assert run.commands == []
        (stories / "a.md").write_text("---\ntitle: B\n---\n\nText.\n")
        deadline = time.monotonic() + 10
        while not run.commands and time.monotonic() < deadline:
            time.sleep(POLL)
    assert run.commands == ["build"]


def test_a_burst_of_saves_rebuilds_once(tmp_path):
    settings = _unbuilt_site(tmp_path)
    run = FakeRun()
    with Watching(settings, run=run) as watching:
        for n in range(5):
            (tmp_path / "content" / "stories" / f"new-{n}.md").write_text("---\ntitle: New\n---\n\nText.\n")
            time.sleep(0.01)
        watching.wait_for("rebuilt in")
        time.sleep(10 * POLL)
    assert run.commands == ["build"]
    assert watching.lines[0] == "changed: content/stories/new-0.md and 4 more → rebuilding…"


def test_a_changed_raw_file_is_converted_then_built_and_the_conversion_is_no_new_change(tmp_path):
    settings = _unbuilt_site(tmp_path)
    stories = tmp_path / "content" / "stories"
    run = FakeRun(on_convert=lambda: (stories / "converted.md").write_text("---\ntitle: C\n---\n\nText.\n"))
    with Watching(settings, run=run) as watching:
        (tmp_path / "content" / "raw" / "wire.txt").write_text(" ".join(HARBOUR))
        watching.wait_for("rebuilt in")
        time.sleep(10 * POLL)
    assert run.commands == ["convert", "build"]
    assert watching.lines[0] == "changed: content/raw/wire.txt → converting and rebuilding…"


# ---------------------------------------------------------------- in a browser


def test_an_open_tab_reloads_after_a_rebuild(built):
    from tools.chromium import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed here")
    from playwright.sync_api import sync_playwright

    live = LiveReload()
    with serving(built, live) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.goto(url + "/")
        deadline = time.monotonic() + 10
        while live.tabs < 1:
            assert time.monotonic() < deadline, "the tab never listened"
            time.sleep(POLL)
        page.evaluate("window.beforeTheRebuild = true")
        assert live.rebuilt() == 1
        page.wait_for_function("window.beforeTheRebuild === undefined", timeout=10_000)
        browser.close()
    # A script the Content-Security-Policy blocked would be a console error.
    assert problems == []


def test_a_warm_helper_runs_each_build_as_the_command_line_would(tmp_path):
    settings = _tiny_site(tmp_path)
    story = tmp_path / "content" / "stories" / "choir.md"
    page = tmp_path / "output" / "stories" / "choir-contest" / "index.html"
    builder = WarmBuilder(watch.preview_env())
    assert builder.start()
    try:
        args = watch.Commands(settings).build()
        for n in (1, 2):
            story.write_text(story.read_text() + f"\nThe choir sang {n} times in May.\n")
            heard: list[str] = []
            assert builder.run(args, heard.append) == 0
            assert "newsroom: pages ready\n" in heard  # a quick build, in a preview
            assert f"The choir sang {n} times in May." in page.read_text()
        # A build that fails: its status and its one-line error; the helper goes on.
        good = story.read_text()
        story.write_text(good.replace('date: "2026-03-02T09:00:00+00:00"', 'date: "not a date"'))
        heard = []
        assert builder.run(args, heard.append) == 1
        assert any("front matter 'date'" in line for line in heard), heard
        story.write_text(good)
        assert builder.run(args, [].append) == 0
    finally:
        builder.close()


def test_a_helper_whose_code_changed_runs_nothing(monkeypatch):
    stamps = iter([[("a.py", 1)], [("a.py", 2)]])
    monkeypatch.setattr(warm, "code_stamp", lambda: next(stamps))
    said: list[str] = []
    warm.serve(iter(['["build"]\n']), said.append)
    assert said == [warm.READY, f"{warm.DONE} stale"]


def test_the_preview_reloads_after_a_warm_build(tmp_path):
    settings = _tiny_site(tmp_path)
    story = tmp_path / "content" / "stories" / "harbour.md"
    builder = WarmBuilder(watch.preview_env())
    try:
        with Watching(settings, run=watch.warm_runner(builder)) as watching:
            story.write_text(story.read_text() + "\nDredging starts in June.\n")
            watching.wait_for("rebuilt in")
        assert re.fullmatch(r"pages ready in \d+\.\d s, no tab open to reload", watching.lines[1]), watching.lines
        assert (
            "Dredging starts in June."
            in (tmp_path / "output" / "stories" / "harbour-dredging" / "index.html").read_text()
        )
    finally:
        builder.close()
