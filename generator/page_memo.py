"""Render a page only when what it shows has changed.

Pelican renders every page on every build.  On a site with thousands of
stories almost all of them are the same as last time: a story page shows its
own text plus the titles and links of a handful of neighbours and related
stories; a topic or section page shows twenty story cards.  This module
describes each such page by the values its template reads (its *inputs*),
keeps a digest of those inputs per output file between builds, and lets the
writer reuse the page already on disk when the digest is unchanged.

Everything the whole site shares (the theme's templates, the settings, the
section menu, our own code) goes into one *site digest*: when it changes,
every page is rendered again.  Pages whose inputs are not described here
(the home page's first page, the archives, the feeds page, search) are
always rendered.

>>> inputs = page_inputs("tag", {"output_file": "topics/x/index.html"})
>>> inputs is None   # a tag page without its paginated stories: not described
True
"""

from __future__ import annotations

import hashlib
import json
import marshal
from pathlib import Path

from generator.fsio import write_atomic

# In marshal's format: at 50,000 stories the memo is 16 MB, which JSON
# took 0.18 s to read and write on every build, marshal 0.06 s.  A file
# from another version of Python (or none) is no memo: every page is
# described again.
MEMO_FILE = "newsroom-pages.marshal"
# Templates that list stories in pages of cards.
CARD_TEMPLATES = {"tag", "category", "index"}
# Templates that list every topic or section (the context's "tags" or
# "categories": each term with its stories), with their numbers of stories:
# at 50,000 stories the topic index lists 6,000 topics, a tenth of a
# second to render again for every new story that leaves it as it was.
TERM_INDEXES = {"tags", "categories"}


def plain_settings(value):
    """A deterministic, address-free stand-in for a settings value."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): plain_settings(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain_settings(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"<{getattr(value, '__module__', '')}.{name}>"


def site_digest(settings: dict, templates: Path, code: list[Path], context: dict) -> str:
    """Digest of everything every page may show or depend on."""
    digest = hashlib.sha256()
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        digest.update(path.relative_to(templates).as_posix().encode() + b"\0" + path.read_bytes())
    for path in code:
        digest.update(path.read_bytes())
    shared = {
        "settings": plain_settings(settings),
        "categories": [(c.name, c.url) for c, _ in context.get("categories", [])],
        "menu": {part: [c.name for c in sections] for part, sections in (context.get("NEWSROOM_MENU") or {}).items()},
        "pages": [(p.slug, p.url, p.title) for p in context.get("pages", [])],
    }
    digest.update(json.dumps(shared, sort_keys=True, default=repr).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _when(value) -> str:
    return value.isoformat() if value is not None else ""


def _link(article) -> tuple | None:
    """What a headline list shows of a story."""
    if article is None:
        return None
    return (article.title, article.url, _when(article.date), getattr(article, "locale_date", ""))


def _terms(article) -> list[tuple[str, str]]:
    # A term's URL follows from its slug and the settings (in the site digest).
    return [(t.name, t.slug) for t in getattr(article, "tags", None) or []]


def _card(article) -> tuple:
    """What a story card (or the home page's lead) shows of a story.

    Kept on the article: a story appears on several listing pages, and the
    article objects live for one build only.
    """
    card = article.__dict__.get("_newsroom_card")
    if card is None:
        category = getattr(article, "category", None)
        card = (
            *_link(article),
            category.name if category else "",
            category.slug if category else "",
            article.summary,
            getattr(article, "reading_minutes", None),
            _terms(article),
            lead.as_tuple() if (lead := getattr(article, "lead_image", None)) else None,
            repr(getattr(article, "byline", None)),
            # Cards say "Updated ..." (a correction moves it).
            _when(getattr(article, "modified", None)),
            getattr(article, "locale_modified", ""),
            [(a.name, a.slug) for a in getattr(article, "authors", None) or []],
        )
        article.__dict__["_newsroom_card"] = card
    return card


def story_inputs(article) -> tuple:
    """What a story page shows of the story itself (all the search index sees).

    Kept on the article like its card: the story page and the search index
    both ask, and Pelican rewrites ``content``'s links on every access.
    """
    inputs = article.__dict__.get("_newsroom_story")
    if inputs is None:
        modified = getattr(article, "modified", None)
        corrections = [(_when(c.when), c.text) for c in getattr(article, "corrections", None) or ()]
        inputs = (
            _card(article),
            article.content,
            _when(modified),
            getattr(article, "locale_modified", ""),
            corrections,
        )
        article.__dict__["_newsroom_story"] = inputs
    return inputs


def _cached_digest(article, key: str, inputs) -> str:
    digest = article.__dict__.get(key)
    if digest is None:
        digest = article.__dict__[key] = digest_of(inputs(article))
    return digest


def story_digest(article) -> str:
    """The digest of :func:`story_inputs`, worked out once per story: the
    story page and its search part both ask, and hashing a story's text once
    instead of on every page is most of what a rebuild spends on digests."""
    return _cached_digest(article, "_newsroom_story_digest", story_inputs)


def search_inputs(article) -> tuple:
    """What the search index reads of a story page: the part marked
    ``data-pagefind-body`` (theme/templates/article.html), which holds the
    story, its section, dates and byline, but not its topics or the
    related stories around it (a topic gaining its page changes those
    without changing what the search finds)."""
    _, content, modified, locale_modified, corrections = story_inputs(article)
    title, url, date, locale_date, category, _, summary, _, _, lead, byline = _card(article)[:11]
    return (
        title,
        url,
        date,
        locale_date,
        category,
        summary,
        lead,
        byline,
        content,
        modified,
        locale_modified,
        corrections,
    )


def search_digest(article) -> str:
    """The digest of :func:`search_inputs`, worked out once per story."""
    return _cached_digest(article, "_newsroom_search_digest", search_inputs)


def card_digest(article) -> str:
    """The digest of a story's card, which several listing pages show."""
    return _cached_digest(article, "_newsroom_card_digest", _card)


def _story_page(article) -> tuple:
    return (
        story_digest(article),
        _link(getattr(article, "newer", None)),
        _link(getattr(article, "older", None)),
        [_link(a) for a in getattr(article, "related", None) or []],
    )


def page_inputs(template: str, context: dict) -> tuple | None:
    """The values a page's template reads, or None when the page is not one
    this module can describe (it is then always rendered)."""
    common = (template, context.get("output_file"), context.get("SITEURL"))
    if template == "article" and context.get("article") is not None:
        return (*common, _story_page(context["article"]))
    if template == "period_archives" and context.get("month") is not None:
        month = context["month"]
        links = [_link(a) for a in context.get("dates") or []]
        return (*common, month.label, context.get("newer_month"), context.get("older_month"), links)
    if template in TERM_INDEXES:
        # Every topic (or section) with its number of stories, in a stable
        # order: the page sorts them by name itself.
        return (*common, sorted((t.name, t.url, len(items)) for t, items in context.get(template) or ()))
    page = context.get("articles_page")
    if template not in CARD_TEMPLATES or page is None:
        return None
    if template == "index" and page.number == 1:
        return None  # the front page shows the home groups too
    term = context.get("tag") or context.get("category")
    neighbours = [context.get(f"articles_{side}_page") for side in ("previous", "next")]
    return (
        *common,
        (term.name, term.slug, term.url) if term is not None else None,
        # The pager shows links and dates, not "page n of m": with stable
        # pages (generator/pagination.py) an older page's inputs never change.
        page.number == 1,
        context["articles_paginator"].num_pages > 1,
        [p.url if p is not None else None for p in neighbours],
        [card_digest(a) for a in page.object_list],
    )


def newest_shown(context: dict) -> str | None:
    """When the newest story a listing page shows was published or last
    corrected (ISO 8601), or None for a page that lists no stories."""
    page = context.get("articles_page")
    if page is not None:
        stories = page.object_list
    elif context.get("month") is not None:
        stories = context.get("dates") or []
    else:
        return None
    newest = max((getattr(a, "modified", None) or a.date for a in stories), default=None)
    return newest.isoformat() if newest is not None else None


def digest_of(inputs: tuple) -> str:
    return hashlib.sha256(repr(inputs).encode("utf-8", "surrogatepass")).hexdigest()


class PageMemo:
    """Digests of the last build's pages, kept in Pelican's cache folder."""

    def __init__(self, cache_path: Path, site: str):
        self.path = cache_path / MEMO_FILE
        try:
            saved = marshal.loads(self.path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            saved = {}
        if not isinstance(saved, dict):
            saved = {}
        self.site = site
        self.old: dict[str, str] = saved.get("pages", {}) if saved.get("site") == site else {}
        self.new: dict[str, str] = {}
        # Each listing page's newest story (its last change, for the sitemap).
        self.old_dates: dict[str, str] = saved.get("dates", {}) if saved.get("site") == site else {}
        self.dates: dict[str, str] = {}
        # Every file the writer wrote, last build and this one: a page the
        # last build wrote and this one did not (a deleted story, a listing
        # page that no longer exists) is stale.
        self.written_before: list[str] = saved.get("written", [])
        self.written: set[str] = set()
        # Pages found unchanged this build: the writer leaves their files alone.
        self.unchanged: set[str] = set()
        self.reused = self.rendered = 0

    def reusable(self, output_file: str, digest: str) -> bool:
        self.new[output_file] = digest
        return self.old.get(output_file) == digest

    def keep(self, output_file: str) -> None:
        """The page on disk stays: the writer leaves its file alone."""
        self.unchanged.add(output_file)
        self.reused += 1

    def stale(self) -> list[str]:
        return sorted(set(self.written_before) - self.written)

    def save(self) -> None:
        dates = {page: when for page, when in self.dates.items() if page in self.written}
        data = {"site": self.site, "pages": self.new, "written": sorted(self.written), "dates": dates}
        write_atomic(self.path, marshal.dumps(data))
        # The memo as JSON, before the twentieth session: 16 MB at 50,000 stories.
        (self.path.parent / "newsroom-pages.json").unlink(missing_ok=True)
