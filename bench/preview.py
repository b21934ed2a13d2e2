"""How long the preview takes to show an edit: save to reload.

    .venv/bin/python bench/preview.py SETTINGS [--rounds 5] [--port PORT]

SETTINGS is a built site's settings file (bench/run.py --work DIR leaves
one, or write one as tests/conftest.py does). The script starts
``python -m generator serve`` on the site, listens to its live-reload event
stream as a browser tab does, then in each round appends a sentence to one
story's Markdown and times, from the save:

* page: until the story's page in the output folder holds the sentence;
* reload: until the event stream sends the new generation (the moment an
  open tab starts reloading).

It prints each round and the median, and the server's own progress lines.
Each round edits another story; the stories keep the added sentences.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.settings import load_pelican_settings  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(settings: Path, port: int) -> tuple[subprocess.Popen, list[str]]:
    """The preview, with its output lines collected as they come."""
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port), "--settings", str(settings)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []

    def collect() -> None:
        for line in server.stdout:
            if '"GET ' not in line:
                lines.append(line.rstrip("\n"))

    threading.Thread(target=collect, daemon=True).start()
    return server, lines


def listen(port: int) -> list[tuple[float, str]]:
    """The generations the event stream sends, with the time each arrived."""
    for _ in range(100):
        try:
            stream = urllib.request.urlopen(f"http://127.0.0.1:{port}/__newsroom/events", timeout=600)
            break
        except OSError:
            time.sleep(0.1)
    else:
        raise SystemExit("the preview did not start")
    events: list[tuple[float, str]] = []

    def read() -> None:
        for line in stream:
            if line.startswith(b"data: "):
                events.append((time.monotonic(), line[6:].strip().decode()))

    threading.Thread(target=read, daemon=True).start()
    while not events:
        time.sleep(0.01)
    return events


def wait_until_idle(lines: list[str], timeout: float = 600) -> None:
    """Until the preview has finished its last rebuild (the search index
    included) and a second has passed."""
    give_up = time.monotonic() + timeout
    while time.monotonic() < give_up:
        last = [line for line in lines if "rebuilt in" in line or "rebuilding" in line or "failed" in line]
        started = any("serving" in line or "Serving" in line for line in lines)
        if started and (not last or "rebuilding" not in last[-1]):
            break
        time.sleep(0.1)
    time.sleep(1)


def edit(story: Path, sentence: str) -> None:
    story.write_text(story.read_text(encoding="utf-8").rstrip("\n") + f" {sentence}\n", encoding="utf-8")


def page_of(story: Path, output: Path) -> Path:
    slug = re.search(r'^slug: "?([^"\n]+)"?$', story.read_text(encoding="utf-8"), re.M).group(1)
    return output / "stories" / slug / "index.html"


def one_round(story: Path, page: Path, events: list, n: int) -> tuple[float, float]:
    sentence = f"The preview timing sentence number {n} was added at {time.time():.3f}."
    seen = len(events)
    edit(story, sentence)
    saved = time.monotonic()
    on_disk = None
    while len(events) == seen or on_disk is None:
        if on_disk is None and sentence in page.read_text(encoding="utf-8"):
            on_disk = time.monotonic() - saved
        if time.monotonic() - saved > 300:
            raise SystemExit(f"no rebuild after 300 s (round {n})")
        time.sleep(0.005)
    return on_disk, events[seen][0] - saved


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("settings", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--port", type=int, help="port for the preview (default: a free one)")
    args = ap.parse_args()
    args.port = args.port or free_port()
    settings = load_pelican_settings(args.settings)
    stories = sorted(Path(settings["PATH"], settings.get("NEWSROOM_STORIES_PATH", "stories")).glob("*.md"))
    output = Path(settings["OUTPUT_PATH"])
    server, lines = start_server(args.settings, args.port)
    try:
        events = listen(args.port)
        wait_until_idle(lines)  # the first build, and the watcher's first scan
        pages, reloads = [], []
        for n in range(args.rounds):
            story = stories[(len(stories) // 7 + 101 * n) % len(stories)]
            on_disk, reload = one_round(story, page_of(story, output), events, n)
            pages.append(on_disk)
            reloads.append(reload)
            print(f"round {n + 1}: page on disk {on_disk:.2f} s, reload sent {reload:.2f} s  ({story.name})")
            # An editor reads the page before the next save: each round
            # starts on an idle preview, not behind the last one's search index.
            wait_until_idle(lines)
        print(f"{len(stories):,} stories, median of {args.rounds}: ", end="")
        print(f"page on disk {statistics.median(pages):.2f} s, reload sent {statistics.median(reloads):.2f} s")
        print("the preview said:", *lines, sep="\n  ")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
