"""The front page of a site with real sections: a lead, secondary stories,
a grid, headline lists, each story once; a one-line menu with the small
sections under "More"; updated times on cards."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import build, write_settings

from generator.convert.markdown import render_front_matter

# Section -> number of stories: two big sections, some middling, two small.
SECTIONS = {"Politics": 14, "Sport": 10, "Business": 7, "Culture": 5, "Science": 4, "Health": 2, "Weather": 1}
TOPICS = ["Harbour board", "Ferry strike", "Choir festival", "Rail fares"]


def write_stories(root) -> list[str]:
    """Stories written straight to Markdown, one an hour, newest last; the
    second newest corrected a day after it came out."""
    folder = root / "content" / "stories"
    folder.mkdir(parents=True)
    (root / "content" / "raw").mkdir()
    slugs = []
    n = 0
    for section, count in SECTIONS.items():
        for i in range(count):
            n += 1
            slug = f"{section.lower()}-{i}"
            meta = {
                "title": f"{section} story number {i} about the harbour",
                "date": f"2026-03-{1 + n // 24:02d}T{n % 24:02d}:00:00+00:00",
                "slug": slug,
                "summary": f"The {section.lower()} desk reports item {i} with more words of detail here.",
                "category": section,
                "tags": [TOPICS[n % len(TOPICS)]],
                "id": f"urn:uuid:00000000-0000-5000-8000-{n:012d}",
                "source": f"raw/{slug}.txt#1",
            }
            if section == "Weather":
                meta["modified"] = "2026-03-05T16:30:00+00:00"
            (folder / f"{slug}.md").write_text(render_front_matter(meta) + "\nThe body.\n", encoding="utf-8")
            slugs.append(slug)
    return slugs


@pytest.fixture(scope="module")
def front_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("front")
    slugs = write_stories(root)
    settings = write_settings(
        root, SITEURL="https://news.example.org", DEFAULT_PAGINATION=10, NEWSROOM_FRONT_PAGE={"cards": 4}
    )
    return build(settings), slugs


@pytest.fixture(scope="module")
def front(front_site):
    output, slugs = front_site
    return (output / "index.html").read_text(encoding="utf-8"), slugs


def _cards(html: str) -> dict[str, str]:
    """Each story card on a page, by its story's address."""
    found = re.findall(r'<article class="card.*?</article>', html, re.S)
    return {re.search(r'href="(/stories/[^"]+)"', card).group(1): card for card in found}


def test_a_card_drawn_once_is_the_same_on_every_page_but_for_its_heading_level(front_site):
    # A story's card is drawn once a build and copied onto the other pages
    # (pelican_plugin.drawn_card): under an <h3> on the older front pages,
    # an <h2> on its section's pages.
    output, _ = front_site
    older = {}
    for page in sorted((output / "page").glob("*/index.html")):
        older.update(_cards(page.read_text(encoding="utf-8")))
    in_sections = {}
    for page in sorted((output / "sections").glob("**/index.html")):
        in_sections.update(_cards(page.read_text(encoding="utf-8")))
    shared = sorted(older.keys() & in_sections.keys())
    assert len(shared) >= 10
    for url in shared:
        assert "<h3>" in older[url] and "<h2>" in in_sections[url]
        assert older[url].replace("h3>", "h2>") == in_sections[url]


def test_no_story_is_linked_more_than_once_and_the_front_holds_every_part(front):
    html, _ = front
    links = Counter(re.findall(r'href="/stories/([^/"]+)/"', html))
    assert links and max(links.values()) == 1
    for part in ('class="lead"', 'class="secondary"', 'id="latest-heading"', 'id="more-heading"', 'class="groups"'):
        assert part in html
    # The blocks under the front page's own stories hold older stories.
    groups = html[html.index('class="groups"') :]
    assert re.search(r'href="/stories/[^"]+/"', groups)


def test_the_lead_is_the_newest_story(front):
    html, slugs = front
    lead = html[html.index('class="lead"') : html.index('class="secondary"')]
    assert f'href="/stories/{slugs[-1]}/"' in lead


def test_the_menu_shows_the_biggest_sections_and_folds_the_rest_under_more(front):
    html, _ = front
    menu = html[html.index('class="menu"') : html.index("</nav>", html.index('class="menu"'))]
    bar = menu[menu.index('class="menu-bar"') : menu.index("</ul>")]
    more = menu[menu.index("<summary>More</summary>") :]
    assert re.findall(r'href="/sections/([a-z]+)/"', bar) == ["politics", "sport", "business", "culture", "science"]
    assert re.findall(r'href="/sections/([a-z]+)/"', more) == ["health", "weather"]


def test_a_story_changed_after_it_came_out_says_when_on_its_card(front):
    html, _ = front
    card = re.split(r"</li>|</article>", html[html.index('href="/stories/weather-0/"') :])[0]
    assert 'Updated <time datetime="2026-03-05T16:30:00+00:00">5 March 2026, 16:30 UTC</time>' in card
