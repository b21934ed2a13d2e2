import pytest

from generator.convert.markdown import FrontMatterError, escape_markdown, parse_front_matter, render_story
from generator.convert.model import Story


def story(**changes) -> Story:
    values = dict(
        title="Council approves homes",
        summary="The council has approved 300 homes.",
        body=("First paragraph.", "Second paragraph."),
        slug="council-approves-homes",
        story_id="urn:uuid:00000000-0000-5000-8000-000000000000",
        date="2025-03-01T09:00:00+00:00",
        source="raw/town.txt#1",
        category="Politics",
        tags=("Housing", "Port Ellis"),
    )
    values.update(changes)
    return Story(**values)


@pytest.mark.parametrize(
    "title",
    ["Plan: phase two", 'He said "no"', "--- leading dashes", "& more * stars ! bang @ at # hash", "yes", "2025-01-01"],
)
def test_awkward_titles_round_trip_through_front_matter(title):
    meta, _ = parse_front_matter(render_story(story(title=title)))
    assert meta["title"] == title


def test_front_matter_holds_every_field_and_body_paragraphs():
    text = render_story(story(modified="2025-03-02T10:00:00+00:00"))
    meta, body = parse_front_matter(text)
    assert meta == {
        "title": "Council approves homes",
        "date": "2025-03-01T09:00:00+00:00",
        "modified": "2025-03-02T10:00:00+00:00",
        "slug": "council-approves-homes",
        "summary": "The council has approved 300 homes.",
        "category": "Politics",
        "tags": ["Housing", "Port Ellis"],
        "id": "urn:uuid:00000000-0000-5000-8000-000000000000",
        "source": "raw/town.txt#1",
    }
    assert body == "First paragraph.\n\nSecond paragraph.\n"


def test_raw_html_and_markdown_syntax_are_escaped():
    escaped = escape_markdown("<b>x</b> *y* `z` [a](b) &amp;")
    assert "<" not in escaped
    assert escaped == "&lt;b&gt;x&lt;/b&gt; \\*y\\* \\`z\\` \\[a\\](b) &amp;amp;"


def test_broken_front_matter_names_the_line():
    with pytest.raises(FrontMatterError, match="line 3"):
        parse_front_matter('---\ntitle: "ok"\ntags: [unclosed\n---\nbody\n')
    with pytest.raises(FrontMatterError, match="closing"):
        parse_front_matter("---\ntitle: x\n")
