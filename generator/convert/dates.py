"""Deciding a story's date.

Precedence: an explicit date in the raw text (a ``Date:`` header, or a
dateline that gives a year, "WASHINGTON, March 3, 1987 - "); else the raw
file's first commit date in git; else the raw file's modification time.  The converter writes the result
into the front matter once and never recomputes it, so a fresh clone, which
has new modification times, still builds the same dates.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
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


# ---------------------------------------------------------------- datelines
# Month names as wire copy writes them: "March", "Mar.", "Sept", "SEPT.".
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sept sep",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = r"(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
# A place in capitals: one to three words, "NEW YORK", "RIO DE JANEIRO",
# "ST. LOUIS", "WASHINGTON D.C.", "N'DJAMENA", "WINSTON-SALEM".
_PLACE_UPPER = rf"[{_UPPER}][{_UPPER}'\u2019.-]*(?:\s[{_UPPER}][{_UPPER}'\u2019.-]*){{0,2}}"
# A place as a name, "Amsterdam": only trusted with a date or an agency after it.
_PLACE_NAME = r"[A-Z][a-z\u00e0-\u00ff]+(?:[\s-][A-Z][a-z\u00e0-\u00ff]+){0,2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:(?P<month1>{_MONTH})\s+(?P<day1>{_DAY})|(?P<day2>{_DAY})\s+(?P<month2>{_MONTH}))"
    r"(?:,?\s+(?P<year>\d{4}))?"
)
# A dash after the dateline: " - ", " -- ", "--", " \u2014 ", "\u2014", " \u2013 ".
_DASH = r"(?:\s+-{1,2}\s+|\s*--\s*|\s*[\u2013\u2014]\s*)"
_DATELINE = re.compile(
    rf"^(?:(?P<upper>{_PLACE_UPPER})|(?P<name>{_PLACE_NAME}))"
    r"(?:,\s+(?P<region>[A-Z][a-z]{1,12}\.?(?:\s[A-Z][a-z]{1,12}\.?)?)(?=\s*[,(\u2013\u2014-]))?"
    rf"(?:,\s+{_DATE})?"
    r"(?:\s*\((?P<agency>[A-Za-z][\w&.'/ -]{0,30})\))?"
    rf"(?P<dash>{_DASH})(?=\S)"
)
# No place, a date with a year: "December 4, 2025 -- ", "2025-12-04: ".
_DATE_ONLY = re.compile(
    rf"^(?:{_DATE}|(?P<iso>\d{{4}}-\d\d-\d\d))"
    r"(?:\s*\((?P<agency>[A-Za-z][\w&.'/ -]{0,30})\))?"
    rf"(?P<dash>{_DASH}|:\s+)(?=\S)"
)
# Capitalised words that open sentences, not places: "On Tuesday, March 3 -".
_NOT_PLACES = frozenset(
    """on in at by for from since until after before during the a an this last next early late
    monday tuesday wednesday thursday friday saturday sunday today yesterday""".split()
)
# Small words inside a place's name: "Rio de Janeiro", "Frankfurt am Main".
_LOWER_PARTICLES = frozenset(
    "de da do dos das del della di du la le los las am an der den van von y e of upon on es".split()
)


@dataclass(frozen=True)
class Dateline:
    """A wire dateline opening a paragraph: "AMSTERDAM, March 3 (Reuters) - ".

    ``place`` is the place as a name ("Amsterdam", "Rio de Janeiro",
    "Washington D.C."), or None for a dateline that is only a date;
    ``region`` is a state or country written after it, AP style ("Ill." in
    "SPRINGFIELD, Ill. (AP) \u2014"); ``agency`` is the news agency named in
    brackets.  ``month``/``day``/``year`` are the date parts it gives (None
    when it gives none; ``year`` None means the file's date supplies the
    year).  ``written`` is the dateline as the copy has it, dash included,
    and ``paragraph_text`` the paragraph without it: what a headline writer
    should read.
    """

    place: str | None
    agency: str | None
    month: int | None
    day: int | None
    year: int | None
    written: str
    paragraph_text: str
    region: str | None = None

    @property
    def has_year(self) -> bool:
        return self.year is not None

    @property
    def date(self) -> str | None:
        """The date as ISO 8601 when the dateline gives a year, else None.

        >>> parse_dateline("WASHINGTON, March 3, 1987 - The Senate voted.").date
        '1987-03-03'
        >>> parse_dateline("WASHINGTON, March 3 - The Senate voted.").date is None
        True
        """
        if self.year is None or self.month is None or self.day is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def place_name(place: str) -> str:
    """A place written in capitals as a name.

    >>> [place_name(p) for p in ("AMSTERDAM", "RIO DE JANEIRO", "ST. LOUIS", "WASHINGTON D.C.", "WINSTON-SALEM")]
    ['Amsterdam', 'Rio de Janeiro', 'St. Louis', 'Washington D.C.', 'Winston-Salem']
    >>> place_name("Kabul")
    'Kabul'
    """
    if not place.isupper():
        return place
    words = []
    for n, word in enumerate(place.split()):
        if n and word.lower() in _LOWER_PARTICLES:
            words.append(word.lower())
        elif re.fullmatch(r"(?:[A-Z]\.)+", word):  # initials: "D.C."
            words.append(word)
        else:
            words.append(re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word))
    return " ".join(words)


def _date_parts(match: re.Match) -> tuple[int | None, int | None, int | None]:
    month_text = match.group("month1") or match.group("month2")
    day_text = match.group("day1") or match.group("day2")
    if not month_text or not day_text:
        return None, None, None
    month = _MONTHS[month_text.rstrip(".").lower()]
    day = int(re.match(r"\d+", day_text).group(0))
    year = int(match.group("year")) if match.group("year") else None
    try:
        date(year or 2000, month, day)  # 2000 was a leap year: "Feb 29" stands
    except ValueError:
        return None, None, None
    return month, day, year


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, if it has one.

    >>> d = parse_dateline("AMSTERDAM, March 3 - KLM Royal Dutch Airlines said it agreed a deal.")
    >>> d.place, d.agency, d.month, d.day, d.year, d.paragraph_text
    ('Amsterdam', None, 3, 3, None, 'KLM Royal Dutch Airlines said it agreed a deal.')
    >>> d = parse_dateline("LONDON, 4 December 2025 (Reuters) \u2014 Talks resumed.")
    >>> d.place, d.agency, d.date, d.written
    ('London', 'Reuters', '2025-12-04', 'LONDON, 4 December 2025 (Reuters) \u2014 ')
    >>> parse_dateline("NEW YORK (AP) -- Shares rose.").place
    'New York'
    >>> parse_dateline("December 4, 2025 -- Talks resumed.").date
    '2025-12-04'
    >>> parse_dateline("Talks resumed on 4 December 2025 - again.") is None
    True
    >>> parse_dateline("BMW - the carmaker - said it would.") is None
    True
    >>> parse_dateline("CHRYSLER - AMC MERGER TALKS END") is None
    True
    """
    match = _DATELINE.match(paragraph)
    if match and not paragraph[match.end() :].isupper():  # "CHRYSLER - AMC MERGER SET" is a title
        rest = paragraph[match.end() :]
        dated = bool(match.group("month1") or match.group("month2"))
        region, agency = match.group("region"), match.group("agency")
        if match.group("name"):
            # A place written as a name is only a dateline with a date or
            # an agency after it: "Kabul, March 3 -", not "Nobody - ".
            if not (dated or agency) or match.group("name").split()[0].lower() in _NOT_PLACES:
                return None
        elif not (dated or agency or region):
            # A bare "TOKYO -- ": a word in capitals and a dash is also how
            # "NATO - The alliance" or "BMW - the carmaker" begins.
            letters = sum(c.isalpha() for c in match.group("upper"))
            if letters < 3 or not re.match(r"[A-Z0-9\"'\u201c\u2018(<]", rest):
                return None
        if region and region.rstrip(".").lower() in _MONTHS:
            return None
        month, day, year = _date_parts(match)
        return Dateline(
            place=place_name(match.group("upper") or match.group("name")),
            agency=agency.strip() if agency else None,
            month=month,
            day=day,
            year=year,
            written=paragraph[: match.end()],
            paragraph_text=rest,
            region=region,
        )
    match = _DATE_ONLY.match(paragraph)
    if match and (match.group("iso") or match.group("year")):
        if match.group("iso"):
            try:
                when = date.fromisoformat(match.group("iso"))
            except ValueError:
                return None
            month, day, year = when.month, when.day, when.year
        else:
            month, day, year = _date_parts(match)
            if month is None:
                return None
        agency = match.group("agency")
        return Dateline(
            place=None,
            agency=agency.strip() if agency else None,
            month=month,
            day=day,
            year=year,
            written=paragraph[: match.end()],
            paragraph_text=paragraph[match.end() :],
        )
    return None
