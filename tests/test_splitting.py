import pytest
from samples import CHOIR, HARBOUR

from generator.convert.dates import parse_dateline
from generator.convert.split import (
    choose_boundaries,
    count_sentences,
    points_back,
    split_stories,
    split_warnings,
    story_limits,
)


def test_two_run_together_stories_are_found():
    stories, explain = split_stories("\n".join(HARBOUR + CHOIR))
    assert [s.paragraphs[0] for s in stories] == [HARBOUR[0], CHOIR[0]]
    assert [len(s.paragraphs) for s in stories] == [5, 5]
    assert stories[1].first_line == 6
    assert any("line 6: new story" in line for line in explain)
    assert not any("for cutting here" in line for line in explain)
    detailed, explain = split_stories("\n".join(HARBOUR + CHOIR), detailed=True)
    assert [s.paragraphs for s in detailed] == [s.paragraphs for s in stories]
    assert any("line 6: new story" in line and "for cutting here" in line for line in explain)


def test_explicit_separators_win():
    text = "\n".join(HARBOUR[:2]) + "\n***\n" + "\n".join(CHOIR[:2]) + "\n\f" + "Third story.\nIts body."
    stories, _ = split_stories(text)
    assert [s.paragraphs[0] for s in stories] == [HARBOUR[0], CHOIR[0], "Third story."]


def test_two_blank_lines_separate_stories_and_one_blank_line_separates_paragraphs():
    text = "First standfirst.\n\nFirst body,\nwrapped.\n\n\nSecond standfirst.\n\nSecond body."
    stories, _ = split_stories(text)
    assert [s.paragraphs for s in stories] == [
        ("First standfirst.", "First body, wrapped."),
        ("Second standfirst.", "Second body."),
    ]


def test_headline_line_followed_by_blank_line_is_one_story():
    stories, _ = split_stories("Choir wins national contest\n\n" + "\n\n".join(CHOIR))
    assert len(stories) == 1
    assert stories[0].headline == "Choir wins national contest"
    assert stories[0].paragraphs[0] == CHOIR[0]


def test_date_and_title_headers_are_read():
    stories, _ = split_stories("Title: Choir wins\nDate: 2025-03-01\n\n" + "\n".join(CHOIR))
    assert stories[0].headline == "Choir wins"
    assert stories[0].explicit_date == "2025-03-01"
    assert len(stories) == 1


def test_boundaries_respect_minimum_story_length():
    assert choose_boundaries([0, 9, 9, 9]) == [0, 2]
    assert choose_boundaries([0, 5]) == [0]


def test_sentence_counting_ignores_abbreviations():
    assert count_sentences("The U.S. envoy met him. Then he left.") == 2


class _BlockSimilarity:
    """Pair similarities for consecutive stories of ``sizes`` paragraphs."""

    def __init__(self, sizes: list[int], within: float, across: float):
        self.story = [k for k, size in enumerate(sizes) for _ in range(size)]
        self.within, self.across = within, across

    def __call__(self, a: int, b: int) -> float:
        return self.within if self.story[a] == self.story[b] else self.across

    def column(self, b: int, start: int) -> list[float]:
        return [self(a, b) for a in range(start, b)]


def test_cohesion_finds_the_story_the_local_evidence_misses():
    # Every boundary looks weak on its own; the paragraphs fall into two
    # groups that talk about the same things.
    scores = [0.0] + [-1.5] * 9
    similarity = _BlockSimilarity([5, 5], within=0.3, across=-0.01)
    assert choose_boundaries(scores) == [0]
    assert choose_boundaries(scores, similarity=similarity) == [0, 5]


def test_cohesion_does_not_cut_a_story_that_hangs_together():
    scores = [0.0] + [-1.5] * 9
    similarity = _BlockSimilarity([10], within=0.2, across=0.0)
    assert choose_boundaries(scores, similarity=similarity) == [0]


def test_a_list_item_never_opens_a_story():
    squad = [f"- Player {n} (Club {n}), Player {n + 1} (Club {n + 1})" for n in range(1, 4)]
    stories, _ = split_stories("\n".join(HARBOUR[:3] + squad + HARBOUR[3:] + CHOIR))
    assert [s.paragraphs[0] for s in stories if s.paragraphs[0].startswith("- ")] == []
    assert CHOIR[0] in [s.paragraphs[0] for s in stories]


def test_a_headline_typed_as_markdown_loses_its_markup():
    for line in ("# Choir wins national contest", "**Choir wins national contest**"):
        stories, _ = split_stories(line + "\n\n" + "\n\n".join(CHOIR))
        assert stories[0].headline == "Choir wins national contest"


def test_a_very_long_run_is_split_a_window_at_a_time_with_the_same_result(monkeypatch):
    import sys

    from conftest import ROOT

    from generator.convert import split as splitting

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import stories  # the benchmark's made-up stories

    paragraphs, truth = [], []
    for made in stories(12, seed=7):
        truth.append(len(paragraphs) + 1)
        paragraphs += made.paragraphs
    text = "\n".join(paragraphs)
    whole, _ = split_stories(text)
    monkeypatch.setattr(splitting, "WINDOW_PARAGRAPHS", 25)  # windows end inside stories
    windowed, explain = split_stories(text)
    found = [s.first_line for s in whole]
    by_window = [s.first_line for s in windowed]
    assert set(truth) <= set(found)
    # A window's end can move a boundary near it (seen with these stories at
    # a 25-paragraph window, where every story meets an edge; real windows
    # are 4,000 paragraphs): all but the boundaries beside an edge agree.
    edges = len(paragraphs) // 25
    assert len(set(by_window) ^ set(found)) <= 2 * edges // 4
    assert len(set(by_window) & set(truth)) >= len(truth) - 2
    # (--explain has no line for a story a window starts with: at most one a window.)
    assert len(by_window) - 1 - edges <= sum("new story" in line for line in explain) <= len(by_window) - 1


# ---------------------------------------------------------------- wire copy
# Made-up wire stories (written for these tests): a datelined lead opens each
# story, no standfirst, one sentence a paragraph, as agencies write.
DREDGING = [
    "PORT ELLIS, March 3 (Reuters) - The Port Ellis harbour authority said on Tuesday it would dredge the main "
    "channel this spring so that larger container ships can reach the docks.",
    "The work will cost about 40 million crowns and take four months, the authority said in a statement.",
    "Shipping lines had warned they might move their services to rival ports unless the channel was deepened.",
    "He said dredgers would work at night so the channel stays open to traffic during the day.",
]
CHORUS = [
    "LEEDS, Sept. 14 - A village choir from the Vale of Arden won the national amateur singing contest at its "
    "first attempt on Saturday, beating 60 rival choirs.",
    "The Arden Singers, 24 villagers led by retired music teacher Colm Brady, rehearse twice a week in the hall.",
    "But nobody in the village expected the choir to get past the first round, Brady told reporters.",
    "Their prize includes a recording session and a concert in the city's cathedral next year.",
]
TOYS = [
    "NEW YORK (AP) -- Shares of the toy maker Brightbox fell 12 percent after the company cut its sales "
    "forecast for the holiday season.",
    "Brightbox blamed weak demand for its building kits and higher shipping costs from its factories.",
    "The company said it would close two warehouses and cut about 300 jobs by the end of the year.",
    "Analysts said the warning could weigh on other toy makers that report results later this month.",
]


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "date_parts"),
    [
        (
            "AMSTERDAM, March 3 - KLM Royal Dutch Airlines <KLM.A> said it agreed a deal.",
            "Amsterdam",
            None,
            (3, 3, None),
        ),
        ("PORT ELLIS, Mar. 3 - The harbour will be dredged.", "Port Ellis", None, (3, 3, None)),
        ("LEEDS, Sept. 14 - A choir won.", "Leeds", None, (9, 14, None)),
        ("LONDON, 4 December 2025 (Reuters) - Talks resumed.", "London", "Reuters", (12, 4, 2025)),
        ("LONDON, Dec 4 (AP) \u2014 Talks resumed.", "London", "AP", (12, 4, None)),
        ("WASHINGTON, March 3, 1987 - The Senate voted.", "Washington", None, (3, 3, 1987)),
        ("NEW YORK (Reuters) - Shares of Brightbox fell.", "New York", "Reuters", (None, None, None)),
        ("TOKYO -- Stocks rose.", "Tokyo", None, (None, None, None)),
        ("PARIS \u2014 The strike ended.", "Paris", None, (None, None, None)),
        ("RIO DE JANEIRO, Feb 9 - Carnival began.", "Rio de Janeiro", None, (2, 9, None)),
        ("ST. LOUIS (AP) \u2014 The river rose.", "St. Louis", "AP", (None, None, None)),
        ("WASHINGTON D.C. -- Congress met.", "Washington D.C.", None, (None, None, None)),
        ("SPRINGFIELD, Ill. (AP) \u2014 Lawmakers met.", "Springfield", "AP", (None, None, None)),
        ("Kabul, 3 March 2005 (AFP) - Talks began.", "Kabul", "AFP", (3, 3, 2005)),
    ],
)
def test_each_dateline_form_is_recognised(paragraph, place, agency, date_parts):
    dateline = parse_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.agency, (dateline.month, dateline.day, dateline.year)) == (
        place,
        agency,
        date_parts,
    )
    assert paragraph == dateline.written + dateline.paragraph_text
    assert dateline.paragraph_text[:1].isupper()
    assert dateline.has_year == (date_parts[2] is not None)


@pytest.mark.parametrize(
    "paragraph",
    [
        "BMW - the carmaker - said it would build the plant.",  # an acronym and an aside
        "NEW YORK-based lenders said rates would rise.",
        "CHRYSLER - AMC MERGER TALKS END",  # a title in capitals
        "UK - The figures were revised.",
        "On Tuesday, March 3 - the day of the vote - turnout was high.",
        "Talks resumed on 4 December 2025 - again.",
        "The harbour authority said on Tuesday it would dredge the channel.",
    ],
)
def test_what_is_not_a_dateline(paragraph):
    assert parse_dateline(paragraph) is None


def test_a_datelined_lead_starts_a_story_and_the_story_carries_its_dateline():
    stories, explain = split_stories("\n".join(DREDGING + CHORUS + TOYS))
    assert [s.first_line for s in stories] == [1, 5, 9]
    assert [s.paragraphs for s in stories] == [tuple(DREDGING), tuple(CHORUS), tuple(TOYS)]
    first, second, third = stories
    assert (first.dateline.place, first.dateline.agency, first.dateline_index) == ("Port Ellis", "Reuters", 0)
    assert (second.dateline.month, second.dateline.day, second.dateline.year) == (9, 14, None)
    assert third.dateline.place == "New York" and third.dateline.agency == "AP"
    # The paragraphs keep the dateline; the text for headlines has none.
    assert first.paragraphs[0].startswith("PORT ELLIS, March 3 (Reuters) - ")
    assert first.paragraphs_without_dateline[0].startswith("The Port Ellis harbour authority said")
    assert first.dateline.paragraph_text == first.paragraphs_without_dateline[0]
    assert first.paragraphs_without_dateline[1:] == first.paragraphs[1:]
    # No year in the dateline: the converter takes it from the file's date.
    assert [s.explicit_date for s in stories] == [None, None, None]
    assert any(line.startswith("line 5: new story (datelined lead 'LEEDS, Sept. 14 -'") for line in explain)
    assert not split_warnings(explain)


def test_a_one_paragraph_wire_brief_is_a_story_of_its_own():
    brief = (
        "BRUSSELS (Reuters) - European Union fisheries ministers agreed on Monday to extend talks on next "
        "year's catch quotas by a week."
    )
    ending = "The contest final will be shown on television on Sunday."
    stories, _ = split_stories("\n".join([*DREDGING, brief, *CHORUS, ending, *TOYS]))
    assert [s.first_line for s in stories] == [1, 5, 6, 11]
    assert stories[1].paragraphs == (brief,) and stories[1].dateline.place == "Brussels"
    assert stories[2].paragraphs[-1] == ending


def test_a_dateline_with_a_year_gives_the_explicit_date():
    lead = "WASHINGTON, March 3, 1987 - " + DREDGING[0].split(" - ", 1)[1]
    stories, _ = split_stories("\n".join([lead, *DREDGING[1:], *CHORUS]))
    assert stories[0].explicit_date == "1987-03-03"
    assert stories[1].explicit_date is None


def test_a_title_line_over_a_datelined_lead_opens_the_story():
    titles = ["Port Ellis to dredge its channel", "Village choir wins at first attempt", "Brightbox shares fall"]
    text = "\n".join([titles[0], *DREDGING, titles[1], *CHORUS, titles[2], *TOYS])
    stories, _ = split_stories(text)
    assert [s.paragraphs[0] for s in stories] == titles
    assert [s.first_line for s in stories] == [1, 6, 11]
    assert [s.dateline_index for s in stories] == [1, 1, 1]
    assert stories[1].paragraphs_without_dateline[1].startswith("A village choir from the Vale of Arden")


def test_a_standfirst_over_a_datelined_lead_opens_the_story():
    lead = "PORT ELLIS, 3 March 2025 (Harbour News) - " + HARBOUR[1]
    stories, _ = split_stories("\n".join([HARBOUR[0], lead, *HARBOUR[2:], *CHOIR]))
    assert [s.paragraphs[0] for s in stories] == [HARBOUR[0], CHOIR[0]]
    assert stories[0].dateline_index == 1 and stories[0].explicit_date == "2025-03-03"
    assert stories[1].dateline is None


def test_a_line_that_points_back_never_starts_a_story():
    for opener in ("He", "She", "But", "However,", "Meanwhile,", "Also,", "The company said"):
        assert points_back(f"{opener} the plan would go ahead.")
    for opener in ("Hearts", "It", "They", "This", "The company behind the plan"):
        assert not points_back(f"{opener} said the plan would go ahead.")
    # The choir's standfirst, made to point back, no longer opens a story,
    # however much it otherwise looks like one.
    pointing = "But " + CHOIR[0][0].lower() + CHOIR[0][1:]
    stories, _ = split_stories("\n".join([*HARBOUR, pointing, *CHOIR[1:]]))
    assert all(not s.paragraphs[0].startswith("But ") for s in stories)
    # In the programme: the best-scoring start is not allowed.
    scores = [0, -1, -1, -2, 5, -2, -1, -1]
    assert choose_boundaries(scores) == [0, 4]
    assert choose_boundaries(scores, cannot_start=[False] * 4 + [True] + [False] * 3) != [0, 4]


def test_a_story_does_not_end_before_its_first_body_paragraph():
    # Strong evidence for a start right after another start: a story still
    # keeps its standfirst and a body paragraph.
    for scores in ([0, 9, 9, 9, 9], [0, 9, -9, 9, 9, -9], [0, -9, 9, 9, 9, 9, 9]):
        starts = choose_boundaries(scores)
        ends = [*starts[1:], len(scores)]
        assert all(end - start >= 2 for start, end in zip(starts, ends, strict=True)), scores
    # A datelined lead is its own body, so a story may be that lead alone.
    assert choose_boundaries([0, 0, 0], datelined=[True, True, True]) == [0, 1, 2]
    # An undated line over a datelined lead opens the lead's story: the two
    # are never cut apart, and a story reaches to the next datelined lead.
    assert story_limits([False, True, False, True, False]) == ([2, 1, 2, 1, 2], [3, 3, 5, 5, 5])
    stories, _ = split_stories("\n".join([*DREDGING, "Village choir wins", *CHORUS]))
    assert [s.paragraphs[:2] for s in stories][1] == ("Village choir wins", CHORUS[0])


def test_a_fragment_is_named_with_its_line():
    text = "\n".join([*HARBOUR, "---", "he said the talks would go on.", "Both sides agreed to meet again."])
    stories, explain = split_stories(text)
    assert len(stories) == 2
    warnings = split_warnings(explain)
    assert warnings == [(7, "story looks like a fragment (it opens in lower case; very short (13 words))")]
    _, explain = split_stories("\n".join([*HARBOUR, "---", "But the minister said the plan would cost more."]))
    [(line, message)] = split_warnings(explain)
    assert line == 7 and 'opens with "But", which points back' in message and "only one paragraph" in message
    # Whole stories raise no warning.
    assert not split_warnings(split_stories("\n".join(HARBOUR + CHOIR))[1])


# A third story in the house style of the samples: standfirst, lost drop cap.
LIBRARY = [
    "Glenmouth's public library will open on Sundays from next month after volunteers offered to staff it.",
    "lenmouth council agreed on Monday to keep the library open seven days a week, after 40 volunteers "
    "signed up to run the Sunday service without pay.",
    "Councillor Petra Lindqvist said the library had been the busiest building in the town since the "
    "reading room was rebuilt two years ago.",
    "Librarians will train the volunteers, who must be over 18 and will work in pairs on four-hour shifts.",
    "A survey by the council found that three in four borrowers wanted Sunday opening, most of them parents "
    "of young children.",
]


def test_copy_without_datelines_still_splits_as_before():
    stories, explain = split_stories("\n".join(HARBOUR + LIBRARY + CHOIR))
    assert [s.first_line for s in stories] == [1, 6, 11]
    assert all(s.dateline is None and s.explicit_date is None for s in stories)
    assert all("datelined" not in line for line in explain)
    assert not split_warnings(explain)
