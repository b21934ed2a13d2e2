"""What a big archive needs from every build: the output's size against the
host's limit, feeds that do not multiply the archive, sitemaps within the
protocol's limits."""

from __future__ import annotations

from conftest import build, run_generator, seed_site
from lxml import etree

from generator import cli, site

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_a_site_past_the_sitemap_limit_gets_a_sitemap_index_and_parts(tmp_path, monkeypatch):
    settings = seed_site(tmp_path, NEWSROOM_PRUNE_OUTPUT=True)
    monkeypatch.setattr(site, "SITEMAP_MAX_URLS", 5)
    assert cli.main(["build", "-q", "--settings", str(settings)]) == 0
    output = tmp_path / "output"
    index = etree.parse(str(output / "sitemap.xml")).getroot()
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert len(parts) > 1
    urls = []
    for n, loc in enumerate(parts, 1):
        assert loc.endswith(f"/sitemaps/{n}.xml")
        part = etree.parse(str(output / "sitemaps" / f"{n}.xml")).getroot()
        urls += [u.text for u in part.iter(f"{SITEMAP}loc")]
    assert 5 * (len(parts) - 1) < len(urls) <= 5 * len(parts)
    assert any(u.endswith("/stories/" + p.name + "/") for p in (output / "stories").iterdir() for u in urls)
    # Back under the limit: one sitemap again, the parts gone.
    monkeypatch.setattr(site, "SITEMAP_MAX_URLS", 50_000)
    (tmp_path / "content" / "pages").mkdir(exist_ok=True)
    (tmp_path / "content" / "pages" / "about.md").write_text("---\ntitle: About\n---\n\nAbout us.\n")
    assert cli.main(["build", "-q", "--settings", str(settings)]) == 0
    assert etree.parse(str(output / "sitemap.xml")).getroot().tag == f"{SITEMAP}urlset"
    assert not (output / "sitemaps").exists() or not any((output / "sitemaps").iterdir())


def test_the_build_reports_the_output_size_and_warns_near_the_budget(tmp_path):
    settings = seed_site(tmp_path, NEWSROOM_OUTPUT_BUDGET_MB=0.2)
    result = run_generator("build", "--settings", str(settings))
    assert result.returncode == 0, result.stderr
    assert "MB in " in result.stdout and "of the 0.2 MB budget (NEWSROOM_OUTPUT_BUDGET_MB)" in result.stdout
    assert "over the 0.2 MB budget (NEWSROOM_OUTPUT_BUDGET_MB): GitHub Pages refuses a site over 1 GB" in result.stderr
    # Nothing changed: the same figures, from the last build's record.
    again = run_generator("build", "--settings", str(settings))
    assert "nothing changed" in again.stdout
    assert [line for line in again.stdout.splitlines() if line.startswith("output:")] == [
        line for line in result.stdout.splitlines() if line.startswith("output:")
    ]


def test_a_roomy_budget_gives_no_warning(tmp_path):
    result = run_generator("build", "--settings", str(seed_site(tmp_path)))
    assert result.returncode == 0 and "budget" not in result.stderr


def test_a_feed_format_dropped_from_the_policy_leaves_the_output(tmp_path):
    settings = seed_site(tmp_path)
    output = build(settings)
    assert list((output / "feeds" / "topics").glob("*.rss.xml"))
    text = settings.read_text() + 'NEWSROOM_FEED_POLICY = {"topics": {"formats": ["atom"]}}\n'
    settings.write_text(text)
    build(settings)
    assert not list((output / "feeds" / "topics").glob("*.rss.xml"))
    assert list((output / "feeds" / "topics").glob("*.atom.xml"))
    topic = next((output / "topics").glob("*/index.html")).read_text()
    feedline = topic.split('<p class="feedline">', 1)[1].split("</p>", 1)[0]
    assert "in your feed reader" in feedline and ".atom.xml" in feedline and ".rss.xml" not in feedline


def test_a_bad_feed_policy_is_a_settings_error(tmp_path):
    settings = seed_site(tmp_path, NEWSROOM_FEED_POLICY={"topics": {"formats": ["atom", "xml"]}})
    result = run_generator("build", "--settings", str(settings))
    assert result.returncode == 2
    assert "NEWSROOM_FEED_POLICY['topics']['formats'] must be a non-empty list of atom, rss, json" in result.stderr


def test_the_feeds_page_lists_the_site_the_sections_and_the_busiest_topics(tmp_path):
    import re

    output = build(seed_site(tmp_path, NEWSROOM_FEEDS_PAGE_TOPICS=2))
    page = (output / "feeds" / "index.html").read_text()
    assert "/feeds/all.atom.xml" in page and "follow<span" in page
    sections = {p.name.removesuffix(".atom.xml") for p in (output / "feeds" / "sections").glob("*.atom.xml")}
    assert sections and all(f"/feeds/sections/{s}.atom.xml" in page for s in sections)
    listed = re.findall(r"/feeds/topics/([^\"]+)\.atom\.xml", page)
    assert len(listed) == 2
    counts = {
        p.name.removesuffix(".atom.xml"): p.read_text().count("<entry>")
        for p in (output / "feeds" / "topics").glob("*.atom.xml")
    }
    assert len(counts) > 2
    assert min(counts[t] for t in listed) >= max(n for t, n in counts.items() if t not in listed)


def _news_sitemap(zone: str, *stories: tuple) -> str:
    """The news sitemap of stories ``(year, month, day, hour, minute, url)``
    in ``zone``, as a full build and a quick build (its stories newest
    first already) write it: the same."""
    from datetime import datetime
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    made = [SimpleNamespace(date=datetime(*s[:5], tzinfo=ZoneInfo(zone)), url=s[5], title=s[5]) for s in stories]
    text = site.news_sitemap(made, "https://e.org", "News", "en")
    assert site.news_sitemap(site.newest_first(made), "https://e.org", "News", "en", ordered=True) == text
    return text


def test_the_news_sitemaps_two_days_are_counted_on_the_wall_clock():
    """Two days before 10:00 on the Monday after the clocks went forward is
    10:00 on the Saturday: a story at 09:30 that Saturday is older."""
    text = _news_sitemap(
        "Europe/London",
        (2026, 3, 30, 10, 0, "monday/"),
        (2026, 3, 28, 10, 30, "saturday-late/"),
        (2026, 3, 28, 9, 30, "saturday/"),
    )
    assert "monday/" in text and "saturday-late/" in text
    assert "/saturday/" not in text
    # Also where the stories' order (by the instant) and the dates' own
    # comparison (by the wall clock, in one zone) disagree: 02:30 on the day
    # the clocks go forward is 07:30Z, later than 03:10 (07:10Z).
    text = _news_sitemap(
        "America/New_York", (2025, 3, 11, 2, 45, "newest/"), (2025, 3, 9, 2, 30, "gap/"), (2025, 3, 9, 3, 10, "after/")
    )
    assert "after/" in text
