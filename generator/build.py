"""Running Pelican from Python, with a result the CLI can report."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from generator.settings import check_build_settings, load_pelican_settings


@dataclass
class BuildResult:
    output: Path
    articles: int
    errors: int
    warnings: int
    siteurl: str = ""
    pages_rendered: int = 0
    pages_reused: int = 0

    @property
    def status(self) -> int:
        return 1 if self.errors else 0

    def summary(self) -> str:
        problems = f", {self.errors} errors (see above)" if self.errors else ""
        lines = [
            f"build: {self.articles} stories rendered into {self.output}/{problems}",
            f"pages: {self.pages_rendered} rendered, {self.pages_reused} unchanged since the last build",
        ]
        if self.siteurl.startswith(("http://127.0.0.1", "http://localhost")):
            lines.append(f"view it with: make serve  (then open {self.siteurl}/)")
        else:
            lines.append(f"links point at {self.siteurl}/ : deploy {self.output}/ there")
        return "\n".join(lines)


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


def build_site(settings_path: Path, output: Path | None = None, *, quiet: bool = False) -> BuildResult:
    """Render the site (and, through the plugin, the feeds) with Pelican."""
    from pelican import Pelican

    overrides = {"OUTPUT_PATH": str(output)} if output else {}
    settings = load_pelican_settings(settings_path, overrides)
    check_build_settings(settings)
    from pelican.log import console

    counter = _Counter()
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
    )
