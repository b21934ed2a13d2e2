"""Every feed of the built seed site, checked the way validators and readers do.

Atom: the RFC 4287 grammar (tests/schemas/atom.rng, RELAX NG via lxml) plus
the RFC's two Schematron rules.  RSS: the RSS 2.0 specification's required
elements and the RSS Advisory Board's Best Practices Profile.  JSON Feed: the
1.1 specification's required fields.  And feedparser, as a reader sees them.
"""

import json
import re
import subprocess
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest
from conftest import ROOT, SEED, build, seed_site, write_settings
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
SITEURL = "https://news.example.org/desk"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("feedsite")
    settings = seed_site(site, SITEURL=SITEURL, WEBSUB_HUB="https://hub.example.org/")
    # One story with a lead image, named by a header line in the raw copy:
    # its enclosure must keep every feed valid.
    write_picture(site / "content" / "images" / "quay.jpg")
    (site / "content" / "raw" / "quay.txt").write_text(
        "Image: images/quay.jpg\nImage alt: Boats tied up at the quay\nImage credit: Desk photo\n\n"
        "The harbour board has approved a plan to dredge the main channel before the summer.\n\n"
        "Work will start in March and last six weeks, the board said on Tuesday after a long meeting.\n"
    )
    # And one written straight to Markdown with a byline, a credit and a
    # correction: the feeds carry them and must stay valid.
    from generator.convert.markdown import render_front_matter

    meta = {
        "title": "Ferry timetable changes for the winter",
        "date": "2025-11-03T08:00:00+00:00",
        "slug": "ferry-timetable",
        "summary": "The ferry company has changed its winter timetable.",
        "category": "World",
        "tags": ["Ferries"],
        "id": "urn:uuid:00000000-0000-5000-8000-000000000042",
        "source": "raw/ferry.txt#1",
        "authors": ["Ana Lind", "Tom Ek"],
        "source_credit": "Harbour Wire",
        "corrections": [{"date": "2025-11-04 09:30", "text": "An earlier version gave the wrong sailing time & day."}],
    }
    (site / "content" / "stories").mkdir(parents=True, exist_ok=True)
    story = render_front_matter(meta) + "\nThe first sailing now leaves at seven.\n"
    (site / "content" / "stories" / "ferry-timetable.md").write_text(story, encoding="utf-8")
    return build(settings)


def write_picture(path: Path, size=(1500, 1000)) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (30, 90, 150)).save(path, quality=90)


def feeds(output: Path, suffix: str) -> list[Path]:
    found = sorted(output.glob(f"feeds/**/*{suffix}"))
    assert found, suffix
    return found


def absolute_urls_only(html: str) -> None:
    for url in re.findall(r"""(?:href|src)=["']([^"']*)["']""", html):
        assert url.startswith(("https://", "http://", "mailto:")), url


def test_every_feed_exists_for_site_sections_and_topics(output):
    rss = {p.relative_to(output / "feeds").as_posix() for p in feeds(output, ".rss.xml")}
    assert "all.rss.xml" in rss
    assert any(p.startswith("sections/") for p in rss) and any(p.startswith("topics/") for p in rss)
    for path in rss:
        stem = path.removesuffix(".rss.xml")
        assert (output / "feeds" / f"{stem}.atom.xml").is_file()
        # JSON Feed for the site and the sections; a topic feed is one of
        # thousands on a big site, in two formats (NEWSROOM_FEED_POLICY).
        assert (output / "feeds" / f"{stem}.json").is_file() == (not stem.startswith("topics/"))


def test_topic_feeds_carry_standfirsts_and_links_and_the_site_feed_whole_stories(output):
    whole = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes()).entries
    assert all(len(e.content[0].value) > len(e.summary) for e in whole)
    for path in feeds(output, ".atom.xml"):
        if "/topics/" in path.as_posix():
            for entry in feedparser.parse(path.read_bytes()).entries:
                assert "content" not in entry and entry.summary and entry.link.startswith(SITEURL)


def test_atom_feeds_match_rfc_4287(output):
    schema = etree.RelaxNG(etree.parse(str(ROOT / "tests" / "schemas" / "atom.rng")))
    for path in feeds(output, ".atom.xml"):
        doc = etree.parse(str(path))
        assert schema.validate(doc), f"{path}: {schema.error_log}"
        root = doc.getroot()
        entries = root.findall(f"{ATOM}entry")
        assert entries, path
        has_feed_author = root.find(f"{ATOM}author") is not None
        for entry in entries:
            assert has_feed_author or entry.find(f"{ATOM}author") is not None
            links = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
            assert links or entry.find(f"{ATOM}content") is not None
            assert entry.findtext(f"{ATOM}summary")
            assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
            absolute_urls_only(entry.findtext(f"{ATOM}content") or "")
        self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
        assert self_link == f"{SITEURL}/{path.relative_to(output).as_posix()}"
        assert root.find(f"{ATOM}link[@rel='hub']").get("href") == "https://hub.example.org/"
        updates = [e.findtext(f"{ATOM}updated") for e in entries]
        assert len(set(updates)) == len(updates), f"{path}: two entries with the same updated time"
        newest = max(updates)
        assert root.findtext(f"{ATOM}updated") == newest
        assert root.find(f"{ATOM}generator").get("version") is None


def test_rss_feeds_follow_the_specification_and_best_practices(output):
    for path in feeds(output, ".rss.xml"):
        root = etree.parse(str(path)).getroot()
        assert root.tag == "rss" and root.get("version") == "2.0"
        channel = root.find("channel")
        for required in ("title", "link", "description"):
            assert channel.findtext(required), (path, required)
        assert channel.findtext("link").startswith(SITEURL)
        assert channel.findtext("language") == "en"
        assert (
            channel.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITEURL}/{path.relative_to(output).as_posix()}"
        )
        assert channel.find(f"{ATOM}link[@rel='hub']") is not None
        items = channel.findall("item")
        assert items
        dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items]
        # The newest story's date, or a later correction's (never the build's time).
        assert parsedate_to_datetime(channel.findtext("lastBuildDate")) >= max(dates)
        assert dates == sorted(dates, reverse=True)
        for item in items:
            assert item.findtext("title") and item.findtext("description")
            assert item.findtext("link").startswith(f"{SITEURL}/stories/")
            guid = item.find("guid")
            assert guid.get("isPermaLink") == "false" and guid.text.startswith("urn:uuid:")
            assert item.find("author") is None  # RSS <author> must be an e-mail address
            assert item.findtext(f"{DC}creator")
            assert item.findall("category")
            absolute_urls_only(item.findtext("description"))
            absolute_urls_only(item.findtext(f"{CONTENT}encoded") or "")


def test_json_feeds_have_the_required_fields(output):
    for path in feeds(output, ".json"):
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["title"] and feed["feed_url"] == f"{SITEURL}/{path.relative_to(output).as_posix()}"
        assert feed["home_page_url"].startswith(SITEURL)
        assert feed["items"]
        for item in feed["items"]:
            assert isinstance(item["id"], str) and item["id"]
            assert item["content_html"] and item["url"].startswith(SITEURL)
            assert RFC3339.match(item["date_published"]) and RFC3339.match(item["date_modified"])
            absolute_urls_only(item["content_html"])


def test_a_lead_image_reaches_every_format_as_an_enclosure(output):
    rss = etree.parse(str(output / "feeds" / "all.rss.xml"))
    enclosures = rss.findall(".//item/enclosure")
    assert len(enclosures) == 1
    url, length = enclosures[0].get("url"), int(enclosures[0].get("length"))
    assert url.startswith(SITEURL + "/images/quay-") and url.endswith(".jpg")
    assert enclosures[0].get("type") == "image/jpeg"
    assert (output / url.removeprefix(SITEURL + "/")).stat().st_size == length
    atom = etree.parse(str(output / "feeds" / "all.atom.xml"))
    links = atom.findall(f".//{ATOM}entry/{ATOM}link[@rel='enclosure']")
    assert [(x.get("href"), int(x.get("length"))) for x in links] == [(url, length)]
    items = json.loads((output / "feeds" / "all.json").read_text())["items"]
    assert [i["image"] for i in items if "image" in i] == [url]


def test_every_feed_gives_its_items_their_own_ids(output):
    """A reader that keys items by id across subscriptions still shows every item in every feed."""
    seen: dict[str, str] = {}
    for path in [*feeds(output, ".atom.xml"), *feeds(output, ".rss.xml")]:
        for entry in feedparser.parse(path.read_bytes()).entries:
            assert entry.id not in seen, (entry.id, path, seen.get(entry.id))
            seen[entry.id] = str(path)


def test_readers_see_every_item(output):
    for path in [*feeds(output, ".rss.xml"), *feeds(output, ".atom.xml")]:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.entries and all(e.title and e.link and e.id for e in parsed.entries)
    everything = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes())
    assert len(everything.entries) == 4


def test_pages_advertise_their_feeds(output):
    index = (output / "index.html").read_text()
    for href in ("feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/all.json"):
        assert f'href="{SITEURL}/{href}"' in index
    topic = next((output / "topics").glob("*/index.html"))
    assert f'href="{SITEURL}/feeds/topics/{topic.parent.name}.atom.xml"' in topic.read_text()
    section = next((output / "sections").glob("*/index.html"))
    assert f'href="{SITEURL}/feeds/sections/{section.parent.name}.rss.xml"' in section.read_text()
    feeds_page = (output / "feeds" / "index.html").read_text()
    for path in feeds(output, ".atom.xml"):
        assert f"{SITEURL}/{path.relative_to(output).as_posix()}" in feeds_page


def test_editing_a_story_body_keeps_ids_and_published_dates(tmp_path):
    settings = seed_site(tmp_path, SITEURL=SITEURL)
    raw = tmp_path / "content" / "raw" / SEED.name
    before = feedparser.parse((build(settings) / "feeds" / "all.atom.xml").read_bytes())
    text = raw.read_text().replace("no clear end in sight.", "no clear end in sight. Talks resume next week.")
    raw.write_text(text)
    after = feedparser.parse((build(settings) / "feeds" / "all.atom.xml").read_bytes())
    assert [(e.id, e.published) for e in after.entries] == [(e.id, e.published) for e in before.entries]
    edited = next(e for e in after.entries if "Talks resume next week." in e.content[0].value)
    assert edited.updated >= edited.published


def test_rebuild_and_fresh_copy_give_identical_feeds(tmp_path, output):
    first = {p.relative_to(output): p.read_bytes() for p in output.glob("feeds/**/*") if p.is_file()}
    # A fresh clone: the same committed content in a new folder, new mtimes.
    site = output.parent
    clone = tmp_path / "clone"
    (clone / "content").mkdir(parents=True)
    subprocess.run(["cp", "-r", str(site / "content"), str(clone)], check=True)
    second_out = build(write_settings(clone, SITEURL=SITEURL, WEBSUB_HUB="https://hub.example.org/"))
    second = {p.relative_to(second_out): p.read_bytes() for p in second_out.glob("feeds/**/*") if p.is_file()}
    assert second == first
