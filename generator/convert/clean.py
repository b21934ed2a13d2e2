"""Cleaning raw paragraphs: mojibake, control characters, spacing, drop caps.

Everything here is a pure function of text, so each repair can be tested on
its own and explained by ``convert --explain``.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import re
import string
from collections import Counter
from pathlib import Path

import ftfy

# C0/C1 controls except tab and newline, plus the Unicode line/paragraph
# separators, which break YAML and XML alike; the bidirectional embeddings,
# overrides and isolates, which can make a headline read backwards; and the
# invisible soft hyphen, word joiner and annotation marks.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff]"
)
# A zero-width (non-)joiner between Latin letters joins nothing; in other
# scripts and emoji it does, and stays.
_LATIN_JOINER = re.compile(r"(?<=[A-Za-z])[\u200c\u200d](?=[A-Za-z])")
# Combining marks left on a Latin letter after NFC composition ("T\u0337\u0322he",
# Zalgo text): every accent news copy uses composes into one character, so
# what is left only scrambles the text. Other scripts need their marks.
_STACKED_MARKS = re.compile(r"(?<=[A-Za-z])[\u0300-\u036f]+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")

UNIGRAMS = "frequency_dictionary_en_82_765.txt"
BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
# Below this a completion is a guess, and a guess is worse than no repair.
MIN_DROP_CAP_SCORE = 1.5
# A completion the story also uses in lower case ("male", "sloppy") gains a
# little: less than a capitalised use, which may be the very word.
LOWER_CASE_WEIGHT = 0.3
# News narrative opens paragraphs with these far more than general English
# does ("He also said", not "We also said").
NARRATIVE_OPENERS = {
    "the": 1.0,
    "he": 1.0,
    "it": 1.0,
    "in": 0.5,
    "on": 0.5,
    "as": 0.5,
    "an": 0.5,
    "but": 0.5,
    "its": 0.5,
    "some": 0.5,
    # News seldom addresses the reader: "our people" is "Four people".
    "your": -0.5,
    "you": -0.5,
    # Questions, orders and bare prepositions hardly ever open a news
    # paragraph ("et in a school, the play ..." is Set, not Get).
    "get": -1.0,
    "is": -1.0,
    "are": -1.0,
    "of": -1.0,
}


def clean_paragraph(text: str) -> str:
    """Fix mojibake, drop control characters and collapse runs of spaces.

    Quotes, apostrophes and dashes are kept as the writer typed them; only
    broken encodings are repaired.

    >>> clean_paragraph("The cafÃ©\\x07  opened\\u00a0today ")
    'The café opened today'
    >>> clean_paragraph("\\u202eThe coun\\u200dcil met\\u202c to\\u00addays")
    'The council met todays'
    >>> clean_paragraph("T\\u0337\\u0322he cafe\\u0301 opened")
    'The café opened'
    """
    if not _plain_ascii(text):
        text = ftfy.fix_text(
            text,
            uncurl_quotes=False,
            fix_latin_ligatures=False,
            fix_character_width=False,
            normalization="NFC",
        )
    text = _CONTROL.sub("", text.replace("\n", " "))
    if not text.isascii():  # both only ever remove non-ASCII characters
        text = _STACKED_MARKS.sub("", _LATIN_JOINER.sub("", text))
    return _SPACES.sub(" ", text).strip()


def _plain_ascii(text: str) -> bool:
    """Text ftfy would leave as it is: ASCII (no mojibake is possible) without
    an HTML entity, a carriage return or a terminal escape."""
    return text.isascii() and "&" not in text and "\r" not in text and "\x1b" not in text


def _story_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", text)


def _first_token(paragraph: str) -> str:
    match = re.match(r"[A-Za-z][A-Za-z'\u2019-]*", paragraph)
    return match.group(0) if match else ""


@functools.cache
def _frequencies(name: str) -> dict[str, int]:
    """A word (or word pair) frequency list shipped inside symspellpy.

    Only the data file is read; symspellpy itself is never imported.
    """
    spec = importlib.util.find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / name
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            *words, count = line.split()
            counts[" ".join(words)] = int(count)
    return counts


def word_frequency(word: str) -> int:
    return _frequencies(UNIGRAMS).get(word.lower(), 0)


def pair_frequency(first: str, second: str) -> int:
    return _frequencies(BIGRAMS).get(f"{first.lower()} {second.lower()}", 0)


@functools.cache
def _totals() -> tuple[int, int]:
    return sum(_frequencies(UNIGRAMS).values()) or 1, sum(_frequencies(BIGRAMS).values()) or 1


def pair_association(first: str, second: str) -> float:
    """How much more often English writes ``first second`` than chance would
    (pointwise mutual information, in bits); 0 for a pair the list lacks.

    A fixed term scores high ("digital divide"), a passing pairing low.

    >>> pair_association("digital", "divide") > 8 > pair_association("new", "year")
    True
    """
    pair, a, b = pair_frequency(first, second), word_frequency(first), word_frequency(second)
    if not (pair and a and b):
        return 0.0
    words, pairs = _totals()
    return math.log2((pair / pairs) / ((a / words) * (b / words)))


def guess_drop_cap(paragraph: str, context: str) -> tuple[str, str] | None:
    """Guess the capital letter lost from the start of ``paragraph``.

    A lost drop cap leaves a paragraph that starts with a fragment:
    ``"ussian President ..."``, ``"he minister ..."``, or for an acronym
    ``"T reports ..."``.  Each capital letter that could complete the
    fragment is scored by how often the completed word appears in the story
    itself, how common it is in English, and how common it is before the next
    word (``"he also"`` -> ``"He also"``, ``"n estimated"`` -> ``"An
    estimated"``).  Returns ``(letter, reason)``, or ``None`` when no
    completion is a known word, or the paragraph looks intact.

    >>> guess_drop_cap("ussian President Putin spoke.", "Russia and the Russians")
    ('R', 'story has Russians')
    >>> guess_drop_cap("he minister said so.", "Ministers met.")
    ('T', 'common before "minister"')
    >>> guess_drop_cap("r Okafor spoke.", "Later Dr Okafor added more.")
    ('D', 'title before a name (Dr)')
    >>> guess_drop_cap("t's a long way to the harbour.", "The harbour is far.")
    ('I', 'common before "a"')
    >>> guess_drop_cap("s Walcott said so.", "Ines Walcott runs the choir.")
    ('M', 'title before a name (Ms)')
    >>> guess_drop_cap("an Berry said so.", "The federation's chair, Jan Berry, spoke first.")
    ('J', 'story has Jan Berry')
    >>> guess_drop_cap("eBay shares rose.", "eBay is an auction site.") is None
    True
    """
    token = _first_token(paragraph)
    if not token:
        return _guess_before_apostrophe(paragraph, context)
    rest = paragraph[len(token) :].split()
    next_word = rest[0].strip(".,;:!?\"'()") if rest else ""
    if token[0].isupper():
        return _guess_acronym(token, context)
    # Words with an inner capital (eBay, iPod), or written the same way with
    # the same next word elsewhere ("de Villepin"), are intact.
    if any(c.isupper() for c in token) or (
        next_word and re.search(r"(?<![\w'\u2019])" + re.escape(f"{token} {next_word}"), context)
    ):
        return None
    # Only capitalised uses count as the story's evidence: names, acronyms
    # and sentence openers, not every "in" and "the".
    story_words = _story_words(context)
    capitalised = [w for w in story_words if w[0].isupper()]
    in_story = Counter(w.lower() for w in capitalised)
    in_text = Counter(w for w in story_words if w[0].islower())
    stem = token.lower().split("'")[0].split("\u2019")[0]
    if stem == "r" and next_word[:1].isupper():
        # "r Okafor said": a title before a name is Mr or Dr, whichever the story uses.
        letter = "D" if in_story["dr"] > in_story["mr"] else "M"
        return letter, f"title before a name ({letter}r)"
    if token == "s" and next_word[:1].isupper() and (in_story["ms"] or _named_in_full(next_word, context)):
        return "M", "title before a name (Ms)"  # "s Walcott said"; "s Europe's leaders met" is As
    if next_word[:1].isupper():
        # "an Berry said": the story names Jan Berry elsewhere.
        named = _letter_before(f"{token} {next_word}", context)
        if named:
            return named
    if token == "n" and next_word.lower() in _WEEKDAYS:
        return "O", "a weekday (On)"  # "n Tuesday the council ..."
    if (
        stem == "n"
        and next_word[:1] in "aeiou"  # lower case: "In Iraq the army was" stays "In"
        and next_word not in {"a", "an", "all", "each", "every", "its", "our", "any", "another", "one"}
        and _verb_before_comma(rest[1:5])
    ):
        # "n employment tribunal dismissed ...": a noun phrase, then its verb,
        # is a subject ("An"); "In" would open a phrase that ends in a comma.
        return "A", "a subject before its verb (An)"
    best: tuple[float, str, str] | None = None
    # "t's" is "It's", not "At's": a contraction counts as written (a
    # possessive, "abour's", is not in the list and counts by its stem).
    as_written = {c: word_frequency(c + token.lower()) for c in string.ascii_lowercase} if "'" in token else {}
    contraction = any(as_written.values())
    next_two = " ".join(w.strip(".,;:!?\"'()").lower() for w in rest[:2])
    lower_context = context.lower()
    for letter in string.ascii_uppercase:
        word = letter.lower() + stem
        evidence = [w for w in capitalised if w.lower() == word or (len(word) >= 5 and w.lower().startswith(word))]
        if not evidence and len(word) >= 6:
            # Russia stands for Russian: a long shared stem counts too.
            evidence = [w for w in capitalised if len(w) >= 5 and word.startswith(w.lower())]
        common = as_written[letter.lower()] if contraction else word_frequency(word)
        if not common and "-" in stem and len(word.split("-")[0]) >= 4:
            common = word_frequency(word.split("-")[0])  # "eventeen-year-old": Seventeen
        pair = pair_frequency(word, next_word) if next_word else 0
        if not (evidence or common):
            continue
        score = 3.0 * math.log10(1 + len(evidence)) + math.log10(1 + common) / 3 + math.log10(1 + pair) / 2
        score += NARRATIVE_OPENERS.get(word, 0.0)
        # "ale MPs" in a story that says "male" elsewhere is Male, not Sale.
        score += LOWER_CASE_WEIGHT * math.log10(1 + in_text[word])
        # "n the agenda": the story's own "on the agenda" settles In or On.
        phrase = len(rest) >= 2 and re.search(rf"(?<![\w'\u2019]){re.escape(f'{word} {next_two}')}\b", lower_context)
        if phrase:
            score += 1.0
        if evidence:
            reason = f"story has {evidence[0]}"
        elif phrase:
            reason = f'story has "{word} {next_two}"'
        elif pair:
            reason = f'common before "{next_word}"'
        else:
            reason = "common word"
        if best is None or score > best[0]:
            best = (score, letter, reason)
    one_letter = _one_letter_word(token, next_word)
    # "was speaking" is "I was speaking", not "Twas speaking": a fragment that
    # is itself a common word competes with the one-letter reading.
    if one_letter and (best is None or best[0] < MIN_DROP_CAP_SCORE or one_letter[0] > best[0]):
        best = one_letter
    if best is None or best[0] < MIN_DROP_CAP_SCORE:
        return None
    return best[1], best[2]


def _named_in_full(surname: str, context: str) -> bool:
    """Whether the story gives ``surname`` after a first name ("Ines Walcott")."""
    return re.search(r"\b[A-Z][a-z]+ " + re.escape(surname) + r"\b", context) is not None


def _one_letter_word(token: str, next_word: str) -> tuple[float, str, str] | None:
    """A lost "A" or "I" takes its space with it: "quarter of users" was
    "A quarter of users". Only tried when no letter confidently completes the
    first word, which must read as a word on its own before the next one.

    >>> _one_letter_word("quarter", "of")[1:]
    ('A ', 'a word of its own ("A quarter")')
    >>> _one_letter_word("bought", "my")[1]
    'I '
    >>> _one_letter_word("and", "the") is None
    True
    """
    if len(token) < 2 or "'" in token or not pair_frequency(token, next_word):
        return None
    best = None
    for letter in ("A", "I"):
        pair = pair_frequency(letter, token)
        score = math.log10(1 + pair) / 2
        # "and the council met" is a broken line, not "A and the council met".
        usual = pair >= word_frequency(token) / 10
        if pair and usual and (best is None or score > best[0]):
            best = (score, letter + " ", f'a word of its own ("{letter} {token}")')
    return best


def _guess_before_apostrophe(paragraph: str, context: str) -> tuple[str, str] | None:
    """A paragraph opening "'Driscoll was named" lost the O of O'Driscoll
    when the story names him so.

    >>> _guess_before_apostrophe("'Driscoll was named.", "Brian O'Driscoll leads.")
    ('O', "story has O'Driscoll")
    """
    match = re.match(r"(['\u2019][A-Z][\w-]*)", paragraph)
    return _letter_before(match.group(1), context) if match else None


def _letter_before(fragment: str, context: str) -> tuple[str, str] | None:
    """The one capital letter the story writes before ``fragment``, with the
    reason: "an Berry" is Jan when the story has "Jan Berry".

    >>> _letter_before("an Berry", "The chair, Jan Berry, spoke.")
    ('J', 'story has Jan Berry')
    """
    found = {m.group(1) for m in re.finditer(r"\b([A-Z])" + re.escape(fragment) + r"\b", context)}
    if len(found) != 1:
        return None
    letter = found.pop()
    return letter, f"story has {letter}{fragment}"


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_FINITE = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "said", "says", "could", "can"}


def _verb_before_comma(words: list[str]) -> bool:
    """Whether a finite verb comes in ``words`` before any comma.

    >>> _verb_before_comma("tribunal dismissed the claim".split())
    True
    >>> _verb_before_comma("April, the firm said".split())
    False
    """
    for word in words:
        low = word.lower().strip("\"'()")
        if low.rstrip(",;:") in _FINITE or (low.rstrip(",;:").endswith("ed") and len(low) > 4):
            return True
        if word.endswith((",", ";", ":")):
            return False
    return False


def _display(word: str, context: str) -> str:
    match = re.search(r"\b(" + re.escape(word[0].upper() + word[1:]) + r"\w*)", context)
    return match.group(1) if match else word


def _guess_acronym(token: str, context: str) -> tuple[str, str] | None:
    """``"T reports"`` -> ``"BT"`` when the story itself uses BT."""
    core = re.sub(r"['\u2019]s$", "", token)
    if not core.isupper() or (word_frequency(core) > 0 and len(core) > 1) or core in {"A", "I"}:
        return None
    # "T" alone in the story is a word of its own, not BT missing its B.
    if re.search(r"(?<![A-Za-z])" + re.escape(core) + r"\b", context):
        return None
    return _letter_before(core, context)


def repair_drop_cap(paragraph: str, context: str) -> tuple[str, str | None]:
    """Restore a lost drop cap at the start of ``paragraph`` when confident.

    Returns the paragraph and a note explaining the repair (or ``None``).
    An intact paragraph is returned unchanged.

    >>> repair_drop_cap("ussian President Vladimir Putin has ...", "Russia pushes")
    ('Russian President Vladimir Putin has ...', 'restored drop cap R (story has Russia)')
    """
    guess = guess_drop_cap(paragraph, context)
    if guess is None:
        return paragraph, None
    letter, reason = guess
    return letter + paragraph, f"restored drop cap {letter.strip()} ({reason})"
