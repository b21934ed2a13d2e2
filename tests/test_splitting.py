from samples import CHOIR, HARBOUR

from generator.convert.split import choose_boundaries, count_sentences, split_stories


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
    import random
    import sys

    from conftest import ROOT

    from generator.convert import split as splitting

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import story  # the benchmark's made-up stories

    rng = random.Random(7)
    paragraphs, truth = [], []
    for n in range(12):
        truth.append(len(paragraphs) + 1)
        paragraphs += story(rng, n)
    text = "\n".join(paragraphs)
    whole, _ = split_stories(text)
    monkeypatch.setattr(splitting, "WINDOW_PARAGRAPHS", 25)  # windows end inside stories
    windowed, explain = split_stories(text)
    assert [s.first_line for s in windowed] == [s.first_line for s in whole] == truth
    assert sum("new story" in line for line in explain) == 11
