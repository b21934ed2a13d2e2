"""The newsroom's workflow on a built site: embargoes (with a fixed clock),
takedowns, corrections, and the `stories` command that lists them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT, every_file, write_settings

from generator.convert.markdown import render_front_matter

SITEURL = "https://news.example.org"
BEFORE, AFTER = "2026-12-02T15:00:00+00:00", "2026-12-03T07:00:00+00:00"


def write_story(site: Path, slug: str, date: str, **extra) -> Path:
    meta = {
        "title": f"Harbour story {slug}",
        "date": date,
        "slug": slug,
        "summary": f"The harbour board said something about {slug} on Tuesday.",
        "category": "World",
        "tags": ["Harbour board"],
        "id": f"urn:uuid:{slug}",
        "source": f"raw/{slug}.txt#1",
        **extra,
    }
    path = site / "content" / "stories" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_front_matter(meta) + f"\nThe {slug} body.\n", encoding="utf-8")
    return path


def generator(*args: str, now: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NEWSROOM_NOW": now},
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def site_with(tmp_path: Path, **stories: dict) -> Path:
    (tmp_path / "content" / "raw").mkdir(parents=True)
    write_story(tmp_path, "older", "2026-12-01T09:00:00+00:00")
    for slug, extra in stories.items():
        write_story(tmp_path, slug, **extra)
    return write_settings(tmp_path, SITEURL=SITEURL)


def mentions(files: dict[str, bytes], slug: str) -> list[str]:
    return [name for name, data in files.items() if slug.encode() in data or slug in name]


def test_an_embargoed_story_appears_nowhere_before_its_time_and_everywhere_after(tmp_path):
    settings = site_with(tmp_path, embargoed={"date": "2026-12-03T06:00:00+00:00"})
    output = tmp_path / "output"
    before = generator("build", "--settings", str(settings), now=BEFORE)
    assert "embargo: 1 story held until their time, the first at 2026-12-03 06:00 UTC" in before.stdout
    assert mentions(every_file(output), "embargoed") == []
    # Nothing due, nothing changed: the same bytes.
    snapshot = every_file(output)
    again = generator("build", "--settings", str(settings), now=BEFORE)
    assert "nothing changed" in again.stdout and every_file(output) == snapshot
    assert "embargo: 1 story held until their time, the first at 2026-12-03 06:00 UTC" in again.stdout
    # Its time has come: no input changed, yet the build runs and publishes it.
    generator("build", "--settings", str(settings), now=AFTER)
    found = every_file(output)
    where = mentions(found, "embargoed")
    for name in (
        "stories/embargoed/index.html",
        "index.html",
        "feeds/all.atom.xml",
        "feeds/all.rss.xml",
        "feeds/all.json",
        "sitemap.xml",
        "topics/harbour-board/index.html",
    ):
        assert name in where, name
    assert any(name.startswith("pagefind/") for name in where)


def test_a_withdrawn_story_keeps_only_a_notice_at_its_address(tmp_path):
    settings = site_with(
        tmp_path,
        gone={"date": "2026-12-01T10:00:00+00:00", "status": "withdrawn", "withdrawn_note": "Removed on legal advice."},
        quiet={"date": "2026-12-01T11:00:00+00:00", "status": "withdrawn", "withdrawn_notice": False},
    )
    output = tmp_path / "output"
    generator("build", "--settings", str(settings), now=BEFORE)
    files = every_file(output)
    assert mentions(files, "stories/gone/") == ["stories/gone/index.html"]
    assert mentions(files, "quiet") == []  # no page: the host answers with 404.html
    notice = files["stories/gone/index.html"].decode()
    assert "This story has been withdrawn" in notice and "Removed on legal advice." in notice
    assert '<meta name="robots" content="noindex">' in notice
    assert "Harbour story gone" not in notice and "said something about gone" not in notice


def test_a_story_withdrawn_before_its_embargo_ends_leaves_no_trace(tmp_path):
    settings = site_with(
        tmp_path,
        early={"date": "2026-12-02T18:00:00+00:00", "status": "withdrawn"},
        later={"date": "2026-12-04T09:00:00+00:00"},
    )
    output = tmp_path / "output"
    first = generator("build", "--settings", str(settings), now=BEFORE)
    assert mentions(every_file(output), "early") == []
    # The summary names the held story's time, not the notice's.
    assert "embargo: 1 story held until their time, the first at 2026-12-04 09:00 UTC" in first.stdout
    again = generator("build", "--settings", str(settings), now=BEFORE)
    assert "the first at 2026-12-04 09:00 UTC" in again.stdout and "nothing changed" in again.stdout
    generator("build", "--settings", str(settings), now=AFTER)
    assert "This story has been withdrawn" in (output / "stories" / "early" / "index.html").read_text()


STANDFIRST = "The harbour board has approved a plan to dredge the main channel before the summer season."
LEAD = "Work will start in March and last six weeks, the board said on Tuesday after a long meeting."


def raw_site(tmp_path: Path, *paragraphs: str) -> tuple[Path, Path]:
    """A site whose only raw file holds ``paragraphs``; (raw file, settings)."""
    raw = tmp_path / "content" / "raw" / "harbour.txt"
    raw.parent.mkdir(parents=True)
    raw.write_text("\n\n".join(paragraphs) + "\n")
    # Written the day before BEFORE, whatever the clock says: a new story's
    # date is its file's time, and one after the build's "now" is held.
    written = datetime.fromisoformat(BEFORE).timestamp() - 86400
    os.utime(raw, (written, written))
    return raw, write_settings(tmp_path, SITEURL=SITEURL)


def test_convert_never_publishes_a_withdrawn_story_again(tmp_path):
    raw, settings = raw_site(tmp_path, STANDFIRST, LEAD)
    generator("convert", "-q", "--settings", str(settings), now=BEFORE)
    [story] = (tmp_path / "content" / "stories").glob("*.md")
    story.write_text(story.read_text().replace("---\n\n", "status: withdrawn\n---\n\n", 1))
    raw.write_text(raw.read_text() + "\nThe board will meet again in April to review progress on the work.\n")
    result = generator("build", "--settings", str(settings), now=BEFORE, check=False)
    assert "status: withdrawn" in story.read_text()
    assert "edited by hand" in result.stdout + result.stderr
    feed = (tmp_path / "output" / "feeds" / "all.atom.xml").read_text()
    assert "dredge" not in feed


def test_a_correction_shows_on_the_story_and_changes_its_feed_entries(tmp_path):
    settings = site_with(tmp_path, fixed={"date": "2026-12-01T10:00:00+00:00"})
    output = tmp_path / "output"
    generator("build", "--settings", str(settings), now=BEFORE)
    atom_before = (output / "feeds" / "all.atom.xml").read_text()
    story = tmp_path / "content" / "stories" / "fixed.md"
    correction = {"date": "2026-12-02 14:05", "text": "An earlier version gave the wrong year for the vote."}
    write_story(tmp_path, "fixed", "2026-12-01T10:00:00+00:00", corrections=[correction])
    assert "corrections:" in story.read_text()
    generator("build", "--settings", str(settings), now=BEFORE)
    page = (output / "stories" / "fixed" / "index.html").read_text()
    assert (
        '<strong>Correction</strong>, <time datetime="2026-12-02T14:05:00+00:00">2 December 2026, 14:05 UTC</time>: '
        "An earlier version gave the wrong year for the vote." in page
    )
    assert 'Updated <time datetime="2026-12-02T14:05:00+00:00">' in page
    atom = (output / "feeds" / "all.atom.xml").read_text()
    entry = re.search(r"<entry>(?:(?!</entry>).)*urn:uuid:fixed(?:(?!</entry>).)*</entry>", atom, re.S).group(0)
    assert "<updated>2026-12-02T14:05:00+00:00</updated>" in entry and "<id>urn:uuid:fixed</id>" in entry
    assert entry not in atom_before
    rss = (output / "feeds" / "all.rss.xml").read_text()
    assert "Correction&lt;/strong&gt;, 2 December 2026, 14:05 UTC: An earlier version gave the wrong year" in rss
    items = json.loads((output / "feeds" / "all.json").read_text())["items"]
    item = next(i for i in items if i["url"] == f"{SITEURL}/stories/fixed/")
    assert item["date_modified"] == "2026-12-02T14:05:00+00:00" and "wrong year" in item["content_html"]


def test_a_correction_without_a_date_is_an_error_naming_the_file_and_line(tmp_path):
    settings = site_with(tmp_path, bad={"date": "2026-12-01T10:00:00+00:00", "corrections": [{"text": "Oops."}]})
    result = generator("build", "--settings", str(settings), now=BEFORE, check=False)
    assert result.returncode == 1
    assert re.search(r"bad\.md:\d+: front matter 'corrections': corrections\[1\]: needs a date", result.stderr)


@pytest.fixture
def newsroom_site(tmp_path):
    return site_with(
        tmp_path,
        soon={"date": "2026-12-02T16:30:00+00:00"},
        later={"date": "2026-12-05T09:00:00+00:00"},
        gone={"date": "2026-12-01T10:00:00+00:00", "status": "withdrawn", "withdrawn_note": "Legal."},
        rough={"date": "2026-12-01T11:00:00+00:00", "status": "draft"},
        checkme={"date": "2026-12-01T12:00:00+00:00", "review": "headline"},
    )


def test_stories_lists_what_waits_in_the_workflow(newsroom_site):
    out = generator("stories", "--scheduled", "--settings", str(newsroom_site), now=BEFORE).stdout
    lines = out.splitlines()
    assert lines[0] == "Scheduled: 2"
    assert "2026-12-02 16:30 UTC (in 1 h 30 min)" in lines[1] and "soon.md" in lines[1]
    assert "2026-12-05 09:00 UTC (in 2 days)" in lines[2] and "later.md" in lines[2]
    listed = json.loads(generator("stories", "--json", "--settings", str(newsroom_site), now=BEFORE).stdout)
    assert {state: [Path(s["path"]).stem for s in items] for state, items in listed.items()} == {
        "scheduled": ["soon", "later"],
        "withdrawn": ["gone"],
        "draft": ["rough"],
        "review": ["checkme"],
    }
    assert listed["withdrawn"][0]["note"] == "Legal."


def test_bylines_and_credits_reach_the_page_cards_json_ld_and_feeds(tmp_path):
    settings = site_with(
        tmp_path,
        duo={
            "date": "2026-12-01T10:00:00+00:00",
            "authors": ["Ana Lind", "Tom Ek"],
            "author_roles": {"Ana Lind": "Political correspondent"},
            "source_credit": "Harbour Wire",
        },
        solo={"date": "2026-12-01T11:00:00+00:00", "authors": ["Ana Lind"], "author_roles": {"Ana Lind": "Editor"}},
    )
    output = tmp_path / "output"
    generator("build", "--settings", str(settings), now=BEFORE)
    duo = (output / "stories" / "duo" / "index.html").read_text()
    assert '<p class="byline">By Ana Lind and Tom Ek · Harbour Wire</p>' in duo
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', duo, re.S).group(1))
    assert data["author"] == [
        {"@type": "Person", "jobTitle": "Political correspondent", "name": "Ana Lind"},
        {"@type": "Person", "name": "Tom Ek"},
        {"@type": "Organization", "name": "Harbour Wire"},
    ]
    solo = (output / "stories" / "solo" / "index.html").read_text()
    assert '<p class="byline">By Ana Lind, Editor</p>' in solo
    older = (output / "stories" / "older" / "index.html").read_text()
    assert '<p class="byline">Newsroom desk</p>' in older
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', older, re.S).group(1))
    assert data["author"] == [{"@type": "Organization", "name": "Newsroom desk"}]
    topic = (output / "topics" / "harbour-board" / "index.html").read_text()
    assert "· World · Ana Lind and Tom Ek</p>" in topic
    rss = (output / "feeds" / "all.rss.xml").read_text()
    assert "<dc:creator>Ana Lind and Tom Ek</dc:creator>" in rss and "<dc:creator>Newsroom desk</dc:creator>" in rss
    atom = (output / "feeds" / "all.atom.xml").read_text()
    assert "<name>Ana Lind and Tom Ek</name>" in atom
    # Author pages and feeds are off by default.
    assert not (output / "authors").exists() and not (output / "feeds" / "authors").exists()


def test_author_pages_and_feeds_when_switched_on(tmp_path):
    import feedparser

    settings = site_with(
        tmp_path,
        solo={"date": "2026-12-01T11:00:00+00:00", "authors": ["Ana Lind"]},
    )
    extra = "NEWSROOM_AUTHOR_PAGES = True\nNEWSROOM_DEFAULT_BYLINE = 'Harbour desk'\n"
    settings.write_text(settings.read_text() + extra)
    output = tmp_path / "output"
    generator("build", "--settings", str(settings), now=BEFORE)
    page = (output / "authors" / "ana-lind" / "index.html").read_text()
    assert "<h1>Ana Lind</h1>" in page and 'href="/stories/solo/"' in page
    assert "Follow Ana Lind in your feed reader" in page
    assert sorted(p.name for p in (output / "authors").iterdir()) == ["ana-lind"]  # no page for the desk
    feed = feedparser.parse((output / "feeds" / "authors" / "ana-lind.atom.xml").read_bytes())
    assert not feed.bozo and [e.link for e in feed.entries] == [f"{SITEURL}/stories/solo/"]
    story = (output / "stories" / "solo" / "index.html").read_text()
    assert '<a href="/authors/ana-lind/" rel="author">Ana Lind</a>' in story
    assert '<p class="byline">Harbour desk</p>' in (output / "stories" / "older" / "index.html").read_text()


def test_a_byline_in_raw_copy_reaches_the_story_page(tmp_path):
    byline, more = "By Ana Lind, Transport correspondent", "The channel was last dredged eleven years ago."
    _, settings = raw_site(tmp_path, STANDFIRST, byline, LEAD, more)
    generator("build", "-q", "--settings", str(settings), now=BEFORE)
    [story] = (tmp_path / "content" / "stories").glob("*.md")
    text = story.read_text()
    assert 'authors:\n- "Ana Lind"' in text and "By Ana Lind" not in text.split("---\n", 2)[2]
    page = (tmp_path / "output" / "stories" / story.stem / "index.html").read_text()
    assert '<p class="byline">By Ana Lind, Transport correspondent</p>' in page


def test_a_build_in_the_future_does_not_stand_for_now(tmp_path):
    """NEWSROOM_NOW ahead of the clock publishes the story; a build at the
    earlier time after it holds the story again instead of calling the
    site up to date."""
    settings = site_with(tmp_path, embargoed={"date": "2026-12-03T06:00:00+00:00"})
    output = tmp_path / "output"
    generator("build", "--settings", str(settings), now=AFTER)
    assert (output / "stories" / "embargoed" / "index.html").is_file()
    again = generator("build", "--settings", str(settings), now=BEFORE)
    assert "nothing changed" not in again.stdout
    assert mentions(every_file(output), "embargoed") == []


def test_a_withdrawn_story_never_takes_the_address_of_a_published_one(tmp_path):
    # The same address, withdrawn: an earlier version of the story, in a file
    # that sorts first.
    gone = write_story(tmp_path, "same", "2026-12-01T09:00:00+00:00", status="withdrawn", title="Old version")
    gone.rename(gone.with_name("a-old-version.md"))
    settings = site_with(tmp_path, same={"date": "2026-12-01T10:00:00+00:00"})
    generator("build", "--settings", str(settings), now=BEFORE)
    page = (tmp_path / "output" / "stories" / "same" / "index.html").read_text()
    assert "Harbour story same" in page and "has been withdrawn" not in page


def test_a_correction_updates_every_card_on_an_incremental_build(tmp_path):
    settings = site_with(tmp_path, fixed={"date": "2026-12-01T10:00:00+00:00", "modified": "2026-12-01 12:00"})
    output = tmp_path / "output"
    generator("build", "--settings", str(settings), now=BEFORE)
    correction = {"date": "2026-12-02 14:05", "text": "An earlier version gave the wrong year."}
    write_story(tmp_path, "fixed", "2026-12-01T10:00:00+00:00", modified="2026-12-01 12:00", corrections=[correction])
    generator("build", "--settings", str(settings), now=BEFORE)
    incremental = every_file(output)
    assert "Updated <time" in incremental["topics/harbour-board/index.html"].decode()
    shutil.rmtree(output)
    shutil.rmtree(tmp_path / ".cache", ignore_errors=True)
    generator("build", "--settings", str(settings), now=BEFORE)
    assert every_file(output) == incremental


def test_a_bad_corrections_list_is_an_error_and_the_story_stays_published(tmp_path):
    settings = site_with(tmp_path, typo={"date": "2026-12-01T10:00:00+00:00", "corrections": "An error."})
    result = generator("build", "--settings", str(settings), now=BEFORE, check=False)
    assert result.returncode == 1
    assert "typo.md" in result.stderr and "published without them" in result.stderr
    assert (tmp_path / "output" / "stories" / "typo" / "index.html").is_file()
