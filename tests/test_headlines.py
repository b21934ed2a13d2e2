import pytest

from generator.headlines import DANGLING, MAX_CHARS, make_headline

STANDFIRSTS = [
    "The city council has approved a plan to build 300 homes on the old airfield, despite objections from residents.",
    "Shortly after landing in Lisbon, the prime minister announced new funding for coastal flood defences.",
    "Rail fares in the region are to rise by 4% from January, the transport authority has said.",
    "A retired teacher from Galway has won the national lottery jackpot of 12m euros.",
    "Scientists at the northern research station say the glacier retreated faster this year than ever before.",
]


@pytest.mark.parametrize("standfirst", STANDFIRSTS)
def test_headlines_are_short_whole_and_unpunctuated(standfirst):
    headline = make_headline(standfirst)
    words = headline.split()
    assert 3 <= len(words) <= 10
    assert len(headline) <= MAX_CHARS
    assert headline != standfirst
    assert not headline.endswith((".", ",", ";", ":"))
    assert words[-1].lower() not in DANGLING
    assert headline[0].isupper()


def test_headlinese_drops_articles_and_attribution():
    assert make_headline(STANDFIRSTS[2]) == "Rail fares in region to rise by 4%"
    assert make_headline(STANDFIRSTS[0]) == "City council approves plan to build 300 homes"


def test_opening_phrase_is_dropped():
    assert make_headline(STANDFIRSTS[1]).startswith("Prime minister announces new funding")
