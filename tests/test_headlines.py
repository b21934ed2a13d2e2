import pytest

from generator.convert import parse_headline
from generator.convert.headline import DANGLING, MAX_CHARS, MAX_WORDS, OVERRUN, make_headline

# Both headline writers, the rules' and the parse's, keep the same promises.
WRITERS = pytest.mark.parametrize("write", [make_headline, parse_headline.make_headline], ids=["rules", "parse"])

STANDFIRSTS = [
    "The city council has approved a plan to build 300 homes on the old airfield, despite objections from residents.",
    "Shortly after landing in Lisbon, the prime minister announced new funding for coastal flood defences.",
    "Rail fares in the region are to rise by 4% from January, the transport authority has said.",
    "A retired teacher from Galway has won the national lottery jackpot of 12m euros.",
    "Scientists at the northern research station say the glacier retreated faster this year than ever before.",
]


@WRITERS
@pytest.mark.parametrize("standfirst", STANDFIRSTS)
def test_headlines_are_short_whole_and_unpunctuated(write, standfirst):
    headline = write(standfirst)
    words = headline.split()
    assert 3 <= len(words) <= MAX_WORDS + OVERRUN
    assert len(headline) <= MAX_CHARS
    assert headline != standfirst
    assert not headline.endswith((".", ",", ";", ":"))
    assert words[-1].lower() not in DANGLING or words[-2:] == ["ever", "before"]
    assert headline[0].isupper()


def test_headlinese_drops_articles_and_attribution():
    assert make_headline(STANDFIRSTS[2]) == "Rail fares in region to rise by 4%"
    assert make_headline(STANDFIRSTS[0]) == "City council approves plan to build 300 homes on old airfield"


def test_opening_phrase_is_dropped():
    assert make_headline(STANDFIRSTS[1]).startswith("Prime minister announces new funding")


@pytest.mark.parametrize(
    ("standfirst", "headline"),
    [
        # A reported clause moves into the present with the verb that reports it.
        (
            "The harbour master promised the council he would stand down before the next election.",
            "Harbour master promises council he will stand down before next election",
        ),
        # Regular -ased participles keep their e.
        (
            "Harbour towns increased their spending on sea walls by 8% in May.",
            "Harbour towns increase spending on sea walls by 8%",
        ),
        # A short trailing attribution goes: ", figures showed."
        (
            "Ferry bookings rose by a fifth in the spring, official figures showed.",
            "Ferry bookings rise by fifth in spring",
        ),
        # After a modal verb no later participle is the main verb.
        (
            "Anglers could find themselves fined under new river rules.",
            "Anglers could find themselves fined under new river rules",
        ),
        # "that" after a verb of knowing is no relative clause.
        (
            "One ranger knows that the wolves are a danger to the flock.",
            "One ranger knows wolves are danger to flock",
        ),
        # A dummy "it" stays, in the present with the verb that reports it.
        ("Mayor Ana Ruiz said it was time to close the old bridge.", "Ana Ruiz says it is time to close old bridge"),
        # "There is no doubt that" and a leading "This" add nothing.
        (
            "There is no doubt that electric ferries are popular with islanders.",
            "Electric ferries popular with islanders",
        ),
        (
            "This second harbour festival brought crowds and a record number of boats.",
            "Second harbour festival brings crowds and record number of boats",
        ),
        # Copula dropped, as headlines do; not after a pronoun.
        ("Fishing crews are expected to strike on Monday over quotas.", "Fishing crews expected to strike over quotas"),
    ],
)
def test_sub_editing_rules(standfirst, headline):
    assert make_headline(standfirst) == headline


def test_a_ranking_before_a_name_goes_and_a_headline_never_ends_on_a_verb_of_saying():
    headline = make_headline(
        "Former world number one Ines Walcott insists she can win back her title despite a poor start to the season."
    )
    assert headline.startswith("Ines Walcott insists she can")
    assert headline.split()[-1] not in {"insists", "says"}


def test_a_cut_that_would_leave_only_a_subject_goes_on_to_the_verb():
    headline = make_headline(
        "A former harbour pilot and a ferry clerk have been found guilty of selling forged tickets to "
        "hundreds of island visitors last summer."
    )
    assert headline.startswith("Former harbour pilot and ferry clerk found guilty")


def test_a_name_that_starts_with_a_role_word_keeps_it():
    body = ["The Star Ferry company said the Star Ferry would sail again on Monday.", "Singer Ines Walcott will sing."]
    assert make_headline("Star Ferry fans have raised money to restore the old boat.", body).startswith("Star Ferry")
    assert make_headline("Singer Ines Walcott has opened a music school in Port Ellis.").startswith("Ines Walcott")


def test_a_capitalised_name_ending_in_ed_is_not_a_verb():
    headline = make_headline("Harbour group Allied Ferries is to buy its rival Island Boats for £40m.")
    assert "Allied Ferries" in headline and "allies" not in headline.lower()


def test_a_name_given_after_a_description_becomes_the_subject():
    headline = make_headline(
        "The island's biggest employer, Port Ellis Shipyards, has said it will not build any new ferries."
    )
    assert headline.startswith("Port Ellis Shipyards will not build")


def test_a_phrase_is_finished_rather_than_cut_in_half():
    headline = make_headline(
        "The island's ferry operator will not allow any new private charter boats to use the harbour at night."
    )
    assert headline.split()[-1] not in {"new", "charter", "private"}
    assert len(headline.split()) <= 12


def test_an_adverb_inside_the_perfect_tense_stays():
    headline = make_headline("The harbour master has again refused to reopen the old pier to visitors.")
    assert headline.startswith("Harbour master again refuses to reopen")


def test_a_short_headline_keeps_the_first_name():
    body = ["Walcott founded the choir in 1970.", "Walcott was 88."]
    headline = make_headline("Ines Walcott, founder of the island choir, has died.", body)
    assert headline == "Ines Walcott, founder of island choir, dies"  # room for who she was, too


def test_a_full_name_stays_unless_the_surname_keeps_more_of_the_news():
    body = [
        "Ms Walcott said the ferry would sail.",
        "Ines Walcott has led the board since 2019.",
        "Walcott added more.",
    ]
    headline = make_headline("Ines Walcott has promised islanders a new ferry timetable by the spring.", body)
    assert headline == "Ines Walcott promises islanders new ferry timetable by spring"
    from generator.convert.headline import _news_words

    whole = "Walcott promises islanders new ferry timetable".split()
    assert _news_words("Walcott promises islanders".split(), whole) == 2
    # A prize is no person, though the body says "the prize" on its own.
    body = ["The prize is worth £5,000.", "Past winners of the Harbour Prize include two poets.", "Prize money rose."]
    headline = make_headline("A young poet is the favourite to win the Harbour Prize for verse this year.", body)
    assert "Harbour Prize" in headline


def test_a_long_compound_subject_still_gets_a_present_tense_verb():
    headline = make_headline("Island singer Ines Walcott and the folk band Harbour Lights won three awards on Friday.")
    assert "win three awards" in headline


def test_a_clause_hanging_off_the_subject_goes():
    headline = make_headline(
        "The ferry timetable that hundreds of island commuters are expected to use next winter is 'unworkable', "
        "a councillor has said."
    )
    assert headline == "Ferry timetable is 'unworkable'"


def test_a_participle_phrase_with_its_agent_goes():
    headline = make_headline("The harbour plans drawn up by the island council last year are too costly.")
    assert headline.startswith("Harbour plans") and "drawn" not in headline


def test_an_organisation_keeps_its_whole_name():
    body = ["The Board will report in March.", "The Standards Board said it had received a complaint."]
    headline = make_headline("An inquiry by the Standards Board is under way after a complaint about the mayor.", body)
    assert "Standards Board" in headline


def test_a_verb_is_not_cut_from_its_phrase():
    headline = make_headline(
        "A campaign by the island council to target illegal parking appears to have been put on hold."
    )
    assert headline.endswith("put on hold")


def test_a_comma_between_adjectives_is_not_an_appositive():
    headline = make_headline(
        "The council has unveiled a new, low-cost ferry for island commuters, billed as the Sea Bus."
    )
    assert headline.startswith("Council unveils new, low-cost ferry")


def test_a_headline_never_ends_on_a_verb_of_finding():
    headline = make_headline(
        "A team of island researchers has shown that seaweed farming could double the income of local fishermen."
    )
    assert headline.split()[-1] not in {"shows", "finds"}


def test_one_description_with_and_goes_before_the_name():
    headline = make_headline(
        "Island football club and former league champion Port Ellis Rovers has warned it may fold."
    )
    assert headline.startswith("Port Ellis Rovers")


def test_a_long_participle_phrase_after_the_subject_goes():
    headline = make_headline(
        "Volunteers trying to feed, house and clothe hundreds of families flooded out of the harbour district "
        "are getting help from a fleet of drones."
    )
    assert headline.startswith("Volunteers getting help")


def test_it_is_unlikely_that_keeps_the_judgement():
    headline = make_headline(
        "It is unlikely that the new island ferry will sail before the end of May, officials said."
    )
    assert headline.startswith("New island ferry unlikely to sail")


def test_a_phrasal_verb_keeps_its_phrase():
    headline = make_headline(
        "Island sprinter Ines Walcott insists she can get back to her best despite a slow start to the season."
    )
    assert headline.endswith("get back to her best")


def test_a_long_subject_gives_way_to_its_verb():
    # The subject's head and as much of its complement as leaves room for
    # the verb: a headline without its verb says nothing happened.
    standfirst = (
        "A controversial scheme to charge lorries for using the coast road through the old harbour district "
        "has been scrapped."
    )
    assert make_headline(standfirst) == "Controversial scheme to charge lorries for using coast road scrapped"
    standfirst = (
        "The mayor's decision to close all the public libraries in the northern suburbs of the city has once more "
        "put the spotlight on the council's budget."
    )
    assert make_headline(standfirst) == "Mayor's decision again puts spotlight on council's budget"
    # The verb of a clause after "if they" is not the subject's verb.
    standfirst = "Coastal rail lines need to get faster if they are to win back passengers from the roads."
    assert make_headline(standfirst) == "Coastal rail lines need to get faster"


@pytest.mark.parametrize(
    ("standfirst", "headline"),
    [
        # A clause between commas that only describes the subject goes.
        (
            "The harbour choir, which has won twelve national prizes in the last ten years, is to tour Japan.",
            "Harbour choir to tour Japan",
        ),
        # So does a "someone once said" aside.
        ("The harbour, the mayor once said, is the beating heart of the town.", "Harbour is beating heart of town"),
        # A list between dashes, even with a dash typed against the word before it.
        (
            "The council is to close two libraries- Elm Street and Bank Road - after cuts to its budget.",
            "Council to close two libraries after cuts to budget",
        ),
        # "The last year" is the subject here, not a time phrase to drop.
        (
            "The last year has seen one club dominate the northern league.",
            "Last year sees one club dominate northern league",
        ),
        # "Two years after X, Y": the opening phrase goes.
        (
            "Two years after the harbour flooded, there is new hope for the fishing fleet.",
            "New hope for fishing fleet",
        ),
        # A phrase cut before its "to" is finished when two more words allow.
        (
            "The harbour board has asked the national ports authority to investigate the new dredging contracts.",
            "Harbour board asks national ports authority to investigate new dredging contracts",
        ),
        # Any participle clause after a comma is a clause of its own.
        (
            "Ferry fares rose by 9% in the year to March, sparking anger among island residents.",
            "Ferry fares rise by 9% in year to March",
        ),
        # An opening participle phrase goes; a capitalised "Within" ends a title.
        (
            "Still basking in the glory of last year's Storm Rising, the veteran pilot is back in Harbour Within.",
            "Veteran pilot back in Harbour Within",
        ),
        # A clause the cut would leave unfinished goes whole.
        (
            'The mayor has apologised to councillors after his office announced "too early" a review of the '
            "harbour fees for the coming year.",
            "Mayor apologises to councillors",
        ),
        # What a study found is the news; "that" after a verb of saying goes.
        (
            "A team of island researchers has shown that reading the tides by satellite is a step closer.",
            "Reading tides by satellite is step closer",
        ),
        ("The harbour master admits that the new pier is not ready.", "Harbour master admits new pier is not ready"),
        # A trailing "X say" goes; "were acting" is "acting" in the main clause only.
        ("Ferry crews were acting within the rules, the new guidelines say.", "Ferry crews acting within rules"),
        (
            "The harbour master denies claims he knew the crews were skipping safety drills.",
            "Harbour master denies claims he knew crews were skipping safety drills",
        ),
        # No cut between "UK and foreign" and the noun they both modify.
        (
            "The harbour board has voiced serious doubts about the plans for keeping UK and foreign trawlers "
            "out of the bay.",
            "Harbour board voices serious doubts about plans",
        ),
        # A name spelled out before its acronym gives way to the acronym.
        (
            "The Island Ferry Authority (IFA) will appeal against the ruling on harbour fees.",
            "IFA to appeal against ruling on harbour fees",
        ),
        # An opening phrase stays when what is left says too little.
        ("Two years after the harbour flooded, there is fresh hope.", "Fresh hope two years after harbour flooded"),
        # "for their part" needs its phrase; "take part" does not.
        (
            "The ferry firm has been fined £30,000 by the harbour board for its part in the collision off the pier.",
            "Ferry firm fined £30,000 by harbour board",
        ),
        (
            "Island children are getting a chance to take part in a national rowing race next week.",
            "Island children getting chance to take part in national rowing race",
        ),
        # A passive main verb stays when its agent is cut.
        (
            "A call for longer ferry timetables to serve the outer islands has been rejected by one of the board's "
            "most senior members.",
            "Call for longer ferry timetables rejected",
        ),
        # A measure after the verb is the news; a relative clause on a reported subject goes.
        (
            "Prices of homes on the islands of Orkney and Shetland rose by 0.5% in October, according to "
            "figures from the land registry.",
            "Prices of homes on islands of Orkney and Shetland rise by 0.5%",
        ),
        (
            "A judge has ruled that a skipper who sank his own boat for the insurance should not go to prison.",
            "Judge rules that skipper should not go to prison",
        ),
        # The head of "X in Y" agrees; "a" stays in "more than a million" and
        # goes before a figure; a possessive goes before a name too.
        (
            "House prices on the island fell for the third month in a row.",
            "House prices on island fall for third month in row",
        ),
        (
            "More than a million islanders are now using the ferry app to book crossings, a survey says.",
            "More than a million islanders are now using ferry app to book crossings",
        ),
        (
            "The ferry firm has reported a 27% rise in passenger numbers.",
            "Ferry firm reports 27% rise in passenger numbers",
        ),
        (
            "The council has cut the price of its Harbour Pass by a third.",
            "Council cuts price of Harbour Pass by a third",
        ),
        # What is believed keeps its verb; "who was" stays inside a relative clause.
        (
            "Police on the island say they believe a gang was behind the £2m raid on the harbour bank in "
            "the early hours.",
            "Police on island say they believe gang was behind £2m raid",
        ),
        ("A man has been charged over a boat which was found sunk.", "Man charged over boat which was found sunk"),
        # A comparison and "set to" are never cut in half.
        (
            "Island shops sold more ferry tickets in 2024 than in any year since the harbour opened in 1999.",
            "Island shops sell more ferry tickets than in any year",
        ),
        (
            "The number of islanders using the new app to book their crossings is set to soar over the summer.",
            "Number of islanders using new app set to soar over summer",
        ),
        # A name after a role is the subject only when its verb follows.
        (
            "Harbour United have sacked coach Ines Walcott after just three months in charge.",
            "Harbour United sack coach Ines Walcott after just three months",
        ),
        (
            "The mayor has urged harbour master Ines Walcott to apologise for her remarks.",
            "Mayor urges harbour master Ines Walcott to apologise for remarks",
        ),
        # "denies claims | that ...": "claims" is a noun here, and the clause cut short goes.
        (
            "The harbour office has denied claims that the mayor and the harbour master are at war over the "
            "timing of the regatta.",
            "Harbour office denies claims",
        ),
        # "after the airline | warned": a time clause whose verb was cut off goes.
        (
            "Shares in the island ferry company have fallen sharply after the company warned that high fuel "
            "costs would hit profits.",
            "Shares in island ferry company fall sharply",
        ),
        # A name given after a description is the subject of "says".
        (
            "The woman behind the island's ferry timetable app, Ines Walcott, says she has no plans to sell the firm.",
            "Ines Walcott has no plans to sell firm",
        ),
        # Two words over the limit beat a subject with no verb.
        (
            "Ferry passengers on the island made a record 26 million crossings last year, figures show.",
            "Ferry passengers on island make record 26 million crossings",
        ),
        # "at least 20" is the object; "died" is "die" for many; "a third term" loses its article.
        (
            "A fire at a harbour warehouse has destroyed at least 20 boats, including two lifeboats.",
            "Fire at harbour warehouse destroys at least 20 boats",
        ),
        ("At least 50 seals have died on the island's north beach.", "At least 50 seals die on island's north beach"),
        ("The mayor has said she will not seek a third term.", "Mayor will not seek third term"),
        (
            "Ferry crews say they are struggling to keep to the winter timetable.",
            "Ferry crews struggling to keep to winter timetable",
        ),
        # A sentence ending in an accented letter is still a sentence.
        (
            "The paper timetables of the island ferries are now passé. By May all ferries will run to an app.",
            "Paper timetables of island ferries are now passé",
        ),
    ],
)
def test_asides_and_clauses_a_headline_does_without(standfirst, headline):
    assert make_headline(standfirst) == headline


def test_an_of_phrase_is_not_cut_inside_its_and():
    standfirst = "Harbour ferry passengers are an odd mix of locals and tourists, suggests a survey by the port."
    assert make_headline(standfirst) == "Harbour ferry passengers are odd mix of locals and tourists"


def test_a_reported_clause_keeps_its_verb_and_a_quotation_is_finished_word_for_word():
    standfirst = (
        "Harbour master Ines Walcott said the reopening of the north pier after the winter storms was "
        '"the best day in years."'
    )
    body = ["Ms Walcott said the pier had been shut since January.", "Walcott thanked the crews."]
    assert make_headline(standfirst, body) == 'Walcott says reopening of north pier was "the best day in years"'


@pytest.mark.parametrize(
    ("standfirst", "headline"),
    [
        # Wire copy: a dateline goes, and so does a bare weekday after the verb.
        (
            "PORTSMOUTH (AP) — The harbour board on Tuesday approved a £12 million plan to dredge the "
            "channel, sending the project to the council.",
            "Harbour board approves £12 million plan to dredge channel",
        ),
        (
            "Island Ferries Inc. said Thursday it would add two boats to the winter timetable.",
            "Island Ferries to add two boats to winter timetable",
        ),
        # The head of "X of Y" agrees with the verb; "trading" is a noun here.
        (
            "Shares of the ferry firm fell 5% in after-hours trading after it cut its forecast.",
            "Shares of ferry firm fall 5% in after-hours trading",
        ),
        # "Black Friday" is a name, not a time phrase.
        (
            "Black Friday sales rose 3% at island shops, the traders' association said.",
            "Black Friday sales rise 3% at island shops",
        ),
    ],
)
def test_wire_copy(standfirst, headline):
    assert make_headline(standfirst) == headline


@pytest.mark.parametrize(
    ("standfirst", "headline"),
    [
        # Irregular pasts, and plural groups with capitals.
        ("Hundreds of islanders fled their homes as the river rose.", "Hundreds of islanders flee homes as river rose"),
        (
            "Divers dug through the silt for the wreck of the old ferry.",
            "Divers dig through silt for wreck of old ferry",
        ),
        ("The Liberal Democrats unveiled their plan for the harbour.", "Liberal Democrats unveil plan for harbour"),
    ],
)
def test_verb_forms_in_headlines(standfirst, headline):
    assert make_headline(standfirst) == headline


@pytest.mark.parametrize(
    "standfirst",
    [
        "Officials say that " * 3000 + "it ends.",  # nested reported clauses: no recursion limit
        "Aa " * 20000 + "(AAA)",  # every cut tried: linear, not quadratic
        "The man who " * 5000 + "left.",
        '"quote ' * 10000,
        "word " * 200000,
    ],
)
@WRITERS
def test_hostile_standfirsts_give_a_short_headline(write, standfirst):
    headline = write(standfirst)
    assert 0 < len(headline) <= MAX_CHARS


@WRITERS
def test_a_headline_in_a_script_without_spaces_is_cut_to_the_limit(write):
    headline = write("市议会批准了在河上建造一座新桥的计划" * 8 + "。")
    assert 0 < len(headline) <= MAX_CHARS


def test_a_reported_past_perfect_becomes_the_present():
    headline = make_headline("Island Ferries said on Tuesday it had agreed to buy two new boats for the winter.")
    assert headline.startswith("Island Ferries agrees to buy two new boats")
    # Inside another clause the tense stays.
    assert "he had known" in make_headline("The harbour master denies claims he had known of the leak.")


@pytest.mark.parametrize(
    ("standfirst", "headline"),
    [
        # A denial is never dropped: the claim it denies is not the news.
        ("The harbour minister denied he had lied to parliament.", "Harbour minister denies he had lied to parliament"),
        ("The club denied it would sack the coach.", "Club denies it would sack coach"),
        # "had" inside another clause keeps its tense; the subject sets the number.
        ("Residents whose homes had flooded were moved.", "Residents whose homes had flooded moved"),
        ("The mayor and his deputy had resigned over the scandal.", "Mayor and deputy resign over scandal"),
        ("Staff at the hospital had walked out.", "Staff at hospital walk out"),
        ("The mayor had already resigned.", "Mayor already resigns"),
    ],
)
def test_a_reported_clause_never_turns_a_denial_into_the_news(standfirst, headline):
    assert make_headline(standfirst) == headline


def test_a_long_subject_loses_its_participle_phrase_before_the_verb():
    from generator.convert.headline import drop_subject_complement

    # "set out at ..." hangs off the subject: the subject keeps its head and
    # the headline its verb, not a subject with no verb after it.
    standfirst = (
        "The new rules drawn up by the harbour board after the storms of last winter were meant to help "
        "ferry owners keep sailing in bad weather."
    )
    assert drop_subject_complement(standfirst) == (
        "The new rules were meant to help ferry owners keep sailing in bad weather."
    )
    assert make_headline(standfirst).startswith("New rules meant to help ferry owners")


def test_a_list_is_no_aside():
    from generator.convert.headline import drop_asides

    # ", security," is an item of the list, not an aside to drop.
    text = "The harbour master's duties included moorings, dredging, pilotage and the lifeboat."
    assert drop_asides(text) == text


def test_an_acronyms_plural_takes_a_plural_verb():
    assert make_headline("Two MSPs called for an inquiry into the harbour dredging contract.").split()[:3] == [
        "Two",
        "MSPs",
        "call",
    ]
    assert make_headline("Three MPs pretended to be asleep as the harbour bill was read.").split()[:3] == [
        "Three",
        "MPs",
        "pretend",
    ]


def test_headline_grammar_on_copy_the_rules_were_not_written_for():
    # An "and" inside the head's phrase joins places, not subjects.
    church = make_headline("The head of the Catholic Church in England and Wales made the comments in a sermon.")
    assert church == "Head of Catholic Church in England and Wales makes comments"
    # "the" goes before a figure, as before any noun.
    figure = make_headline("The figure is less than the 3,000 cases mentioned by the mayor.")
    assert figure == "Figure is less than 3,000 cases mentioned by mayor"
    # A pronoun keeps its "was": "he ruling out" is no English.
    denial = make_headline("But he denied that he was ruling out a new bridge over the estuary.")
    assert "he ruling" not in denial and "he was ruling out new bridge" in denial


def test_a_clause_inside_the_headline_keeps_its_own_grammar():
    # "who to hear" and "which digitised" are no English: headline style is
    # for the headline's own clause.
    judges = make_headline("Tony Reid is among the judges who will hear young poets read their work aloud.")
    assert "who will hear" in judges
    books = make_headline("Pupils are doing exercises in school textbooks which have been digitised.")
    assert books.endswith("which have been digitised")
    # An acronym for a name before a comma leaves no space before it.
    from generator.convert.headline import news_text

    assert news_text("The Harbour Users Group (HUG), which meets monthly, said so.").startswith("The HUG, which")


def test_a_phrase_between_commas_goes_even_with_a_verb_inside_and_but_keeps_the_tense():
    from generator.convert.headline import drop_asides

    # A phrase that opens with a preposition is an aside, whatever its verbs.
    standfirst = (
        'Dr Ann Reid, on her first full day in the job after Tom Gray was sacked, admitted "big challenges" '
        'but insisted the "essentials" were in place.'
    )
    assert drop_asides(standfirst).startswith('Dr Ann Reid admitted "big challenges"')
    # The verb after "but" shares the subject and the tense.
    assert make_headline(standfirst) == 'Dr Ann Reid admits "big challenges" but insists "essentials" were in place'
    assert drop_asides("Nasa is doing it, boys are doing it, couples are doing it.").count(",") == 2


def test_a_name_described_between_commas_is_the_subject_not_an_attribution():
    # "Name, description, says ..." is a subject and its verb; the headline
    # was the name and its description alone.
    assert make_headline(
        "Ann Reid, a key influence on harbour policy, says the emphasis on dredging is misplaced."
    ) == ("Ann Reid says emphasis on dredging misplaced")
    # And a pronoun keeps its passive: "he betrayed" says the opposite.
    assert make_headline("Tom Gray, 50, claims he has been betrayed by the harbour board.") == (
        "Tom Gray claims he has been betrayed by harbour board"
    )
    # Named, then described, at the end: an attribution.
    assert make_headline("Fares will rise, Tom Gray, the harbour board chief, said.") == "Fares to rise"


def test_brackets_go_however_long_and_a_clause_inside_keeps_its_will():
    standfirst = (
        'The slogan "Harbour first" (no, it is not a command from one of those harbour masters) is to become '
        "part of daily life in the town."
    )
    slogan = make_headline(standfirst)
    assert "(" not in slogan and slogan.startswith('Slogan "Harbour first" to become')
    details = make_headline(
        "Some details of the ferry's speed and what sailing will be like on the new route were given at the meeting."
    )
    assert "what sailing will be like" in details


def test_a_number_heads_a_plural_subject():
    held = make_headline("Five of the eight men held a news conference outside the harbour office on Monday.")
    assert held.startswith("Five of eight men hold ")
    assert make_headline("One of the eight men held a news conference.").startswith("One of eight men holds ")


def test_what_a_subject_says_and_a_participles_aside_are_read_right():
    # "that" opens what the revelation was, not which revelation: its verb
    # stays with it, and the sentence's verb is later.
    revelation = make_headline(
        "The revelation that the harbour board had inflated its accounts led to the resignation of its chairman."
    )
    assert revelation.startswith("Revelation that harbour board had inflated accounts")
    # An aside that opens with a participle goes, whatever verbs it holds.
    urged = make_headline(
        "Mr Gray, elected mayor in January after Mr Reid was toppled, has urged the council to approve the plan."
    )
    assert urged.startswith("Mr Gray urges council")
    assert make_headline("Several of the island's biggest firms saw their market value hit record highs.").startswith(
        "Several of island's biggest firms see"
    )


def test_a_subject_holds_no_verb_and_a_cut_never_ends_on_too():
    rise = make_headline(
        "The modest profit rise had been expected by analysts after the company said in December that the poor "
        "summer weather had hit soft drink sales in Europe."
    )
    assert "had been had" not in rise and rise.startswith("Modest profit rise had been expected")
    told = make_headline(
        "Tom Gray, who has run the regatta for the past five years, told the BBC News website he was not too "
        "surprised by the number of boats."
    )
    assert not told.endswith(" too")


def test_a_quotation_cut_short_is_closed_where_it_stops():
    # The words are still the speaker's: the marks stay, closed at the cut,
    # not dropped to print the words as the paper's own.
    title = make_headline(
        'The harbour board has described the new ferry timetable as "a disgrace to the town and an insult to '
        'every islander who works on the mainland".'
    )
    assert title == 'Harbour board describes new ferry timetable as "a disgrace to the town"'


def test_the_faults_a_blind_judge_found_in_this_sessions_rules():
    # A participle keeps its place after an adverb in its verb group.
    tribunal = make_headline(
        "The tribunal decided that Ms Reid had been unfairly dismissed because, having been removed from a senior "
        "post, she was entitled to wait to see if a suitable post could be found in the firm."
    )
    assert tribunal == "Tribunal decides that Ms Reid had been unfairly dismissed"
    # A count takes a plural verb only before "of": "number eight" is one player.
    player = make_headline("The 25-year-old number eight made a scoring return for Kelso at the weekend.")
    assert player.startswith("25-year-old number eight makes")
    # A clause that has its verb is closed: the main "will" is "to".
    states = make_headline("The eight island states which joined the union last year will see 4.6% growth.")
    assert states.startswith("Eight island states which joined union to see")
    # "even" is no last word.
    messages = make_headline("The messages can get through even when the radio signal is too weak to carry a call.")
    assert not messages.endswith(" even")


def test_a_long_aside_that_opens_with_a_participle_goes():
    title = make_headline(
        "Mr Gray, elected president in January after Mr Vandenbroucke was toppled, has urged the harbour "
        "parliament to approve the amnesty."
    )
    assert title.startswith("Mr Gray urges harbour parliament")


def test_a_long_description_between_commas_after_a_name_is_still_an_aside():
    title = make_headline(
        "Tom Gray, a senior harbour officer who became a secret agent for the islanders, said the council had "
        "treated him well."
    )
    assert title.startswith("Tom Gray") and "officer" not in title
