"""Rebuild what a few new or edited stories touch, without a Pelican run.

A full build is a Pelican run: it reads and prepares every story, however
little changed (8 s for one new story at 10,000 stories, 44 s at 50,000).
After a clean build, the site index (:mod:`generator.site_index`) holds
every published story as the pages show it.  When only story files changed
since, this module reads just those files with Pelican's own reader, puts
them among the stories of the index, works out the site-wide values again
(topics and the threshold, sections, neighbours, months, feeds, search
parts), and hands Pelican's writer, with the theme's templates, only the
pages those stories can appear on: their own pages, the pages that link
to them as neighbours or related stories, the listings of their sections,
topics and months, the front page and the site-wide lists.  The page memo
(:mod:`generator.page_memo`) then renders only those whose inputs changed.
The feeds and search parts they appear in are written as a full build
writes them.

The result is the output a full build would write, byte for byte
(``tests/test_quick_build.py`` builds both ways and compares).  Anything
else goes to a full build: a change to the settings, theme, code or a
non-story file; an output folder touched since; a last build that was not
clean, or a site index that cannot be read; a story that is withdrawn,
held for its embargo, links to other content, is linked to, or takes a
withdrawn story's address; more than ``NEWSROOM_QUICK_BUILD_MAX_STORIES``
changed stories; a warning while reading; or a change of the site-wide
values every page shows (a new section, the menu).
"""

from __future__ import annotations

import bisect
import fnmatch
import functools
import gc
import logging
import multiprocessing
import os
import sqlite3
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

from generator import fsio, newsroom, search, site, site_index, up_to_date
from generator.convert.read import RAW_SUFFIXES
from generator.settings import DEFAULTS
from generator.site import newest_first_key
from generator.site_index import SiteIndex, StoryView

logger = logging.getLogger(__name__)

STORY_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")


@dataclass
class Plan:
    """What a quick build will do: the stories to read again, and the index."""

    settings: dict
    inputs: up_to_date.Inputs
    index: SiteIndex
    changed: list[str]  # absolute paths of new or changed story files
    removed: list[str]  # absolute paths of story files that are gone
    last_output: str  # the output's stamp after the last build
    output_walk: Future  # the output as it is (an up_to_date.OutputTree with its records)
    output: up_to_date.OutputTree | None = None  # its answer, once checked


def _story_file(relative: str, settings: dict) -> bool:
    folders = [p.strip("/") for p in settings.get("ARTICLE_PATHS", [])]
    return relative.endswith(STORY_SUFFIXES) and any(
        folder in ("", ".") or relative.startswith(folder + "/") for folder in folders
    )


def _ignored(relative: str, settings: dict) -> bool:
    """Files no build reads: raw copy (the converter's, by its suffixes: a
    picture kept beside it may be a story's), hidden files beside the
    stories (the converter's state) and what ``IGNORE_FILES`` names."""
    raw = str(settings.get("NEWSROOM_RAW_PATH", "raw")).strip("/")
    name = relative.rsplit("/", 1)[-1]
    if any(fnmatch.fnmatch(name, pattern) for pattern in settings.get("IGNORE_FILES") or ()):
        return True
    raw_copy = raw and relative.startswith(raw + "/") and name.lower().endswith(RAW_SUFFIXES)
    return raw_copy or (name.startswith(".") and not relative.endswith(STORY_SUFFIXES))


def plan(settings: dict, inputs: up_to_date.Inputs) -> Plan | None:
    """A plan for a quick build, or None when it must be a full build
    (the reason is logged at debug level)."""
    if not settings.get("NEWSROOM_QUICK_BUILD", DEFAULTS["NEWSROOM_QUICK_BUILD"]):
        return None
    cache = Path(settings.get("CACHE_PATH", "cache"))
    index = SiteIndex.open(cache)
    if index is None:
        return _full("no site index")
    try:
        return _plan(settings, inputs, index)
    except sqlite3.Error as exc:
        index.close()
        return _full(f"the site index cannot be read: {exc}")


def _plan(settings: dict, inputs: up_to_date.Inputs, index: SiteIndex) -> Plan | None:
    seal = index.meta("seal")
    if not seal or seal.get("parts") != inputs.parts:
        index.close()
        return _full("the settings, theme or code changed, or the last build was not clean")
    before, now = seal["content"], inputs.content
    content = os.path.abspath(settings["PATH"])
    changed, removed = [], []
    linked = set(index.meta("link_targets") or [])
    # The files whose size or time differ, found by the dictionaries' own
    # set operations (in C: the content holds 66,000 files at 50,000 stories).
    for relative in sorted({relative for relative, _ in before.items() ^ now.items()}):
        if _ignored(relative, settings) and os.path.join(content, relative) not in linked:
            continue
        if not _story_file(relative, settings):
            index.close()
            return _full(f"{relative} is not a story")
        (changed if relative in now else removed).append(os.path.join(content, relative))
    touched = {*changed, *removed}
    if touched & {*(index.meta("embargoed") or []), *(index.meta("withdrawn") or [])}:
        index.close()
        return _full("a story held for its embargo, or withdrawn, changed")
    if touched & linked:
        index.close()
        return _full("a story other stories link to changed")
    limit = int(settings.get("NEWSROOM_QUICK_BUILD_MAX_STORIES") or DEFAULTS["NEWSROOM_QUICK_BUILD_MAX_STORIES"])
    if len(changed) + len(removed) > limit:
        index.close()
        return _full(f"{len(changed) + len(removed)} stories changed (NEWSROOM_QUICK_BUILD_MAX_STORIES = {limit})")
    clock = newsroom.clock(settings)
    due = [d for d in (index.meta("next_due"), index.meta("notice_due")) if d is not None]
    if any(clock >= d for d in due):
        index.close()
        return _full("an embargo or a withdrawal notice came due")
    stamp = up_to_date.last_stamp(settings)
    if stamp and stamp.get("built_at") and clock < newsroom.moment(stamp["built_at"], "UTC", "built_at"):
        index.close()
        return _full("the last build was made at a later time (NEWSROOM_NOW): what it published may be embargoed now")
    output = Path(settings["OUTPUT_PATH"])
    if stamp is None or not output.is_dir():
        index.close()
        return _full("the last build left no stamp, or no output")
    walk = _start_output_walk(settings, stamp["output"])
    return Plan(settings, inputs, index, changed, removed, stamp["output"], walk)


def _walk_output(settings: dict, stamp: str) -> up_to_date.OutputTree:
    tree = up_to_date.recorded_output(settings, stamp, records=True)
    return tree if tree is not None else up_to_date.output_tree(Path(settings["OUTPUT_PATH"]), records=True)


def _start_output_walk(settings: dict, stamp: str) -> Future:
    """Check the output (is it as the last build left it?) on the other core
    while the stories are read and settled; nothing is written before the
    answer is in (:func:`_check_output`)."""
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        done: Future = Future()
        done.set_result(_walk_output(settings, stamp))
        return done
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    walk = pool.submit(_walk_output, settings, stamp)
    pool.shutdown(wait=False)
    return walk


def _check_output(plan: Plan) -> None:
    """Raise :class:`NotQuick` if the output is not as the last build left it."""
    tree = plan.output_walk.result()
    if tree.stamp != plan.last_output:
        raise NotQuick("the output changed since the last build")
    plan.output = tree


def _full(reason: str) -> None:
    logger.debug("newsroom: a full build: %s", reason)
    return None


class NotQuick(Exception):
    """Found while reading the changed stories: this needs a full build."""


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def read_changed(plan: Plan, context: dict) -> tuple[list, list[str]]:
    """The changed story files as Pelican articles, prepared as a full
    build prepares them (byline, lead image, reading time), and the files
    of those held for review; other unpublished ones (drafts) are left
    out. Raises :class:`NotQuick`."""
    from pelican.contents import Article
    from pelican.readers import Readers

    from generator import pelican_plugin as plugin
    from generator.settings import review_before_publish

    settings = plan.settings
    readers = Readers(settings)
    plugin.add_reader(readers)
    watcher = _Warnings()
    root = logging.getLogger()
    # What goes wrong here is said by the full build that follows, once.
    others, root.handlers = root.handlers, [watcher]
    articles, held = [], []
    try:
        for path in plan.changed:
            try:
                article = readers.read_file(
                    base_path=settings["PATH"], path=path, content_class=Article, context=context
                )
            except Exception as exc:  # a full build reports it, with the file
                raise NotQuick(f"{path}: {exc}") from exc
            if not article.is_valid() or watcher.records:
                raise NotQuick(f"{path}: not valid, or a warning")
            # Links to other content need Pelican's map of every file, which
            # only a full build has.
            if plugin.INTERNAL_LINK.search(article._content or "") or plugin.INTERNAL_LINK.search(
                str(article.metadata.get("summary", ""))
            ):
                raise NotQuick(f"{path} links to other content")
            if article.status == "hidden" or newsroom.is_embargoed(article, newsroom.clock(settings)):
                raise NotQuick(f"{path} is withdrawn or embargoed")
            if article.status != "published":
                continue
            if getattr(article, "review", None) and review_before_publish(settings):
                held.append(article.source_path)
                continue
            if getattr(article, "lang", None) != settings.get("DEFAULT_LANG") and settings.get("DEFAULT_LANG"):
                raise NotQuick(f"{path} is in another language")
            articles.append(article)
        default = plugin.default_byline(settings)
        for article in articles:
            article.__class__ = plugin._FrozenURLArticle
            plugin.credit_byline(article, default)
        plugin.attach_lead_images(settings, articles)
        for article in articles:
            article.reading_minutes = site.reading_minutes(article.content)
        if watcher.records:
            raise NotQuick("a warning while preparing the stories")
    finally:
        root.handlers = others
    return articles, held


@dataclass
class _Story:
    """One story of the site, before and after this build."""

    view: StoryView
    written: list[str]
    related: list[str]
    # The names of the topics the view shows, as the index kept them (a
    # list compared in C, not the names read off 250,000 topic objects).
    shown: list[str] | None = None


def _wrap(settings: dict, slugs: dict[str, str]):
    """Makers of Pelican's URL wrappers, one object per name; a topic's
    slug comes from ``slugs`` where the last build worked it out."""
    from pelican.urlwrappers import Author, Category, Tag

    class Made(dict):
        # A dictionary's own lookup is the maker: reading 250,000 tags of
        # the index is a map() over it, in C, but for the first of each name.
        def __init__(self, kind):
            super().__init__()
            self.kind = kind

        def __missing__(self, name):
            self[name] = wrapper = self.kind(name, settings)
            if self.kind is Tag and name in slugs:
                wrapper._slug = slugs[name]
            return wrapper

    return Made(Category).__getitem__, Made(Tag).__getitem__, Made(Author).__getitem__


def _views_from_index(index: SiteIndex, wrappers) -> dict[str, _Story]:
    category, tag, author = wrappers
    stories = {}
    rest = index.rest
    for head in index.stories():
        written, related = head.pop("written"), head.pop("related")
        if head["category"] is not None:
            head["category"] = category(head["category"])
        shown = head["tags"]
        head["tags"] = list(map(tag, shown))
        head["authors"] = list(map(author, head["authors"])) if head["authors"] else []
        stories[head["save_as"]] = _Story(StoryView(head, rest), written, related, shown)
    return stories


def _invalidate(view: StoryView) -> None:
    for name in ("_newsroom_card", "_newsroom_card_digest", "_newsroom_story", "_newsroom_story_digest"):
        view.__dict__.pop(name, None)


@dataclass
class _Change:
    """The site before and after this build: every story by address, the
    stories in order (newest first), which changed (new, edited, gone, or
    shown under other topics), and the story pages to look at."""

    old: dict[str, _Story]
    stories: dict[str, _Story]
    views: list
    old_views: list
    changed: set[str]
    gone: set[str]
    look: set[str] = field(default_factory=set)


def run(plan: Plan):
    """Carry out ``plan``; returns the :class:`generator.build.BuildResult`,
    or raises :class:`NotQuick` before writing anything."""
    # Tens of thousands of small objects from the index, all kept to the end:
    # the cyclic garbage collector would walk them over and over for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(plan)
    finally:
        if collecting:
            # Nor afterwards: the first collection would walk them all once
            # more (0.3 s at 50,000 stories) just before the process ends.
            gc.freeze()
            gc.enable()


def _run(plan: Plan):
    from generator import pelican_plugin as plugin

    settings = plan.settings
    plugin.start_build(SimpleNamespace(settings=settings))
    context = _base_context(settings, plan.index)
    # Every file the build writes is tracked, a story's lead image
    # (written as the story is read) as much as its page.
    with fsio.tracking() as touched:
        return _run_tracked(plan, settings, context, touched)


def _run_tracked(plan: Plan, settings: dict, context: dict, touched: set[str]):
    from generator import build
    from generator import pelican_plugin as plugin

    names = ("next_due", "notice_due", "embargoed", "marked_elsewhere", "slugs", "person_name_rules")
    meta = {k: plan.index.meta(k) for k in names}
    fresh, held_for_review = read_changed(plan, context)
    slugs = dict(meta["slugs"] or {})
    change = _apply(plan, fresh, _wrap(settings, slugs), slugs, meta["person_name_rules"])
    # The plugin's own list of the stories: the feeds are worked out for it once.
    plugin._articles[:] = change.views
    categories, tags, authors = _terms(plugin.term_groups(plugin._articles), settings)
    context.update(articles=change.views, dates=change.views, tags=list(tags.items()), categories=categories)
    context.update(authors=authors)
    context.update(plugin.newsroom_context(settings, plugin._articles, categories))
    memo = plugin._page_memo(settings, context)
    if memo.site != plan.index.meta("site"):
        raise NotQuick("the menu, the sections or the static pages changed")
    _look_around(change, plugin.term_groups(plugin._articles))

    _check_output(plan)
    indexed, groups, dropped = _publish(plan, context, memo, change, (tags, categories, authors))
    tree = _output_after(plan, touched, indexed)

    touched_files = {*plan.changed, *plan.removed}
    marked_elsewhere = sorted((set(meta["marked_elsewhere"] or []) - touched_files) | set(held_for_review))
    new_meta = {"marked_elsewhere": marked_elsewhere}
    if slugs != (meta["slugs"] or {}):
        new_meta["slugs"] = slugs
    _save_index(plan, change, groups, dropped, new_meta)
    next_due, notice_due = meta["next_due"], meta["notice_due"]
    return build.BuildResult(
        output=Path(settings["OUTPUT_PATH"]),
        articles=len(change.views),
        errors=0,
        warnings=0,
        siteurl=str(settings.get("SITEURL", "")).rstrip("/"),
        pages_rendered=memo.rendered,
        pages_reused=max(0, len(memo.written) - memo.rendered),
        held=len(meta["embargoed"] or []),
        next_due=next_due,
        review_marked=sum(1 for v in change.views if getattr(v, "review", None)) + len(marked_elsewhere),
        quick_changes=len(change.changed),
        output_tree=tree,
        recheck_at=min(filter(None, (next_due, notice_due)), default=None),
    )


def _apply(plan: Plan, fresh: list, wrappers, slugs: dict[str, str], rules) -> _Change:
    """Put the stories read again among those of the index, and settle
    every story's topics over the whole site as a full build does."""
    from generator import pelican_plugin as plugin

    settings = plan.settings
    category, tag, author = wrappers
    old = _views_from_index(plan.index, wrappers)
    by_source = {s.view.source_path: key for key, s in old.items()}
    gone = {by_source[p] for p in [*plan.changed, *plan.removed] if p in by_source}
    if settings.get("NEWSROOM_PRUNE_OUTPUT") and (
        any(getattr(a, "lead_image", None) for a in fresh) or any(old[k].view.lead_image for k in gone)
    ):
        # Pruning would remove renditions no story uses any more; only a
        # full build knows them all.
        raise NotQuick("a changed story has a lead image, and the output is pruned")
    stories = {key: s for key, s in old.items() if key not in gone}
    notices = set(plan.index.meta("withdrawn_pages") or [])
    for article in fresh:
        view = site_index.view_of(article)
        if view.save_as in notices:
            raise NotQuick(f"{article.source_path} takes the address of a withdrawn story")
        if view.save_as in stories:
            raise NotQuick(f"{article.source_path}: its address is taken by {stories[view.save_as].view.source_path}")
        view.category = category(view.category.name) if view.category is not None else None
        view.authors = [author(a.name) for a in view.authors]
        stories[view.save_as] = _Story(view, [t.name for t in view.tags], [])
    new_keys = {a.save_as for a in fresh}
    changed = set(gone) | new_keys

    keys = list(stories)
    texts = plugin._StoryTexts([stories[k].view for k in keys])
    _, shown, _ = plugin.shown_topic_names(settings, [stories[k].written for k in keys], texts, slugs, rules)
    for key, names in zip(keys, shown, strict=True):
        story = stories[key]
        view = story.view
        before = story.shown if story.shown is not None else [t.name for t in view.tags]
        if before != names or key in new_keys:
            if key not in new_keys:
                changed.add(key)
                # The old view keeps its topics: the pages of those it loses
                # must be looked at too.
                old[key] = _Story(view.copy(), old[key].written, old[key].related)
                _invalidate(view)
            view.tags = [tag(n) for n in names]
            story.shown = names
    views = sorted((s.view for s in stories.values()), key=newest_first_key)
    # (Not a sort of the whole archive again: a tenth of a second.)
    return _Change(old, stories, views, _as_before(views, changed, old), changed, gone)


def _as_before(views: list, changed: set[str], old: dict, was_on=None) -> list:
    """``views`` (newest first) as they were before this build: without the
    changed stories, and with those of them that were there (``was_on``
    their view as it was, if given) put back as they were."""
    listed = [v for v in views if v.save_as not in changed]
    for key in changed:
        story = old.get(key)
        if story is not None and (was_on is None or was_on(story.view)):
            bisect.insort(listed, story.view, key=newest_first_key)
    return listed


def _look_around(change: _Change, groups: site.TermGroups) -> None:
    """Give every story its neighbours, and the stories whose pages may
    change (the changed ones, their neighbours before and after, and those
    whose related stories may change) their related stories (``groups``:
    the stories by topic)."""
    views = change.views  # newest first, as site.neighbours() orders them
    last = len(views) - 1
    for i, view in enumerate(views):
        view.newer = views[i - 1] if i else None
        view.older = views[i + 1] if i < last else None
    look = set(change.changed)
    for order, stories in ((change.old_views, change.old), (views, change.stories)):
        for key in change.changed:
            if key in stories:
                i = bisect.bisect_left(order, newest_first_key(stories[key].view), key=newest_first_key)
                look.update(v.save_as for v in order[max(0, i - 1) : i + 2])
    look |= _related_candidates(change, groups)
    look &= set(change.stories)
    stories = change.stories
    related = site.related_map(views, only={id(stories[k].view) for k in look}, groups=groups)
    for key in look:
        stories[key].view.related = related[id(stories[key].view)]
        stories[key].related = [r.save_as for r in stories[key].view.related]
    change.look = look


def _publish(plan: Plan, context: dict, memo, change: _Change, terms) -> tuple[list[str], dict, set[str]]:
    """Write the pages, feeds, search parts and sitemaps the change touches;
    remove what is no longer part of the site. Returns the search parts
    indexed again, the writes made (name -> files) and those dropped."""
    from generator import pelican_plugin as plugin

    settings = plan.settings
    output = Path(settings["OUTPUT_PATH"])
    memo.new = dict(memo.old)
    memo.dates = dict(memo.old_dates)
    memo.written = set(memo.written_before)
    writer, env = _writer(settings, context)
    plugin._build.memo = memo
    plugin._build.groups = {}
    touched = _touched_terms(change.changed, change.old, change.stories, settings)
    plugin._build.unchanged_pages = _listings_as_before(settings, change, touched, *terms)
    _write_pages(settings, context, writer, env, change.stories, change.look, change.views, touched, *terms)
    plugin._build.withdrawn_pages = set(plan.index.meta("withdrawn_pages") or [])
    plugin._build.produced = set(plan.index.meta("static_html") or [])
    written = plugin._build.groups
    dropped = ((change.gone - set(change.stories)) | touched["groups"]) - set(written)
    _remove_stale(settings, memo, plan.index.groups({*written, *dropped}), written, dropped)
    if os.environ.get("NEWSROOM_PREVIEW"):
        # The preview (generator/watch.py) reloads the open tabs now: what a
        # tab shows is on disk; the feeds, sitemaps and search follow.
        print("newsroom: pages ready", flush=True)

    digests = plugin._build_digests(settings)
    indexing = plugin.start_search_index(settings, output, digests) if settings.get("NEWSROOM_SEARCH", True) else None
    written_feeds = _write_feeds(settings, digests, touched)
    plugin.remove_stale_feeds(output, digests)
    plugin.write_sitemaps(settings, output, ordered=True)
    if indexing is not None:
        indexing.finish()
    digests.save()
    memo.save()
    logger.info("newsroom: quick build: %d feed files written", written_feeds)
    return ([name for name, _ in indexing.parts] if indexing else []), written, dropped


def _base_context(settings: dict, index: SiteIndex) -> dict:
    """Pelican's shared context as a full build hands it to the writer,
    before the stories are in it."""
    context = settings.copy()
    context.update(
        generated_content={},
        static_links=set(),
        static_content={},
        localsiteurl=settings["SITEURL"],
        pages=[SimpleNamespace(slug=s, url=u, title=t) for s, u, t in index.meta("pages") or []],
    )
    return context


def _terms(groups: site.TermGroups, settings: dict):
    """Pelican's sections (sorted), topics and authors of the stories
    ``groups`` holds."""
    sections = sorted(groups.sections.values(), reverse=settings.get("REVERSE_CATEGORY_ORDER", False))
    return sections, dict(groups.topics.values()), sorted(groups.authors.values())


def _related_candidates(change: _Change, groups: site.TermGroups) -> set:
    """Stories whose related stories may change: those that showed a changed
    story, and those near a changed story in one of its topics (within the
    window :func:`generator.site.related_map` draws from), before and after
    (``groups``: the stories by topic after)."""
    changed, old = change.changed, change.old
    found = {key for key, s in old.items() if not changed.isdisjoint(s.related)}
    window = 26
    versions = {key: [group[key].view for group in (old, change.stories) if key in group] for key in changed}
    slugs = {key: {t.slug for v in found_in for t in v.tags} for key, found_in in versions.items()}
    for slug in set().union(*slugs.values()):
        after = groups.topics[slug][1] if slug in groups.topics else []
        # Before: the same stories but the changed ones, which are there as
        # they were, if they were.
        was = [old[k].view for k in changed if k in old and any(t.slug == slug for t in old[k].view.tags)]
        before = sorted([v for v in after if v.save_as not in changed] + was, key=newest_first_key)
        for members in (before, after):
            for key in changed:
                if slug not in slugs[key]:
                    continue
                for version in versions[key]:
                    i = bisect.bisect_left(members, newest_first_key(version), key=newest_first_key)
                    found.update(v.save_as for v in members[max(0, i - window) : i + window + 1])
    return found


def _touched_terms(changed: set, old: dict, stories: dict, settings: dict) -> dict[str, set]:
    """The sections, topics and authors a changed story was or is on, the
    months it was or is in, and the names of their writes (``groups``)."""
    touched: dict[str, set] = {"categories": set(), "tags": set(), "authors": set(), "months": set(), "groups": set()}
    for key in changed:
        for group in (old, stories):
            story = group.get(key)
            if story is None:
                continue
            view = story.view
            for kind, found in _terms_of(view).items():
                touched[kind].update(t.slug for t in found)
                touched["groups"].update(t.save_as for t in found if t.save_as)
            touched["months"].add((view.date.year, view.date.month))
    # A month page links to the months beside it: a month gained or lost
    # changes its neighbours' pages too.
    before, after = (_months_around(group) for group in (old, stories))
    touched["months"].update(m for m in before.keys() | after.keys() if before.get(m) != after.get(m))
    month_save_as = settings.get("NEWSROOM_MONTH_ARCHIVE_SAVE_AS")
    if month_save_as:
        touched["groups"].update(month_save_as.format(date=datetime(y, m, 1)) for y, m in touched["months"])
    return touched


def _terms_of(view) -> dict[str, list]:
    """A story's section, topics and authors, by the context's names for them."""
    return {
        "categories": [view.category] if view.category is not None else [],
        "tags": view.tags,
        "authors": view.authors,
    }


def _months_around(stories: dict) -> dict[tuple[int, int], tuple]:
    """Each month with stories: the months before and after it that have some."""
    months = sorted({(s.view.date.year, s.view.date.month) for s in stories.values()})
    return {
        m: (months[i - 1] if i else None, months[i + 1] if i + 1 < len(months) else None) for i, m in enumerate(months)
    }


def _writer(settings: dict, context: dict):
    from pelican.generators import Generator

    from generator import pelican_plugin as plugin

    # The stable paginator, as in a full build.
    writer_class = plugin.use_changed_only_writer(SimpleNamespace(settings=settings))
    writer = writer_class(settings["OUTPUT_PATH"], settings=settings)
    generator = Generator(context, settings, settings["PATH"], settings["THEME"], settings["OUTPUT_PATH"])
    return writer, generator


def _write_pages(settings, context, writer, env, stories, look, views, touched, tags, categories, authors) -> None:
    """The pages a full build's generators would write for these stories,
    with the same arguments (Pelican 4.12's ``ArticlesGenerator``)."""
    from generator import pelican_plugin as plugin

    write = functools.partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
    siteurl, output = context.get("SITEURL"), settings["OUTPUT_PATH"]
    for view in views:
        if view.save_as in look and not plugin.story_page_unchanged(plugin._build.memo, view, siteurl, output):
            write(
                view.save_as,
                env.get_template(view.template or "article"),
                context,
                article=view,
                category=view.category,
                override_output=False,
                url=view.url,
                blog=True,
            )
    if settings.get("NEWSROOM_MONTH_ARCHIVE_SAVE_AS"):
        months = {f"{y:04d}-{m:02d}" for y, m in touched["months"]}
        plugin.write_month_pages(write, env.get_template("period_archives"), context, views, only=months)
    for template in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        url = settings.get(f"{template.upper()}_URL", f"{template}.html")
        if save_as:
            write(
                save_as,
                env.get_template(template),
                context,
                articles=views,
                dates=views,
                blog=True,
                template_name=template,
                page_name=os.path.splitext(save_as)[0],
                url=url,
            )
    for kind, _, term, items in _touched_listings(touched, tags, categories, authors):
        plugin.write_term_page(write, env.get_template(kind), context, kind, term, items, items, views)


def _touched_listings(touched: dict, tags, categories, authors):
    """``(template, the context's name for such terms, term, stories)`` for
    each section, topic and author listing a changed story was or is on."""
    for kind, terms, key in (
        ("tag", tags.items(), "tags"),
        ("category", categories, "categories"),
        ("author", authors, "authors"),
    ):
        for term, items in terms:
            if term.slug in touched[key]:
                yield kind, key, term, items


def _listings_as_before(settings: dict, change: _Change, touched: dict, tags, categories, authors) -> dict:
    """For each listing this build writes (the home page's, and those of the
    sections, topics and authors a changed story was or is on), the labels
    of its pages that show what they showed at the last build: the page
    memo need not be asked about them (``ChangedOnlyWriter._write_listing``).
    A section of 7,000 stories has 350 pages, and one new story changes only
    its front one."""
    from generator.pagination import per_page

    found = {}
    if "index" in settings["DIRECT_TEMPLATES"] and "index" in settings["PAGINATED_TEMPLATES"]:
        before = [v.save_as for v in change.old_views]
        after = [v.save_as for v in change.views]
        found[settings.get("INDEX_SAVE_AS", "index.html")] = unchanged_pages(
            before, after, change.changed, per_page(settings, "index")
        )
    for kind, key, term, items in _touched_listings(touched, tags, categories, authors):
        if kind in settings["PAGINATED_TEMPLATES"]:
            before = _listed_before(items, change, key, term.slug)
            after = [v.save_as for v in items]
            found[term.save_as] = unchanged_pages(before, after, change.changed, per_page(settings, kind))
    return found


def _listed_before(items: list, change: _Change, terms: str, slug: str) -> list[str]:
    """The stories a listing of ``terms`` ("tags", "categories", "authors")
    showed at the last build, newest first: those it shows now but the
    changed ones, and the changed ones as they were, if they were on it."""
    listed = _as_before(items, change.changed, change.old, lambda v: any(t.slug == slug for t in _terms_of(v)[terms]))
    return [v.save_as for v in listed]


def unchanged_pages(before: list[str], after: list[str], changed: set[str], per_page: int) -> frozenset[int]:
    """The labels of a listing's pages behind its front page (stable pages,
    :mod:`generator.pagination`) that show the same stories as before, none
    of them changed: such a page's inputs are as they were.  No page at
    all where a page came or went, since the pager's links move then.

    >>> before = ["s%d" % i for i in range(45, 0, -1)]  # newest first
    >>> sorted(unchanged_pages(before, ["new", *before], {"new"}, per_page=10))
    [2, 3, 4]
    >>> sorted(unchanged_pages(before, before, {"s5"}, per_page=10))  # s5 is on page 2
    [3, 4]
    """
    # Not at the top: generator.pagination imports Pelican, which a build
    # that finds nothing changed never loads.
    from generator.pagination import stable_slices

    old, new = stable_slices(len(before), per_page), stable_slices(len(after), per_page)
    if len(old) != len(new):
        return frozenset()
    return frozenset(
        label
        for (label, a, b), (label_now, c, d) in zip(old[1:], new[1:], strict=True)
        if label == label_now and before[a:b] == after[c:d] and changed.isdisjoint(after[c:d])
    )


def _remove_stale(settings: dict, memo, before: dict, now: dict, dropped: set) -> None:
    """Delete the files a write of this build no longer produces (a topic's
    last page) and those of the writes ``dropped`` (the pages of a story
    that is gone, of a topic below the threshold now)."""
    from generator import pelican_plugin as plugin

    output = Path(settings["OUTPUT_PATH"])
    stale = set()
    for name, files in now.items():
        stale |= set(before.get(name, [])) - set(files)
    for name in dropped:
        stale |= set(before.get(name, []))
    for relative in stale:
        memo.written.discard(relative)
        memo.new.pop(relative, None)
        memo.dates.pop(relative, None)
    plugin.remove_pages(output, sorted(stale))


def _output_after(plan: Plan, touched: set[str], indexed: list[str]) -> up_to_date.OutputTree:
    """The output folder as this build left it, from its record before and
    what it wrote and removed: every file goes through
    :func:`generator.fsio.write_atomic` or :func:`generator.fsio.remove_file`,
    so only the folders that hold those files changed (and the one above a
    folder made or removed). The search index's parts are replaced whole:
    those indexed are read again, those no longer used are gone."""
    from generator import pelican_plugin as plugin

    output = Path(plan.settings["OUTPUT_PATH"])
    before = plan.output.records
    records = dict(before)
    around: set[str] = set()
    for path in touched:
        relative = Path(os.path.relpath(path, output)).as_posix()
        if not relative.startswith("../"):  # (the cache, beside the output)
            around.update(_folders_above(relative))
    changed = set(around)
    if plan.settings.get("NEWSROOM_SEARCH", True):
        keep = {name for name, _ in plugin._build.search_parts}
        prefix = search.INDEX_DIR + "/"
        for folder in [f for f in records if f.startswith(prefix)]:
            part = folder[len(prefix) :].split("/", 1)[0]
            if part not in keep or part in indexed:
                del records[folder]
                changed.add(folder)
        around.add(search.INDEX_DIR)
        changed.add(search.INDEX_DIR)
        for name in indexed:
            part = up_to_date.output_tree(output / search.INDEX_DIR / name, records=True).records or {}
            for relative, record in part.items():
                folder = f"{prefix}{name}/{relative}".rstrip("/")
                records[folder] = (folder, *record[1:])
                changed.add(folder)
    now = time.time_ns()
    for folder in around:
        try:
            records[folder] = up_to_date.folder_record(output, folder, now)
        except FileNotFoundError:
            records.pop(folder, None)
    return up_to_date.patched(plan.output, records, changed, plan.output.taken_at)


def _folders_above(relative: str) -> list[str]:
    """The folders that hold ``relative``, from the output's own ("").

    >>> _folders_above("topics/x/page/2/index.html")
    ['topics/x/page/2', 'topics/x/page', 'topics/x', 'topics', '']
    """
    parts = relative.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]


def _write_feeds(settings: dict, digests, touched: dict) -> int:
    """Write the feeds the changed stories are or were in; the others keep
    their digests (:func:`generator.pelican_plugin._feed_jobs`)."""
    from generator import pelican_plugin as plugin

    kinds = {"sections": "categories", "topics": "tags", "authors": "authors"}

    def carried(spec) -> bool:
        kind, _, slug = spec.path_stem.removeprefix("feeds/").partition("/")
        return kind in kinds and slug not in touched[kinds[kind]]

    site_ = plugin._site(settings)
    jobs, _ = plugin._feed_jobs(settings, site_, carried)
    plugin._build.feed_work = (Path(settings["OUTPUT_PATH"]), site_, jobs)
    return plugin._write_feed_work()


def _save_index(plan: Plan, change: _Change, groups: dict, dropped: set, meta: dict) -> None:
    """Bring the site index up to date with this build, in one transaction."""
    stories = change.stories
    rows = []
    for key in sorted(change.changed & set(stories)):
        story = stories[key]
        head = site_index.head_fields(story.view, story.written, story.related)
        rows.append((key, head, site_index.rest_fields(story.view), story.view.content))
    heads = {}
    for key in sorted(change.look - change.changed):
        story = stories[key]
        heads[key] = site_index.head_fields(story.view, story.written, story.related)
    plan.index.update(rows, heads, change.changed - set(stories), groups, dropped, meta)
    plan.index.close()
