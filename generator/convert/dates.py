"""Deciding a story's date.

Precedence: an explicit date in the raw text (a ``Date:`` header, or a
first line that is only a date); else the raw file's first commit date in
git; else the raw file's modification time.  The converter writes the result
into the front matter once and never recomputes it, so a fresh clone, which
has new modification times, still builds the same dates.
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from dateutil import parser as dateparser


def format_date(moment: datetime, timezone: str) -> str:
    """ISO 8601 with a UTC offset, in the site's timezone, to the second.

    >>> from datetime import timezone as tz
    >>> format_date(datetime(2025, 12, 4, 9, 30, tzinfo=tz.utc), "Europe/Berlin")
    '2025-12-04T10:30:00+01:00'
    """
    return moment.astimezone(ZoneInfo(timezone)).replace(microsecond=0).isoformat()


def parse_explicit_date(text: str, timezone: str) -> datetime | None:
    """Parse a date a writer typed; naive values are in the site's timezone.

    >>> parse_explicit_date("2025-12-04", "UTC").isoformat()
    '2025-12-04T00:00:00+00:00'
    >>> parse_explicit_date("4 December 2025 14:05", "UTC").isoformat()
    '2025-12-04T14:05:00+00:00'
    >>> parse_explicit_date("next week", "UTC") is None
    True
    """
    text = text.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = dateparser.parse(text, dayfirst=True, fuzzy=False)
        except (ValueError, OverflowError):
            return None
    if value.year < 1900:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(timezone))
    return value


def git_first_commit_dates(folder: Path) -> dict[Path, datetime]:
    """First commit date of every file git tracks under ``folder``.

    One ``git log`` call for the whole folder; an empty dict outside git.
    """
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--diff-filter=A", "--format=%x00%aI", "--name-only", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[Path, datetime] = {}
    for record in log.split("\x00")[1:]:
        lines = [line for line in record.splitlines() if line.strip()]
        if not lines:
            continue
        when = datetime.fromisoformat(lines[0].strip())
        for name in lines[1:]:
            # git log lists newest first: the last seen is the first commit.
            dates[(Path(top) / name).resolve()] = when
    return dates


def file_mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime).astimezone()
