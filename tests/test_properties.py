"""Property tests: whatever text arrives, the converter terminates, the front
matter reads back unchanged, the HTML holds only the markup we put there, and
the feeds parse."""

from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown import Markdown

from generator.convert.clean import clean_paragraph
from generator.convert.converter import draft_stories
from generator.convert.markdown import escape_markdown, parse_front_matter, render_story
from generator.convert.model import Story
from generator.convert.parse_headline import ATTRIBUTION_CHARS
from generator.feeds import FeedItem, FeedSpec, build_feed_set
from generator.settings import ConvertSettings

CONFIG = ConvertSettings(Path("c"), Path("c/raw"), Path("c/stories"))
# Pelican's default Markdown extensions, as the site uses them.
PELICAN_MARKDOWN = {
    "extensions": ["markdown.extensions.codehilite", "markdown.extensions.extra"],
    "extension_configs": {"markdown.extensions.codehilite": {"css_class": "highlight"}},
    "output_format": "html5",
}
raw_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=600,
) | st.lists(
    st.sampled_from(
        [
            "<",
            ">",
            "&",
            "*",
            "_",
            "`",
            "[",
            "]",
            "(",
            ")",
            "#",
            "-",
            "~",
            ":",
            "|",
            "=",
            "\n",
            "\n\n",
            " ",
            "a",
            "B",
            "1.",
            "!",
            "\\",
            "{",
            "}",
            "\u00e9",
            "\r",
            "\f",
            "javascript:",
            "<script>",
            "http://x",
            "---",
            "\x07",
        ]
    ),
    max_size=80,
).map("".join)
PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROFILE
@given(raw_text)
def test_any_text_converts_and_terminates(text):
    drafts, _ = draft_stories(text, CONFIG)
    for draft in drafts:
        assert draft.summary.strip()
        assert draft.title.strip()
        # An attribution may take a headline a little past the limit.
        assert len(draft.title) <= CONFIG.headline_max_chars + ATTRIBUTION_CHARS


clean = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)
    .map(clean_paragraph)
    .filter(bool)
)


@PROFILE
@given(title=clean, summary=clean, body=st.lists(clean, max_size=3), tags=st.lists(clean, max_size=4))
def test_front_matter_reads_back_the_same_values(title, summary, body, tags):
    story = Story(
        title=title,
        summary=summary,
        body=tuple(body),
        slug="s",
        story_id="urn:uuid:1",
        date="2025-01-01T00:00:00+00:00",
        source="raw/x.txt#1",
        category="World",
        tags=tuple(tags),
    )
    meta, _ = parse_front_matter(render_story(story))
    assert meta["title"] == title
    assert meta.get("tags", []) == tags
    assert meta["summary"] == escape_markdown(summary)


class Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@PROFILE
@given(clean)
def test_escaped_paragraph_renders_as_one_plain_paragraph(paragraph):
    html = Markdown(**PELICAN_MARKDOWN).convert(escape_markdown(paragraph))
    parser = Markup()
    parser.feed(html)
    assert parser.found == [("p", [])], (paragraph, html)


@PROFILE
@given(title=clean, content=clean)
def test_feeds_parse_whatever_the_text(title, content):
    when = datetime(2025, 1, 1, tzinfo=UTC)
    item = FeedItem("urn:uuid:1", title, "https://e.org/s/", when, when, f"<p>{content}</p>", content, "Desk")
    site = {"url": "https://e.org", "language": "en", "author": "Desk", "max_items": 5}
    files = build_feed_set(FeedSpec("T", "S", "feeds/all", "https://e.org/"), [item], site)
    for name in ("feeds/all.rss.xml", "feeds/all.atom.xml"):
        parsed = feedparser.parse(files[name])
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert len(parsed.entries) == 1


# Text with every character Markdown might care about, and some it does not.
markdownish = st.text(
    alphabet=st.sampled_from(list("abc XYZ019 .,;:!?'\"()-+*_#>[]<>&|{}~^=`\\\n\t\u2019\u201c\u00e9")),
    max_size=300,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_plain_paragraph_shortcut_matches_python_markdown(text):
    from generator.convert.markdown import plain_paragraphs_html

    quick = plain_paragraphs_html(text)
    if quick is not None:
        assert quick == Markdown(**PELICAN_MARKDOWN).convert(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.sampled_from(list("abc XYZ 019.,;!?'\"()-\u2019")), min_size=1), max_size=6))
def test_plain_paragraph_shortcut_is_taken_for_plain_stories(paragraphs):
    from generator.convert.markdown import plain_paragraphs_html

    text = "\n\n".join(paragraphs)
    quick = plain_paragraphs_html(text)
    if quick is not None:
        assert quick == Markdown(**PELICAN_MARKDOWN).convert(text)


def test_the_site_settings_let_plain_stories_skip_python_markdown():
    from generator.pelican_plugin import _HTMLConverter
    from generator.settings import load_pelican_settings

    settings = load_pelican_settings(Path(__file__).resolve().parent.parent / "pelicanconf.py")
    converter = _HTMLConverter(settings["MARKDOWN"])
    assert converter.plain_ok
    assert converter.convert("One plain paragraph.\n\nAnother.") == "<p>One plain paragraph.</p>\n<p>Another.</p>"
    assert converter.md is None  # Python-Markdown never started


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_plain_ascii_shortcut_cleans_as_ftfy_would(text):
    from unittest import mock

    from generator.convert import clean as cleaning

    with mock.patch.object(cleaning, "_plain_ascii", return_value=False):
        through_ftfy = cleaning.clean_paragraph(text)
    assert cleaning.clean_paragraph(text) == through_ftfy


@given(
    # (A story's topics are each shown once: generator.site.shown_topics.)
    st.lists(st.lists(st.sampled_from("abcdef"), max_size=3, unique=True), min_size=1, max_size=40),
    st.sets(st.integers(min_value=0, max_value=39), max_size=6),
)
def test_related_stories_of_a_few_are_those_of_the_whole_site(topics, chosen):
    """A quick build works out the related stories of a few stories (found
    in each topic by their place in time); a full build, of every story."""
    from types import SimpleNamespace

    from generator import site

    tags = {slug: SimpleNamespace(slug=slug, name=slug) for slug in "abcdef"}
    stories = [
        SimpleNamespace(date=datetime(2026, 3, 1 + n % 28, n % 24, tzinfo=UTC), url=f"{n}/", tags=[tags[t] for t in ts])
        for n, ts in enumerate(topics)
    ]
    whole = site.related_map(stories, limit=3, window=4)
    few = {id(s) for n, s in enumerate(stories) if n in chosen}
    assert site.related_map(stories, limit=3, window=4, only=few) == {k: whole[k] for k in few}
