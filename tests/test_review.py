"""The editor's queue: ``python -m generator review`` lists the stories
marked ``review: headline``, and NEWSROOM_REVIEW_BEFORE_PUBLISH keeps them
off the site until a person deletes the mark."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import run_generator, write_settings

from generator.convert.markdown import render_front_matter

REASONS = ["no main verb found", "heavy cut"]
ALTERNATIVES = ["Harbour board weighs dredging plan", "Dredging contracts face inquiry"]


def write_story(
    site: Path,
    slug: str,
    day: int,
    tags: list[str],
    *,
    title: str | None = None,
    review: bool = False,
    body: str = "The harbour board met on Tuesday.",
) -> Path:
    """A story file as the converter writes it (front matter through the
    converter's own writer), dated 2026-03-``day``."""
    meta = {
        "title": title or f"Story {slug}",
        "date": f"2026-03-{day:02d}T09:00:00+00:00",
        "slug": slug,
        "summary": f"Standfirst of story {slug}.",
        "category": "World",
        "tags": tags,
        "id": f"urn:uuid:00000000-0000-5000-8000-{day:012d}",
        "source": f"raw/{slug}.txt#1",
    }
    if review:
        meta.update(review="headline", review_reasons=REASONS, headline_alternatives=ALTERNATIVES)
    folder = site / "content" / "stories"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    path.write_text(render_front_matter(meta) + "\n" + body + "\n", encoding="utf-8")
    return path


def build(settings: Path) -> str:
    result = run_generator("build", "--no-convert", "--settings", str(settings))
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def output_files(output: Path) -> dict[str, bytes]:
    """Every file of a built site but the search index (binary, rebuilt in parts)."""
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in sorted(output.rglob("*"))
        if p.is_file() and "pagefind" not in p.relative_to(output).parts
    }


def clean_build(site: Path, tmp_path: Path, **overrides) -> dict[str, bytes]:
    """The same content built from nothing in another folder."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(site / "content", fresh / "content")
    build(write_settings(fresh, **overrides))
    return output_files(fresh / "output")


def _queue_site(tmp_path: Path, **overrides) -> Path:
    write_story(tmp_path, "harbour-plan", 1, ["Harbour"], title="Harbour board to", review=True)
    write_story(tmp_path, "ferry-fares", 2, ["Ferries"])
    write_story(tmp_path, "choir-wins", 3, ["Choirs"], title="Choir wins", review=True)
    return write_settings(tmp_path, **overrides)


# ------------------------------------------------------------ the queue
def test_review_lists_each_marked_story_with_its_reasons_and_alternatives(tmp_path):
    settings = _queue_site(tmp_path)
    result = run_generator("review", "--settings", str(settings))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    stories = tmp_path / "content" / "stories"
    assert str(stories / "harbour-plan.md") in out and str(stories / "choir-wins.md") in out
    assert "ferry-fares" not in out
    assert "Harbour board to" in out and "Choir wins" in out
    for text in REASONS + ALTERNATIVES:
        assert text in out
    # Each story's block: path, then its headline, reasons and alternatives.
    block = out[out.index("harbour-plan.md") :]
    assert block.index("Harbour board to") < block.index("no main verb found") < block.index(ALTERNATIVES[0])
    assert "2 stories waiting for review" in out
    assert "published as they are" in out  # NEWSROOM_REVIEW_BEFORE_PUBLISH defaults to False
    assert "\x1b[" not in out  # no terminal styling in a pipe
    assert result.stderr == ""


def test_an_editor_clears_the_mark_by_deleting_the_review_line(tmp_path):
    settings = _queue_site(tmp_path)
    story = tmp_path / "content" / "stories" / "choir-wins.md"
    story.write_text(
        "".join(line for line in story.read_text().splitlines(keepends=True) if not line.startswith("review:"))
    )
    result = run_generator("review", "--settings", str(settings))
    assert result.returncode == 0
    assert "choir-wins" not in result.stdout and "1 story waiting for review" in result.stdout


def test_empty_queue_says_so_and_succeeds(tmp_path):
    write_story(tmp_path, "ferry-fares", 2, ["Ferries"])
    result = run_generator("review", "--settings", str(write_settings(tmp_path)))
    assert result.returncode == 0
    assert result.stdout.strip() == "no stories waiting for review"
    # No stories folder at all (a new site) is an empty queue too.
    empty = tmp_path / "empty"
    (empty / "content").mkdir(parents=True)
    result = run_generator("review", "--settings", str(write_settings(empty)))
    assert (result.returncode, result.stdout.strip()) == (0, "no stories waiting for review")


def test_a_broken_file_is_named_with_its_line_and_the_rest_are_listed(tmp_path):
    settings = _queue_site(tmp_path)
    broken = tmp_path / "content" / "stories" / "broken.md"
    broken.write_text('---\ntitle: "ok"\ntags: [unclosed\n---\nbody\n')
    result = run_generator("review", "--settings", str(settings))
    assert result.returncode == 1
    assert f"error: {broken}: line 3: invalid YAML front matter" in result.stderr
    assert "Traceback" not in result.stderr
    assert "harbour-plan.md" in result.stdout and "choir-wins.md" in result.stdout
    assert "2 stories waiting for review" in result.stdout


def test_json_output_for_tools(tmp_path):
    settings = _queue_site(tmp_path, NEWSROOM_REVIEW_BEFORE_PUBLISH=True)
    (tmp_path / "content" / "stories" / "latin1.md").write_bytes(b'---\ntitle: "caf\xe9"\n---\nbody\n')
    result = run_generator("review", "--json", "--settings", str(settings))
    assert result.returncode == 1
    queue = json.loads(result.stdout)
    assert queue["count"] == 2 and queue["held_before_publish"] is True
    first = queue["stories"][0]
    assert first["path"].endswith("choir-wins.md")
    assert first["title"] == "Choir wins" and first["review"] == "headline" and first["held"] is True
    assert first["reasons"] == REASONS and first["alternatives"] == ALTERNATIVES
    assert first["date"] == "2026-03-03T09:00:00+00:00"
    assert [e["line"] for e in queue["errors"]] == [2]
    assert queue["errors"][0]["path"].endswith("latin1.md") and "UTF-8" in queue["errors"][0]["message"]
    assert "latin1.md: line 2: not UTF-8" in result.stderr


def test_review_of_one_file_and_of_a_missing_path(tmp_path):
    settings = _queue_site(tmp_path)
    one = tmp_path / "content" / "stories" / "choir-wins.md"
    result = run_generator("review", "--settings", str(settings), str(one))
    assert result.returncode == 0 and "1 story waiting for review" in result.stdout
    result = run_generator("review", "--settings", str(settings), str(tmp_path / "nope"))
    assert result.returncode == 1 and "nope: no such file or folder" in result.stderr


def test_review_help_explains_the_queue():
    result = run_generator("review", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for words in ("review: headline", "--json", "delete the story's 'review' line", "NEWSROOM_REVIEW_BEFORE_PUBLISH"):
        assert words in text, words
    assert "Exit status: 0" in text


# ------------------------------------------------------ held for review
HELD_TITLE = "Harbour board to"


def _held_texts() -> list[str]:
    """What would give a held story away anywhere in the output."""
    return ["harbour-plan", HELD_TITLE, "Standfirst of story harbour-plan", "000000000001"]


def test_held_stories_are_absent_from_every_file_of_the_site(tmp_path):
    write_story(tmp_path, "harbour-plan", 1, ["Harbour", "Ferries"], title=HELD_TITLE, review=True)
    write_story(tmp_path, "ferry-fares", 2, ["Ferries"])
    write_story(tmp_path, "ferry-timetable", 3, ["Ferries", "Timetables"])
    settings = write_settings(tmp_path, NEWSROOM_REVIEW_BEFORE_PUBLISH=True)
    stdout = build(settings)
    assert "build: 2 stories rendered" in stdout
    assert "review: 1 story held for review, not published" in stdout
    output = tmp_path / "output"
    files = output_files(output)
    assert "stories/ferry-fares/index.html" in files
    assert not any("harbour-plan" in name or name.startswith("drafts/") for name in files)
    for name, data in files.items():
        for text in _held_texts():
            assert text.encode() not in data, (name, text)
    # The topic only the held story has gets no page, no feed, no link.
    assert not (output / "topics" / "harbour").exists()
    assert b"Harbour" not in files["topics/index.html"]
    assert not any(name.startswith("feeds/topics/harbour") for name in files)
    # The search index holds the two published stories only.
    entry = json.loads((output / "pagefind" / "00-0" / "pagefind-entry.json").read_text())
    assert sum(language["page_count"] for language in entry["languages"].values()) == 2
    # A build with nothing changed still says so.
    assert "review: 1 story held for review" in build(settings)


def test_deleting_the_mark_publishes_the_story_as_a_clean_build_would(tmp_path):
    held = write_story(tmp_path, "harbour-plan", 1, ["Harbour", "Ferries"], title=HELD_TITLE, review=True)
    write_story(tmp_path, "ferry-fares", 2, ["Ferries"])
    options = {"NEWSROOM_REVIEW_BEFORE_PUBLISH": True, "NEWSROOM_SEARCH": False}
    settings = write_settings(tmp_path, **options)
    build(settings)
    lines = held.read_text().splitlines(keepends=True)
    held.write_text("".join(line for line in lines if not line.startswith("review:")))
    stdout = build(settings)
    assert "held for review" not in stdout
    output = tmp_path / "output"
    page = (output / "stories" / "harbour-plan" / "index.html").read_text()
    assert HELD_TITLE in page
    assert "harbour-plan" in (output / "feeds" / "all.atom.xml").read_text()
    assert "stories/harbour-plan/" in (output / "sitemap.xml").read_text()
    # The reasons and alternatives stay in the file for the record, never on the site.
    for text in REASONS + ALTERNATIVES:
        assert text not in page
    assert output_files(output) == clean_build(tmp_path, tmp_path, **options)


def test_without_holding_marked_stories_are_published_without_their_review_fields(tmp_path):
    write_story(tmp_path, "harbour-plan", 1, ["Harbour"], title=HELD_TITLE, review=True)
    write_story(tmp_path, "ferry-fares", 2, ["Ferries"])
    stdout = build(write_settings(tmp_path))
    assert "build: 2 stories rendered" in stdout
    assert "review: 1 story marked for headline review" in stdout
    # Nothing changed: the count is the one the last build kept, not read again.
    again = build(write_settings(tmp_path))
    assert "nothing changed since the last build" in again
    assert "review: 1 story marked for headline review" in again
    files = output_files(tmp_path / "output")
    assert "stories/harbour-plan/index.html" in files
    for name, data in files.items():
        for text in [*REASONS, *ALTERNATIVES, "review_reasons", "headline_alternatives"]:
            assert text.encode() not in data, (name, text)
