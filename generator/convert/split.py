"""Splitting raw text into stories.

Raw files run several stories together.  Explicit separators win when a file
has them: a line of only ``---``, ``***`` or ``###`` (three or more), a form
feed, or two or more blank lines.  Without them, story boundaries are found
from the text itself, the way a sub-editor would spot them:

* a story opens with a one-sentence standfirst, and the lead paragraph that
  follows restates it, so the two share many words;
* the topic shifts: the new standfirst shares few words with the paragraphs
  before it;
* a lead paragraph that starts in lower case has lost its drop cap, which
  marks the paragraph before it as a standfirst;
* a whole story hangs together: its paragraphs keep returning to the same
  people, places and things, so a good split leaves each story's paragraphs
  close to their story's centre (lexical cohesion, see ``segment_cohesion``).

Each candidate boundary gets a score from the local features (weights fitted
on real news, see ``tools/fit_splitter.py``) and a dynamic programme picks the
set of stories that maximises boundary scores plus the cohesion of every
story, given that every story has a standfirst and at least one body
paragraph.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from generator.convert.model import RawStory

SEPARATOR_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|#{3,}|_{3,}|={3,})\s*$")
DATE_HEADER = re.compile(r"^\s*date\s*:\s*(?P<value>.*?)\s*$", re.IGNORECASE)
# "LONDON, 4 December 2025 (Reuters) - ..." or "December 4, 2025 -- ...": a
# dateline at the start of a story.  Only dates with a year count.
DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .'-]{1,40},\s+)?"
    r"(?P<date>(?:\d{1,2}\s+[A-Z][a-z]{2,9}\.?|[A-Z][a-z]{2,9}\.?\s+\d{1,2}),?\s+\d{4}|\d{4}-\d\d-\d\d)"
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:-{1,2}|\u2013|\u2014|:)\s"
)
HEADLINE_HEADER = re.compile(r"^\s*(?:title|headline)\s*:\s*(?P<value>.*?)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff][\w'\u2019-]*|\d[\d.,]*")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb'

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just last least made make many may me might more most mr mrs ms much must my
    myself new no nor not now of off on once one only or other our ours out over own said same
    say says she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who whom
    why will with would year years you your""".split()
)

# Fitted by tools/fit_splitter.py (logistic regression on the dev corpus);
# the features are described in boundary_features().
WEIGHTS = {
    "bias": -6.77,
    "next_lower": 1.90,
    "self_lower": -0.49,
    "one_sentence": 2.27,
    "two_sentences": -0.47,
    "continuation_opener": -0.98,
    "names_seen": -2.34,
    "next_names_seen": -2.51,
    "shorter_than_next": 1.34,
    "length_ratio": -0.28,
    "prev_ends_quote": 1.16,
    "starts_title": -0.43,
    "new_full_name": 0.12,
    "starts_quote": -0.33,
    "has_quote": -0.15,
    "sim_next": 0.72,
    "forward_minus_backward": 3.25,
    "sim_prev": -1.74,
    "shift": 2.76,
    "standfirst_length": 1.89,
}
MIN_PARAGRAPHS = 2  # a standfirst and at least one body paragraph
MAX_PARAGRAPHS = 60  # longer runs without a boundary are split anyway
SHORT_STORY_PENALTY = 1.0
LONG_STORY_PENALTY = 0.5
# A list item ("- Name (Club)", "* point") continues whatever came before it:
# no standfirst is written as a bullet.
_LIST_ITEM = re.compile(r"^\s*(?:[-*+\u2022\u2013]|\d{1,2}[.)])\s")
LIST_ITEM_SCORE = -50.0
# How much a story's cohesion counts against the local boundary evidence.
# Chosen by cross-validation in tools/fit_splitter.py; anything from 12 to 40
# gives the same boundaries on the dev corpus, so the value is not delicate.
COHESION_WEIGHT = 20.0
# Paragraphs of unrelated stories still share a little vocabulary.  This much
# tf-idf cosine counts as "unrelated"; pairs below it pull stories apart.
# Without it, every pair adds a little, so the longest possible stories win
# whenever paragraphs are short (the seed file's two Putin stories merged).
BACKGROUND_SIMILARITY = 0.015


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int  # 1-based line number of the paragraph's first line


@dataclass(frozen=True)
class Boundary:
    index: int
    score: float
    features: dict[str, float]
    # For a chosen boundary, when explaining: how much more cohesive the two
    # stories are apart than joined (already multiplied by COHESION_WEIGHT).
    cohesion_gain: float | None = None


def tokens(text: str) -> list[str]:
    """Content words of ``text``, lower-cased and crudely stemmed."""
    out = []
    for word in _WORD.findall(text.lower()):
        word = word.strip("'\u2019-.,")
        if len(word) < 3 or word in STOPWORDS:
            continue
        if word.endswith("'s") or word.endswith("\u2019s"):
            word = word[:-2]
        elif len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


def count_sentences(text: str) -> int:
    """Approximate number of sentences in a paragraph.

    >>> count_sentences("One thing. Another thing! A third?")
    3
    >>> count_sentences("The U.S. envoy met Mr Putin.")
    1
    """
    return len(_SENTENCE_END.findall(text.strip())) + 1


def _cosine(a: Counter, b: Counter, idf: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(a[w] * b[w] * idf[w] ** 2 for w in a.keys() & b.keys())
    if not dot:
        return 0.0
    na = math.sqrt(sum((c * idf[w]) ** 2 for w, c in a.items()))
    nb = math.sqrt(sum((c * idf[w]) ** 2 for w, c in b.items()))
    return dot / (na * nb)


# Words that open a paragraph which continues a story already under way.
CONTINUATION_OPENERS = frozenset(
    """he she it its they them their his her him this these that those but and or so yet also
    however meanwhile instead still then there such both either neither nor more further
    furthermore moreover besides thus hence indeed nevertheless nonetheless other others another
    some many most several the""".split()
)
_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z\u00c0-\u024f]+(?:[-'][A-Za-z]+)*")


def _opener(text: str) -> str:
    match = re.match(r"[\"'\u201c\u2018(]*([A-Za-z]+)", text)
    return match.group(1).lower() if match else ""


def names(text: str) -> set[str]:
    """Capitalised words that are not sentence openers: likely names.

    >>> sorted(names("Then Mr Blunkett met Tony Blair. He left."))
    ['Blair', 'Blunkett', 'Tony']
    """
    found = set(_PROPER.findall(text))
    return {w for w in found if w.lower() not in STOPWORDS and len(w) > 2}


def _full_names(text: str) -> set[str]:
    """Surnames of "First Last" pairs in ``text`` (a person introduced in full)."""
    return {
        m.group(2)
        for m in re.finditer(r"\b([A-Z][a-z]+) ([A-Z][a-z]{2,})\b", text)
        if m.group(1).lower() not in STOPWORDS
    }


def _seen_fraction(words: set[str], earlier: set[str]) -> float:
    return len(words & earlier) / len(words) if words else 0.0


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].isalpha() and text[0].islower()


def _bags_and_idf(paragraphs: list[str]) -> tuple[list[Counter], dict[str, float]]:
    """Word counts per paragraph and each word's inverse document frequency."""
    bags = [Counter(tokens(p)) for p in paragraphs]
    df = Counter(w for bag in bags for w in bag)
    n = len(paragraphs)
    return bags, {w: math.log((n + 1) / c) + 0.1 for w, c in df.items()}


def boundary_features(paragraphs: list[str], bags_idf=None) -> list[dict[str, float]]:
    """Features for "a new story starts at paragraph i", for every i.

    Index 0 is always a story start and gets an empty dict.
    """
    bags, idf = bags_idf or _bags_and_idf(paragraphs)
    n = len(paragraphs)
    proper = [names(p) for p in paragraphs]
    out: list[dict[str, float]] = [{}]
    for i in range(1, n):
        text = paragraphs[i]
        nxt = paragraphs[i + 1] if i + 1 < n else ""
        before = sum((bags[j] for j in range(max(0, i - 3), i)), Counter())
        after = sum((bags[j] for j in range(i, min(n, i + 3))), Counter())
        sim_next = _cosine(bags[i], bags[i + 1], idf) if i + 1 < n else 0.0
        sim_prev = max(_cosine(bags[i], bags[j], idf) for j in range(max(0, i - 3), i))
        ahead = sum((bags[j] for j in range(i + 1, min(n, i + 5))), Counter())
        behind = sum((bags[j] for j in range(max(0, i - 4), i)), Counter())
        forward, backward = _cosine(bags[i], ahead, idf), _cosine(bags[i], behind, idf)
        length = len(text)
        earlier = set().union(*proper[max(0, i - 4) : i])
        sentences = count_sentences(text)
        out.append(
            {
                "next_lower": float(_starts_lower(nxt)),
                "self_lower": float(_starts_lower(text)),
                "one_sentence": float(sentences == 1),
                "two_sentences": float(sentences == 2),
                "continuation_opener": float(_opener(text) in CONTINUATION_OPENERS - {"the"}),
                "names_seen": _seen_fraction(proper[i], earlier),
                "next_names_seen": _seen_fraction(proper[i + 1], earlier) if i + 1 < n else 0.0,
                "shorter_than_next": float(i + 1 < n and length < len(nxt)),
                "length_ratio": math.log((len(nxt) + 50) / (length + 50)) if nxt else 0.0,
                "prev_ends_quote": float(paragraphs[i - 1].rstrip()[-1:] in _QUOTES + "'\u2019"),
                "starts_title": float(_opener(text) in {"mr", "mrs", "ms", "dr"}),
                "new_full_name": float(bool(_full_names(text) - set().union(*proper[max(0, i - 5) : i]))),
                "starts_quote": float(text[:1] in _QUOTES or text[:1] == "'"),
                "has_quote": float(any(q in text for q in _QUOTES)),
                "sim_next": sim_next,
                "forward_minus_backward": forward - backward,
                "sim_prev": sim_prev,
                "shift": 1.0 - _cosine(before, after, idf),
                "standfirst_length": float(60 <= length <= 320),
            }
        )
    return out


def score_features(features: dict[str, float], weights: dict[str, float] = WEIGHTS) -> float:
    return weights["bias"] + sum(weights[k] * v for k, v in features.items())


def length_prior(length: int) -> float:
    """Log-prior of a story with ``length`` paragraphs.

    News stories in run-together copy have a standfirst and three to a dozen
    body paragraphs; very short stories are possible but need strong
    evidence.
    """
    if length >= 4:
        return -LONG_STORY_PENALTY * max(0, length - 12)
    return -SHORT_STORY_PENALTY * (4 - length)


class ParagraphSimilarity:
    """How much two paragraphs are alike: their tf-idf cosine less
    ``background``, so unrelated pairs come out slightly negative.

    Called as ``similarity(a, b)``; only the paragraphs' weighted word
    vectors are kept, so memory stays linear in the number of paragraphs.
    """

    def __init__(self, bags: list[Counter], idf: dict[str, float], background: float = BACKGROUND_SIMILARITY):
        self.background = background
        self.vectors = []
        for bag in bags:
            weighted = {w: c * idf[w] for w, c in bag.items()}
            norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
            self.vectors.append({w: v / norm for w, v in weighted.items()})

    def __call__(self, a: int, b: int) -> float:
        small, large = self.vectors[a], self.vectors[b]
        if len(small) > len(large):
            small, large = large, small
        return sum(v * large.get(w, 0.0) for w, v in small.items()) - self.background

    def column(self, b: int, start: int) -> list[float]:
        """``[similarity(a, b) for a in range(start, b)]``, in one pass."""
        vector, vectors, background = self.vectors[b], self.vectors, self.background
        return [sum(v * vector.get(w, 0.0) for w, v in vectors[a].items()) - background for a in range(start, b)]


def segment_cohesion(pair_sum: float, length: int) -> float:
    """How tightly ``length`` paragraphs hang together, from their summed pair similarities.

    With every paragraph as a unit vector ``u_k`` and ``U`` their sum, this is
    ``sum_k u_k . (U - u_k) / |U|``: each paragraph's pull towards the rest
    of its story.  Gluing an unrelated story on adds pairs below the
    background similarity, which lowers the score, while cutting a story in
    half loses the links between its halves.

    >>> segment_cohesion(0.0, 3)
    0.0
    >>> round(segment_cohesion(3.0, 3), 2)  # three identical paragraphs
    2.0
    >>> round(segment_cohesion(-0.5, 4), 2)  # pairs less alike than unrelated copy
    -0.58
    """
    total = length + 2 * pair_sum
    return 2 * pair_sum / math.sqrt(total) if total > 1 else 2 * pair_sum


def choose_boundaries(
    scores: list[float],
    min_len: int = MIN_PARAGRAPHS,
    similarity: ParagraphSimilarity | None = None,
    cohesion_weight: float = COHESION_WEIGHT,
) -> list[int]:
    """Pick story starts maximising boundary scores, story-length priors and cohesion.

    ``scores[i]`` is the evidence that a story starts at paragraph ``i``
    (``scores[0]`` is ignored: the first paragraph always starts a story).
    Every story keeps at least ``min_len`` paragraphs.  ``similarity(a, b)``
    (a :class:`ParagraphSimilarity`) adds each story's ``segment_cohesion``.

    >>> choose_boundaries([0, -1, -1, -2, 5, -2, -1, -1])
    [0, 4]
    """
    n = len(scores)
    if n < 2 * min_len:
        return [0]
    neg = float("-inf")
    # best[i]: best total for paragraphs[0:i] given that a story starts at i.
    best = [neg] * (n + 1)
    back = [0] * (n + 1)
    best[0] = 0.0
    # pair_sums[j]: summed similarities of all pairs in paragraphs[j:i],
    # carried from one i to the next so each story's cohesion costs O(1).
    pair_sums = [0.0] * (n + 1)
    for i in range(1, n + 1):
        if similarity is not None and i >= 2:
            first = max(0, i - MAX_PARAGRAPHS)
            column = 0.0  # similarities of paragraph i-1 to paragraphs j..i-2
            for j, alike in zip(range(i - 2, first - 1, -1), reversed(similarity.column(i - 1, first)), strict=True):
                column += alike
                pair_sums[j] += column
        if i < min_len or (i < n and i > n - min_len):
            continue
        gain = scores[i] if i < n else 0.0
        # Stories longer than MAX_PARAGRAPHS are not considered, which keeps
        # the search linear in the number of paragraphs.
        for j in range(max(0, i - MAX_PARAGRAPHS), i - min_len + 1):
            if best[j] == neg:
                continue
            value = best[j] + length_prior(i - j) + gain
            if similarity is not None:
                value += cohesion_weight * segment_cohesion(pair_sums[j], i - j)
            if value > best[i]:
                best[i], back[i] = value, j
    starts = []
    start = back[n]
    while start:
        starts.append(start)
        start = back[start]
    return [0, *reversed(starts)]


# Runs of more paragraphs than this (a whole archive pasted into one file)
# are split a window at a time, so memory stays bounded by the window.
WINDOW_PARAGRAPHS = 4000


def find_story_starts(paragraphs: list[str], explain: bool = False) -> tuple[list[int], list[Boundary]]:
    """Story starts among ``paragraphs`` with the evidence for each candidate.

    ``explain`` also works out the cohesion won by each chosen cut, which
    costs as much again as the rest of the splitting.

    A run longer than ``WINDOW_PARAGRAPHS`` is split a window at a time: the
    last story a window finds may be cut short by the window's end, so the
    next window starts at that story and decides it again. The evidence is
    then kept for the chosen starts only.
    """
    n = len(paragraphs)
    if n <= WINDOW_PARAGRAPHS + WINDOW_PARAGRAPHS // 2:
        return _find_story_starts(paragraphs, explain)
    starts: list[int] = []
    evidence: list[Boundary] = []
    offset = 0
    while offset < n:
        end = n if n - offset <= WINDOW_PARAGRAPHS + WINDOW_PARAGRAPHS // 2 else offset + WINDOW_PARAGRAPHS
        found, window_evidence = _find_story_starts(paragraphs[offset:end], explain)
        keep = found if end == n or len(found) < 2 else found[:-1]
        starts.extend(offset + i for i in keep)
        chosen = set(found)  # the last one too: the next window starts there
        evidence.extend(
            Boundary(offset + b.index, b.score, b.features, b.cohesion_gain)
            for b in window_evidence
            if b.index in chosen
        )
        offset = n if end == n else offset + (found[-1] if len(found) >= 2 else end - offset)
    return starts, evidence


def _find_story_starts(paragraphs: list[str], explain: bool = False) -> tuple[list[int], list[Boundary]]:
    bags_idf = _bags_and_idf(paragraphs)
    features = boundary_features(paragraphs, bags_idf)
    scores = [0.0] + [
        LIST_ITEM_SCORE if _LIST_ITEM.match(text) else score_features(f)
        for text, f in zip(paragraphs[1:], features[1:], strict=True)
    ]
    similarity = ParagraphSimilarity(*bags_idf)
    starts = choose_boundaries(scores, similarity=similarity)
    gains = _cohesion_gains(starts, len(paragraphs), similarity) if explain else {}
    evidence = [Boundary(i, scores[i], features[i], gains.get(i)) for i in range(1, len(paragraphs))]
    return starts, evidence


def _cohesion(similarity: Callable[[int, int], float], start: int, end: int) -> float:
    pairs = sum(similarity(a, b) for a in range(start, end) for b in range(a + 1, min(end, a + MAX_PARAGRAPHS)))
    return segment_cohesion(pairs, end - start)


def _cohesion_gains(starts: list[int], n: int, similarity: Callable[[int, int], float]) -> dict[int, float]:
    """For each chosen start, the cohesion won by cutting there (for --explain)."""
    ends = [*starts[1:], n]
    return {
        start: COHESION_WEIGHT
        * (
            _cohesion(similarity, before, start)
            + _cohesion(similarity, start, end)
            - _cohesion(similarity, before, end)
        )
        for before, start, end in zip(starts, starts[1:], ends[1:], strict=False)
    }


def _chunks(text: str) -> tuple[list[list[tuple[int, str]]], bool]:
    """Split text at explicit separators; return chunks of (line number, line)."""
    chunks: list[list[tuple[int, str]]] = [[]]
    explicit = False
    blank_run = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if "\f" in line:
            explicit = True
            before, _, after = line.partition("\f")
            if before.strip():
                chunks[-1].append((number, before))
            chunks.append([])
            line = after.replace("\f", "")
        if SEPARATOR_LINE.match(line):
            explicit = True
            chunks.append([])
            blank_run = 0
            continue
        if not line.strip():
            blank_run += 1
            if blank_run == 2 and chunks[-1]:
                explicit = True
                chunks.append([])
            chunks[-1].append((number, ""))
            continue
        blank_run = 0
        chunks[-1].append((number, line))
    return [c for c in chunks if any(t.strip() for _, t in c)], explicit


def _paragraphs(lines: list[tuple[int, str]]) -> list[Paragraph]:
    """Paragraphs of a chunk: blank-line separated blocks, lines joined."""
    paragraphs: list[Paragraph] = []
    current: list[tuple[int, str]] = []
    has_blank_lines = any(not t.strip() for _, t in lines[1:-1])
    for number, text in lines:
        if not text.strip():
            if current:
                paragraphs.append(_join(current))
                current = []
            continue
        if not has_blank_lines:
            paragraphs.append(Paragraph(text.strip(), number))
            continue
        current.append((number, text))
    if current:
        paragraphs.append(_join(current))
    return paragraphs


def _join(lines: list[tuple[int, str]]) -> Paragraph:
    return Paragraph(" ".join(t.strip() for _, t in lines), lines[0][0])


_HEADING_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+)?(?P<mark>\*\*|__|\*|_)?(?P<text>.*?)(?P=mark)?\s*#*\s*$")


def strip_heading_markup(text: str) -> str:
    """A headline line typed as Markdown: ``# Title`` or ``**Title**`` -> ``Title``.

    >>> strip_heading_markup("## Harbour to close ##")
    'Harbour to close'
    >>> strip_heading_markup("**Harbour to close**")
    'Harbour to close'
    >>> strip_heading_markup("Harbour #1 to close")
    'Harbour #1 to close'
    """
    match = _HEADING_MARKUP.match(text)
    stripped = match.group("text").strip() if match else text
    return stripped or text


def _looks_like_headline(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 16 and len(text) <= 120 and not text.rstrip().endswith((".", ",", ";"))


def _unquoted(value: str) -> str:
    """A header value quoted the YAML way loses its quotes.

    >>> _unquoted('"Dredging: a plan"'), _unquoted('"Nazi" remark row')
    ('Dredging: a plan', '"Nazi" remark row')
    """
    quote = value[:1]
    if len(value) >= 2 and quote in "\"'" and value.endswith(quote) and quote not in value[1:-1]:
        return value[1:-1].strip()
    return value


def _read_headers(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], str | None, str | None]:
    """Take ``Title:`` / ``Date:`` header lines off the top of a chunk."""
    headline = date = None
    rest = list(lines)
    while rest:
        text = rest[0][1]
        if not text.strip():
            rest.pop(0)
            continue
        # An empty header ("Title:" with nothing after it) is dropped.
        if match := DATE_HEADER.match(text):
            date = _unquoted(match.group("value")) or date
        elif match := HEADLINE_HEADER.match(text):
            headline = _unquoted(match.group("value")) or headline
        else:
            break
        rest.pop(0)
    return (rest if rest is not lines else lines), headline, date


def _dateline(paragraphs: list[Paragraph]) -> str | None:
    """The date of a dateline opening the story's first or second paragraph.

    >>> _dateline([Paragraph("LONDON, 4 December 2025 (Reuters) - Talks resumed.", 1)])
    '4 December 2025'
    >>> _dateline([Paragraph("Talks resumed on 4 December 2025 - again.", 1)]) is None
    True
    """
    for paragraph in paragraphs[:2]:
        match = DATELINE.match(paragraph.text)
        if match:
            return match.group("date")
    return None


def split_stories(text: str, detailed: bool = False) -> tuple[list[RawStory], list[str]]:
    """Split decoded raw text into stories; also return explanation lines.

    ``detailed`` adds the cohesion each cut wins (for ``convert --explain``).

    >>> stories, _ = split_stories("A standfirst.\\nThe lead.\\n---\\nAnother one.\\nIts lead.")
    >>> [s.paragraphs for s in stories]
    [('A standfirst.', 'The lead.'), ('Another one.', 'Its lead.')]
    >>> stories, _ = split_stories("---\\ntitle: Bridge opens\\ndate: 2025-03-01\\n---\\nThe bridge opened.\\nA year.")
    >>> [(s.headline, s.explicit_date, s.paragraphs) for s in stories]
    [('Bridge opens', '2025-03-01', ('The bridge opened.', 'A year.'))]
    """
    chunks, explicit = _chunks(text)
    stories: list[RawStory] = []
    explain: list[str] = []
    pending: tuple[str | None, str | None] = (None, None)
    for lines in chunks:
        lines, headline, date = _read_headers(lines)
        has_blank = any(not t.strip() for _, t in lines)
        paragraphs = _paragraphs(lines)
        if not paragraphs:
            # Header lines set off on their own (YAML-style front matter
            # between "---" lines) belong to the story that follows.
            pending = (headline or pending[0], date or pending[1])
            continue
        headline, date = headline or pending[0], date or pending[1]
        pending = (None, None)
        if (
            headline is None
            and has_blank
            and len(paragraphs) > 1
            and _looks_like_headline(paragraphs[0].text)
            and lines[0][1].strip() == paragraphs[0].text
        ):
            headline = strip_heading_markup(paragraphs[0].text)
            paragraphs = paragraphs[1:]
            explain.append(f"line {lines[0][0]}: headline line followed by a blank line")
        if explicit or headline is not None:
            groups = [paragraphs]
            explain.append(f"line {paragraphs[0].line}: story set off by an explicit separator")
        else:
            starts, evidence = find_story_starts([p.text for p in paragraphs], explain=detailed)
            groups = [paragraphs[a:b] for a, b in zip(starts, [*starts[1:], len(paragraphs)], strict=True)]
            for b in evidence:
                if b.index in starts:
                    top = sorted(b.features.items(), key=lambda kv: -abs(kv[1] * WEIGHTS[kv[0]]))[:3]
                    why = ", ".join(f"{k}={v:.2f}" for k, v in top)
                    if b.cohesion_gain is not None:
                        why += f"; cohesion {b.cohesion_gain:+.1f} for cutting here"
                    explain.append(f"line {paragraphs[b.index].line}: new story (score {b.score:.1f}: {why})")
        for group in groups:
            stories.append(
                RawStory(
                    paragraphs=tuple(p.text for p in group),
                    first_line=group[0].line,
                    headline=headline,
                    explicit_date=date or _dateline(group),
                )
            )
            headline = date = None
    return stories, explain
