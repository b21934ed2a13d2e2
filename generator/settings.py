"""Settings: read pelicanconf.py once and hand the converter what it needs.

Every setting a publisher may change lives in ``pelicanconf.py`` (documented
there, with defaults here).  A bad value gives a :class:`SettingsError` that
names the setting, never a traceback.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.convert import defaults as headlines
from generator.convert.defaults import DEFAULT_HOME_PLACES, DEFAULT_MAX_TAGS, DEFAULT_MODEL

if TYPE_CHECKING:
    from generator.convert.topics import TaggingConfig


class SettingsError(Exception):
    """A setting in pelicanconf.py that cannot be used, with the reason."""


DEFAULTS = {
    "NEWSROOM_RAW_PATH": "raw",
    "NEWSROOM_STORIES_PATH": "stories",
    "NEWSROOM_HEADLINE_MAX_WORDS": headlines.MAX_WORDS,
    "NEWSROOM_HEADLINE_MAX_CHARS": headlines.MAX_CHARS,
    "NEWSROOM_HEADLINE_WHOLE_WORDS": headlines.WHOLE_WORDS,
    "NEWSROOM_SECTIONS": None,
    "NEWSROOM_EXTRA_SECTION_KEYWORDS": {},
    "NEWSROOM_DEFAULT_SECTION": "World",
    "NEWSROOM_SUBJECTS": None,
    "NEWSROOM_EXTRA_SUBJECTS": {},
    "NEWSROOM_TAG_SYNONYMS": {},
    "NEWSROOM_TAG_SUPPRESS": (),
    "NEWSROOM_MAX_TAGS": DEFAULT_MAX_TAGS,
    "NEWSROOM_HOME_PLACES": tuple(sorted(DEFAULT_HOME_PLACES)),
    "FEED_MAX_ITEMS": 50,
    "TIMEZONE": "UTC",
    "NEWSROOM_SEARCH_PART_SIZE": 1000,
    "NEWSROOM_SPACY_MODEL": DEFAULT_MODEL,
    "NEWSROOM_REVIEW_BEFORE_PUBLISH": False,
    "NEWSROOM_TOPIC_MIN_STORIES": 2,
    "NEWSROOM_TOPIC_THRESHOLD_FROM_STORIES": 20,
    "NEWSROOM_MENU_SECTIONS": 5,
    "NEWSROOM_FRONT_PAGE": {},
    "NEWSROOM_QUICK_BUILD": True,
    "NEWSROOM_QUICK_BUILD_MAX_STORIES": 50,
}


@dataclass(frozen=True)
class ConvertSettings:
    content_path: Path
    raw_path: Path
    stories_path: Path
    timezone: str = "UTC"
    headline_max_words: int = headlines.MAX_WORDS
    headline_max_chars: int = headlines.MAX_CHARS
    headline_whole_words: int = headlines.WHOLE_WORDS
    tagging: TaggingConfig = field(default_factory=lambda: _tagging_config_class()())
    # The installed spaCy pipeline that parses standfirsts and leads.
    model: str = DEFAULT_MODEL
    # Where this machine's notes live (never committed): the raw files' sizes
    # and times, so a run with nothing to convert reads none of them.
    cache_path: Path | None = None


def _get(settings: dict, key: str):
    return settings.get(key, DEFAULTS[key])


def _positive_int(settings: dict, key: str) -> int:
    value = _get(settings, key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise SettingsError(f"{key} must be a whole number of at least 1, not {value!r}")
    return value


def _mapping(settings: dict, key: str) -> dict:
    value = _get(settings, key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SettingsError(f"{key} must be a dict, not {type(value).__name__}")
    return value


def _tagging_config_class():
    # Imported when first needed: a build with nothing to do never tags.
    from generator.convert.topics import TaggingConfig

    return TaggingConfig


def tagging_config(settings: dict) -> TaggingConfig:
    config = _tagging_config_class()()
    sections = _get(settings, "NEWSROOM_SECTIONS")
    if sections is not None:
        config.sections = {str(k): tuple(v) for k, v in _mapping(settings, "NEWSROOM_SECTIONS").items()}
    for name, words in _mapping(settings, "NEWSROOM_EXTRA_SECTION_KEYWORDS").items():
        config.sections[str(name)] = tuple(config.sections.get(name, ())) + tuple(words)
    subjects = _get(settings, "NEWSROOM_SUBJECTS")
    if subjects is not None:
        config.subjects = {str(k): tuple(v) for k, v in _mapping(settings, "NEWSROOM_SUBJECTS").items()}
    for name, words in _mapping(settings, "NEWSROOM_EXTRA_SUBJECTS").items():
        config.subjects[str(name)] = tuple(config.subjects.get(name, ())) + tuple(words)
    config.synonyms.update({str(k): str(v) for k, v in _mapping(settings, "NEWSROOM_TAG_SYNONYMS").items()})
    suppress = _get(settings, "NEWSROOM_TAG_SUPPRESS")
    if isinstance(suppress, str) or not hasattr(suppress, "__iter__"):
        raise SettingsError("NEWSROOM_TAG_SUPPRESS must be a list of tag names")
    config.suppress = config.suppress | frozenset(map(str, suppress))
    config.max_tags = _positive_int(settings, "NEWSROOM_MAX_TAGS")
    config.default_section = str(_get(settings, "NEWSROOM_DEFAULT_SECTION"))
    home = _get(settings, "NEWSROOM_HOME_PLACES")
    if home is None:
        home = DEFAULT_HOME_PLACES
    if isinstance(home, str | bytes) or not hasattr(home, "__iter__"):
        raise SettingsError("NEWSROOM_HOME_PLACES must be a list of place names, like ['United Kingdom']")
    # "UK" and "Britain" name the tag "United Kingdom", as in the stories.
    by_lower = {k.lower(): v for k, v in config.synonyms.items()} | {v.lower(): v for v in config.synonyms.values()}
    config.home_places = frozenset(by_lower.get(str(place).strip().lower(), str(place).strip()) for place in home)
    return config


def convert_settings(settings: dict) -> ConvertSettings:
    """ConvertSettings from a Pelican settings dict (as read_settings returns)."""
    timezone = str(_get(settings, "TIMEZONE"))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"TIMEZONE {timezone!r} is not a known time zone (try 'Europe/London' or 'UTC')") from None
    content = Path(settings.get("PATH", "content"))
    return ConvertSettings(
        content_path=content,
        raw_path=content / str(_get(settings, "NEWSROOM_RAW_PATH")),
        stories_path=content / str(_get(settings, "NEWSROOM_STORIES_PATH")),
        timezone=timezone,
        headline_max_words=_positive_int(settings, "NEWSROOM_HEADLINE_MAX_WORDS"),
        headline_max_chars=_positive_int(settings, "NEWSROOM_HEADLINE_MAX_CHARS"),
        headline_whole_words=_positive_int(settings, "NEWSROOM_HEADLINE_WHOLE_WORDS"),
        tagging=tagging_config(settings),
        model=_model_name(settings),
        cache_path=Path(settings.get("CACHE_PATH", "cache")),
    )


def _model_name(settings: dict) -> str:
    name = _get(settings, "NEWSROOM_SPACY_MODEL")
    if not isinstance(name, str) or not name.strip():
        raise SettingsError(f"NEWSROOM_SPACY_MODEL must name an installed spaCy pipeline, not {name!r}")
    name = name.strip()
    # Checked without loading it (a second or more): is the package there at all?
    if importlib.util.find_spec(name) is None:
        raise SettingsError(
            f"NEWSROOM_SPACY_MODEL {name!r} is not installed; `make site` installs the default "
            f"{DEFAULT_MODEL!r}, or install the pipeline you name"
        )
    return name


def _whole_number(settings: dict, key: str) -> int:
    value = _get(settings, key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise SettingsError(f"{key} must be a whole number (0 or more), not {value!r}")
    return value


def review_before_publish(settings: dict) -> bool:
    """``NEWSROOM_REVIEW_BEFORE_PUBLISH``: hold stories marked ``review:`` as drafts."""
    value = _get(settings, "NEWSROOM_REVIEW_BEFORE_PUBLISH")
    if not isinstance(value, bool):
        raise SettingsError(f"NEWSROOM_REVIEW_BEFORE_PUBLISH must be True or False, not {value!r}")
    return value


@dataclass(frozen=True)
class TopicRule:
    """When a topic gets a page, a feed and links.

    A topic is shown once it has ``min_stories`` published stories; a site
    with fewer than ``from_stories`` published stories shows every topic.
    """

    min_stories: int = 2
    from_stories: int = 20

    def minimum(self, site_stories: int) -> int:
        """The stories a topic needs on a site of ``site_stories`` stories.

        >>> TopicRule(2, 20).minimum(19), TopicRule(2, 20).minimum(20)
        (1, 2)
        """
        return self.min_stories if site_stories >= self.from_stories else 1


def topic_rule(settings: dict) -> TopicRule:
    return TopicRule(
        min_stories=_positive_int(settings, "NEWSROOM_TOPIC_MIN_STORIES"),
        from_stories=_whole_number(settings, "NEWSROOM_TOPIC_THRESHOLD_FROM_STORIES"),
    )


@dataclass(frozen=True)
class FeedPolicy:
    """What one kind of feed (site, sections, topics) holds."""

    formats: tuple[str, ...]
    items: int
    full_content: bool


FEED_KINDS = ("site", "sections", "topics", "authors")
# Site and section feeds carry whole stories in every format, as readers of
# a news site's main feeds expect; a topic feed is one of thousands, and
# each story sits in several of them, so it carries standfirsts and links
# in two formats (docs/performance.md, "Where the bytes go").
DEFAULT_FEED_POLICY = {
    "site": {"formats": ["atom", "rss", "json"], "content": "full"},
    "sections": {"formats": ["atom", "rss", "json"], "content": "full"},
    "topics": {"formats": ["atom", "rss"], "items": 10, "content": "summary"},
    # Only with NEWSROOM_AUTHOR_PAGES.
    "authors": {"formats": ["atom", "rss"], "items": 10, "content": "summary"},
}


def feed_policy(settings: dict) -> dict[str, FeedPolicy]:
    """``NEWSROOM_FEED_POLICY`` over the defaults, checked.

    >>> feed_policy({"FEED_MAX_ITEMS": 30})["sections"]
    FeedPolicy(formats=('atom', 'rss', 'json'), items=30, full_content=True)
    >>> feed_policy({"NEWSROOM_FEED_POLICY": {"topics": {"formats": ["atom"]}}})["topics"]
    FeedPolicy(formats=('atom',), items=10, full_content=False)
    """
    from generator.feeds import FORMATS

    given = settings.get("NEWSROOM_FEED_POLICY") or {}
    if not isinstance(given, dict) or set(given) - set(FEED_KINDS):
        kinds = ", ".join(FEED_KINDS)
        raise SettingsError(f"NEWSROOM_FEED_POLICY must be a dict with keys among {kinds}, not {given!r}")
    default_items = int(settings.get("FEED_MAX_ITEMS") or 50)
    policy = {}
    for kind in FEED_KINDS:
        entry = {**DEFAULT_FEED_POLICY[kind], **(given.get(kind) or {})}
        where = f"NEWSROOM_FEED_POLICY[{kind!r}]"
        formats = entry.get("formats")
        if not isinstance(formats, list | tuple) or not formats or set(formats) - set(FORMATS):
            raise SettingsError(f"{where}['formats'] must be a non-empty list of {', '.join(FORMATS)}, not {formats!r}")
        items = entry.get("items", default_items)
        if not isinstance(items, int) or isinstance(items, bool) or items < 1:
            raise SettingsError(f"{where}['items'] must be a whole number of at least 1, not {items!r}")
        if entry.get("content") not in {"full", "summary"}:
            raise SettingsError(f"{where}['content'] must be 'full' or 'summary', not {entry.get('content')!r}")
        ordered = tuple(name for name in FORMATS if name in formats)
        policy[kind] = FeedPolicy(ordered, items, entry["content"] == "full")
    return policy


def front_layout(settings: dict):
    """``NEWSROOM_FRONT_PAGE`` over the defaults, checked.

    >>> front_layout({"NEWSROOM_FRONT_PAGE": {"cards": 6}}).cards
    6
    """
    from generator.site import FrontLayout

    given = _mapping(settings, "NEWSROOM_FRONT_PAGE")
    known = FrontLayout.__dataclass_fields__
    if set(given) - set(known):
        raise SettingsError(f"NEWSROOM_FRONT_PAGE keys must be among {', '.join(known)}, not {sorted(given)!r}")
    for key, value in given.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise SettingsError(f"NEWSROOM_FRONT_PAGE[{key!r}] must be a whole number (0 or more), not {value!r}")
    return FrontLayout(**given)


def menu_sections_limit(settings: dict) -> int:
    """``NEWSROOM_MENU_SECTIONS``: how many sections the menu bar shows before "More"."""
    return _whole_number(settings, "NEWSROOM_MENU_SECTIONS")


def check_build_settings(settings: dict) -> None:
    """Settings the build needs, checked up front with a clear message."""
    url = str(settings.get("SITEURL", ""))
    if not url.startswith(("http://", "https://")) or " " in url:
        raise SettingsError(f"SITEURL must be an absolute http(s) address (feeds need absolute links), not {url!r}")
    _positive_int(settings, "FEED_MAX_ITEMS")
    _positive_int(settings, "NEWSROOM_SEARCH_PART_SIZE")
    _positive_int(settings, "NEWSROOM_QUICK_BUILD_MAX_STORIES")
    review_before_publish(settings)
    topic_rule(settings)
    feed_policy(settings)
    front_layout(settings)
    menu_sections_limit(settings)
    budget = settings.get("NEWSROOM_OUTPUT_BUDGET_MB", 0)
    if not isinstance(budget, int | float) or isinstance(budget, bool) or budget < 0:
        raise SettingsError(f"NEWSROOM_OUTPUT_BUDGET_MB must be a number of megabytes (0: no warning), not {budget!r}")
    pagination = settings.get("DEFAULT_PAGINATION", False)
    if pagination is not False and (not isinstance(pagination, int) or isinstance(pagination, bool) or pagination < 1):
        raise SettingsError(f"DEFAULT_PAGINATION must be a whole number of at least 1 or False, not {pagination!r}")
    domain = settings.get("GITHUB_PAGES_CNAME")
    if domain is not None and (not isinstance(domain, str) or "/" in domain or " " in domain.strip()):
        raise SettingsError(f"GITHUB_PAGES_CNAME must be a bare domain like 'news.example.org', not {domain!r}")
    hub = settings.get("WEBSUB_HUB")
    if hub is not None and not str(hub).startswith(("http://", "https://")):
        raise SettingsError(f"WEBSUB_HUB must be an http(s) address, not {hub!r}")
    convert_settings(settings)


def load_pelican_settings(path: Path, overrides: dict | None = None) -> dict:
    """Read a Pelican settings file the way Pelican does, with clear errors."""
    from pelican.settings import read_settings

    if not path.is_file():
        raise SettingsError(f"settings file {path} does not exist")
    try:
        return read_settings(str(path), override=overrides or {})
    except SyntaxError as exc:
        raise SettingsError(f"{path}:{exc.lineno}: syntax error: {exc.msg}") from None
    except Exception as exc:
        raise SettingsError(f"{path}: cannot be loaded: {type(exc).__name__}: {exc}") from None
