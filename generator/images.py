"""Lead images: responsive sizes in WebP and JPEG, made with Pillow.

A story names its image in the front matter (``image: images/quay.jpg``,
a path under ``content/``; ``image_alt`` and ``image_credit`` beside it).
The build makes each image a few widths wide, never wider than the
original, in WebP (small, for browsers that take it) and JPEG (for the
rest, for feed readers and for link previews), with the metadata stripped
and the camera's rotation applied:

    output/images/quay-3f2a9c01d4-640.webp
    output/images/quay-3f2a9c01d4-640.jpg

The names carry a digest of the original and of the encoding settings, so
an unchanged image is never encoded again, a replaced one gets new names
(no stale copy in a browser's or CDN's cache), and two builds of the same
content write the same bytes.

>>> widths_for(2000, (320, 640, 960, 1280))
(320, 640, 960, 1280)
>>> widths_for(700, (320, 640, 960, 1280))
(320, 640, 700)
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from slugify import slugify

from generator.fsio import write_atomic

IMAGES_DIR = "images"
DEFAULT_WIDTHS = (320, 640, 960, 1280)
JPEG_QUALITY = 82
WEBP_QUALITY = 78
# Part of every file name: a change to the encoding gives new names.
ENCODING = f"jpeg{JPEG_QUALITY}-webp{WEBP_QUALITY}-v1"
# Larger originals are refused rather than decoded (a decompression bomb).
MAX_PIXELS = 80_000_000


class ImageError(ValueError):
    """A lead image that cannot be used, with the reason."""


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp: str  # site-relative paths, e.g. "images/quay-3f2a9c01d4-640.webp"
    jpeg: str
    jpeg_bytes: int


@dataclass(frozen=True)
class LeadImage:
    """A story's lead image as the theme and the feeds use it."""

    alt: str
    credit: str
    renditions: tuple[Rendition, ...]  # narrowest first

    @property
    def largest(self) -> Rendition:
        return self.renditions[-1]

    def srcset(self, kind: str, base: str = "") -> str:
        """``srcset`` for ``kind`` ("webp" or "jpeg"), under ``base``.

        >>> r = [Rendition(w, w // 2, f"i/a-{w}.webp", f"i/a-{w}.jpg", 1) for w in (320, 640)]
        >>> LeadImage("", "", tuple(r)).srcset("webp", "/news")
        '/news/i/a-320.webp 320w, /news/i/a-640.webp 640w'
        """
        return ", ".join(f"{base}/{getattr(r, kind)} {r.width}w" for r in self.renditions)

    def fallback(self, width: int = 640) -> Rendition:
        """The JPEG a browser without ``srcset`` shows: the first at least ``width`` wide."""
        return next((r for r in self.renditions if r.width >= width), self.largest)

    def as_tuple(self) -> tuple:
        """What a page shows of the image, for the page digests."""
        return (self.alt, self.credit, tuple((r.width, r.height, r.webp, r.jpeg) for r in self.renditions))


def widths_for(original: int, widths: tuple[int, ...] = DEFAULT_WIDTHS) -> tuple[int, ...]:
    """The widths to make of an image ``original`` pixels wide: the
    configured ones it can fill, and its own width if it falls between."""
    chosen = [w for w in widths if w <= original]
    if not chosen or (original < max(widths) and original > chosen[-1]):
        chosen.append(original)
    return tuple(chosen)


def resolve_source(content: Path, name: str) -> Path:
    """The image file a story names, which must lie under ``content``.

    >>> resolve_source(Path("content"), "../secret.jpg")
    Traceback (most recent call last):
    ...
    generator.images.ImageError: image '../secret.jpg' is outside the content folder
    """
    if "://" in name or name.startswith("//"):
        raise ImageError(f"image {name!r} is an address; put the file under content/ and name its path")
    relative = PurePosixPath(name.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        raise ImageError(f"image {name!r} is outside the content folder")
    path = content / relative
    if not path.is_file():
        raise ImageError(f"image {name!r}: no such file ({path})")
    if not path.resolve().is_relative_to(content.resolve()):
        raise ImageError(f"image {name!r} is outside the content folder (a link out of it)")
    return path


@contextlib.contextmanager
def _reading(name: str):
    """Pillow's ways of refusing a file, as one ImageError naming the image."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        yield
    except UnidentifiedImageError:
        raise ImageError(f"image {name!r} is not a picture Pillow can read (JPEG, PNG, WebP, GIF...)") from None
    except Image.DecompressionBombError:
        raise ImageError(f"image {name!r} is larger than {MAX_PIXELS:,} pixels") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"image {name!r} cannot be read: {exc}") from None


def _open(data: bytes, name: str):
    from PIL import Image, ImageOps

    with _reading(name):
        image = Image.open(io.BytesIO(data))
        image.load()
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        # JPEG has no transparency: lay the picture on white, for both formats alike.
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _encode(image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def make_lead_image(source: Path, output: Path, name: str, alt: str, credit: str) -> LeadImage:
    """Write ``source``'s renditions under ``output/images/`` (those not
    there already) and describe them; ``name`` is how the story named it,
    for messages."""
    data = source.read_bytes()
    digest = hashlib.sha256(data + ENCODING.encode()).hexdigest()[:10]
    stem = slugify(source.stem)[:40] or "image"
    folder = output / IMAGES_DIR
    image = None
    renditions = []
    size = _size_of(data, name)
    for width in widths_for(size[0]):
        height = max(1, round(size[1] * width / size[0]))
        base = f"{IMAGES_DIR}/{stem}-{digest}-{width}"
        webp, jpeg = f"{base}.webp", f"{base}.jpg"
        if not ((output / webp).is_file() and (output / jpeg).is_file()):
            if image is None:
                image = _open(data, name)
            scaled = image if width == image.width else image.resize((width, height), resample=_lanczos())
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(output / webp, _encode(scaled, "webp"))
            write_atomic(output / jpeg, _encode(scaled, "jpeg"))
        renditions.append(Rendition(width, height, webp, jpeg, (output / jpeg).stat().st_size))
    return LeadImage(alt=alt, credit=credit, renditions=tuple(renditions))


def _lanczos():
    from PIL import Image

    return Image.Resampling.LANCZOS


def _size_of(data: bytes, name: str) -> tuple[int, int]:
    """The picture's width and height as shown (after the camera's rotation),
    read from its header without decoding it."""
    from PIL import Image

    with _reading(name), Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
    if width * height > MAX_PIXELS:
        raise ImageError(f"image {name!r} is larger than {MAX_PIXELS:,} pixels")
    # EXIF orientations 5-8 turn the picture a quarter.
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)
