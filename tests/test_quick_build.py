"""A quick build (generator/quick_build.py) rebuilds what a few changed
stories touch from the site index, and leaves the output a full build of
the same content would leave, byte for byte; anything else is a full build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import ROOT, every_file, run_generator, write_settings
from PIL import Image

from generator import up_to_date
from generator.convert.markdown import render_front_matter

SITEURL = "https://news.example.org"
NOW = "2026-04-01T12:00:00+00:00"
# Small pages and search parts, so a few dozen stories have several of each.
SETTINGS = {"SITEURL": SITEURL, "DEFAULT_PAGINATION": 4, "NEWSROOM_SEARCH_PART_SIZE": 10, "NEWSROOM_AUTHOR_PAGES": True}
SECTIONS = ("World", "Business", "Sport")
PLACES = ("Quayside", "Northmoor", "Eastwick", "Saltby")


def write_story(site: Path, n: int, **extra) -> Path:
    """Story ``n``: a section, a month (January to March 2026) and topics
    that several stories share, one topic of its own (below the threshold)."""
    place = PLACES[n % len(PLACES)]
    tags = ["Harbour board", f"{place} council", f"Pier number {n}"]
    if n % 3 == 0:
        tags.append("Ferry union")
    meta = {
        "title": f"{place} council backs plan number {n} for the harbour",
        "date": f"2026-{1 + n % 3:02d}-{1 + n % 27:02d}T{8 + n % 9:02d}:{n % 60:02d}:00+00:00",
        "slug": f"plan-{n}",
        "summary": f"The {place} council said on Tuesday that plan {n} would go ahead after a vote.",
        "category": SECTIONS[n % len(SECTIONS)],
        "tags": tags,
        "id": f"urn:uuid:00000000-0000-5000-8000-{n:012d}",
        **extra,
    }
    path = site / "content" / "stories" / f"plan-{n}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = f"The vote on plan {n} was close. Members of the {place} council spoke for an hour.\n\nWork starts soon.\n"
    path.write_text(render_front_matter(meta) + "\n" + body, encoding="utf-8")
    return path


def make_site(root: Path, stories: int = 30) -> Path:
    (root / "content" / "raw").mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "pages", root / "content" / "pages")
    for n in range(stories):
        write_story(root, n)
    write_story(root, 100, tags=["Harbour board", "Lighthouse trust"], authors=["Ana Lind"])
    write_story(
        root,
        101,
        tags=["Harbour board", "Quay works"],
        modified="2026-03-20T10:00:00+00:00",
        corrections=[{"date": "2026-03-20T10:00:00+00:00", "text": "An earlier version gave the wrong vote."}],
    )
    write_story(root, 102, tags=["Harbour board", "Quay works"])
    return write_settings(root, **SETTINGS)


def build(settings: Path) -> str:
    result = run_generator("build", "--no-convert", "--settings", str(settings), env={"NEWSROOM_NOW": NOW})
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stderr + result.stdout


def quick(log: str) -> bool:
    return "rebuilt from the site index" in log


def assert_up_to_date(settings: Path) -> None:
    """A build right after finds nothing to do: the quick build's stamp of
    the output (made from what it wrote, without a walk) is right."""
    assert "nothing changed since the last build" in build(settings)
    # What the build recorded of the output, which that answer was checked
    # against without a walk, is what a walk finds.
    site = settings.parent
    record = (site / ".cache" / "build" / up_to_date.OUTPUT_STATE_FILE).read_bytes()
    stamp, folders = up_to_date._read_state(record)
    walked = up_to_date.output_tree(site / "output", records=True)
    # Each folder's time and files, as a walk finds them (the entries of a
    # folder changed as the build ended depend on when each was read).
    assert {f[0]: f[1:4] for f in folders} == {f[0]: f[1:4] for f in walked.records.values()}
    assert stamp == walked.stamp


def assert_same_as_full_build(site: Path, scratch: Path) -> None:
    """Build a copy of ``site``'s content from nothing and compare outputs."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(site / "content", scratch / "content")
    build(write_settings(scratch, **SETTINGS))
    quick_files, full_files = every_file(site / "output"), every_file(scratch / "output")
    assert sorted(quick_files) == sorted(full_files)
    differ = [name for name in full_files if quick_files[name] != full_files[name]]
    assert differ == []


def touch_later(path: Path) -> None:
    # A second apart from the last build's listing, whatever the file system's clock.
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def test_quick_builds_leave_what_full_builds_leave(tmp_path):
    site = tmp_path / "site"
    settings = make_site(site)
    # A picture no story uses yet (a new picture would need a full build).
    (site / "content" / "images").mkdir()
    Image.new("RGB", (800, 500), (30, 90, 150)).save(site / "content" / "images" / "quay.jpg")
    assert not quick(build(settings))
    stories = site / "content" / "stories"

    # A new story, newest of all, that brings a topic to its threshold.
    write_story(
        site, 103, date="2026-03-30T09:00:00+00:00", tags=["Harbour board", "Lighthouse trust"], authors=["Ana Lind"]
    )
    log = build(settings)
    assert quick(log), log
    assert "34 stories; 2 changed stories rebuilt from the site index" in log
    assert (site / "output" / "topics" / "lighthouse-trust" / "index.html").is_file()
    assert "plan-103" in (site / "output" / "authors" / "ana-lind" / "index.html").read_text()
    assert_up_to_date(settings)
    assert_same_as_full_build(site, tmp_path / "full-1")

    # An edited headline and text in the middle of the archive.
    story = stories / "plan-14.md"
    story.write_text(story.read_text().replace("backs plan number 14", "rejects plan number 14") + "One more line.\n")
    touch_later(story)
    assert quick(build(settings))
    assert_same_as_full_build(site, tmp_path / "full-2")

    # A story moved to another month, and one that opens a new month (the
    # month before it gets a "Newer" link).
    story = stories / "plan-7.md"
    story.write_text(story.read_text().replace("2026-02-08", "2026-01-05"))
    touch_later(story)
    write_story(site, 104, date="2026-04-01T09:00:00+00:00")
    assert quick(build(settings))
    assert "/archives/2026/04/" in (site / "output" / "archives" / "2026" / "03" / "index.html").read_text()
    assert_up_to_date(settings)
    assert_same_as_full_build(site, tmp_path / "full-3")

    # A story deleted: its topic "Quay works" falls below the threshold.
    (stories / "plan-102.md").unlink()
    assert quick(build(settings))
    assert not (site / "output" / "topics" / "quay-works").exists()
    assert not (site / "output" / "stories" / "plan-102").exists()
    assert_up_to_date(settings)
    assert_same_as_full_build(site, tmp_path / "full-4")

    # A story given a lead image: its renditions are written as the story is
    # read, the first in the output's images folder.
    story = write_story(site, 20, image="images/quay.jpg", image_alt="Boats at the quay")
    touch_later(story)
    assert quick(build(settings))
    assert list((site / "output" / "images").glob("quay-*.webp"))
    assert_up_to_date(settings)
    assert_same_as_full_build(site, tmp_path / "full-5")


def test_what_a_quick_build_cannot_do_goes_to_a_full_build(tmp_path):
    site = tmp_path / "site"
    settings = make_site(site, stories=12)
    stories = site / "content" / "stories"
    withdrawn = write_story(site, 106, date="2026-03-10T09:00:00+00:00", status="withdrawn")
    linking = stories / "plan-3.md"
    linking.write_text(linking.read_text() + "\nSee [plan 4]({filename}/stories/plan-4.md).\n")
    build(settings)
    assert "has been withdrawn" in (site / "output" / "stories" / "plan-106" / "index.html").read_text()

    # A withdrawn story's file deleted: its notice goes, in a full build.
    withdrawn.unlink()
    assert not quick(build(settings))
    assert not (site / "output" / "stories" / "plan-106").exists()

    # A story another links to ({filename}) gets a new address: so does the link.
    target = stories / "plan-4.md"
    target.write_text(target.read_text().replace('slug: "plan-4"', 'slug: "plan-4-moved"'))
    touch_later(target)
    assert not quick(build(settings))
    assert "/stories/plan-4-moved/" in (site / "output" / "stories" / "plan-3" / "index.html").read_text()

    # A static page is not a story.
    about = site / "content" / "pages" / "about.md"
    about.write_text(about.read_text() + "\nA new line about the desk.\n")
    assert not quick(build(settings))

    # A story moved to another section: the menu, on every page, changes.
    story = site / "content" / "stories" / "plan-7.md"
    story.write_text(story.read_text().replace('category: "Business"', 'category: "Sport"'))
    touch_later(story)
    assert not quick(build(settings))

    # A file the settings ignore (IGNORE_FILES: an editor's lock file) is
    # no story: nothing to publish.
    write_story(site, 105, date="2026-03-29T09:00:00+00:00").rename(site / "content" / "stories" / ".#plan-105.md")
    log = build(settings)
    assert quick(log) and "0 changed stories" in log
    assert not (site / "output" / "stories" / "plan-105").exists()

    # A story held for its embargo.
    write_story(site, 103, date="2026-05-01T09:00:00+00:00")
    assert not quick(build(settings))

    # A page deleted from the output by hand: a full build puts it back.
    write_story(site, 104, date="2026-03-29T09:00:00+00:00")
    (site / "output" / "archives" / "index.html").unlink()
    assert not quick(build(settings))
    assert (site / "output" / "archives" / "index.html").is_file()
    assert_same_as_full_build(site, tmp_path / "full")


def test_a_build_that_fails_leaves_no_index_a_quick_build_trusts(tmp_path):
    site = tmp_path / "site"
    settings = make_site(site, stories=12)
    build(settings)
    story = write_story(site, 103, date="2026-03-29T09:00:00+00:00")
    story.write_text(story.read_text().replace('date: "2026-03-29T09:00:00+00:00"', 'date: "not a date"'))
    failed = run_generator("build", "--no-convert", "--settings", str(settings), env={"NEWSROOM_NOW": NOW})
    assert failed.returncode == 1
    assert "plan-103.md" in failed.stderr
    story.unlink()
    # The failed build left no seal: this one is a full build, and right.
    assert not quick(build(settings))
    assert_same_as_full_build(site, tmp_path / "full")


def test_a_damaged_site_index_means_a_full_build_never_a_traceback(tmp_path):
    site = tmp_path / "site"
    settings = make_site(site, stories=12)
    build(settings)
    index = site / ".cache" / "build" / "newsroom-site.sqlite"
    assert index.is_file()
    index.write_bytes(b"not a database, a file cut short by a full disk")
    write_story(site, 103, date="2026-03-29T09:00:00+00:00")
    log = build(settings)
    assert not quick(log) and "Traceback" not in log
    assert quick(build_after_edit(site, settings))
    assert_same_as_full_build(site, tmp_path / "full")


def build_after_edit(site: Path, settings: Path) -> str:
    story = site / "content" / "stories" / "plan-103.md"
    story.write_text(story.read_text() + "One more line.\n")
    touch_later(story)
    return build(settings)


def test_quick_builds_without_the_outputs_record_keep_it_in_the_walks_order(tmp_path):
    """Where the record of the output is gone, a quick build walks the output
    and writes the record from what it wrote: in the order a walk finds it,
    so the next quick build's stamp is a walk's too."""
    settings = make_site(tmp_path / "site", stories=8)
    site = settings.parent
    build(settings)
    # Stories in the section that leads the menu already: the menu stays.
    for n in (301, 304):
        (site / ".cache" / "build" / up_to_date.OUTPUT_STATE_FILE).unlink(missing_ok=True)
        write_story(site, n, tags=["Harbour board", f"Aardvark trust {n}", f"Zephyr fund {n}"])
        assert quick(build(settings))
    assert_up_to_date(settings)


def test_only_the_raw_copy_itself_is_beneath_a_quick_builds_notice():
    from generator.quick_build import _ignored

    settings = {"NEWSROOM_RAW_PATH": "raw", "IGNORE_FILES": [".#*"]}
    assert _ignored("raw/0001.txt", settings)
    # A picture kept beside the raw copy may be a story's lead image.
    assert not _ignored("raw/quay.jpg", settings)
    assert not _ignored("stories/plan-1.md", settings)
