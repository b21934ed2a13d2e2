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

Wire copy opens each story's first paragraph with a dateline ("AMSTERDAM,
March 3 (Reuters) - ", parsed by ``dates.parse_dateline``), often with no
standfirst at all.  A datelined paragraph starts a story, unless the line
over it starts one (a title line or a standfirst; ``opening_line_features``
weigh which), and in wire copy any other story start needs much more
evidence (``UNDATED_START``).  A paragraph that points back ("He said",
"But", "However") never starts a story.

A byline ("By Jane Smith", judged by ``bylines.judge_bylines``) stands at
the top of a story: over its standfirst, or between the standfirst and the
body.  So it is set apart from the paragraphs (it is no standfirst and no
headline), and the paragraph under it starts a story or is the lead under
the standfirst that does (``story_limits``).

Each candidate boundary gets a score from the local features (weights fitted
on real news, see ``tools/fit_splitter.py``) and a dynamic programme picks the
set of stories that maximises boundary scores plus the cohesion of every
story, given that every story has a body paragraph (a standfirst and one
more, or a datelined lead) and keeps the rules above.  A story that still
looks like a fragment gets a warning among the explanation lines
(``split_warnings``).  ``docs/splitting.md`` records the design.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from generator.convert.bylines import Byline, Verdict, byline_rest, credit_name, read_author_header, role_line
from generator.convert.dates import Dateline, parse_dateline
from generator.convert.model import Author, ImageRef, RawStory

SEPARATOR_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|#{3,}|_{3,}|={3,})\s*$")
# Header values are stripped in code: a lazy "(.*?)\s*$" takes quadratic
# time on a line with a long run of spaces.
DATE_HEADER = re.compile(r"^\s*date\s*:(?P<value>.*)$", re.IGNORECASE)
HEADLINE_HEADER = re.compile(r"^\s*(?:title|headline)\s*:(?P<value>.*)$", re.IGNORECASE)
# "Image: images/harbour.jpg", "Image alt: ...", "Image credit: ..." (also
# with "-" or "_" for the space).
IMAGE_HEADER = re.compile(r"^\s*image(?:[ _-]?(?P<field>alt|credit))?\s*:(?P<value>.*)$", re.IGNORECASE)
# "Author: Jane Smith; Tom Jones" ("Authors:", "Byline:") and "Source: Reuters".
AUTHOR_HEADER = re.compile(r"^\s*(?:authors?|byline)\s*:(?P<value>.*)$", re.IGNORECASE)
SOURCE_HEADER = re.compile(r"^\s*source\s*:(?P<value>.*)$", re.IGNORECASE)
# Judges which of a file's paragraphs are bylines, all in one call
# (``bylines.judge_bylines`` with the site's model).
BylineJudge = Callable[[Sequence[str]], Sequence[Verdict]]
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
# A layout that more than this share of a chunk's paragraphs have (one
# sentence, standfirst length) counts for less, down to nothing at all of
# them; the dev corpus peaks at 0.40 (one sentence) and 0.67 (length).
LAYOUT_COMMON = 0.7
MIN_PARAGRAPHS = 2  # a standfirst and at least one body paragraph
MAX_PARAGRAPHS = 60  # longer runs without a boundary are split anyway
SHORT_STORY_PENALTY = 1.0
LONG_STORY_PENALTY = 0.5
# A list item ("- Name (Club)", "* point") continues whatever came before it:
# no standfirst is written as a bullet.
_LIST_ITEM = re.compile(r"^\s*(?:[-*+\u2022\u2013]|\d{1,2}[.)])\s")
LIST_ITEM_SCORE = -50.0
# In wire copy (its stories carry datelines) a story start that is neither a
# datelined lead nor the line over one needs this much more evidence: one
# house style writes every story the same way.  A story without a dateline
# among datelined ones can still be found, with strong evidence.
UNDATED_START = -10.0
# A title line is at most this long (headlines run to 5-10 words; a
# byline like "Jo Bloggs is our technology correspondent" runs longer).
TITLE_WORDS = 14
# Whether the line over a datelined lead opens its story (a title line or a
# standfirst) or ends the story before; see opening_line_features().
# Fitted by tools/fit_splitter.py on wire-style variants of the dev corpus.
OPENING_LINE_WEIGHTS = {
    "bias": 1.47,
    "standfirst_score": 0.96,
    "title_line": 3.87,
    "alike_lead": 1.36,
    "alike_before": -0.88,
    "house_style": 1.72,
    "refers_back": -1.19,
}
# How much a story's cohesion counts against the local boundary evidence.
# Chosen by cross-validation in tools/fit_splitter.py; anything from 12 to 40
# gives the same boundaries on the dev corpus, so the value is not delicate.
COHESION_WEIGHT = 20.0
# Paragraphs of unrelated stories still share a little vocabulary.  This much
# tf-idf cosine counts as "unrelated"; pairs below it pull stories apart.
# Without it, every pair adds a little, so the longest possible stories win
# whenever paragraphs are short (the seed file's two Putin stories merged).
BACKGROUND_SIMILARITY = 0.015
# ... between two paragraphs of this many content words (the dev corpus's
# median); see ParagraphSimilarity.
REFERENCE_WORDS = 20


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
    # What the paragraph would be as a story start, with the weights that
    # scored it: "standfirst" (WEIGHTS), "opening line" over a datelined
    # lead (OPENING_LINE_WEIGHTS) or "datelined lead" (the dateline rule).
    kind: str = "standfirst"


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
# Openings that point back to something the story has already said, so a
# paragraph that starts with one never starts a story (a hard rule in the
# dynamic programme, see ``points_back``).  Kept small on purpose: "It",
# "They" and "This" stay soft evidence (``continuation_opener``) because
# features open with them ("It is unlikely that...", "This third film...").
_POINTS_BACK = re.compile(
    r"(?:He|She|But|However|Meanwhile|Also|And|Moreover|Furthermore|Nevertheless|Nonetheless|In addition)\b"
    r"|The (?:company|firm|group|move|decision|announcement|statement|spokesman|spokeswoman) "
    r"(?:said|says|added|adds|also|declined|did|does|has|had|is|was|will|would|comes|came|follows|followed)\b"
)
_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z\u00c0-\u024f]+(?:[-'][A-Za-z]+)*")


def _opener(text: str) -> str:
    match = re.match(r"[\"'\u201c\u2018(]*([A-Za-z]+)", text)
    return match.group(1).lower() if match else ""


def points_back(text: str) -> bool:
    """Whether a paragraph opens by pointing back, so cannot start a story.

    >>> [points_back(t) for t in ("He said so.", "However, the bank...", "The move follows talks.")]
    [True, True, True]
    >>> [points_back(t) for t in ("Hearts won.", "It is unlikely that...", "The company behind it...")]
    [False, False, False]
    """
    return bool(_POINTS_BACK.match(text))


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


def layout_weight(share: float, common: float = LAYOUT_COMMON) -> float:
    """How much a layout feature counts when ``share`` of a chunk's paragraphs have it.

    Fully below ``common``; nothing when every paragraph has it.

    >>> layout_weight(0.3), layout_weight(0.85), layout_weight(1.0)
    (1.0, 0.5, 0.0)
    """
    return min(1.0, max(0.0, (1.0 - share) / (1.0 - common)))


def boundary_features(paragraphs: list[str], bags_idf=None) -> list[dict[str, float]]:
    """Features for "a new story starts at paragraph i", for every i.

    Index 0 is always a story start and gets an empty dict.
    """
    bags, idf = bags_idf or _bags_and_idf(paragraphs)
    n = len(paragraphs)
    proper = [names(p) for p in paragraphs]
    sentence_counts = [count_sentences(p) for p in paragraphs]
    # A standfirst is one sentence of standfirst length, which sets it apart
    # from body paragraphs; in copy where nearly every paragraph is like
    # that (wire copy writes one-sentence paragraphs) it sets nothing apart.
    one_sentence_weight = layout_weight(sum(c == 1 for c in sentence_counts) / n)
    length_weight = layout_weight(sum(60 <= len(p) <= 320 for p in paragraphs) / n)
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
        sentences = sentence_counts[i]
        out.append(
            {
                "next_lower": float(_starts_lower(nxt)),
                "self_lower": float(_starts_lower(text)),
                "one_sentence": float(sentences == 1) * one_sentence_weight,
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
                "standfirst_length": float(60 <= length <= 320) * length_weight,
            }
        )
    return out


def score_features(features: dict[str, float], weights: dict[str, float] = WEIGHTS) -> float:
    return weights["bias"] + sum(weights[k] * v for k, v in features.items())


def length_prior(length: int, size: float | None = None) -> float:
    """Log-prior of a story with ``length`` paragraphs.

    News stories in run-together copy have a standfirst and three to a dozen
    body paragraphs; very short stories are possible but need strong
    evidence.  ``size`` is the story's length in full paragraphs (see
    ``paragraph_sizes``) for the long-story penalty: a story written one
    sentence per paragraph is not long for having many of them.

    >>> length_prior(20), length_prior(20, size=8.0), length_prior(2)
    (-4.0, 0.0, -2.0)
    """
    if length >= 4:
        over = (length if size is None else size) - 12
        return -LONG_STORY_PENALTY * over if over > 0 else 0.0
    return -SHORT_STORY_PENALTY * (4 - length)


def paragraph_sizes(bags: Sequence[Counter]) -> list[float]:
    """How much of a full paragraph each paragraph is: its content words over
    ``REFERENCE_WORDS``, at most 1."""
    return [min(1.0, sum(bag.values()) / REFERENCE_WORDS) for bag in bags]


class ParagraphSimilarity:
    """How much two paragraphs are alike: their tf-idf cosine less a
    background, so unrelated pairs come out slightly negative.

    Two paragraphs share words by chance in proportion to the square root
    of their sizes: two one-sentence paragraphs share fewer than two long
    ones, related or not.  So the background of a pair is ``background``
    for two paragraphs of ``REFERENCE_WORDS`` content words each, scaled by
    ``sqrt(words_a * words_b) / REFERENCE_WORDS``; without that, copy
    written in one-sentence paragraphs (wire copy) has every long story
    look loose, and cutting it anywhere looks like a gain.

    Called as ``similarity(a, b)``; only the paragraphs' weighted word
    vectors are kept, so memory stays linear in the number of paragraphs.
    """

    def __init__(self, bags: list[Counter], idf: dict[str, float], background: float = BACKGROUND_SIMILARITY):
        self.background = background
        self.vectors = []
        self.sizes = []  # sqrt(content words / REFERENCE_WORDS) of every paragraph
        for bag in bags:
            weighted = {w: c * idf[w] for w, c in bag.items()}
            norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
            self.vectors.append({w: v / norm for w, v in weighted.items()})
            self.sizes.append(min(1.0, math.sqrt(sum(bag.values()) / REFERENCE_WORDS)))

    def cosine(self, a: int, b: int) -> float:
        """The plain tf-idf cosine of paragraphs ``a`` and ``b``."""
        small, large = self.vectors[a], self.vectors[b]
        if len(small) > len(large):
            small, large = large, small
        return sum(v * large.get(w, 0.0) for w, v in small.items())

    def __call__(self, a: int, b: int) -> float:
        return self.cosine(a, b) - self.background * self.sizes[a] * self.sizes[b]

    def column(self, b: int, start: int) -> list[float]:
        """``[similarity(a, b) for a in range(start, b)]``, in one pass."""
        vector, vectors, sizes = self.vectors[b], self.vectors, self.sizes
        background = self.background * sizes[b]
        return [
            sum(v * vector.get(w, 0.0) for w, v in vectors[a].items()) - background * sizes[a] for a in range(start, b)
        ]


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


def story_limits(
    datelined: Sequence[bool], min_len: int = MIN_PARAGRAPHS, bylined: Sequence[bool] = ()
) -> tuple[list[int], list[int]]:
    """For every paragraph ``j``, the shortest and the longest story that may start there.

    A story needs a body: at least ``min_len`` paragraphs (a standfirst and a
    body paragraph), or one when it opens with a datelined lead, which is
    its own body.  A datelined paragraph starts a story, unless the
    paragraph before it starts one and has no dateline itself (a standfirst
    or a title line over the datelined lead): so a story reaches at most to
    the first datelined paragraph after it, or the second when its
    undated opening is followed by the datelined lead.

    A ``bylined`` paragraph (a byline stood over it) starts a story or is
    the lead under the standfirst that starts one: a story that starts two
    or more paragraphs before it ends there.

    >>> story_limits([False, True, False, False, True, False])
    ([2, 1, 2, 2, 1, 2], [4, 4, 4, 6, 6, 6])
    >>> story_limits([False] * 6, bylined=[False, False, False, True, False, False])[1]
    [3, 3, 6, 6, 6, 6]
    """
    n = len(datelined)
    shortest = [1 if d else min_len for d in datelined]
    longest = [n] * n
    following = n  # the first datelined paragraph after j
    after_that = n  # the one after that
    for j in range(n - 1, -1, -1):
        longest[j] = after_that if following == j + 1 and not datelined[j] else following
        if datelined[j]:
            following, after_that = j, following
    byline_ahead = n  # the first bylined paragraph at j + 2 or later
    for j in range(n - 3, -1, -1) if bylined else ():
        if bylined[j + 2]:
            byline_ahead = j + 2
        longest[j] = min(longest[j], byline_ahead)
    return shortest, longest


def choose_boundaries(
    scores: list[float],
    min_len: int = MIN_PARAGRAPHS,
    similarity: ParagraphSimilarity | None = None,
    cohesion_weight: float = COHESION_WEIGHT,
    datelined: Sequence[bool] = (),
    cannot_start: Sequence[bool] = (),
    sizes: Sequence[float] = (),
    bylined: Sequence[bool] = (),
) -> list[int]:
    """Pick story starts maximising boundary scores, story-length priors and cohesion.

    ``scores[i]`` is the evidence that a story starts at paragraph ``i``
    (``scores[0]`` is ignored: the first paragraph always starts a story).
    Every story keeps at least ``min_len`` paragraphs.  ``similarity(a, b)``
    (a :class:`ParagraphSimilarity`) adds each story's ``segment_cohesion``;
    ``sizes`` (``paragraph_sizes``) measure stories for the long-story prior.

    Two rules are kept whatever the scores say: a paragraph marked in
    ``cannot_start`` (it points back: "He said", "But") never opens a story,
    and a ``datelined`` paragraph opens one or is the lead right after its
    story's opening line, and so does a ``bylined`` one (see
    :func:`story_limits`).  Where the rules leave
    no way to split (a run of more than ``MAX_PARAGRAPHS`` without a
    paragraph allowed to start a story), they are dropped.

    >>> choose_boundaries([0, -1, -1, -2, 5, -2, -1, -1])
    [0, 4]
    >>> choose_boundaries([0, -1, -1, -2, 5, -2, -1, -1], cannot_start=[False] * 4 + [True] + [False] * 3)
    [0]
    >>> choose_boundaries([0, -1, -1, -2, 5, -2, -1, -1], datelined=[True] + [False] * 5 + [True, False])
    [0, 4, 6]
    """
    n = len(scores)
    if n < 2:
        return [0]
    if not datelined:
        datelined = [False] * n
    if not cannot_start:
        cannot_start = [False] * n
    shortest, longest = story_limits(datelined, min_len, bylined)
    total_size = [0.0]  # total_size[i]: the sizes of paragraphs[0:i]
    for size in sizes or [1.0] * n:
        total_size.append(total_size[-1] + size)
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
        if i < n and (cannot_start[i] or n - i < shortest[i]):
            continue
        gain = scores[i] if i < n else 0.0
        # Stories longer than MAX_PARAGRAPHS are not considered, which keeps
        # the search linear in the number of paragraphs.
        for j in range(max(0, i - MAX_PARAGRAPHS), i):
            if best[j] == neg or i - j < shortest[j] or i > longest[j]:
                continue
            # A story opening with its datelined lead has no standfirst: it
            # is as long as one with a standfirst and a paragraph more.
            lead_only = datelined[j] and shortest[j] == 1
            value = best[j] + length_prior(i - j + lead_only, total_size[i] - total_size[j] + lead_only) + gain
            if similarity is not None:
                value += cohesion_weight * segment_cohesion(pair_sums[j], i - j)
            if value > best[i]:
                best[i], back[i] = value, j
    if best[n] == neg:
        if any(datelined) or any(cannot_start) or any(bylined):
            return choose_boundaries(scores, min_len, similarity, cohesion_weight, sizes=sizes)
        return [0]
    starts = []
    start = back[n]
    while start:
        starts.append(start)
        start = back[start]
    return [0, *reversed(starts)]


# Runs of more paragraphs than this (a whole archive pasted into one file)
# are split a window at a time, so memory stays bounded by the window.
WINDOW_PARAGRAPHS = 4000


def find_story_starts(
    paragraphs: list[str], explain: bool = False, bylined: Sequence[bool] = ()
) -> tuple[list[int], list[Boundary]]:
    """Story starts among ``paragraphs`` with the evidence for each candidate.

    ``explain`` also works out the cohesion won by each chosen cut, which
    costs as much again as the rest of the splitting.  ``bylined`` marks
    the paragraphs a byline stood over (see :func:`story_limits`).

    A run longer than ``WINDOW_PARAGRAPHS`` is split a window at a time: the
    last story a window finds may be cut short by the window's end, so the
    next window starts at that story and decides it again. The evidence is
    then kept for the chosen starts only.
    """
    n = len(paragraphs)
    if n <= WINDOW_PARAGRAPHS + WINDOW_PARAGRAPHS // 2:
        return _find_story_starts(paragraphs, explain, bylined)
    starts: list[int] = []
    evidence: list[Boundary] = []
    offset = 0
    while offset < n:
        end = n if n - offset <= WINDOW_PARAGRAPHS + WINDOW_PARAGRAPHS // 2 else offset + WINDOW_PARAGRAPHS
        found, window_evidence = _find_story_starts(paragraphs[offset:end], explain, bylined[offset:end])
        keep = found if end == n or len(found) < 2 else found[:-1]
        starts.extend(offset + i for i in keep)
        chosen = set(found)  # the last one too: the next window starts there
        evidence.extend(
            Boundary(offset + b.index, b.score, b.features, b.cohesion_gain, b.kind)
            for b in window_evidence
            if b.index in chosen
        )
        offset = n if end == n else offset + (found[-1] if len(found) >= 2 else end - offset)
    return starts, evidence


@dataclass
class Evidence:
    """What the programme weighs for one run of paragraphs, before weighting.

    ``features`` describe every paragraph as a standfirst
    (``boundary_features``); ``opening`` describes each line over a
    datelined lead as that lead's opening line (``opening_line_features``,
    less its ``standfirst_score``).  ``scores`` weights them; measuring is
    the expensive part, so ``tools/fit_splitter.py`` measures once and
    weights many times.
    """

    features: list[dict[str, float]]
    similarity: ParagraphSimilarity
    datelined: list[bool]
    cannot_start: list[bool]
    list_items: list[bool]
    opening: dict[int, dict[str, float]]
    sizes: list[float]
    bylined: Sequence[bool] = ()

    @property
    def wire(self) -> bool:
        """Whether the run is wire copy: its first story, or two paragraphs, carry datelines."""
        return sum(self.datelined) >= 2 or any(self.datelined[:2])

    def scores(
        self,
        weights: dict[str, float] = WEIGHTS,
        opening_weights: dict[str, float] = OPENING_LINE_WEIGHTS,
        undated_start: float | None = None,
    ) -> tuple[list[float], list[str], list[dict[str, float]]]:
        """The score of every paragraph as a story start, what it would be
        ("standfirst", "opening line", "datelined lead"; see :class:`Boundary`)
        and the features that scored it.

        A datelined lead starts its story, or the line over it does (the
        programme's rule); the line gets the log-odds that it opens the
        story, the lead 0.  In wire copy any other story start needs
        ``undated_start`` (``UNDATED_START``) more evidence, unless a byline
        stands over it or over the paragraph after it.
        """
        n = len(self.features)
        penalty = UNDATED_START if undated_start is None else undated_start
        scores = [0.0] * n
        kinds = ["standfirst"] * n
        features = list(self.features)
        marked = [d or b for d, b in zip(self.datelined, self.bylined or [False] * n, strict=True)]
        for i in range(1, n):
            if self.list_items[i]:
                scores[i] = LIST_ITEM_SCORE
            else:
                scores[i] = score_features(features[i], weights)
            if self.wire and not (marked[i] or (i + 1 < n and marked[i + 1])):
                scores[i] += penalty
            if self.datelined[i]:
                scores[i], kinds[i] = 0.0, "datelined lead"
        for line, opening in self.opening.items():
            features[line] = {"standfirst_score": scores[line], **opening}
            scores[line], kinds[line] = score_features(features[line], opening_weights), "opening line"
        return scores, kinds, features

    def starts(self, cohesion_weight: float = COHESION_WEIGHT, **weights) -> list[int]:
        """The chosen story starts; ``weights`` as for :meth:`scores`."""
        return choose_boundaries(
            self.scores(**weights)[0],
            similarity=self.similarity,
            cohesion_weight=cohesion_weight,
            datelined=self.datelined,
            cannot_start=self.cannot_start,
            sizes=self.sizes,
            bylined=self.bylined,
        )


def measure_evidence(paragraphs: list[str], bylined: Sequence[bool] = ()) -> Evidence:
    """Features and rules for every candidate story start in ``paragraphs``
    (``bylined``: the paragraphs a byline stood over)."""
    bags_idf = _bags_and_idf(paragraphs)
    similarity = ParagraphSimilarity(*bags_idf)
    datelined = [parse_dateline(text) is not None for text in paragraphs]
    cannot_start = [points_back(text) for text in paragraphs]
    n = len(paragraphs)
    style = 1.0 if n > 1 and datelined[1] and not datelined[0] else (-1.0 if datelined[0] else 0.0)
    opening = {
        lead - 1: opening_line_features(paragraphs, lead, similarity, style)
        for lead in range(2, n)
        if datelined[lead] and not datelined[lead - 1] and not cannot_start[lead - 1]
    }
    return Evidence(
        features=boundary_features(paragraphs, bags_idf),
        similarity=similarity,
        datelined=datelined,
        cannot_start=cannot_start,
        list_items=[bool(_LIST_ITEM.match(text)) for text in paragraphs],
        opening=opening,
        sizes=paragraph_sizes(bags_idf[0]),
        bylined=bylined,
    )


def _find_story_starts(
    paragraphs: list[str], explain: bool = False, bylined: Sequence[bool] = ()
) -> tuple[list[int], list[Boundary]]:
    evidence = measure_evidence(paragraphs, bylined)
    scores, kinds, features = evidence.scores()
    starts = choose_boundaries(
        scores,
        similarity=evidence.similarity,
        datelined=evidence.datelined,
        cannot_start=evidence.cannot_start,
        sizes=evidence.sizes,
        bylined=evidence.bylined,
    )
    gains = _cohesion_gains(starts, len(paragraphs), evidence.similarity) if explain else {}
    boundaries = [Boundary(i, scores[i], features[i], gains.get(i), kinds[i]) for i in range(1, len(paragraphs))]
    return starts, boundaries


def opening_line_features(
    paragraphs: Sequence[str], lead: int, similarity: ParagraphSimilarity, style: float
) -> dict[str, float]:
    """Evidence that ``paragraphs[lead - 1]`` opens the story of the datelined ``lead``.

    It does when it is a title line over the lead (short, no full stop) or a
    standfirst that the lead restates (alike), and does not when it hangs
    together with the paragraphs before it (the end of the last story).
    ``style`` is how the run's first story is laid out: 1 when it has a
    line over its datelined lead, -1 when it opens with the lead, 0 when
    it tells nothing; one file keeps one house style.  How much the line
    looks like a standfirst (``standfirst_score``) is added when weighing.
    """
    line = lead - 1
    text = paragraphs[line].rstrip()
    return {
        "title_line": float(text[-1:] not in ".!?\"'\u201d\u2019)" and len(text.split()) <= TITLE_WORDS),
        "alike_lead": similarity.cosine(line, lead),
        "alike_before": max(similarity.cosine(line, j) for j in range(max(0, line - 3), line)),
        "house_style": style,
        "refers_back": _refers_back(paragraphs, line),
    }


_THE_NOUN = re.compile(
    r"[\"'\u201c\u2018(]*the\s+(?:(?:new|first|last|former|latest|top|big|old|same|other|two|three)\s+)?"
    r"([a-z][a-z-]+)"
)
# Words that open a paragraph by pointing back to the one before.
_BACK_POINTERS = frozenset(
    """he she it its they them their his her him this these that those but and or so yet also however
    meanwhile instead still then such furthermore moreover besides thus hence indeed nevertheless
    nonetheless""".split()
)


def _refers_back(paragraphs: Sequence[str], line: int) -> float:
    """1.0 when ``paragraphs[line]`` opens on words that point back: a
    pronoun or connective ("It", "But"), or "The" and a common noun the
    paragraphs just before it use ("The plant, owned by ..." after a story
    about a fire at a plant).

    >>> _refers_back(["A fire broke out at a fish plant.", "The plant will stay shut."], 1)
    1.0
    >>> _refers_back(["A fire broke out at a fish plant.", "The Senate voted on Friday."], 1)
    0.0
    >>> _refers_back(["Many ferries were late.", "The man behind the ferry firm quit."], 1)
    0.0
    >>> _refers_back(["The ferry was late.", "More than 200 jobs were lost."], 1)
    0.0
    """
    text = paragraphs[line]
    if _opener(text) in _BACK_POINTERS:
        return 1.0
    match = _THE_NOUN.match(text.lower())
    if match is None or not text[match.start(1)].islower():
        return 0.0
    before = " ".join(paragraphs[max(0, line - 3) : line]).lower()
    return float(re.search(rf"\b{re.escape(match.group(1))}(?:s|es)?\b", before) is not None)


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

    >>> _unquoted(' "Dredging: a plan" '), _unquoted('"Nazi" remark row')
    ('Dredging: a plan', '"Nazi" remark row')
    """
    value = value.strip()
    quote = value[:1]
    if len(value) >= 2 and quote in "\"'" and value.endswith(quote) and quote not in value[1:-1]:
        return value[1:-1].strip()
    return value


@dataclass
class _Headers:
    """Header lines read off the top of a chunk (``Title:``, ``Date:``,
    ``Image:``, ``Image alt:``, ``Image credit:``, ``Author:``, ``Source:``)."""

    headline: str | None = None
    date: str | None = None
    image: dict[str, str] = field(default_factory=dict)
    authors: tuple[Author, ...] = ()
    source: str | None = None

    def under(self, later: _Headers) -> _Headers:
        """These headers (set off on their own) beneath a story's own."""
        return _Headers(
            later.headline or self.headline,
            later.date or self.date,
            {**self.image, **later.image},
            later.authors or self.authors,
            later.source or self.source,
        )

    def image_ref(self) -> ImageRef | None:
        if not self.image.get("path"):
            return None
        return ImageRef(self.image["path"], self.image.get("alt", ""), self.image.get("credit", ""))


def _read_headers(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], _Headers]:
    """Take header lines off the top of a chunk.

    >>> rest, found = _read_headers([(1, "Image: images/quay.jpg"), (2, "Image alt: The quay"), (3, "It rained.")])
    >>> rest, found.image_ref()
    ([(3, 'It rained.')], ImageRef(path='images/quay.jpg', alt='The quay', credit=''))
    """
    found = _Headers()
    rest = list(lines)
    while rest:
        text = rest[0][1]
        if not text.strip():
            rest.pop(0)
            continue
        # An empty header ("Title:" with nothing after it) is dropped.
        if match := DATE_HEADER.match(text):
            found.date = _unquoted(match.group("value")) or found.date
        elif match := HEADLINE_HEADER.match(text):
            found.headline = _unquoted(match.group("value")) or found.headline
        elif match := IMAGE_HEADER.match(text):
            value = _unquoted(match.group("value"))
            if value:
                found.image[(match.group("field") or "path").lower()] = value
        elif match := AUTHOR_HEADER.match(text):
            found.authors = read_author_header(_unquoted(match.group("value"))) or found.authors
        elif match := SOURCE_HEADER.match(text):
            found.source = credit_name(_unquoted(match.group("value"))) or found.source
        else:
            break
        rest.pop(0)
    return (rest if rest is not lines else lines), found


def _dateline(paragraphs: list[Paragraph]) -> tuple[int, Dateline] | None:
    """The dateline opening the story's first or second paragraph, and which.

    >>> _dateline([Paragraph("LONDON, 4 December 2025 (Reuters) - Talks resumed.", 1)])[1].date
    '2025-12-04'
    >>> _dateline([Paragraph("Talks resumed.", 1), Paragraph("TOKYO -- They did.", 2)])[0]
    1
    >>> _dateline([Paragraph("Talks resumed on 4 December 2025 - again.", 1)]) is None
    True
    """
    for index, paragraph in enumerate(paragraphs[:2]):
        dateline = parse_dateline(paragraph.text)
        if dateline is not None:
            return index, dateline
    return None


# A story with fewer words than this is too short to stand alone.
FRAGMENT_WORDS = 30
# An explanation line that is a warning reads "line N: warning: ...".
WARNING = "warning: "
_WARNING_LINE = re.compile(r"^line (?P<line>\d+): " + WARNING + r"(?P<message>.*)$")


def fragment_reasons(paragraphs: Sequence[str], dateline: Dateline | None = None) -> list[str]:
    """Why a story looks like a piece of another story, if it does.

    A story is a fragment when it has only its opening line, when that line
    starts in lower case or points back ("He said...", "But...") as only a
    later paragraph can, or when it is very short.

    >>> fragment_reasons(["he said the talks would go on.", "Both sides agreed."])
    ['it opens in lower case', 'very short (10 words)']
    >>> fragment_reasons(["But the minister disagreed, saying the plan would cost far more than planned."])
    ['only one paragraph', 'it opens with "But", which points back', 'very short (13 words)']
    >>> fragment_reasons(["A harbour will be dredged.", "The harbour authority said on Tuesday it would dredge " * 3])
    []
    """
    first = dateline.paragraph_text if dateline is not None and dateline.place else paragraphs[0]
    reasons = []
    if len(paragraphs) == 1 and dateline is None:
        reasons.append("only one paragraph")
    if _starts_lower(first.lstrip("\"'\u201c\u2018(")):
        reasons.append("it opens in lower case")
    elif match := _POINTS_BACK.match(first):
        reasons.append(f'it opens with "{match.group(0)}", which points back')
    words = sum(len(p.split()) for p in paragraphs)
    if words < FRAGMENT_WORDS:
        reasons.append(f"very short ({words} words)")
    return reasons


def split_warnings(explain: Sequence[str]) -> list[tuple[int, str]]:
    """The warnings among ``split_stories``' explanation lines, as (line, message).

    >>> split_warnings(["line 3: new story (score 2.0)", "line 9: warning: story looks like a fragment"])
    [(9, 'story looks like a fragment')]
    """
    return [(int(m.group("line")), m.group("message")) for m in map(_WARNING_LINE.match, explain) if m]


def _why(boundary: Boundary, paragraphs: list[Paragraph], datelines: list[Dateline | None]) -> str:
    """The evidence for a chosen story start, for the explanation."""
    index = boundary.index
    if boundary.kind == "datelined lead":
        why = f"datelined lead {datelines[index].written.strip()!r}"
    else:
        weights = OPENING_LINE_WEIGHTS if boundary.kind == "opening line" else WEIGHTS
        top = sorted(boundary.features.items(), key=lambda kv: -abs(kv[1] * weights[kv[0]]))[:3]
        why = f"score {boundary.score:.1f}: " + ", ".join(f"{k}={v:.2f}" for k, v in top)
        if boundary.kind == "opening line":
            why = f"line over the datelined lead on line {paragraphs[index + 1].line}; {why}"
    if boundary.cohesion_gain is not None:
        why += f"; cohesion {boundary.cohesion_gain:+.1f} for cutting here"
    return why


def _byline_verdicts(chunks: Iterable[Sequence[Paragraph]], judge: BylineJudge | None) -> dict[int, Verdict]:
    """A verdict on every paragraph that might be a byline, by its line,
    all judged in one call.

    A byline with a role on the line under it ("By JANE SMITH" over
    "Associated Press Writer") is judged with it as one line; when that
    is taken, the role line gets a verdict too, taken with no authors, so
    it is set apart with its byline.
    """
    if judge is None:
        return {}
    alone: list[Paragraph] = []
    paired: list[tuple[Paragraph, Paragraph]] = []
    for paragraphs in chunks:
        for n, paragraph in enumerate(paragraphs):
            under = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if byline_rest(paragraph.text) is None:
                continue
            alone.append(paragraph)
            if under is not None and role_line(under.text) and byline_rest(under.text) is None:
                paired.append((paragraph, under))
    if not alone:
        return {}
    texts = [p.text for p in alone] + [f"{p.text}, {under.text}" for p, under in paired]
    found = judge(texts)
    verdicts = {p.line: v for p, v in zip(alone, found, strict=False)}
    for (paragraph, under), verdict in zip(paired, found[len(alone) :], strict=True):
        if verdict.byline is not None:
            verdicts[paragraph.line] = verdict
            verdicts[under.line] = Verdict(Byline(), f"the role line under the byline on line {paragraph.line}")
    return verdicts


# The bylines set apart from a chunk's paragraphs, by the line of the
# paragraph each stood over.
_Over = dict[int, list[tuple[Paragraph, Verdict]]]


def set_bylines_apart(
    paragraphs: list[Paragraph], verdicts: dict[int, Verdict]
) -> tuple[list[Paragraph], _Over, list[str]]:
    """Take the byline lines out of ``paragraphs``: the rest, the bylines by
    the line of the paragraph each stood over, and what to explain.

    A refused line stays a paragraph, and so does a byline with no
    paragraph under it (nothing follows it in its chunk).
    """
    kept: list[Paragraph] = []
    over: _Over = {}
    pending: list[tuple[Paragraph, Verdict]] = []
    notes: list[str] = []
    for paragraph in paragraphs:
        verdict = verdicts.get(paragraph.line)
        if verdict is not None and verdict.byline is not None:
            pending.append((paragraph, verdict))
            continue
        if verdict is not None:
            notes.append(f"line {paragraph.line}: {paragraph.text!r} is no byline: {verdict.why}")
        if pending:
            over[paragraph.line], pending = pending, []
        kept.append(paragraph)
    for paragraph, _ in pending:
        notes.append(
            f"line {paragraph.line}: {paragraph.text!r} reads as a byline, but no story follows it; kept as text"
        )
        kept.append(paragraph)
    return kept, over, notes


# A byline stands over a story's standfirst or over the lead under it.
BYLINE_PLACES = 2


def _bylines_inside(paragraphs: list[Paragraph], over: _Over) -> tuple[list[Paragraph], list[str]]:
    """Put back as text the bylines over a story's third paragraph or later:
    where stories are set off explicitly, no story can start there."""
    out: list[Paragraph] = []
    notes: list[str] = []
    for n, paragraph in enumerate(paragraphs):
        if n >= BYLINE_PLACES and paragraph.line in over:
            for byline, _ in over.pop(paragraph.line):
                notes.append(
                    f"line {byline.line}: {byline.text!r} reads as a byline, but stands inside a story; kept as text"
                )
                out.append(byline)
        out.append(paragraph)
    return out, notes


def _group_bylines(group: Sequence[Paragraph], over: _Over) -> tuple[tuple[Author, ...], str | None, list[str]]:
    """The authors and the credit of the bylines over a story's paragraphs,
    and the explanation of each."""
    authors: dict[str, Author] = {}
    credit = None
    notes = []
    for paragraph in group:
        for written, verdict in over.get(paragraph.line, ()):
            byline = verdict.byline
            authors.update((a.name, a) for a in byline.authors if a.name not in authors)
            credit = credit or byline.credit
            notes.append(f"line {written.line}: byline {written.text!r} taken ({verdict.why})")
    return tuple(authors.values()), credit, notes


def split_stories(
    text: str, detailed: bool = False, judge_bylines: BylineJudge | None = None
) -> tuple[list[RawStory], list[str]]:
    """Split decoded raw text into stories; also return explanation lines.

    ``detailed`` adds the cohesion each cut wins (for ``convert --explain``).
    ``judge_bylines`` (``bylines.judge_bylines`` with a model) finds the
    byline lines; without it, no line is a byline.

    >>> stories, _ = split_stories("A standfirst.\\nThe lead.\\n---\\nAnother one.\\nIts lead.")
    >>> [s.paragraphs for s in stories]
    [('A standfirst.', 'The lead.'), ('Another one.', 'Its lead.')]
    >>> stories, _ = split_stories("---\\ntitle: Bridge opens\\ndate: 2025-03-01\\n---\\nThe bridge opened.\\nA year.")
    >>> [(s.headline, s.explicit_date, s.paragraphs) for s in stories]
    [('Bridge opens', '2025-03-01', ('The bridge opened.', 'A year.'))]
    >>> stories, _ = split_stories("Author: Jo Bloggs\\nSource: REUTERS\\nThe bridge opened.\\nA year.")
    >>> [(s.authors, s.source_credit) for s in stories]
    [((Author(name='Jo Bloggs', role=''),), 'Reuters')]
    """
    chunks, explicit = _chunks(text)
    read = []
    for lines in chunks:
        lines, headers = _read_headers(lines)
        read.append((lines, headers, _paragraphs(lines)))
    verdicts = _byline_verdicts((paragraphs for _, _, paragraphs in read), judge_bylines)
    stories: list[RawStory] = []
    explain: list[str] = []
    pending = _Headers()
    for lines, headers, paragraphs in read:
        has_blank = any(not t.strip() for _, t in lines)
        if not paragraphs:
            # Header lines set off on their own (YAML-style front matter
            # between "---" lines) belong to the story that follows.
            pending = pending.under(headers)
            continue
        headers = pending.under(headers)
        headline, date, image = headers.headline, headers.date, headers.image_ref()
        authors, source = headers.authors, headers.source
        pending = _Headers()
        paragraphs, over, notes = set_bylines_apart(paragraphs, verdicts)
        explain.extend(notes)
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
            paragraphs, notes = _bylines_inside(paragraphs, over)
            explain.extend(notes)
            groups = [paragraphs]
            explain.append(f"line {paragraphs[0].line}: story set off by an explicit separator")
        else:
            bylined = [p.line in over for p in paragraphs]
            starts, evidence = find_story_starts([p.text for p in paragraphs], explain=detailed, bylined=bylined)
            groups = [paragraphs[a:b] for a, b in zip(starts, [*starts[1:], len(paragraphs)], strict=True)]
            chosen = set(starts)
            datelines = [parse_dateline(p.text) for p in paragraphs]
            explain.extend(
                f"line {paragraphs[b.index].line}: new story ({_why(b, paragraphs, datelines)})"
                for b in evidence
                if b.index in chosen
            )
        for group in groups:
            found = _dateline(group)
            index, dateline = found if found else (0, None)
            by_authors, by_credit, notes = _group_bylines(group, over)
            explain.extend(notes)
            story = RawStory(
                paragraphs=tuple(p.text for p in group),
                first_line=group[0].line,
                headline=headline,
                explicit_date=date or (dateline.date if dateline else None),
                dateline=dateline,
                dateline_index=index,
                image=image,
                authors=authors or by_authors,
                source_credit=source or by_credit,
            )
            stories.append(story)
            reasons = fragment_reasons(story.paragraphs, dateline if index == 0 else None)
            if reasons and headline is None:
                explain.append(f"line {group[0].line}: {WARNING}story looks like a fragment ({'; '.join(reasons)})")
            headline = date = image = source = None
            authors = ()
    return stories, explain
