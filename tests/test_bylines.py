"""Bylines and wire credits: which lines are bylines, how they leave the
story text, how they shape the split, and how they reach the front matter.

Every story, name and byline here was written for these tests.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from conftest import build, write_settings

from generator.convert.bylines import judge_bylines, read_author_header
from generator.convert.converter import convert
from generator.convert.markdown import parse_front_matter
from generator.convert.model import Author
from generator.convert.split import choose_boundaries, split_stories, story_limits
from generator.settings import ConvertSettings

# Byline lines as wires and newspapers write them, and what each names:
# (line, [(name, role), ...], credit).
BYLINES = [
    ("By Jane Smith", [("Jane Smith", "")], None),
    ("by Jane Smith", [("Jane Smith", "")], None),
    ("By: Jane Smith", [("Jane Smith", "")], None),
    ("BY JANE SMITH", [("Jane Smith", "")], None),
    ("By Jane Smith and Tom Jones", [("Jane Smith", ""), ("Tom Jones", "")], None),
    ("By Jane Smith & Tom Jones", [("Jane Smith", ""), ("Tom Jones", "")], None),
    ("By Jane Smith, Tom Jones and Ann Lee", [("Jane Smith", ""), ("Tom Jones", ""), ("Ann Lee", "")], None),
    ("By Jane Smith, Tom Jones, and Ann Lee", [("Jane Smith", ""), ("Tom Jones", ""), ("Ann Lee", "")], None),
    ("By Jane Smith, Political correspondent", [("Jane Smith", "Political correspondent")], None),
    ("By Jane Smith, Chief Political Correspondent", [("Jane Smith", "Chief Political Correspondent")], None),
    ("By Jane Smith in Brussels", [("Jane Smith", "")], None),
    ("By Jane Smith and Tom Jones in Brussels", [("Jane Smith", ""), ("Tom Jones", "")], None),
    ("By Jane Smith in Brussels and Tom Jones in Paris", [("Jane Smith", ""), ("Tom Jones", "")], None),
    ("By Jane Smith, Europe editor, in Brussels", [("Jane Smith", "Europe editor")], None),
    (
        "By Jane Smith and Tom Jones, Health correspondents",
        [("Jane Smith", "Health correspondents"), ("Tom Jones", "Health correspondents")],
        None,
    ),
    (
        "By Jane Smith, Political editor, and Tom Jones, Economics editor",
        [("Jane Smith", "Political editor"), ("Tom Jones", "Economics editor")],
        None,
    ),
    ("By Jane Smith, Home Affairs and Justice Editor", [("Jane Smith", "Home Affairs and Justice Editor")], None),
    ("BY JANE SMITH, POLITICAL CORRESPONDENT", [("Jane Smith", "Political correspondent")], None),
    ("By JANE SMITH, AP Business Writer", [("Jane Smith", "AP Business Writer")], None),
    ("By JANE SMITH, Associated Press", [("Jane Smith", "")], "AP"),
    ("By Jane Smith, Harbour Gazette", [("Jane Smith", "Harbour Gazette")], None),
    ("By Ludwig van der Berg", [("Ludwig van der Berg", "")], None),
    ("BY LUDWIG VAN DER BERG", [("Ludwig van der Berg", "")], None),
    ("By Siobhan O'Neill", [("Siobhan O'Neill", "")], None),
    ("By Nkechi Obi-Uzor", [("Nkechi Obi-Uzor", "")], None),
    ("By Omar al-Rashid", [("Omar al-Rashid", "")], None),
    ("By J. K. Harlow", [("J. K. Harlow", "")], None),
    ("By Will Young and Mark Hope", [("Will Young", ""), ("Mark Hope", "")], None),
    ("By Reuters Staff", [], "Reuters"),
    ("By AFP", [], "AFP"),
]

# Lines that open with "By" and are no bylines.
LOOK_ALIKES = [
    "By the end of the year, prices had doubled.",
    "By contrast, exports fell.",
    "By Tuesday the talks had stalled.",
    "By 2030 the city will need 40,000 more homes.",
    "By then it was too late",
    "By law, shops must close on public holidays.",
    "By far the biggest rise was in rents.",
    "By selling its stake, the bank raised $2bn.",
    "By Christmas Eve, prices had doubled.",
    "By May, inflation had risen again.",
    "By Christmas",
    "By New Year",
    "By Friday Afternoon",
    "By Monday Night, the strike had spread to the docks.",
    "By Jane Smith's own account, the plan was doomed.",
    "By Harbour Road the crowd had grown.",
    "BY THE END OF THE YEAR, PRICES HAD DOUBLED.",
    "BY CHRISTMAS EVE, PRICES HAD DOUBLED.",
    "By the numbers",
    "By-election called after MP resigns",
    "By no means all of them agreed.",
]


def _names(verdict):
    return [(a.name, a.role) for a in verdict.byline.authors]


def test_bylines_written_the_ways_wire_copy_writes_them_are_taken():
    verdicts = judge_bylines([line for line, _, _ in BYLINES])
    for (line, authors, credit), verdict in zip(BYLINES, verdicts, strict=True):
        assert verdict.byline is not None, f"{line!r} refused: {verdict.why}"
        assert (_names(verdict), verdict.byline.credit) == (authors, credit), line


def test_lines_that_only_look_like_bylines_are_refused_with_a_reason():
    verdicts = judge_bylines(LOOK_ALIKES)
    for line, verdict in zip(LOOK_ALIKES, verdicts, strict=True):
        assert verdict.byline is None, f"{line!r} taken: {verdict.why}"
        assert verdict.why, line


def test_the_model_refuses_what_the_shape_lets_through():
    # Capitalised like a name, but a sentence, or a date.
    christmas, new_year = judge_bylines(["By Christmas Eve, prices had doubled.", "By New Year"])
    assert "verb" in christmas.why
    assert "event" in new_year.why or "date" in new_year.why


def test_author_header_lines_name_several_writers_and_their_roles():
    assert read_author_header("Jane Smith; Tom Jones") == (Author("Jane Smith"), Author("Tom Jones"))
    assert read_author_header("Jane Smith and Tom Jones, Health correspondents") == (
        Author("Jane Smith", "Health correspondents"),
        Author("Tom Jones", "Health correspondents"),
    )
    assert read_author_header('["Jane Smith", "Tom Jones"]') == (Author("Jane Smith"), Author("Tom Jones"))
    assert read_author_header("Madonna") == (Author("Madonna"),)


# ------------------------------------------------------------ splitting
BRIDGE = [
    "Commuters in Port Ellis face a month of disruption as the city closes its main rail bridge for repairs.",
    "Port Ellis council said on Monday that the Old Quay rail bridge would close from 1 June while engineers "
    "replace corroded steel beams found during an inspection in the winter.",
    "Trains from the north will stop at Harlow Junction, and replacement buses will run every ten minutes at "
    "peak times, the council said.",
    "By the end of the month, the council expects the first new beams to be in place.",
    "Local traders said they feared the closure would keep shoppers away from the old town during the busiest "
    "weeks of the year.",
]
BAKERY = [
    "A village bakery in the Vale of Arden has won a national award for its sourdough at its first attempt.",
    "The Arden Loaf bakery, run by two sisters from a converted barn, beat more than 200 rival bakeries to the "
    "top prize at the national bread awards in Leeds on Saturday.",
    "The judges praised its crust and its use of flour milled in the next village, the organisers said.",
    "The sisters said they would spend the prize money on a second oven so that they could bake through the night.",
    "Orders had already doubled since the announcement, they said, and the queue outside the barn on Sunday "
    "morning reached the road.",
]


def _split(text: str):
    return split_stories(text, judge_bylines=judge_bylines)


def test_a_byline_over_a_standfirst_and_one_under_a_standfirst_start_their_stories():
    text = "\n".join(
        ["By Marta Kowalczyk, Transport correspondent", *BRIDGE, BAKERY[0], "By Tomasz Nowak in Leeds", *BAKERY[1:]]
    )
    stories, explain = _split(text)
    assert [s.paragraphs for s in stories] == [tuple(BRIDGE), tuple(BAKERY)]
    assert [s.authors for s in stories] == [
        (Author("Marta Kowalczyk", "Transport correspondent"),),
        (Author("Tomasz Nowak"),),
    ]
    assert "line 1: byline 'By Marta Kowalczyk, Transport correspondent' taken" in "\n".join(explain)
    assert any(line.startswith("line 5: 'By the end of the month") and "is no byline" in line for line in explain)


def test_a_byline_between_two_stories_is_never_glued_to_the_one_before():
    # Without the byline the splitter would have to find the boundary on
    # its own; with it, the story before ends at the byline.
    text = "\n".join([*BRIDGE, "By Tomasz Nowak", *BAKERY])
    stories, _ = _split(text)
    assert [s.paragraphs[0] for s in stories] == [BRIDGE[0], BAKERY[0]]
    assert stories[0].authors == () and stories[1].authors == (Author("Tomasz Nowak"),)
    assert all("Tomasz" not in p for s in stories for p in s.paragraphs)


def test_bylines_over_datelined_wire_leads():
    wire = [
        "By Jane Smith",
        "LONDON, March 3 (Reuters) - The harbour board of Port Ellis approved a plan on Tuesday to dredge the main "
        "channel so that larger container ships can dock.",
        "The work will cost about 40 million pounds, the board said.",
        "Shipping firms had warned they would move elsewhere without it.",
        "BY TOM JONES, AP Business Writer",
        "NEW YORK (AP) - Shares of harbour operators fell on Wednesday after the port authority warned that fees "
        "would rise.",
        "The authority said the increase would pay for new cranes.",
    ]
    stories, _ = _split("\n".join(wire))
    assert [s.paragraphs[0][:10] for s in stories] == ["LONDON, Ma", "NEW YORK ("]
    assert [s.authors for s in stories] == [(Author("Jane Smith"),), (Author("Tom Jones", "AP Business Writer"),)]


@pytest.mark.parametrize(
    ("top", "author", "credit", "standfirst"),
    [
        ("By JANE SMITH\nAssociated Press Writer", Author("Jane Smith", "Associated Press Writer"), None, BAKERY[0]),
        ("By Jane Smith\nPolitical correspondent", Author("Jane Smith", "Political correspondent"), None, BAKERY[0]),
        ("By Jane Smith\nReuters", Author("Jane Smith"), "Reuters", BAKERY[0]),
        # A short standfirst ending in a job's word is judged with the
        # byline, read as a sentence, and stays the standfirst.
        ("By Jane Smith\nNewspaper appoints new editor", Author("Jane Smith"), None, "Newspaper appoints new editor"),
    ],
)
def test_a_role_on_the_line_under_the_byline_goes_with_it(top, author, credit, standfirst):
    stories, _ = _split(top + "\n" + "\n".join(BAKERY))
    assert (stories[0].authors, stories[0].source_credit, stories[0].paragraphs[0]) == ((author,), credit, standfirst)


def test_a_byline_is_never_a_headline_line():
    stories, _ = _split("By Jane Smith\n\n" + "\n\n".join(BAKERY))
    assert stories[0].headline is None
    assert stories[0].paragraphs == tuple(BAKERY)
    assert stories[0].authors == (Author("Jane Smith"),)
    # Under a headline line, the byline is still set apart.
    stories, _ = _split("Bakery wins bread award\n\nBy Jane Smith\n\n" + "\n\n".join(BAKERY))
    assert (stories[0].headline, stories[0].paragraphs[0]) == ("Bakery wins bread award", BAKERY[0])
    assert stories[0].authors == (Author("Jane Smith"),)


def test_a_byline_with_no_story_under_it_or_inside_a_set_off_story_stays_text():
    stories, explain = _split("\n".join([*BAKERY, "By Jane Smith"]))
    assert stories[-1].paragraphs[-1] == "By Jane Smith" and stories[-1].authors == ()
    assert any("no story follows it" in line for line in explain)
    stories, explain = _split("\n".join([*BAKERY[:3], "By Jane Smith", *BAKERY[3:], "---", *BRIDGE]))
    assert stories[0].paragraphs[3] == "By Jane Smith" and stories[0].authors == ()
    assert any("stands inside a story" in line for line in explain)


def test_header_lines_name_authors_and_the_source():
    text = "Title: Bakery wins bread award\nAuthor: Jane Smith, Food writer; Tom Jones\nSource: afp\n\n"
    stories, _ = _split(text + "\n".join(BAKERY))
    assert stories[0].authors == (Author("Jane Smith", "Food writer"), Author("Tom Jones"))
    assert stories[0].source_credit == "AFP"
    # The same as YAML-style front matter in the raw copy.
    text = '---\ntitle: "Bakery wins"\nauthors: Jane Smith and Tom Jones\nsource: "Harbour Gazette"\n---\n'
    stories, _ = _split(text + "\n".join(BAKERY))
    assert stories[0].authors == (Author("Jane Smith"), Author("Tom Jones"))
    assert stories[0].source_credit == "Harbour Gazette"


def test_copy_without_a_line_opening_with_by_costs_no_judging():
    calls = []
    split_stories("\n".join(BRIDGE[:3] + BAKERY), judge_bylines=lambda lines: calls.append(lines) or [])
    assert calls == []


def test_a_byline_limits_how_far_a_story_reaches():
    # A byline over paragraph 3: a story that starts at 0 or 1 ends there,
    # one that starts at 2 (its standfirst) may run on through it.
    assert story_limits([False] * 6, bylined=[False, False, False, True, False, False])[1] == [3, 3, 6, 6, 6, 6]
    scores = [0.0, -1.0, -1.0, -5.0, -1.0, -1.0]
    assert choose_boundaries(scores) == [0]
    assert choose_boundaries(scores, bylined=[False, False, False, True, False, False]) in ([0, 2], [0, 3])


# ------------------------------------------------------------ converting
def _settings(tmp_path: Path) -> ConvertSettings:
    s = ConvertSettings(tmp_path / "content", tmp_path / "content" / "raw", tmp_path / "content" / "stories")
    s.raw_path.mkdir(parents=True)
    return s


def _convert(tmp_path: Path, text: str, **options):
    s = _settings(tmp_path)
    raw = s.raw_path / "copy.txt"
    raw.write_text(text, encoding="utf-8")
    os.utime(raw, (1_780_000_000, 1_780_000_000))
    report = convert([s.raw_path], s, **options)
    stories = [parse_front_matter(p.read_text(encoding="utf-8")) for p in s.stories_path.glob("*.md")]
    return report, sorted(stories, key=lambda meta_body: meta_body[0]["source"])


def test_two_run_together_stories_with_bylines_reach_the_front_matter(tmp_path):
    bakery = [BAKERY[0], "By Tomasz Nowak and Ines Walcott", *BAKERY[1:]]
    text = "\n".join(["By Marta Kowalczyk, Transport correspondent", *BRIDGE, *bakery])
    report, stories = _convert(tmp_path, text)
    assert report.ok and len(stories) == 2
    (bridge, bridge_body), (bakery, bakery_body) = stories
    assert bridge["authors"] == ["Marta Kowalczyk"]
    assert bridge["author_roles"] == {"Marta Kowalczyk": "Transport correspondent"}
    assert bakery["authors"] == ["Tomasz Nowak", "Ines Walcott"] and "author_roles" not in bakery
    assert bridge["summary"].startswith("Commuters in Port Ellis") and bakery["summary"].startswith("A village bakery")
    assert "By " not in bridge["title"] + bakery["title"]
    # The byline lines are gone from the text; every body paragraph is there.
    assert "Kowalczyk" not in bridge_body and "Tomasz" not in bakery_body
    assert bridge_body.split("\n\n")[0].startswith("Port Ellis council said")
    assert bakery_body.split("\n\n")[0].startswith("The Arden Loaf bakery")
    assert "By the end of the month" in bridge_body


def test_front_matter_keeps_its_order_and_stories_without_bylines_get_no_authors_key(tmp_path):
    text = "By Jane Smith\n" + "\n".join(BAKERY) + "\n---\n" + "\n".join(BRIDGE)
    _, stories = _convert(tmp_path, text)
    keys = [list(meta) for meta, _ in stories]
    assert keys[0].index("summary") < keys[0].index("authors") < keys[0].index("category")
    assert "authors" not in keys[1] and "author_roles" not in keys[1] and "source_credit" not in keys[1]


def test_a_datelines_agency_is_the_source_credit(tmp_path):
    text = (
        "LONDON, March 3 (Reuters) - The harbour board of Port Ellis approved a plan on Tuesday to dredge the main "
        "channel so that larger container ships can dock.\nThe work will cost about 40 million pounds, the board said."
    )
    report, [(meta, _)] = _convert(tmp_path, text, explain=True)
    assert meta["source_credit"] == "Reuters" and "authors" not in meta
    assert any("source credit 'Reuters' from the dateline" in line for line in report.plans)


def test_explain_says_which_lines_were_taken_and_refused(tmp_path):
    text = "By Jane Smith in Leeds\n" + "\n".join([*BAKERY[:2], "By Tuesday the talks had stalled.", *BAKERY[2:]])
    report, [(_, body)] = _convert(tmp_path, text, explain=True)
    plans = "\n".join(report.plans)
    assert "line 1: byline 'By Jane Smith in Leeds' taken (authors: Jane Smith; place Leeds dropped" in plans
    assert "line 4: 'By Tuesday the talks had stalled.' is no byline: 'Tuesday' is no part of a name" in plans
    assert "#1: authors: Jane Smith" in plans
    assert "By Tuesday the talks had stalled." in body


def test_pelican_reads_authors_as_a_list(tmp_path):
    """A site builds with ``authors`` as a YAML list and ``author_roles`` as a mapping."""
    (tmp_path / "content" / "raw").mkdir(parents=True)
    text = "By Jane Smith, Food writer, and Tom Jones\n" + "\n".join(BAKERY)
    (tmp_path / "content" / "raw" / "bakery.txt").write_text(text, encoding="utf-8")
    output = build(write_settings(tmp_path))
    [story] = (tmp_path / "content" / "stories").glob("*.md")
    meta = yaml.safe_load(story.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["authors"] == ["Jane Smith", "Tom Jones"]
    assert (output / "stories" / story.stem / "index.html").exists()


@pytest.mark.parametrize("line", ["By Jane Smith", "BY JANE SMITH AND TOM JONES"])
def test_a_byline_alone_is_no_story(tmp_path, line):
    report, stories = _convert(tmp_path, line + "\n" + "\n".join(BAKERY))
    assert len(stories) == 1 and stories[0][0]["authors"][0] == "Jane Smith"
    assert report.ok


@pytest.mark.parametrize("opening", ["Title: Bakery", "Author: Jane", "Source: Reuters", "By Jane"])
def test_header_and_byline_lines_with_a_long_run_of_spaces_are_read_quickly(opening):
    # A lazy pattern ending in "\s*$" took minutes on such a line.
    start = time.perf_counter()
    stories, _ = _split(opening + " " * 300_000 + "Smith\n" + "\n".join(BAKERY))
    assert time.perf_counter() - start < 5
    assert stories[-1].paragraphs[-1] == BAKERY[-1]
