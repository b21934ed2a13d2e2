"""RSS and Atom feeds opened in a browser read as a page: every feed names the
theme's XSLT stylesheet (theme/static/feed.xsl), which turns it into a page
that says what a feed is and lists the stories.

The stylesheet is applied here with lxml (libxslt, as Chromium runs it), and
once in Chromium itself over the preview server.
"""

from __future__ import annotations

import functools
import http.server
import threading
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest
from conftest import ROOT, build, write_settings
from lxml import etree
from samples import CHOIR, HARBOUR
from test_browser import _free_port, assert_valid_html, browser, open_page, serious_axe_violations  # noqa: F401

from generator.feeds import FeedItem, FeedSpec, build_feed_set
from generator.pelican_plugin import feed_stylesheet
from generator.preview import SiteRequestHandler

# A GitHub Pages project site: the site lives under a path of its host.
SITEURL = "https://user.github.io/newsroom"
SITEPATH = "/newsroom"
STYLESHEET = ROOT / "theme" / "static" / "feed.xsl"
EXPLANATION = "Copy this page's address into your feed reader to follow it"


def sample_site(root: Path, siteurl: str) -> Path:
    """A site of the two stories written for the tests; returns its output."""
    (root / "content" / "raw").mkdir(parents=True)
    (root / "content" / "raw" / "wire.txt").write_text("\n".join(HARBOUR + CHOIR), encoding="utf-8")
    return build(write_settings(root, SITEURL=siteurl))


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    return sample_site(tmp_path_factory.mktemp("feedpages"), SITEURL)


def xml_feeds(output: Path) -> list[Path]:
    found = sorted([*output.glob("feeds/**/*.rss.xml"), *output.glob("feeds/**/*.atom.xml")])
    assert found
    return found


def transformed(feed: bytes) -> str:
    """The HTML a browser makes of ``feed`` with the theme's stylesheet."""
    transform = etree.XSLT(etree.parse(str(STYLESHEET)))
    result = str(transform(etree.fromstring(feed).getroottree()))
    assert result.startswith("<!DOCTYPE html>")
    return result


def as_page(feed: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(transformed(feed))


def read_feed(data: bytes) -> dict:
    """The title, web page and (headline, link) items of an RSS or Atom feed, read with lxml."""
    atom = "{http://www.w3.org/2005/Atom}"
    root = etree.fromstring(data)
    if root.tag == "rss":
        channel = root.find("channel")
        items = [(i.findtext("title"), i.findtext("link")) for i in channel.findall("item")]
        return {"title": channel.findtext("title"), "page": channel.findtext("link"), "items": items}
    entries = [(e.findtext(f"{atom}title"), e.find(f"{atom}link").get("href")) for e in root.findall(f"{atom}entry")]
    page = root.find(f"{atom}link[@rel='alternate']").get("href")
    return {"title": root.findtext(f"{atom}title"), "page": page, "items": entries}


def test_every_rss_and_atom_file_names_the_stylesheet_right_after_the_declaration(output):
    instruction = f'<?xml-stylesheet type="text/xsl" href="{SITEPATH}/theme/feed.xsl"?>'
    for path in xml_feeds(output):
        data = path.read_bytes()
        lines = data.split(b"\n", 2)
        assert lines[0] == b"<?xml version='1.0' encoding='UTF-8'?>", path
        assert lines[1].decode() == instruction, path
        # The W3C validator looks for the root element in the first 512
        # bytes of a feed served as application/xml (GitHub Pages' type).
        assert b"<rss" in data[:512] or b"<feed" in data[:512], path
        pi = etree.fromstring(data).getprevious()
        assert pi.target == "xml-stylesheet" and pi.get("type") == "text/xsl"
        # Served under SITEPATH, the address is the output's theme/feed.xsl.
        assert (output / pi.get("href").removeprefix(SITEPATH + "/")).read_bytes() == STYLESHEET.read_bytes()
    for path in output.glob("feeds/**/*.json"):
        assert b"xml-stylesheet" not in path.read_bytes()


@pytest.mark.parametrize("name", ["all.rss.xml", "all.atom.xml", "topics/port-ellis.atom.xml"])
def test_a_feed_reads_as_a_page_of_its_stories(output, name):
    data = (output / "feeds" / name).read_bytes()
    feed = read_feed(data)
    page = as_page(data)
    assert page.get("lang") == "en"
    assert page.find(".//meta[@name='viewport']") is not None
    assert page.find(".//link[@rel='stylesheet']").get("href") == f"{SITEPATH}/theme/css/site.css"
    assert (output / "theme" / "css" / "site.css").is_file()
    assert page.findtext(".//h1") == feed["title"]
    assert feed["title"] in page.findtext(".//title")
    notice = page.find_class("notice")[0]
    assert EXPLANATION in notice.text_content() and "feed reader" in notice.text_content()
    assert notice.findtext(".//code") == f"{SITEURL}/feeds/{name}"
    assert notice.find(f".//a[@href='{feed['page']}']") is not None
    cards = page.find_class("card")
    assert len(cards) == len(feed["items"]) >= 1
    for card, (headline, link) in zip(cards, feed["items"], strict=True):
        anchor = card.find(".//h2/a")
        assert (anchor.text, anchor.get("href")) == (headline, link)
        assert link.startswith(f"{SITEURL}/stories/")
        assert card.find(".//time").get("datetime")[:4].isdigit()
    shown = page.text_content()
    assert HARBOUR[0] in shown or CHOIR[0] in shown


def test_summaries_show_as_text_never_as_markup():
    """Feeds carry summaries as escaped HTML; the page shows their text, with
    no tag of theirs let through and the entities read once."""
    summary = (
        "<p>Port Ellis &amp; the <em>Arden</em> Singers: &quot;&lt;b&gt;&quot; isn&#x27;t bold, &amp;lt; stays</p>"
    )
    when = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    item = FeedItem("urn:uuid:1", "Choir", "https://e.org/s/", when, when, summary, "", "Desk")
    site = {"url": "https://e.org", "language": "en", "author": "Desk", "max_items": 5, "stylesheet": "/feed.xsl"}
    files = build_feed_set(FeedSpec("Desk: all", "Everything", "feeds/all", "https://e.org/"), [item], site)
    for path in ("feeds/all.rss.xml", "feeds/all.atom.xml"):
        card = as_page(files[path]).find_class("card")[0]
        assert card.find(".//em") is None and card.find(".//b") is None
        text = card.findall(".//p")[-1].text
        assert text == 'Port Ellis & the Arden Singers: "<b>" isn\'t bold, &lt; stays', path
        assert card.findtext(".//time") == "1 March 2025"
        assert card.find(".//time").get("datetime") == "2025-03-01"


def test_the_stylesheet_address_is_root_relative_and_only_where_the_theme_has_one(tmp_path):
    theme = {"THEME": str(ROOT / "theme")}
    assert feed_stylesheet({**theme, "SITEURL": "https://user.github.io/newsroom/"}) == "/newsroom/theme/feed.xsl"
    assert feed_stylesheet({**theme, "SITEURL": "https://news.example.org"}) == "/theme/feed.xsl"
    assert feed_stylesheet({**theme, "SITEURL": "https://e.org", "THEME_STATIC_DIR": "static"}) == "/static/feed.xsl"
    assert feed_stylesheet({"THEME": str(tmp_path), "SITEURL": "https://e.org"}) is None


def test_the_page_passes_the_nu_html_checker(output, tmp_path):
    pages = []
    for name in ("all.rss.xml", "all.atom.xml"):
        page = tmp_path / f"{name}.html"
        page.write_text(transformed((output / "feeds" / name).read_bytes()), encoding="utf-8")
        pages.append(str(page))
    assert_valid_html(pages)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The sample site built for, and served by, the preview server."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    output = sample_site(tmp_path_factory.mktemp("feedpreview"), url)
    handler = functools.partial(SiteRequestHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("name", ["all.rss.xml", "all.atom.xml"])
def test_chromium_shows_the_feed_as_a_page(served, browser, name, dark):  # noqa: F811
    page = open_page(browser, width=390, dark=dark)
    page.goto(f"{served}/feeds/{name}")
    if page.evaluate("typeof XSLTProcessor") == "undefined":
        pytest.skip("this Chromium no longer runs XSLT")
    # (The page that XSLT makes never reports the network idle to Playwright.)
    page.locator(".notice").wait_for(timeout=10_000)
    assert EXPLANATION in page.locator(".notice").inner_text()
    assert page.locator(".notice code").inner_text() == f"{served}/feeds/{name}"
    assert page.locator("h1").inner_text() == "Newsroom: all stories"
    assert page.locator(".card h2 a").count() == 2
    # The site's stylesheet applies: its column width, and no sideways scrolling on a phone.
    assert page.evaluate("getComputedStyle(document.querySelector('main')).maxWidth").endswith("px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Chromium's own notice that XSLT is going away (white on red, too little
    # contrast for axe), closed as a reader would.
    for close in page.locator("xslt-warning-banner button").all():
        close.click()
    assert serious_axe_violations(page) == []
    assert page.problems == []
