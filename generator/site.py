"""Site extras computed from the articles: related stories, neighbours,
reading time, the home page's groups, month archives, and the sitemaps.

Pure functions over article-like objects (``title``, ``url``, ``date``,
``tags``, ``category``), so they can be tested without Pelican; the plugin
attaches the results to Pelican's articles and context.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

WORDS_PER_MINUTE = 230
_TAG = re.compile(r"<[^>]+>")


def reading_minutes(html: str) -> int:
    """Minutes to read ``html`` at 230 words a minute, at least one.

    >>> reading_minutes("<p>" + "word " * 700 + "</p>")
    3
    """
    words = len(_TAG.sub(" ", html).split())
    return max(1, round(words / WORDS_PER_MINUTE))


def newest_first(articles: list) -> list:
    return sorted(articles, key=newest_first_key)


def newest_first_key(article) -> tuple[float, str]:
    # Kept on the article: the same stories are sorted several times a build,
    # and an aware datetime's timestamp goes through its time zone each time.
    key = article.__dict__.get("_newsroom_order")
    if key is None:
        key = article.__dict__["_newsroom_order"] = (-article.date.timestamp(), article.url)
    return key


def related_map(
    articles: list, limit: int = 4, window: int = 25, only: set[int] | None = None, groups: TermGroups | None = None
) -> dict[int, list]:
    """``id(article) -> related stories``: most shared topics, then nearest in time.

    Candidates are the ``window`` stories either side of the story in each
    of its topics, by date, so the work grows with the number of stories,
    not with its square.  Nearest in time, not newest: an old story's
    related stories are the coverage around it (what led to it, what
    followed), and a new story changes the related stories of the few
    stories just before it, not of every story on its topics.  With
    ``only`` (a set of ``id(article)``), just those stories' are worked out;
    ``groups``: :func:`group_by_terms` of ``articles``, if the caller has it.

    >>> from types import SimpleNamespace as S
    >>> from datetime import datetime, timezone
    >>> tag = S(slug="ferries")
    >>> day = lambda d: datetime(2026, 3, d, tzinfo=timezone.utc)
    >>> a, b, c = (S(date=day(d), url=f"{d}/", tags=[tag]) for d in (1, 2, 20))
    >>> [r.url for r in related_map([a, b, c], limit=1)[id(a)]]
    ['2/']
    """
    topics = (groups or group_by_terms(articles)).topics
    chosen = articles if only is None else [a for a in articles if id(a) in only]
    # Each topic's stories, newest first, and each story's place in them,
    # for the topics of the chosen stories only.
    members: dict[str, list] = {}
    place: dict[tuple[str, int], int] = {}
    by_id: dict[int, object] = {}
    out: dict[int, list] = {}
    for article in chosen:
        key = id(article)
        shared: Counter = Counter()
        for t in getattr(article, "tags", None) or []:
            slug = t.slug
            if only is not None:
                # A few stories: each found in its topic by its place in
                # time, not by a map of every member of the topic.
                stories = topics[slug][1]
                i = bisect.bisect_left(stories, newest_first_key(article), key=newest_first_key)
                near = stories[max(0, i - window) : i + window + 1]
                by_id.update((id(a), a) for a in near)
                shared.update(id(a) for a in near)
                continue
            if slug not in members:
                stories = topics[slug][1]
                members[slug] = found = [id(a) for a in stories]
                place.update(((slug, k), i) for i, k in enumerate(found))
                by_id.update(zip(found, stories, strict=True))
            i = place[(slug, key)]
            shared.update(members[slug][max(0, i - window) : i + window + 1])
        shared.pop(key, None)
        out[key] = _closest(shared, limit, article, by_id)
    return out


def _closest(shared: Counter, limit: int, article, by_id: dict) -> list:
    """The ``limit`` stories sharing most topics with ``article``, then
    nearest to it in time, then newest (``shared``: ``id`` -> topics shared).

    Only the stories that can still make the cut (as many shared topics as
    the ``limit``-th best) are sorted on time.
    """
    ranked = shared.most_common()
    if len(ranked) > limit:
        floor = ranked[limit - 1][1]
        ranked = list(itertools.takewhile(lambda kv: kv[1] >= floor, ranked))
    moment = -newest_first_key(article)[0]

    def order(kv):
        key = newest_first_key(by_id[kv[0]])  # (-timestamp, url): newest first
        return (-kv[1], abs(-key[0] - moment), key)

    ranked.sort(key=order)
    return [by_id[k] for k, _ in ranked[:limit]]


def neighbours(articles: list) -> dict[int, tuple[object | None, object | None]]:
    """``id(article) -> (newer, older)`` in newest-first order."""
    ordered = newest_first(articles)
    out = {}
    for i, article in enumerate(ordered):
        newer = ordered[i - 1] if i > 0 else None
        older = ordered[i + 1] if i + 1 < len(ordered) else None
        out[id(article)] = (newer, older)
    return out


@dataclass(frozen=True)
class FrontPage:
    """What the front page shows, each story once: the lead, the secondary
    stories beside it, a grid of cards, a headline list for the rest of the
    front's stories, then section and topic blocks of stories not already on
    the page (``(term, stories, count)``, busiest first)."""

    lead: object
    secondary: list
    cards: list
    more: list
    sections: list
    topics: list


@dataclass(frozen=True)
class FrontLayout:
    """How many stories each part of the front page shows
    (``NEWSROOM_FRONT_PAGE`` in pelicanconf.py)."""

    secondary: int = 4
    cards: int = 12
    sections: int = 6
    topics: int = 6
    per_group: int = 5


def front_page(
    on_page: Sequence, articles: Sequence, layout: FrontLayout = FrontLayout(), groups: TermGroups | None = None
) -> FrontPage | None:
    """Lay out the front page from its own stories (``on_page``, newest
    first) and the whole archive, so that no story is shown twice
    (``groups``: :func:`group_by_terms` of ``articles``, if the caller has it).

    >>> from collections import namedtuple
    >>> from types import SimpleNamespace as S
    >>> t0 = datetime(2026, 1, 1)
    >>> news = namedtuple("Section", "name slug")("News", "news")
    >>> stories = [S(title=f"s{i}", url=f"s{i}/", date=t0 + timedelta(hours=i), category=news, tags=[])
    ...            for i in range(10)]
    >>> newest = newest_first(stories)
    >>> page = front_page(newest[:3], stories, FrontLayout(secondary=1, cards=1, per_group=3))
    >>> page.lead.title, [s.title for s in page.secondary], [s.title for s in page.cards]
    ('s9', ['s8'], ['s7'])
    >>> [(term.name, [s.title for s in shown], count) for term, shown, count in page.sections]
    [('News', ['s6', 's5', 's4'], 10)]
    """
    if not on_page:
        return None
    shown = {id(story) for story in on_page}
    rest = list(on_page[1:])
    cut = layout.secondary + layout.cards
    groups = groups or group_by_terms(articles)
    sections = _blocks(groups.sections, shown, layout.sections, layout.per_group)
    topics = _blocks(groups.topics, shown, layout.topics, layout.per_group, minimum=2)
    return FrontPage(
        lead=on_page[0],
        secondary=rest[: layout.secondary],
        cards=rest[layout.secondary : cut],
        more=rest[cut:],
        sections=sections,
        topics=topics,
    )


@dataclass(frozen=True)
class TermGroups:
    """Each section's, topic's and author's stories, newest first, by slug:
    ``slug -> (term, stories)``. The front page, the feeds and a quick
    build's listings all group the archive so; at 50,000 stories one pass
    over it is a tenth of a second."""

    sections: dict
    topics: dict
    authors: dict


def group_by_terms(articles: Iterable) -> TermGroups:
    """The stories of ``articles`` by section, topic and author, each
    group newest first (:func:`newest_first`).

    >>> from types import SimpleNamespace as S
    >>> ferries = S(slug="ferries", name="Ferries")
    >>> one, two = (S(date=datetime(2026, 3, d), url=f"{d}/", category=None, tags=[ferries]) for d in (1, 2))
    >>> [s.url for s in group_by_terms([one, two]).topics["ferries"][1]]
    ['2/', '1/']
    """
    groups: tuple[dict, dict, dict] = ({}, {}, {})
    sections, topics, authors = groups
    for article in newest_first(articles):
        # By slug, as Pelican's dictionaries (a term's hash is its slug),
        # without asking each term for it on every lookup.
        if category := getattr(article, "category", None):
            _add(sections, category, article)
        for tag in getattr(article, "tags", None) or ():
            _add(topics, tag, article)
        for author in getattr(article, "authors", None) or ():
            _add(authors, author, article)
    return TermGroups(*groups)


def _add(groups: dict, term, article) -> None:
    found = groups.get(term.slug)
    if found is None:
        groups[term.slug] = (term, [article])
    else:
        found[1].append(article)


def _blocks(by_term: dict, shown: set, limit: int, per_group: int, minimum: int = 1) -> list:
    """The busiest terms' newest stories (``by_term``: slug -> (term,
    stories newest first)) not yet in ``shown`` (which grows, so a story
    goes in one block only); a term with none left is skipped."""
    busiest = sorted(by_term.values(), key=lambda kv: (-len(kv[1]), kv[0].name.lower()))
    blocks = []
    for term, stories in busiest:
        if len(blocks) == limit or len(stories) < minimum:
            break
        fresh = [story for story in stories if id(story) not in shown][:per_group]
        if fresh:
            shown.update(id(story) for story in fresh)
            blocks.append((term, fresh, len(stories)))
    return blocks


def menu_sections(categories: Sequence, limit: int) -> tuple[list, list]:
    """Split the sections between the menu bar (the ``limit`` biggest,
    biggest first) and the "More" list (the rest, by name), so a section
    with one story does not get the same weight as one with hundreds.

    >>> from types import SimpleNamespace as S
    >>> cats = [(S(name=n), [None] * k) for n, k in [("Health", 1), ("Politics", 40), ("Sport", 30), ("Arts", 2)]]
    >>> bar, more = menu_sections(cats, 2)
    >>> [c.name for c in bar], [c.name for c in more]
    (['Politics', 'Sport'], ['Arts', 'Health'])
    """
    ranked = sorted(categories, key=lambda kv: (-len(kv[1]), kv[0].name.lower()))
    bar = [category for category, _ in ranked[:limit]]
    more = sorted((category for category, _ in ranked[limit:]), key=lambda c: c.name.lower())
    return bar, more


def day_and_clock(when: datetime) -> str:
    """A date and time for a reader, as the pages print them.

    >>> from datetime import timezone
    >>> day_and_clock(datetime(2026, 12, 2, 14, 5, tzinfo=timezone.utc))
    '2 December 2026, 14:05 UTC'
    """
    return f"{when.day} {when:%B %Y}, {clock(when)}"


def clock(when: datetime) -> str:
    """The time of day a story was published, with its zone, for a reader.

    >>> from datetime import timezone
    >>> clock(datetime(2026, 3, 2, 14, 5, tzinfo=timezone.utc))
    '14:05 UTC'
    >>> clock(datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=1))))
    '09:30 UTC+01:00'
    """
    name = when.tzname()
    offset = when.utcoffset()
    if (not name or name[0] in "+-") and offset is not None:
        # A bare offset (dateutil's tzoffset has no name): say it as UTC+hh:mm.
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        name = "UTC" if minutes == 0 else f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{when:%H:%M} {name}" if name else f"{when:%H:%M}"


_WORD = re.compile(r"[^\W_][\w'’-]*")
# Words that say nothing on their own. A short list rather than spaCy's stop
# words: this runs in every build, which never loads the language model.
_FILLER = frozenset(
    """a an the of to in on at for and or but by with from as into about after over than
    is are was were be been being has have had will would can could may might should says said say
    it its this that these those he she they his her their our we you your who which what
    new also more most other some any not no""".split()
)


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content_words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text) if w.lower() not in _FILLER}


# A story's card is drawn on many listing pages (its section, topics,
# month, the front page): its answer is worked out once per build.
@functools.cache
def standfirst_adds(summary_html: str, title: str, minimum: int = 2) -> bool:
    """Whether a card's standfirst tells the reader more than its headline
    (at least ``minimum`` words of substance the headline lacks); a card
    whose standfirst only repeats the headline shows the headline alone.

    >>> standfirst_adds("<p>The harbour board has asked the ports authority to investigate.</p>",
    ...                 "Harbour board asks ports authority to investigate")
    False
    >>> standfirst_adds("<p>The harbour board has asked for an inquiry into dredging contracts worth "
    ...                 "£12m signed last spring.</p>", "Harbour board asks for inquiry")
    True
    """
    text = re.sub(r"<[^>]+>", " ", summary_html or "")
    return len(_content_words(text) - _content_words(title or "")) >= minimum


@dataclass(frozen=True)
class Month:
    """One month of the archives: its stories, newest first, and its page."""

    label: str  # "November 2026"
    anchor: str  # "2026-11"
    items: list
    url: str = ""
    save_as: str = ""


def months(articles: list, url_format: str = "", save_as_format: str = "") -> list[Month]:
    """The stories by month, newest month first; each month's page address
    from ``NEWSROOM_MONTH_ARCHIVE_URL``/``_SAVE_AS`` style formats.

    >>> from types import SimpleNamespace as Story
    >>> [m.url for m in months([Story(date=datetime(2026, 3, 2), url="a/")], "archives/{date:%Y}/{date:%m}/")]
    ['archives/2026/03/']
    """
    groups: dict[tuple[int, int], list] = defaultdict(list)
    for article in newest_first(articles):
        groups[(article.date.year, article.date.month)].append(article)
    found = []
    for (y, m), items in sorted(groups.items(), reverse=True):
        first = datetime(y, m, 1)
        found.append(
            Month(
                first.strftime("%B %Y"),
                f"{y:04d}-{m:02d}",
                items,
                url_format.format(date=first) if url_format else "",
                save_as_format.format(date=first) if save_as_format else "",
            )
        )
    return found


# What a URL needs escaped in XML; a URL made of slugs has none of it.
_XML_SPECIAL = re.compile("[&<>\"']")


def sitemap_line(url: str, lastmod: str | None) -> str:
    """One page's line of a sitemap (``lastmod``: an ISO 8601 time).

    >>> sitemap_line("https://e.org/a&b/", None)
    '  <url><loc>https://e.org/a&amp;b/</loc></url>'
    """
    loc = escape(url) if _XML_SPECIAL.search(url) else url
    if lastmod is None:
        return f"  <url><loc>{loc}</loc></url>"
    return f"  <url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>"


def urlset_text(lines: list[str]) -> str:
    """A sitemap file of :func:`sitemap_line` lines."""
    head = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    return "\n".join([*head, *lines, "</urlset>"]) + "\n"


def sitemap_index_text(parts: list[tuple[str, str | None]], siteurl: str) -> str:
    """A sitemap index of ``(part's site-relative name, its newest lastmod)``."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for name, newest in parts:
        lastmod = f"<lastmod>{newest}</lastmod>" if newest else ""
        lines.append(f"  <sitemap><loc>{escape(siteurl)}/{name}</loc>{lastmod}</sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


# The sitemaps.org protocol's limit for one sitemap file.
SITEMAP_MAX_URLS = 50_000
SITEMAP_PARTS_DIR = "sitemaps"


def sitemap_files(entries: dict[str, str | None], siteurl: str, max_urls: int | None = None) -> dict:
    """``sitemap.xml`` for a site of up to ``max_urls`` pages; past that, a
    sitemap index in ``sitemap.xml`` and the pages in ``sitemaps/N.xml``.
    ``entries``: absolute URL -> last modified (an ISO 8601 time, or None).

    >>> files = sitemap_files({"https://e.org/b/": None, "https://e.org/a/": "2026-03-01T09:00:00+00:00"},
    ...                       "https://e.org", max_urls=1)
    >>> sorted(files)
    ['sitemap.xml', 'sitemaps/1.xml', 'sitemaps/2.xml']
    >>> print(files["sitemap.xml"].splitlines()[2])
      <sitemap><loc>https://e.org/sitemaps/1.xml</loc><lastmod>2026-03-01T09:00:00+00:00</lastmod></sitemap>
    """
    max_urls = max_urls or SITEMAP_MAX_URLS
    # Sorted as plain strings (a key function or tuples take three times as long at 70,000 pages).
    urls = sorted(entries)
    lines = [sitemap_line(url, entries[url]) for url in urls]
    if len(lines) <= max_urls:
        return {"sitemap.xml": urlset_text(lines)}
    files: dict[str, str] = {}
    parts = []
    for number, start in enumerate(range(0, len(urls), max_urls), 1):
        name = f"{SITEMAP_PARTS_DIR}/{number}.xml"
        files[name] = urlset_text(lines[start : start + max_urls])
        parts.append((name, latest(entries[url] for url in urls[start : start + max_urls])))
    files["sitemap.xml"] = sitemap_index_text(parts, siteurl)
    return files


def latest(times: Iterable[str | None]) -> str | None:
    """The latest of ISO 8601 times, by their instants; of the same instant
    written twice, the first.

    >>> latest(["2026-03-01T10:00:00+01:00", None, "2026-03-01T09:30:00+00:00"])
    '2026-03-01T09:30:00+00:00'
    >>> latest(["2026-03-01T09:00:00+00:00", "2026-03-01T10:00:00+01:00"])
    '2026-03-01T09:00:00+00:00'
    """
    found = [t for t in times if t]
    moment = {t: datetime.fromisoformat(t) for t in set(found)}
    return max(found, key=moment.__getitem__, default=None)


def news_sitemap(articles: list, siteurl: str, site_name: str, language: str, ordered: bool = False) -> str:
    """A Google News sitemap: stories from the two days before the newest story.

    The window is anchored on the newest story's date, not on the build
    time, so rebuilding later gives the same file. ``ordered``: the
    stories are already in :func:`newest_first`'s order, so the window is
    the head of the list.
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ]
    if articles:
        # The dates' own arithmetic, not their timestamps': "two days before"
        # a date in a zone with summer time is on its wall clock.
        if ordered:
            # The stories of the last three days by the instant (the list's
            # order), which holds every one the filter below can keep: dates
            # in one zone compare by their wall clock, an hour apart from
            # the instant around a change of the clocks.
            first = -newest_first_key(articles[0])[0]
            articles = list(itertools.takewhile(lambda a: -newest_first_key(a)[0] >= first - 3 * 86400, articles))
        since = max(a.date for a in articles) - timedelta(days=2)
        # Only the last two days are sorted, not the whole archive.
        recent = newest_first([a for a in articles if a.date >= since])
        for article in recent[:1000]:
            lines += [
                "  <url>",
                f"    <loc>{escape(siteurl)}/{escape(article.url)}</loc>",
                "    <news:news>",
                "      <news:publication>",
                f"        <news:name>{escape(site_name)}</news:name>",
                f"        <news:language>{escape(language)}</news:language>",
                "      </news:publication>",
                f"      <news:publication_date>{article.date.isoformat()}</news:publication_date>",
                f"      <news:title>{escape(article.title)}</news:title>",
                "    </news:news>",
                "  </url>",
            ]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(siteurl: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/sitemap.xml\nSitemap: {siteurl}/news-sitemap.xml\n"


def newest_date(articles: list) -> datetime | None:
    return max((getattr(a, "modified", None) or a.date for a in articles), default=None)


# ---------------------------------------------------------------- topics
# Particles inside a person's name ("Luiz Inacio Lula da Silva").
_NAME_PARTICLES = frozenset("de da das do dos du di del della van von der den le la bin al el".split())
_SPEECH_VERBS = "said|says|told|tells|added|adds|warned|warns|insisted|insists|argued|argues|admitted|denied|claimed"


def _spelling_key(name: str, slug: Callable[[str], str] | None = None) -> str:
    """Names that differ only in case, spaces or punctuation share a key;
    so do names with the same ``slug`` (the same topic page address).

    >>> _spelling_key("Time Warner") == _spelling_key("TimeWarner") == _spelling_key("time-warner")
    True
    """
    key = re.sub(r"[\W_]+", "", (slug(name) if slug else name).casefold())
    return key or name


def _person_word(word: str) -> bool:
    """A capitalised word that could be part of a person's name ("Blair",
    "O'Neill", "McCartney"), not an acronym ("NATO") or a number."""
    letters = word.replace("'", "").replace("\u2019", "").replace("-", "")
    return bool(letters) and letters.isalpha() and word[0].isupper() and any(c.islower() for c in word)


def _person_like_full_name(name: str, not_people: frozenset[str]) -> bool:
    """Two to four capitalised words (particles allowed) that are no known
    place, body or subject: "Tony Blair", "Luiz Inacio da Silva"."""
    words = name.split()
    if not 2 <= len(words) <= 4 or name in not_people:
        return False
    if not (_person_word(words[0]) and _person_word(words[-1])):
        return False
    return all((w in _NAME_PARTICLES or _person_word(w)) and w not in not_people for w in words)


def _called_a_person(surname: str, texts: Iterable[str], titles: tuple[str, ...]) -> bool:
    """Whether one of ``texts`` writes ``surname`` as a person's: after a
    title ("Mr Blair", "Prime Minister Blair") or with a speech verb
    ("Blair said", "says Blair").

    >>> _called_a_person("Blair", ["Prime Minister  Blair spoke."], ("Prime Minister", "Mr"))
    True
    >>> _called_a_person("Blair", ["The Blair years.", "XMr Blair"], ("Mr",))
    False
    """
    name = re.escape(surname)
    spoken = re.compile(rf"\b{name}\s+(?:has\s+|had\s+)?(?:{_SPEECH_VERBS})\b|\b(?:said|says)\s+{name}\b")
    after_space = re.compile(rf"(?<=\s){name}\b")
    titled, room = _title_before(tuple(titles))
    for text in texts:
        if spoken.search(text):
            return True
        for found in after_space.finditer(text):
            start = gap = found.start()
            while gap and text[gap - 1].isspace():
                gap -= 1
            # The title must end in the spaces just before the name.
            if titled.search(text, max(0, gap - room), start):
                return True
    return False


@functools.lru_cache(maxsize=8)
def _title_before(titles: tuple[str, ...]) -> tuple[re.Pattern[str], int]:
    """A pattern for a title (and its full stop and spaces) that ends where
    a search ends, and how far before the spaces it can start. Compiled once:
    with a hundred titles it takes a hundredth of a second."""
    title = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"\b(?:{title})\.?\s+\Z"), max(map(len, titles), default=0) + 1


def merge_topic_names(
    tag_lists: list[list[str]],
    texts: Sequence[str],
    *,
    not_people: frozenset[str] = frozenset(),
    titles: tuple[str, ...] = ("Mr", "Mrs", "Ms", "Dr", "Sir"),
    slug: Callable[[str], str] | None = None,
) -> dict[str, str]:
    """``written tag -> the name the site shows`` for every tag of ``tag_lists``
    (one list of tags per published story; ``texts`` holds each story's text).

    Two merges, each only where it is unambiguous, so the same stories always
    give the same names whatever order they come in:

    * spellings that differ only in case, spaces or punctuation ("TimeWarner",
      "Time Warner"), or that share a ``slug`` (a topic page), become the one
      used by more stories; a tie goes to the spelling with more words, then
      to the first in alphabetical order;
    * a one-word tag that looks like a surname ("Blair") becomes the one
      multi-word person-like tag on the site that ends in it ("Tony Blair"),
      when there is exactly one such tag, the word is no known place, body or
      subject (``not_people``), and a story writes it as a person's name
      ("Mr Blair", "Blair said"). With "Tony Blair" and "Cherie Blair" both
      on the site, "Blair" stays "Blair"; "Madrid" never joins "Real Madrid".

    >>> merge_topic_names([["Blair", "TimeWarner"], ["Tony Blair", "Time Warner"], ["Time Warner"]],
    ...                   ["Mr Blair spoke.", "", ""])
    {'Blair': 'Tony Blair', 'Time Warner': 'Time Warner', 'TimeWarner': 'Time Warner', 'Tony Blair': 'Tony Blair'}
    """
    # (Passes over every story's tags run in C where they can: at 50,000
    # stories there are a quarter of a million tags.)
    stories = Counter(itertools.chain.from_iterable(map(set, tag_lists)))
    spellings: dict[str, list[str]] = defaultdict(list)
    for name in sorted(stories):
        spellings[_spelling_key(name, slug)].append(name)
    canonical: dict[str, str] = {}
    spelled: dict[str, list[str]] = {}  # canonical name -> its spellings
    for names in spellings.values():
        chosen = min(names, key=lambda n: (-stories[n], -len(n.split()), n))
        canonical.update(dict.fromkeys(names, chosen))
        spelled[chosen] = names

    shown = sorted(spelled)
    ending_in: dict[str, list[str]] = defaultdict(list)
    for name in shown:
        words = name.split()
        if len(words) > 1:
            ending_in[words[-1].casefold()].append(name)
    pairs: dict[str, str] = {}  # a one-word name -> the one full name ending in it
    for name in shown:
        if " " in name or name in not_people or not _person_word(name):
            continue
        longer = ending_in.get(name.casefold(), [])
        if len(longer) == 1 and _person_like_full_name(longer[0], not_people):
            pairs[name] = longer[0]
    surname_of: dict[str, str] = {}
    if pairs:
        # The stories that carry either name of a pair, in the site's order.
        wanted = {w for name in {*pairs, *pairs.values()} for w in spelled[name]}
        carried: dict[str, list[int]] = defaultdict(list)
        for i, tags in enumerate(tag_lists):
            if not wanted.isdisjoint(tags):
                for name in {canonical[t] for t in tags if t in wanted}:
                    carried[name].append(i)
        for name, full in pairs.items():
            # Read lazily: the first text that calls it a person settles it.
            evidence = (texts[i] for i in carried[name] + carried[full])
            if _called_a_person(name, evidence, titles):
                surname_of[name] = full
    return {written: surname_of.get(name, name) for written, name in sorted(canonical.items())}


def shown_topics(tag_lists: list[list[str]], minimum: int) -> list[list[str]]:
    """Each story's tags (already merged) that have at least ``minimum``
    stories, in the story's own order, without repeats.

    >>> shown_topics([["Ferries", "Harbour"], ["Harbour"], ["Harbour", "Harbour"]], 2)
    [['Harbour'], ['Harbour'], ['Harbour']]
    """
    unique = [list(dict.fromkeys(tags)) for tags in tag_lists]
    if minimum <= 1:
        return unique
    stories = Counter(itertools.chain.from_iterable(unique))
    return [[name for name in tags if stories[name] >= minimum] for tags in unique]
