"""Reading raw text files: bytes in, clean Unicode lines out.

Raw copy arrives from scrapers, wires and copy-paste, so decoding never
fails: UTF-16 and UTF-32 are read when they carry a byte-order mark, then
UTF-8 (with or without a BOM) is tried, then Windows-1252, and the caller is
told which was used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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


def read_raw(path: Path) -> RawText:
    """Read and decode one raw file; raise :class:`RawFileError` with a reason."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise RawFileError("is a folder, not a file") from None
    except OSError as exc:
        raise RawFileError(f"cannot be read: {exc.strerror or exc}") from None
    raw = decode_raw(data)
    if not raw.text.strip():
        raise RawFileError("is empty" if not data else "holds only whitespace")
    return raw
