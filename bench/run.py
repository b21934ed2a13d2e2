"""Build-speed benchmark: our pipeline against plain Pelican and Hugo (issue #17).

    .venv/bin/python bench/run.py [--sizes 1000 10000] [--repeat 1] [--work DIR] [--seed 1]

For each size N it generates N synthetic raw stories (bench/generate.py: the
first N stories of one archive for a seed, with real-like topic counts),
converts them once (timed on its own: "conversion"), and then, in every
round, from the converted Markdown alone (every build runs with
--no-convert, as CI does after a clone):

* ours, cold: no .cache/ and no output/, build the site from the Markdown;
* ours, no change: build again;
* ours, edit one story: a sentence appended to one story's Markdown;
* ours, add one story: one new Markdown story (a copy of an existing one's
  front matter with a new title, slug and id);
* plain Pelican 4.12 with its default settings on the same Markdown;
* Hugo on the same Markdown with minimal layouts, when `hugo` is on PATH.

It prints the median, min and max wall time, the peak resident memory of the
largest process of each step, the size of the output folder after the cold
build (sum of file sizes and disk usage as `du -sk` counts it, in MB of
10^6 bytes, and its file count), where those bytes go (feeds, sitemaps,
search index, pages), and the figures against the issue's targets at
N = 10,000 and 50,000.  Figures come from this script, never from timed
tests.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

PYTHON = sys.executable
MB = 1e6
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

CONVERSION = "conversion (raw -> Markdown)"
COLD = "ours: cold build"
NO_CHANGE = "ours: no change"
EDIT = "ours: edit one story"
ADD = "ours: add one story"
PELICAN = "plain Pelican, defaults"
HUGO = "Hugo, minimal layouts"
OURS = (CONVERSION, COLD, NO_CHANGE, EDIT, ADD)
FEED_SUFFIXES = (".xml", ".json", ".atom", ".rss")


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds, and peak RSS (MB) of the largest process among the
    command and its children."""
    start = time.perf_counter()
    # As a user's builds run: Python keeps the byte code it compiles (with
    # PYTHONDONTWRITEBYTECODE set, every build after a code change would
    # compile the changed modules again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Reading stderr first keeps a chatty child from blocking on a full pipe.
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
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


def build(site: Path) -> list[str]:
    return ours(site, "build", "--no-convert")


def fresh_clone(site: Path, converted: Path) -> None:
    """The site as CI finds it after a clone: the converted Markdown (and the
    raw copy and conversion state beside it), no .cache/, no output/."""
    shutil.rmtree(site / "content", ignore_errors=True)
    shutil.copytree(converted, site / "content")
    shutil.rmtree(site / ".cache", ignore_errors=True)
    shutil.rmtree(site / "output", ignore_errors=True)


def front_matter(path: Path) -> tuple[dict, str]:
    head, body = path.read_text(encoding="utf-8").split("---\n", 2)[1:]
    return yaml.safe_load(head), body


def edit_one(stories: Path) -> Path:
    """Append a sentence to the body of one story's Markdown."""
    files = sorted(stories.glob("*.md"))
    victim = files[len(files) // 7]
    text = victim.read_text(encoding="utf-8").rstrip("\n")
    victim.write_text(text + " The council will meet again next week to discuss the plans.\n", encoding="utf-8")
    return victim


def add_one(stories: Path) -> Path:
    """A new Markdown story, written as a desk would: an existing story's
    front matter with a new title, slug and id, dated after the newest."""
    files = sorted(stories.glob("*.md"))
    template = files[len(files) // 3]
    meta, body = front_matter(template)
    dates = [
        match.group(1)
        for path in files
        for match in [re.search(r"^date: [\"']?([^\"'\n]+)[\"']?$", path.read_text(encoding="utf-8")[:600], re.M)]
        if match
    ]
    newest = max(datetime.fromisoformat(d) for d in dates)
    title = f"Late change to the plans as talks run on: {meta['title']}"
    slug = "bench-added-story"
    meta.update(
        title=title,
        slug=slug,
        id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'bench-added-story')}",
        date=(newest + timedelta(minutes=1)).isoformat(),
    )
    meta.pop("source", None)  # written by hand, not converted from raw
    path = stories / f"{slug}.md"
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    path.write_text(f"---\n{head}---\n\nA new first paragraph for the added story.\n{body}", encoding="utf-8")
    return path


def output_stats(output: Path) -> dict[str, float]:
    """Files, bytes, disk usage and where the bytes go, under ``output``."""
    stats = dict.fromkeys(("files", "bytes", "disk", "feeds", "feeds_by_suffix", "sitemaps", "search", "html"), 0)
    seen: set[tuple[int, int]] = set()
    for path in output.rglob("*"):
        info = path.lstat()
        if path.is_symlink() or not path.is_file():
            if path.is_dir():
                stats["disk"] += info.st_blocks * 512
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue  # a hard link is counted once, as du does
        seen.add((info.st_dev, info.st_ino))
        size = info.st_size
        stats["files"] += 1
        stats["bytes"] += size
        stats["disk"] += info.st_blocks * 512
        relative = path.relative_to(output)
        feedlike = path.name.endswith(FEED_SUFFIXES)
        stats["feeds_by_suffix"] += size * feedlike
        if relative.parts[0] == "pagefind":
            stats["search"] += size
        elif "sitemap" in path.name and path.name.endswith(".xml"):
            stats["sitemaps"] += size
        elif feedlike:
            stats["feeds"] += size
        elif path.name.endswith(".html"):
            stats["html"] += size
    stats["disk"] += output.stat().st_blocks * 512
    return stats


def pelican_copy(work: Path, stories: Path) -> Path:
    """The same stories in Pelican's own Markdown metadata format, default settings."""
    site = work / "pelican"
    shutil.rmtree(site, ignore_errors=True)
    content = site / "content"
    content.mkdir(parents=True)
    for md in sorted(stories.glob("*.md")):
        meta, body = front_matter(md)
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


def bench(n: int, repeat: int, work: Path, seed: int) -> tuple[dict[str, list[tuple[float, float]]], list[dict]]:
    work.mkdir(parents=True, exist_ok=True)
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    generate(n, raw, seed=seed)
    results: dict[str, list[tuple[float, float]]] = {}

    def record(name: str, value: tuple[float, float]) -> None:
        results.setdefault(name, []).append(value)

    # Convert once: every round builds from the same Markdown.
    site = our_site(work, raw)
    record(CONVERSION, timed(ours(site, "convert"), ROOT))
    converted = work / "converted"
    shutil.rmtree(converted, ignore_errors=True)
    shutil.copytree(site / "content", converted)
    stories = converted / "stories"

    hugo = shutil.which("hugo")
    outputs: list[dict] = []
    for _ in range(repeat):
        fresh_clone(site, converted)
        record(COLD, timed(build(site), ROOT))
        outputs.append(output_stats(site / "output"))
        record(NO_CHANGE, timed(build(site), ROOT))
        edit_one(site / "content" / "stories")
        record(EDIT, timed(build(site), ROOT))
        add_one(site / "content" / "stories")
        record(ADD, timed(build(site), ROOT))
        pelican = pelican_copy(work, stories)
        record(PELICAN, timed([PYTHON, "-m", "pelican", "content", "-o", "output", "-s", "conf.py", "-q"], pelican))
        if hugo:
            hsite = hugo_copy(work, stories)
            record(HUGO, timed([hugo, "--quiet", "-s", str(hsite), "-d", "public"], hsite))
    return results, outputs


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):8.2f} s  ({min(values):.2f}-{max(values):.2f})"


def verdict(value: float, limit: float) -> str:
    return f"{value / limit:5.2f}x of target  {'met' if value <= limit else 'NOT met'}"


def targets(n: int, med: dict[str, float], rss: dict[str, float], out: dict) -> list[str]:
    """The issue's targets, where they are stated (N = 10,000 and 50,000)."""
    lines: list[str] = []
    size, disk = out["bytes"] / MB, out["disk"] / MB

    def line(what: str, value: str, target: str, ratio: str) -> None:
        lines.append(f"  {what:26}{value:>12}   target {target:<12}{ratio}")

    if n == 10_000:
        lines.append("targets at N = 10,000:")
        line("output size (files)", f"{size:.1f} MB", "<= 200 MB", verdict(size, 200))
        line("output size (du)", f"{disk:.1f} MB", "<= 200 MB", verdict(disk, 200))
        line("add one story", f"{med[ADD]:.2f} s", "<= 2 s", verdict(med[ADD], 2))
        line("no change", f"{med[NO_CHANGE]:.2f} s", "<= 0.5 s", verdict(med[NO_CHANGE], 0.5))
        if HUGO in med:
            ratio = med[COLD] / med[HUGO]
            line("cold build / Hugo", f"{ratio:.2f}x", "<= 1.0x", verdict(ratio, 1.0))
        else:
            line("cold build / Hugo", "n/a", "<= 1.0x", "hugo is not on PATH: not measured")
    elif n == 50_000:
        lines.append("targets at N = 50,000:")
        line("output size (files)", f"{size:.1f} MB", "<= 1000 MB", verdict(size, 1000))
        line("output size (du)", f"{disk:.1f} MB", "<= 1000 MB", verdict(disk, 1000))
        line("add one story", f"{med[ADD]:.2f} s", "<= 3 s", verdict(med[ADD], 3))
        line("cold build", f"{med[COLD]:.1f} s", "<= 600 s", verdict(med[COLD], 600))
        peak = max(rss[name] for name in OURS)
        which = max(OURS, key=lambda name: rss[name])
        line("peak RSS", f"{peak:.0f} MB", "<= 1000 MB", f"{verdict(peak, 1000)}  ({which})")
    else:
        lines.append("targets are stated at N = 10,000 and 50,000 (--sizes 10000 50000)")
    return lines


def report(n: int, repeat: int, results: dict[str, list[tuple[float, float]]], outputs: list[dict]) -> None:
    print(f"\n== N = {n:,} stories, {repeat} round{'s' * (repeat != 1)} ==")
    print(f"{'':34}{'median':>10}   (min-max)       peak RSS")
    for name, values in results.items():
        times = [t for t, _ in values]
        rss = max(r for _, r in values)
        print(f"{name:34}{summary(times)}   {rss:6.0f} MB")
    med = {k: statistics.median(t for t, _ in v) for k, v in results.items()}
    rss = {k: max(r for _, r in v) for k, v in results.items()}
    print(f"conversion: {n / med[CONVERSION]:.0f} stories/s, {1000 * med[CONVERSION] / n:.1f} ms a story")
    out = outputs[-1]
    total = out["bytes"] or 1
    print(
        f"output after the cold build: {out['bytes'] / MB:.1f} MB in {out['files']:,} files "
        f"(disk usage, as du -sk: {out['disk'] / MB:.1f} MB)"
    )
    print(
        f"  feeds (.xml/.json/.atom/.rss, not sitemaps or search index): {out['feeds'] / MB:.1f} MB, "
        f"{out['feeds'] / total:.0%} of the bytes"
    )
    print(
        f"  by suffix alone (.xml/.json/.atom/.rss anywhere): {out['feeds_by_suffix'] / total:.0%}; "
        f"sitemaps {out['sitemaps'] / total:.0%}, search index {out['search'] / total:.0%}, "
        f"HTML {out['html'] / total:.0%}"
    )
    print(f"ours cold / plain Pelican: {med[COLD] / med[PELICAN]:.2f}x")
    if HUGO in med:
        print(f"ours cold / Hugo: {med[COLD] / med[HUGO]:.2f}x")
        print(f"ours add-one / Hugo full: {med[ADD] / med[HUGO]:.2f}x")
    for line in targets(n, med, rss, out):
        print(line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--work", type=Path, help="working folder (default: a temporary one, deleted after)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the synthetic archive (default 1)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; work in {work}")
    print(f"hugo: {shutil.which('hugo') or 'not on PATH (no Hugo comparison)'}")
    for n in args.sizes:
        results, outputs = bench(n, args.repeat, work / str(n), args.seed)
        report(n, args.repeat, results, outputs)
        sys.stdout.flush()
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
