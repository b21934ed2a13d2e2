"""The whole product path on the seed: raw text -> Markdown -> site -> feeds."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import feedparser
import pytest
import yaml
from conftest import build, run_generator, write_settings

from generator.convert.headline import MAX_CHARS, WHOLE_WORDS
from generator.convert.parse_headline import ATTRIBUTION_CHARS

SITEURL = "http://127.0.0.1:8000"
# A short news clause may stay whole up to WHOLE_WORDS (README).


run = run_generator


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            # Root-relative links between the site's pages, as a browser resolves them.
            self.links.append(urljoin(SITEURL + "/", attrs["href"]))
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1[-1] += data


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def local_file(output: Path, url: str) -> Path:
    assert url.startswith(SITEURL), url
    path = output / urlparse(url).path.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


@pytest.fixture
def built(site: Path) -> Path:
    result = run("build", "--settings", str(site / "testconf.py"))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "2 stories" in result.stdout
    return site


def test_seed_becomes_two_markdown_stories(built):
    stories = sorted((built / "content" / "stories").glob("*.md"))
    assert len(stories) == 2
    metas = [yaml.safe_load(p.read_text().split("---\n")[1]) for p in stories]
    for meta in metas:
        assert set(meta) >= {"title", "date", "slug", "summary", "tags", "category", "id", "source"}
        assert len(meta["title"].split()) <= WHOLE_WORDS and len(meta["title"]) <= MAX_CHARS + ATTRIBUTION_CHARS
        assert len(meta["title"]) < len(meta["summary"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", meta["date"])
        assert meta["source"].startswith("raw/000_cdde8cab6a7f643b.txt#")
        assert len(meta["tags"]) >= 2
    assert {m["summary"].split()[0] for m in metas} == {"Russia", "The"}


def test_index_links_every_story_page_with_its_headline(built):
    output = built / "output"
    index = parse(output / "index.html")
    stories = sorted((built / "content" / "stories").glob("*.md"))
    for md in stories:
        meta = yaml.safe_load(md.read_text().split("---\n")[1])
        url = f"{SITEURL}/stories/{meta['slug']}/"
        assert url in index.links
        page = local_file(output, url)
        assert parse(page).h1 == [meta["title"]]
        html = page.read_text()
        assert "<time datetime=" in html
        for tag in meta["tags"]:
            assert f">{tag}</a>" in html


def test_every_topic_has_a_page_listing_its_stories(built):
    output = built / "output"
    topics = parse(output / "topics" / "index.html")
    topic_urls = [u for u in topics.links if "/topics/" in u and u != f"{SITEURL}/topics/"]
    assert len(topic_urls) >= 4
    for url in topic_urls:
        page = parse(local_file(output, url))
        assert any("/stories/" in link for link in page.links), url


@pytest.mark.parametrize("name", ["all.rss.xml", "all.atom.xml"])
def test_feeds_parse_with_both_stories_linking_to_real_files(built, name):
    output = built / "output"
    feed = feedparser.parse((output / "feeds" / name).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert local_file(output, entry.link).is_file()
        assert entry.id.startswith("urn:uuid:")


def test_no_pelican_feeds_and_rebuild_is_byte_identical(built):
    output = built / "output"
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert not (output / "feeds" / "all.atom.xml.bak").exists()
    sitemaps = {"sitemap.xml", "news-sitemap.xml"}
    assert not any(p.name.endswith(".xml") and "feeds" not in p.parts and p.name not in sitemaps for p in before)
    result = run("build", "--settings", str(built / "testconf.py"))
    assert result.returncode == 0
    assert "0 written" in result.stdout
    after = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before


def test_rebuild_skips_unchanged_feeds_but_restores_missing_ones(built):
    output = built / "output"
    digests = json.loads((built / ".cache" / "build" / "newsroom-digests.json").read_text())
    assert "search/00-0" in digests and "feeds/all" in digests
    assert {k for k in digests if k.startswith("feeds/topics/")} == {
        f"feeds/topics/{p.name.removesuffix('.rss.xml')}" for p in (output / "feeds" / "topics").glob("*.rss.xml")
    }
    gone = output / "feeds" / "all.json"
    before = gone.read_bytes()
    gone.unlink()
    assert run("build", "-q", "--settings", str(built / "testconf.py")).returncode == 0
    assert gone.read_bytes() == before


def test_rebuild_leaves_unchanged_files_untouched(built):
    output = built / "output"
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    assert run("build", "-q", "--settings", str(built / "testconf.py")).returncode == 0
    after = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    assert after == before


def test_site_without_stories_builds_with_a_working_search_page(tmp_path):
    (tmp_path / "content" / "raw").mkdir(parents=True)
    output = build(write_settings(tmp_path))
    assert (output / "pagefind" / "00" / "pagefind.js").is_file()
    assert 'data-bundles="/pagefind/00/"' in (output / "search" / "index.html").read_text()
