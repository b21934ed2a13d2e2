"""Reading raw text files: bytes in, clean Unicode lines out.

Raw copy arrives from scrapers, wires and copy-paste, so decoding never
fails: UTF-16 and UTF-32 are read when they carry a byte-order mark, then
UTF-8 (with or without a BOM) is tried, then Windows-1252, and the caller is
told which was used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

# The suffixes of raw copy files: what the converter reads, and what a build
# never does (generator/quick_build.py).
RAW_SUFFIXES = (".txt", ".text", ".raw")


class RawFileError(Exception):
    """A raw file that cannot be used at all (binary, unreadable, empty)."""


@dataclass(frozen=True)
class RawText:
    text: str
    warnings: tuple[str, ...] = ()


def decode_raw(data: bytes) -> RawText:
    """Decode raw bytes to text with ``\\n`` line endings.

    >>> decode_raw(b"\\xef\\xbb\\xbfOne\\r\\nTwo\\rThree").text
    'One\\nTwo\\nThree'
    >>> decode_raw(b"caf\\xe9").warnings
    ('not valid UTF-8; decoded as Windows-1252 (first bad byte on line 1)',)
    """
    warnings: list[str] = []
    unicode_bom = _decode_with_unicode_bom(data)
    if unicode_bom is not None:
        return unicode_bom
    if b"\x00" in data:
        raise RawFileError("looks like a binary file (it contains NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
            warnings.append("not valid UTF-8; decoded as Windows-1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            warnings.append("not valid UTF-8; decoded as Latin-1")
        warnings[-1] += f" (first bad byte on line {line})"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawText(text=text, warnings=tuple(warnings))


# Longest first: the UTF-32 little-endian mark starts with UTF-16's.
_UNICODE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


def _decode_with_unicode_bom(data: bytes) -> RawText | None:
    """Text saved as UTF-16 or UTF-32 with a byte-order mark (Windows Notepad's
    "Unicode"), which would otherwise look binary for its NUL bytes.

    >>> _decode_with_unicode_bom("Hi\\r\\nthere".encode("utf-16")).text
    'Hi\\nthere'
    >>> _decode_with_unicode_bom(b"plain") is None
    True
    """
    for mark, codec, name in _UNICODE_BOMS:
        if data.startswith(mark):
            try:
                text = data[len(mark) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise RawFileError(
                    f"starts with a {name} byte-order mark but is not valid {name}: {exc.reason}"
                ) from None
            if "\x00" in text:
                raise RawFileError("looks like a binary file (it contains NUL characters)")
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            return RawText(text=text, warnings=(f"decoded as {name} (byte-order mark)",))
    return None


# Markup from a CMS export or a web page pasted in: raw copy is plain text.
_SCRIPT_START = re.compile(r"<(script|style)\b[^<>]*>", re.IGNORECASE)
_BLOCK_TAG = re.compile(
    r"(?:</?(?:p|br|div|li|ul|ol|h[1-6]|tr|table|blockquote|section|article|header|footer|html|head|body|title)"
    r"\b[^<>]*>\s*)+",
    re.IGNORECASE,
)
_INLINE_TAG = re.compile(
    r"</?(?:a|b|i|u|em|strong|span|font|small|big|sup|sub|mark|abbr|cite|q|s|code|tt|img|iframe|object|embed|"
    r"meta|link|script|style|td|th|tbody|thead|figure|figcaption|nav|aside|main|time)\b[^<>]*>",
    re.IGNORECASE,
)


def strip_html(text: str) -> tuple[str, int | None]:
    """Remove HTML tags (and whatever a script or style element holds); a
    block tag ends a line. Also returns the first line that had a tag.

    Only tags of real HTML elements go: "profits < 5% > forecasts" stays.

    >>> strip_html("<p>The council met.</p>\\n<p>It voted <b>yes</b>.</p>")
    ('\\nThe council met.\\nIt voted yes.\\n', 1)
    >>> strip_html("Profits < 5% and costs > 10%")
    ('Profits < 5% and costs > 10%', None)
    """
    if "<" not in text:
        return text, None  # most raw copy: no scan at all
    first = None
    for pattern in (_BLOCK_TAG, _INLINE_TAG):
        match = pattern.search(text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            first = line if first is None else min(first, line)
    if first is None:
        return text, None
    text = _drop_scripts(text)
    # A run of block tags ends one line; blank lines in it (a separator) stay.
    text = _BLOCK_TAG.sub(lambda m: "\n" * max(1, m.group().count("\n")), text)
    return _INLINE_TAG.sub("", text), first


def _drop_scripts(text: str) -> str:
    """Remove script and style elements with what they hold, in one pass (an
    opening tag with no closing tag is left for the tag pattern).

    >>> _drop_scripts("Council <SCRIPT>alert(1)</script >meets")
    'Council meets'
    """
    lower, kept, at = text.lower(), [], 0
    while match := _SCRIPT_START.search(text, at):
        end = lower.find(f"</{match.group(1).lower()}", match.end())
        close = lower.find(">", end) if end >= 0 else -1
        if close < 0:
            break
        kept.append(text[at : match.start()])
        at = close + 1
    kept.append(text[at:])
    return "".join(kept)


def read_raw(path: Path) -> RawText:
    """Read and decode one raw file; raise :class:`RawFileError` with a reason."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise RawFileError("is a folder, not a file") from None
    except OSError as exc:
        raise RawFileError(f"cannot be read: {exc.strerror or exc}") from None
    raw = decode_raw(data)
    text, tagged = strip_html(raw.text)
    if tagged is not None:
        raw = replace(raw, text=text, warnings=(*raw.warnings, f"HTML tags removed (the first on line {tagged})"))
    if not raw.text.strip():
        raise RawFileError("is empty" if not data else "holds only whitespace")
    return raw
