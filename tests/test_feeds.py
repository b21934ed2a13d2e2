from datetime import UTC, datetime, timedelta

import feedparser

from generator.feeds import FeedItem, FeedSpec, absolutize, build_feed_set, feed_item_id, newest_first

SITE = {"url": "https://news.example.org/desk", "language": "en", "author": "Desk", "max_items": 2}
SPEC = FeedSpec("Desk: all", "Everything", "feeds/all", "https://news.example.org/desk/")
BASE = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def item(n: int, **changes) -> FeedItem:
    values = dict(
        item_id=f"urn:uuid:00000000-0000-5000-8000-00000000000{n}",
        title=f"Story {n} & more",
        link=f"https://news.example.org/desk/stories/story-{n}/",
        published=BASE + timedelta(hours=n),
        updated=BASE + timedelta(hours=n),
        summary_html=f"<p>Summary {n}</p>",
        content_html=f'<p>Body {n} <a href="../other/">link</a>\x07</p>',
        author="Desk",
        categories=("World", "Port Ellis"),
    )
    values.update(changes)
    return FeedItem(**values)


def test_newest_items_first_and_capped():
    files = build_feed_set(SPEC, [item(1), item(3), item(2)], SITE)
    for path in ("feeds/all.rss.xml", "feeds/all.atom.xml"):
        parsed = feedparser.parse(files[path])
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert [e.title for e in parsed.entries] == ["Story 3 & more", "Story 2 & more"]


def test_rss_guid_is_not_a_permalink_and_dates_are_the_stories():
    rss = build_feed_set(SPEC, [item(1), item(2)], SITE)["feeds/all.rss.xml"].decode()
    guid = feed_item_id("urn:uuid:00000000-0000-5000-8000-000000000002", "feeds/all.rss.xml")
    assert f'<guid isPermaLink="false">{guid}</guid>' in rss
    assert "<lastBuildDate>Sat, 01 Mar 2025 11:00:00 +0000</lastBuildDate>" in rss
    assert "<dc:creator>Desk</dc:creator>" in rss
    assert "<link>https://news.example.org/desk/</link>" in rss
    assert 'href="https://news.example.org/desk/feeds/all.rss.xml" rel="self"' in rss


def test_atom_ids_updated_and_links():
    atom = feedparser.parse(
        build_feed_set(SPEC, [item(1, updated=BASE + timedelta(days=2))], SITE)["feeds/all.atom.xml"]
    )
    entry = atom.entries[0]
    assert entry.id == "urn:uuid:00000000-0000-5000-8000-000000000001"
    assert entry.link == "https://news.example.org/desk/stories/story-1/"
    assert entry.updated.startswith("2025-03-03")
    assert atom.feed.updated.startswith("2025-03-03")
    assert [t.term for t in entry.tags] == ["World", "Port Ellis"]


def test_control_characters_never_reach_the_xml():
    files = build_feed_set(SPEC, [item(1, title="Bell\x07 story")], SITE)
    assert b"\x07" not in files["feeds/all.rss.xml"] and b"\x07" not in files["feeds/all.atom.xml"]


def test_building_twice_is_byte_identical():
    assert build_feed_set(SPEC, [item(1), item(2)], SITE) == build_feed_set(SPEC, [item(2), item(1)], SITE)


def test_json_feed_has_the_required_fields():
    import json

    feed = json.loads(build_feed_set(SPEC, [item(1)], SITE)["feeds/all.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://news.example.org/desk/feeds/all.json"
    assert feed["items"][0]["id"].startswith("urn:uuid:")
    assert feed["items"][0]["date_published"] == "2025-03-01T10:00:00+00:00"


def test_relative_links_become_absolute():
    html = absolutize('<a href="../x/">x</a> <img src="pic.png" alt="">', "https://e.org/s/a/")
    assert html == '<a href="https://e.org/s/x/">x</a> <img src="https://e.org/s/a/pic.png" alt="">'


def test_ties_are_ordered_by_link():
    a, b = item(1, link="https://e.org/b"), item(1, link="https://e.org/a")
    assert [i.link for i in newest_first([a, b])] == ["https://e.org/a", "https://e.org/b"]


def test_a_feed_writes_only_its_formats_and_caps_its_own_items():
    spec = FeedSpec("Desk: rail", "Rail", "feeds/topics/rail", "https://news.example.org/desk/", ("atom",), 1, False)
    files = build_feed_set(spec, [item(1), item(3), item(2)], SITE)
    assert list(files) == ["feeds/topics/rail.atom.xml"]
    assert spec.unused_paths() == ["feeds/topics/rail.rss.xml", "feeds/topics/rail.json"]
    atom = files["feeds/topics/rail.atom.xml"].decode()
    assert atom.count("<entry>") == 1
    assert "<content" not in atom and "<summary" in atom
