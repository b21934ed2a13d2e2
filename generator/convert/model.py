"""The data that flows through the converter: plain, immutable records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawStory:
    """One story as found in a raw file, before any rewriting.

    ``paragraphs`` are the story's paragraphs in order; the first is the
    standfirst unless ``headline`` was given explicitly in the raw text.
    ``first_line`` is the 1-based line number in the raw file where the story
    starts, for messages that point a person at the right place.
    """

    paragraphs: tuple[str, ...]
    first_line: int
    headline: str | None = None
    explicit_date: str | None = None


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
