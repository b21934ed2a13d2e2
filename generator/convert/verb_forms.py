"""Verb forms for headlines: the base form of a past participle and the
present tense headlines use ("has warned" -> "warns", "fell" -> "falls").

The spelling rules guess a base form; the English word list that ships
inside symspellpy checks the guess (see :func:`base_form`).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from generator.convert.clean import word_frequency

if TYPE_CHECKING:
    from spacy.tokens import Token

# Irregular verbs: past forms -> third-person present.  Some forms are both
# simple past and past participle ("said"), some only one ("took", "taken").
_IRREGULAR_SHARED = dict(
    pair.split(":")
    for pair in """said:says told:tells won:wins lost:loses made:makes left:leaves met:meets paid:pays
    sold:sells bought:buys found:finds held:holds kept:keeps sent:sends spent:spends built:builds
    brought:brings struck:strikes set:sets cut:cuts put:puts hit:hits quit:quits led:leads
    fought:fights sought:seeks died:dies shut:shuts hurt:hurts let:lets bid:bids spread:spreads
    upset:upsets cost:costs lent:lends stood:stands understood:understands heard:hears
    laid:lays taught:teaches caught:catches thought:thinks felt:feels dealt:deals meant:means slid:slides
    fled:flees dug:digs fed:feeds shot:shoots swept:sweeps slept:sleeps wept:weeps hung:hangs stuck:sticks
    split:splits bent:bends burnt:burns spun:spins upheld:upholds withheld:withholds
    overheard:overhears misled:misleads read:reads""".split()
)
_PARTICIPLE_ONLY = dict(
    pair.split(":")
    for pair in """given:gives taken:takes thrown:throws shown:shows begun:begins become:becomes
    come:comes gone:goes seen:sees risen:rises fallen:falls chosen:chooses written:writes
    driven:drives broken:breaks spoken:speaks stolen:steals frozen:freezes forgotten:forgets
    hidden:hides beaten:beats eaten:eats drawn:draws grown:grows known:knows flown:flies
    withdrawn:withdraws overtaken:overtakes undertaken:undertakes sunk:sinks sung:sings rung:rings
    drunk:drinks shaken:shakes worn:wears torn:tears woken:wakes ridden:rides forgiven:forgives
    mistaken:mistakes overcome:overcomes swum:swims""".split()
)
PAST_ONLY = dict(
    pair.split(":")
    for pair in """took:takes gave:gives went:goes came:comes saw:sees became:becomes rose:rises
    fell:falls began:begins wrote:writes chose:chooses threw:throws drew:draws grew:grows
    knew:knows ran:runs flew:flies broke:breaks spoke:speaks stole:steals froze:freezes
    forgot:forgets hid:hides withdrew:withdraws overtook:overtakes sank:sinks sang:sings rang:rings
    drank:drinks shook:shakes wore:wears tore:tears woke:wakes rode:rides drove:drives forgave:forgives
    mistook:mistakes overcame:overcomes swam:swims undertook:undertakes""".split()
)
IRREGULAR_PRESENT = _IRREGULAR_SHARED | _PARTICIPLE_ONLY


_VOWELS = "aeiouy"


# Base forms rarer than this in English (symspellpy's counts) are no verbs.
MIN_VERB_FREQUENCY = 100_000


def base_form(participle: str) -> str | None:
    """Base form of a regular past participle, or ``None`` when unsure.

    The spelling rules guess; the English word list checks the guess and,
    when it is no word, picks the commonest of the other spellings
    ("appeared" is "appear", not "appeare"; "edited" is "edit").

    >>> [base_form(w) for w in ("apologised", "warned", "planned", "debated", "looked", "edited", "increased")]
    ['apologise', 'warn', 'plan', 'debate', 'look', 'edit', 'increase']
    >>> [base_form(w) for w in ("appeared", "controlled", "created", "achieved", "settled", "used")]
    ['appear', 'control', 'create', 'achieve', 'settle', 'use']
    >>> [base_form(w) for w in ("offered", "happened", "intervened")]
    ['offer', 'happen', 'intervene']
    >>> [base_form(w) for w in ("played", "vowed", "fixed")]
    ['play', 'vow', 'fix']
    >>> [base_form(w) for w in ("sued", "argued", "assumed", "welcomed")]
    ['sue', 'argue', 'assume', 'welcome']
    >>> [base_form(w) for w in ("voiced", "noticed", "replaced")]
    ['voice', 'notice', 'replace']
    """
    word = participle.lower()
    guess = _spelled_base_form(word)
    if not word.endswith("ed") or len(word) < 4 or (len(word) == 4 and word.endswith("eed")):
        return guess  # "sued", "need", or no participle at all
    return _checked_base_form(word, guess)


def _spelled_base_form(word: str) -> str | None:
    if word.endswith("ued") and len(word) >= 4:  # sued, argued, issued
        return word[:-1]
    if not word.endswith("ed") or len(word) < 5:
        return None
    stem = word[:-2]
    if word.endswith("eed"):  # agreed
        return word[:-1]
    if stem.endswith("i"):  # carried
        return stem[:-1] + "y"
    last, before = stem[-1], stem[-2]
    if last == "c":  # voiced, noticed, replaced: no English verb ends in a bare c
        return stem + "e"
    vowel_groups = len(re.findall(f"[{_VOWELS}]+", stem))
    if last in "wxy" and before in "aeiou":  # played, showed, vowed, fixed
        return stem
    if last == before and last not in "slz" + _VOWELS and len(stem) >= 4:  # planned, stopped (not added)
        return stem[:-1]
    if stem.endswith(("as", "us")) and stem not in {"focus", "bias"}:  # increased, caused
        return stem + "e"
    if stem.endswith(("er", "en")) and vowel_groups >= 2:  # offered, happened (not intervened)
        return None if stem in {"interfer", "adher", "persever", "rever", "coher", "interven", "conven"} else stem
    if stem.endswith(
        (
            "is",
            "iz",
            "uc",
            "nc",
            "rc",
            "dg",
            "lv",
            "rv",
            "ps",
            "ns",
            "rg",
            "ng",
            "ov",
            "iv",
            "av",
            "ur",
            "ar",
            "ir",
            "ut",
            "um",
            "com",
        )
    ) or (stem.endswith(("at", "ot")) and vowel_groups >= 2):
        if stem.endswith(("eng", "ung")):  # challenged, plunged
            return stem + "e"
        return None if stem.endswith("ng") and not stem.endswith("ang") else stem + "e"
    if last not in _VOWELS and before not in _VOWELS:  # warned, asked, blocked
        return stem
    if last not in _VOWELS and before in _VOWELS and stem[-3:-2] in tuple(_VOWELS):  # looked, feared
        return stem
    if last not in _VOWELS and vowel_groups == 1:  # voted, hoped, ruled
        return stem + "e"
    return None


def _checked_base_form(word: str, guess: str | None) -> str | None:
    if not word_frequency("the"):
        return guess  # no word list: the spelling rules alone
    if guess and word_frequency(guess) >= MIN_VERB_FREQUENCY:
        return guess
    stem = word[:-2]
    candidates = {stem + "e", stem} if len(stem) >= 3 else {stem + "e"}  # used, aged: not "us", "ag"
    if len(stem) >= 2 and stem[-1] == stem[-2]:
        candidates.add(stem[:-1])  # controlled
    if stem.endswith("i"):
        candidates.add(stem[:-1] + "y")  # carried
    frequent = [c for c in candidates if len(c) >= 3 and word_frequency(c) >= MIN_VERB_FREQUENCY]
    return max(frequent, key=word_frequency, default=None)


def present_tense(participle: str, plural: bool = False) -> str | None:
    """Present tense of a past participle: third person, or plural.

    >>> [present_tense(w) for w in ("apologised", "warned", "dismissed", "agreed", "said", "carried", "added")]
    ['apologises', 'warns', 'dismisses', 'agrees', 'says', 'carries', 'adds']
    >>> present_tense("warned", plural=True)
    'warn'
    """
    word = participle.lower()
    if word in IRREGULAR_PRESENT:
        present = IRREGULAR_PRESENT[word]
        if plural:
            return plural_form(present)
        return present
    base = base_form(word)
    if base is None or plural:
        return base
    if base.endswith("y") and base[-2:-1] not in _VOWELS:
        return base[:-1] + "ies"
    if base.endswith(("s", "x", "z", "ch", "sh")):
        return base + "es"
    return base + "s"


IRREGULAR_PAST = _IRREGULAR_SHARED | PAST_ONLY


def plural_form(present: str) -> str:
    """The plural of a third-person present ("they" form).

    >>> [plural_form(w) for w in ("warns", "carries", "flies", "dies", "pushes", "goes", "freezes")]
    ['warn', 'carry', 'fly', 'die', 'push', 'go', 'freeze']
    """
    if present in {"dies", "lies", "ties", "vies"}:
        return present[:-1]
    if present.endswith("ies"):
        return present[:-3] + "y"
    if present.endswith(("shes", "ches", "sses", "xes", "zzes", "oes")):
        return present[:-2]
    return present[:-1]


def is_participle(word: str) -> bool:
    """A past participle, regular or irregular ("launched", "taken", "cut")."""
    low = word.lower()
    return (low.endswith("ed") and base_form(low) is not None) or low in _PARTICIPLE_ONLY or low in _IRREGULAR_SHARED


def verb_lemma(verb: Token) -> str:
    """The base form of a parsed verb.  spaCy's lemma of a past form is
    sometimes wrong ("fined" -> "fin"), so lemminflect's is taken for one.

    >>> from generator.convert.parse import parse_texts
    >>> verb_lemma(parse_texts(["The council fined the ferry firm."])[0][2])
    'fine'
    """
    # Imported here: lemminflect loads spaCy, which a run with nothing to
    # convert never needs.
    from lemminflect import getLemma

    lemma = verb.lemma_.lower() if verb.lemma_ else verb.lower_
    if verb.tag_ in ("VBD", "VBN"):
        lemma = (getLemma(verb.lower_, upos="VERB") or (lemma,))[0]
    return lemma


@functools.lru_cache(maxsize=1024)
def verb_forms(lemma: str) -> frozenset[str]:
    """Every form of a verb, from its base form: a headline that says
    "leading" has kept "lead", whatever the tagger made of the word.

    >>> sorted(verb_forms("lead"))
    ['lead', 'leading', 'leads', 'led']
    """
    from lemminflect import getAllInflections

    forms = {form for spelled in getAllInflections(lemma, upos="VERB").values() for form in spelled}
    return frozenset({lemma, *forms})
