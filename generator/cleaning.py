"""Cleaning raw paragraphs: mojibake, control characters, spacing, drop caps.

Everything here is a pure function of text, so each repair can be tested on
its own and explained by ``convert --explain``.
"""

from __future__ import annotations

import re

import ftfy

# C0/C1 controls except tab and newline, plus the Unicode line/paragraph
# separators, which break YAML and XML alike.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")

# Short words that open a news paragraph often enough that a lost first
# letter can be restored from the remaining fragment alone.  Only used when
# the story itself offers no better evidence.
COMMON_OPENERS = {
    "he": "The",
    "t": "It",
    "n": "In",
    "nd": "And",
    "ut": "But",
    "his": "This",
    "hat": "That",
    "here": "There",
    "hey": "They",
    "hese": "These",
    "hose": "Those",
    "fter": "After",
    "lthough": "Although",
    "ccording": "According",
    "t's": "It's",
    "ne": "One",
    "ith": "With",
    "hile": "While",
    "hen": "When",
    "or": "For",
    "ow": "Now",
    "ast": "Last",
    "ore": "More",
    "ome": "Some",
    "any": "Many",
    "ost": "Most",
    "ven": "Even",
    "ts": "Its",
    "s": "As",
    "f": "If",
    "espite": "Despite",
    "uring": "During",
    "efore": "Before",
    "ince": "Since",
    "nder": "Under",
    "oth": "Both",
    "ther": "Other",
    "ll": "All",
    "orld": "World",
}


def clean_paragraph(text: str) -> str:
    """Fix mojibake, drop control characters and collapse runs of spaces.

    Quotes, apostrophes and dashes are kept as the writer typed them; only
    broken encodings are repaired.

    >>> clean_paragraph("The cafÃ©\\x07  opened\\u00a0today ")
    'The café opened today'
    """
    text = ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        normalization="NFC",
    )
    text = _CONTROL.sub("", text.replace("\n", " "))
    return _SPACES.sub(" ", text).strip()


def _story_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", text)


def _first_token(paragraph: str) -> str:
    match = re.match(r"[a-z][A-Za-z'\u2019-]*", paragraph)
    return match.group(0) if match else ""


def guess_drop_cap(paragraph: str, context: str) -> tuple[str, str] | None:
    """Guess the capital letter lost from the start of ``paragraph``.

    A lost drop cap leaves a paragraph that starts in lower case, such as
    ``"ussian President ..."``.  The story's own words are the best evidence:
    a word in ``context`` that is a capital letter plus the fragment (or plus
    the fragment and the next word) settles it.  Failing that, a table of
    common paragraph openers decides short fragments like ``"he"`` -> ``"The"``.
    Returns ``(letter, reason)`` or ``None`` when not confident.

    >>> guess_drop_cap("ussian President Putin spoke.", "Russia and the Russians")
    ('R', 'story has Russians')
    >>> guess_drop_cap("he minister said so.", "Ministers met.")
    ('T', 'common opener The')
    >>> guess_drop_cap("eBay shares rose.", "eBay is an auction site.") is None
    True
    """
    token = _first_token(paragraph)
    if not token or not paragraph[:1].islower():
        return None
    context_words = _story_words(context)
    rest = paragraph[len(token) :].split()
    next_word = rest[0] if rest else ""
    # Words written with an inner capital (eBay, iPod), or written the same
    # way with the same next word elsewhere ("de Villepin"), are intact.
    if any(c.isupper() for c in token) or (
        next_word and re.search(r"(?<![\w'\u2019])" + re.escape(f"{token} {next_word}"), context)
    ):
        return None
    if next_word:
        pattern = re.compile(
            r"\b([A-Z])" + re.escape(token) + r"\s+" + re.escape(next_word.strip(".,;:")),
        )
        letters = {m.group(1) for m in pattern.finditer(context)}
        if len(letters) == 1:
            letter = letters.pop()
            return letter, f"story has {letter}{token} {next_word.strip('.,;:')}"
    best: tuple[int, str, str] | None = None
    for word in context_words:
        if not word[:1].isupper() or len(word) < 3:
            continue
        shared = _shared_prefix(word[1:].lower(), token.lower())
        # The word must extend the whole fragment, or share a long stem
        # with it (Russia for "ussian").
        if shared == len(token) or shared >= max(4, len(token) - 2):
            score = shared
            if best is None or score > best[0]:
                best = (score, word[0], word)
            elif score == best[0] and word[0] != best[1]:
                best = (score, "?", word)
    if best and best[1] != "?" and best[0] >= 3:
        return best[1], f"story has {best[2]}"
    opener = COMMON_OPENERS.get(token.lower())
    if opener:
        return opener[0], f"common opener {opener}"
    return None


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


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
    return letter + paragraph, f"restored drop cap {letter} ({reason})"
