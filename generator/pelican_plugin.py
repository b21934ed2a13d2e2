"""Pelican glue: our Markdown reader and our feeds.

* :class:`StoryReader` reads the converter's Markdown (YAML front matter
  between ``---`` lines) and hands Pelican its metadata.
* After Pelican has written the site, :func:`write_feeds` writes the RSS,
  Atom and JSON feeds with :mod:`generator.feeds` (Pelican's own feed writer
  is switched off in pelicanconf.py).
* The feeds page and every page's ``<head>`` get the list of feeds through
  the template context (``NEWSROOM_FEEDS``).
* Before Pelican sorts the stories into topics, :func:`prepare_stories`
  holds back the stories marked for review (``NEWSROOM_REVIEW_BEFORE_PUBLISH``),
  merges topic names site-wide and drops the topics below the threshold
  (``NEWSROOM_TOPIC_MIN_STORIES``), so no page, feed, link or sitemap entry
  shows a held story or a topic too small to have a page.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import io
import json
import logging
import multiprocessing
import os
import re
import shutil
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from dateutil import parser as dateutil_parser
from dateutil import tz as dateutil_tz
from markdown import Markdown
from markupsafe import Markup
from pelican import signals
from pelican import writers as pelican_writers
from pelican.contents import Article
from pelican.readers import BaseReader
from pelican.urlwrappers import Tag
from pelican.utils import SafeDatetime, get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer
from slugify import slugify

from generator import build, compact_html, feeds, images, newsroom, search, site, site_index
from generator.convert.markdown import FrontMatterError, parse_front_matter, plain_paragraphs_html, review_mark
from generator.feeds import FeedItem, FeedSpec, absolutize, build_feed_set
from generator.fsio import remove_file, write_atomic
from generator.page_memo import (
    CARD_TEMPLATES,
    PageMemo,
    digest_of,
    newest_shown,
    page_inputs,
    search_digest,
    site_digest,
    story_inputs,
)
from generator.pagination import StablePaginator, per_page
from generator.settings import (
    feed_policy,
    front_layout,
    menu_sections_limit,
    review_before_publish,
    tagging_config,
    topic_rule,
)
from generator.site import newest_first_key

logger = logging.getLogger(__name__)


def _markdown(settings: dict) -> Markdown:
    config = dict(settings.get("MARKDOWN", {}))
    extensions = [e for e in config.get("extensions", []) if e != "markdown.extensions.meta"]
    config["extensions"] = extensions
    return Markdown(**config)


def _as_text(value) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _safe_location(key: str, value, source_path: str):
    """Keep hand-edited slugs and paths inside the output folder."""
    if key == "slug":
        safe = slugify(str(value), max_length=120, word_boundary=True) or "story"
        if safe != str(value):
            logger.warning("%s: slug %r is not safe in a URL; using %r", source_path, value, safe)
        return safe
    if key in {"save_as", "url", "template"}:
        text = str(value)
        if text.startswith(("/", "\\")) or ".." in text.replace("\\", "/").split("/") or ":" in text:
            logger.warning("%s: %s %r would leave the site folder; ignored", source_path, key, value)
            return None
    return value


def parse_story_file(source_path: str, markdown_config: dict) -> tuple[str, dict, str | None]:
    """Front matter and HTML of one Markdown file: (content, metadata, summary HTML).

    Pure file-to-data work, so many files can be parsed in a process pool.
    """
    text = Path(source_path).read_text(encoding="utf-8")
    try:
        meta, body = parse_front_matter(text)
    except FrontMatterError as exc:
        raise ValueError(f"{source_path}: {exc}") from None
    converter = _HTMLConverter(markdown_config)
    content = converter.convert(body)
    summary = None
    if meta.get("summary") not in (None, ""):
        summary = converter.convert(str(meta["summary"]))
    return content, meta, summary


# Extensions that leave plain paragraphs as they are, so plain_paragraphs_html
# gives the same HTML as Python-Markdown with them.
_PLAIN_SAFE_EXTENSIONS = {
    "extra",
    "markdown.extensions.extra",
    "toc",
    "markdown.extensions.toc",
    "codehilite",
    "markdown.extensions.codehilite",
    # Pelican adds "meta"; _markdown() drops it (our front matter is YAML).
    "meta",
    "markdown.extensions.meta",
}


class _HTMLConverter:
    """Python-Markdown, skipped for plain paragraphs when the configured
    extensions cannot change them."""

    def __init__(self, markdown_config: dict):
        self.config = markdown_config
        extensions = markdown_config.get("extensions", [])
        self.plain_ok = all(isinstance(e, str) and e in _PLAIN_SAFE_EXTENSIONS for e in extensions)
        self.md: Markdown | None = None

    def convert(self, text: str) -> str:
        if self.plain_ok:
            html = plain_paragraphs_html(text)
            if html is not None:
                return html
        if self.md is None:
            self.md = _markdown({"MARKDOWN": self.config})
        self.md.reset()
        return self.md.convert(text)


def _parse_in_worker(args: tuple[str, dict]):
    try:
        return parse_story_file(*args)
    except Exception as exc:  # the main process reads this file again and reports it
        return exc


# Files parsed ahead of Pelican's reading loop, by absolute path.
_preparsed: dict[str, tuple[str, dict, str | None]] = {}
PARALLEL_READ_THRESHOLD = 200


def preparse_articles(generator) -> None:
    """Parse the stories Pelican will read, on all cores, before it reads them.

    Pelican reads one file at a time; with hundreds of new or changed stories
    the Markdown and YAML work is worth spreading over the cores.  Files in
    Pelican's content cache are left alone.
    """
    _preparsed.clear()
    settings = generator.settings
    # Pelican caches parsed files in its Readers (CONTENT_CACHING_LAYER
    # "reader"), keyed by absolute path; asking the generator's own cache
    # would find nothing and parse every story again.
    cache = generator.readers
    paths = (
        os.path.abspath(os.path.join(generator.path, f))
        for f in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
        if f.endswith((".md", ".markdown"))
    )
    todo = [p for p in paths if cache.get_cached_data(p, (None, None))[0] is None]
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_READ_THRESHOLD or workers < 2:
        return

    config = dict(settings.get("MARKDOWN", {}))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(_parse_in_worker, [(p, config) for p in todo], chunksize=max(1, len(todo) // (workers * 8)))
        for path, result in zip(todo, results, strict=True):
            if not isinstance(result, Exception):
                _preparsed[path] = result


class _FrozenURLArticle(Article):
    """An article whose ``url`` and ``save_as`` are worked out once.

    Pelican formats them from the metadata on every access (path
    arithmetic included); the theme asks for a story's URL wherever the story
    is listed, about 25 times per story on a large site.
    """

    @cached_property
    def url(self) -> str:
        return self.get_url_setting("url")

    @cached_property
    def save_as(self) -> str:
        return self.get_url_setting("save_as")


# The last build's review figures, for the CLI: stories marked ``review:``
# among those Pelican would publish, and how many of them were held back.
review_counts = {"marked": 0, "held": 0}


def prepare_stories(generator) -> None:
    """Before Pelican sorts the stories into topics and sections: hold back
    the stories marked for review, then settle the topics every page shows."""
    hold_for_review(generator)
    hold_embargoed(generator)
    drop_duplicate_addresses(generator)
    take_down(generator)
    credit_bylines(generator)
    settle_topics(generator)
    # Newest first, stories of the same minute by address: Pelican keeps
    # such stories in the order the file system lists their files, which a
    # rebuild from the site index (generator/quick_build.py) cannot know.
    generator.articles.sort(key=newest_first_key)


def credit_bylines(generator) -> None:
    """Give each story its byline (``newsroom.Byline``). A story without
    ``authors`` is credited to the desk (``NEWSROOM_DEFAULT_BYLINE``) and has
    no Pelican author, so it is on no author page."""
    default = default_byline(generator.settings)
    for article in generator.articles:
        credit_byline(article, default)


def credit_byline(article, default: str) -> None:
    """Give one story its byline (see :func:`credit_bylines`)."""
    explicit = "authors" in article.metadata or "author" in article.metadata
    names = [a.name for a in getattr(article, "authors", None) or []] if explicit else []
    if not explicit:
        article.authors = []
    article.byline = newsroom.byline_of(
        names, getattr(article, "author_roles", None), getattr(article, "source_credit", ""), default
    )


def default_byline(settings: dict) -> str:
    """``NEWSROOM_DEFAULT_BYLINE``, or the site's desk ("Newsroom desk")."""
    return str(settings.get("NEWSROOM_DEFAULT_BYLINE") or f"{settings.get('SITENAME', 'Newsroom')} desk")


def hold_embargoed(generator) -> None:
    """A story dated after now (``newsroom.clock``) waits as a draft until
    its time: no page, listing, feed, sitemap or search entry. The time the
    first one comes due is kept, so that a build with no other change after
    it still runs (``up_to_date``)."""
    now = newsroom.clock(generator.settings)
    held = [a for a in generator.articles if newsroom.is_embargoed(a, now)]
    _build.next_due = newsroom.next_due(held, now)
    _build.embargoed_sources = [a.source_path for a in held]
    embargo_counts.update(held=len(held))
    _make_drafts(generator, held)


def _make_drafts(generator, stories: list) -> None:
    """Move ``stories`` from the published ones to the drafts (no page)."""
    if not stories:
        return
    ids = {id(a) for a in stories}
    for article in stories:
        article.status = "draft"
    generator.articles = [a for a in generator.articles if id(a) not in ids]
    generator.drafts = sorted([*generator.drafts, *stories], key=lambda a: (a.date, a.source_path), reverse=True)


def take_down(generator) -> None:
    """A withdrawn story (``status: withdrawn``, read as hidden) keeps only a
    short notice at its address (the ``withdrawn`` template, not indexed),
    or no page at all with ``withdrawn_notice: false`` or when it was
    withdrawn before its embargo ended, so the host answers with the site's
    404 page. It is in no listing, feed, sitemap or search
    part: those are made from the published stories only."""
    kept = []
    # A published story at the same address (a corrected version filed again
    # under the old slug) wins over the notice.
    published = {a.save_as for a in generator.articles}
    now = newsroom.clock(generator.settings)
    _build.withdrawn_sources = [a.source_path for a in generator.hidden_articles if newsroom.is_withdrawn(a)]
    for article in generator.hidden_articles:
        if not newsroom.is_withdrawn(article):
            kept.append(article)
        elif article.save_as in published:
            logger.info("newsroom: %s is withdrawn; its address holds a published story", article.source_path)
        elif not getattr(article, "withdrawn_notice", True):
            continue
        elif newsroom.is_embargoed(article, now):
            # Withdrawn before its time: nobody has seen it, so a notice
            # would only tell that it existed. It appears at its time, so
            # the build must run again then.
            logger.info("newsroom: %s is withdrawn before its time; no notice yet", article.source_path)
            _build.notice_due = min(filter(None, (_build.notice_due, article.date)))
        else:
            article.template = "withdrawn"
            _build.withdrawn_pages.add(article.save_as)
            kept.append(article)
    generator.hidden_articles = kept


def drop_duplicate_addresses(generator) -> None:
    """Two stories that would be written to one page (a slug copied by hand
    into a second file): the first by file name is published, and the build
    names both files with an error, instead of stopping with a traceback
    or, as Pelican's translation grouping did, keeping one without a word."""
    seen: dict[str, object] = {}
    dropped: set[int] = set()
    for article in sorted(generator.articles, key=lambda a: a.source_path):
        first = seen.setdefault(article.save_as, article)
        if first is not article:
            dropped.add(id(article))
            logger.error(
                "%s: slug %r is taken by %s (both would be %s); this story is not published: give it another slug",
                article.source_path,
                getattr(article, "slug", ""),
                first.source_path,
                article.save_as,
            )
    if dropped:
        generator.articles = [a for a in generator.articles if id(a) not in dropped]


def hold_for_review(generator) -> None:
    """With ``NEWSROOM_REVIEW_BEFORE_PUBLISH``, a story marked ``review:``
    becomes a draft until a person deletes the mark: no page (drafts are not
    written, ``DRAFT_SAVE_AS``), no listing, feed, sitemap or search entry."""
    marked = [a for a in generator.articles if getattr(a, "review", None)]
    review_counts.update(marked=len(marked), held=0)
    _build.marked_sources = [a.source_path for a in marked]
    if not marked or not review_before_publish(generator.settings):
        return
    _make_drafts(generator, marked)
    translations = [a for a in generator.translations if getattr(a, "review", None)]
    for article in translations:
        article.status = "draft"
    generator.translations = [a for a in generator.translations if not getattr(a, "review", None)]
    generator.drafts_translations = [*generator.drafts_translations, *translations]
    review_counts["held"] = len(marked)


def _not_people(settings: dict) -> frozenset[str]:
    """Names that are never a person's surname or full name: the tagger's
    places, bodies, subjects and sections, and what it never tags."""
    from generator.convert.topics import GENERIC_ACRONYMS, INSTITUTION_WORDS, PLACE_WORDS

    config = tagging_config(settings)
    return frozenset(
        {*config.synonyms, *config.synonyms.values(), *config.subjects, *config.sections, *config.suppress}
        | PLACE_WORDS
        | INSTITUTION_WORDS
        | GENERIC_ACRONYMS
    )


class _StoryTexts:
    """Each story's headline, standfirst and text, put together only for the
    few stories whose tags are candidates for a surname merge."""

    def __init__(self, articles: list):
        self.articles = articles

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, i: int) -> str:
        a = self.articles[i]
        return f"{a.title}\n{a.summary or ''}\n{getattr(a, '_content', '') or ''}"


def settle_topics(generator) -> None:
    """Give every story the topics the site shows for it.

    Topic names are merged site-wide (:func:`generator.site.merge_topic_names`:
    "TimeWarner" and "Time Warner", "Blair" and "Tony Blair"), then a topic
    with fewer published stories than the threshold is dropped
    (``NEWSROOM_TOPIC_MIN_STORIES``; every topic on a site of fewer than
    ``NEWSROOM_TOPIC_THRESHOLD_FROM_STORIES`` stories). The front matter
    keeps every tag as written; only the built site differs. Since the
    story's ``tags`` are what its page shows, a story's page inputs
    (:mod:`generator.page_memo`) change when one of its topics gains or
    loses its page.
    """
    settings = generator.settings
    articles = list(generator.articles)
    written = [[t.name for t in getattr(a, "tags", None) or []] for a in articles]
    names, shown, minimum = shown_topic_names(settings, written, _StoryTexts(articles), _build.slugs)
    counts: dict[str, int] = {}
    for tags in shown:
        for name in tags:
            counts[name] = counts.get(name, 0) + 1
    tags_by_name: dict[str, Tag] = {}

    def tag(name: str) -> Tag:
        if name not in tags_by_name:
            tags_by_name[name] = Tag(name, settings)
        return tags_by_name[name]

    for article, tags, as_written in zip(articles, shown, written, strict=True):
        # The front matter's tags, for a rebuild that settles topics again
        # from the site index (generator/quick_build.py).
        article.__dict__["_newsroom_written_tags"] = as_written
        if hasattr(article, "tags"):
            article.tags = [tag(name) for name in tags]
    # Translations and hidden stories link only to the topics the site has.
    for group in (generator.translations, generator.hidden_articles, generator.hidden_translations):
        for article in group:
            if getattr(article, "tags", None):
                merged = dict.fromkeys(names.get(t.name, t.name) for t in article.tags)
                article.tags = [tag(name) for name in merged if counts.get(name, 0) >= minimum]


def person_name_rules(settings: dict) -> tuple[frozenset[str], tuple[str, ...]]:
    """What the topic merge needs to tell a person's name: the names that
    never are one (:func:`_not_people`) and the titles before one ("Mr")."""
    from generator.convert.topics import TITLES

    return _not_people(settings), TITLES


def shown_topic_names(
    settings: dict, written: list[list[str]], texts, slugs: dict[str, str], rules=None
) -> tuple[dict[str, str], list[list[str]], int]:
    """The site's topic names for each published story's written tags:
    ``(written name -> site name, each story's shown names, the threshold)``.
    ``slugs`` keeps each name's topic slug as it is worked out (the site
    index keeps them for the next build: slugifying thousands of names is
    a tenth of a quick build); ``rules``: :func:`person_name_rules`, if the
    caller has them."""
    not_people, titles = rules or person_name_rules(settings)

    def slug(name: str) -> str:
        if name not in slugs:
            slugs[name] = Tag(name, settings).slug
        return slugs[name]

    names = site.merge_topic_names(written, texts, not_people=not_people, titles=titles, slug=slug)
    minimum = topic_rule(settings).minimum(len(written))
    return names, site.shown_topics([[names[n] for n in tags] for tags in written], minimum), minimum


def freeze_urls(generator) -> None:
    """Give every article its URL once its metadata is final."""
    for group in (generator.articles, generator.translations, generator.drafts, generator.drafts_translations):
        for article in group:
            if type(article) is Article:
                article.__class__ = _FrozenURLArticle


class _IndexedList(list):
    """A list whose ``in`` is a set lookup.

    Pelican picks each topic's stories out of the full date list with
    ``article in articles``: with thousands of stories and hundreds of
    topics, that is tens of millions of comparisons on every build.
    """

    def __init__(self, items):
        super().__init__(items)
        self._ids = {id(item) for item in items}

    def __contains__(self, item) -> bool:
        return id(item) in self._ids

    def append(self, item) -> None:
        super().append(item)
        self._ids.add(id(item))


def index_term_lists(generator) -> None:
    """Swap the topic, section and author lists for indexed ones, once the
    generator has finished them."""
    for tag in list(generator.tags):
        generator.tags[tag] = _IndexedList(generator.tags[tag])
    generator.categories = [(term, _IndexedList(items)) for term, items in generator.categories]
    generator.authors = [(term, _IndexedList(items)) for term, items in generator.authors]
    generator._update_context(("tags", "categories", "authors"))
    generator.generate_tags = functools.partial(_generate_tags, generator)
    generator.generate_period_archives = functools.partial(_generate_month_pages, generator)


def _generate_month_pages(generator, write) -> None:
    """One archive page per month (``NEWSROOM_MONTH_ARCHIVE_SAVE_AS``), so
    the archives of a big site are a list of months, not one page of
    every story (12 MB at 50,000 stories).

    Pelican's own month archives (``MONTH_ARCHIVE_SAVE_AS``) test every
    story against every month's list (50,000 x 900 for each of 55 months),
    so they stay off and the months come from :func:`generator.site.months`.
    """
    if not generator.settings.get("NEWSROOM_MONTH_ARCHIVE_SAVE_AS"):
        return
    template = generator.get_template("period_archives")
    write_month_pages(write, template, generator.context, generator.articles)


def write_month_pages(write, template, context: dict, all_articles: list, only: set[str] | None = None) -> None:
    """Write the month pages of ``context["NEWSROOM_MONTHS"]`` (``only``: of
    these months, by anchor, "2026-03")."""
    months = context.get("NEWSROOM_MONTHS") or []
    for n, month in enumerate(months):
        if only is not None and month.anchor not in only:
            continue
        newer = months[n - 1] if n > 0 else None
        older = months[n + 1] if n + 1 < len(months) else None
        write(
            month.save_as,
            template,
            context,
            articles=month.items,
            dates=month.items,
            month=month,
            newer_month=(newer.label, newer.url) if newer else None,
            older_month=(older.label, older.url) if older else None,
            template_name="period_archives",
            blog=True,
            url=month.url,
            all_articles=all_articles,
        )


def _generate_tags(generator, write) -> None:
    """Pelican's ``ArticlesGenerator.generate_tags`` (4.12), with each topic's
    stories put in date order by position instead of by testing every story
    of the site against every topic: 606 topics x 5,000 stories was 3 million
    ``in`` tests on every build.  A test checks the pages come out the same."""
    position = {id(article): i for i, article in enumerate(generator.dates)}
    tag_template = generator.get_template("tag")
    for tag, articles in generator.tags.items():
        dates = sorted((a for a in articles if id(a) in position), key=lambda a: position[id(a)])
        try:
            write_term_page(write, tag_template, generator.context, "tag", tag, articles, dates, generator.articles)
        except FileOverwriteFailedError:
            if tag.slug:
                logger.error('Failed to write Tag page for "%s".', tag)
                raise
            logger.info('Tag "%s" has an invalid slug; skipping writing tag page...', tag)


def write_term_page(write, template, context: dict, kind: str, term, articles, dates, all_articles) -> None:
    """One topic's, section's or author's pages (``kind``: "tag",
    "category", "author"), with the arguments Pelican's generator gives."""
    write(
        term.save_as,
        template,
        context,
        url=term.url,
        **{kind: term},
        articles=articles,
        dates=dates,
        template_name=kind,
        blog=True,
        page_name=term.page_name,
        all_articles=all_articles,
    )


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d)?")


def iso_date(text: str) -> datetime | None:
    """The date the converter writes (``2026-11-27T06:03:56+00:00``), read
    exactly as Pelican's dateutil parser reads it (same class, same tzinfo),
    at a fraction of the cost; ``None`` for anything else, which Pelican
    then parses itself.

    >>> iso_date("2026-11-27T06:03:56+01:00")
    SafeDatetime(2026, 11, 27, 6, 3, 56, tzinfo=tzoffset(None, 3600))
    >>> iso_date("27 November 2026") is None
    True
    """
    if not _ISO_DATE.fullmatch(text):
        return None
    value = SafeDatetime.fromisoformat(text)
    offset = value.utcoffset()
    if offset is not None:
        seconds = int(offset.total_seconds())
        value = value.replace(tzinfo=dateutil_tz.UTC if seconds == 0 else dateutil_tz.tzoffset(None, seconds))
    return value


# Front matter for the editors (``python -m generator review``), never for
# the site: it does not reach Pelican, so no page or feed can show it.
_EDITORS_ONLY = frozenset({"review_reasons", "headline_alternatives"})


def check_whole_date(text: str) -> None:
    """Refuse a hand-written date that leaves out its day, month or year,
    which dateutil would otherwise fill in from today's date (a story
    dated "March 3" would move to a new year with every build).

    >>> check_whole_date("3 March 2026 14:05")
    >>> check_whole_date("March 3")
    Traceback (most recent call last):
    ...
    ValueError: 'March 3' is not a whole date: write day, month and year (2026-03-03 or 2026-03-03T14:05:00+00:00)
    """
    try:
        first = dateutil_parser.parse(text, default=datetime(2000, 1, 1))
        second = dateutil_parser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        raise ValueError(f"{text!r} is not a date: write it as 2026-03-03 or 2026-03-03T14:05:00+00:00") from None
    if first.date() != second.date():
        raise ValueError(
            f"{text!r} is not a whole date: write day, month and year (2026-03-03 or 2026-03-03T14:05:00+00:00)"
        )


def front_matter_line(source_path: str, key: str) -> int:
    """The line of ``key:`` in a story's front matter (1 when not found)."""
    try:
        lines = Path(source_path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines, 1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _why(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


class StoryReader(BaseReader):
    """Markdown with YAML front matter, as the converter writes it."""

    enabled = True
    file_extensions = ("md", "markdown")

    def process_metadata(self, name: str, value):
        if name in {"date", "modified"} and (when := iso_date(value)) is not None:
            return when
        if name in {"date", "modified"}:
            check_whole_date(value)
        return super().process_metadata(name, value)

    def read(self, source_path: str):
        parsed = _preparsed.pop(source_path, None)
        if parsed is None:
            try:
                parsed = parse_story_file(source_path, self.settings.get("MARKDOWN", {}))
            except (ValueError, OSError) as exc:
                # Pelican names the file but hides the reason unless DEBUG is on.
                logger.error("%s", exc if str(source_path) in str(exc) else f"{source_path}: {exc}")
                raise
        content, meta, summary = parsed
        metadata = {}
        for key, value in meta.items():
            if key in _EDITORS_ONLY:
                continue
            if key == "review":
                value = review_mark(meta)
            if value is None or value == "" or value == []:
                continue
            value = _safe_location(key, value, source_path)
            if value is None:
                continue
            if key == "corrections":
                metadata[key] = self._corrections(source_path, value)
                continue
            if key == "status" and str(value).strip().lower() == newsroom.WITHDRAWN:
                # Pelican knows no such status: a hidden story (no listing,
                # feed or sitemap entry) marked withdrawn, for take_down().
                metadata["withdrawn"] = True
                value = "hidden"
            if key == "summary":
                value = summary
            elif key == "author_roles":
                metadata[key] = {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
                continue
            elif key == "withdrawn_notice":
                metadata[key] = value is not False and str(value).strip().lower() not in {"false", "no", "off", "0"}
                continue
            elif key in {"tags", "authors"}:
                value = [str(v) for v in value] if isinstance(value, list) else str(value)
            else:
                value = _as_text(value)
            try:
                metadata[key] = self.process_metadata(key, value)
            except (ValueError, TypeError, OverflowError) as exc:
                # Pelican would say only "Could not process <file>".
                where = f"{source_path}:{front_matter_line(source_path, key)}"
                logger.error("%s: front matter '%s': %s", where, key, _why(exc))
                raise
        corrections = metadata.get("corrections")
        if corrections:
            # The latest correction moves the story's "modified" time, so the
            # item changes in feed readers and the card says "Updated".
            zone = self.settings.get("TIMEZONE") or "UTC"
            modified = metadata.get("modified")
            if modified is not None:
                modified = newsroom.moment(modified, zone, "modified")
            latest = newsroom.last_changed(modified, corrections)
            metadata["modified"] = self.process_metadata("modified", latest.isoformat())
        return content, metadata

    def _corrections(self, source_path: str, value) -> tuple:
        """The story's corrections; a list that cannot be read is an error
        naming the file and line, and the story is published without it."""
        try:
            return newsroom.parse_corrections(value, self.settings.get("TIMEZONE") or "UTC")
        except ValueError as exc:
            where = f"{source_path}:{front_matter_line(source_path, 'corrections')}"
            logger.error("%s: front matter 'corrections': %s; the story is published without them", where, exc)
            return ()


class _ChangedOnlyFile(io.StringIO):
    """A page being written: kept in memory, then written atomically, and
    only if its bytes differ from the file already there."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def close(self) -> None:
        if not self.closed:
            data = self.getvalue()
            super().close()
            if self.path != os.devnull:
                write_atomic(Path(self.path), data)


class ChangedOnlyWriter(Writer):
    """Pelican's writer, but unchanged pages keep their bytes and their
    modification time, and no page is ever half-written."""

    def _open_w(self, filename, encoding, override=False):
        # The same bookkeeping as Pelican's Writer._open_w, without opening
        # (and truncating) the file up front.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            filename = os.devnull
        elif filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}": Pelican already wrote it')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        memo = _build.memo
        if memo and filename != os.devnull:
            relative = Path(os.path.relpath(filename, self.output_path)).as_posix()
            memo.written.add(relative)
            _build.group.append(relative)
            if relative in memo.unchanged:
                return _ChangedOnlyFile(os.devnull)  # the page on disk is already right
        return _ChangedOnlyFile(filename)

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        memo = _page_memo(self.settings, context)
        # The files of one write (a story page, every page of a topic), for
        # the site index: a rebuild of that topic alone must know which
        # of its pages it no longer writes.
        _build.group = []
        template = _MemoTemplate(template, memo, self.output_path)
        try:
            if paginated is None:
                paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
            if (
                name
                and paginated
                and template_name in self.settings["PAGINATED_TEMPLATES"]
                and template.kind in CARD_TEMPLATES
                and not signals.content_written.receivers
            ):
                return self._write_listing(
                    name, template, context, relative_urls, paginated, template_name, override_output, url, kwargs
                )
            return super().write_file(
                name, template, context, relative_urls, paginated, template_name, override_output, url, **kwargs
            )
        finally:
            if name:
                _build.groups[name] = _build.group

    def _write_listing(self, name, template, context, relative_urls, paginated, template_name, override, url, kwargs):
        """Pelican 4.12's paginated write (``Writer.write_file``), but a page
        whose inputs are unchanged is settled from its paginated values alone,
        before the whole context is copied for it: a section of 10,000
        stories has 500 pages, and one new story changes only its front one.
        A page a quick build knows to show what it showed is settled without
        being described at all (``quick_build.unchanged_pages``)."""
        size = per_page(self.settings, template_name)
        paginators = {
            key: pelican_writers.Paginator(name, url, val, self.settings, size) for key, val in paginated.items()
        }
        first = next(iter(paginators.values()))
        # Pages a quick build knows show what they showed (generator/quick_build.py).
        as_before = _build.unchanged_pages.get(name) if isinstance(first, StablePaginator) else None
        for page_num in range(first.num_pages):
            kept = as_before and first.label(page_num + 1) in as_before
            if kept and self._keep(first.page(page_num + 1).save_as, context, relative_urls, override):
                continue
            paginated_kwargs = kwargs.copy()
            for key, paginator in paginators.items():
                page = paginator.page(page_num + 1)
                last = page_num + 1 == paginator.num_pages
                paginated_kwargs.update(
                    {
                        f"{key}_paginator": paginator,
                        f"{key}_page": page,
                        f"{key}_previous_page": paginator.page(page_num) if page_num > 0 else None,
                        f"{key}_next_page": None if last else paginator.page(page_num + 2),
                    }
                )
            siteurl = path_to_url(get_relative_path(page.save_as)) if relative_urls else context.get("SITEURL")
            known = {**paginated_kwargs, "output_file": page.save_as, "SITEURL": siteurl}
            if template.reused(known):
                self._settle(page.save_as, context, siteurl if relative_urls else None, override)
            else:
                write = super().write_file
                write(page.save_as, template, context, relative_urls, None, None, override, **paginated_kwargs)

    def _keep(self, save_as: str, context: dict, relative_urls: bool, override: bool) -> bool:
        """Settle a page known to show the same stories, none changed, as at
        the last build, which the memo holds; False if it holds none."""
        memo = _build.memo
        if memo is None or save_as not in memo.old or save_as not in memo.new:
            return False
        memo.keep(save_as)
        localsiteurl = path_to_url(get_relative_path(save_as)) if relative_urls else None
        self._settle(save_as, context, localsiteurl, override)
        return True

    def _settle(self, save_as: str, context: dict, localsiteurl, override: bool) -> None:
        """What Pelican's write of a page does, for a page that stays as it is."""
        if localsiteurl:
            context["localsiteurl"] = localsiteurl
        path = sanitised_join(self.output_path, save_as)
        with self._open_w(path, "utf-8", override=override) as f:
            f.write("")
        logger.info('Writing "%s"', path)


class _MemoTemplate:
    """A template that skips the page when its inputs are the same as at
    the last build and the page is still on disk (see
    :mod:`generator.page_memo`): the writer then leaves the file alone."""

    def __init__(self, template, memo: PageMemo, output_path: str):
        self.template = template
        self.kind = Path(template.name or "").stem
        self.memo = memo
        self.output_path = output_path
        # The page last found changed: its render need not ask again.
        self.changed: str | None = None

    def reused(self, context: dict) -> bool:
        """Whether the page ``context`` describes stays as it is on disk."""
        if context["output_file"] == self.changed:
            self.changed = None
            return False
        when = newest_shown(context)
        if when is not None:
            self.memo.dates[context["output_file"]] = when
        inputs = page_inputs(self.kind, context)
        if inputs is not None:
            name = context["output_file"]
            if self.memo.reusable(name, digest_of(inputs)) and (Path(self.output_path) / name).is_file():
                self.memo.keep(name)
                return True
        self.changed = context["output_file"]
        return False

    def render(self, context: dict) -> str:
        if self.reused(context):
            return ""
        self.memo.rendered += 1
        return self.template.render(context)


@dataclass
class _Build:
    """What one build carries from one Pelican signal to the next."""

    memo: PageMemo | None = None
    digests: _Digests | None = None
    search_parts: list = field(default_factory=list)
    indexing_started: bool = False
    indexing: search.SearchIndexer | None = None
    # The changed feeds (output folder, site, jobs) and who writes them.
    feed_work: tuple | None = None
    feeds_future: Future | None = None
    feeds_pool: ProcessPoolExecutor | None = None
    feeds_skipped: int = 0
    # Output files this build produced besides the pages (feeds, theme and
    # static files), relative to the output folder, for prune_output().
    produced: set[str] = field(default_factory=set)
    # When the first embargoed story comes due (None: nothing is held).
    next_due: datetime | None = None
    # When the first story withdrawn before its time gets its notice page.
    notice_due: datetime | None = None
    # Notice pages of withdrawn stories: kept out of the sitemaps.
    withdrawn_pages: set[str] = field(default_factory=set)
    # The output files of each of the writer's writes, by the name it was
    # given (generator.site_index), and those of the write under way.
    groups: dict[str, list[str]] = field(default_factory=dict)
    group: list[str] = field(default_factory=list)
    # A quick build's listings: the labels of the pages that show the same
    # stories as at the last build, by the listing's name.
    unchanged_pages: dict[str, frozenset[int]] = field(default_factory=dict)
    # The static pages (about...), as the theme's footer and the page memo
    # read them: (slug, url, title).
    pages: list = field(default_factory=list)
    # The stories the feeds were worked out for, and the feeds (_feed_specs_of()).
    feed_specs: tuple | None = None
    # The stories grouped by section, topic and author (term_groups()).
    term_groups: tuple | None = None
    # Each topic name's slug (see shown_topic_names()).
    slugs: dict[str, str] = field(default_factory=dict)
    # The story cards drawn so far: id -> (story, heading, HTML).
    cards: dict = field(default_factory=dict)
    # The files of the stories marked for review, and of those held for
    # their embargo (for the site index).
    marked_sources: list[str] = field(default_factory=list)
    embargoed_sources: list[str] = field(default_factory=list)
    # The files of withdrawn stories (a notice page, or none).
    withdrawn_sources: list[str] = field(default_factory=list)


_build = _Build()
# The last build's figures, for the CLI's summary.
page_counts = {"rendered": 0, "reused": 0}
embargo_counts = {"held": 0}
_CODE = sorted(Path(__file__).parent.glob("*.py"))


def _page_memo(settings: dict, context: dict) -> PageMemo:
    if _build.memo is None:
        import jinja2
        import pelican

        versions = {"pelican": pelican.__version__, "jinja2": jinja2.__version__}
        digest = site_digest({**settings, "_versions": versions}, Path(settings["THEME"]) / "templates", _CODE, context)
        _build.memo = PageMemo(Path(settings.get("CACHE_PATH", "cache")), digest)
    return _build.memo


def remove_stale_pages(pelican) -> None:
    """Delete the pages the last build wrote and this one did not: a story
    that is gone, a listing page that no longer exists.  Files the writer
    never wrote (static files, anything a person put there) are left alone."""
    if _build.memo is None:
        return
    remove_pages(Path(pelican.settings["OUTPUT_PATH"]), _build.memo.stale())


def remove_pages(output: Path, pages) -> None:
    """Delete these pages (relative paths), and folders they leave empty."""
    for relative in pages:
        page = output / relative
        if page.is_file():
            remove_file(page)
            logger.info("newsroom: removed %s (no longer part of the site)", relative)
            folder = page.parent
            while folder != output and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


def remove_stale_feeds(output: Path, digests: _Digests) -> None:
    """Delete the feeds of a topic or section the site no longer has."""
    for stem in sorted(set(digests.old) - set(digests.new)):
        if stem.startswith("feeds/"):
            for kind in feeds.FORMATS.values():
                remove_file(output / (stem + kind.extension))


def save_page_memo(pelican) -> None:
    """Keep this build's page digests for the next build (only after a build
    that got this far: a failed build leaves the old ones), and the site
    index a rebuild of a few stories starts from."""
    memo, _build.memo = _build.memo, None
    if memo is not None:
        memo.save()
        page_counts.update(rendered=memo.rendered, reused=memo.reused)
        save_site_index(pelican.settings, memo)


# Pelican's links to other content in a story's text: {filename}path,
# |filename|path and the like.
INTERNAL_LINK = re.compile(r"[{|](filename|static|attach|tag|category|author|index)[}|]([^\"'\s)>#?]*)")


def link_targets(settings: dict, articles: list) -> set[str]:
    """The content files (absolute paths) the stories link to."""
    content = os.path.abspath(settings["PATH"])
    found = set()
    for article in articles:
        for kind, target in INTERNAL_LINK.findall(article.__dict__.get("_content") or ""):
            if kind not in {"filename", "static", "attach"}:
                continue
            base = content if target.startswith("/") else os.path.dirname(article.source_path)
            found.add(os.path.normpath(os.path.join(base, target.lstrip("/"))))
    return found


def save_site_index(settings: dict, memo: PageMemo) -> None:
    """Write the site index (:mod:`generator.site_index`) for this build."""
    # A generator, not a list: at 50,000 stories the rows would hold a
    # second reference to every story's fields while they are written.
    stories = (
        (
            article.save_as,
            site_index.head_fields(
                article,
                article.__dict__.get("_newsroom_written_tags", []),
                [a.save_as for a in getattr(article, "related", None) or []],
            ),
            site_index.rest_fields(article),
            story_inputs(article)[1],
        )
        for article in _articles
    )
    meta = {
        "site": memo.site,
        "pages": _build.pages,
        "next_due": _build.next_due,
        "notice_due": _build.notice_due,
        "withdrawn_pages": sorted(_build.withdrawn_pages),
        "static_html": sorted(p for p in _build.produced if p.endswith(".html")),
        "slugs": _build.slugs,
        # The settings' and the tagger's words (the settings are part of the
        # seal): a quick build need not load the tagger for them.
        "person_name_rules": person_name_rules(settings),
        "embargoed": sorted(_build.embargoed_sources),
        "withdrawn": sorted(_build.withdrawn_sources),
        # Files other stories link to ({filename} and the like): a change to
        # one of them changes the stories that link to it.
        "link_targets": sorted(link_targets(settings, _articles)),
        # Marked for review but not on the site (held for review or for an
        # embargo): the build's review count includes them.
        "marked_elsewhere": sorted(set(_build.marked_sources) - {a.source_path for a in _articles}),
    }
    site_index.write_index(Path(settings.get("CACHE_PATH", "cache")), stories, _build.groups, meta)


_PELICAN_PAGINATOR = pelican_writers.Paginator


def _build_digests(settings: dict) -> _Digests:
    if _build.digests is None:
        _build.digests = _Digests(settings)
    return _build.digests


def skip_unchanged_story_pages(generator) -> None:
    """Hand Pelican's writer only the story pages whose inputs changed.

    The writer's own check (:class:`_MemoTemplate`) comes after Pelican has
    copied the whole context and worked out the paths of every page, which
    for 50,000 unchanged story pages is most of a rebuild's writing time.
    The same digests (:func:`generator.page_memo.page_inputs`) are checked
    here first; a story page found unchanged is recorded as written and
    kept, exactly as the writer would have.
    """
    write_story_pages = generator.generate_articles

    def generate_articles(write) -> None:
        settings = generator.settings
        memo = _page_memo(settings, generator.context)
        output = settings["OUTPUT_PATH"]
        siteurl = generator.context.get("SITEURL")
        changed = [a for a in generator.articles if not story_page_unchanged(memo, a, siteurl, output)]
        every = generator.articles
        generator.articles = changed
        try:
            write_story_pages(write)
        finally:
            generator.articles = every

    generator.generate_articles = generate_articles


def story_page_unchanged(memo: PageMemo, article, siteurl: str, output: str) -> bool:
    """Whether the story page of ``article`` is the one on disk; if so, it
    is recorded as written and kept, exactly as the writer would have."""
    name = article.save_as
    template = getattr(article, "template", "article")
    inputs = page_inputs(template, {"output_file": name, "SITEURL": siteurl, "article": article})
    if (
        name
        and inputs is not None
        and memo.reusable(name, digest_of(inputs))
        and os.path.isfile(os.path.join(output, name))
    ):
        memo.written.add(name)
        memo.keep(name)
        _build.groups[name] = [name]
        return True
    return False


def index_search_after_story_pages(generator) -> None:
    """Start the search index as soon as the story pages are written.

    Pelican writes the story pages first, then the listing pages; Pagefind
    (a separate process) indexes the story pages on the other core while the
    listing pages and the feeds are written.
    """
    settings = generator.settings
    if not settings.get("NEWSROOM_SEARCH", True):
        return
    write_story_pages = generator.generate_articles

    def generate_articles(write) -> None:
        write_story_pages(write)
        _build.indexing = start_search_index(settings, Path(settings["OUTPUT_PATH"]), _build_digests(settings))
        _build.indexing_started = True

    generator.generate_articles = generate_articles


def use_changed_only_writer(pelican):
    # Pelican's writer builds its paginators by this module-level name; the
    # stable one keeps older listing pages unchanged when a story is added.
    stable = pelican.settings.get("NEWSROOM_STABLE_PAGES", True)
    pelican_writers.Paginator = StablePaginator if stable else _PELICAN_PAGINATOR
    return ChangedOnlyWriter


def add_reader(readers) -> None:
    for ext in StoryReader.file_extensions:
        readers.reader_classes[ext] = StoryReader


# ---------------------------------------------------------------- feeds
_articles: list = []


def _site(settings: dict) -> dict:
    url = settings.get("SITEURL", "").rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"SITEURL must be an absolute http(s) address for the feeds, not {url!r}")
    return {
        "url": url,
        "language": settings.get("DEFAULT_LANG", "en"),
        "author": settings.get("AUTHOR") or settings.get("SITENAME", "Newsroom"),
        "max_items": int(settings.get("FEED_MAX_ITEMS") or 50),
        "websub_hub": settings.get("WEBSUB_HUB"),
        "stylesheet": feed_stylesheet(settings),
    }


# The theme's XSLT stylesheet for the RSS and Atom feeds, in theme/static/.
FEED_STYLESHEET = "feed.xsl"


def feed_stylesheet(settings: dict) -> str | None:
    """The address the feeds give for the theme's feed stylesheet, or None
    where the theme has none (Chromium shows a feed that names a missing
    stylesheet as a blank page).

    Root-relative, as the pages' links to the theme are (``SITEPATH``, then
    the folder copy_theme_static() copies the theme into): a browser applies
    XSLT only from the feed's own origin, so an absolute ``SITEURL`` address
    would fail wherever the site is served from another origin (``make
    serve`` on another port, a staging host), and a relative one would
    depend on each feed's folder.
    """
    if not (Path(settings["THEME"]) / "static" / FEED_STYLESHEET).is_file():
        return None
    folder = settings.get("THEME_STATIC_DIR", "theme")
    return f"{site_path(settings.get('SITEURL', ''))}/{folder}/{FEED_STYLESHEET}"


def feed_specs(settings: dict, articles: list) -> list[tuple[FeedSpec, list]]:
    """Every feed the site has, with the articles each holds."""
    base = settings.get("SITEURL", "").rstrip("/") + "/"
    name = settings.get("SITENAME", "Newsroom")
    policy = feed_policy(settings)

    def spec(kind: str, title: str, subtitle: str, stem: str, page_url: str) -> FeedSpec:
        rule = policy[kind]
        return FeedSpec(title, subtitle, stem, page_url, rule.formats, rule.items, rule.full_content, kind)

    specs = [(spec("site", f"{name}: all stories", settings.get("SITESUBTITLE", ""), "feeds/all", base), articles)]
    groups = term_groups(articles)
    for _, (category, items) in sorted(groups.sections.items()):
        about = f"Stories in the {category.name} section"
        stem = f"feeds/sections/{category.slug}"
        specs.append((spec("sections", f"{name}: {category.name}", about, stem, base + category.url), items))
    for _, (tag, items) in sorted(groups.topics.items()):
        stem = f"feeds/topics/{tag.slug}"
        specs.append((spec("topics", f"{name}: {tag.name}", f"Stories about {tag.name}", stem, base + tag.url), items))
    if settings.get("NEWSROOM_AUTHOR_PAGES"):
        for _, (author, items) in sorted(groups.authors.items()):
            stem = f"feeds/authors/{author.slug}"
            about = f"Stories by {author.name}"
            specs.append((spec("authors", f"{name}: {author.name}", about, stem, base + author.url), items))
    return specs


def term_groups(articles: list) -> site.TermGroups:
    """:func:`generator.site.group_by_terms` of the site's stories, worked
    out once per build: the front page, the feeds and a quick build's
    listings all ask, with the same stories."""
    if _build.term_groups is None or _build.term_groups[0] is not articles:
        _build.term_groups = (articles, site.group_by_terms(articles))
    return _build.term_groups[1]


def _feed_specs_of(settings: dict, articles: list) -> list[tuple[FeedSpec, list]]:
    """:func:`feed_specs`, worked out once per build: the feeds page and
    the feed writer both ask, with the same stories."""
    if _build.feed_specs is None or _build.feed_specs[0] is not articles:
        _build.feed_specs = (articles, feed_specs(settings, articles))
    return _build.feed_specs[1]


def feed_formats(settings: dict) -> dict[str, list[dict]]:
    """For the templates: each kind of feed's formats, with extension, type and label."""
    return {kind: [vars(feeds.FORMATS[name]) for name in rule.formats] for kind, rule in feed_policy(settings).items()}


def article_item(article, site: dict) -> FeedItem:
    link = f"{site['url']}/{article.url}"
    # A correction is part of the item's text too, so the entry changes in
    # every format (RSS has no "updated" date a reader could go by).
    summary = (getattr(article, "summary", "") or "") + corrections_html(article)
    content = absolutize(summary + "\n" + article.content, link)
    categories = [article.category.name] if getattr(article, "category", None) else []
    categories += [t.name for t in getattr(article, "tags", []) or []]
    published = article.date
    updated = getattr(article, "modified", None) or published
    return FeedItem(
        item_id=str(getattr(article, "id", "") or link),
        title=article.title,
        link=link,
        published=published,
        updated=max(updated, published),
        summary_html=absolutize(summary, link),
        content_html=content,
        author=byline.feed_author if (byline := getattr(article, "byline", None)) else site["author"],
        categories=tuple(categories),
        image=_feed_image(getattr(article, "lead_image", None), site),
    )


def corrections_html(article) -> str:
    """The story's corrections as paragraphs, for its feed entries."""
    return "".join(
        f"\n<p><strong>Correction</strong>, {escape(site.day_and_clock(c.when))}: {escape(c.text)}</p>"
        for c in getattr(article, "corrections", None) or ()
    )


def _feed_image(lead, site: dict) -> feeds.FeedImage | None:
    if lead is None:
        return None
    big = lead.largest
    return feeds.FeedImage(url=f"{site['url']}/{big.jpeg}", length=big.jpeg_bytes)


def attach_lead_images(settings: dict, articles: list) -> None:
    """Make the renditions of every story's lead image (those not made
    already) and hang them on the story as ``lead_image``. A story whose
    image cannot be used is published without it, and the build reports
    the story and the reason as an error."""
    content = Path(settings.get("PATH", "content"))
    output = Path(settings.get("OUTPUT_PATH", "output"))
    for article in articles:
        article.lead_image = None
        name = getattr(article, "image", None)
        if not name:
            continue
        try:
            source = images.resolve_source(content, str(name))
            lead = images.make_lead_image(
                source,
                output,
                str(name),
                alt=str(getattr(article, "image_alt", "") or ""),
                credit=str(getattr(article, "image_credit", "") or ""),
            )
        except images.ImageError as exc:
            logger.error("%s: %s; the story is published without it", article.source_path, exc)
            continue
        except OSError as exc:
            logger.error("%s: image %r: %s", article.source_path, str(name), exc.strerror or exc)
            continue
        if not lead.alt:
            logger.warning("%s: image %r has no image_alt; screen readers will skip it", article.source_path, str(name))
        article.lead_image = lead
        for rendition in lead.renditions:
            _build.produced.update((rendition.webp, rendition.jpeg))


def collect_articles(generators) -> None:
    """Remember the published articles, enrich them for the theme, and tell
    the templates about the feeds, the home page groups and the months."""
    _articles.clear()
    for generator in generators:
        if hasattr(generator, "articles"):
            _articles.extend(generator.articles)
    attach_lead_images(generators[0].settings if generators else {}, _articles)
    around = site.neighbours(_articles)
    related = site.related_map(_articles, groups=term_groups(_articles))
    for article in _articles:
        article.reading_minutes = site.reading_minutes(article.content)
        article.related = related[id(article)]
        article.newer, article.older = around[id(article)]
    for generator in generators:
        generator.context.update(newsroom_context(generator.settings, _articles, generator.context.get("categories")))
        _build.pages = [(p.slug, p.url, p.title) for p in generator.context.get("pages", [])]
        break
    if generators:
        start_feeds(generators[0].settings)


def newsroom_context(settings: dict, articles: list, categories: list | None) -> dict:
    """What the theme reads besides Pelican's own context: the front page's
    layout, the menu, the months, the search parts and the feeds. Sets
    ``_build.search_parts``."""
    context = {}
    # The template calls it with the front page's own stories (which the
    # paginator picks), so the blocks below show only stories not on it.
    context["newsroom_front_page"] = functools.partial(
        site.front_page, articles=articles, layout=front_layout(settings), groups=term_groups(articles)
    )
    menu, more = site.menu_sections(categories or [], menu_sections_limit(settings))
    context["NEWSROOM_MENU"] = {"bar": menu, "more": more}
    context["NEWSROOM_MONTHS"] = site.months(
        articles, settings.get("NEWSROOM_MONTH_ARCHIVE_URL", ""), settings.get("NEWSROOM_MONTH_ARCHIVE_SAVE_AS", "")
    )
    _build.search_parts = search_parts(settings, articles)
    context["NEWSROOM_SEARCH_BUNDLES"] = search.bundle_paths([name for name, _ in _build.search_parts])
    base = settings.get("SITEURL", "").rstrip("/") + "/"
    context["NEWSROOM_FEED_FORMATS"] = feed_formats(settings)
    context["NEWSROOM_FEEDS"] = [
        {
            "title": spec.title,
            "page": spec.page_url,
            "kind": spec.kind,
            "stories": len(items),
            "files": [{"label": feeds.FORMATS[kind].label, "url": base + path} for kind, path in spec.paths().items()],
        }
        for spec, items in _feed_specs_of(settings, articles)
    ]
    return context


class _Digests:
    """Digests of what the last build fed into each feed and into the search
    index, kept in Pelican's cache folder, so a rebuild skips the work whose
    inputs did not change."""

    def __init__(self, settings: dict):
        self.path = Path(settings.get("CACHE_PATH", "cache")) / "newsroom-digests.json"
        try:
            self.old = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.old = {}
        self.new: dict[str, str] = {}

    def unchanged(self, key: str, digest: str, outputs: list[Path]) -> bool:
        self.new[key] = digest
        return self.old.get(key) == digest and all(p.is_file() for p in outputs)

    def save(self) -> None:
        if self.new != self.old:
            write_atomic(self.path, json.dumps(self.new, sort_keys=True, separators=(",", ":")) + "\n")


# A new version of the feed code must not reuse feeds the old one wrote.
_FEED_CODE = hashlib.sha256(Path(feeds.__file__).read_bytes()).hexdigest()


def _digest(*parts) -> str:
    return hashlib.sha256(repr((_FEED_CODE, *parts)).encode("utf-8", "surrogatepass")).hexdigest()


def search_parts(settings: dict, articles: list) -> list[tuple[str, list[str]]]:
    """The story pages in the search index's parts, oldest first."""
    # By the moment (newest_first_key keeps it on each story: comparing
    # dates with their time zones is slow), then by address.
    ordered = sorted(articles, key=lambda a: (-newest_first_key(a)[0], a.save_as))
    size = settings.get("NEWSROOM_SEARCH_PART_SIZE") or search.DEFAULT_PART_SIZE
    return search.plan_parts([a.save_as for a in ordered], size)


def start_search_index(settings: dict, output: Path, digests: _Digests) -> search.SearchIndexer | None:
    """Start indexing the parts of the search index whose stories changed.

    A part's digest covers what the index reads of each story (not the
    related-story links around it), so a new story re-indexes its own part
    only, not the parts of the stories that now link to it.
    """
    site_key = _build.memo.site if _build.memo else ""
    by_page = {a.save_as: a for a in _articles}
    parts = _build.search_parts or search_parts(settings, _articles)
    todo = []
    for name, pages in parts:
        digest = _digest("search", site_key, [(p, search_digest(by_page[p])) for p in pages])
        entry = output / search.INDEX_DIR / name / "pagefind-entry.json"
        if not digests.unchanged(f"search/{name}", digest, [entry]):
            todo.append((name, pages))
    keep = {name for name, _ in parts}
    if not todo:
        search.remove_unused(output / search.INDEX_DIR, keep)
        return None
    return search.SearchIndexer(output, todo, keep).start()


def _feed_jobs(settings: dict, site: dict, carried=None) -> tuple[list[tuple[FeedSpec, list[FeedItem]]], int]:
    """The feeds whose items changed since the last build, and how many did
    not. ``carried(spec)`` true: the feed is known to be unchanged (a quick
    build's, whose stories did not change), its last digest is kept."""
    output = Path(settings["OUTPUT_PATH"])
    digests = _build_digests(settings)
    items: dict[int, FeedItem] = {}

    def item_of(article) -> FeedItem:
        if id(article) not in items:
            items[id(article)] = article_item(article, site)
        return items[id(article)]

    jobs, skipped = [], 0
    for spec, articles in _feed_specs_of(settings, _articles):
        if carried is not None and carried(spec) and spec.path_stem in digests.old:
            digests.new[spec.path_stem] = digests.old[spec.path_stem]
            skipped += 1
            continue
        # Only a feed's own newest FEED_MAX_ITEMS stories become feed items,
        # in the order newest_first() gives them (the site URL is common).
        newest = heapq.nsmallest(feeds.feed_size(spec, site), articles, key=newest_first_key)
        chosen = [item_of(a) for a in newest]
        outputs = [output / path for path in spec.paths().values()]
        _build.produced.update(spec.paths().values())
        for path in spec.unused_paths():
            # A format an older NEWSROOM_FEED_POLICY had.
            remove_file(output / path)
        if digests.unchanged(spec.path_stem, _digest(spec, site, chosen), outputs):
            skipped += 1
        else:
            jobs.append((spec, chosen))
    return jobs, skipped


# Below this many feeds to write, forking a worker costs more than it saves.
FEEDS_IN_WORKER_FROM = 24


def _write_feed_work() -> int:
    """Build and write the feeds in ``_build.feed_work``; how many files changed.

    Runs in a worker forked from the build, which inherits the feed items
    instead of having them pickled across.
    """
    output, site, jobs = _build.feed_work
    written = 0
    for spec, chosen in jobs:
        for rel, data in build_feed_set(spec, chosen, site).items():
            written += write_atomic(output / rel, data)
    return written


def start_feeds(settings: dict) -> None:
    """Start writing the changed feeds: in a forked worker on the other core
    while this process renders the pages, or later, inline, for a few feeds
    or where there is no fork."""
    site = _site(settings)
    jobs, _build.feeds_skipped = _feed_jobs(settings, site)
    _build.feed_work = (Path(settings["OUTPUT_PATH"]), site, jobs)
    if len(jobs) < FEEDS_IN_WORKER_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return
    # A forked worker would print whatever is still buffered a second time.
    sys.stdout.flush()
    sys.stderr.flush()
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    _build.feeds_future = pool.submit(_write_feed_work)
    # Shut down once its answer is in (write_feeds) or the build failed
    # (stop_feed_worker); Python's exit does it for a build that raised.
    _build.feeds_pool = pool


def stop_feed_worker() -> None:
    """Wait for the forked feed worker, if one was started, and let it go.
    Python's exit does this for a pool not shut down; a process that leaves
    with ``os._exit`` (the preview's forked builds, :mod:`generator.warm`)
    must, or the worker, holding both ends of its own pipe, waits for work
    for ever."""
    pool, _build.feeds_pool = _build.feeds_pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def write_feeds(pelican) -> None:
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    digests = _build_digests(settings)
    indexing = _build.indexing
    if not _build.indexing_started and settings.get("NEWSROOM_SEARCH", True):
        indexing = start_search_index(settings, output, digests)
    if _build.feed_work is None:
        start_feeds(settings)
    written = _build.feeds_future.result() if _build.feeds_future else _write_feed_work()
    stop_feed_worker()
    logger.info("newsroom: feeds written (%d files changed, %d feeds unchanged)", written, _build.feeds_skipped)
    remove_stale_feeds(output, digests)
    write_hosting_files(settings, output)
    if settings.get("NEWSROOM_PRUNE_OUTPUT", False):
        prune_output(settings, output)
    write_sitemaps(settings, output)
    if os.environ.get("NEWSROOM_PREVIEW") and build.errors_so_far() == 0:
        # The preview (generator/watch.py) reloads the open tabs now, while
        # the search index is still being written (not after an error: a
        # failed build reloads nothing).
        print("newsroom: pages ready", flush=True)
    if indexing is not None:
        indexing.finish()
    digests.save()


def record_static_files(generator) -> None:
    """Pelican's own static files (STATIC_PATHS) are part of what a build produces."""
    _build.produced.update(Path(static.save_as).as_posix() for static in generator.staticfiles)


# Written by write_sitemaps() after the pruning (so the sitemap lists no
# page the pruning removes).
_SITE_FILES = frozenset({"sitemap.xml", "news-sitemap.xml", "robots.txt"})


def _safe_to_prune(settings: dict, output: Path) -> bool:
    """An output folder set to the project itself (".", the home folder)
    must never be pruned: it holds the content, the theme or a repository."""
    root = output.resolve()
    inside = [Path(settings["PATH"]), Path(settings["THEME"]), Path(settings.get("CACHE_PATH", "cache")), Path.cwd()]
    return not (root / ".git").exists() and not any(p.resolve().is_relative_to(root) for p in inside)


def prune_output(settings: dict, output: Path) -> int:
    """Delete every file in the output that this build did not produce.

    Publish builds (``NEWSROOM_PRUNE_OUTPUT``) keep the last build's output
    instead of emptying it first, so most pages are not rendered again; this
    leaves exactly what a build into an empty folder would have written:
    a renamed theme file, a dropped CNAME or a page someone put there goes.
    The search index (its parts are replaced whole) and temporary files of
    writes in progress are left alone. Returns how many files went.
    """
    if not _safe_to_prune(settings, output):
        logger.warning("newsroom: %s holds the project, not just the site; not pruning it", output)
        return 0
    produced = set(_build.produced) | _SITE_FILES
    if _build.memo is not None:
        produced |= _build.memo.written
    # The search index (its parts are replaced whole) and the sitemap's
    # parts (written after the pruning, which then removes the stale ones).
    keep_folders = {search.INDEX_DIR, site.SITEMAP_PARTS_DIR}
    if settings.get("THEME_STATIC_PATHS"):
        keep_folders.add(settings.get("THEME_STATIC_DIR", "theme"))  # Pelican's own copy, not tracked
    removed = 0
    root = os.fspath(output)
    for folder, _, files in os.walk(root, topdown=False):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        if prefix.split("/", 1)[0] in keep_folders:
            continue
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                continue
            if prefix + name not in produced:
                os.unlink(os.path.join(folder, name))
                logger.info("newsroom: removed %s%s (not part of the site)", prefix, name)
                removed += 1
        if prefix and not os.listdir(folder):
            os.rmdir(folder)
    return removed


def written_pages(output: Path) -> list[str]:
    """Every HTML page of the site, as sorted relative paths: the pages
    Pelican's writer wrote or found unchanged in this build (remembered as
    it went, which spares a walk over a big site's 130,000 files), and the
    HTML among the other files the build produced (static files)."""
    if _build.memo is None:
        return site_pages(output)
    static = {p for p in _build.produced if p.endswith(".html")}
    return sorted((_build.memo.written | static) - {os.devnull})


def site_pages(output: Path) -> list[str]:
    """Every HTML page in the output, as sorted relative paths.

    The search index folder is skipped: Pagefind's parts are being built
    there on another thread while the sitemap is written.
    """
    pages = []
    root = os.fspath(output)
    for folder, subfolders, files in os.walk(root):
        if folder == root:
            subfolders[:] = [d for d in subfolders if d not in {search.INDEX_DIR, site.SITEMAP_PARTS_DIR}]
            prefix = ""
        else:
            prefix = os.path.relpath(folder, root).replace(os.sep, "/") + "/"
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        pages.extend(prefix + f for f in files if f.endswith(".html"))
    return sorted(pages)


def write_sitemaps(settings: dict, output: Path, ordered: bool = False) -> None:
    """sitemap.xml (every page), news-sitemap.xml and robots.txt.
    ``ordered``: the build's stories are in :func:`site.newest_first`'s
    order (a quick build's), which spares the news sitemap a sort."""
    siteurl = settings["SITEURL"].rstrip("/")
    newest = site.newest_date(_articles)
    newest_text = newest.isoformat() if newest else None
    # A listing page changed when the newest story it shows did; a page of
    # no stories (the topics' index, search) with the site.
    listed = _build.memo.dates if _build.memo is not None else {}
    by_url = {a.url: (getattr(a, "modified", None) or a.date).isoformat() for a in _articles}
    entries = {}
    for relative in written_pages(output):
        if relative == "404.html" or relative in _build.withdrawn_pages:
            continue
        url = relative.removesuffix("index.html")
        entries[f"{siteurl}/{url}"] = by_url.get(url) or listed.get(relative) or newest_text
    files = site.sitemap_files(entries, siteurl)
    for name, text in files.items():
        write_atomic(output / name, text)
    parts = output / site.SITEMAP_PARTS_DIR
    if parts.is_dir():
        for old in parts.iterdir():
            if f"{site.SITEMAP_PARTS_DIR}/{old.name}" not in files:
                remove_file(old)
    name = settings.get("SITENAME", "Newsroom")
    language = settings.get("DEFAULT_LANG", "en")
    news = site.news_sitemap(_articles, siteurl, name, language, ordered=ordered)
    write_atomic(output / "news-sitemap.xml", news)
    write_atomic(output / "robots.txt", site.robots(siteurl))


def copy_theme_static(pelican) -> None:
    """Copy the theme's static files, rewriting only those that changed.

    Pelican's own copy (THEME_STATIC_PATHS, switched off in pelicanconf.py)
    rewrites every file on every build.
    """
    settings = pelican.settings
    source = Path(settings["THEME"]) / "static"
    folder = settings.get("THEME_STATIC_DIR", "theme")
    target = Path(settings["OUTPUT_PATH"]) / folder
    for path in sorted(source.rglob("*")) if source.is_dir() else []:
        if path.is_file():
            relative = path.relative_to(source)
            write_atomic(target / relative, path.read_bytes())
            _build.produced.add(f"{folder}/{relative.as_posix()}")


def remove_stale_temporaries(pelican) -> None:
    """Temporary files left in the output by a build that was killed mid-write."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    if output.is_dir():
        for tmp in output.rglob(".*.tmp"):
            tmp.unlink(missing_ok=True)


def write_hosting_files(settings: dict, output: Path) -> None:
    """``.nojekyll`` (GitHub Pages must not run Jekyll) and an optional ``CNAME``."""
    write_atomic(output / ".nojekyll", b"")
    _build.produced.add(".nojekyll")
    domain = settings.get("GITHUB_PAGES_CNAME")
    if domain:
        write_atomic(output / "CNAME", f"{str(domain).strip()}\n")
        _build.produced.add("CNAME")


def start_build(pelican) -> None:
    """A fresh per-build state: each build starts from nothing."""
    global _build
    _build = _Build()
    page_counts.update(rendered=0, reused=0)
    review_counts.update(marked=0, held=0)
    embargo_counts.update(held=0)
    pelican.settings["SITEPATH"] = site_path(pelican.settings.get("SITEURL", ""))
    if pelican.settings.get("NEWSROOM_AUTHOR_PAGES"):
        # A page and a feed per author (by-lined stories only): off by
        # default, since a wire desk's bylines are many and mostly one-off.
        pelican.settings["AUTHOR_URL"] = "authors/{slug}/"
        pelican.settings["AUTHOR_SAVE_AS"] = "authors/{slug}/index.html"
    pelican.settings["JINJA_FILTERS"] = {**pelican.settings.get("JINJA_FILTERS", {}), **THEME_FILTERS}
    pelican.settings["JINJA_GLOBALS"] = {**pelican.settings.get("JINJA_GLOBALS", {}), **THEME_GLOBALS}
    # Compiled templates are kept between builds (a tenth of a second a
    # build); Jinja checks each against its template's text.
    environment = pelican.settings.get("JINJA_ENVIRONMENT", {})
    # The templates' indentation is for their editors, not for readers.
    extensions = [e for e in environment.get("extensions", []) if e is not compact_html.DropIndentation]
    environment = {**environment, "extensions": [*extensions, compact_html.DropIndentation]}
    compiled = Path(pelican.settings.get("CACHE_PATH", "cache")) / compact_html.compiled_templates_folder(environment)
    compiled.mkdir(parents=True, exist_ok=True)
    for older in compiled.parent.glob("templates*"):
        if older != compiled:  # compiled by other code or options
            shutil.rmtree(older, ignore_errors=True)
    pelican.settings["JINJA_ENVIRONMENT"] = {
        **environment,
        "bytecode_cache": jinja2.FileSystemBytecodeCache(str(compiled)),
    }


# Filters the theme's templates use.
THEME_FILTERS = {
    "standfirst_adds": site.standfirst_adds,
    "clock": site.clock,
    "day_and_clock": site.day_and_clock,
    "json_ld": compact_html.json_ld,
}


def drawn_card(article, heading: str):
    """The card of ``article`` under a ``heading`` as this build drew it
    already, or None. A story's card is the same on every listing page it
    is on (its section, topics, month): drawn once, it is copied after.

    One copy is kept per story (a big archive's cards are tens of
    megabytes); under another heading level its one heading is renamed.
    """
    found = _build.cards.get(id(article))
    if found is None or found[0] is not article:
        return None
    kept, html = found[1], found[2]
    if kept == heading:
        return html
    # The card's first tags are its heading's: the headline in them is
    # escaped text, so the first "</hN>" closes the heading.
    text = str.replace(html, f"<{kept}>", f"<{heading}>", 1)  # (Markup.replace would escape)
    return Markup(str.replace(text, f"</{kept}>", f"</{heading}>", 1))


def keep_card(article, heading: str, html):
    """Keep the card just drawn (for :func:`drawn_card`), while fewer than
    ``CARDS_KEPT`` are kept; returns it."""
    if len(_build.cards) < CARDS_KEPT:
        _build.cards[id(article)] = (article, heading, html)
    return html


# At most this many cards are kept (about 1 KB each): a 50,000-story
# archive's would take its cold build's peak memory from 950 MB to 994 MB,
# near the 1 GB a build of that size may use.
CARDS_KEPT = 20_000


# Functions the theme's templates call.
THEME_GLOBALS = {"newsroom_drawn_card": drawn_card, "newsroom_keep_card": keep_card}


def site_path(siteurl: str) -> str:
    """The path part of ``SITEURL``, for the links between the site's own
    pages: root-relative links (``/stories/x/``) work wherever the site is
    served (``make serve`` on any port, a staging host) and save the
    scheme and host on every link of every page. Canonical links, Open
    Graph, JSON-LD, feeds and sitemaps keep absolute ``SITEURL`` addresses.

    >>> site_path("https://user.github.io/news/"), site_path("https://news.example.org")
    ('/news', '')
    """
    return urlsplit(siteurl).path.rstrip("/")


def register() -> None:
    signals.initialized.connect(start_build)
    signals.initialized.connect(remove_stale_temporaries)
    signals.readers_init.connect(add_reader)
    signals.get_writer.connect(use_changed_only_writer)
    signals.article_generator_init.connect(preparse_articles)
    signals.article_generator_pretaxonomy.connect(prepare_stories)
    signals.article_generator_finalized.connect(freeze_urls)
    signals.static_generator_finalized.connect(record_static_files)
    signals.article_generator_finalized.connect(index_term_lists)
    signals.article_generator_finalized.connect(skip_unchanged_story_pages)
    signals.article_generator_finalized.connect(index_search_after_story_pages)
    signals.all_generators_finalized.connect(collect_articles)
    signals.finalized.connect(copy_theme_static)
    signals.finalized.connect(remove_stale_pages)
    signals.finalized.connect(write_feeds)
    signals.finalized.connect(save_page_memo)
