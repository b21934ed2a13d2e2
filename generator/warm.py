"""Preview builds from a process that has the build loaded already.

A preview rebuild run as a fresh ``python -m generator build`` spends a
quarter of a second starting Python and importing Pelican, Jinja and our
plugin before it looks at a file: on a quick build of one edited story
(``generator/quick_build.py``), a third of the time from a save to the
reload. So the preview starts one helper process, ``python -m
generator.warm``, that imports all of that once and then, for each build,
forks: the child runs the command exactly as the command line would (its
own module state, lock, messages and exit status) while the helper waits
for the next one. The child's lines go to the watcher as they are printed
(``newsroom: pages ready`` reloads the tabs); a last line gives its status.

The helper stops answering once our code changes under it (an edit of
``generator/``): the watcher then starts a new one. Where there is no
``fork`` (Windows), the preview runs each build as its own process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

READY = "newsroom-warm: ready"
# The helper's last line for a command: "<DONE> <exit status>", or "<DONE>
# stale" when our code changed since it started (nothing was run).
DONE = "newsroom-warm: done"
CODE = Path(__file__).resolve().parent


def code_stamp() -> list[tuple[str, int]]:
    """Each of our modules' path and modification time."""
    return sorted((str(p), p.stat().st_mtime_ns) for p in CODE.rglob("*.py"))


def serve(commands, answer) -> None:
    """The helper: load the build, then run each command (a JSON list of
    arguments from ``commands``) in a forked child; ``answer`` prints."""
    # What every build imports, once (not the settings file: each build
    # reads that afresh).
    import pelican  # noqa: F401

    from generator import build, cli, pelican_plugin, quick_build  # noqa: F401

    loaded = code_stamp()
    answer(READY)
    for line in commands:
        args = json.loads(line)
        if code_stamp() != loaded:
            answer(f"{DONE} stale")
            return
        answer(f"{DONE} {_run_forked(cli.main, args)}")


def _run_forked(main: Callable[[list[str]], int], args: list[str]) -> int:
    pid = os.fork()
    if pid == 0:  # the child: one build, then out without the helper's cleanup
        try:
            status = main(args)
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            traceback.print_exc()
            status = 1
        plugin = sys.modules.get("generator.pelican_plugin")
        if plugin is not None:
            try:
                plugin.stop_feed_worker()
            except Exception:  # the build's own status says what went wrong
                traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status or 0)
    _, wait_status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(wait_status)


class WarmBuilder:
    """The watcher's side: start the helper, hand it commands, read what
    they print. ``run`` returns ``None`` where the helper cannot run a
    command (none could be started, it died, or our code changed), and
    the caller runs the command as a process of its own."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self) -> bool:
        """Start the helper now (it takes a moment to load the build), so
        the first rebuild is as quick as the others; whether it started."""
        return self._start()

    def _start(self) -> bool:
        if not hasattr(os, "fork"):
            return False
        self.close()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "generator.warm"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                env=self.env,
            )
        except OSError:
            return False
        first = self.process.stdout.readline()
        if first.strip() != READY:
            self.close()
            return False
        return True

    def run(self, args: list[str], on_line: Callable[[str], None]) -> int | None:
        """Run ``python -m generator ARGS`` in the helper; each line it
        prints goes to ``on_line``. Returns the exit status, or None."""
        for _ in range(2):  # a helper left from before, then a fresh one
            running = self.process is not None and self.process.poll() is None
            if not running and not self._start():
                return None
            try:
                self.process.stdin.write(json.dumps(args) + "\n")
                self.process.stdin.flush()
            except OSError:
                self.close()
                continue
            for line in self.process.stdout:
                if line.startswith(DONE):
                    status = line[len(DONE) :].strip()
                    if status == "stale":
                        self.close()
                        break
                    return int(status)
                on_line(line)
            else:
                self.close()  # the helper died mid-command
                return None
        return None

    def close(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.stdin.close()
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
            self.process = None


def main() -> int:
    serve(sys.stdin, lambda line: print(line, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
