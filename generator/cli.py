"""The command line: ``python -m generator convert|build|review|serve``.

Exit codes: 0 success, 1 the work ran but something failed (a bad raw file,
a conflict is not a failure), 2 bad usage or settings.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import sys
import time
from pathlib import Path

from generator import __version__
from generator.lock import SiteLocked, site_lock
from generator.search import SearchIndexError
from generator.settings import SettingsError, convert_settings, load_pelican_settings, review_before_publish

DEFAULT_SETTINGS = Path("pelicanconf.py")


def _progress_printer(stream=sys.stderr):
    """Progress on a terminal, silence in logs and pipes (and with no
    standard error at all: ``2>&-``)."""
    if stream is None or not stream.isatty():
        return None
    last = [0.0]

    def show(n: int, total: int, path: Path) -> None:
        now = time.monotonic()
        if n == total or now - last[0] > 0.1:
            last[0] = now
            stream.write(f"\r\x1b[Kconverting {n}/{total}: {path.name[:60]}")
            if n == total:
                stream.write("\r\x1b[K")
            stream.flush()

    return show


def _add_settings_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--settings",
        "-s",
        type=Path,
        default=DEFAULT_SETTINGS,
        metavar="FILE",
        help="Pelican settings file (default: %(default)s)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Turn raw news copy into Markdown stories, a Pelican site and its feeds.",
        epilog="Run 'python -m generator COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.epilog += (
        " Exit status: 0 done; 1 the work ran but something failed (a bad raw file or story, another"
        " build running with --no-wait, a disk full or a file that cannot be written: one line names"
        " the file and the cause); 2 bad usage or settings."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    convert = commands.add_parser(
        "convert",
        help="convert raw text files into Markdown stories",
        description="Split raw files into stories and write one Markdown file per story. "
        "Unchanged input changes nothing; hand-edited Markdown is never overwritten.",
    )
    convert.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="raw file or folder (default: the raw folder in the settings)",
    )
    convert.add_argument("--out", type=Path, metavar="DIR", help="folder for the Markdown (default: from the settings)")
    convert.add_argument(
        "--dry-run", action="store_true", help="show how each file would be split and titled; write nothing"
    )
    convert.add_argument(
        "--explain", action="store_true", help="show why each boundary, headline, repair and tag was chosen"
    )
    convert.add_argument("--force", action="store_true", help="overwrite Markdown files even if edited by hand")
    convert.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    convert.add_argument(
        "--no-wait",
        action="store_true",
        help="if a build or conversion of this site is running, stop at once instead of waiting for it",
    )
    _add_settings_arg(convert)

    build = commands.add_parser(
        "build",
        help="convert, render the site with Pelican, write the feeds",
        description="Convert the raw folder, then build the site and its feeds into the output folder.",
    )
    build.add_argument(
        "--output", "-o", type=Path, metavar="DIR", help="output folder (default: OUTPUT_PATH in the settings)"
    )
    build.add_argument("--no-convert", action="store_true", help="build from content/ as it is, without converting")
    build.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    build.add_argument(
        "--no-wait",
        action="store_true",
        help="if another build of this site is running, stop at once (exit status 1) instead of waiting for it",
    )
    _add_settings_arg(build)

    stories = commands.add_parser(
        "stories",
        help="list scheduled, withdrawn, draft or review stories",
        description="List the stories waiting in the newsroom's workflow, from their Markdown files: "
        "scheduled (dated in the future: published when their time comes), withdrawn (status: "
        "withdrawn), drafts (status: draft) and those waiting for an editor (review:). Without a "
        "choice, all four. NEWSROOM_NOW (environment) sets the clock.",
        epilog="Exit status: 0 listed (also when nothing waits); 1 a story file could not be read "
        "(named with its line on stderr; the others are still listed); 2 bad settings.",
    )
    for flag, what in (
        ("--scheduled", "stories dated in the future, with their times"),
        ("--withdrawn", "stories taken down (status: withdrawn)"),
        ("--drafts", "stories with status: draft"),
        ("--review", "stories waiting for an editor's look (review:)"),
    ):
        stories.add_argument(flag, action="store_true", help=what)
    stories.add_argument("--json", action="store_true", help="print the list as JSON, for tools")
    _add_settings_arg(stories)

    review = commands.add_parser(
        "review",
        help="list the stories whose headline waits for an editor",
        description="List the stories marked 'review: headline' in their front matter: the file, the "
        "current headline, why the converter wants an editor's look, and the other headlines it "
        "considered. Fix the 'title' line if need be, then delete the story's 'review' line to clear "
        "the mark (with NEWSROOM_REVIEW_BEFORE_PUBLISH = True, that publishes the story).",
        epilog="Exit status: 0 the queue was listed (also when it is empty); 1 a story file could "
        "not be read (named with its line on stderr; the others are still listed); 2 bad settings.",
    )
    review.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="story file or folder (default: the stories folder in the settings)",
    )
    review.add_argument("--json", action="store_true", help="print the queue as JSON, for tools")
    _add_settings_arg(review)

    serve = commands.add_parser(
        "serve",
        help="serve the built site on 127.0.0.1, rebuilding it and reloading the browser on changes",
        description="Serve the output folder on 127.0.0.1 (Ctrl-C stops). A change in the content folder, "
        "the theme or the settings rebuilds the site (a changed raw file is converted first) and "
        "reloads the open tabs; a failed build is reported and the server goes on.",
    )
    serve.add_argument("--port", "-p", type=int, default=8000, help="port (default: %(default)s)")
    serve.add_argument("--output", "-o", type=Path, metavar="DIR", help="folder to serve (default: OUTPUT_PATH)")
    serve.add_argument("--no-watch", action="store_true", help="only serve the folder: no rebuilds, no reloads")
    serve.add_argument(
        "--no-reload", action="store_true", help="rebuild on changes, but do not reload the browser's tabs"
    )
    _add_settings_arg(serve)
    return parser


# The same message for the same file is shown this many times, then counted.
SAME_MESSAGE_SHOWN = 10


def _capped(lines: list[str], shown: int = SAME_MESSAGE_SHOWN) -> list[str]:
    """``lines``, with a message repeated for many lines of one file (10,000
    standfirst-only stories) shown ``shown`` times and then counted.

    >>> for line in _capped([f"raw/a.txt:{n}: no body" for n in range(1, 5)], shown=2):
    ...     print(line)
    raw/a.txt:1: no body
    raw/a.txt:2: no body
    raw/a.txt: 2 more like "no body"
    """
    seen: dict[tuple[str, str], list] = {}  # (file, message shape) -> [count, first message]
    out: list[str] = []
    for line in lines:
        match = re.match(r"(?P<path>.*?):\d+: (?P<message>.*)$", line)
        path, message = (match.group("path"), match.group("message")) if match else (line, "")
        entry = seen.setdefault((path, re.sub(r"\d[\d,]*", "#", message)), [0, message])
        entry[0] += 1
        if entry[0] <= shown:
            out.append(line)
    for (path, _), (count, message) in seen.items():
        if count > shown:
            out.append(f'{path}: {count - shown:,} more like "{message}"')
    return out


def _print_report(report, quiet: bool) -> None:
    for line in report.plans:
        print(line)
    for line in _capped(report.errors):
        print(f"error: {line}", file=sys.stderr)
    for line in _capped(report.warnings):
        print(f"warning: {line}", file=sys.stderr)
    for line in report.conflicts:
        print(f"conflict: {line}", file=sys.stderr)
    for line in _capped(report.gone):
        print(f"note: {line}", file=sys.stderr)
    if not quiet:
        print(f"convert: {report.summary()}")


def cmd_convert(args, settings: dict) -> int:
    from generator.convert.converter import convert

    config = convert_settings(settings)
    paths = args.paths or [config.raw_path]
    report = convert(
        paths,
        config,
        args.out,
        dry_run=args.dry_run,
        force=args.force,
        explain=args.explain,
        progress=None if args.quiet else _progress_printer(),
    )
    _print_report(report, args.quiet)
    return 0 if report.ok else 1


def _shown_path(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _stories_folder(settings: dict) -> Path:
    return convert_settings(settings).stories_path


def _bold(text: str, stream=sys.stdout) -> str:
    if stream is not None and stream.isatty() and not os.environ.get("NO_COLOR"):
        return f"\x1b[1m{text}\x1b[0m"
    return text


def cmd_review(args, settings: dict) -> int:
    from generator.convert.markdown import StoryFileError, review_queue, story_files

    hold = review_before_publish(settings)
    files: list[Path] = []
    errors: list[StoryFileError] = []
    for path in args.paths or [_stories_folder(settings)]:
        if path.exists():
            files.extend(story_files(path))
        elif args.paths:
            errors.append(StoryFileError(path, 0, "no such file or folder"))
    entries, bad = review_queue(files)
    errors.extend(bad)
    for error in errors:
        where = f"{_shown_path(error.path)}: line {error.line}" if error.line else _shown_path(error.path)
        print(f"error: {where}: {error.message}", file=sys.stderr)
    if args.json:
        queue = {
            "held_before_publish": hold,
            "count": len(entries),
            "stories": [
                {
                    "path": _shown_path(e.path),
                    "title": e.title,
                    "date": e.date,
                    "status": e.status,
                    "held": hold and e.status == "published",
                    "review": e.review,
                    "reasons": list(e.reasons),
                    "alternatives": list(e.alternatives),
                }
                for e in entries
            ],
            "errors": [{"path": _shown_path(e.path), "line": e.line, "message": e.message} for e in errors],
        }
        print(json.dumps(queue, ensure_ascii=False, indent=2))
        return 1 if errors else 0
    for entry in entries:
        print(_bold(_shown_path(entry.path)))
        print(f"  headline:      {entry.title or '(none)'}")
        what = "" if entry.review == "headline" else f" [{entry.review}]"
        print(f"  why:           {'; '.join(entry.reasons) or '(no reason given)'}{what}")
        for n, alternative in enumerate(entry.alternatives):
            print(f"  {'alternatives:' if n == 0 else '':<15}{alternative}")
        if entry.status != "published":
            print(f"  status:        {entry.status}")
        print()
    if not entries:
        print("no stories waiting for review")
    else:
        one = len(entries) == 1
        count = f"{len(entries)} {'story' if one else 'stories'} waiting for review"
        if hold:
            then = (
                f"held back from the site until {'its' if one else 'their'} 'review' line is deleted"
                " (NEWSROOM_REVIEW_BEFORE_PUBLISH)"
            )
        else:
            then = f"published as {'it is' if one else 'they are'} (NEWSROOM_REVIEW_BEFORE_PUBLISH = False)"
        print(f"{count}, {then}.")
        print("Fix a headline in its file's 'title' line, then delete the 'review' line.")
    return 1 if errors else 0


def _review_note(settings: dict, marked: int | None) -> str | None:
    """The build's line about the review queue, if it has stories. ``marked``
    comes from the build, or from the up-to-date stamp when nothing changed
    (a change of code changes the stamp's inputs, so the stamp always has it)."""
    hold = review_before_publish(settings)
    if not marked:
        return None
    stories = f"{marked} {'story' if marked == 1 else 'stories'}"
    if hold:
        return f"review: {stories} held for review, not published (python -m generator review lists them)"
    return f"review: {stories} marked for headline review (python -m generator review lists them)"


def cmd_build(args, settings: dict) -> int:
    from generator import settings_snapshot
    from generator.build import build_site

    snapshot = isinstance(settings, settings_snapshot.SettingsSnapshot)
    status = 0
    if not args.no_convert:
        from generator.convert.converter import convert

        config = convert_settings(settings)
        report = convert([config.raw_path], config, progress=None if args.quiet else _progress_printer())
        _print_report(report, args.quiet)
        status = 0 if report.ok else 1
    # From a snapshot, the build reads the settings itself if it must.
    result = build_site(args.settings, args.output, quiet=args.quiet, settings=None if snapshot else settings)
    warning = result.budget_warning()
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.quiet:
        print(result.summary())
        note = _review_note(settings, result.review_marked)
        if note:
            print(note)
    return status or result.status


# The `stories` command's choices, in the order it lists them.
STORY_STATES = {"scheduled": "Scheduled", "withdrawn": "Withdrawn", "draft": "Drafts", "review": "Waiting for review"}


def cmd_stories(args, settings: dict) -> int:
    from generator import newsroom
    from generator.convert.markdown import story_files, story_front_matters

    wanted = [
        s
        for s, flag in zip(STORY_STATES, ("scheduled", "withdrawn", "drafts", "review"), strict=True)
        if getattr(args, flag)
    ] or list(STORY_STATES)
    folder = _stories_folder(settings)
    found, errors = story_front_matters(story_files(folder) if folder.exists() else [])
    for error in errors:
        print(f"error: {_shown_path(error.path)}: line {error.line}: {error.message}", file=sys.stderr)
    now = newsroom.clock(settings)
    states = newsroom.story_states(found, now, str(settings.get("TIMEZONE") or "UTC"))
    chosen = {state: sorted((s for s in states if s.state == state), key=_by_date) for state in wanted}
    if args.json:
        print(json.dumps({state: [_story_json(s) for s in items] for state, items in chosen.items()}, indent=2))
        return 1 if errors else 0
    for state, items in chosen.items():
        print(_bold(f"{STORY_STATES[state]}: {len(items)}"))
        for story in items:
            when = f"{story.date:%Y-%m-%d %H:%M %Z}" if story.date else "(no date)"
            if state == "scheduled" and story.date:
                when += f" ({newsroom.until(story.date, now)})"
            print(f"  {when}  {_shown_path(story.path)}  {story.title}")
            if story.note:
                print(f"      note: {story.note}")
    return 1 if errors else 0


def _by_date(story) -> tuple:
    return (story.date is None, story.date.timestamp() if story.date else 0, str(story.path))


def _story_json(story) -> dict:
    return {
        "path": _shown_path(story.path),
        "title": story.title,
        "date": story.date.isoformat() if story.date else None,
        **({"note": story.note} if story.note else {}),
    }


def cmd_serve(args, settings: dict) -> int:
    import functools

    output = args.output or Path(settings.get("OUTPUT_PATH", "output"))
    if not (output / "index.html").is_file():
        print(f"error: {output}/index.html not found; build the site first (make site)", file=sys.stderr)
        return 1
    import http.server

    from generator.preview import LiveReload, SiteRequestHandler

    live = None if args.no_watch or args.no_reload else LiveReload()
    handler = functools.partial(SiteRequestHandler, directory=str(output), live=live)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as exc:
        print(f"error: cannot listen on 127.0.0.1:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Serving {output} at http://127.0.0.1:{args.port}/ (Ctrl-C stops)", flush=True)
    # Links between pages are root-relative, so the preview works on any
    # port; only canonical links and the feeds name SITEURL.
    if args.no_watch:
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
        return 0
    return _serve_and_watch(server, live, args, settings, output)


def _serve_and_watch(server, live, args, settings: dict, output: Path) -> int:
    """Serve from a thread while this one watches the sources and rebuilds
    (a build started from here is stopped by Ctrl-C with the rest)."""
    import threading

    from generator import watch
    from generator.warm import WarmBuilder

    sources = watch.sources_of(settings, args.settings, output)
    roots = ", ".join(_shown_path(Path(p)) + "/" for p in (sources.content, sources.theme))
    reloads = "rebuilds and reloads the open tabs" if live else "rebuilds (--no-reload: tabs are not reloaded)"
    print(f"Watching {roots} and {_shown_path(args.settings)}: a change {reloads}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    commands = watch.Commands(args.settings, args.output)
    warm = WarmBuilder(watch.preview_env())
    warm.start()
    on_rebuilt = live.rebuilt if live else lambda: None
    try:
        watch.watch(sources, commands, on_rebuilt, threading.Event(), run=watch.warm_runner(warm), say=_say_now)
    except KeyboardInterrupt:
        pass
    finally:
        warm.close()
        if live:
            live.close()
        server.shutdown()
    return 0


def _say_now(line: str) -> None:
    print(line, flush=True)


def _os_error(exc: OSError) -> str:
    """One line for a failed system call: the file, then the cause.

    >>> _os_error(OSError(28, "No space left on device", "output/index.html"))
    'output/index.html: No space left on device (the disk is full: free some space, then build again)'
    """
    import errno

    where = f"{exc.filename}: " if exc.filename else ""
    cause = exc.strerror or str(exc)
    hint = {
        errno.ENOSPC: "the disk is full: free some space, then build again",
        errno.EDQUOT: "over the disk quota: free some space, then build again",
        errno.EACCES: "check the owner and permissions of the file and its folder",
        errno.EPERM: "check the owner and permissions of the file and its folder",
        errno.EROFS: "the file system is read-only",
    }.get(exc.errno)
    return f"{where}{cause}" + (f" ({hint})" if hint else "")


def _settings_for(args) -> dict:
    """The settings; for a build from Markdown, their snapshot when nothing
    they were read from changed; for any build, checked and kept in a new
    snapshot when read (:mod:`generator.settings_snapshot`)."""
    if args.command != "build":
        return load_pelican_settings(args.settings)
    from generator import settings_snapshot

    # Read once, as the build reads them: a second read in the same process
    # would not run the modules the settings import again, nor see what
    # they read.
    overrides = settings_snapshot.output_overrides(args.output)
    snapshot = settings_snapshot.read(args.settings, overrides) if args.no_convert else None
    return snapshot if snapshot is not None else settings_snapshot.load(args.settings, overrides)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        settings = _settings_for(args)
        handler = {
            "convert": cmd_convert,
            "build": cmd_build,
            "review": cmd_review,
            "stories": cmd_stories,
            "serve": cmd_serve,
        }[args.command]
        if args.command in {"convert", "build"}:
            with site_lock(settings, wait=not args.no_wait):
                return handler(args, settings)
        return handler(args, settings)
    except SiteLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {_os_error(exc)}", file=sys.stderr)
        return 1
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SearchIndexError as exc:
        print(f"error: {exc} (the pages and feeds are written; NEWSROOM_SEARCH = False skips search)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
