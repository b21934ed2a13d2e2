"""Writing a story as Markdown with YAML front matter, and reading it back.

The Markdown files under ``content/`` are the editable record: people fix a
headline or a tag there and commit it.  So the output is plain and stable:
keys in a fixed order, one paragraph per block, and raw text escaped so that
nothing in it turns into markup (``<script>`` stays literal text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.convert.model import Story

FRONT_MATTER_KEYS = (
    "title",
    "date",
    "modified",
    "slug",
    "summary",
    "authors",
    "author_roles",
    "source_credit",
    "category",
    "tags",
    "id",
    "source",
    "review",
    "review_reasons",
    "headline_alternatives",
    "image",
    "image_alt",
    "image_credit",
)


class FrontMatterError(ValueError):
    """Front matter that is missing or is not valid YAML; ``line`` is the
    file's line (1-based) where the problem is."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


# libyaml's C emitter and parser when PyYAML was built with them (the wheels are).
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(_BaseDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Quote every string: "No", "on", "2025-01-01" and "#tag" stay strings.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')


def _dict_representer(dumper: yaml.SafeDumper, value: dict) -> yaml.MappingNode:
    pairs = [(yaml.ScalarNode("tag:yaml.org,2002:str", str(k)), dumper.represent_data(v)) for k, v in value.items()]
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=False)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(dict, _dict_representer)

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}])")
_BLOCK_START = re.compile(r"^(\s*)([#>+=|:~-]|\d+[.)](?=\s|$))")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape_markdown(text: str) -> str:
    """Escape raw text so Markdown shows it literally.

    >>> escape_markdown("<script>alert(1)</script> *bold* [x](javascript:y)")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\*bold\\\\* \\\\[x\\\\](javascript:y)'
    >>> escape_markdown("# Not a heading")
    '\\\\# Not a heading'
    >>> escape_markdown("2004. A year to forget")
    '2004\\\\. A year to forget'
    """
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SPECIALS.sub(r"\\\1", text)

    def block(match: re.Match[str]) -> str:
        lead, marker = match.group(1), match.group(2)
        if marker[0].isdigit():
            return lead + marker[:-1] + "\\" + marker[-1]
        if marker in "#>+-":
            return lead + "\\" + marker
        # Not a Markdown escape character: a numeric entity shows it literally.
        return f"{lead}&#{ord(marker)};"

    return _BLOCK_START.sub(block, text)


def render_front_matter(meta: dict) -> str:
    ordered = {k: meta[k] for k in FRONT_MATTER_KEYS if meta.get(k) not in (None, "", [], ())}
    ordered.update({k: v for k, v in meta.items() if k not in ordered and v not in (None, "", [], ())})
    for key, value in ordered.items():
        if isinstance(value, tuple):
            ordered[key] = list(value)
    dumped = yaml.dump(
        ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False
    )
    return f"---\n{dumped}---\n"


def byline_front_matter(story: Story) -> dict:
    """``authors`` as a list of names (Pelican reads it so), ``author_roles``
    only for the names with a role, and ``source_credit``.

    >>> from generator.convert.model import Author
    >>> story = Story("T", "S", (), "t", "urn:1", "2025-01-01", "raw/a.txt#1", source_credit="Reuters",
    ...     authors=(Author("Jane Smith", "Political correspondent"), Author("Tom Jones")))
    >>> print(render_front_matter(byline_front_matter(story)), end="")
    ---
    authors:
    - "Jane Smith"
    - "Tom Jones"
    author_roles:
      Jane Smith: "Political correspondent"
    source_credit: "Reuters"
    ---
    """
    roles = {a.name: a.role for a in story.authors if a.role}
    meta: dict = {"authors": [a.name for a in story.authors]}
    if roles:
        meta["author_roles"] = roles
    meta["source_credit"] = story.source_credit
    return meta


def render_story(story: Story) -> str:
    """The whole Markdown file for ``story``.

    >>> from generator.convert.model import Story
    >>> print(render_story(Story(title="Fish: a tale", summary="A summary.", body=("One.", "Two."),
    ...     slug="fish-a-tale", story_id="urn:uuid:1", date="2025-01-01T00:00:00+00:00",
    ...     source="raw/a.txt#1", category="World", tags=("Sea",))), end="")
    ---
    title: "Fish: a tale"
    date: "2025-01-01T00:00:00+00:00"
    slug: "fish-a-tale"
    summary: "A summary."
    category: "World"
    tags:
    - "Sea"
    id: "urn:uuid:1"
    source: "raw/a.txt#1"
    ---
    <BLANKLINE>
    One.
    <BLANKLINE>
    Two.
    """
    meta = {
        "title": story.title,
        "date": story.date,
        "modified": story.modified,
        "slug": story.slug,
        "summary": escape_markdown(story.summary),
        "category": story.category,
        "tags": list(story.tags),
        "id": story.story_id,
        "source": story.source,
    }
    if story.review:
        meta["review"] = "headline"
        meta["review_reasons"] = list(story.review)
        meta["headline_alternatives"] = list(story.alternatives)
    if story.image is not None:
        meta.update(image=story.image.path, image_alt=story.image.alt, image_credit=story.image.credit)
    meta.update(byline_front_matter(story))
    body = "\n\n".join(escape_markdown(p) for p in story.body)
    return render_front_matter(meta) + "\n" + body + "\n"


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split a Markdown file into (front matter YAML, body, body's first line)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise FrontMatterError("does not start with a '---' front matter line", 1)
    end = re.search(r"^---[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        raise FrontMatterError("front matter has no closing '---' line", 1)
    yaml_text = text[4 : 4 + end.start()]
    body = text[4 + end.end() :].lstrip("\n")
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return yaml_text, body, body_line


def parse_front_matter(text: str) -> tuple[dict, str]:
    """Parse a Markdown file into (metadata dict, Markdown body).

    Raises :class:`FrontMatterError` naming the line of a YAML error.
    """
    yaml_text, body, _ = split_front_matter(text)
    try:
        meta = yaml.load(yaml_text, Loader=_Loader) or {}  # _Loader is a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 2 if mark is not None else 2
        raise FrontMatterError(f"{where}invalid YAML front matter ({problem})", line) from None
    if not isinstance(meta, dict):
        raise FrontMatterError("line 2: front matter is not a set of 'key: value' lines", 2)
    return {str(k).lower(): v for k, v in meta.items()}, body


# ------------------------------------------------------------ review marks
def review_mark(meta: dict) -> str | None:
    """What a story's ``review`` field asks an editor to look at
    (``"headline"``), or ``None`` when the story is not marked.

    A person clears the mark by deleting the line; an empty value or
    ``review: false`` clears it too.

    >>> review_mark({"review": "headline"}), review_mark({"review": False}), review_mark({})
    ('headline', None, None)
    """
    value = meta.get("review")
    if value is None or value is False or value in ("", [], ()):
        return None
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value).strip() or None


def _texts(value) -> tuple[str, ...]:
    if value in (None, "", False):
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if v not in (None, ""))
    return (str(value),)


@dataclass(frozen=True)
class ReviewEntry:
    """One story waiting for an editor: its file and what the converter said."""

    path: Path
    title: str
    review: str
    reasons: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    date: str = ""
    status: str = "published"


@dataclass(frozen=True)
class StoryFileError:
    """A story file whose front matter cannot be read."""

    path: Path
    line: int
    message: str


def story_files(folder: Path) -> list[Path]:
    """The Markdown stories under ``folder``, sorted, hidden files skipped."""
    if folder.is_file():
        return [folder]
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in {".md", ".markdown"}
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def story_front_matters(files: Iterable[Path]) -> tuple[list[tuple[Path, dict]], list[StoryFileError]]:
    """Each readable story file's front matter, and the files that could not
    be read (each with a line), in the order given."""
    found: list[tuple[Path, dict]] = []
    errors: list[StoryFileError] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            errors.append(StoryFileError(path, 1, f"cannot be read: {exc.strerror or exc}"))
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            errors.append(StoryFileError(path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x})"))
            continue
        try:
            meta, _ = parse_front_matter(text)
        except FrontMatterError as exc:
            message = re.sub(r"^line \d+: ", "", str(exc))
            errors.append(StoryFileError(path, exc.line, message))
            continue
        found.append((path, meta))
    return found, errors


def review_queue(files: Iterable[Path]) -> tuple[list[ReviewEntry], list[StoryFileError]]:
    """The stories among ``files`` marked ``review:``, and the files that
    could not be read (each with a line), in the order given."""
    found, errors = story_front_matters(files)
    entries: list[ReviewEntry] = []
    for path, meta in found:
        mark = review_mark(meta)
        if mark is None:
            continue
        entries.append(
            ReviewEntry(
                path=path,
                title=str(meta.get("title") or ""),
                review=mark,
                reasons=_texts(meta.get("review_reasons")),
                alternatives=_texts(meta.get("headline_alternatives")),
                date=str(meta.get("date") or ""),
                status=str(meta.get("status") or "published"),
            )
        )
    return entries, errors


# Characters and line openings that can mean something to Markdown (with the
# "extra" extensions): anything else in a paragraph is plain text.
_MARKUP_CHARACTERS = re.compile(r"[\\`*_\[\]<>&|{}#~^=\t]|  $|:\s*$", re.MULTILINE)
# (Any opening "-": "---" is a rule, "- x" a list item.)
_MARKUP_LINE_START = re.compile(r"^(?: {4}|\s*(?:[-+:>]|\d+[.)]))", re.MULTILINE)


def plain_paragraphs_html(body: str) -> str | None:
    r"""The HTML of a body that is nothing but plain paragraphs, or ``None``.

    Python-Markdown takes about 2.5 ms for a 700-word story; most stories
    the converter writes are plain paragraphs, whose HTML needs no parser.
    Anything that might be markup (emphasis, links, lists, escapes,
    entities, HTML, a trailing double space) returns ``None``, and the caller
    uses Python-Markdown; the tests check both give the same HTML.

    >>> plain_paragraphs_html("Putin lands in Delhi.\n\nTalks follow.\n")
    '<p>Putin lands in Delhi.</p>\n<p>Talks follow.</p>'
    >>> plain_paragraphs_html("Fees rise by *half*.") is None
    True
    """
    # Only the shape the converter writes: one line per paragraph, blank
    # lines between, no spaces at either end (Python-Markdown has its own
    # rules for those, which this does not try to copy).
    paragraphs = re.split(r"\n{2,}", body.strip("\n"))
    for paragraph in paragraphs:
        if not paragraph or "\n" in paragraph or paragraph != paragraph.strip():
            return None
        if _MARKUP_CHARACTERS.search(paragraph) or _MARKUP_LINE_START.search(paragraph):
            return None
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)
