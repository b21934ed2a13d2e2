"""Sections and topic tags: on the seed (what a reader would expect) and on
text written for these tests (never copied from real news)."""

import json
from pathlib import Path

import pytest
from conftest import SEED
from samples import CHOIR, HARBOUR

from generator.convert.converter import draft_stories
from generator.convert.topics import TaggingConfig, tag_story
from generator.settings import ConvertSettings, tagging_config

SETTINGS = ConvertSettings(SEED.parent, SEED.parent, SEED.parent)


def _seed_stories() -> list[list[str]]:
    """The seed's two stories, split where the second standfirst starts."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    second = next(i for i, line in enumerate(lines) if line.startswith("The Russian president lands"))
    return [lines[:second], lines[second:]]


def test_seed_stories_get_the_tags_a_reader_expects():
    first, second = (tag_story(lines[0], lines) for lines in _seed_stories())
    assert {"Vladimir Putin", "Russia", "Ukraine"} <= set(first.tags)
    # Putin is the subject ("The Russian president lands ..."); Narendra Modi,
    # named once as the host, is a passing mention.
    assert {"Vladimir Putin", "India", "Russia"} <= set(second.tags)
    assert first.section == "Politics"
    for story in (first, second):
        assert 2 <= len(story.tags) <= 6
        assert "Putin" not in story.tags and "Modi" not in story.tags


def test_the_converter_passes_its_parses_to_the_tagger():
    drafts = draft_stories(SEED.read_text(encoding="utf-8"), SETTINGS)[0]
    assert all(2 <= len(draft.tags) <= 7 for draft in drafts)
    assert "Vladimir Putin" in drafts[0].tags


# ---------------------------------------------------------------- whole names
def test_names_are_kept_whole():
    tagging = tag_story(
        "Rapper 50 Cent and Belle and Sebastian top the Arden charts",
        [
            "Rapper 50 Cent and the Glasgow group Belle and Sebastian topped the Arden radio charts this week.",
            "50 Cent, whose album came out in March, said he was proud. Belle and Sebastian were on tour in Spain.",
            "Arden Radio said 50 Cent had sold 40,000 copies. Belle and Sebastian sold 35,000.",
            "Belle and Sebastian will play in Carrow next month, and 50 Cent in Port Ellis.",
        ],
    )
    assert "50 Cent" in tagging.tags and "Belle and Sebastian" in tagging.tags
    assert not {"Cent", "Belle", "Sebastian", "Rapper 50 Cent"} & set(tagging.tags)


def test_a_title_or_law_with_of_stays_one_name():
    tagging = tag_story(
        "Ferry records released under Freedom of Information Act",
        [
            "Port Ellis council has released its ferry records under the Freedom of Information Act after a "
            "two-year campaign by residents.",
            "The council had refused three requests made under the Freedom of Information Act, saying the "
            "records were commercially sensitive.",
            "Residents said the Freedom of Information Act had worked as intended. The records show the ferry "
            "lost money for six years.",
        ],
    )
    assert "Freedom of Information Act" in tagging.tags
    assert tagging.kinds["Freedom of Information Act"] == "work"
    assert not {"Freedom", "Information Act"} & set(tagging.tags)


# Names a reader would follow, written for these tests: each case a
# headline, paragraphs, the tags wanted, the tags that must not appear and
# the kinds the tags must have (topic_cases.json).
NAMES = json.loads((Path(__file__).parent / "topic_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", NAMES, ids=lambda case: case["id"])
def test_names_a_reader_would_follow(case):
    tagging = tag_story(case["headline"], case["paragraphs"])
    tags = set(tagging.tags)
    assert set(case["wanted"]) <= tags
    assert not set(case["unwanted"]) & tags
    assert all(tagging.kinds[tag] == kind for tag, kind in case["kinds"].items())


def test_titles_the_and_possessives_are_not_part_of_a_name():
    paragraphs = [
        "Actor Colm Brady will play the harbour master in a film shot in Port Ellis this summer.",
        "Colm Brady said the town had welcomed the crew. Dame Ines Walcott, who wrote the novel, will visit.",
        "Colm Brady's agent said filming would take six weeks. Ines Walcott's novel has sold a million copies.",
        "Novelist Tom Barra, whose book inspired the script, met Culture Secretary Ana Reis on set. Tom Barra "
        "and Ana Reis both praised the crew, and Mr Brady thanked them.",
    ]
    tagging = tag_story("Colm Brady to star in Port Ellis film", paragraphs)
    assert "Colm Brady" in tagging.tags and tagging.kinds["Colm Brady"] == "person"
    # Tags or not, every candidate is named without title or possessive.
    named = [line for line in tagging.explain if "[person]" in line]
    assert any("Ines Walcott [person]" in line for line in named)
    assert not [line for line in named if any(word in line for word in ("Actor", "Dame", "Novelist", "Secretary"))]
    assert not [t for t in tagging.tags if t.endswith("'s") or t.startswith("Mr")]


# ---------------------------------------------------------------- merges
def test_mentions_of_one_thing_merge_within_a_story():
    tagging = tag_story(
        "Harbour Freight Corporation to close Carrow depot",
        [
            "The Harbour Freight Corporation (HFC) will close its Carrow depot with the loss of 300 jobs, "
            "chief executive Maria Okafor said on Monday.",
            "Okafor said HFC had lost money at Carrow for five years. HFC shares rose 4% on the news.",
            "Unions said HFC had broken a promise. Okafor said the company had no choice.",
            "HFC will move the work to Port Ellis, where Okafor said 100 new jobs would be created.",
        ],
    )
    assert "Harbour Freight Corporation" in tagging.tags and "HFC" not in tagging.tags
    assert "Maria Okafor" in tagging.tags and "Okafor" not in tagging.tags
    assert tagging.section == "Business"


def test_an_acronym_merges_with_the_name_whose_initials_it_has():
    tagging = tag_story(
        "World Ferry Organisation backs Port Ellis",
        [
            "The World Ferry Organisation has backed a plan to make Port Ellis its European hub.",
            "The WFO said Port Ellis had the best harbour in the region. WFO members vote next month.",
            "Port Ellis council said the WFO decision was good news.",
        ],
    )
    assert "World Ferry Organisation" in tagging.tags
    assert "WFO" not in tagging.tags


def test_names_are_normalised_and_nationalities_count_towards_their_country():
    tagging = tag_story(
        "U.S. and Indonesia agree ferry pact",
        [
            "The U.S. and Indonesia have agreed a ferry safety pact, American and Indonesian officials said.",
            "The United States will train Indonesian crews. US officials said Indonesia had asked for help.",
            "Indonesia has more than 17,000 islands. The Indonesian navy will take part, and American "
            "coastguards will visit Indonesia next year.",
        ],
    )
    assert "Indonesia" in tagging.tags
    assert not {"Indonesian", "American", "U.S.", "US"} & set(tagging.tags)
    assert tagging.kinds["Indonesia"] == "place"


def test_a_plural_people_and_its_adjective_are_one_topic():
    tagging = tag_story(
        "Muslims in Carrow open community centre",
        [
            "Muslims in Carrow have opened a community centre after ten years of fundraising.",
            "The Muslim community raised 2m for the centre. Muslims from across the region came to the opening.",
            "The centre will be open to everyone, Muslim leaders said. Muslims make up a tenth of Carrow.",
        ],
    )
    assert "Muslims" in tagging.tags and "Muslim" not in tagging.tags


def test_a_name_written_with_and_without_a_space_is_one_tag():
    tagging = tag_story(
        "Arden Media to buy Carrow Radio",
        [
            "Arden Media has agreed to buy Carrow Radio for 40m, the companies said on Tuesday.",
            "ArdenMedia, as the group styles itself, owns six stations. Arden Media said jobs were safe.",
            "Carrow Radio staff welcomed the deal. Arden Media will keep the Carrow Radio name.",
        ],
    )
    assert "Arden Media" in tagging.tags and "ArdenMedia" not in tagging.tags


def test_a_lone_surname_takes_the_full_name_from_further_down():
    tagging = tag_story(
        "Okafor quits as harbour chief",
        [
            "Okafor has resigned as chief of the Port Ellis harbour authority after six years.",
            "Okafor said it was time for someone new. The board will name a successor in May.",
            "Maria Okafor joined the authority in 2019. Before that Okafor ran the Carrow ferry service.",
        ],
    )
    assert "Maria Okafor" in tagging.tags and "Okafor" not in tagging.tags
    assert any("Okafor is Maria Okafor" in line for line in tagging.explain)


def test_wire_copy_names_keep_their_particles_and_lose_their_titles():
    tagging = tag_story(
        "Carrow prime minister names new cabinet",
        [
            "Carrow Prime Minister Omar al-Rashidi named six new ministers on Sunday, filling the last gaps in his "
            "cabinet after weeks of talks.",
            "Rashidi's cabinet was sworn in without a finance minister. Rashidi told parliament the new ministers "
            "would be approved on Monday.",
            "The Carrow Ferry Federation welcomed the choice. Fed chairman Ana Reis said Rashidi had listened.",
        ],
    )
    assert "Omar al-Rashidi" in tagging.tags
    assert not {"Omar", "Rashidi", "Prime", "Carrow Prime"} & set(tagging.tags)


# ---------------------------------------------------------------- junk
def test_first_names_and_common_words_are_not_tags():
    tagging = tag_story(
        "Ines Walcott wins harbour prize",
        [
            "Harbour master Ines Walcott has won the national harbour safety prize for her work in Port Ellis.",
            "Ines, as everyone in Port Ellis calls her, said the prize belonged to her team. Life on the harbour "
            "had changed, she said.",
            "Today the harbour has the best safety record in the country. Life is quieter now, Ines Walcott said.",
            "Walcott will collect the prize in Carrow. Her son Max said she deserved it.",
        ],
    )
    assert "Ines Walcott" in tagging.tags
    assert not {"Ines", "Walcott", "Life", "Today", "Max"} & set(tagging.tags)


def test_a_headlines_opening_words_and_dates_are_not_tags():
    paragraphs = [
        "Young people in Port Ellis will get free ferry travel from January, the council said on Tuesday.",
        "Port Ellis council said 2,000 people under 18 would benefit. The scheme will cost 300,000 a year.",
        "Port Ellis ferries carried four million passengers last year.",
    ]
    tagging = tag_story("Young Port Ellis residents to travel free", paragraphs)
    assert "Port Ellis" in tagging.tags
    assert not {"Young", "Young Port Ellis", "January", "Tuesday", "2,000", "last year"} & set(tagging.tags)


def test_a_single_passing_mention_is_not_a_tag():
    tagging = tag_story("Harbour to be dredged", list(HARBOUR))
    assert "Leeds" not in tagging.tags and "Ines Walcott" not in tagging.tags
    assert "Port Ellis" in tagging.tags
    paragraphs = [
        "Carrow council has approved a new bus station for the town centre.",
        "Carrow council said work would start in spring. The station will have 12 bays.",
        "Carrow residents have asked for a station for years. Carrow council leader Ana Reis said the town "
        "deserved it. A similar station opened in Leeds last year.",
    ]
    tagging = tag_story("Carrow to get bus station", paragraphs)
    assert "Leeds" not in tagging.tags and "Ana Reis" not in tagging.tags


def test_the_home_country_is_a_tag_only_when_the_story_is_about_it():
    config = TaggingConfig(home_places=frozenset({"United Kingdom"}))
    paragraphs = [
        "Island Ferries, the UK's oldest ferry company, has ordered a new ship for its Carrow route.",
        "The ship will be built in the UK and enter service in 2027, Island Ferries said.",
        "Island Ferries carries more passengers than any other UK operator. UK ferry traffic grew 3% last year.",
    ]
    tagging = tag_story("Island Ferries orders new ship", paragraphs, config)
    assert "Island Ferries" in tagging.tags and "United Kingdom" not in tagging.tags
    about = tag_story(
        "UK signs North Sea fishing treaty",
        [
            "The UK has signed a North Sea fishing treaty with its neighbours after two years of talks.",
            "The UK will cut its catch by a tenth. UK fishing crews said the treaty was fair.",
            "The UK government said the UK fleet would be paid for the cut.",
        ],
        config,
    )
    assert "United Kingdom" in about.tags


def test_a_country_in_passing_is_not_a_tag():
    paragraphs = [
        "Port Ellis ferry company Island Ferries has ordered two new ships from a yard in Carrow.",
        "Island Ferries said the ships would enter service in 2027. The yard beat rivals in the US and Japan.",
        "Island Ferries will pay 80m for the ships. Island Ferries chief Tom Barra said they would cut fuel use.",
    ]
    tagging = tag_story("Island Ferries orders two ships", paragraphs)
    assert "Island Ferries" in tagging.tags
    assert not {"United States", "Japan"} & set(tagging.tags)


# ---------------------------------------------------------------- subjects
def test_a_subject_topic_needs_more_than_one_keyword():
    passing = tag_story(
        "Port Ellis opens new library",
        [
            "Port Ellis has opened a new library in the old customs house.",
            "The library has 20,000 books and a cafe. Energy bills will be lower than in the old building.",
            "Port Ellis council said the library cost 3m.",
        ],
    )
    assert "Energy" not in passing.tags
    about = tag_story(
        "Port Ellis to build tidal energy plant",
        [
            "Port Ellis is to build a tidal energy plant that will supply electricity to 20,000 homes.",
            "The plant will be the first renewable energy project in the region. Energy firms bid for the work.",
            "Electricity from the plant will be sold to the grid. The council said energy costs would fall.",
        ],
    )
    assert "Energy" in about.tags
    assert about.kinds["Energy"] == "subject"


def test_a_word_shared_with_another_sport_does_not_make_a_subject():
    tagging = tag_story(
        "Carrow win rugby Grand Slam",
        [
            "Carrow have won the rugby Grand Slam for the first time after beating Port Ellis 24-10.",
            "The Grand Slam is Carrow's first since the rugby league was founded. Their fly-half scored 14 points.",
            "Carrow coach Tom Barra said the Grand Slam belonged to the fans. The rugby season ends in May.",
        ],
    )
    assert "Tennis" not in tagging.tags
    assert tagging.section == "Sport"


def test_a_compound_the_story_repeats_is_a_subject():
    tagging = tag_story(
        "Carrow opens tidal lagoon visitor centre",
        [
            "Carrow has opened a visitor centre beside its tidal lagoon, the first of its kind in the region.",
            "The tidal lagoon, finished last year, holds back the sea at high tide. Visitors can walk its wall.",
            "Engineers say a tidal lagoon could light every home in Carrow. Two more tidal lagoons are planned.",
        ],
    )
    assert "Tidal lagoon" in tagging.tags
    assert tagging.kinds["Tidal lagoon"] == "subject"


# ---------------------------------------------------------------- sections
def test_one_keyword_does_not_decide_the_section():
    paragraphs = [
        "Port Ellis council has approved plans for a new harbour wall to protect homes from winter storms.",
        "The council said the wall would cost 12m, paid for by the government and a local tax.",
        "Councillors voted 30 to 4 for the plan. Work will start in spring, the council's leader said.",
        "A film crew recorded the vote for a documentary about the town.",
    ]
    tagging = tag_story("Port Ellis approves harbour wall", paragraphs)
    assert tagging.section == "Politics"


def test_the_section_weighs_the_standfirst_over_the_body():
    paragraphs = [
        "Carrow United have signed striker Tom Barra from Port Ellis for a club record fee.",
        "The striker scored 20 goals last season. Carrow United's coach said the team needed a goal scorer.",
        "Barra's move was agreed after the club's shares rose on the stock market and the bank agreed a loan.",
    ]
    tagging = tag_story("Carrow United sign Tom Barra", paragraphs)
    assert tagging.section == "Sport"
    assert "Tom Barra" in tagging.tags


# ---------------------------------------------------------------- config and output
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


def test_a_synonym_merges_two_names_into_one_tag():
    config = TaggingConfig()
    config.synonyms["Ellis Port Authority"] = "Port Ellis harbour authority"
    paragraphs = [
        "The Ellis Port Authority will dredge the main channel this spring.",
        "The Ellis Port Authority said ships were getting larger. Ellis Port Authority staff will work at night.",
    ]
    tagging = tag_story("Channel to be dredged", paragraphs, config)
    assert "Port Ellis harbour authority" in tagging.tags
    assert "Ellis Port Authority" not in tagging.tags


def test_tags_come_with_their_kind_and_an_explanation():
    tagging = tag_story(
        "Tom Barra joins Island Ferries board",
        [
            "Former Carrow mayor Tom Barra has joined the board of Island Ferries, the Port Ellis operator.",
            "Tom Barra said Island Ferries had a bright future. Barra will chair the board from June.",
            "Island Ferries said Barra's experience would help. Island Ferries carries two million people a year.",
        ],
    )
    assert tagging.kinds["Tom Barra"] == "person"
    assert tagging.kinds["Island Ferries"] == "organisation"
    assert set(tagging.kinds) == set(tagging.tags)
    lines = [line for line in tagging.explain if line.startswith("tag ")]
    assert any(line.startswith("tag Tom Barra [person]") and "headline" in line for line in lines)
    assert tagging.explain[0].startswith("section ")


def test_the_same_story_gets_the_same_tags_in_the_same_order():
    paragraphs = list(HARBOUR)
    first = tag_story("Harbour to be dredged", paragraphs)
    again = tag_story("Harbour to be dredged", paragraphs)
    assert first == again


def test_a_story_with_no_text_gets_the_default_section():
    tagging = tag_story("", [])
    assert tagging.tags == () and tagging.section == TaggingConfig().default_section


def test_lower_case_words_that_always_follow_a_name_belong_to_it():
    paragraphs = [
        "Apple has launched the Mac mini, a cheap desktop computer.",
        "The Mac mini costs $499. Apple hopes the Mac mini will win over Windows users.",
        "Analysts were upbeat.",
    ]
    tags = tag_story("", paragraphs).tags
    # "Apple" opens sentences only, but the recogniser reads it as a company.
    assert "Mac mini" in tags and "Apple" in tags and "Mac" not in tags


def test_a_bill_is_named_whole_and_the_bill_counts_as_a_mention():
    paragraphs = [
        "Lord Ellis has introduced the Succession to the Harbour Bill in the Lords.",
        "The bill would end the old rules. Peers said the bill was overdue.",
        "A vote on the bill is expected in spring.",
    ]
    tagging = tag_story("", paragraphs)
    assert "Succession to the Harbour Bill" in tagging.tags
    assert "Harbour Bill" not in tagging.tags


def test_a_subject_the_lead_raises_and_the_story_keeps_naming_is_a_tag():
    tagging = tag_story(
        "Carrow homes get faster connections",
        [
            "Ana Lind, Carrow council's leader, says more homes in the town can now get fast connections.",
            "Broadband reached 4,000 homes last year, Ana Lind said. Broadband take-up had doubled.",
            "Broadband firms are laying new cables. Ms Lind says broadband has changed how people work.",
            "Lind said broadband users spend more time at home. A fifth of broadband users work there.",
        ],
    )
    assert "Broadband" in tagging.tags


def test_a_fixed_term_is_a_subject_though_its_first_word_stands_alone_too():
    tagging = tag_story(
        "Carrow survey finds digital divide narrowing",
        [
            "The digital divide between old and young in Carrow is narrowing, a council survey says.",
            "Digital services now reach most homes, and digital skills classes are full. The digital divide "
            "is smallest in the town centre.",
            "The council wants digital records for every resident. It says the digital divide will close by 2030.",
            "Digital kiosks will open in the library. Digital help desks are planned too.",
        ],
    )
    assert "Digital divide" in tagging.tags


def test_a_rare_word_the_story_keeps_using_is_a_subject():
    tagging = tag_story(
        "Carrow bay draws record crowds",
        [
            "Carrow bay drew record crowds this summer, the harbour board says.",
            "The bay has seen a boom in kitesurfing since the board opened it to kitesurfers in May. The "
            "kitesurfing lessons sold out within a week, and the kitesurfing school has hired six instructors.",
            "The kitesurfers say the bay's steady winds make it the best kitesurfing spot on the coast. The board "
            "will mark out a kitesurfing lane next year to keep kitesurfers apart from swimmers.",
            "The town's kitesurfing clubs plan a festival. One kitesurfer said kitesurfing had changed the town.",
        ],
    )
    assert "Kitesurfing" in tagging.tags
    assert tagging.kinds["Kitesurfing"] == "subject"


def test_a_code_of_letters_and_digits_the_story_repeats_is_a_subject():
    tagging = tag_story(
        "Carrow gets faster mobile network",
        [
            "Phone users in Carrow will get a faster mobile network this spring, the operator says.",
            "The 5G masts go up in March. 5G speeds will be ten times those of the old network, it says.",
            "Only the town centre will have 5G at first. The operator says 5G handsets are selling well, and "
            "5G will reach the villages next year.",
        ],
    )
    assert "5G" in tagging.tags


def test_a_city_that_only_places_the_story_is_not_a_tag():
    tagging = tag_story(
        "Leeds mayor Ana Lind refuses to apologise to reporter",
        [
            "Leeds mayor Ana Lind has refused to apologise to a reporter she insulted after a council meeting.",
            "Ana Lind said the reporter had harassed her. Ms Lind, mayor of Leeds since 2019, said she would not "
            "say sorry.",
            "The reporter's newspaper in Leeds said Ms Lind should apologise. Lind said the matter was closed.",
        ],
    )
    assert "Ana Lind" in tagging.tags
    assert "Leeds" not in tagging.tags


def test_a_name_in_one_paragraph_only_is_a_passing_mention():
    tagging = tag_story(
        "Island Ferries to double summer sailings",
        [
            "Island Ferries will double its summer sailings to Carrow, the company said on Monday.",
            "Island Ferries said demand had never been higher. Its spokesman Tom Barra said Tom Barra's team "
            "had worked all winter; Barra added that Barra's own family would sail first.",
            "Island Ferries will add two boats. The extra sailings start in June.",
            "Island Ferries carried 80,000 people last summer.",
        ],
    )
    assert "Island Ferries" in tagging.tags
    assert "Tom Barra" not in tagging.tags


def test_lower_case_words_that_nearly_always_follow_a_name_belong_to_it():
    tagging = tag_story(
        "Harbour firm launches Nimbus mini",
        [
            "Harbour Electronics has launched the Nimbus mini, a pocket-sized weather station for sailors.",
            "The Nimbus mini costs 99 pounds and fits in a life jacket. Harbour Electronics says the Nimbus mini "
            "will sell in 20 countries.",
            "Sailors who tested the Nimbus mini praised its battery. The original Nimbus sold 10,000 units.",
            "The Nimbus mini goes on sale in May.",
        ],
    )
    assert "Nimbus mini" in tagging.tags and "Nimbus" not in tagging.tags


def test_a_compound_inside_a_name_is_no_subject_of_its_own():
    tagging = tag_story(
        "Carrow Department Stores to buy rival",
        [
            "Carrow Department Stores is to buy its rival, Ellis Department Stores, to create the largest chain "
            "of department stores in the region.",
            "The two department stores groups have 40 shops between them. Carrow Department Stores said the deal "
            "would save money.",
            "Shares in Ellis Department Stores rose. Other department stores may follow, analysts said.",
        ],
    )
    assert "Carrow Department Stores" in tagging.tags
    assert not {"Department stores", "Department store"} & set(tagging.tags)


# Names the recogniser cuts, kept whole: (headline, story, whole name, cut
# parts that must not be tags).
_CUT_NAMES = {
    # The recogniser reads "Four" as a number and leaves "Kings" alone.
    "joined by a hyphen": (
        "Harbour gamers get chance to take on Four-Kings",
        "The Four-Kings clan is staging a contest to find new members among the harbour's gamers.\n"
        "Four-Kings hopes the open rounds will turn up players good enough to beat all comers.\n"
        "The winners will join Four-Kings for the tournament in Carrow. Four-Kings won it last year.",
        "Four-Kings",
        {"Kings"},
    ),
    # It reads "Carrow Friends Against Litter (FAL)" as a person called
    # "Carrow Friends"; the acronym says where the name starts and ends.
    "spelt out before its acronym": (
        "Volunteers clear two tonnes of rubbish from harbour beaches",
        "Volunteers in Carrow have cleared two tonnes of rubbish from the harbour beaches in a weekend.\n"
        "Carrow Friends Against Litter (FAL) organised the clean-up, which drew 300 people to Carrow.\n"
        "FAL said the beaches of Carrow were the cleanest they had been for a decade. Friends Against Litter "
        "plans another clean-up in the spring, and Friends Against Litter will ask the council for skips.",
        "Friends Against Litter",
        {"Carrow Friends", "Carrow Friends Against Litter"},
    ),
    "a slogan with a comma": (
        "Council drops campaign asking diners to eat local fish",
        "A harbour campaign asking diners to eat local fish has been dropped by the town council.\n"
        "The council's Eat Fish, Not Chips campaign began in May and paid for posters along the quay.\n"
        "Eat Fish, Not Chips was criticised by the chip shops. Councillors said Eat Fish, Not Chips had done its job.",
        "Eat Fish, Not Chips",
        {"Eat Fish", "Not Chips"},
    ),
    # "the Carrow Awards show" is one evening of the Carrow Awards.
    "an evening of an event": (
        "Conductor Ann Pike to lead orchestra at Carrow Awards",
        "Ann Pike will conduct the orchestra at the Carrow Awards show, the town's biggest night out.\n"
        "The Carrow Awards show is watched by thousands. Pike has played at the Carrow Awards show for years.\n"
        "She said the Carrow Awards show was the hardest job she had ever done.",
        "Carrow Awards",
        {"Carrow Awards show", "Carrow Awards Show"},
    ),
    # "the Carrow award ceremony": one award would be a prize, its ceremony is the awards'.
    "an award ceremony": (
        "Stars walk red carpet at this year's Carrow award ceremony",
        "Stars from across the country are walking the red carpet at this year's Carrow award ceremony.\n"
        "The ceremony at the Carrow Playhouse is the town's biggest night. Ten films are up for prizes.",
        "Carrow Awards",
        {"Carrow", "Carrow award"},
    ),
}


@pytest.mark.parametrize("case", sorted(_CUT_NAMES))
def test_a_name_the_recogniser_cuts_is_kept_whole(case):
    headline, story, whole, parts = _CUT_NAMES[case]
    tags = tag_story(headline, story.split("\n")).tags
    assert whole in tags
    assert not parts & set(tags)
