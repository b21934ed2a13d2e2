"""Build-speed benchmark: our pipeline against plain Pelican and Hugo.

    .venv/bin/python bench/run.py [--sizes 100 1000 5000] [--repeat 3] [--work DIR]

For each size N it generates N synthetic raw stories (bench/generate.py) and,
alternating the systems in every round, times:

* ours, cold: convert + Pelican + feeds + search index, from nothing;
* ours, after adding one story, after editing one story, after no change;
* ours, conversion alone (stories per second);
* plain Pelican 4.12 with its default settings on the same Markdown;
* Hugo on the same Markdown with minimal layouts, when `hugo` is installed.

It prints the median, min and max wall time, the peak resident memory of the
process tree, and the ratios the targets are stated in.  Figures come from
this script, never from timed tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

PYTHON = sys.executable
HUGO_LAYOUT = {
    "_default/baseof.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
        '<body>{{ block "main" . }}{{ end }}</body></html>'
    ),
    "_default/single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Summary }}</p>{{ .Content }}'
        "<ul>{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul></article>{{ end }}"
    ),
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}'
    ),
}


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command and its children."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{stderr[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def our_site(work: Path, raw: Path) -> Path:
    site = work / "ours"
    shutil.rmtree(site, ignore_errors=True)
    (site / "content").mkdir(parents=True)
    shutil.copytree(raw, site / "content" / "raw")
    (site / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(site / 'content')!r}\nOUTPUT_PATH = {str(site / 'output')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\nCACHE_PATH = {str(site / '.cache')!r}\n"
        "SITEURL = 'https://bench.example.org'\n"
    )
    return site


def ours(site: Path, *extra: str) -> list[str]:
    return [PYTHON, "-m", "generator", *extra, "-q", "--settings", str(site / "conf.py")]


def pelican_copy(work: Path, stories: Path) -> Path:
    """The same stories in Pelican's own Markdown metadata format, default settings."""
    site = work / "pelican"
    shutil.rmtree(site, ignore_errors=True)
    content = site / "content"
    content.mkdir(parents=True)
    for md in sorted(stories.glob("*.md")):
        head, body = md.read_text(encoding="utf-8").split("---\n", 2)[1:]
        meta = yaml.safe_load(head)
        lines = [
            f"Title: {meta['title']}",
            f"Date: {meta['date']}",
            f"Slug: {meta['slug']}",
            f"Category: {meta.get('category', 'News')}",
            f"Tags: {', '.join(meta.get('tags', []))}",
            f"Summary: {meta['summary']}",
        ]
        (content / md.name).write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")
    (site / "conf.py").write_text("AUTHOR = 'Bench'\nSITENAME = 'Bench'\nSITEURL = ''\nTIMEZONE = 'UTC'\n")
    return site


def hugo_copy(work: Path, stories: Path) -> Path:
    site = work / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    (site / "content" / "stories").mkdir(parents=True)
    for md in stories.glob("*.md"):
        shutil.copy(md, site / "content" / "stories" / md.name)
    for name, text in HUGO_LAYOUT.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (site / "config.toml").write_text(
        'baseURL = "https://bench.example.org/"\ntitle = "Bench"\n[pagination]\n  pagerSize = 10\n'
    )
    return site


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):7.2f} s  ({min(values):.2f}-{max(values):.2f})"


def bench(n: int, repeat: int, work: Path) -> dict[str, list[tuple[float, float]]]:
    work.mkdir(parents=True, exist_ok=True)
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    generate(n, raw, seed=n)
    results: dict[str, list[tuple[float, float]]] = {}

    def record(name: str, value: tuple[float, float]) -> None:
        results.setdefault(name, []).append(value)

    hugo = shutil.which("hugo")
    for _ in range(repeat):
        site = our_site(work, raw)
        record("ours: convert only", timed(ours(site, "convert"), ROOT))
        shutil.rmtree(site / "content" / "stories")
        record("ours: cold build", timed(ours(site, "build"), ROOT))
        record("ours: no change", timed(ours(site, "build"), ROOT))
        victim = sorted((site / "content" / "raw").glob("*.txt"))[n // 7 % max(1, len(list(raw.glob("*.txt"))))]
        victim.write_text(victim.read_text().rstrip("\n") + " The council will meet again next week.\n")
        record("ours: edit one story", timed(ours(site, "build"), ROOT))
        generate(1, site / "content" / "raw" / "added", seed=n + 999)
        record("ours: add one story", timed(ours(site, "build"), ROOT))
        stories = site / "content" / "stories"
        pelican = pelican_copy(work, stories)
        record(
            "plain Pelican, defaults",
            timed([PYTHON, "-m", "pelican", "content", "-o", "output", "-s", "conf.py", "-q"], pelican),
        )
        if hugo:
            hsite = hugo_copy(work, stories)
            record("Hugo, minimal layouts", timed([hugo, "--quiet", "-s", str(hsite), "-d", "public"], hsite))
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; work in {work}")
    for n in args.sizes:
        results = bench(n, args.repeat, work / str(n))
        print(f"\n== N = {n} stories, {args.repeat} rounds ==")
        print(f"{'':28}{'median':>9}   (min-max)        peak RSS")
        for name, values in results.items():
            times = [t for t, _ in values]
            rss = max(r for _, r in values)
            print(f"{name:28}{summary(times)}   {rss:6.0f} MB")
        med = {k: statistics.median(t for t, _ in v) for k, v in results.items()}
        convert_rate = n / med["ours: convert only"]
        print(f"conversion: {convert_rate:.0f} stories/s (process start included)")
        print(f"ours cold / plain Pelican: {med['ours: cold build'] / med['plain Pelican, defaults']:.2f}x")
        if "Hugo, minimal layouts" in med:
            hugo = med["Hugo, minimal layouts"]
            print(f"ours cold / Hugo: {med['ours: cold build'] / hugo:.2f}x   (target <= 1.5x)")
            print(f"ours add-one / Hugo full: {med['ours: add one story'] / hugo:.2f}x   (target <= 0.15x)")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
