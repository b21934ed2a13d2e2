"""The newsroom's rules for what the site shows: embargoes, takedowns and
corrections.

Pure functions over story-like objects (``date``, ``modified``, ``status``,
``corrections``); the Pelican plugin applies them to Pelican's articles, and
the ``stories`` command to the Markdown files.

* **Embargo.** A story dated in the future is held back until its time: no
  page, listing, feed item, sitemap entry or search result. The clock is the
  real one, or ``NEWSROOM_NOW`` (environment or settings) to build the site
  as it will be at a given moment.
* **Takedown.** ``status: withdrawn`` takes a story off every listing, feed,
  sitemap and the search index; its address shows a short notice
  (``withdrawn_note``), or nothing at all with ``withdrawn_notice: false``,
  so the host answers with the site's 404 page.
* **Corrections.** ``corrections:`` is a list of ``{date, text}``; each is
  shown on the story, and the latest moves the story's ``modified`` time,
  so feed readers see the item change. The id and the address stay.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Correction:
    when: datetime
    text: str


def clock(settings: dict) -> datetime:
    """The moment embargoes are judged against: ``NEWSROOM_NOW`` from the
    environment, then from the settings, else now.

    >>> clock({"NEWSROOM_NOW": "2026-12-02T14:00:00+00:00"}).isoformat()
    '2026-12-02T14:00:00+00:00'
    """
    given = os.environ.get("NEWSROOM_NOW") or settings.get("NEWSROOM_NOW")
    if not given:
        return datetime.now(UTC)
    return moment(given, settings.get("TIMEZONE") or "UTC", "NEWSROOM_NOW")


def moment(value, zone: str, what: str) -> datetime:
    """An aware datetime from a front-matter or settings value; a time
    without a zone is in the site's ``TIMEZONE``, a bare date is midnight.

    >>> moment("2026-12-02 14:05", "Europe/London", "date").isoformat()
    '2026-12-02T14:05:00+00:00'
    >>> moment("next Tuesday", "UTC", "corrections[1].date")
    Traceback (most recent call last):
    ...
    ValueError: corrections[1].date: 'next Tuesday' is not a date and time like 2026-12-02 14:05
    """
    if isinstance(value, datetime):
        when = value
    elif isinstance(value, date):
        when = datetime(value.year, value.month, value.day)
    else:
        try:
            when = dateutil_parser.isoparse(str(value).strip().replace(" ", "T", 1))
        except (ValueError, OverflowError):
            raise ValueError(f"{what}: {str(value)!r} is not a date and time like 2026-12-02 14:05") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo(zone))
    return when


def parse_corrections(value, zone: str) -> tuple[Correction, ...]:
    """The ``corrections:`` list of a story's front matter, oldest first.

    >>> [(c.when.isoformat(), c.text) for c in parse_corrections(
    ...     [{"date": "2026-12-02 14:05", "text": "An earlier version gave the wrong year."}], "UTC")]
    [('2026-12-02T14:05:00+00:00', 'An earlier version gave the wrong year.')]
    >>> parse_corrections([{"date": "2026-12-02T19:05+05:00", "text": "Fixed."}], "Europe/London")[0].when.isoformat()
    '2026-12-02T14:05:00+00:00'
    >>> parse_corrections([{"text": "No date."}], "UTC")
    Traceback (most recent call last):
    ...
    ValueError: corrections[1]: needs a date and a text, like {date: 2026-12-02 14:05, text: "..."}
    """
    if value in (None, "", []):
        return ()
    if not isinstance(value, list):
        raise ValueError("corrections must be a list of {date, text} entries")
    found = []
    for number, entry in enumerate(value, 1):
        if (
            not isinstance(entry, dict)
            or not entry.get("date")
            or not isinstance(entry.get("text"), str)
            or not entry["text"].strip()
        ):
            raise ValueError(
                f'corrections[{number}]: needs a date and a text, like {{date: 2026-12-02 14:05, text: "..."}}'
            )
        # Shown in the site's time zone, like every other time on the site.
        when = moment(entry["date"], zone, f"corrections[{number}].date").astimezone(ZoneInfo(zone))
        found.append(Correction(when, entry["text"].strip()))
    return tuple(sorted(found, key=lambda c: c.when))


def last_changed(modified: datetime | None, corrections: Iterable[Correction]) -> datetime | None:
    """When the story last changed: its ``modified`` time or its latest
    correction, whichever is later."""
    times = [c.when for c in corrections]
    if modified is not None:
        times.append(modified)
    return max(times, default=None)


def is_withdrawn(story) -> bool:
    return bool(getattr(story, "withdrawn", False))


def is_embargoed(story, now: datetime) -> bool:
    """Whether ``story`` is dated after ``now`` (held until its time)."""
    when = getattr(story, "date", None)
    return when is not None and when > now


def next_due(stories: Iterable, now: datetime) -> datetime | None:
    """The earliest time a held story comes due, if any is held."""
    return min((s.date for s in stories if is_embargoed(s, now)), default=None)


@dataclass(frozen=True)
class StoryState:
    """A story file as the newsroom sees it: where it stands in the workflow."""

    path: object
    title: str
    date: datetime | None
    state: str  # "scheduled", "withdrawn", "draft", "review" or "published"
    note: str = ""


def state_of(meta: dict, now: datetime, zone: str) -> str:
    """Where a story stands, from its front matter, at ``now``.

    >>> now = datetime(2026, 12, 2, 15, tzinfo=UTC)
    >>> state_of({"date": "2026-12-03T06:00:00+00:00"}, now, "UTC")
    'scheduled'
    >>> state_of({"date": "2026-12-01", "status": "Withdrawn"}, now, "UTC"), state_of({"status": "draft"}, now, "UTC")
    ('withdrawn', 'draft')
    >>> state_of({"date": "2026-12-01", "review": "headline"}, now, "UTC")
    'review'
    """
    status = str(meta.get("status") or "published").strip().lower()
    if status == WITHDRAWN:
        return WITHDRAWN
    if status == "draft":
        return "draft"
    if meta.get("date") and moment(meta["date"], zone, "date") > now:
        return "scheduled"
    if meta.get("review") not in (None, "", False):
        return "review"
    return "published"


def story_states(found: Iterable[tuple[object, dict]], now: datetime, zone: str) -> list[StoryState]:
    """The state of each ``(path, front matter)``; a story whose date cannot
    be read counts as published (the build reports the date)."""
    states = []
    for path, meta in found:
        try:
            state = state_of(meta, now, zone)
        except ValueError:  # an unreadable date: the build names it
            state = "published"
        try:
            when = moment(meta["date"], zone, "date") if meta.get("date") else None
        except ValueError:
            when = None
        note = str(meta.get("withdrawn_note") or "") if state == WITHDRAWN else ""
        states.append(StoryState(path, str(meta.get("title") or ""), when, state, note))
    return states


def until(when: datetime, now: datetime) -> str:
    """How long until ``when``, for a reader.

    >>> t = datetime(2026, 12, 2, 15, tzinfo=UTC)
    >>> until(t.replace(hour=16, minute=30), t), until(t.replace(day=5), t), until(t.replace(minute=20), t)
    ('in 1 h 30 min', 'in 3 days', 'in 20 min')
    """
    minutes = max(0, int((when - now).total_seconds() // 60))
    if minutes >= 2 * 24 * 60:
        return f"in {minutes // (24 * 60)} days"
    if minutes >= 60:
        return f"in {minutes // 60} h {minutes % 60} min" if minutes % 60 else f"in {minutes // 60} h"
    return f"in {minutes} min"


@dataclass(frozen=True)
class Byline:
    """Who a story is by: its authors (name and role, from the byline), the
    agency or source it came from, and the desk credit for stories with
    neither (``NEWSROOM_DEFAULT_BYLINE``)."""

    people: tuple[tuple[str, str], ...] = ()
    credit: str = ""
    default: str = ""

    @property
    def names(self) -> str:
        """The authors' names for a reader.

        >>> Byline((("Ana Lind", ""), ("Tom Ek", ""), ("Jo Bay", ""))).names
        'Ana Lind, Tom Ek and Jo Bay'
        """
        names = [name for name, _ in self.people]
        return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]

    @property
    def text(self) -> str:
        """The line a story page shows.

        >>> Byline((("Ana Lind", "Political correspondent"),)).text
        'By Ana Lind, Political correspondent'
        >>> Byline((("Ana Lind", ""), ("Tom Ek", "")), credit="Reuters").text
        'By Ana Lind and Tom Ek · Reuters'
        >>> Byline(credit="Reuters", default="Newsroom desk").text, Byline(default="Newsroom desk").text
        ('Reuters', 'Newsroom desk')
        """
        if not self.people:
            return self.credit or self.default
        if len(self.people) == 1 and self.people[0][1]:
            line = f"By {self.people[0][0]}, {self.people[0][1]}"
        else:
            line = f"By {self.names}"
        return f"{line} · {self.credit}" if self.credit else line

    @property
    def feed_author(self) -> str:
        """The name a feed gives as the item's author."""
        return self.names or self.credit or self.default

    def json_ld(self) -> list[dict]:
        """schema.org authors: a ``Person`` per author, an ``Organization`` for
        the credit (or the desk, when there is no one else).

        >>> for entry in Byline((("Ana Lind", "Political correspondent"),), credit="Reuters").json_ld():
        ...     print(entry)
        {'@type': 'Person', 'name': 'Ana Lind', 'jobTitle': 'Political correspondent'}
        {'@type': 'Organization', 'name': 'Reuters'}
        """
        found: list[dict] = []
        for name, role in self.people:
            found.append({"@type": "Person", "name": name, **({"jobTitle": role} if role else {})})
        if self.credit or not found:
            found.append({"@type": "Organization", "name": self.credit or self.default})
        return found


def byline_of(authors: Iterable[str], roles: dict | None, credit: str, default: str) -> Byline:
    """A story's byline from its front matter (``authors``, ``author_roles``,
    ``source_credit``) and the desk credit."""
    roles = roles if isinstance(roles, dict) else {}
    people = tuple((str(name), str(roles.get(name) or "")) for name in authors if str(name).strip())
    return Byline(people, str(credit or "").strip(), default)
