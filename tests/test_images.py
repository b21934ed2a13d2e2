"""Lead images: Pillow's renditions, and a story's image on its page, its
card, its link previews, its JSON-LD and its feeds; bad images get a clear
error that names the story."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_generator, write_settings
from PIL import Image

from generator import images
from generator.convert.markdown import render_front_matter
from generator.convert.split import split_stories

SITEURL = "https://news.example.org/desk"


def picture(path: Path, size=(1500, 1000), mode="RGB", **save) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    colour = (30, 90, 150, 128) if mode == "RGBA" else (30, 90, 150)
    Image.new(mode, size, colour).save(path, **save)
    return path


def test_renditions_come_in_webp_and_jpeg_never_wider_than_the_original(tmp_path):
    source = picture(tmp_path / "content" / "images" / "Quay at dawn.png", size=(700, 350), mode="RGBA")
    lead = images.make_lead_image(source, tmp_path / "out", "images/Quay at dawn.png", "The quay", "Desk")
    assert [(r.width, r.height) for r in lead.renditions] == [(320, 160), (640, 320), (700, 350)]
    for rendition in lead.renditions:
        assert re.fullmatch(r"images/quay-at-dawn-[0-9a-f]{10}-\d+\.webp", rendition.webp)
        with (
            Image.open(tmp_path / "out" / rendition.webp) as webp,
            Image.open(tmp_path / "out" / rendition.jpeg) as jpeg,
        ):
            assert (webp.format, jpeg.format) == ("WEBP", "JPEG")
            assert webp.size == jpeg.size == (rendition.width, rendition.height)
            assert not jpeg.getexif()
        assert rendition.jpeg_bytes == (tmp_path / "out" / rendition.jpeg).stat().st_size


def test_the_same_image_gives_the_same_bytes_and_is_not_encoded_again(tmp_path):
    source = picture(tmp_path / "quay.jpg", quality=90)
    first = images.make_lead_image(source, tmp_path / "a", "quay.jpg", "", "")
    second = images.make_lead_image(source, tmp_path / "b", "quay.jpg", "", "")
    assert first == second
    for r in first.renditions:
        assert (tmp_path / "a" / r.webp).read_bytes() == (tmp_path / "b" / r.webp).read_bytes()
    stamp = (tmp_path / "a" / first.largest.jpeg).stat().st_mtime_ns
    images.make_lead_image(source, tmp_path / "a", "quay.jpg", "", "")
    assert (tmp_path / "a" / first.largest.jpeg).stat().st_mtime_ns == stamp


def test_the_cameras_rotation_is_applied(tmp_path):
    source = tmp_path / "portrait.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown turned a quarter: portrait
    Image.new("RGB", (1200, 800), (200, 30, 30)).save(source, exif=exif)
    lead = images.make_lead_image(source, tmp_path / "out", "portrait.jpg", "", "")
    assert (lead.largest.width, lead.largest.height) == (800, 1200)
    with Image.open(tmp_path / "out" / lead.largest.jpeg) as jpeg:
        assert jpeg.size == (800, 1200)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("images/none.jpg", "no such file"),
        ("images/notes.jpg", "not a picture Pillow can read"),
        ("../outside.jpg", "outside the content folder"),
        ("https://example.org/a.jpg", "is an address"),
    ],
)
def test_an_image_that_cannot_be_used_says_why(tmp_path, name, reason):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "notes.jpg").write_text("not a picture")
    with pytest.raises(images.ImageError, match=reason):
        source = images.resolve_source(tmp_path, name)
        images.make_lead_image(source, tmp_path / "out", name, "", "")


def test_raw_copy_names_its_image_with_header_lines():
    raw = (
        "Image: images/quay.jpg\nImage alt: Boats at the quay\nImage credit: Desk photo\n\n"
        "The harbour board met on Tuesday.\n\nIt approved the plan."
    )
    stories, _ = split_stories(raw)
    assert stories[0].image == images_ref("images/quay.jpg", "Boats at the quay", "Desk photo")
    assert stories[0].paragraphs[0] == "The harbour board met on Tuesday."


def images_ref(path, alt, credit):
    from generator.convert.model import ImageRef

    return ImageRef(path, alt, credit)


def write_story(site: Path, slug: str, hour: int, **extra) -> None:
    meta = {
        "title": f"Harbour story {slug}",
        "date": f"2026-03-02T{hour:02d}:00:00+00:00",
        "slug": slug,
        "summary": f"The harbour board said something new about {slug} today.",
        "category": "World",
        "id": f"urn:uuid:00000000-0000-5000-8000-{hour:012d}",
        "source": f"raw/{slug}.txt#1",
        **extra,
    }
    folder = site / "content" / "stories"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.md").write_text(render_front_matter(meta) + "\nThe body.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = tmp_path_factory.mktemp("images")
    (site / "content" / "raw").mkdir(parents=True)
    picture(site / "content" / "images" / "quay.jpg", quality=90)
    write_story(site, "with-image", 9, image="images/quay.jpg", image_alt="Boats at the quay", image_credit="Desk")
    write_story(site, "broken-image", 8, image="images/gone.jpg")
    write_story(site, "plain", 7)
    result = run_generator("build", "--settings", str(write_settings(site, SITEURL=SITEURL)))
    return site, site / "output", result


def test_a_missing_image_is_an_error_naming_the_story_and_the_rest_is_built(built):
    _, output, result = built
    assert result.returncode == 1
    assert "broken-image.md: image 'images/gone.jpg': no such file" in result.stdout + result.stderr
    assert "published without it" in result.stdout + result.stderr
    assert (output / "stories" / "broken-image" / "index.html").is_file()
    assert "<picture>" not in (output / "stories" / "broken-image" / "index.html").read_text()


def test_the_story_page_shows_the_image_in_every_size_with_its_credit(built):
    _, output, _ = built
    html = (output / "stories" / "with-image" / "index.html").read_text()
    figure = html[html.index('<figure class="lead-image">') : html.index("</figure>")]
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', figure).group(1)
    jpeg = re.search(r'<img src="([^"]+)" srcset="([^"]+)"', figure)
    for srcset in (webp, jpeg.group(2)):
        entries = [e.split() for e in srcset.split(", ")]
        assert [w for _, w in entries] == ["320w", "640w", "960w", "1280w"]
        for url, _ in entries:
            assert url.startswith("/desk/images/") and (output / url.removeprefix("/desk/")).is_file()
    assert 'alt="Boats at the quay"' in figure and "<figcaption>Desk</figcaption>" in figure
    assert re.search(r'width="\d+" height="\d+"', figure) and 'fetchpriority="high"' in figure


def test_link_previews_and_json_ld_carry_the_image_absolutely(built):
    _, output, _ = built
    html = (output / "stories" / "with-image" / "index.html").read_text()
    og = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert og.startswith(SITEURL + "/images/") and og.endswith("-1280.jpg")
    assert '<meta property="og:image:width" content="1280">' in html
    assert '<meta property="og:image:alt" content="Boats at the quay">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["image"] == [og]
    plain = (output / "stories" / "plain" / "index.html").read_text()
    assert "og:image" not in plain and '<meta name="twitter:card" content="summary">' in plain


def test_the_front_page_leads_with_the_picture(built):
    _, output, _ = built
    html = (output / "index.html").read_text()
    lead = html[html.index('class="lead"') : html.index("</article>", html.index('class="lead"'))]
    assert "<picture>" in lead and 'href="/desk/stories/with-image/"' in lead


def test_a_link_out_of_the_content_folder_is_refused(tmp_path):
    outside = picture(tmp_path / "elsewhere" / "secret.jpg")
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content" / "images" / "link.jpg").symlink_to(outside)
    with pytest.raises(images.ImageError, match="outside the content folder"):
        images.resolve_source(tmp_path / "content", "images/link.jpg")
