"""The theme's pages, read as HTML: structure, metadata, sitemaps."""

import json
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, build, seed_site
from lxml import etree

SITEURL = "https://news.example.org/desk"
# Links between the site's own pages are root-relative, under the site's path.
SITEPATH = "/desk"


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.h1 = 0
        self.scripts: list[str] = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self.h1 += tag == "h1"
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = ""

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def first(self, tag, **match):
        for name, attrs in self.tags:
            if name == tag and all(attrs.get(k) == v for k, v in match.items()):
                return attrs
        return None


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    return build(seed_site(tmp_path_factory.mktemp("theme"), pages=True, SITEURL=SITEURL))


def pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.parts)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_page_is_there(output):
    for required in (
        "index.html",
        "404.html",
        "about/index.html",
        "archives/index.html",
        "feeds/index.html",
        "search/index.html",
        "topics/index.html",
        "sections/index.html",
    ):
        assert (output / required).is_file(), required
    assert len(list((output / "stories").glob("*/index.html"))) == 2


def test_every_page_has_landmarks_one_h1_and_head_metadata(output):
    for path in pages(output):
        page = parse(path)
        assert page.first("html")["lang"] == "en"
        assert page.h1 == 1, path
        assert page.first("a", **{"class": "skip", "href": "#main"}), path
        assert page.first("main", id="main") and page.first("header") and page.first("footer") and page.first("nav")
        assert page.first("meta", name="description")["content"].strip(), path
        canonical = page.first("link", rel="canonical")["href"]
        assert canonical.startswith(SITEURL + "/"), path
        for prop in ("og:title", "og:description", "og:url", "og:type", "og:site_name"):
            assert page.first("meta", property=prop), (path, prop)
        assert page.first("meta", name="twitter:card")["content"] == "summary"
        assert page.first("meta", **{"http-equiv": "Content-Security-Policy"})
        for _, attrs in page.tags:
            for attr in ("href", "src"):
                url = attrs.get(attr)
                if url and not url.startswith(("#", "data:")):
                    assert url.startswith((SITEURL + "/", SITEPATH + "/")), (path, url)
                    assert not url.startswith("//"), (path, url)


def test_pages_carry_no_template_indentation(output):
    """The templates' indentation is not sent to readers
    (generator.compact_html), and words keep the space between them."""
    for path in pages(output):
        html = path.read_text(encoding="utf-8")
        indented = [line for line in html.splitlines() if line.startswith("  ")]
        assert not indented, f"{path}: {indented[:3]}"
        # The footer's links are set apart by " · " across template lines.
        assert "·<a" not in html and "</a>·" not in html, path


def test_canonical_urls_name_the_page_itself(output):
    story = next((output / "stories").glob("*/index.html"))
    url = f"{SITEURL}/{story.parent.relative_to(output).as_posix()}/"
    assert parse(story).first("link", rel="canonical")["href"] == url
    assert parse(output / "topics" / "index.html").first("link", rel="canonical")["href"] == f"{SITEURL}/topics/"
    assert parse(output / "index.html").first("link", rel="canonical")["href"] == f"{SITEURL}/"


def test_story_pages_carry_news_article_json_ld(output):
    for story in (output / "stories").glob("*/index.html"):
        page = parse(story)
        data = json.loads(page.scripts[0])
        assert data["@type"] == "NewsArticle"
        for key in (
            "headline",
            "datePublished",
            "dateModified",
            "author",
            "publisher",
            "mainEntityOfPage",
        ):
            assert data[key], key
        assert data["mainEntityOfPage"]["@id"] == f"{SITEURL}/{story.parent.relative_to(output).as_posix()}/"
        datetime.fromisoformat(data["datePublished"])
        html = story.read_text()
        assert "min read" in html and "<time datetime=" in html
        assert "Related stories" in html and ("Older:" in html or "Newer:" in html)
        assert "data-pagefind-body" in html


def test_sitemaps_and_robots(output):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
    tree = etree.parse(str(output / "sitemap.xml"))
    locs = {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in tree.findall("s:url", ns)
    }
    expected = {f"{SITEURL}/{p.relative_to(output).as_posix().removesuffix('index.html')}" for p in pages(output)}
    expected.discard(f"{SITEURL}/404.html")
    assert set(locs) == expected
    assert all(locs.values())
    # A listing page changed when the newest story it shows did, not with
    # every story the site publishes.
    for page in [*(output / "sections").glob("*/index.html"), *(output / "topics").glob("*/index.html")]:
        shown = re.findall(r'<time datetime="([^"]+)"', page.read_text(encoding="utf-8"))
        url = f"{SITEURL}/{page.relative_to(output).as_posix().removesuffix('index.html')}"
        assert datetime.fromisoformat(locs[url]) == max(datetime.fromisoformat(d) for d in shown), url
    news = etree.parse(str(output / "news-sitemap.xml"))
    titles = [t.text for t in news.iterfind(".//n:title", ns)]
    assert len(titles) == 2
    robots = (output / "robots.txt").read_text()
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots


def test_archives_list_the_months_and_each_month_has_its_page(output):
    html = (output / "archives" / "index.html").read_text()
    months = re.findall(r'<a href="/desk/(archives/(\d{4})/(\d\d)/)">([A-Z][a-z]+ \d{4})</a>', html)
    assert months
    stories = set()
    for url, year, month, label in months:
        page = (output / url / "index.html").read_text()
        assert f"<h1>{label}</h1>" in page
        found = re.findall(r'<time datetime="(\d{4})-(\d\d)[^"]*">[^<]*</time> <a href="/desk/(stories/[^"]+)">', page)
        assert found and all((y, m) == (year, month) for y, m, _ in found)
        stories.update(s for _, _, s in found)
    assert stories == {p.parent.relative_to(output).as_posix() + "/" for p in (output / "stories").glob("*/index.html")}


def test_the_front_page_leads_with_the_newest_story_beside_the_next(output):
    html = (output / "index.html").read_text()
    assert 'class="lead"' in html and 'class="secondary"' in html


def test_css_is_small_and_has_dark_and_print_modes():
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text()
    assert len(css.encode()) <= 20_000
    assert "prefers-color-scheme: dark" in css and "@media print" in css


def test_search_page_says_when_javascript_is_off(output):
    html = (output / "search" / "index.html").read_text()
    assert "<noscript>" in html and "Search needs JavaScript" in html
    assert (output / "pagefind" / "00-0" / "pagefind.js").is_file()
    # The page has its own search box (theme/static/js/search.js), not Pagefind's.
    assert not list((output / "pagefind").rglob("pagefind-ui.*"))


def test_a_card_shows_its_standfirst_only_where_it_adds_to_the_headline(output):
    from generator.site import standfirst_adds

    html = (output / "index.html").read_text() + "".join(
        p.read_text() for p in (output / "topics").glob("*/index.html")
    )
    cards = re.findall(r'<article class="card">(.*?)</article>', html, re.S)
    assert cards
    for card in cards:
        title = re.search(r"<a [^>]*>(.*?)</a>", card).group(1)
        standfirst = re.search(r'<div class="standfirst">(.*?)</div>', card, re.S)
        if standfirst:
            assert standfirst_adds(standfirst.group(1), title), card
    assert not standfirst_adds("<p>The board has approved the plan.</p>", "Board approves plan")


def test_stories_and_cards_give_the_time_of_day_with_its_zone(output):
    story = next((output / "stories").glob("*/index.html")).read_text()
    stamp = re.compile(
        r'<time datetime="(\d{4}-\d\d-\d\dT(\d\d):(\d\d)[^"]*)"[^>]*>'
        r"\d{1,2} [A-Z][a-z]+ \d{4}, (\d\d):(\d\d) UTC</time>"
    )
    found = stamp.search(story)
    assert found and found.group(2, 3) == found.group(4, 5)
    assert stamp.search((output / "index.html").read_text())
