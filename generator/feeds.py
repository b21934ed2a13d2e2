"""RSS 2.0 and Atom feeds with feedgen, and JSON Feed 1.1 with ``json``.

The core is Pelican-free: :func:`build_feed_set` turns :class:`FeedItem`
records into file contents, so it is easy to test; the Pelican plugin only
adapts articles into items and writes the files.

Rules that keep real readers happy:

* ids come from the story's front matter ``id`` (a ``urn:uuid``), so an item
  never shows up as new twice; RSS guids say ``isPermaLink="false"``;
* dates are the story's own (``published``; ``updated`` = ``modified`` or the
  date), never the build time: the feed's ``updated``/``lastBuildDate`` is
  the newest item's date, so rebuilding changes no byte;
* every link, ``href`` and ``src`` is absolute;
* control characters are removed before anything reaches lxml;
* RSS and Atom files name the theme's XSLT stylesheet (``site["stylesheet"]``)
  in an ``xml-stylesheet`` instruction, so a browser shows them as a page
  that says what a feed is; readers ignore it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from html import escape
from urllib.parse import quote, urljoin

from feedgen.feed import FeedGenerator

GENERATOR_NAME = "Newsroom"
GENERATOR_URI = "https://pypi.org/project/feedgen/"
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_URL_ATTR = re.compile(r"""(\s(?:href|src)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class FeedItem:
    """One story as the feeds see it."""

    item_id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    summary_html: str
    content_html: str
    author: str
    categories: tuple[str, ...] = ()
    image: FeedImage | None = None


@dataclass(frozen=True)
class FeedImage:
    """A story's lead image in the feeds: an RSS ``<enclosure>``, an Atom
    ``rel="enclosure"`` link and JSON Feed's ``image`` (absolute URL)."""

    url: str
    length: int
    media_type: str = "image/jpeg"


@dataclass(frozen=True)
class FeedFormat:
    name: str
    extension: str
    media_type: str
    label: str


FORMATS = {
    "atom": FeedFormat("atom", ".atom.xml", "application/atom+xml", "Atom"),
    "rss": FeedFormat("rss", ".rss.xml", "application/rss+xml", "RSS"),
    "json": FeedFormat("json", ".json", "application/feed+json", "JSON Feed"),
}
ALL_FORMATS = tuple(FORMATS)


@dataclass(frozen=True)
class FeedSpec:
    """One feed: what it holds and where its files go (paths relative to the output).

    ``formats`` are the files written (of :data:`FORMATS`); ``max_items``
    caps the items (``None``: the site's ``max_items``); without
    ``full_content`` an item carries its standfirst and a link, not the
    whole story (topic feeds, where a story repeats in several feeds).
    """

    title: str
    subtitle: str
    path_stem: str  # e.g. "feeds/all" -> feeds/all.rss.xml, .atom.xml, .json
    page_url: str  # the HTML page this feed mirrors (absolute)
    formats: tuple[str, ...] = ALL_FORMATS
    max_items: int | None = None
    full_content: bool = True
    kind: str = "site"  # which NEWSROOM_FEED_POLICY entry: site, sections or topics

    def paths(self) -> dict[str, str]:
        """Each format's file, relative to the output folder.

        >>> FeedSpec("T", "", "feeds/topics/rail", "https://e.org/", formats=("atom",)).paths()
        {'atom': 'feeds/topics/rail.atom.xml'}
        """
        return {name: self.path_stem + FORMATS[name].extension for name in self.formats}

    def unused_paths(self) -> list[str]:
        """The files of the formats this feed does not have (left by an older setting)."""
        return [self.path_stem + f.extension for name, f in FORMATS.items() if name not in self.formats]


CANONICAL_FEED = "feeds/all.atom.xml"


def feed_item_id(story_id: str, feed: str) -> str:
    """The id of a story inside one feed file.

    The site-wide Atom feed uses the story's own id.  Readers such as
    newsboat keep one item per id across all subscriptions, so a story that
    sat in one feed under an id would never show in another feed with the
    same id; every other feed file gets its own id, derived from the story's
    id and the file's path, and stable for ever.

    >>> feed_item_id("urn:uuid:5f10539f-769d-545f-a25c-0fd2f469aa6d", "feeds/topics/russia")
    'urn:uuid:b82b872c-8953-5e9d-8bd0-6017acdba937'
    """
    import uuid

    try:
        namespace = uuid.UUID(story_id.removeprefix("urn:uuid:"))
    except ValueError:
        namespace = uuid.uuid5(uuid.NAMESPACE_URL, story_id)
    return f"urn:uuid:{uuid.uuid5(namespace, feed)}"


def xml_safe(text: str) -> str:
    """Remove characters XML 1.0 does not allow.

    >>> xml_safe("bell\\x07 ok")
    'bell ok'
    """
    return _XML_ILLEGAL.sub("", text)


def absolutize(html: str, base: str) -> str:
    """Make every ``href`` and ``src`` in ``html`` absolute against ``base``.

    >>> absolutize('<a href="../x/">x</a><img src="/i.png">', "https://e.org/news/stories/a/")
    '<a href="https://e.org/news/stories/x/">x</a><img src="https://e.org/i.png">'
    """

    def fix(match: re.Match[str]) -> str:
        return f"{match.group(1)}{match.group(2)}{urljoin(base, match.group(3).strip())}{match.group(2)}"

    return _URL_ATTR.sub(fix, html)


def newest_first(items: Iterable[FeedItem]) -> list[FeedItem]:
    """Newest first; ties broken by link so the order never changes."""
    return sorted(items, key=lambda i: (-i.published.timestamp(), i.link))


def _feed_generator(spec: FeedSpec, items: list[FeedItem], site: dict, self_url: str, kind: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(spec.page_url)
    fg.title(xml_safe(spec.title))
    fg.subtitle(xml_safe(spec.subtitle) or xml_safe(spec.title))
    fg.language(site["language"])
    fg.author({"name": site["author"]})
    fg.generator(GENERATOR_NAME, uri=GENERATOR_URI)
    fg.link(href=self_url, rel="self", type="application/rss+xml" if kind == "rss" else "application/atom+xml")
    if site.get("websub_hub"):
        fg.link(href=site["websub_hub"], rel="hub")
    # feedgen uses the last link added as the RSS channel <link>: the site.
    fg.link(href=spec.page_url, rel="alternate", type="text/html")
    if items:
        newest = max(max(i.updated, i.published) for i in items)
        fg.updated(newest)
        fg.lastBuildDate(newest)
    elif site.get("epoch"):
        fg.updated(site["epoch"])
        fg.lastBuildDate(site["epoch"])
    # add_entry prepends by default; add oldest first so the newest leads.
    for item in reversed(items):
        fe = fg.add_entry(order="prepend")
        fe.id(item.item_id)
        fe.guid(item.item_id, permalink=False)
        fe.title(xml_safe(item.title))
        fe.link(href=item.link, rel="alternate", type="text/html")
        fe.published(item.published)
        fe.updated(item.updated)
        if item.content_html:
            fe.content(xml_safe(item.content_html), type="html")
        # summary() also fills the RSS <description>; description() would
        # overwrite the Atom content instead.
        fe.summary(xml_safe(item.summary_html) or xml_safe(escape(item.title)), type="html")
        if item.author != site["author"]:
            # An Atom entry without an author has the feed's: at 10,000
            # stories the desk's name repeated in every topic feed entry was 1 MB.
            fe.author({"name": xml_safe(item.author)})
        fe.dc.dc_creator(xml_safe(item.author))
        for category in item.categories:
            # Without a label, readers show the term (and RSS takes it as
            # the category's name): the label said the same again.
            fe.category(term=xml_safe(category))
        if item.image is not None:
            fe.enclosure(item.image.url, str(item.image.length), item.image.media_type)
    return fg


def json_feed(spec: FeedSpec, items: list[FeedItem], site: dict, self_url: str) -> str:
    """A JSON Feed 1.1 document for ``items``."""
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": spec.page_url,
        "feed_url": self_url,
        "description": spec.subtitle or spec.title,
        "language": site["language"],
        "authors": [{"name": site["author"]}],
        "items": [
            {
                "id": item.item_id,
                "url": item.link,
                "title": item.title,
                "content_html": item.content_html or item.summary_html or escape(item.title),
                "summary": _plain(item.summary_html),
                "date_published": item.published.isoformat(),
                "date_modified": item.updated.isoformat(),
                "authors": [{"name": item.author}],
                "tags": list(item.categories),
                **({"image": item.image.url} if item.image is not None else {}),
            }
            for item in items
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def _plain(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html)).strip()


def _add_rss_hub(rss: bytes, hub: str) -> bytes:
    """feedgen writes only the self atom:link in RSS; WebSub also needs rel="hub"."""
    from lxml import etree

    root = etree.fromstring(rss)
    channel = root.find("channel")
    atom = "http://www.w3.org/2005/Atom"
    self_link = channel.find(f"{{{atom}}}link")
    link = etree.Element(f"{{{atom}}}link", href=hub, rel="hub")
    self_link.addnext(link)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def _mark_atom_enclosures(atom: bytes, items: list[FeedItem]) -> bytes:
    """feedgen 1.0 writes an entry's links with ``href`` alone, which for an
    enclosure reads as a second alternate link; give them their ``rel``,
    ``type`` and ``length``."""
    images = {item.image.url: item.image for item in items if item.image is not None}
    if not images:
        return atom
    from lxml import etree

    root = etree.fromstring(atom)
    ns = "{http://www.w3.org/2005/Atom}"
    for link in root.iter(f"{ns}link"):
        image = images.get(link.get("href"))
        if image is not None and link.get("rel") is None and link.getparent().tag == f"{ns}entry":
            link.set("rel", "enclosure")
            link.set("type", image.media_type)
            link.set("length", str(image.length))
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def link_stylesheet(xml: bytes, href: str) -> bytes:
    """``xml`` with an ``xml-stylesheet`` instruction for ``href`` right after
    its XML declaration, where browsers look for it and validators accept it.

    ``href`` is percent-encoded (its ``%`` kept), so no quote, ``&`` or ``?>``
    can break the instruction.

    >>> link_stylesheet(b'<?xml version="1.0"?>\\n<rss/>', "/news/theme/feed.xsl").splitlines()
    [b'<?xml version="1.0"?>', b'<?xml-stylesheet type="text/xsl" href="/news/theme/feed.xsl"?>', b'<rss/>']
    """
    if not xml.startswith(b"<?xml "):
        raise ValueError("a feed must start with its XML declaration")
    end = xml.index(b"?>") + len(b"?>")
    safe_href = quote(href, safe="/%:@!$()*+,;=-._~")
    instruction = f'\n<?xml-stylesheet type="text/xsl" href="{safe_href}"?>'.encode("ascii")
    return xml[:end] + instruction + xml[end:]


def feed_size(spec: FeedSpec, site: dict) -> int:
    """How many items ``spec``'s files hold at most."""
    return spec.max_items or site["max_items"]


def build_feed_set(spec: FeedSpec, items: Iterable[FeedItem], site: dict) -> dict[str, bytes]:
    """File contents for one feed in each of its formats, keyed by output path.

    ``site`` holds ``url`` (absolute, no trailing slash), ``language``,
    ``author``, ``max_items`` and optionally ``websub_hub`` and
    ``stylesheet`` (the address of the XSLT stylesheet for RSS and Atom).
    """
    chosen = newest_first(items)[: feed_size(spec, site)]
    if not spec.full_content:
        chosen = [replace(item, content_html="") for item in chosen]
    base = site["url"].rstrip("/") + "/"
    out: dict[str, bytes] = {}
    paths = spec.paths()

    def ids_for(path: str) -> list[FeedItem]:
        if path == CANONICAL_FEED:
            return chosen
        return [replace(item, item_id=feed_item_id(item.item_id, path)) for item in chosen]

    if "rss" in paths:
        path = paths["rss"]
        rss = _feed_generator(spec, ids_for(path), site, base + path, "rss").rss_str(pretty=True)
        out[path] = _add_rss_hub(rss, site["websub_hub"]) if site.get("websub_hub") else rss
    if "atom" in paths:
        path = paths["atom"]
        atom = _feed_generator(spec, ids_for(path), site, base + path, "atom").atom_str(pretty=True)
        out[path] = _mark_atom_enclosures(atom, chosen)
    if site.get("stylesheet"):
        for path in (paths[kind] for kind in ("rss", "atom") if kind in paths):
            out[path] = link_stylesheet(out[path], site["stylesheet"])
    if "json" in paths:
        path = paths["json"]
        out[path] = json_feed(spec, ids_for(path), site, base + path).encode("utf-8")
    return out
