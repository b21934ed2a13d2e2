"""Hostile and broken raw input: every case gets a clear message naming the
file, the rest of the run goes on, nothing executes, nothing is lost.

The cases are a table; one conversion (and one build) runs them all together,
as a newsroom's raw folder would hold them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
import yaml
from conftest import build, run_generator, write_settings
from samples import CHOIR, HARBOUR

from generator.convert.converter import convert
from generator.settings import ConvertSettings

STORY = "\n".join(HARBOUR)
TWO = "\n".join(HARBOUR + CHOIR)
EVIL = (
    "<script>alert('x')</script> Council <iframe src=//evil.example></iframe> meets "
    '<img src=x onerror="alert(1)"> on [a link](javascript:alert(1)) and **bold** `code` plans.'
)


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    stories: int = 0  # stories expected from this file
    error: str = ""  # substring of the error naming the file
    warning: str = ""  # substring of a warning naming the file


CASES = [
    Case("empty.txt", b"", error="is empty"),
    Case("whitespace.txt", b"  \n\t\n \r\n", error="holds only whitespace"),
    Case("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", error="binary"),
    Case("latin1.txt", STORY.replace("Walcott", "Walc\u00f6tt").encode("cp1252"), 1, warning="Windows-1252"),
    Case("bom.txt", b"\xef\xbb\xbf" + STORY.encode(), 1),
    Case("utf16.txt", STORY.replace("\n", "\r\n").encode("utf-16"), 1, warning="UTF-16"),
    Case("utf16be.txt", b"\xfe\xff" + STORY.encode("utf-16-be"), 1, warning="UTF-16"),
    Case("utf32.txt", STORY.encode("utf-32"), 1, warning="UTF-32"),
    Case("crlf.txt", TWO.replace("\n", "\r\n").encode(), 2),
    Case("lone-cr.txt", TWO.replace("\n", "\r").encode(), 2),
    Case("long-line.txt", ("word " * 1_000_000).encode(), 1, warning="characters long"),
    Case("only-standfirst.txt", HARBOUR[0].encode(), 1, warning="only a standfirst"),
    Case("headline.txt", ("Harbour dredging to begin\n\n" + "\n\n".join(HARBOUR)).encode(), 1),
    Case(
        "cyrillic.txt",
        "Городской совет одобрил план строительства нового моста через реку.\n"
        "Совет заявил во вторник, что строительство начнётся весной и займёт два года.".encode(),
        1,
    ),
    Case(
        "arabic.txt",
        "وافق مجلس المدينة على خطة لبناء جسر جديد فوق النهر.\nوقال المجلس إن البناء سيبدأ في الربيع.".encode(),
        1,
    ),
    Case("cjk.txt", ("市议会批准了在河上建造一座新桥的计划" * 8 + "。\n议会表示工程将于春季开始。").encode(), 1),
    Case("emoji.txt", "🎉🎉 Village choir wins national contest 🎶\nThe choir 🎤 sang on Saturday.".encode(), 1),
    Case("with space.txt", STORY.encode(), 1),
    Case("ünïcödé.txt", STORY.encode(), 1),
    Case("-leading-dash.txt", STORY.encode(), 1),
    Case("script.txt", f"{EVIL}\n{EVIL} The council said so.".encode(), 1, warning="HTML tags removed"),
    Case(
        "html-export.txt",
        ("<html><body><p>" + "</p>\n<p>".join(HARBOUR) + "</p></body></html>\n").encode(),
        1,
        warning="HTML tags removed (the first on line 1)",
    ),
    Case("front-matter.txt", ('---\ntitle: "Dredging: a plan"\ndate: 2025-03-01\n---\n' + STORY).encode(), 1),
    Case("bidi.txt", ("\u202e" + STORY.replace("council", "coun\u00adcil")).encode(), 1),
    Case("zalgo.txt", ("T\u0337\u0322h\u0338e\u0334 " + STORY).encode(), 1),
    Case("empty-title.txt", ("Title:\nDate:\n\n" + STORY).encode(), 1),
    Case("future-date.txt", ("Date: 2099-01-01\n\n" + STORY).encode(), 1, warning="is in the future"),
    Case("one-long-line.txt", ("The harbour plan " * 200).encode(), 1, warning="the summary is cut to 1000"),
    Case("yaml-title.txt", ('Title: --- "quoted": & * ! @ # %\n\n' + STORY).encode(), 1),
    Case("control.txt", ("Bell\x07 and null-free \x1b[31m escape " + STORY).encode(), 1),
    Case("traversal.txt", ("Title: ../../etc/passwd\n\n" + STORY).encode(), 1),
    Case("reserved.txt", ("Title: Index\n\n" + STORY).encode(), 1),
    Case("duplicate-1.txt", ("Title: Same headline\n\n" + STORY).encode(), 1),
    Case("duplicate-2.txt", ("Title: Same headline\n\n" + "\n".join(CHOIR)).encode(), 1),
    Case(
        "many.txt", "\n---\n".join(f"Standfirst number {n} of many.\nBody {n}." for n in range(10_000)).encode(), 10_000
    ),
]


def settings(root: Path) -> ConvertSettings:
    return ConvertSettings(root / "content", root / "content" / "raw", root / "content" / "stories")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    s = settings(root)
    s.raw_path.mkdir(parents=True)
    for case in CASES:
        (s.raw_path / case.name).write_bytes(case.data)
    report = convert([s.raw_path], s)
    return root, s, report


def stories_from(s: ConvertSettings, name: str) -> list[dict]:
    metas = []
    for md in s.stories_path.glob("*.md"):
        head = md.read_text(encoding="utf-8").split("---\n")[1]
        if f'"raw/{name}#' in head:
            metas.append(yaml.safe_load(head))
    return metas


@pytest.mark.parametrize("case", [c for c in CASES if c.name != "many.txt"], ids=lambda c: c.name)
def test_each_case_is_reported_and_converted_as_expected(converted, case):
    _, s, report = converted
    path = str(s.raw_path / case.name)
    if case.error:
        assert any(e.startswith(path) and case.error in e for e in report.errors), report.errors
    else:
        assert not any(e.startswith(path) for e in report.errors)
    if case.warning:
        assert any(w.startswith(path) and case.warning in w for w in report.warnings), report.warnings
    metas = stories_from(s, case.name)
    assert len(metas) == case.stories
    for meta in metas:
        assert meta["title"].strip() and len(meta["title"]) <= 90 + 12  # the limit, and room for a source
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", meta["slug"]), meta["slug"]
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", str(meta))


def test_ten_thousand_stories_in_one_file(converted):
    _, s, _ = converted
    assert len(stories_from(s, "many.txt")) == 10_000


def test_the_run_reports_failures_and_keeps_going(converted):
    _, _, report = converted
    assert len(report.errors) == 3, report.errors
    assert report.stories == sum(c.stories for c in CASES)


def test_special_titles_round_trip_and_slugs_stay_inside(converted):
    root, s, _ = converted
    assert stories_from(s, "yaml-title.txt")[0]["title"] == '--- "quoted": & * ! @ # %'
    assert stories_from(s, "traversal.txt")[0]["slug"] == "etc-passwd"
    assert stories_from(s, "reserved.txt")[0]["slug"] == "index-story"
    slugs = {stories_from(s, f"duplicate-{n}.txt")[0]["slug"] for n in (1, 2)}
    assert slugs == {"same-headline", "same-headline-2"}
    outside = [p for p in root.rglob("*") if p.is_file() and not p.is_relative_to(root / "content")]
    assert outside == []


def test_unreadable_file_is_named(tmp_path, monkeypatch):
    s = settings(tmp_path)
    s.raw_path.mkdir(parents=True)
    (s.raw_path / "locked.txt").write_text(STORY)
    (s.raw_path / "fine.txt").write_text(STORY)
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = convert([s.raw_path], s)
    assert report.errors == [f"{s.raw_path / 'locked.txt'}: Permission denied"]
    assert report.stories == 1


def test_leading_dash_file_name_on_the_command_line(site):
    raw = site / "content" / "raw" / "-odd name.txt"
    raw.write_text(STORY)
    result = run_generator("convert", "--settings", str(site / "testconf.py"), "--", str(raw))
    assert result.returncode == 0, result.stderr
    assert "1 stories" in result.stdout


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        kind = dict(attrs).get("type")
        src = dict(attrs).get("src") or ""
        # The theme's own scripts: JSON-LD data, and files from the site itself.
        own = src.startswith("/") and not src.startswith("//")  # root-relative: the site's own file
        if tag != "script" or not (kind == "application/ld+json" or own):
            self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"{tag} {name}={value}")


def test_nothing_in_raw_text_becomes_markup_in_pages_or_feeds(tmp_path):
    raw = tmp_path / "content" / "raw"
    raw.mkdir(parents=True)
    (raw / "script.txt").write_text(
        f"{EVIL}\n{EVIL} The council said so.\n\n\nTitle: <b>Bold</b> & <script>x</script>\n\n{STORY}"
    )
    output = build(write_settings(tmp_path))
    pages = list(output.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text()
        parser = Elements()
        parser.feed(html)
        assert not parser.tags & {"script", "iframe", "object", "embed", "img", "b", "strong", "code"}, page
        assert parser.bad == [], page
        assert "Content-Security-Policy" in html
    story = next(p for p in pages if "council-meets" in str(p) or "alert" in p.read_text())
    # Tags are removed, with what a script holds; Markdown syntax stays text.
    assert "alert('x')" not in story.read_text()
    assert "[a link](javascript:alert(1))" in story.read_text()
    for feed in output.glob("feeds/**/*.xml"):
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo
        for entry in parsed.entries:
            # Topic feeds carry the standfirst only (NEWSROOM_FEED_POLICY).
            for text in [entry.summary, *(c.value for c in entry.get("content", []))]:
                assert "<script" not in text and "<iframe" not in text


def test_front_matter_headers_and_invisible_controls(converted):
    _, s, _ = converted
    (meta,) = stories_from(s, "front-matter.txt")
    assert meta["title"] == "Dredging: a plan"
    assert meta["date"].startswith("2025-03-01")
    (meta,) = stories_from(s, "bidi.txt")
    assert not re.search("[\u202a-\u202e\u00ad]", str(meta))
    (meta,) = stories_from(s, "zalgo.txt")
    assert not re.search("[\u0300-\u036f]", str(meta))
    (meta,) = stories_from(s, "empty-title.txt")
    assert meta["title"] != "Title:" and meta["summary"] == HARBOUR[0]
    (meta,) = stories_from(s, "html-export.txt")
    assert "<" not in str(meta)
    assert meta["summary"] == HARBOUR[0]


def test_a_whole_story_on_one_line_keeps_its_text_in_the_body(converted):
    _, s, _ = converted
    (meta,) = stories_from(s, "one-long-line.txt")
    assert len(meta["summary"]) <= 1000 and meta["summary"].endswith("\u2026")
    md = next(p for p in s.stories_path.glob("*.md") if '"raw/one-long-line.txt#' in p.read_text())
    assert ("The harbour plan " * 200).strip() in md.read_text()


def test_a_link_out_of_the_raw_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Private standfirst that must not be published.\nPrivate body.\n")
    s = settings(tmp_path)
    s.raw_path.mkdir(parents=True)
    (s.raw_path / "story.txt").write_text(STORY)
    (s.raw_path / "link.txt").symlink_to(secret)
    report = convert([s.raw_path], s)
    assert any("link.txt" in e and "outside" in e for e in report.errors), report.errors
    assert report.stories == 1
    assert not any("Private" in p.read_text() for p in s.stories_path.glob("*.md"))
