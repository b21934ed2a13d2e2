"""Topics on the built site: a topic shows once enough stories carry it,
and names are merged site-wide ("Blair" into "Tony Blair", "TimeWarner"
into "Time Warner"), while the stories' front matter keeps every tag."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import write_settings
from test_review import build, clean_build, output_files, write_story

from generator.site import merge_topic_names, shown_topics

# A small site applies the threshold only with this.
STRICT = {"NEWSROOM_TOPIC_THRESHOLD_FROM_STORIES": 0, "NEWSROOM_SEARCH": False}


def _topic_everywhere(output: Path, slug: str, name: str) -> dict[str, bool]:
    """Where a topic shows up on the built site."""
    files = output_files(output)
    link = f"/topics/{slug}/".encode()
    return {
        "page": f"topics/{slug}/index.html" in files,
        "feeds": any(n.startswith(f"feeds/topics/{slug}.") for n in files),
        "index": link in files["topics/index.html"],
        "feeds page": link in files["feeds/index.html"],
        "sitemap": link in files["sitemap.xml"],
        "story links": any(link in data for n, data in files.items() if n.startswith("stories/")),
        # (The front page links a topic only in a block of stories not
        # already on it, or among the lead's topics: not always.)
        "feed categories": f'term="{name}"'.encode() in files["feeds/all.atom.xml"],
        "keywords": any(f'content="{name}"'.encode() in data for n, data in files.items() if n.startswith("stories/")),
    }


def test_a_topic_with_one_story_shows_nowhere_but_stays_in_the_front_matter(tmp_path):
    first = write_story(tmp_path, "ferry-fares", 1, ["Ferries", "Lighthouses"])
    write_story(tmp_path, "ferry-timetable", 2, ["Ferries"])
    before = first.read_bytes()
    output = tmp_path / "output"
    build(write_settings(tmp_path, **STRICT))
    assert not any(_topic_everywhere(output, "lighthouses", "Lighthouses").values())
    assert all(_topic_everywhere(output, "ferries", "Ferries").values())
    assert not (output / "tag").exists()  # Pelican's own tag pages
    assert first.read_bytes() == before


def test_a_second_story_brings_the_topic_in_as_a_clean_build_would(tmp_path):
    write_story(tmp_path, "ferry-fares", 1, ["Ferries", "Lighthouses"])
    write_story(tmp_path, "ferry-timetable", 2, ["Ferries"])
    settings = write_settings(tmp_path, **STRICT)
    output = tmp_path / "output"
    build(settings)
    first_page = output / "stories" / "ferry-fares" / "index.html"
    assert "/topics/lighthouses/" not in first_page.read_text()

    write_story(tmp_path, "lighthouse-sold", 3, ["Lighthouses"])
    stdout = build(settings)
    assert "nothing changed" not in stdout
    assert all(_topic_everywhere(output, "lighthouses", "Lighthouses").values())
    # The first story's page gained the link in the incremental build.
    assert "/topics/lighthouses/" in first_page.read_text()
    assert output_files(output) == clean_build(tmp_path, tmp_path, **STRICT)

    # And out again when the second story goes.
    (tmp_path / "content" / "stories" / "lighthouse-sold.md").unlink()
    build(settings)
    assert not any(_topic_everywhere(output, "lighthouses", "Lighthouses").values())
    assert output_files(output) == clean_build(tmp_path, tmp_path, **STRICT)


def test_a_small_site_shows_every_topic_a_bigger_one_applies_the_threshold(tmp_path):
    write_story(tmp_path, "lighthouse-sold", 1, ["Lighthouses", "Ferries"])
    for day in range(2, 20):
        write_story(tmp_path, f"ferry-{day}", day, ["Ferries"])
    settings = write_settings(tmp_path, NEWSROOM_SEARCH=False)  # the defaults: 2 stories, from 20
    output = tmp_path / "output"
    build(settings)  # 19 stories
    assert all(_topic_everywhere(output, "lighthouses", "Lighthouses").values())
    write_story(tmp_path, "ferry-20", 20, ["Ferries"])
    build(settings)  # 20 stories
    assert not any(_topic_everywhere(output, "lighthouses", "Lighthouses").values())
    assert output_files(output) == clean_build(tmp_path, tmp_path, NEWSROOM_SEARCH=False)


def test_a_higher_minimum(tmp_path):
    write_story(tmp_path, "a", 1, ["Ferries", "Lighthouses"])
    write_story(tmp_path, "b", 2, ["Ferries", "Lighthouses"])
    write_story(tmp_path, "c", 3, ["Ferries"])
    build(write_settings(tmp_path, NEWSROOM_TOPIC_MIN_STORIES=3, **STRICT))
    output = tmp_path / "output"
    assert (output / "topics" / "ferries" / "index.html").is_file()
    assert not (output / "topics" / "lighthouses").exists()


def test_a_surname_and_a_spelling_merge_into_one_topic_site_wide(tmp_path):
    write_story(tmp_path, "a", 1, ["Blair", "TimeWarner"], body="Mr Blair said the deal was good.")
    write_story(tmp_path, "b", 2, ["Tony Blair", "Time Warner"], body="Tony Blair visited the studio.")
    write_story(tmp_path, "c", 3, ["Time Warner"], body="The studio changed hands.")
    build(write_settings(tmp_path, **STRICT))
    output = tmp_path / "output"
    topics = sorted(p.name for p in (output / "topics").iterdir() if p.is_dir())
    assert topics == ["time-warner", "tony-blair"]
    blair = (output / "topics" / "tony-blair" / "index.html").read_text()
    assert "/stories/a/" in blair and "/stories/b/" in blair
    story_a = (output / "stories" / "a" / "index.html").read_text()
    assert ">Tony Blair</a>" in story_a and ">Time Warner</a>" in story_a
    assert ">Blair</a>" not in story_a and "TimeWarner" not in story_a
    assert "Time Warner" in (output / "feeds" / "topics" / "time-warner.atom.xml").read_text()
    assert 'tags:\n- "Blair"' in (tmp_path / "content" / "stories" / "a.md").read_text()


def test_a_surname_of_two_people_stays_as_it_is(tmp_path):
    write_story(tmp_path, "a", 1, ["Blair"], body="Mr Blair said no.")
    write_story(tmp_path, "b", 2, ["Tony Blair", "Blair"], body="Tony Blair and Mr Blair.")
    write_story(tmp_path, "c", 3, ["Cherie Blair", "Tony Blair"], body="Cherie Blair spoke.")
    write_story(tmp_path, "d", 4, ["Cherie Blair"], body="Cherie Blair spoke again.")
    build(write_settings(tmp_path, **STRICT))
    topics = sorted(p.name for p in (tmp_path / "output" / "topics").iterdir() if p.is_dir())
    assert topics == ["blair", "cherie-blair", "tony-blair"]


# ---------------------------------------------------- the naming rules
def _merge(tag_lists, texts=None, **kwargs):
    return merge_topic_names(tag_lists, texts or ["Mr Blair said so."] * len(tag_lists), **kwargs)


def test_surname_merges_only_when_written_as_a_person():
    assert _merge([["Blair"], ["Tony Blair"]])["Blair"] == "Tony Blair"
    assert _merge([["Blair"], ["Tony Blair"]], ["Blair said no.", ""])["Blair"] == "Tony Blair"
    # No story writes "Madrid" as a person: the city never joins the club.
    assert _merge([["Madrid"], ["Real Madrid"]], ["Fans in Madrid.", "Real Madrid won."])["Madrid"] == "Madrid"


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Jordan", "Michael Jordan"),  # a country (the tagger's places)
        ("Ireland", "Northern Ireland"),  # a place word
        ("Trade", "Fair Trade"),  # a subject
        ("Bank", "Barclays Bank"),  # an institution
        ("NATO", "Old NATO"),  # an acronym
    ],
)
def test_no_merge_for_places_bodies_subjects_or_acronyms(short, full):
    from generator.pelican_plugin import _not_people

    texts = [f"Mr {short} said so.", f"Mr {short} said so."]
    names = merge_topic_names([[short], [full]], texts, not_people=_not_people({}))
    assert names[short] == short


def test_spelling_merge_goes_to_the_more_used_then_the_fuller_spelling():
    assert _merge([["TimeWarner"], ["Time Warner"], ["TimeWarner"]])["Time Warner"] == "TimeWarner"
    assert _merge([["TimeWarner"], ["Time Warner"]])["TimeWarner"] == "Time Warner"
    assert _merge([["US"], ["U.S."]])["US"] == _merge([["U.S."], ["US"]])["US"]
    # Names that would share a topic page share a name.
    ascii_slug = {"Zoë Ball": "zoe-ball", "Zoe Ball": "zoe-ball"}.get
    names = _merge([["Zoë Ball"], ["Zoe Ball"], ["Zoë Ball"]], slug=ascii_slug)
    assert names == {"Zoe Ball": "Zoë Ball", "Zoë Ball": "Zoë Ball"}


def test_names_do_not_depend_on_the_order_of_the_stories():
    stories = [["Blair", "timewarner"], ["Tony Blair", "Time Warner"], ["TimeWarner"], ["Time warner"]]
    texts = ["Mr Blair said.", "", "", ""]
    expected = merge_topic_names(stories, texts)
    for order in itertools.permutations(range(len(stories))):
        assert merge_topic_names([stories[i] for i in order], [texts[i] for i in order]) == expected


def test_shown_topics_counts_stories_not_mentions():
    assert shown_topics([["A", "A", "B"], ["B"]], 2) == [["B"], ["B"]]
    assert shown_topics([["A"], ["B"]], 1) == [["A"], ["B"]]


def test_a_surname_is_called_a_person_exactly_as_one_pattern_would_say():
    # The check runs a small pattern per surname and one shared pattern for
    # the titles; it must agree with a single pattern of all of them (slower:
    # a hundred titles compiled again for every surname).
    import random
    import re

    from generator.site import _SPEECH_VERBS, _called_a_person

    titles = ("Prime Minister", "Minister", "Mr", "Mr.", "Dr", "Sir", "Lord")

    def one_pattern(surname: str, text: str) -> bool:
        name, title = re.escape(surname), "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
        return bool(
            re.search(
                rf"\b(?:{title})\.?\s+{name}\b|\b{name}\s+(?:has\s+|had\s+)?(?:{_SPEECH_VERBS})\b|\b(?:said|says)\s+{name}\b",
                text,
            )
        )

    words = ["Pellworth", "Mr", "Mr.", "Prime", "Minister", "said", "says", "has", "the", "XMr", "Pellworths", "-"]
    words += ["O'Hara", "Lord", "Sir", "Pellworth-Reis", "warned", "Dr."]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice([" ", "  ", "\n", "", ". "]) + rng.choice(words) for _ in range(rng.randint(1, 7)))
        for surname in ("Pellworth", "O'Hara"):
            assert _called_a_person(surname, [text], titles) == one_pattern(surname, text), (surname, text)
