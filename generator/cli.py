"""The command line: ``python -m generator convert|build|serve``.

Exit codes: 0 success, 1 the work ran but something failed (a bad raw file,
a conflict is not a failure), 2 bad usage or settings.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import re
import sys
import time
from pathlib import Path

from generator import __version__
from generator.search import SearchIndexError
from generator.settings import SettingsError, convert_settings, load_pelican_settings

DEFAULT_SETTINGS = Path("pelicanconf.py")


def _progress_printer(stream=sys.stderr):
    """Progress on a terminal, silence in logs and pipes."""
    if not stream.isatty():
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
    _add_settings_arg(build)

    serve = commands.add_parser(
        "serve",
        help="serve the built site on 127.0.0.1 for a look in the browser",
        description="Serve the output folder on 127.0.0.1 (Ctrl-C stops).",
    )
    serve.add_argument("--port", "-p", type=int, default=8000, help="port (default: %(default)s)")
    serve.add_argument("--output", "-o", type=Path, metavar="DIR", help="folder to serve (default: OUTPUT_PATH)")
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


def cmd_build(args, settings: dict) -> int:
    from generator.build import build_site
    from generator.settings import check_build_settings

    check_build_settings(settings)
    status = 0
    if not args.no_convert:
        from generator.convert.converter import convert

        config = convert_settings(settings)
        report = convert([config.raw_path], config, progress=None if args.quiet else _progress_printer())
        _print_report(report, args.quiet)
        status = 0 if report.ok else 1
    result = build_site(args.settings, args.output, quiet=args.quiet)
    if not args.quiet:
        print(result.summary())
    return status or result.status


def cmd_serve(args, settings: dict) -> int:
    import functools
    import http.server

    output = args.output or Path(settings.get("OUTPUT_PATH", "output"))
    if not (output / "index.html").is_file():
        print(f"error: {output}/index.html not found; build the site first (make site)", file=sys.stderr)
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as exc:
        print(f"error: cannot listen on 127.0.0.1:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Serving {output} at http://127.0.0.1:{args.port}/ (Ctrl-C stops)")
    siteurl = str(settings.get("SITEURL", "")).rstrip("/")
    if siteurl.startswith(("http://127.0.0.1", "http://localhost")) and not siteurl.endswith(f":{args.port}"):
        print(f"note: the pages link to {siteurl}/ (SITEURL); serve on that port or rebuild with a matching SITEURL")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        settings = load_pelican_settings(args.settings)
        handler = {"convert": cmd_convert, "build": cmd_build, "serve": cmd_serve}[args.command]
        return handler(args, settings)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SearchIndexError as exc:
        print(f"error: {exc} (the pages and feeds are written; NEWSROOM_SEARCH = False skips search)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
