"""Screenshots of the home and a story page at 1280 and 390 px, light and
dark, for the README.

    .venv/bin/python tools/screenshots.py   # builds a sample site, writes docs/*.png

The sample site is 60 stories from bench/generate.py (text this project
writes), converted as raw copy is, with a picture made here on the newest
story, so the front page shows its layout.

Uses Debian's chromium through Playwright, like the browser tests.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

STORIES = 60


def sample_site(root: Path, port: int) -> Path:
    """Raw copy and a lead picture in ``root/content``; returns the settings file."""
    raw = root / "content" / "raw"
    subprocess.run([sys.executable, "bench/generate.py", str(STORIES), str(raw)], cwd=ROOT, check=True)
    shutil.copytree(ROOT / "content" / "pages", root / "content" / "pages")
    draw_picture(root / "content" / "images" / "sample.jpg")
    # The newest story is the last of the last file: the picture goes on it.
    newest = sorted(raw.glob("*.txt"))[-1]
    text = newest.read_text(encoding="utf-8")
    cut = text.rindex("Date:")
    header = "Image: images/sample.jpg\nImage alt: An abstract sample picture\nImage credit: Newsroom sample picture\n"
    newest.write_text(text[:cut] + header + text[cut:], encoding="utf-8")
    settings = root / "conf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(root / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"OUTPUT_PATH = {str(root / 'output')!r}\nSITEURL = 'http://127.0.0.1:{port}'\n"
    )
    return settings


def draw_picture(path: Path) -> None:
    """A soft two-colour gradient with circles: a stand-in press photo."""
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = 1600, 1000
    picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    tint = Image.new("RGB", (width, height), (24, 92, 140))
    picture = Image.blend(picture, tint, 0.6)
    draw = ImageDraw.Draw(picture)
    for i, (x, y, r) in enumerate([(420, 520, 260), (1000, 380, 180), (1300, 700, 120)]):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(240 - 30 * i, 190 - 20 * i, 70 + 40 * i))
    picture.save(path, quality=90)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        port = 8123
        settings = sample_site(Path(tmp), port)
        output = Path(tmp) / "output"
        subprocess.run(
            [sys.executable, "-m", "generator", "build", "-q", "--settings", str(settings)],
            cwd=ROOT,
            check=True,
        )
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        story = next(p.parent.name for p in (output / "stories").glob("*/index.html") if "<picture>" in p.read_text())
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for scheme in ("light", "dark"):
                for width in (1280, 390):
                    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
                    for name, path in (("home", "/"), ("story", f"/stories/{story}/")):
                        page.goto(f"http://127.0.0.1:{port}{path}")
                        suffix = "" if scheme == "light" else "-dark"
                        target = ROOT / "docs" / f"screenshot-{name}-{width}{suffix}.png"
                        page.screenshot(path=str(target), full_page=False)
                        print(target.relative_to(ROOT))
                    page.close()
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
