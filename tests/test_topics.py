"""Tagging on the seed (what a reader would expect) and on text we wrote."""

from conftest import SEED
from samples import CHOIR, HARBOUR

from generator.convert.converter import draft_stories
from generator.convert.topics import TaggingConfig, find_names, tag_story
from generator.settings import ConvertSettings, tagging_config

SETTINGS = ConvertSettings(SEED.parent, SEED.parent, SEED.parent)


def test_seed_stories_get_the_tags_a_reader_expects():
    first, second = draft_stories(SEED.read_text(encoding="utf-8"), SETTINGS)[0]
    assert {"Russia", "Ukraine", "United States", "Vladimir Putin", "Peace talks"} <= set(first.tags)
    assert {"Russia", "India", "Vladimir Putin", "Narendra Modi", "Trade", "Energy"} <= set(second.tags)
    assert first.category == "Politics"


def test_names_are_normalised():
    tagging = tag_story(
        "U.S. and Britain agree trade pact",
        [
            "The U.S. and Britain have agreed a trade pact, American officials said.",
            "Washington and London said the US deal would cut tariffs. British exporters welcomed it.",
            "The United States trade envoy Maria Okafor said talks took a year. Okafor said more would follow.",
        ],
    )
    assert "United States" in tagging.tags and "United Kingdom" in tagging.tags
    assert "Maria Okafor" in tagging.tags and "Okafor" not in tagging.tags
    assert "Trade" in tagging.tags


def test_a_single_passing_mention_is_not_a_tag():
    tagging = tag_story("Harbour to be dredged", list(HARBOUR))
    assert "Leeds" not in tagging.tags
    assert 2 <= len(tagging.tags) <= TaggingConfig().max_tags


def test_settings_rename_suppress_and_extend():
    config = tagging_config(
        {
            "NEWSROOM_TAG_SYNONYMS": {"Arden Singers": "Arden Choir"},
            "NEWSROOM_TAG_SUPPRESS": ["Leeds"],
            "NEWSROOM_EXTRA_SUBJECTS": {"Choirs": ["choir"]},
            "NEWSROOM_EXTRA_SECTION_KEYWORDS": {"Culture": ["choir"]},
            "NEWSROOM_MAX_TAGS": 3,
        }
    )
    tagging = tag_story("Village choir wins contest", list(CHOIR), config)
    assert tagging.section == "Culture"
    assert "Choirs" in tagging.tags and "Leeds" not in tagging.tags
    assert len(tagging.tags) <= 3
    assert any(line.startswith("section Culture") for line in tagging.explain)


def test_sentence_openers_are_not_names():
    assert find_names("Officials met. Harbour master Ines Walcott spoke.") == ["Officials", "Harbour", "Ines Walcott"]
    tagging = tag_story("Officials meet", ["Officials met on Monday in Port Ellis.", "Port Ellis officials agreed."])
    assert "Officials" not in tagging.tags


def test_sentence_openers_the_story_also_writes_in_lower_case_are_not_tags():
    paragraphs = [
        "Analysts expect the Port Ellis ferry to make a loss this year. During the winter, crossings fell.",
        "Analysts said fuel costs rose. During the summer the ferry ran full, and analysts expect that "
        "to happen again during the festival.",
        "Port Ellis council will meet on Friday. It's the second meeting on the ferry this year.",
        "Liverpool is the nearest big port. Liverpool dockers have offered help.",
    ]
    tags = tag_story("Port Ellis ferry faces loss", paragraphs).tags
    assert "Analysts" not in tags and "During" not in tags and "It" not in tags
    assert "Port Ellis" in tags and "Liverpool" in tags


def test_job_titles_before_names_are_not_part_of_the_tag():
    paragraphs = [
        "Actor Colm Brady will play the harbour master in a film shot in Port Ellis this summer.",
        "Colm Brady said the town had welcomed the crew. Dame Ines Walcott, who wrote the novel, will visit.",
        'Said Colm Brady: "It is a lovely place to work." Ines Walcott agreed.',
        "Novelist Tom Barra, whose book inspired the script, met Culture Secretary Ana Reis on set.",
        "Tom Barra and Ana Reis both praised the crew.",
    ]
    tags = tag_story("Brady to star in Port Ellis film", paragraphs).tags
    assert {"Colm Brady", "Ines Walcott", "Tom Barra", "Ana Reis"} <= set(tags)
    assert not [t for t in tags if t.startswith(("Actor", "Dame", "Said", "Novelist", "Culture Secretary"))]


def test_an_opening_word_of_the_headline_is_no_tag_and_keywords_stay_whole_words():
    # The headline opens with "Contentious"; the story writes it in lower case.
    paragraphs = [
        "A contentious plan to close the Port Ellis ferry office has been dropped by the harbour authority.",
        "The harbour authority said the Port Ellis office would stay open. Authorities in Carrow agreed.",
    ]
    tagging = tag_story("Contentious plan to close ferry office dropped", paragraphs)
    assert "Contentious" not in tagging.tags
    # "authority" is not the Culture keyword "author".
    assert tagging.section != "Culture"


def test_sentence_opening_adverbs_and_verbs_are_never_tags():
    paragraphs = [
        "Harbour ferries will run all night during the festival, the operator said.",
        "Already there have been complaints from people living near Port Ellis harbour.",
        "Let us be clear about the noise, said Ines Walcott of the residents' group.",
        "Already the council has received 40 letters. Let us wait and see, Ines Walcott said.",
    ]
    tags = tag_story("Ferries to run all night", paragraphs).tags
    assert "Already" not in tags and "Let" not in tags
    assert "Ines Walcott" in tags


def test_an_ampersand_name_stays_whole():
    assert find_names("The phone firm AT&T and the retailer M&S both rose.") == ["AT&T", "M&S"]


def test_a_nationality_counts_towards_its_country():
    paragraphs = [
        "Indonesian officials said the new ferry route would open in May.",
        "The Indonesian transport ministry will run the route with a private operator.",
        "Indonesia has more than 17,000 islands.",
    ]
    tags = tag_story("Indonesia opens ferry route", paragraphs).tags
    assert "Indonesia" in tags and "Indonesian" not in tags


def test_of_joins_an_institution_but_not_a_person_and_their_employer():
    names = find_names("Staff at the Bank of England and the House of Lords agreed.")
    assert "Bank of England" in names and "House of Lords" in names
    names = find_names("The talks brought Ines Walcott of Island Ferries and Secretary of State Tom Barra together.")
    assert {"Ines Walcott", "Island Ferries", "Tom Barra"} <= set(names)
    assert not any(" of " in name or name.startswith("State") for name in names)


def test_a_number_inside_a_sentence_is_part_of_the_name():
    assert "Six Nations" in find_names("Wales won the Six Nations title.")


def test_a_day_word_opening_a_sentence_is_not_part_of_a_name():
    assert find_names("Yesterday Ines Walcott said so. Tonight Tom Barra sails.") == ["Ines Walcott", "Tom Barra"]


def test_title_case_headings_do_not_become_names():
    names = find_names("The disc has a Making Of feature and Another Island story, says Ines Walcott.")
    assert "Making Of" not in names and "Making" not in names
    assert "Another Island" not in names and "Ines Walcott" in names


def test_names_keep_their_hyphens_and_apostrophes():
    names = find_names("Ines Walcott-Barra thanked Tom O'Hara and the Anti-Slavery Society.")
    assert names == ["Ines Walcott-Barra", "Tom O'Hara", "Anti-Slavery Society"]


def test_dates_ordinals_and_quantities_open_phrases_not_names():
    text = (
        "Until December Harbour Ferries ran daily. Several Harbour Board members agreed. "
        "Second Harbour Festival tickets sold out. The Sunday Times reported it."
    )
    names = find_names(text)
    assert names[:3] == ["Harbour Ferries", "Harbour Board", "Harbour Festival"]
    assert "Sunday Times" in names
