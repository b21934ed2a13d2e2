"""Rebuilds render only the pages whose inputs changed, and every page that
shows a changed story is rendered again."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, run_generator, seed_site, write_settings


def _build(settings: Path, *extra: str) -> str:
    result = run_generator("build", "--no-convert", "--settings", str(settings), *extra)
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def _pages_line(stdout: str) -> tuple[int, int]:
    match = re.search(r"pages: (\d+) rendered, (\d+) unchanged", stdout)
    assert match, stdout
    return int(match.group(1)), int(match.group(2))


def _stories(site: Path) -> list[Path]:
    return sorted((site / "content" / "stories").glob("*.md"))


def _story_pages(output: Path) -> list[Path]:
    return sorted((output / "stories").rglob("index.html"))


def _converted_seed(tmp_path: Path, **overrides) -> Path:
    settings = seed_site(tmp_path, **overrides)
    result = run_generator("convert", "-q", "--settings", str(settings))
    assert result.returncode == 0, result.stderr
    return settings


def test_unchanged_rebuild_reuses_every_story_page(tmp_path):
    settings = _converted_seed(tmp_path)
    first = _pages_line(_build(settings))
    assert first[1] == 0
    rendered, reused = _pages_line(_build(settings))
    assert reused >= len(_story_pages(tmp_path / "output")) == 2
    assert rendered + reused == sum(first)


def test_edited_headline_reaches_every_page_that_shows_it(tmp_path):
    settings = _converted_seed(tmp_path)
    output = tmp_path / "output"
    _build(settings)
    edited, other = _stories(tmp_path)
    text = edited.read_text(encoding="utf-8")
    line = re.search(r"^title: (.+)$", text, re.M)
    old_title = line.group(1).strip("'\"")
    edited.write_text(text.replace(line.group(0), "title: Harbour ferry returns after storm", 1))
    _pages_line(_build(settings))
    holders = [p for p in output.rglob("*.html") if "pagefind" not in p.parts]
    # The summary may repeat the old headline's words; a headline is a link or a heading.
    stale = [p.relative_to(output).as_posix() for p in holders if f">{old_title}<" in p.read_text(encoding="utf-8")]
    assert stale == []
    showing = {p.relative_to(output).as_posix() for p in holders if "Harbour ferry returns" in p.read_text()}
    # Both story pages (its own; the other's related and newer/older links)
    # and the topic pages the story is listed on.
    assert {p.relative_to(output).as_posix() for p in _story_pages(output)} <= showing
    assert any(name.startswith("topics/") for name in showing)
    assert other.is_file()


def test_theme_change_renders_every_page_again(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = _converted_seed(tmp_path / "site", THEME=str(theme))
    output = tmp_path / "site" / "output"
    _build(settings)
    article = theme / "templates" / "article.html"
    article.write_text(article.read_text().replace("{% block content %}", "{% block content %}<!-- v2 -->", 1))
    _, reused = _pages_line(_build(settings))
    assert reused == 0
    assert all("<!-- v2 -->" in p.read_text() for p in _story_pages(output))


def test_setting_change_renders_every_page_again(tmp_path):
    settings = _converted_seed(tmp_path)
    _build(settings)
    write_settings(tmp_path, SITENAME="Harbour Gazette")
    _, reused = _pages_line(_build(settings))
    assert reused == 0
    assert all("Harbour Gazette" in p.read_text() for p in _story_pages(tmp_path / "output"))


def test_deleted_page_is_rendered_again(tmp_path):
    settings = _converted_seed(tmp_path)
    output = tmp_path / "output"
    _build(settings)
    page = _story_pages(output)[0]
    before = page.read_bytes()
    page.unlink()
    _build(settings)
    assert page.read_bytes() == before


def test_search_index_reindexes_only_the_part_that_changed(tmp_path):
    settings = _converted_seed(tmp_path, NEWSROOM_SEARCH_PART_SIZE=1)
    index = tmp_path / "output" / "pagefind"
    _build(settings)
    (index / "pagefind-entry.json").write_text("{}")  # left by an older, single index
    entries = {name: index / name / "pagefind-entry.json" for name in ("00", "01")}
    before = {name: path.stat().st_mtime_ns for name, path in entries.items()}
    # The newest story is in the last part.
    newest = max(_stories(tmp_path), key=lambda p: re.search(r"^date: (.+)$", p.read_text(), re.M).group(1))
    newest.write_text(newest.read_text().replace("\n---\n", "\n---\nA new first paragraph about ferries.\n\n", 1))
    _build(settings)
    assert entries["00"].stat().st_mtime_ns == before["00"]
    assert entries["01"].stat().st_mtime_ns != before["01"]
    assert sorted(p.name for p in index.iterdir()) == ["00", "01"]


TOWNS = ["Ardmore", "Bellhaven", "Carrow", "Dunmere", "Eskby", "Fallow", "Glenrock"]


def _write_town_story(raw: Path, n: int) -> None:
    """One raw file per story, dated a day apart, so the order is known."""
    town = TOWNS[n]
    text = "\n".join(
        [
            f"Date: 2026-03-{n + 1:02d}",
            f"The {town} library will open on Sundays from next month after a campaign by local readers.",
            f"{town} council said on Monday its library would open on Sundays from next month after readers "
            "collected signatures for a longer week.",
            "The change costs little, the council said, because volunteers will staff the desk.",
        ]
    )
    (raw / f"{town.lower()}.txt").write_text(text + "\n", encoding="utf-8")


def _town_site(tmp_path: Path, count: int) -> Path:
    raw = tmp_path / "content" / "raw"
    raw.mkdir(parents=True)
    for n in range(count):
        _write_town_story(raw, n)
    return write_settings(tmp_path, DEFAULT_PAGINATION=2, NEWSROOM_SEARCH=False)


def test_a_new_story_leaves_older_listing_pages_alone(tmp_path):
    settings = _town_site(tmp_path, 6)
    output = tmp_path / "output"
    assert run_generator("build", "-q", "--settings", str(settings)).returncode == 0
    # Six stories, two per page: page 2 holds the oldest two, page 3 the next two.
    older = {n: output / "page" / str(n) / "index.html" for n in (2, 3)}
    assert "Ardmore" in older[2].read_text() and "Bellhaven" in older[2].read_text()
    assert "Carrow" in older[3].read_text() and "Dunmere" in older[3].read_text()
    before = {n: (p.read_bytes(), p.stat().st_mtime_ns) for n, p in older.items()}
    _write_town_story(tmp_path / "content" / "raw", 6)
    assert run_generator("build", "-q", "--settings", str(settings)).returncode == 0
    assert {n: (p.read_bytes(), p.stat().st_mtime_ns) for n, p in older.items()} == before
    front = (output / "index.html").read_text()
    assert all(town in front for town in ("Glenrock", "Fallow", "Eskby"))
    assert 'rel="next" href="/page/3/"' in front
    assert 'rel="prev" href="/"' in older[3].read_text()
    assert not (output / "page" / "4").exists()


def test_pages_and_feeds_of_a_deleted_story_disappear(tmp_path):
    settings = _town_site(tmp_path, 3)
    output = tmp_path / "output"
    assert run_generator("build", "-q", "--settings", str(settings)).returncode == 0
    story = next(p for p in _stories(tmp_path) if "carrow" in p.name)
    page = output / "stories" / story.stem / "index.html"
    assert page.is_file()
    story.unlink()
    # The raw file goes too, or the converter would (rightly) report it missing.
    (tmp_path / "content" / "raw" / "carrow.txt").unlink()
    assert run_generator("build", "-q", "--settings", str(settings)).returncode == 0
    assert not page.exists() and not page.parent.exists()
    assert story.stem not in (output / "sitemap.xml").read_text()
    assert (output / "stories").is_dir()


def _feed_files(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted((output / "feeds").rglob("*")) if p.is_file()}


def test_feeds_written_by_a_forked_worker_match_the_inline_ones(tmp_path, monkeypatch):
    from generator import pelican_plugin
    from generator.build import build_site

    settings = _converted_seed(tmp_path, NEWSROOM_SEARCH=False)
    monkeypatch.setattr(pelican_plugin, "FEEDS_IN_WORKER_FROM", 10**9)
    inline = build_site(settings, tmp_path / "inline", quiet=True)
    monkeypatch.setattr(pelican_plugin, "FEEDS_IN_WORKER_FROM", 0)
    forked = build_site(settings, tmp_path / "forked", quiet=True)
    assert inline.errors == forked.errors == 0
    assert _feed_files(tmp_path / "forked") == _feed_files(tmp_path / "inline") != {}


def test_topic_pages_match_what_pelicans_own_generate_tags_writes(tmp_path, monkeypatch):
    from pelican.generators import ArticlesGenerator

    from generator import pelican_plugin
    from generator.build import build_site

    settings = _converted_seed(tmp_path, NEWSROOM_SEARCH=False)
    ours = build_site(settings, tmp_path / "ours", quiet=True)
    monkeypatch.setattr(pelican_plugin, "_generate_tags", ArticlesGenerator.generate_tags)
    pelicans = build_site(settings, tmp_path / "pelicans", quiet=True)
    assert ours.errors == pelicans.errors == 0

    def topic_pages(output: Path) -> dict[str, bytes]:
        return {str(p.relative_to(output)): p.read_bytes() for p in sorted((output / "topics").rglob("*.html"))}

    assert topic_pages(tmp_path / "ours") == topic_pages(tmp_path / "pelicans") != {}


def _mtimes(output: Path) -> dict[str, int]:
    return {p.relative_to(output).as_posix(): p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}


def test_a_build_with_nothing_changed_stops_before_pelican(tmp_path):
    settings = _converted_seed(tmp_path)
    output = tmp_path / "output"
    _build(settings)
    before = _mtimes(output)
    stdout = _build(settings)
    assert "nothing changed since the last build" in stdout
    assert _pages_line(stdout)[0] == 0
    assert _mtimes(output) == before
    # Any input touched, and Pelican runs again.
    story = _stories(tmp_path)[0]
    story.write_text(story.read_text(encoding="utf-8").replace("\n---\n", "\n---\nA new first line.\n\n", 1))
    stdout = _build(settings)
    assert "nothing changed" not in stdout and _pages_line(stdout)[0] > 0
    # So does a change to the output: a file someone removed comes back.
    page = _story_pages(output)[0]
    page.unlink()
    assert "nothing changed" not in _build(settings)
    assert page.is_file()


def test_a_build_with_warnings_is_never_taken_as_up_to_date(tmp_path):
    from generator import up_to_date

    settings = {"CACHE_PATH": str(tmp_path / "cache"), "OUTPUT_PATH": str(tmp_path / "out")}
    (tmp_path / "out").mkdir()
    up_to_date.record(settings, "inputs", stories=1, pages=1, clean=True)
    assert up_to_date.unchanged(settings, "inputs") is not None
    assert up_to_date.unchanged(settings, "other inputs") is None
    up_to_date.forget(settings)
    up_to_date.record(settings, "inputs", stories=1, pages=1, clean=False)
    assert up_to_date.unchanged(settings, "inputs") is None


def _files(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in output.rglob("*")
        if p.is_file() and "pagefind" not in p.relative_to(output).parts
    }


def test_a_pruning_build_leaves_exactly_what_a_build_into_an_empty_folder_writes(tmp_path):
    site = tmp_path / "site"
    options = {"NEWSROOM_PRUNE_OUTPUT": True, "CACHE_PATH": str(tmp_path / "cache")}
    settings = _converted_seed(site, GITHUB_PAGES_CNAME="news.example.org", **options)
    output = site / "output"
    _build(settings)
    assert (output / "CNAME").is_file()
    # What the next build will not write: a page put there by hand, a theme
    # file since renamed, a story page since removed, and the CNAME.
    (output / "stray.html").write_text("<p>left by hand</p>")
    (output / "theme" / "old.css").write_text("body {}")
    (output / "stories" / "gone").mkdir()
    (output / "stories" / "gone" / "index.html").write_text("<p>gone</p>")
    write_settings(site, **options)
    stdout = _build(settings)
    assert "nothing changed" not in stdout
    fresh = tmp_path / "fresh"
    shutil.copytree(site / "content", fresh / "content")
    _build(write_settings(fresh, NEWSROOM_PRUNE_OUTPUT=True, CACHE_PATH=str(tmp_path / "fresh-cache")))
    assert _files(output) == _files(fresh / "output")
    assert not (output / "stories" / "gone").exists() and not (output / "CNAME").exists()
    # A rebuild that reuses every page still keeps them all, and only them.
    (output / "stray.html").write_text("<p>left by hand again</p>")
    rendered, reused = _pages_line(_build(settings))
    assert reused > rendered
    assert _files(output) == _files(fresh / "output")


def test_an_output_folder_that_holds_the_project_is_never_pruned(tmp_path):
    from generator.pelican_plugin import _safe_to_prune

    settings = {"PATH": str(tmp_path / "content"), "THEME": str(tmp_path / "theme"), "CACHE_PATH": str(tmp_path / "c")}
    assert _safe_to_prune(settings, tmp_path / "output")
    assert not _safe_to_prune(settings, tmp_path)  # OUTPUT_PATH = "." by mistake
    (tmp_path / "output" / ".git").mkdir(parents=True)
    assert not _safe_to_prune(settings, tmp_path / "output")


def _topic_counts(index: Path) -> dict[str, int]:
    found = re.findall(r'<a href="[^"]*">([^<]+)</a> <span class="count">(\d+) stor', index.read_text(encoding="utf-8"))
    return {name: int(count) for name, count in found}


def test_the_topic_index_follows_every_topic(tmp_path):
    settings = _town_site(tmp_path, 4)
    index = tmp_path / "output" / "topics" / "index.html"
    assert run_generator("build", "-q", "--settings", str(settings)).returncode == 0
    before = _topic_counts(index)
    assert before == dict.fromkeys(TOWNS[:4], 1)
    # An edit that leaves every topic as it was leaves the index as it was.
    story = _stories(tmp_path)[0]
    story.write_text(story.read_text(encoding="utf-8") + "\nThe desk opens at ten.\n", encoding="utf-8")
    _build(settings)
    assert _topic_counts(index) == before
    # A new story's topic is listed.
    _write_town_story(tmp_path / "content" / "raw", 4)
    assert run_generator("build", "-q", "--settings", str(settings)).returncode == 0
    assert _topic_counts(index) == {**before, TOWNS[4]: 1}


def test_a_term_index_is_described_by_each_terms_name_address_and_count():
    from types import SimpleNamespace as S

    from generator.page_memo import page_inputs

    ferries, tolls = S(name="Ferries", url="topics/ferries/"), S(name="Tolls", url="topics/tolls/")
    one, two = object(), object()
    inputs = page_inputs("tags", {"output_file": "topics/index.html", "tags": [(ferries, [one]), (tolls, [one, two])]})
    same = page_inputs("tags", {"output_file": "topics/index.html", "tags": [(tolls, [two, one]), (ferries, [two])]})
    grown = page_inputs("tags", {"output_file": "topics/index.html", "tags": [(ferries, [one, two]), (tolls, [one])]})
    assert inputs == same  # the page sorts the terms itself; which stories, it does not show
    assert grown != inputs
