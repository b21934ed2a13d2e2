"""The data that flows through the converter: plain, immutable records."""

from __future__ import annotations

from dataclasses import dataclass

from generator.convert.dates import Dateline


@dataclass(frozen=True)
class ImageRef:
    """A story's lead image as the copy names it: a file under ``content/``
    (``Image: images/harbour.jpg``), its text alternative and its credit."""

    path: str
    alt: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Author:
    """A writer a byline names ("By Jane Smith, Political correspondent"):
    ``role`` is empty when the byline gives none."""

    name: str
    role: str = ""


@dataclass(frozen=True)
class RawStory:
    """One story as found in a raw file, before any rewriting.

    ``paragraphs`` are the story's paragraphs in order; the first is the
    standfirst unless ``headline`` was given explicitly in the raw text.
    ``first_line`` is the 1-based line number in the raw file where the story
    starts, for messages that point a person at the right place.

    ``dateline`` is the wire dateline ("AMSTERDAM, March 3 - ") opening
    ``paragraphs[dateline_index]``: the first paragraph when the story starts
    with its datelined lead, the second when a standfirst or a title line
    comes first.  ``paragraphs`` keep the dateline as the copy has it;
    ``dateline.paragraph_text`` and ``paragraphs_without_dateline`` are the
    text a headline writer should read.

    ``authors`` come from a byline line ("By Jane Smith"), which is no
    paragraph, or an ``Author:`` header; ``source_credit`` is the agency a
    ``Source:`` header or a byline names ("By Reuters Staff").  The agency
    of a dateline is in ``dateline.agency``.
    """

    paragraphs: tuple[str, ...]
    first_line: int
    headline: str | None = None
    explicit_date: str | None = None
    dateline: Dateline | None = None
    dateline_index: int = 0
    image: ImageRef | None = None
    authors: tuple[Author, ...] = ()
    source_credit: str | None = None

    @property
    def paragraphs_without_dateline(self) -> tuple[str, ...]:
        """``paragraphs`` with the dateline taken off the paragraph it opens."""
        if self.dateline is None:
            return self.paragraphs
        paragraphs = list(self.paragraphs)
        paragraphs[self.dateline_index] = self.dateline.paragraph_text
        return tuple(paragraphs)


@dataclass(frozen=True)
class Story:
    """A story ready to be written as Markdown."""

    title: str
    summary: str
    body: tuple[str, ...]
    slug: str
    story_id: str
    date: str
    source: str
    category: str = ""
    tags: tuple[str, ...] = ()
    modified: str | None = None
    # Why an editor should look at the headline before it is published
    # (``review: headline`` in the front matter), and the headlines that lost.
    review: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    image: ImageRef | None = None
    authors: tuple[Author, ...] = ()
    source_credit: str = ""
