"""Bylines and wire credits: who wrote a story, and which agency sent it.

Raw copy names its writers the way newspapers and wires print them: a line
of its own at the top of a story, before the standfirst (wire style, over
the datelined lead) or right after it (a newspaper's standfirst, byline,
body)::

    By Jane Smith
    By Jane Smith and Tom Jones
    By Jane Smith, Tom Jones and Ann Lee
    By Jane Smith, Political correspondent     (a role)
    By Jane Smith in Brussels                  (the place is dropped)
    BY JANE SMITH, AP Business Writer          (a name in capitals, AP style)
    By Reuters Staff                           (an agency: a credit, no author)

An editor can also write header lines, ``Author: Jane Smith; Tom Jones``
(:func:`read_author_header`) and ``Source: Reuters`` (:func:`agency_name`);
the agency in a wire dateline ("LONDON (Reuters) - ") is a credit as well.

Many sentences open with "By" ("By the end of the year, prices had
doubled.", "By Tuesday the talks had stalled."), so a line is taken only
when it reads as a byline.  Rules judge its shape (:func:`read_shape`: short,
nothing but names, a role and a place, every name two to five capitalised
words), and spaCy's parse judges what a shape cannot (:func:`judge_bylines`):
a byline has no verb, and its names are no dates or times ("By Christmas
Eve").  Only lines whose shape passes are parsed, all of a file's in one
batch, so copy without bylines costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.convert.dates import place_name
from generator.convert.model import Author
from generator.convert.parse import DEFAULT_MODEL, parse_texts

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# A paragraph opening with "By" that is longer than this is a sentence: it
# is not judged at all (nor mentioned by --explain).  The length in
# characters also keeps every pattern below fast on hostile lines.
CANDIDATE_WORDS = 20
CANDIDATE_CHARS = 200
# Three names, a role and a place fit in this many words after "By".
BYLINE_WORDS = 14
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 5
MAX_ROLE_WORDS = 6
_AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)
_LEADING_AND = re.compile(r"^(?:and|&)\s+", re.IGNORECASE)
_IN_PLACE = re.compile(r"^(?P<before>.*?)\s*\bin\s+(?P<place>[^\W\d_].*)$", re.IGNORECASE)
# What no byline carries: sentence punctuation, quotes, asides.
_NOT_IN_BYLINES = re.compile(r"[;:!?\"\u201c\u201d()\[\]]")
# Small words inside a name: "Ludwig van der Berg", "Ana de la Cruz".
_PARTICLES = frozenset("de da das do dos del della der den di du la le van von ter ten y bin ibn ben al el".split())
_PREFIXED = re.compile(r"^(?:al|el|bin|ben|ibn|abu|ul)-[^\W\d_]", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+$")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# Capitalised words that open the sentences which look like bylines ("By
# The End Of The Year", "By Tuesday Night"): never part of a name.
NOT_NAME_WORDS = frozenset(
    """the a an this that these those then now far law contrast comparison definition all our their its
    his her my your some any each every no one most many mid late early next last end start close middle
    half both either way means today tonight tomorrow yesterday monday tuesday wednesday thursday
    friday saturday sunday morning afternoon evening night noon midnight""".split()
)
# A word that makes the piece after the names a job or a paper, not another
# name ("By Jane Smith, Political Correspondent", "..., Harbour Gazette").
ROLE_NOUNS = frozenset(
    """correspondent editor reporter writer columnist critic analyst staff producer contributor
    journalist photographer commentator presenter reviewer chief bureau desk intern stringer
    newsroom team gazette times news herald journal telegraph chronicle tribune observer magazine
    weekly daily radio television""".split()
)
# Entity labels that say a capitalised pair is no person ("By Christmas
# Eve", "By Friday Afternoon", "By New Year").
NOT_NAME_LABELS = {
    "DATE": "a date",
    "TIME": "a time",
    "EVENT": "an event",
    "CARDINAL": "a number",
    "ORDINAL": "an ordinal",
    "QUANTITY": "a quantity",
    "MONEY": "money",
    "PERCENT": "a percentage",
}
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Finite verbs: a line with one is a sentence ("had", "stalled", "will").
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# News agencies, each with the spellings copy uses for it.
_AGENCY_SPELLINGS = {
    "Reuters": "reuters|thomson reuters",
    "AP": "ap|associated press|the associated press",
    "AFP": "afp|agence france-presse|agence france presse",
    "PA Media": "pa|pa media|press association|the press association",
    "Bloomberg": "bloomberg|bloomberg news",
    "dpa": "dpa",
    "EFE": "efe",
    "ANSA": "ansa",
    "Kyodo": "kyodo|kyodo news",
    "Xinhua": "xinhua",
    "UPI": "upi|united press international",
    "Yonhap": "yonhap",
    "TASS": "tass",
    "Interfax": "interfax",
    "AAP": "aap|australian associated press",
    "The Canadian Press": "cp|canadian press|the canadian press",
    "PTI": "pti|press trust of india",
}
AGENCIES = {spelling: name for name, spellings in _AGENCY_SPELLINGS.items() for spelling in spellings.split("|")}
# "By Reuters Staff", "By AP reporters": the agency, no person.
_AGENCY_STAFF = re.compile(r"\s+(?:staff(?: reporters?)?|reporters?|correspondents?|news ?desk|desk)$", re.IGNORECASE)


# ----------------------------------------------------------------- records
@dataclass(frozen=True)
class Byline:
    """Who a byline line names: its authors (each with a role or none) and
    the agency it credits ("By Reuters Staff")."""

    authors: tuple[Author, ...] = ()
    credit: str | None = None


@dataclass(frozen=True)
class Verdict:
    """Whether a line is a byline: the byline, or ``None`` and ``why`` not.

    ``why`` is written for ``convert --explain`` either way.
    """

    byline: Byline | None
    why: str


@dataclass(frozen=True)
class _Piece:
    """A piece of a byline line: a name, a role, a place, or a piece the
    parse decides ("name or role": "By Jane Smith, Washington Post").
    ``start``/``end`` are its place in the line the model reads."""

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Shape:
    """A line whose shape is a byline's, as the model will read it: names
    in capitals are written as names ("JANE SMITH" -> "Jane Smith")."""

    line: str
    pieces: tuple[_Piece, ...] = field(default_factory=tuple)


# ------------------------------------------------------------------ names
def agency_name(text: str) -> str | None:
    """The agency ``text`` names, as a credit writes it, or ``None``.

    >>> [agency_name(t) for t in ("Reuters", "THE ASSOCIATED PRESS", "Reuters Staff", "Jane Smith")]
    ['Reuters', 'AP', 'Reuters', None]
    """
    key = _AGENCY_STAFF.sub("", " ".join(text.split()).rstrip(".")).lower()
    return AGENCIES.get(key)


def credit_name(text: str) -> str:
    """A ``Source:`` header or a dateline's agency as a credit: a known
    agency in its usual spelling, anything else as written.

    >>> credit_name("REUTERS"), credit_name("Harbour Gazette")
    ('Reuters', 'Harbour Gazette')
    """
    return agency_name(text) or text.strip()


def _name_word_problem(word: str, first: bool, last: bool) -> str | None:
    """Why ``word`` cannot stand in a person's name here, or ``None``."""
    if word.lower().strip(".") in NOT_NAME_WORDS:
        return f"{word!r} is no part of a name"
    if any(c.isdigit() for c in word):
        return f"a figure ({word!r}) is no part of a name"
    if _POSSESSIVE.search(word):
        return f"{word!r} is a possessive"
    if _INITIALS.match(word):
        return f"a name ends with a surname, not {word!r}" if last else None
    if word.lower() in _PARTICLES or _PREFIXED.match(word):
        return f"a name does not start or end with {word!r}" if first and not _PREFIXED.match(word) else None
    if not word[:1].isupper():
        return f"{word!r} is not capitalised"
    return None


def name_problem(text: str) -> str | None:
    """Why ``text`` is no person's full name by its shape, or ``None``.

    >>> name_problem("Ludwig van der Berg"), name_problem("J. K. Harlow"), name_problem("Siobhan O'Neill")
    (None, None, None)
    >>> name_problem("Tuesday the talks had stalled")
    "'Tuesday' is no part of a name"
    >>> name_problem("Christmas")
    'one word is no full name'
    """
    words = text.split()
    for n, word in enumerate(words):
        problem = _name_word_problem(word, n == 0, n == len(words) - 1)
        if problem:
            return problem
    if len(words) < MIN_NAME_WORDS:
        return "one word is no full name" if words else "no name"
    if len(words) > MAX_NAME_WORDS:
        return f"{len(words)} words are too many for a name"
    return None


def _is_role(text: str) -> bool:
    """Whether ``text`` names a job ("Political correspondent", "AP Business Writer")."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return any(w in ROLE_NOUNS or (w.endswith("s") and w[:-1] in ROLE_NOUNS) for w in words)


def _as_name(text: str) -> str:
    """A name written in capitals as a name; any other as written."""
    return place_name(text) if text.isupper() else text


def _as_role(text: str) -> str:
    """A role written in capitals in sentence case; any other as written."""
    if not text.isupper() or agency_name(text):
        return text
    return text[:1] + text[1:].lower()


# ------------------------------------------------------------------ shape
def role_line(paragraph: str) -> bool:
    """Whether ``paragraph`` could be the role on the line under a byline
    (AP's "By JANE SMITH" over "AP Business Writer"): a few words ending in
    a job's word, or an agency.  The model judges the two lines together.

    >>> [role_line(t) for t in ("Associated Press Writer", "Political correspondent", "AP", "Talks resume.")]
    [True, True, True, False]
    """
    words = re.findall(r"[^\W\d_]+", paragraph.lower())
    if not words or len(paragraph.split()) > MAX_ROLE_WORDS or _NOT_IN_BYLINES.search(paragraph):
        return False
    if paragraph.rstrip()[-1:] in ".!?" or any(c.isdigit() for c in paragraph):
        return False
    return bool(agency_name(paragraph)) or _is_role(words[-1])


def byline_rest(paragraph: str) -> str | None:
    """What follows "By" in ``paragraph`` when it is short enough to be a
    byline at all (a cheap test; no model).

    >>> byline_rest("By Jane Smith"), byline_rest("BY: JANE SMITH"), byline_rest("Bypass opens")
    ('Jane Smith', 'JANE SMITH', None)
    """
    text = paragraph.strip()
    if len(text) > CANDIDATE_CHARS or text[:2].lower() != "by" or len(text.split()) > CANDIDATE_WORDS:
        return None
    after = text[2:]
    colon = after.startswith(":")
    after = after[1:] if colon else after
    # "By Jane", "By: Jane", "By:Jane"; not "Bypass" or "By-election".
    if not (colon or after[:1].isspace()):
        return None
    return " ".join(after.split()) or None


def _segments(rest: str) -> list[str]:
    """The comma-separated pieces of a byline, without a joining "and"."""
    return [_LEADING_AND.sub("", s.strip()) for s in rest.split(",") if s.strip()]


class _ShapeReader:
    """Builds the line the model reads, piece by piece, with each piece's place."""

    def __init__(self):
        self.line = "By"
        self.pieces: list[_Piece] = []

    def add(self, kind: str, text: str, joiner: str = " ") -> None:
        self.line += joiner
        self.pieces.append(_Piece(kind, text, len(self.line), len(self.line) + len(text)))
        self.line += text

    def shape(self) -> Shape:
        return Shape(self.line, tuple(self.pieces))


def _read_names(segment: str, reader: _ShapeReader, joiner: str) -> str | None:
    """Add ``segment``'s names ("Jane Smith and Tom Jones in Brussels") to
    ``reader``; or say why they are no names (then nothing is added)."""
    names: list[tuple[str, str | None]] = []
    for part in _AND.split(segment):
        place = None
        if match := _IN_PLACE.match(part):
            part, place = match.group("before"), match.group("place")
        problem = name_problem(part)
        if problem:
            return problem
        names.append((_as_name(part), place))
    for n, (name, place) in enumerate(names):
        reader.add("name", name, joiner if n == 0 else " and ")
        if place:
            reader.add("place", place, " in ")
    return None


def read_shape(paragraph: str) -> Shape | Verdict:
    """Read ``paragraph`` as a byline by its shape alone.

    A :class:`Shape` for the model to judge; a :class:`Verdict` when the
    shape settles it: refused ("By Tuesday the talks had stalled."), or an
    agency taken as a credit ("By Reuters Staff").

    >>> read_shape("BY JANE SMITH AND TOM JONES, POLITICAL CORRESPONDENTS").line
    'By Jane Smith and Tom Jones, Political correspondents'
    >>> [(p.kind, p.text) for p in read_shape("By Jane Smith in Brussels, Washington Post").pieces]
    [('name', 'Jane Smith'), ('place', 'Brussels'), ('name or role', 'Washington Post')]
    >>> read_shape("By selling its stake, the bank raised $2bn.").why
    "'selling' is not capitalised"
    >>> read_shape("By Reuters Staff").byline.credit
    'Reuters'
    """
    rest = byline_rest(paragraph)
    if rest is None:
        return Verdict(None, "not a short line opening with 'By'")
    rest = rest.removesuffix(".") if not _INITIALS.match(rest.split()[-1]) else rest
    if agency := agency_name(rest):
        return Verdict(Byline(credit=agency), f"credit: {agency} (a news agency)")
    reader = _ShapeReader()
    first, *later = _segments(rest)
    problem = _read_names(first, reader, " ")
    if problem:
        return Verdict(None, problem)
    if match := _NOT_IN_BYLINES.search(rest):
        return Verdict(None, f"{match.group(0)!r} has no place in a byline")
    if len(rest.split()) > BYLINE_WORDS:
        return Verdict(None, f"{len(rest.split())} words are too many for a byline")
    for segment in later:
        _read_later_segment(segment, reader)
    return reader.shape()


def _read_later_segment(segment: str, reader: _ShapeReader) -> None:
    """A piece after the first comma: a place ("in Brussels"), a role
    ("Europe editor in Brussels"), more names ("Tom Jones and Ann Lee"), or
    a piece the parse decides ("Washington Post")."""
    match = _IN_PLACE.match(segment)
    before, place = (match.group("before"), match.group("place")) if match else (segment, None)
    if not before:
        pass
    elif _is_role(before) or agency_name(before):
        reader.add("role", _as_role(before), ", ")
    elif _AND.search(segment) and _read_names(segment, reader, ", ") is None:
        return
    elif name_problem(before) is None:
        reader.add("name or role", _as_name(before), ", ")
    else:
        reader.add("role", _as_role(before), ", ")
    if place:
        reader.add("place", place, " in " if before else ", in ")


# ------------------------------------------------------------------ judge
def _span(doc: Doc, piece: _Piece) -> Span:
    return doc.char_span(piece.start, piece.end, alignment_mode="expand")


def _labels(span: Span) -> set[str]:
    return {t.ent_type_ for t in span if t.ent_type_}


def _verb_outside_names(doc: Doc, shape: Shape) -> str | None:
    """A finite verb in the line, outside its names ("had", "doubled")."""
    in_names = {t.i for p in shape.pieces if p.kind == "name" for t in _span(doc, p)}
    for token in doc:
        if token.i not in in_names and (
            token.tag_ in _FINITE_TAGS or token.pos_ == "AUX" or (token.dep_ == "ROOT" and token.pos_ == "VERB")
        ):
            return token.text
    return None


def _kind(piece: _Piece, doc: Doc) -> str:
    """What a "name or role" piece is to the model: a PERSON is a name, a
    place is a place, anything else (a paper, a desk) is a role."""
    if piece.kind != "name or role":
        return piece.kind
    labels = _labels(_span(doc, piece))
    if "PERSON" in labels:
        return "name"
    return "place" if labels & PLACE_LABELS else "role"


def _with_role(author: Author, role: str) -> Author:
    return Author(author.name, f"{author.role}, {role}" if author.role else role)


def _authors(pieces: Sequence[tuple[str, str]]) -> tuple[tuple[Author, ...], str | None]:
    """Authors from (kind, text) pieces, and the credit.

    A role belongs to the names since the last role ("Jane Smith and Tom
    Jones, Political correspondents"); a role right after a role is more of
    it ("Europe editor, BBC News"); a role that is an agency is the credit.

    >>> _authors([("name", "A B"), ("role", "Editor"), ("name", "C D"), ("role", "Writer"), ("role", "AP")])
    ((Author(name='A B', role='Editor'), Author(name='C D', role='Writer')), 'AP')
    """
    authors: list[Author] = []
    credit = None
    group = 0  # where the names the next role belongs to start
    for kind, text in pieces:
        if kind == "name":
            if group < len(authors) and authors[group].role:
                group = len(authors)
            authors.append(Author(text))
        elif kind == "role" and (agency := agency_name(text)):
            credit = agency
        elif kind == "role":
            authors[group:] = [_with_role(a, text) for a in authors[group:]]
    return tuple(authors), credit


def _judgement(authors: Sequence[Author], credit: str | None, places: Sequence[str], persons: int) -> str:
    """What --explain says of a byline taken."""
    names = ", ".join(f"{a.name} ({a.role})" if a.role else a.name for a in authors)
    parts = [f"authors: {names}"]
    if credit:
        parts.append(f"credit: {credit}")
    if places:
        parts.append(f"place {', '.join(places)} dropped")
    if persons == len(authors):
        parts.append("no verb, every name a PERSON")
    else:
        parts.append(f"no verb, {persons} of {len(authors)} names a PERSON, the rest taken on their shape")
    return "; ".join(parts)


def judge(shape: Shape, doc: Doc) -> Verdict:
    """Take or refuse a line of a byline's shape on its parse ``doc``."""
    if verb := _verb_outside_names(doc, shape):
        return Verdict(None, f"a sentence: {verb!r} is a verb")
    for piece in shape.pieces:
        labels = sorted(_labels(_span(doc, piece)) & NOT_NAME_LABELS.keys())
        if piece.kind == "name" and labels:
            return Verdict(None, f"{piece.text!r} reads as {NOT_NAME_LABELS[labels[0]]}, not a name")
    pieces = [(_kind(p, doc), p.text) for p in shape.pieces]
    authors, credit = _authors(pieces)
    persons = sum(1 for p in shape.pieces if _kind(p, doc) == "name" and "PERSON" in _labels(_span(doc, p)))
    places = [text for kind, text in pieces if kind == "place"]
    return Verdict(Byline(authors, credit), _judgement(authors, credit, places, persons))


# Lines parsed at a time: a parse keeps its tensors, and a file of 10,000
# bylined stories would otherwise hold them all at once.
JUDGE_CHUNK = 256


def judge_bylines(paragraphs: Sequence[str], model: str = DEFAULT_MODEL) -> list[Verdict]:
    """Whether each of ``paragraphs`` is a byline, parsed in a few batches.

    >>> [v.byline.authors if v.byline else v.why for v in judge_bylines([
    ...     "By Jane Smith, Political correspondent", "By Tuesday the talks had stalled."])]
    [(Author(name='Jane Smith', role='Political correspondent'),), "'Tuesday' is no part of a name"]
    """
    shapes = [read_shape(p) for p in paragraphs]
    verdicts = [s if isinstance(s, Verdict) else None for s in shapes]
    to_parse = [i for i, s in enumerate(shapes) if isinstance(s, Shape)]
    for start in range(0, len(to_parse), JUDGE_CHUNK):
        batch = to_parse[start : start + JUDGE_CHUNK]
        for i, doc in zip(batch, parse_texts([shapes[i].line for i in batch], model), strict=True):
            verdicts[i] = judge(shapes[i], doc)
    return verdicts


# ----------------------------------------------------------------- header
def read_author_header(value: str) -> tuple[Author, ...]:
    """The authors an ``Author:`` header names, without the model: an editor
    wrote them.  Names are set apart by ``;``, ``,`` and "and"; a piece with
    a job's word in it is the role of the names before it.

    >>> read_author_header("Jane Smith, Political correspondent; Tom Jones")
    (Author(name='Jane Smith', role='Political correspondent'), Author(name='Tom Jones', role=''))
    >>> [a.name for a in read_author_header("JANE SMITH and Tom Jones")]
    ['Jane Smith', 'Tom Jones']
    """
    # A YAML list typed as a header value: ["Jane Smith", "Tom Jones"].
    # Single spaces keep the patterns fast on any line.
    value = " ".join(value.split()).removeprefix("[").removesuffix("]")
    pieces: list[tuple[str, str]] = []
    for segment in _segments(value.replace(";", ",")):
        segment = segment.strip("\"' ")
        if _is_role(segment):
            pieces.append(("role", _as_role(segment)))
        else:
            pieces.extend(("name", _as_name(name.strip())) for name in _AND.split(segment) if name.strip())
    return _authors(pieces)[0]
