"""Running Pelican from Python, with a result the CLI can report."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator import quick_build, settings_snapshot, site_index, up_to_date
from generator.page_memo import plain_settings


@dataclass
class BuildResult:
    output: Path
    articles: int
    errors: int
    warnings: int
    siteurl: str = ""
    pages_rendered: int = 0
    pages_reused: int = 0
    # Nothing changed since the last clean build: Pelican did not run.
    up_to_date: bool = False
    output_files: int = 0
    output_bytes: int = 0
    budget_mb: float = 1000
    # Stories held back until their time (embargoes), and when the first is due.
    held: int = 0
    next_due: datetime | None = None
    # Stories marked 'review:' that the site published (None: not known).
    review_marked: int | None = None
    # When the site next changes with no edit (an embargo ends, a notice is
    # due): the up-to-date stamp holds until then.
    recheck_at: datetime | None = None
    # A quick build (generator/quick_build.py): how many stories changed,
    # and the output as it knows it (no walk needed to stamp it).
    quick_changes: int | None = None
    output_tree: up_to_date.OutputTree | None = None

    def size_line(self) -> str:
        """How big the output is, against the host's limit.

        >>> BuildResult(Path("output"), 1, 0, 0, output_files=12, output_bytes=512_300_000).size_line()
        'output: 512.3 MB in 12 files, 51% of the 1000 MB budget (NEWSROOM_OUTPUT_BUDGET_MB)'
        """
        share = self.output_bytes / (self.budget_mb * 1e6) if self.budget_mb else 0
        return (
            f"output: {self.output_bytes / 1e6:.1f} MB in {self.output_files:,} files, "
            f"{share:.0%} of the {self.budget_mb:g} MB budget (NEWSROOM_OUTPUT_BUDGET_MB)"
        )

    def budget_warning(self) -> str | None:
        """A warning once the output passes BUDGET_WARN_AT of the budget."""
        if not self.budget_mb or self.output_bytes < BUDGET_WARN_AT * self.budget_mb * 1e6:
            return None
        over = self.output_bytes > self.budget_mb * 1e6
        return (
            f"{self.output}/ is {self.output_bytes / 1e6:.0f} MB, "
            + ("over" if over else "near")
            + f" the {self.budget_mb:g} MB budget (NEWSROOM_OUTPUT_BUDGET_MB): GitHub Pages refuses a site"
            " over 1 GB; docs/performance.md says where the bytes go and what to turn down"
        )

    @property
    def status(self) -> int:
        return 1 if self.errors else 0

    def summary(self) -> str:
        problems = f", {self.errors} errors (see above)" if self.errors else ""
        if self.up_to_date:
            first = f"build: nothing changed since the last build; {self.output}/ is up to date"
            first += f" ({self.articles} stories)"
        elif self.quick_changes is not None:
            changed = f"{self.quick_changes} changed {'story' if self.quick_changes == 1 else 'stories'}"
            first = f"build: {self.articles} stories; {changed} rebuilt from the site index into {self.output}/"
            first += problems
        else:
            first = f"build: {self.articles} stories rendered into {self.output}/{problems}"
        lines = [
            first,
            f"pages: {self.pages_rendered} rendered, {self.pages_reused} unchanged since the last build",
            self.size_line(),
        ]
        if self.held:
            lines.append(
                f"embargo: {self.held} {'story' if self.held == 1 else 'stories'} held until their time, "
                f"the first at {self.next_due.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
                " (python -m generator stories --scheduled lists them)"
            )
        if self.siteurl.startswith(("http://127.0.0.1", "http://localhost")):
            lines.append(f"view it with: make serve  (then open {self.siteurl}/)")
        else:
            lines.append(f"links point at {self.siteurl}/ : deploy {self.output}/ there")
        return "\n".join(lines)


# The build warns once the output passes this share of its budget.
BUDGET_WARN_AT = 0.8


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.errors = 0
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors += 1
        else:
            self.warnings += 1


def build_site(
    settings_path: Path, output: Path | None = None, *, quiet: bool = False, settings: dict | None = None
) -> BuildResult:
    """Render the site (and, through the plugin, the feeds) with Pelican,
    unless nothing it reads or wrote changed since the last clean build.

    ``settings``: the settings of ``settings_path`` (with ``output``) as
    already read and checked. Without them, whether nothing changed is first
    asked of the settings' snapshot (:mod:`generator.settings_snapshot`),
    which spares importing Pelican."""
    overrides = settings_snapshot.output_overrides(output)
    snapshot = walked = None
    if settings is None:
        snapshot = settings_snapshot.read(settings_path, overrides)
        if snapshot is not None:
            walked = up_to_date.build_inputs(snapshot)
            last = up_to_date.unchanged(snapshot, walked.stamp)
            if last is not None:
                return _up_to_date(snapshot, last)
        settings = settings_snapshot.load(settings_path, overrides, checked=snapshot)
    if walked is None or plain_settings(settings) != snapshot:
        # (A snapshot that matched says the same as the settings just read.)
        walked = up_to_date.build_inputs(settings)
        last = up_to_date.unchanged(settings, walked.stamp)
        if last is not None:
            return _up_to_date(settings, last)
    inputs = walked.stamp
    budget = float(settings.get("NEWSROOM_OUTPUT_BUDGET_MB") or 0)
    cache = Path(settings.get("CACHE_PATH", "cache"))
    quick = quick_build.plan(settings, walked)
    up_to_date.forget(settings)
    site_index.unseal(cache)
    result = _run_quick(quick) if quick is not None else None
    if result is None:
        result = _run_pelican(settings, quiet)
    if not (result.errors or result.warnings):
        site_index.seal(cache, walked.parts, walked.content)
    tree = up_to_date.record(
        settings,
        inputs,
        stories=result.articles,
        pages=result.pages_rendered + result.pages_reused,
        clean=not (result.errors or result.warnings),
        next_due=result.recheck_at,
        first_held=result.next_due,
        held=result.held,
        review_marked=result.review_marked,
        tree=result.output_tree,
    )
    result.output_files, result.output_bytes, result.budget_mb = tree.files, tree.bytes, budget
    return result


def _up_to_date(settings: dict, last: dict) -> BuildResult:
    return BuildResult(
        output=Path(settings["OUTPUT_PATH"]),
        articles=last["stories"],
        errors=0,
        warnings=0,
        siteurl=str(settings.get("SITEURL", "")).rstrip("/"),
        pages_reused=last["pages"],
        up_to_date=True,
        output_files=last["files"],
        output_bytes=last["bytes"],
        budget_mb=float(settings.get("NEWSROOM_OUTPUT_BUDGET_MB") or 0),
        held=int(last.get("held", 0)),
        next_due=datetime.fromisoformat(last["first_held"]) if last.get("first_held") else None,
        review_marked=last.get("review_marked"),
    )


def _run_quick(plan) -> BuildResult | None:
    """A quick build (:mod:`generator.quick_build`), or None where it finds,
    before writing anything, that this needs a full build."""
    global _running
    counter = _running = _Counter()
    root = logging.getLogger()
    root.addHandler(counter)
    try:
        result = quick_build.run(plan)
    except (quick_build.NotQuick, sqlite3.Error) as exc:
        # Not one for a quick build, or a damaged site index: a full build
        # does everything (and writes a new index), whatever this one wrote.
        logging.getLogger(__name__).debug("newsroom: a full build: %s", exc)
        plan.index.close()
        plan.output_walk.result()  # no walk left running beside the full build
        return None
    finally:
        root.removeHandler(counter)
    result.errors, result.warnings = counter.errors, counter.warnings
    return result


# The running build's error count, for errors_so_far().
_running: _Counter | None = None


def errors_so_far() -> int:
    """How many errors the running build has reported until now."""
    return _running.errors if _running is not None else 0


def _run_pelican(settings: dict, quiet: bool) -> BuildResult:
    from pelican import Pelican
    from pelican.log import console

    global _running
    counter = _running = _Counter()
    root = logging.getLogger()
    root.addHandler(counter)
    console.quiet = quiet
    try:
        pelican = Pelican(settings)
        pelican.run()
    finally:
        root.removeHandler(counter)
        console.quiet = False
    from generator import pelican_plugin

    return BuildResult(
        output=Path(settings["OUTPUT_PATH"]),
        articles=len(pelican_plugin._articles),
        errors=counter.errors,
        warnings=counter.warnings,
        siteurl=str(settings.get("SITEURL", "")).rstrip("/"),
        pages_rendered=pelican_plugin.page_counts["rendered"],
        pages_reused=pelican_plugin.page_counts["reused"],
        held=pelican_plugin.embargo_counts["held"],
        next_due=pelican_plugin._build.next_due,
        review_marked=pelican_plugin.review_counts["marked"],
        recheck_at=min(filter(None, (pelican_plugin._build.next_due, pelican_plugin._build.notice_due)), default=None),
    )
