"""The one place the spaCy pipeline is loaded, and batch parsing.

Headlines and topics read a dependency parse, part-of-speech tags, lemmas and
named entities from spaCy's English pipeline.  The model is an installed
Python package (pinned by hash in ``requirements-model.lock``); it is loaded
from disk, never downloaded, once per process and per name.  A publisher who
has another English pipeline installed (the official ``en_core_web_sm``, or a
larger ``en_core_web_md``) names it in ``pelicanconf.py``::

    NEWSROOM_SPACY_MODEL = "en_core_web_md"

Only what a step needs is parsed: a story's standfirst and its lead
paragraphs, never the whole body (topics count later mentions by string).

>>> doc = parse_texts(["The harbour board has approved the plan."])[0]
>>> [(t.text, t.dep_) for t in doc if t.dep_ == "ROOT"]
[('approved', 'ROOT')]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from generator.convert.defaults import DEFAULT_MODEL

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# How many paragraphs of a story are parsed: the standfirst and the lead.
PARSED_PARAGRAPHS = 2
# A paragraph longer than this is cut before parsing (a whole story pasted on
# one line); what matters for headlines and topics is at its start.
MAX_PARSE_CHARS = 2_000
# The lead is read for its names and its first sentence: its first few
# sentences are enough, and parsing costs time in proportion to length.
MAX_LEAD_CHARS = 700
_BATCH_SIZE = 64


class ModelError(Exception):
    """The named spaCy pipeline cannot be loaded (not installed, wrong kind)."""


@cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline ``name``, loaded once per process.

    Raises :class:`ModelError` with what to do when it is not installed.
    """
    # Nothing may reach out to a hub at run time: the model is a package.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import spacy

    try:
        nlp = spacy.load(name)
    except Exception as exc:  # not installed (OSError), or a package that is no pipeline
        raise ModelError(
            f"spaCy model {name!r} is not installed ({exc.__class__.__name__}). "
            "Run `make site` to install the pinned model, or set NEWSROOM_SPACY_MODEL "
            "in pelicanconf.py to an English pipeline you have installed."
        ) from None
    missing = {"parser", "ner", "tagger"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(
            f"spaCy model {name!r} has no {', '.join(sorted(missing))}: headlines need an English pipeline"
        )
    return nlp


def parse_texts(texts: Sequence[str], model: str = DEFAULT_MODEL, disable: Sequence[str] = ()) -> list[Doc]:
    """Parse ``texts`` in one batch (``nlp.pipe``), cutting any very long one.

    ``disable`` names components a caller does not need ("ner" to check a
    headline's grammar).
    """
    nlp = load_model(model)
    disable = [name for name in disable if name in nlp.pipe_names]
    return list(nlp.pipe((text[:MAX_PARSE_CHARS] for text in texts), batch_size=_BATCH_SIZE, disable=disable))


def _first_sentences(text: str, limit: int = MAX_LEAD_CHARS) -> str:
    """The start of ``text``, cut after a sentence when it is longer than ``limit``.

    >>> _first_sentences("One. Two three. Four five six.", 12)
    'One.'
    """
    if len(text) <= limit:
        return text
    cut = max(text.rfind(". ", 0, limit), text.rfind("? ", 0, limit), text.rfind("! ", 0, limit))
    return text[: cut + 1] if cut > 0 else text[:limit]


def parse_stories(stories: Iterable[Sequence[str]], model: str = DEFAULT_MODEL) -> list[list[Doc]]:
    """For each story (its paragraphs), parses of its first paragraphs.

    All stories of a file go through the pipeline in one batch.

    >>> docs = parse_stories([["A standfirst.", "A lead.", "Unparsed."]])
    >>> [d.text for d in docs[0]]
    ['A standfirst.', 'A lead.']
    """
    heads = [
        [p if n == 0 else _first_sentences(p) for n, p in enumerate(paragraphs[:PARSED_PARAGRAPHS])]
        for paragraphs in stories
    ]
    flat = parse_texts([p for head in heads for p in head], model)
    out, at = [], 0
    for head in heads:
        out.append(flat[at : at + len(head)])
        at += len(head)
    return out
