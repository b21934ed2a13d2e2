"""The active voice for headlines (generator/convert/voice.py), on sentences
written for these tests (``voice_cases.json``: passives turned round, and
sentences left as they are: a short or named subject, a modal with "being",
a preposition left behind, a quotation, a doer that is a time)."""

import json
from pathlib import Path

import pytest

from generator.convert.parse import parse_texts
from generator.convert.voice import active_voice

CASES = json.loads((Path(__file__).parent / "voice_cases.json").read_text(encoding="utf-8"))


def _active(sentence: str) -> str | None:
    return active_voice(next(parse_texts([sentence])[0].sents))


@pytest.mark.parametrize("case", CASES["turned"], ids=lambda c: c["active"][:40])
def test_a_long_passive_is_turned_round(case):
    assert _active(case["passive"]) == case["active"]


@pytest.mark.parametrize("sentence", CASES["kept"], ids=lambda s: s[:40])
def test_what_is_not_turned_round(sentence):
    assert _active(sentence) is None


def test_a_question_is_never_turned_round():
    from generator.convert.voice import turn_round

    question = "Have new rules on the size of fishing boats in the bay been approved by the council?"
    assert turn_round(next(parse_texts([question])[0].sents), None) is None
    # The same sentence as a statement is.
    statement = question.replace("Have new rules", "New rules").replace(" been approved", " have been approved")
    assert turn_round(next(parse_texts([statement.rstrip("?") + "."])[0].sents), None)
