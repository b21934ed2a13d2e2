"""Wire copy through the whole converter: datelines, briefs, attribution.

Text written for these tests; the agencies and places are real names only
as a wire desk would write them.
"""

import dataclasses
import os
from pathlib import Path

import pytest
import yaml

from generator.convert.converter import convert
from generator.convert.parse import parse_texts
from generator.convert.parse_headline import Headline, choose_headline, headline_problems, make_headline
from generator.settings import ConvertSettings

WIRE = [
    "AMSTERDAM, March 3 - Island Ferries Inc <IFL.AS> said on Tuesday it had agreed to buy two new boats "
    "for its winter timetable.",
    "The company said the boats would cost 40 million euros and would enter service next year.",
    "Island Ferries shares rose 2 percent in Amsterdam trading after the announcement.",
    "NEW YORK (Reuters) - Shares of harbour operators fell sharply on Wednesday after the port authority "
    "warned that fees would rise.",
    "The authority said the increase was needed to pay for dredging the main channel.",
    "Analysts said the rise would hit profits at the largest operators this year.",
]


def _convert(tmp_path: Path, lines: list[str]):
    s = ConvertSettings(tmp_path / "content", tmp_path / "content" / "raw", tmp_path / "content" / "stories")
    s.raw_path.mkdir(parents=True)
    raw = s.raw_path / "wire.txt"
    raw.write_text("\n".join(lines), encoding="utf-8")
    os.utime(raw, (1_780_000_000, 1_780_000_000))  # 2026-05-28
    report = convert([s.raw_path], s)
    metas = [yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1]) for p in s.stories_path.glob("*.md")]
    return report, sorted(metas, key=lambda m: m["source"])


def test_wire_stories_split_at_datelines_and_headlines_never_carry_them(tmp_path):
    report, metas = _convert(tmp_path, WIRE)
    assert report.ok and len(metas) == 2
    for meta in metas:
        assert not meta["title"].isupper() and "AMSTERDAM" not in meta["title"] and "Reuters" not in meta["title"]
        assert "<" not in meta["title"] and "IFL" not in meta["title"]
    assert metas[0]["summary"].startswith("AMSTERDAM, March 3 - ")  # the copy keeps its dateline


def test_a_dateline_without_a_year_takes_the_year_of_the_file(tmp_path):
    _report, metas = _convert(tmp_path, WIRE)
    assert metas[0]["date"].startswith("2026-03-03")


def test_a_one_paragraph_wire_brief_is_a_story_without_a_warning(tmp_path):
    brief = "LONDON, May 2 (Reuters) - The harbour board approved a plan to dredge the main channel on Friday."
    report, metas = _convert(tmp_path, [*WIRE, brief])
    assert len(metas) == 3
    assert not any("only a standfirst" in w for w in report.warnings)


def test_the_rules_headline_gets_back_the_attribution_it_dropped():
    parsed = Headline(
        "Rail fares to rise by 4%, says transport authority", speaker="transport authority", say_verb="says"
    )
    chosen, why = choose_headline("Rail fares in region to rise by 4%", parsed)
    assert chosen == "Rail fares in region to rise by 4%, says transport authority"
    assert why == ["attribution kept: says transport authority"]
    # A headline that already names the speaker is left alone.
    named = Headline("x", speaker="Ines Walcott", say_verb="says")
    assert choose_headline("Walcott says harbour will close", named)[0] == "Walcott says harbour will close"


def test_a_garbled_rules_headline_gives_way_to_a_sound_parse_headline():
    assert headline_problems(parse_texts(["Shares of harbour operators fall sharply would rise"])[0])
    parsed = Headline("Shares of harbour operators fall after authority warns fees would rise")
    chosen, why = choose_headline("Shares of harbour operators fall sharply would rise", parsed)
    assert chosen == parsed.text and "garbled" in why[0]
    # A verbless headline is a headline form, not a fault.
    assert choose_headline("Prince of Persia back in Harbour Within", Headline("Prince is and in mood"))[0] == (
        "Prince of Persia back in Harbour Within"
    )


def test_a_dateline_place_is_a_topic_only_when_the_story_keeps_to_it():
    from generator.convert.topics import tag_story

    about = [
        "The port authority said harbour fees would rise next year.",
        "Rotterdam port officials said the rise was needed. Rotterdam handles most of the traffic.",
        "Shipping firms in Rotterdam protested.",
    ]
    tagging = tag_story("Harbour fees to rise", about, dateline_place="Rotterdam")
    assert "Rotterdam" in tagging.tags and tagging.kinds["Rotterdam"] == "place"
    passing = ["The port authority said harbour fees would rise next year.", "Officials said the rise was needed."]
    assert "Rotterdam" not in tag_story("Harbour fees to rise", passing, dateline_place="Rotterdam").tags


def test_home_places_are_a_setting():
    from generator.settings import SettingsError, tagging_config

    assert tagging_config({"NEWSROOM_HOME_PLACES": ["India"]}).home_places == frozenset({"India"})
    with pytest.raises(SettingsError, match="NEWSROOM_HOME_PLACES"):
        tagging_config({"NEWSROOM_HOME_PLACES": "India"})


def test_headlines_that_read_the_standfirst_differently_go_to_review():
    from generator.convert.parse_headline import choose_headlines

    agree, disagree = choose_headlines(
        [
            ("Harbour board approves dredging plan", Headline("Harbour board approves plan to dredge channel")),
            ("Ways of ensuring that harbour users know", Headline("Harbour board to publish new tide tables")),
        ]
    )
    assert not agree.doubts
    assert any("says something else" in doubt for doubt in disagree.doubts)


def test_a_dateline_on_a_line_of_its_own_opens_the_next_paragraph():
    from generator.convert.converter import draft_stories

    s = ConvertSettings(Path("c"), Path("c/raw"), Path("c/stories"))
    drafts, _ = draft_stories("LONDON (Reuters) -\nThe bank said it would cut rates.\nThe cut was the first.", s)
    assert drafts[0].summary == "LONDON (Reuters) - The bank said it would cut rates."
    assert "LONDON" not in drafts[0].title and drafts[0].title.startswith("Bank")


def test_a_title_given_in_the_raw_copy_is_cut_to_the_limit():
    from generator.convert.converter import draft_stories

    s = ConvertSettings(Path("c"), Path("c/raw"), Path("c/stories"))
    drafts, _ = draft_stories("Title: " + "word " * 3000 + "\n\nThe body.", s)
    assert len(drafts[0].title) <= s.headline_max_chars


def test_a_model_that_is_not_installed_is_a_settings_error():
    from generator.settings import SettingsError, convert_settings

    with pytest.raises(SettingsError, match="NEWSROOM_SPACY_MODEL"):
        convert_settings({"NEWSROOM_SPACY_MODEL": "no_such_pipeline_installed"})


def test_home_places_take_the_names_stories_use():
    from generator.settings import tagging_config

    places = tagging_config({"NEWSROOM_HOME_PLACES": ["UK", "Britain", "India"]}).home_places
    assert places == frozenset({"United Kingdom", "India"})


def test_news_text_keeps_words_that_only_look_like_datelines_or_asides():
    from generator.convert.headline import news_text

    for text in (
        "US - China trade talks collapsed on Monday.",
        "Harbour United beat Port Ellis 2 - 1 at home - their first win in a month.",
        "A woman from Darlington, Co Durham, has won the lottery.",
    ):
        assert news_text(text) == text
    assert news_text("The council will shut two pools - Elm Street and Bank Road - after cuts.") == (
        "The council will shut two pools after cuts."
    )


@pytest.mark.parametrize(
    ("standfirst", "field", "value", "loses", "keeps", "reason"),
    [
        (
            "Harbour United has warned it will go bankrupt if rescue talks fail.",
            "condition",
            "if rescue talks fail",
            "Harbour United warns it will go bankrupt",
            "Harbour United bankrupt if talks fail",
            "condition",
        ),
        (
            # Judged by its "if", not by the "only" before it (the headline has another "only").
            "The island's only ferry will run on Sundays only if the weather improves, the harbour board said.",
            "condition",
            "only if the weather improves",
            "Island's only ferry to run on Sundays, says harbour board",
            "Island's only ferry to run on Sundays if weather improves",
            "condition",
        ),
        (
            "Harbour firms fail to draw up flood plans until the water reaches the quay, a report says.",
            "condition",
            "until the water reaches the quay",
            "Harbour firms fail to draw up flood plans, says report",
            "Harbour firms wait until water reaches quay, says report",
            "condition",
        ),
        (
            "Viruses sent to harbour computers are undergoing a subtle change.",
            "main_verb",
            "undergo",
            # (With "sent" the parse's headline would win: see headline_cases.json.)
            "Viruses on harbour computers",
            "Viruses sent to harbour computers undergo change",
            "main verb",
        ),
    ],
)
def test_a_headline_that_drops_what_the_standfirst_needs_goes_to_review(standfirst, field, value, loses, keeps, reason):
    from generator.convert.parse_headline import choose_headlines, write_headline

    parsed = write_headline(parse_texts([standfirst]))
    assert getattr(parsed, field) == value
    # Without the parse's whole clause, which would replace a headline cut short.
    parsed = dataclasses.replace(parsed, whole="")
    lost, kept = choose_headlines([(loses, parsed), (keeps, parsed)])
    assert any(reason in doubt for doubt in lost.doubts)
    assert not any(reason in doubt for doubt in kept.doubts)


def test_what_a_firm_said_it_did_is_told_as_its_deed_with_the_figure_whole(tmp_path):
    deal = (
        "OSLO, March 3 - Skerry Lines Corp said on Tuesday it agreed to buy the ferry operator Northsea Links "
        "for 240 mln dlrs in cash."
    )
    _report, metas = _convert(tmp_path, [deal, "The purchase adds twelve vessels to the Skerry Lines fleet."])
    assert metas[0]["title"].startswith("Skerry Lines agrees to buy")
    # The tagger reads "mln" as an adjective; it is part of the figure.
    standfirst = "Harbour Lines said it agreed to buy the ferry operator Northsea Links for 240 mln dlrs in cash."
    assert make_headline(standfirst) == "Harbour Lines agrees to buy Northsea Links for 240 mln dlrs"
