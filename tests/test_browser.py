"""The site in a real browser: Debian's Chromium driven by Playwright.

Navigation, console errors, phone widths, axe-core accessibility scans in light
and dark mode, search, pages without JavaScript, and the Nu Html Checker on
every page.  Chromium comes from Debian (`.ci/run` installs it); Playwright
never downloads a browser of its own.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import ROOT, build, seed_site

from tools.chromium import CHROMIUM, CHROMIUM_ARGS

VNU = ROOT / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _require(ok: bool, what: str) -> None:
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing: .ci/run should have installed it")
        pytest.skip(f"{what} is not installed here")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    # One story per search-index part: search must merge the parts.
    build(seed_site(root, pages=True, SITEURL=url, NEWSROOM_SEARCH_PART_SIZE=1))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Quiet, directory=str(root / "output"))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url, root / "output"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    _require(Path(CHROMIUM).exists(), "Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, width=1280, dark=False, javascript=True):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme="dark" if dark else "light",
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    # ERR_ABORTED: the browser cancelled a request (the favicon, say) because
    # the test navigated on; that is not a broken resource.
    page.on(
        "requestfailed",
        lambda r: None if "ERR_ABORTED" in (r.failure or "") else page.problems.append(f"failed: {r.url} {r.failure}"),
    )
    return page


def story_url(site) -> str:
    url, output = site
    return f"{url}/stories/{sorted((output / 'stories').iterdir())[0].name}/"


def test_reader_navigates_home_topic_story_feeds(site, browser):
    url, _ = site
    page = open_page(browser)
    page.goto(url + "/")
    page.locator(".lead .tags a").first.click()
    assert "/topics/" in page.url
    topic = page.locator("h1").inner_text()
    page.locator(".card h2 a").first.click()
    assert "/stories/" in page.url
    assert page.locator("h1").count() == 1
    assert topic in page.locator(".tags").first.inner_text()
    page.get_by_role("link", name="Feeds").first.click()
    assert page.url.endswith("/feeds/")
    assert page.locator("h1").inner_text() == "Feeds"
    assert page.problems == []


@pytest.mark.parametrize("path", ["/", "/topics/", "/archives/", "/feeds/", "/search/", "STORY"])
def test_no_horizontal_scrolling_on_a_phone(site, browser, path):
    url, _ = site
    page = open_page(browser, width=390)
    page.goto(story_url(site) if path == "STORY" else url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.problems == []


def serious_axe_violations(page) -> list[tuple]:
    """axe-core's serious and critical findings on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("path", ["/", "STORY", "TOPIC", "/search/"])
def test_axe_finds_no_serious_or_critical_violation(site, browser, path, dark):
    url, output = site
    if path == "STORY":
        target = story_url(site)
    elif path == "TOPIC":
        target = f"{url}/topics/{sorted((output / 'topics').iterdir())[0].name}/"
    else:
        target = url + path
    page = open_page(browser, dark=dark)
    page.goto(target)
    page.wait_for_load_state("networkidle")
    assert serious_axe_violations(page) == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_search_with_a_query_and_results_shown_passes_axe(site, browser, dark):
    """The search box and its results in the site's colours: typed text and
    results readable in dark mode too (Pagefind's own colours are light only)."""
    url, _ = site
    page = open_page(browser, dark=dark)
    page.goto(url + "/search/")
    page.locator("#search-form-q").fill("Umerov")
    page.locator("#search-results h2 a").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    assert serious_axe_violations(page) == []
    colours = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('#search-form-q'));
                   return [s.color, s.backgroundColor, s.fontFamily]; }"""
    )
    body = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert colours[0] != colours[1]
    assert colours[2] == body


def test_search_finds_a_story_by_a_word_from_its_body(site, browser):
    url, _ = site
    page = open_page(browser)
    page.goto(url + "/search/")
    page.locator("#search-form-q").fill("Umerov")
    result = page.locator("#search-results h2 a").first
    result.wait_for(timeout=10_000)
    assert "Russia" in result.inner_text()
    # The excerpt is story text, not the page's date line.
    excerpt = page.locator("#search-results .excerpt").first.inner_text()
    assert "min read" not in excerpt and not re.search(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b", excerpt)
    result.click()
    assert "/stories/" in page.url
    assert page.problems == []


def test_a_result_shows_its_date_and_section(site, browser):
    url, output = site
    page = open_page(browser)
    page.goto(url + "/search/?q=Umerov")
    result = page.locator("#search-results li").first
    result.wait_for(timeout=10_000)
    story = (output / result.locator("h2 a").get_attribute("href").strip("/") / "index.html").read_text()
    section = re.search(r'class="kicker"[^>]*><a [^>]+>([^<]+)</a>', story).group(1)
    meta = result.locator(".meta").inner_text()
    assert section in meta and re.search(r"\b\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC\b", meta)
    assert result.locator("time").get_attribute("datetime")[:4].isdigit()


def test_a_made_up_word_matches_nothing_not_its_first_letter(site, browser):
    """Pagefind falls back to a shorter prefix it knows ("xyzzyq" matched
    every "X", "tonyqq" every "to"): a made-up word must find nothing."""
    url, _ = site
    page = open_page(browser)
    for query in ("xyzzyq", "tonyqq", "thexyzq", "Umerov tonyqq"):
        page.goto(url + "/search/?q=" + query)
        status = page.locator("#search-status")
        for _ in range(100):
            if status.inner_text().startswith(("No stories", "Showing", "1 ", "2 ")):
                break
            page.wait_for_timeout(100)
        assert status.inner_text() == f"No stories found for “{query}”."
        assert page.locator("#search-results li").count() == 0
    assert page.problems == []


def test_the_404_page_searches(site, browser):
    url, _ = site
    page = open_page(browser)
    page.goto(url + "/404.html")
    page.locator("#search-404-q").fill("Umerov")
    page.locator("#search-404-q").press("Enter")
    page.locator("#search-results h2 a").first.wait_for(timeout=10_000)
    assert "/search/?q=Umerov" in page.url
    assert page.problems == []


def test_search_covers_every_part_of_the_index(site, browser):
    url, output = site
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == ["00", "01"]
    titles = set()
    for word in ("Umerov", "Modi"):
        page = open_page(browser)
        page.goto(url + "/search/")
        page.locator("#search-form-q").fill(word)
        results = page.locator("#search-results h2 a")
        results.first.wait_for(timeout=10_000)
        assert results.count() == 1
        titles.add(results.first.inner_text())
        assert page.problems == []
    assert len(titles) == 2


def test_pages_work_without_javascript(site, browser):
    url, _ = site
    page = open_page(browser, javascript=False)
    page.goto(url + "/")
    assert page.locator(".lead h3 a").count() == 1
    page.goto(url + "/search/")
    assert "Search needs JavaScript" in page.locator("main").inner_text()


def assert_valid_html(files: list[str]) -> None:
    """The Nu Html Checker finds no error in ``files``."""
    _require(VNU.is_file(), "the Nu Html Checker (npm vnu-jar)")
    _require(shutil.which("java") is not None, "java")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_nu_html_checker_reports_no_error(site):
    _, output = site
    assert_valid_html([str(p) for p in sorted(output.rglob("*.html")) if "pagefind" not in p.parts])


def test_newsboat_shows_every_item_of_every_feed(site, tmp_path):
    """A real terminal feed reader, subscribed to every feed at once."""
    newsboat = shutil.which("newsboat")
    _require(newsboat is not None, "newsboat")
    import sqlite3

    import feedparser

    url, output = site
    feeds = sorted(output.glob("feeds/**/*.xml"))
    urls = tmp_path / "urls"
    urls.write_text("".join(f"{url}/{p.relative_to(output).as_posix()}\n" for p in feeds))
    cache = tmp_path / "cache.db"
    result = subprocess.run(
        [newsboat, "-u", str(urls), "-c", str(cache), "-x", "reload"],
        env={**os.environ, "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(cache) as db:
        shown = dict(db.execute("select feedurl, count(*) from rss_item group by feedurl").fetchall())
    for path in feeds:
        expected = len(feedparser.parse(path.read_bytes()).entries)
        assert shown.get(f"{url}/{path.relative_to(output).as_posix()}") == expected, path
