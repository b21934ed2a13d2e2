import pytest

from generator.convert.clean import clean_paragraph, guess_drop_cap, repair_drop_cap


def test_mojibake_is_repaired_and_quotes_kept():
    assert clean_paragraph("The minister\u00e2\u20ac\u2122s plan") == "The minister\u2019s plan"
    assert clean_paragraph("He said \u201cno\u201d \u2013 twice") == "He said \u201cno\u201d \u2013 twice"


def test_control_characters_and_odd_spaces_go():
    assert clean_paragraph("Tab\there\x00 and\u00a0\u00a0nbsp\u2028end") == "Tab here and nbsp end"


@pytest.mark.parametrize(
    ("paragraph", "context", "expected"),
    [
        ("ussian officials met on Monday.", "Russia said the Russian team", "Russian officials met on Monday."),
        ("he council voted to close the pool.", "Councillors met.", "The council voted to close the pool."),
        ("t was the third attempt.", "A climber tried again.", "It was the third attempt."),
        ("r Okafor said the plan would work.", "Later Dr Okafor added more.", "Dr Okafor said the plan would work."),
        ("arcia Lopez won the race.", "Garcia Lopez trained hard.", "Garcia Lopez won the race."),
    ],
)
def test_lost_drop_cap_is_restored_from_the_story(paragraph, context, expected):
    assert repair_drop_cap(paragraph, context)[0] == expected


@pytest.mark.parametrize(
    ("paragraph", "context"),
    [
        ("eBay shares rose sharply.", "Shares in eBay rose."),
        ("iPhone sales slowed.", "The iPhone is popular."),
        ("Markets opened higher.", "Markets"),
        ("zxq wibble plonk.", "Nothing useful here."),
    ],
)
def test_intact_or_unknown_first_words_are_never_changed(paragraph, context):
    assert repair_drop_cap(paragraph, context) == (paragraph, None)
    assert guess_drop_cap(paragraph, context) is None


@pytest.mark.parametrize(
    ("paragraph", "first_word"),
    [
        ("n inquiry into the ferry fire found that the crew had no training.", "An"),
        ("n April, the ferry company said, fares will rise.", "In"),
        ("n an interview the captain said he had warned the owners.", "In"),
        ("n Iceland the ferries were running late.", "In"),
    ],
)
def test_lost_n_is_an_before_a_subject_and_in_before_a_phrase(paragraph, first_word):
    fixed, _ = repair_drop_cap(paragraph, "The ferry company said fares would rise.")
    assert fixed.split()[0] == first_word


def test_drop_caps_before_a_weekday_a_name_and_in_a_contraction():
    context = "Ines Walcott said the harbour would close. The council agreed."
    assert repair_drop_cap("n Tuesday the council met.", context)[0] == "On Tuesday the council met."
    assert repair_drop_cap("s Walcott said the work would start soon.", context)[0].startswith("Ms Walcott")
    assert repair_drop_cap("t's a long way to the harbour.", context)[0].startswith("It's")


@pytest.mark.parametrize(
    ("paragraph", "context", "expected_start"),
    [
        # A lost one-letter word takes its space with it.
        ("quarter of the ferry's seats were empty.", "The ferry sailed.", "A quarter of"),
        ("bought my daughter a season ticket.", "The ferry sailed.", "I bought my"),
        # A fragment that is itself a common word competes with completions.
        ("was speaking to the skipper before the race.", "The race was close.", "I was speaking"),
        ("win in the regatta does not make up for the season.", "The regatta was close.", "A win in"),
        # A hyphenated first word counts by its first part.
        ("eventeen-year-old Ines Walcott won the race.", "The race was close.", "Seventeen-year-old"),
        # An O' name the story spells in full.
        ("'Driscoll was named in the side.", "Brian O'Driscoll trained.", "O'Driscoll was"),
        # An order ("Get in ...") hardly ever opens a news paragraph.
        ("et in a harbour town, the play also won two awards.", "The play opened in May.", "Set in a"),
        # The story's own phrase settles In or On.
        ("n the agenda were fares and timetables.", "Fares were on the agenda again.", "On the agenda"),
    ],
)
def test_drop_caps_of_one_letter_words_hyphenated_words_and_names(paragraph, context, expected_start):
    assert repair_drop_cap(paragraph, context)[0].startswith(expected_start)
