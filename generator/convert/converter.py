"""The converter: raw files in, Markdown stories out, safe to re-run.

The pure core, :func:`draft_stories`, turns raw text into story drafts
(split, cleaned, drop caps repaired, headlined, tagged).  The shell,
:func:`convert`, does the file work around it:

* a state file (``.convert-state.json`` beside the Markdown) remembers, per
  raw file, what each story looked like and what bytes were written, so an
  unchanged raw file is skipped without being read twice and a story keeps
  its id, date and slug for ever;
* a Markdown file whose bytes differ from what the converter last wrote was
  edited by a person: it is never overwritten (unless ``force``), and a
  change to its raw story is reported as a conflict;
* a story that disappears from the raw input is reported, never deleted;
* every write is atomic, and a bad raw file is reported while the rest go on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from slugify import slugify

from generator.convert import dates
from generator.convert.bylines import credit_name, judge_bylines
from generator.convert.clean import clean_paragraph, repair_drop_cap
from generator.convert.dates import parse_dateline
from generator.convert.headline import (
    OVERRUN,
    feature_doubt,
    fit_characters,
    headline_cuts,
    longer_cuts,
    news_text,
    uncut_headline,
    whole_headline,
)
from generator.convert.markdown import FrontMatterError, parse_front_matter, render_story
from generator.convert.model import Author, ImageRef, RawStory, Story
from generator.convert.parse import PARSED_PARAGRAPHS, parse_stories, parse_texts
from generator.convert.parse_headline import (
    Choice,
    Headline,
    choose_headlines,
    cut_back,
    descriptions_of_names,
    finish_cut_short,
    finished_clause,
    left_out_doubts,
    places_named,
    unfinished_end,
    write_headline,
)
from generator.convert.read import RAW_SUFFIXES, RawFileError, read_raw
from generator.convert.split import split_stories, split_warnings
from generator.convert.topics import tag_story
from generator.convert.voice import turn_round
from generator.fsio import write_atomic
from generator.settings import ConvertSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc

STATE_FILE = ".convert-state.json"
STATE_VERSION = 1
ID_NAMESPACE = uuid.UUID("6f1c4e52-3d0b-5c1e-9a57-2b6f43c0e9a1")
# Slugs that would clash with the site's own pages or with file systems.
RESERVED_SLUGS = frozenset(
    """index archives tags categories authors feeds search topics sections about 404 sitemap robots
    theme static con prn aux nul com1 com2 com3 lpt1 lpt2 lpt3""".split()
)
MAX_SLUG_LENGTH = 80
LONG_LINE = 100_000  # characters; longer lines are kept but reported
# A standfirst is a sentence or two; a longer one (a whole story on one line)
# would fill every listing card and feed entry, so its summary is cut here
# and the whole text opens the body instead.
MAX_SUMMARY_CHARS = 1000


# ---------------------------------------------------------------- pure core
@dataclass(frozen=True)
class Draft:
    """A story as the converter understood it, before files and identity."""

    title: str
    summary: str
    body: tuple[str, ...]
    category: str
    tags: tuple[str, ...]
    first_line: int
    explicit_date: str | None
    explain: tuple[str, ...]
    # The standfirst was too long for a summary (MAX_SUMMARY_CHARS).
    summary_cut: bool = False
    # Why the headline needs an editor's look, and the candidates that lost.
    review: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    # A wire dateline's month and day when it gives no year ("March 3 -"):
    # the year comes from the file's date.
    dateline_day: tuple[int, int] | None = None
    # A one-paragraph wire brief: a datelined lead needs no standfirst.
    brief: bool = False
    image: ImageRef | None = None
    authors: tuple[Author, ...] = ()
    source_credit: str = ""

    @property
    def raw_sha(self) -> str:
        return _sha("\n".join((self.summary, *self.body)))

    @property
    def standfirst_sha(self) -> str:
        return _sha(self.summary)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _clean_lines(text: str) -> str:
    return "\n".join(clean_paragraph(line) if line.strip() else "" for line in text.split("\n"))


@dataclass(frozen=True)
class _Repaired:
    """A raw story after drop-cap repair, before parsing: what gets parsed."""

    raw: RawStory
    summary: str
    body: tuple[str, ...]
    notes: tuple[str, ...]
    # The standfirst was too long: the summary is cut, the whole text is body[0].
    summary_cut: bool = False


def repair_story(raw: RawStory) -> _Repaired:
    """Drop cap restored and an over-long standfirst moved into the body."""
    notes: list[str] = []
    paragraphs = [p for p in raw.paragraphs if p]
    if len(paragraphs) > 1 and _only_dateline(paragraphs[0], paragraphs[1]):
        # "LONDON (Reuters) -" on a line of its own opens the next paragraph.
        paragraphs[:2] = [f"{paragraphs[0].strip()} {paragraphs[1]}"]
    summary, body = paragraphs[0], paragraphs[1:]
    if body:
        context = " ".join([summary, *body[1:]])
        body[0], note = repair_drop_cap(body[0], context)
        if note:
            notes.append(f"line {raw.first_line + 1}: {note}")
    else:
        notes.append(f"line {raw.first_line}: story has only a standfirst")
    if len(summary) > MAX_SUMMARY_CHARS:
        notes.append(
            f"line {raw.first_line}: standfirst is {len(summary):,} characters; "
            f"summary cut to {MAX_SUMMARY_CHARS}, the whole text opens the body"
        )
        summary, body = fit_characters(summary, MAX_SUMMARY_CHARS), [summary, *body]
        return _Repaired(raw, summary, tuple(body), tuple(notes), summary_cut=True)
    return _Repaired(raw, summary, tuple(body), tuple(notes))


def _without_dateline(repaired: _Repaired) -> list[str]:
    """The standfirst and body as a headline writer reads them: a wire
    dateline ("AMSTERDAM, March 3 - ") is no part of the news."""
    # A cut summary is no paragraph of the story: the whole standfirst is.
    paragraphs = list(repaired.body) if repaired.summary_cut else [repaired.summary, *repaired.body]
    dateline, index = repaired.raw.dateline, repaired.raw.dateline_index
    if dateline is not None and index < len(paragraphs) and paragraphs[index].startswith(dateline.written):
        paragraphs[index] = paragraphs[index][len(dateline.written) :].lstrip()
    return paragraphs


def _only_dateline(line: str, following: str) -> bool:
    """Whether ``line`` is a dateline alone ("LONDON (Reuters) -") that the
    splitter's dateline reader finds when it opens ``following``."""
    dateline = parse_dateline(f"{line.strip()} {following}")
    return dateline is not None and dateline.paragraph_text == following.strip()


def _parsed_text(repaired: _Repaired) -> list[str]:
    """What spaCy parses of a story: standfirst and lead, without dateline."""
    return [news_text(p) for p in _without_dateline(repaired)[:PARSED_PARAGRAPHS]]


@dataclass
class _Headlines:
    """A story's headline work: the rules' headline, the parse's, the choice."""

    rules: str | None  # None: the raw text gave the headline
    parsed: Headline | None
    notes: list[str]
    choice: Choice | None = None
    # The rules' headline cut at the word limit, with room for an attribution.
    rules_short: str | None = None
    # The rules' headline with nothing cut off its end, when that is short.
    rules_whole: str | None = None
    # The parse of the sentence both headlines were cut from.
    source: Doc | None = None
    # What the rules' headline was made from (the standfirst as they read it,
    # the rest of the story), for the headline with nothing cut, if needed.
    standfirst: str = ""
    rest: tuple[str, ...] = ()


def _headlines(
    repaired: _Repaired, docs: Sequence[Doc], settings: ConvertSettings, active: Doc | None = None
) -> _Headlines:
    """The headline work for one story; ``active`` is the parse of its
    standfirst in the active voice, which both writers then read instead."""
    raw = repaired.raw
    if raw.headline:
        return _Headlines(None, None, [f"headline from the raw text: {raw.headline!r}"])
    steps: list[str] = []
    max_words, max_chars = settings.headline_max_words, settings.headline_max_chars
    standfirst, *rest = _without_dateline(repaired)
    turned = []
    if active is not None:
        standfirst, docs = active.text, [active, *docs[1:]]
        turned = [f"  headline step: the standfirst turned round: {active.text!r}"]
    rules, at_limit = headline_cuts(news_text(standfirst), rest, max_words, max_chars, steps)
    notes = [f"headline {rules!r} from the standfirst", *turned, *(f"  headline step: {step}" for step in steps)]
    doc = docs[0] if docs else None
    whole = whole_headline(
        news_text(standfirst),
        rest,
        settings.headline_whole_words,
        max_chars,
        places_named(doc),
        descriptions_of_names(doc),
    )
    parsed = write_headline(docs, max_words, max_chars, settings.headline_whole_words)
    finished = finished_clause(rules, doc, settings.headline_whole_words, max_chars) if doc is not None else ""
    if finished:
        # The rules stopped short of a phrase their last word needs: the
        # clause with that phrase finished and other words cut competes.
        parsed = dataclasses.replace(parsed, whole=finished)
    return _Headlines(
        rules,
        parsed,
        notes,
        rules_short=at_limit,
        rules_whole=whole,
        source=doc,
        standfirst=news_text(standfirst),
        rest=tuple(rest),
    )


def _draft(repaired: _Repaired, docs: Sequence[Doc], heads: _Headlines, settings: ConvertSettings) -> Draft:
    raw, summary, body = repaired.raw, repaired.summary, list(repaired.body)
    notes = [*repaired.notes, *heads.notes]
    review: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    title = fit_characters(raw.headline, settings.headline_max_chars) if raw.headline else ""
    if heads.choice is not None and heads.parsed is not None:
        parsed, choice = heads.parsed, heads.choice
        title = choice.text
        notes.extend(f"  headline: {why}" for why in choice.why)
        review = tuple(why for why in parsed.review if not why.startswith("heavy cut"))
        review += tuple(why for why in choice.doubts if why not in review)
        alternatives = tuple(a for a in (parsed.text, *parsed.alternatives) if a != title)
        notes.extend(f"  parse: {step}" for step in parsed.explain)
        notes.extend(f"  headline from the parse: {alt!r}" for alt in alternatives[:1])
        unfinished = unfinished_end(title, heads.source)
        finished = _finished_cut(title, heads, settings) if unfinished else ""
        if finished:
            notes.append(f"  headline: {title!r} stops short ({unfinished}): a longer cut finishes it")
            alternatives = (title, *(a for a in alternatives if a != finished))
            title, unfinished = finished, None
        shorter = cut_back(title, parsed, heads.source) if unfinished else ""
        if shorter:
            notes.append(f"  headline: {title!r} stops short ({unfinished}): cut back to a whole phrase")
            alternatives = (title, *(a for a in alternatives if a != shorter))
            title, unfinished = shorter, None
        if unfinished:
            review += (f"the headline stops short: {unfinished}",)
            uncut = uncut_headline(heads.standfirst, heads.rest)
            if uncut != title:
                # The whole of it first, for the editor to trim.
                alternatives = (uncut, *(a for a in alternatives if a != uncut))
        feature = feature_doubt(title)
        if feature and feature not in review:
            review += (feature,)
        notes.extend(f"  headline needs review: {why}" for why in review)
    # The story's own paragraphs, in the order its parses stand for them.
    paragraphs = list(body) if repaired.summary_cut else [summary, *body]
    place = raw.dateline.place if raw.dateline is not None else None
    tagging = tag_story(title, paragraphs, settings.tagging, docs, place)
    credit, credit_notes = _credit(raw)
    notes.extend([*_byline_notes(raw), *credit_notes])
    return Draft(
        summary_cut=repaired.summary_cut,
        title=title,
        summary=summary,
        body=tuple(body),
        category=tagging.section,
        tags=tagging.tags,
        first_line=raw.first_line,
        explicit_date=raw.explicit_date,
        explain=(*notes, *tagging.explain),
        review=review,
        alternatives=alternatives,
        dateline_day=_dateline_day(raw),
        brief=raw.dateline is not None and raw.dateline_index == 0,
        image=raw.image,
        authors=raw.authors,
        source_credit=credit,
    )


# Characters past NEWSROOM_HEADLINE_MAX_CHARS a headline may take to finish a
# phrase it would otherwise stop short of: two or three words.  A headline
# cut mid-phrase is unusable; one a little long is not.
FINISH_CHARS = 15


def _finished_cut(title: str, heads: _Headlines, settings: ConvertSettings) -> str:
    """``title`` finished where it stops short of a phrase (a longer cut, or the clause finished),
    in up to ``OVERRUN`` words past the whole-clause limit and
    ``FINISH_CHARS`` characters past the character limit; else ""
    (``docs/decisions.md``, "A headline that stops short is finished")."""
    most_words = settings.headline_whole_words + OVERRUN
    cuts = longer_cuts(heads.standfirst, heads.rest, len(title.split()) + 1, most_words)
    return finish_cut_short(title, cuts, heads.source, most_words, settings.headline_max_chars + FINISH_CHARS)


def _drafts(repaired: list[_Repaired], parsed: list[Sequence[Doc]], settings: ConvertSettings) -> list[Draft]:
    """Drafts for a file's stories, every candidate headline parsed in one batch."""
    actives = _active_standfirsts(repaired, parsed, settings)
    heads = [_headlines(r, docs, settings, active) for r, docs, active in zip(repaired, parsed, actives, strict=True)]
    pending = [h for h in heads if h.rules is not None and h.parsed is not None]
    choices = choose_headlines(
        [(h.rules, h.parsed) for h in pending],
        settings.headline_max_words,
        settings.headline_max_chars,
        [h.rules_short for h in pending],
        settings.model,
        [h.rules_whole for h in pending],
        settings.headline_whole_words,
    )
    for head, choice in zip(pending, choices, strict=True):
        head.choice = choice
    drafts = [_draft(r, docs, h, settings) for r, docs, h in zip(repaired, parsed, heads, strict=True)]
    return _with_left_out_doubts(drafts, heads, settings)


def _with_left_out_doubts(drafts: list[Draft], heads: list[_Headlines], settings: ConvertSettings) -> list[Draft]:
    """The drafts, each finished headline read against its standfirst for
    what the cut lost (:func:`left_out_doubts`); the titles parsed in one batch."""
    judged = [n for n, head in enumerate(heads) if head.choice is not None and head.source is not None]
    parses = parse_texts([drafts[n].title for n in judged], settings.model, disable=["ner"]) if judged else []
    out = list(drafts)
    for n, parse in zip(judged, parses, strict=True):
        extra = tuple(why for why in left_out_doubts(parse, heads[n].source) if why not in out[n].review)
        if extra:
            draft = out[n]
            notes = tuple(f"  headline needs review: {why}" for why in extra)
            # What the cut left out, for the editor to trim: the whole of it first.
            uncut = uncut_headline(heads[n].standfirst, heads[n].rest)
            alternatives = draft.alternatives
            if uncut != draft.title:
                alternatives = (uncut, *(a for a in alternatives if a != uncut))
            out[n] = dataclasses.replace(
                draft, review=draft.review + extra, explain=draft.explain + notes, alternatives=alternatives
            )
    return out


def _active_standfirsts(
    repaired: list[_Repaired], parsed: list[Sequence[Doc]], settings: ConvertSettings
) -> list[Doc | None]:
    """For each story, the parse of its standfirst's first sentence turned
    round where a headline writer should read it so
    (:func:`generator.convert.voice.turn_round`); all parsed in one batch."""
    texts: list[str | None] = []
    for r, docs in zip(repaired, parsed, strict=True):
        first = next(iter(docs[0].sents), None) if docs and len(docs[0]) and not r.raw.headline else None
        lead = next(iter(docs[1].sents), None) if len(docs) > 1 and len(docs[1]) else None
        texts.append(turn_round(first, lead) if first is not None else None)
    wanted = [t for t in texts if t]
    found = iter(parse_texts(wanted, settings.model) if wanted else [])
    return [next(found) if t else None for t in texts]


def _credit(raw: RawStory) -> tuple[str, list[str]]:
    """The story's wire credit, and where it came from: a ``Source:``
    header or a byline naming an agency, else the agency of its dateline."""
    if raw.source_credit:
        return raw.source_credit, [f"source credit {raw.source_credit!r} from the copy"]
    if raw.dateline is not None and raw.dateline.agency:
        credit = credit_name(raw.dateline.agency)
        return credit, [f"source credit {credit!r} from the dateline {raw.dateline.written.strip()!r}"]
    return "", []


def _byline_notes(raw: RawStory) -> list[str]:
    if not raw.authors:
        return []
    names = ", ".join(f"{a.name} ({a.role})" if a.role else a.name for a in raw.authors)
    return [f"authors: {names}"]


def _dateline_day(raw: RawStory) -> tuple[int, int] | None:
    dateline = raw.dateline
    if dateline is None or dateline.year is not None or not dateline.month or not dateline.day:
        return None
    return dateline.month, dateline.day


def draft_stories(text: str, settings: ConvertSettings, detailed: bool = False) -> tuple[list[Draft], list[str]]:
    """Raw text to story drafts, plus the splitter's explanation (``detailed``
    adds what only ``--explain`` shows).

    >>> from generator.settings import ConvertSettings
    >>> s = ConvertSettings(Path("c"), Path("c/raw"), Path("c/stories"))
    >>> drafts, _ = draft_stories("Title: Hello world\\n\\nThe body.", s)
    >>> [(d.title, d.summary, d.body) for d in drafts]
    [('Hello world', 'The body.', ())]
    """
    bylines = partial(judge_bylines, model=settings.model)
    raw_stories, explain = split_stories(_clean_lines(text), detailed, bylines)
    drafts: list[Draft] = []
    # A few hundred stories at a time: a parse keeps its tensors, and a file
    # of 10,000 stories would otherwise hold them all at once.
    for start in range(0, len(raw_stories), PARSE_CHUNK):
        repaired = [repair_story(raw) for raw in raw_stories[start : start + PARSE_CHUNK]]
        parsed = parse_stories([_parsed_text(r) for r in repaired], settings.model)
        drafts.extend(_drafts(repaired, parsed, settings))
    return drafts, explain


PARSE_CHUNK = 256


# ---------------------------------------------------------------- the shell
@dataclass
class Report:
    """What a conversion did, for the command line and for tests."""

    files: int = 0
    stories: int = 0
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    skipped_files: int = 0
    conflicts: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        parts = [
            f"{self.files} raw file{'s' if self.files != 1 else ''}",
            f"{self.stories} stories",
            "dry run, nothing written" if self.dry_run else f"{len(self.written)} written",
            f"{self.unchanged} unchanged",
        ]
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} hand-edited kept")
        if self.gone:
            parts.append(f"{len(self.gone)} no longer in raw input")
        if self.errors:
            parts.append(f"{len(self.errors)} file{'s' if len(self.errors) != 1 else ''} failed")
        return ", ".join(parts)


def find_raw_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Raw files under ``paths`` (files as given, folders searched), sorted."""
    found: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            folders: dict[Path, bool] = {}  # folder -> whether it really lies inside root
            for p in sorted(path.rglob("*")):
                if not p.is_file() or p.suffix.lower() not in RAW_SUFFIXES or p.name.startswith("."):
                    continue
                if p.parent not in folders:
                    folders[p.parent] = p.parent.resolve().is_relative_to(root)
                # A link out of the raw folder (to /etc/passwd, to a home
                # folder) would publish whatever it points at.
                if not folders[p.parent] or (p.is_symlink() and not p.resolve().is_relative_to(root)):
                    errors.append(f"{p}: links to {p.resolve()}, outside {path}; skipped")
                    continue
                found.append(p)
        elif path.exists():
            found.append(path)
        else:
            errors.append(f"{path}: no such file or folder")
    return found, errors


class _State:
    def __init__(self, path: Path):
        self.path = path
        self.data = {"version": STATE_VERSION, "files": {}}
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict) and loaded.get("version") == STATE_VERSION:
                self.data = loaded
        except (OSError, ValueError):
            pass

    @property
    def files(self) -> dict:
        return self.data["files"]

    def slugs(self) -> set[str]:
        return {s["slug"] for f in self.files.values() for s in f.get("stories", [])}

    def save(self) -> None:
        ordered = {"version": STATE_VERSION, "files": dict(sorted(self.files.items()))}
        write_atomic(self.path, json.dumps(ordered, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


def unique_slug(title: str, taken: set[str], next_suffix: dict[str, int] | None = None) -> str:
    """A python-slugify slug for ``title`` that no other story uses.

    ``next_suffix`` remembers, per base slug, where the numbering got to, so
    a file of 75,000 stories with one headline numbers them in linear time.

    >>> unique_slug("Putin rejects plan", {"putin-rejects-plan"})
    'putin-rejects-plan-2'
    >>> unique_slug("Index", set())
    'index-story'
    >>> unique_slug("../../etc/passwd", set())
    'etc-passwd'
    >>> taken, suffixes = {"ferry", "ferry-2"}, {}
    >>> [unique_slug("Ferry", taken | {f"ferry-{n}" for n in range(3, k)}, suffixes) for k in (3, 4)]
    ['ferry-3', 'ferry-4']
    """
    base = slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True) or "story"
    if base in RESERVED_SLUGS:
        base += "-story"
    slug, n = base, 2
    if base in taken and next_suffix is not None:
        n = next_suffix.get(base, 2)
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    if next_suffix is not None:
        next_suffix[base] = n
    return slug


def _match(drafts: list[Draft], old: list[dict]) -> list[dict | None]:
    """Pair each draft with its earlier state entry (same text, same standfirst, same place).

    Each draft takes the first entry not yet taken with the same raw text,
    then the same standfirst, then the one in its place; entries are looked
    up by value, so a file of many thousand stories matches in linear time.

    >>> from types import SimpleNamespace
    >>> old = [{"raw_sha": "a", "standfirst_sha": "x"}, {"raw_sha": "b", "standfirst_sha": "y"}]
    >>> drafts = [SimpleNamespace(raw_sha="b", standfirst_sha="y"), SimpleNamespace(raw_sha="c", standfirst_sha="z")]
    >>> [m["raw_sha"] if m else None for m in _match(drafts, old)]
    ['b', None]
    """
    matched: list[dict | None] = [None] * len(drafts)
    taken: set[int] = set()
    for key in ("raw_sha", "standfirst_sha"):
        by_value: dict[object, deque[int]] = {}
        for j, entry in enumerate(old):
            if j not in taken:
                by_value.setdefault(entry.get(key), deque()).append(j)
        for i, draft in enumerate(drafts):
            if matched[i] is not None:
                continue
            candidates = by_value.get(getattr(draft, key))
            while candidates and candidates[0] in taken:
                candidates.popleft()
            if candidates:
                j = candidates.popleft()
                matched[i] = old[j]
                taken.add(j)
    for i in range(min(len(drafts), len(old))):
        if matched[i] is None and i not in taken and not old[i].get("gone"):
            matched[i] = old[i]
            taken.add(i)
    return matched


# A raw file changed less than this long before it was last read is read
# again next time, whatever its size and times say.
RACY_NS = 2_000_000_000
SEEN_FILE = "convert-seen.json"


class SeenFiles:
    """What this machine last saw of each raw file: its size, inode and
    times, its digest, and when it was read.  A file whose size, inode and
    times are unchanged, and that had not changed for RACY_NS before it was
    read, is taken to hold what it held then: a run with nothing to convert
    reads none of thousands of raw files.  Kept under CACHE_PATH, never in
    the committed conversion state (sizes and times differ from machine to
    machine); without a cache folder every file is read.

    A file changed in the same clock tick as it was read could keep its size
    and times ("racy", as git calls it), so such a file is read again.
    """

    def __init__(self, path: Path | None):
        self.path = path
        self.changed = False
        self.entries: dict[str, list] = {}
        if path is not None:
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                loaded = {}
            self.entries = loaded if isinstance(loaded, dict) else {}

    @staticmethod
    def _signature(path: Path) -> list[int]:
        st = path.stat()
        return [st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]

    def digest(self, source: str, path: Path) -> str | None:
        """The digest recorded for this file, if it cannot have changed since."""
        if self.path is None:
            return None
        seen = self.entries.get(source)
        if not (isinstance(seen, list) and len(seen) == 3):
            return None
        signature, sha, read_at = seen
        now = self._signature(path)
        if now != signature or max(now[2], now[3]) >= read_at - RACY_NS:
            return None
        return sha

    def remember(self, source: str, path: Path, sha: str) -> None:
        """Note a file just read (only files :meth:`digest` could not vouch
        for are read, so a run with nothing to do writes nothing)."""
        if self.path is None:
            return
        # The signature is taken after the read: a write during the read
        # shows as a change next time.
        self.entries[source] = [self._signature(path), sha, time.time_ns()]
        self.changed = True

    def save(self) -> None:
        if self.path is not None and self.changed:
            write_atomic(self.path, json.dumps(dict(sorted(self.entries.items())), indent=0) + "\n")


@dataclass(frozen=True)
class _Job:
    """A raw file that needs converting: where it is and its decoded text."""

    path: Path
    source: str
    file_sha: str
    text: str


# Below this many files the process pool costs more than it saves.
PARALLEL_THRESHOLD = 48


def _draft_one(args: tuple[str, ConvertSettings, bool]) -> tuple[list[Draft], list[str]] | str:
    """Worker: the pure core for one file; a crash becomes that file's error."""
    text, settings, detailed = args
    try:
        return draft_stories(text, settings, detailed)
    except Exception as exc:
        return f"could not be converted ({type(exc).__name__}: {exc}); please report this"


def _draft_all(jobs: list[_Job], settings: ConvertSettings, detailed: bool = False) -> Iterator:
    """Draft every job, in order, on all cores when there are many.

    Results are yielded as they come, so the caller writes the first files
    while the workers are still drafting the rest.
    """
    work = [(job.text, settings, detailed) for job in jobs]
    workers = min(os.cpu_count() or 1, 8)
    if len(work) < PARALLEL_THRESHOLD or workers < 2:
        yield from map(_draft_one, work)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_draft_one, work, chunksize=max(1, len(work) // (workers * 8)))


def _on_dateline_day(file_date: datetime, month: int, day: int) -> datetime:
    """The dateline's day in the year of the file's date, never after it.

    >>> from datetime import timezone as tz
    >>> _on_dateline_day(datetime(2026, 3, 5, 14, 0, tzinfo=tz.utc), 3, 3).isoformat()
    '2026-03-03T14:00:00+00:00'
    >>> _on_dateline_day(datetime(2026, 1, 2, 9, 0, tzinfo=tz.utc), 12, 30).isoformat()
    '2025-12-30T09:00:00+00:00'
    >>> _on_dateline_day(datetime(2026, 3, 3, 9, 0, tzinfo=tz.utc), 3, 5).isoformat()
    '2026-03-05T09:00:00+00:00'
    >>> _on_dateline_day(datetime(2026, 3, 3, 9, 0, tzinfo=tz.utc), 2, 29).isoformat()
    '2024-02-29T09:00:00+00:00'
    """
    # Up to two days after the file's date (time zones, a late commit); else
    # the most recent such day before it, back to the last 29 February.
    for year in range(file_date.year, file_date.year - 5, -1):
        try:
            candidate = file_date.replace(year=year, month=month, day=day)
        except ValueError:  # 29 February in a common year
            continue
        if candidate <= file_date + timedelta(days=2):
            return candidate
    return file_date


class Converter:
    """Converts raw files into Markdown under ``stories_path``."""

    def __init__(
        self,
        settings: ConvertSettings,
        out: Path | None = None,
        *,
        dry_run: bool = False,
        force: bool = False,
        explain: bool = False,
        progress: Callable[[int, int, Path], None] | None = None,
    ):
        self.settings = settings
        self.out = out or settings.stories_path
        self.dry_run = dry_run
        self.force = force
        self.explain = explain
        self.progress = progress
        self.state = _State(self.out / STATE_FILE)
        self.seen = SeenFiles(settings.cache_path / SEEN_FILE if settings.cache_path else None)
        # Whether this run changed the state: a run with nothing to do writes nothing.
        self.state_changed = False
        self.report = Report(dry_run=dry_run)
        self._git_dates: dict[Path, object] | None = None
        self._taken: set[str] | None = None
        self._orphans: dict[str, dict] | None = None
        self._used_dates: set[float] | None = None
        self._next_below: dict[float, float] = {}
        self._content_root: str | None = None
        self._real_folders: dict[str, str] = {}
        self._out_names: set[str] | None = None
        self._slug_suffixes: dict[str, int] = {}

    # -- helpers
    def _source_name(self, path: Path) -> str:
        """The raw file's name in the state: its real path under content/.

        Folders are resolved once each (a run over thousands of files in a
        few folders); a file that is itself a symbolic link is resolved whole.
        """
        if self._content_root is None:
            self._content_root = os.path.realpath(self.settings.content_path)
        text = os.fspath(path)
        if os.path.islink(text):
            real = os.path.realpath(text)
        else:
            folder, name = os.path.split(os.path.abspath(text))
            if folder not in self._real_folders:
                self._real_folders[folder] = os.path.realpath(folder)
            real = os.path.join(self._real_folders[folder], name)
        return os.path.relpath(real, self._content_root).replace(os.sep, "/")

    def _written(self, name: str) -> bool:
        """Whether the output folder holds a story file of this name (one listing a run)."""
        if self._out_names is None:
            self._out_names = set(os.listdir(self.out)) if self.out.is_dir() else set()
        return name in self._out_names

    def _taken_slugs(self) -> set[str]:
        if self._taken is None:
            self._taken = self.state.slugs()
            if self.out.is_dir():
                self._taken |= {p.stem for p in self.out.glob("*.md")}
        return self._taken

    def _orphan(self, story_id: str) -> dict | None:
        """A Markdown file for this story that the state does not know about.

        That happens when a run was killed after writing stories but before
        saving the state: the next run adopts the file instead of writing a
        duplicate under a new slug.
        """
        if self._orphans is None:
            self._orphans = {}
            known = {s["path"] for f in self.state.files.values() for s in f.get("stories", [])}
            for md in sorted(self.out.glob("*.md")) if self.out.is_dir() else []:
                if md.name in known:
                    continue
                try:
                    meta, _ = parse_front_matter(md.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError, FrontMatterError):
                    continue
                if isinstance(meta.get("id"), str) and meta.get("date") and meta.get("slug"):
                    self._orphans[meta["id"]] = {
                        "id": meta["id"],
                        "date": str(meta["date"]),
                        "slug": str(meta["slug"]),
                        "path": md.name,
                        "md_sha": None,
                        "raw_sha": None,
                    }
        return self._orphans.pop(story_id, None)

    def _new_date(self, path: Path, draft: Draft) -> str:
        """A new story's date: explicit, else git, else mtime; unique to the second.

        Stories from one raw file (or one commit) would share a date; each
        later one is set a second earlier, so the file's order is the news
        order and feed readers and validators never see two items with the
        same timestamp.
        """
        tz = self.settings.timezone
        when = None
        if draft.explicit_date:
            when = dates.parse_explicit_date(draft.explicit_date, tz)
            if when is None:
                self.report.warnings.append(
                    f"{path}:{draft.first_line}: date {draft.explicit_date!r} not understood; using the file's date"
                )
            elif when > datetime.now(when.tzinfo) + timedelta(days=1):
                # Kept: an editor may mean an embargo. Said, in case not.
                self.report.warnings.append(
                    f"{path}:{draft.first_line}: date {draft.explicit_date!r} is in the future; "
                    "the story is held (embargoed) until then"
                )
        if when is None:
            if self._git_dates is None:
                self._git_dates = dates.git_first_commit_dates(path.parent)
            when = self._git_dates.get(path.resolve()) or dates.file_mtime(path)
            if draft.dateline_day:
                when = _on_dateline_day(when, *draft.dateline_day)
        when = when.replace(microsecond=0)
        base = when.timestamp()
        # Resume below the last date handed out for this base: a thousand
        # stories from one commit cost a thousand steps, not half a million.
        if base in self._next_below:
            when = min(when, datetime.fromtimestamp(self._next_below[base], when.tzinfo))
        while when.timestamp() in self._dates_in_use():
            when -= timedelta(seconds=1)
        self._claim_date(when.isoformat())
        self._next_below[base] = when.timestamp() - 1
        return dates.format_date(when, tz)

    def _dates_in_use(self) -> set[float]:
        if self._used_dates is None:
            self._used_dates = {
                datetime.fromisoformat(s["date"]).timestamp()
                for f in self.state.files.values()
                for s in f.get("stories", [])
            }
        return self._used_dates

    def _claim_date(self, date: str) -> None:
        self._dates_in_use().add(datetime.fromisoformat(date).timestamp())

    # -- the work
    def _remove_stale_temporaries(self) -> None:
        """Temporary files left by a run that was killed mid-write."""
        if self.out.is_dir() and not self.dry_run:
            for tmp in self.out.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)

    def run(self, paths: Iterable[Path]) -> Report:
        self._remove_stale_temporaries()
        raw_files, errors = find_raw_files(paths)
        self.report.errors.extend(errors)
        seen: set[str] = set()
        jobs: list[_Job] = []
        for path in raw_files:
            seen.add(self._source_name(path))
            self.report.files += 1
            try:
                job = self._read_if_changed(path)
            except RawFileError as exc:
                self.report.errors.append(f"{path}: {exc}")
            except OSError as exc:
                self.report.errors.append(f"{path}: {exc.strerror or exc}")
            else:
                if job:
                    jobs.append(job)
        if self.progress and jobs:
            self.progress(0, len(jobs), jobs[0].path)  # a big first file shows what is being worked on
        drafted = _draft_all(jobs, self.settings, detailed=self.explain)
        for n, (job, result) in enumerate(zip(jobs, drafted, strict=True), start=1):
            if self.progress:
                self.progress(n, len(jobs), job.path)
            try:
                if isinstance(result, str):
                    raise RawFileError(result)
                self._apply(job, *result)
            except RawFileError as exc:
                self.report.errors.append(f"{job.path}: {exc}")
            except OSError as exc:
                self.report.errors.append(f"{job.path}: {exc.strerror or exc}")
        self._report_vanished_files(paths, seen)
        if not self.dry_run and (self.state_changed or not self.state.path.exists()):
            self.state.save()
        if not self.dry_run:
            self.seen.save()
        return self.report

    def _report_vanished_files(self, paths: Iterable[Path], seen: set[str]) -> None:
        scopes = [self._source_name(p).rstrip("/") + "/" for p in paths if p.is_dir()]
        for name, entry in self.state.files.items():
            if name in seen or not any(name.startswith(s) or s == "./" for s in scopes):
                continue
            for story in entry.get("stories", []):
                self.state_changed |= not story.get("gone")
                story["gone"] = True
                self.report.gone.append(f"{story['path']} (its raw file {name} is gone; Markdown kept)")

    def _read_if_changed(self, path: Path) -> _Job | None:
        """Read a raw file unless the state says it is unchanged and converted.

        A file whose size and modification time are those the state saw is
        not even read (a no-change run over thousands of raw files); one whose
        size or time changed is read and compared by digest.
        """
        source = self._source_name(path)
        entry = self.state.files.get(source)
        reuse = bool(entry) and not self.force and not self.dry_run and not self.explain
        file_sha = self.seen.digest(source, path) if reuse else None
        if file_sha is None:
            file_sha = hashlib.sha256(path.read_bytes()).hexdigest()
            if not self.dry_run:
                self.seen.remember(source, path, file_sha)
        if reuse and entry.get("sha") == file_sha:
            stories = entry.get("stories", [])
            if all(self._written(Path(s["path"]).name) for s in stories if not s.get("gone")):
                live = sum(1 for s in stories if not s.get("gone"))
                self.report.skipped_files += 1
                self.report.unchanged += live
                self.report.stories += live
                self.report.gone.extend(
                    f"{s['path']} (gone from {source}; Markdown kept)" for s in stories if s.get("gone")
                )
                return None
        raw = read_raw(path)
        for warning in raw.warnings:
            self.report.warnings.append(f"{path}: {warning}")
        for number, line in enumerate(raw.text.split("\n"), start=1):
            if len(line) > LONG_LINE:
                self.report.warnings.append(
                    f"{path}:{number}: line is {len(line):,} characters long; kept as one paragraph"
                )
        return _Job(path, source, file_sha, raw.text)

    def _apply(self, job: _Job, drafts: list[Draft], split_notes: list[str]) -> None:
        """Write the Markdown for one raw file's drafts and record them in the state."""
        path, source = job.path, job.source
        self.state_changed = True
        if not drafts:
            raise RawFileError("holds no story text")
        entry = self.state.files.get(source)
        old = list(entry.get("stories", [])) if entry else []
        matches = _match(drafts, old)
        if self.explain:
            self.report.plans.extend(f"{path}: {note}" for note in split_notes)
        for line, message in split_warnings(split_notes):
            self.report.warnings.append(f"{path}:{line}: {message}")
        new_entries: list[dict] = []
        for number, (draft, previous) in enumerate(zip(drafts, matches, strict=True), start=1):
            self.report.stories += 1
            if not draft.body and not draft.brief:
                self.report.warnings.append(f"{path}:{draft.first_line}: story has only a standfirst, no body")
            if draft.summary_cut:
                self.report.warnings.append(
                    f"{path}:{draft.first_line}: standfirst is {len(draft.body[0]):,} characters; the summary is cut "
                    f"to {MAX_SUMMARY_CHARS} and the whole text opens the body"
                )
            new_entries.append(self._write_story(path, source, number, draft, previous))
            if self.explain:
                self.report.plans.extend(f"{path}#{number}: {note}" for note in draft.explain)
        used = {id(m) for m in matches if m is not None}
        for story in old:
            if id(story) not in used:
                story["gone"] = True
                new_entries.append(story)
                self.report.gone.append(f"{story['path']} (story no longer in {source}; Markdown kept)")
        self.state.files[source] = {"sha": job.file_sha, "stories": new_entries}
        self.state_changed = True

    def _write_story(self, path: Path, source: str, number: int, draft: Draft, previous: dict | None) -> dict:
        if previous:
            story_id, date, slug = previous["id"], previous["date"], previous["slug"]
            modified = previous.get("modified")
            if previous.get("raw_sha") != draft.raw_sha and not previous.get("gone"):
                modified = max(date, dates.format_date(dates.file_mtime(path), self.settings.timezone))
        else:
            story_id = f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, source + chr(10) + draft.summary)}"
            adopted = self._orphan(story_id)
            if adopted:
                date, slug = adopted["date"], adopted["slug"]
                previous = adopted
                self._claim_date(date)
            else:
                date = self._new_date(path, draft)
                slug = unique_slug(draft.title, self._taken_slugs(), self._slug_suffixes)
                self._taken_slugs().add(slug)
            modified = None
        story = Story(
            title=draft.title,
            summary=draft.summary,
            body=draft.body,
            slug=slug,
            story_id=story_id,
            date=date,
            modified=modified,
            source=f"{source}#{number}",
            category=draft.category,
            tags=draft.tags,
            review=draft.review,
            alternatives=draft.alternatives,
            image=draft.image,
            authors=draft.authors,
            source_credit=draft.source_credit,
        )
        target = self.out / f"{slug}.md"
        text = render_story(story)
        entry = {
            "id": story_id,
            "date": date,
            "slug": slug,
            "path": target.name,
            "raw_sha": draft.raw_sha,
            "standfirst_sha": draft.standfirst_sha,
            "md_sha": _sha(text),
        }
        if modified:
            entry["modified"] = modified
        if self.dry_run:
            last = draft.first_line + len(draft.body)
            self.report.plans.append(f"{path}#{number} lines {draft.first_line}-{last}: {draft.title!r} -> {target}")
            return entry
        self._write_unless_edited(target, text, previous, entry, path, draft)
        return entry

    def _write_unless_edited(
        self, target: Path, text: str, previous: dict | None, entry: dict, path: Path, draft: Draft
    ):
        try:
            current = target.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current == text:
            self.report.unchanged += 1
            return
        edited = current is not None and (previous is None or _sha(current) != previous.get("md_sha"))
        if edited and not self.force:
            if previous is not None and previous.get("raw_sha") == draft.raw_sha:
                # Raw story unchanged, Markdown edited by hand: the normal case.
                entry.update(md_sha=previous["md_sha"], raw_sha=previous["raw_sha"])
                entry.pop("modified", None)
                if "modified" in previous:
                    entry["modified"] = previous["modified"]
                self.report.unchanged += 1
                return
            self.report.conflicts.append(
                f"{target}: edited by hand, but its raw story ({path}:{draft.first_line}) changed; "
                "the file was left as it is (delete it, or run convert --force, to take the new version)"
            )
            if previous is not None:
                entry.update(md_sha=previous.get("md_sha"), raw_sha=previous.get("raw_sha"))
            return
        write_atomic(target, text)
        self.report.written.append(target)


def convert(
    paths: Iterable[Path],
    settings: ConvertSettings,
    out: Path | None = None,
    **options,
) -> Report:
    """Convert raw files or folders; see :class:`Converter` for the options."""
    return Converter(settings, out, **options).run(list(paths))


__all__ = ["Converter", "Draft", "Report", "convert", "draft_stories"]
