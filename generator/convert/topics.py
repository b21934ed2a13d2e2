"""Choosing a story's section and its topic tags.

Everything is deterministic and offline: a lexicon of section keywords, a
lexicon of subject topics, and the names (people, places, organisations) the
story itself mentions, ranked by salience.  Words in the headline,
standfirst and lead count more than words further down, and a name
mentioned once in passing is not a topic.

All lexicons can be extended or overridden from ``pelicanconf.py``
(``NEWSROOM_SECTIONS``, ``NEWSROOM_SUBJECTS``, ``NEWSROOM_TAG_SYNONYMS``,
``NEWSROOM_TAG_SUPPRESS``, ``NEWSROOM_MAX_TAGS``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Section -> keywords.  Keywords are lower-case word stems matched at the
# start of words, so "elect" matches "election" and "electoral".
DEFAULT_SECTIONS: dict[str, tuple[str, ...]] = {
    "Politics": (
        "elect",
        "vote",
        "voter",
        "parliament",
        "minister",
        "government",
        "party",
        "labour",
        "tory",
        "tories",
        "conservative",
        "liberal democrat",
        "mps",
        "mp",
        "commons",
        "lords",
        "senate",
        "congress",
        "president",
        "campaign",
        "policy",
        "bill",
        "law",
        "legislat",
        "prime minister",
        "chancellor",
        "opposition",
        "kremlin",
        "diplomat",
        "peace",
        "treaty",
        "sanction",
        "war",
        "military",
        "troops",
        "envoy",
        "negotiat",
        "home secretary",
        "referendum",
    ),
    "Business": (
        "econom",
        "market",
        "share",
        "stock",
        "profit",
        "revenue",
        "sales",
        "firm",
        "company",
        "compan",
        "bank",
        "invest",
        "trade",
        "export",
        "import",
        "price",
        "inflation",
        "interest rate",
        "growth",
        "oil",
        "dollar",
        "euro",
        "currency",
        "bn",
        "billion",
        "deal",
        "merger",
        "takeover",
        "ceo",
        "chief executive",
        "shareholder",
        "debt",
        "tax",
        "job",
        "unemploy",
        "retail",
        "earnings",
    ),
    "Technology": (
        "technolog",
        "internet",
        "online",
        "web",
        "software",
        "computer",
        "digital",
        "mobile phone",
        "phone",
        "broadband",
        "gadget",
        "game",
        "gaming",
        "console",
        "microsoft",
        "apple",
        "google",
        "download",
        "spam",
        "virus",
        "hacker",
        "network",
        "device",
        "user",
        "website",
        "data",
        "email",
        "e-mail",
        "tech",
        "pc",
        "laptop",
        "search engine",
        "blog",
        "wireless",
        "robot",
    ),
    "Sport": (
        "match",
        "game",
        "player",
        "coach",
        "team",
        "champion",
        "cup",
        "league",
        "season",
        "goal",
        "win",
        "victory",
        "defeat",
        "injur",
        "final",
        "tournament",
        "olympic",
        "athlet",
        "football",
        "rugby",
        "cricket",
        "tennis",
        "squad",
        "striker",
        "club",
        "manager",
        "race",
        "medal",
        "score",
        "fixture",
        "stadium",
        "marathon",
        "test match",
        "six nations",
        "premiership",
    ),
    "Culture": (
        "film",
        "movie",
        "music",
        "album",
        "band$",
        "singer",
        "song",
        "actor",
        "actress",
        "star$",
        "award",
        "oscar",
        "festival",
        "theatre",
        "book$",
        "novel",
        "author$",
        "tv",
        "television",
        "show$",
        "comedy",
        "director",
        "box office",
        "chart",
        "art",
        "celebrity",
        "grammy",
        "bafta",
        "hollywood",
        "stage",
        "drama",
        "series",
        "concert",
        "record label",
    ),
    "Science": ("scien", "research", "study", "space", "nasa", "climate", "species", "physic", "astronom"),
    "Health": ("health", "hospital", "disease", "virus", "patient", "doctor", "nhs", "vaccin", "medic", "cancer"),
    "World": ("ukrain", "russia", "india", "china", "iraq", "africa", "europe", "asia", "foreign", "international"),
}

# Subject topic -> keywords (same matching as sections).
DEFAULT_SUBJECTS: dict[str, tuple[str, ...]] = {
    "Peace talks": (
        "peace talk",
        "peace process",
        "peace framework",
        "peace deal",
        "ceasefire",
        "peace plan",
        "peace treaty",
        "settlement talks",
    ),
    "Energy": ("energy", "oil", "gas", "fuel", "power station", "electricity", "renewable"),
    "Trade": ("trade", "export", "import", "tariff"),
    "Elections": ("election", "electoral", "voter", "ballot", "polling", "referendum"),
    "Defence": ("military", "defence", "defense", "troops", "army", "weapon", "missile"),
    "Economy": ("economy", "economic", "gdp", "inflation", "recession", "interest rate"),
    "Markets": ("shares", "stock market", "investors", "ftse", "dow jones", "nasdaq"),
    "Diplomacy": ("diplomat", "state visit", "summit", "envoy", "foreign policy", "foreign minister"),
    "Sanctions": ("sanction",),
    "Courts": ("court", "judge", "trial", "lawsuit", "tribunal"),
    "Crime": ("police", "arrest", "murder", "crime", "criminal"),
    "Education": ("school", "university", "student", "teacher", "pupil", "education"),
    "Internet": ("internet", "online", "website", "broadband", "web "),
    "Video games": ("video game", "games console", "gamer", "gaming"),
    "Mobile phones": ("mobile phone", "handset", "mobiles"),
    "Film": ("film", "movie", "cinema", "box office", "oscar"),
    "Music": ("album", "single", "band", "singer", "music", "chart"),
    "Football": ("football", "premiership", "striker", "midfielder", "goalkeeper"),
    "Rugby": ("rugby", "six nations", "try ", "scrum"),
    "Tennis": ("tennis", "wimbledon", "grand slam"),
    "Athletics": ("athletics", "marathon", "sprint", "olympic"),
    "Cricket": ("cricket", "wicket", "batsman", "bowler"),
    "Immigration": ("immigra", "asylum", "migrant"),
    "Terrorism": ("terror",),
}

# Surface forms that stand for one canonical name.
DEFAULT_SYNONYMS: dict[str, str] = {
    "U.S.": "United States",
    "US": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "American": "United States",
    "Americans": "United States",
    "Washington": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "British": "United Kingdom",
    "Great Britain": "United Kingdom",
    "Russian": "Russia",
    "Russians": "Russia",
    "Moscow": "Russia",
    "Kremlin": "Russia",
    "Ukrainian": "Ukraine",
    "Ukrainians": "Ukraine",
    "Kyiv": "Ukraine",
    "Kiev": "Ukraine",
    "Indian": "India",
    "Indians": "India",
    "New Delhi": "India",
    "Chinese": "China",
    "Beijing": "China",
    "Japanese": "Japan",
    "Tokyo": "Japan",
    "French": "France",
    "Paris": "France",
    "German": "Germany",
    "Berlin": "Germany",
    "Italian": "Italy",
    "Spanish": "Spain",
    "Irish": "Ireland",
    "Scottish": "Scotland",
    "Welsh": "Wales",
    "English": "England",
    "Iraqi": "Iraq",
    "Iranian": "Iran",
    "Israeli": "Israel",
    "Palestinian": "Palestinian territories",
    "Turkish": "Turkey",
    "Brazilian": "Brazil",
    "Australian": "Australia",
    "Canadian": "Canada",
    "European Union": "European Union",
    "EU": "European Union",
    "Brussels": "European Union",
    "UN": "United Nations",
    "U.N.": "United Nations",
    "Nato": "NATO",
    "NATO": "NATO",
    **{
        demonym: country
        for country, demonyms in {
            "Indonesia": "Indonesian Indonesians",
            "Sri Lanka": "Sri_Lankan Sri_Lankans",
            "Netherlands": "Dutch",
            "Pakistan": "Pakistani Pakistanis",
            "Afghanistan": "Afghan Afghans",
            "Mexico": "Mexican Mexicans",
            "Argentina": "Argentine Argentinian Argentinians",
            "Chile": "Chilean Chileans",
            "Egypt": "Egyptian Egyptians",
            "Syria": "Syrian Syrians",
            "Saudi Arabia": "Saudi Saudis",
            "Thailand": "Thai Thais",
            "Vietnam": "Vietnamese",
            "Philippines": "Filipino Filipinos",
            "Nigeria": "Nigerian Nigerians",
            "Kenya": "Kenyan Kenyans",
            "South Africa": "South_African South_Africans",
            "Greece": "Greek Greeks",
            "Poland": "Polish Poles",
            "Sweden": "Swedish Swedes",
            "Norway": "Norwegian Norwegians",
            "Denmark": "Danish Danes",
            "Finland": "Finnish Finns",
            "Switzerland": "Swiss",
            "Austria": "Austrian Austrians",
            "Belgium": "Belgian Belgians",
            "Portugal": "Portuguese",
            "Czech Republic": "Czech Czechs",
            "Hungary": "Hungarian Hungarians",
            "Romania": "Romanian Romanians",
            "Cuba": "Cuban Cubans",
            "Venezuela": "Venezuelan Venezuelans",
            "Colombia": "Colombian Colombians",
            "Peru": "Peruvian Peruvians",
            "New Zealand": "New_Zealander New_Zealanders",
            "Zimbabwe": "Zimbabwean Zimbabweans",
            "Ethiopia": "Ethiopian Ethiopians",
            "Sudan": "Sudanese",
            "Lebanon": "Lebanese",
            "Jordan": "Jordanian Jordanians",
            "Malaysia": "Malaysian Malaysians",
            "Singapore": "Singaporean Singaporeans",
            "Taiwan": "Taiwanese",
            "Bangladesh": "Bangladeshi Bangladeshis",
            "Nepal": "Nepalese Nepali",
            "Serbia": "Serbian Serbians Serb Serbs",
            "Croatia": "Croatian Croatians",
            "Iceland": "Icelandic Icelanders",
            "Scotland": "Scots",
        }.items()
        for demonym in (d.replace("_", " ") for d in demonyms.split())
    },
    "Tories": "Conservative Party",
    "Tory": "Conservative Party",
    "Conservatives": "Conservative Party",
    "Labour": "Labour Party",
    "Lib Dems": "Liberal Democrats",
    "Lib Dem": "Liberal Democrats",
}
TITLES: tuple[str, ...] = tuple(
    t.replace("_", " ")
    for t in """Mr Mrs Ms Dr Sir Lord Lady President Prime_Minister Minister Chancellor Senator General
    Judge Professor Chief King Queen Prince Dame Baroness Cardinal Pope Bishop Archbishop Mayor Governor
    Ambassador Detective Inspector Captain Chairman Actor Actress Singer Coach Striker Midfielder Defender
    Goalkeeper Rt Rev Reverend Novelist Author Writer Director Producer Comedian Presenter Broadcaster
    Manager Spokesman Spokeswoman Analyst Economist Chief_Executive Secretary Home_Secretary
    Foreign_Secretary Culture_Secretary Health_Secretary Education_Secretary Trade_Secretary
    Transport_Secretary Defence_Secretary Environment_Secretary Chief_Secretary Scottish_Secretary
    Welsh_Secretary Northern_Ireland_Secretary Shadow Prof Comic Sprinter Sprinters""".split()
)
# Never tags: titles, days, months, and the wire services themselves.
DEFAULT_SUPPRESS: tuple[str, ...] = TITLES + tuple(
    t.replace("_", " ")
    for t in """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December BBC BBC_News BBC_Sport BBC_Radio Reuters AP
    AFP Press_Association Associated_Press The""".split()
)
# Words that open a sentence but are not names.
_NOT_NAMES = frozenset(
    """A An The This That These Those It Its He She They We I You His Her Their Our But And Or If
    In On At For With From By As After Before When While Although Though Because Since Despite
    According However Meanwhile Some Many Most Other Others Both Each Every All Any No Not One
    Two Three Four Five Six Seven Eight Nine Ten There Here What Which Who Why How Speaking
    Shortly Under Over Among Also Such Even Still Yet So Then Now Last Next Former Mr Mrs Ms Dr
    Sir Said Says Asked Told Already Let Stay Instead Indeed Perhaps Maybe Nevertheless Nonetheless
    Moreover Furthermore Besides Overall Otherwise Elsewhere Likewise Therefore Thus Hence Again Once
    Soon Later Earlier Only Almost Rather Whether Whatever Yes Imagine Remember Consider Another Yesterday
    Tomorrow Tonight Until Several Few Various Unlike Within Without Throughout Across Beyond Second Third
    Fourth Fifth""".split()
    # A date opens a phrase, "Until December Microsoft ...". (May is a name
    # too, and weekdays open newspaper names: the Sunday Times.)
    + "January February March April June July August September October November December".split()
)
_TRAILING_FUNCTION_WORDS = frozenset("of the and for in on at to a an with by from".split())
_NUMBER_WORDS = frozenset("One Two Three Four Five Six Seven Eight Nine Ten".split())
_PREFIXES = frozenset("Ex Anti Pro Non Pre Post Mid Self Multi Semi Co Neo".split())
_WORD = (
    # "O'Driscoll", "D'Arcy": a capital, an apostrophe, a capitalised word.
    r"(?:[A-Z]['\u2019][A-Z][a-z\u00c0-\u024f]+|[A-Z]\.(?:[A-Z]\.)+|[A-Z]+&[A-Z]+\b|[A-Z]{2,}s?\b"
    r"|[A-Z][a-z\u00c0-\u024f]+(?:[A-Z][a-z\u00c0-\u024f]+)*(?:['\u2019][a-z]+)?)"
)
# A name: capitalised words, possibly with particles ("Luiz Inacio Lula da
# Silva"); a possessive ends it ("Arsenal's Sol Campbell" is two names).
_NAME = re.compile(
    rf"\b{_WORD}(?:(?<!'s)(?<!\u2019s)(?:[ -](?:{_WORD}|de|da|van|von|bin|al)|"
    # "Bank of England", "US Department of Justice": "of" inside a name.
    rf" (?:of|for) (?:the )?{_WORD})(?=[\s,.;:!?)'\u2019\"-]|$))*"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"\u2019\u201d)]?\s+|^['\"\u201c\u2018(])$")
# Acronyms for kinds of things, not names of things.
GENERIC_ACRONYMS = frozenset("MP MPs MSP MSPs MEP MEPs TV PC PCs CEO CD CDs DVD DVDs GDP AM PM UN AGM PR IT".split())
DEFAULT_MAX_TAGS = 7
# Words at least this frequent in English (symspellpy's counts) are ordinary
# words when they open a sentence: "Ability", "Anglers", "Respond".
COMMON_WORD_FREQUENCY = 1_000_000


@dataclass
class TaggingConfig:
    sections: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_SECTIONS))
    subjects: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_SUBJECTS))
    synonyms: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SYNONYMS))
    suppress: frozenset[str] = frozenset(DEFAULT_SUPPRESS) | GENERIC_ACRONYMS
    max_tags: int = DEFAULT_MAX_TAGS
    default_section: str = "World"


@dataclass(frozen=True)
class Tagging:
    section: str
    tags: tuple[str, ...]
    explain: tuple[str, ...]


def _weighted_parts(title: str, paragraphs: list[str]) -> list[tuple[str, float]]:
    """Text parts with their salience weight: headline and top count more."""
    parts = [(title, 3.0)]
    for i, p in enumerate(paragraphs):
        parts.append((p, 2.0 if i < 2 else 1.0))
    return parts


@functools.lru_cache(maxsize=32)
def _lexicon_pattern(items: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, list[str]]]:
    """One regular expression for a whole lexicon, longest keywords first.

    One pass over the text per lexicon keeps tagging linear in the text's
    length, however many keywords there are.
    """
    labels: dict[str, list[str]] = defaultdict(list)
    whole: set[str] = set()
    for label, keywords in items:
        for keyword in keywords:
            key = keyword.strip().lower()
            # A keyword matches the start of a word ("elect" finds "election")
            # unless it ends in "$": "author$" is "author(s)", not "authority".
            if key.endswith("$"):
                key = key.rstrip("$")
                whole.add(key)
            if key and label not in labels[key]:
                labels[key].append(label)
    # Matched against lower-cased text: faster than IGNORECASE.
    return re.compile(rf"(?<!\w)(?:{_trie_pattern(sorted(labels), whole)})"), dict(labels)


_END = ""


def _trie_pattern(keys: list[str], whole: set[str]) -> str:
    """An alternation of ``keys`` shaped as a trie, which Python's regex engine
    walks far faster than a flat list of hundreds of keywords.

    Longer keys are tried first, as in a flat alternation sorted longest
    first; a key in ``whole`` must end a word (an "s" may follow).

    >>> print(_trie_pattern(["elect", "election", "econ"], {"econ"}))
    e(?:con(?=s?(?!\\w))|lect(?:ion|))
    """
    trie: dict = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[_END] = key in whole
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char != _END]
    if _END in node:
        branches.append(r"(?=s?(?!\w))" if node[_END] else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _lexicon_scores(parts, lexicon) -> tuple[Counter, dict[str, Counter]]:
    scores: Counter = Counter()
    evidence: dict[str, Counter] = defaultdict(Counter)
    if not lexicon:
        return scores, evidence
    pattern, labels = _lexicon_pattern(tuple((k, tuple(v)) for k, v in lexicon.items()))
    for text, weight in parts:
        for match in pattern.finditer(text.lower()):
            keyword = match.group(0)
            for label in labels[keyword]:
                scores[label] += weight
                evidence[label][keyword] += 1
    return scores, evidence


def find_names(text: str) -> list[str]:
    """Capitalised name phrases, with titles and sentence openers removed.

    >>> find_names("Speaking in Moscow, President Vladimir Putin met U.S. envoys.")
    ['Moscow', 'Vladimir Putin', 'U.S.']
    >>> find_names("Anglers fear Arsenal's Sol Campbell and Mike McCarthy.")
    ['Anglers', 'Arsenal', 'Sol Campbell', 'Mike McCarthy']
    >>> find_names("Justine Henin-Hardenne met Brian O'Driscoll. Ex-Russian spy Viktor Makarov spoke.")
    ['Justine Henin-Hardenne', "Brian O'Driscoll", 'Viktor Makarov']
    >>> find_names("General Motors and General Musharraf")
    ['General Motors', 'Musharraf']
    >>> find_names("Women MPs met Ines Walcott.")
    ['Ines Walcott']
    >>> find_names("Ines Walcott stars in The Sound of Music, the Harbour Office said.")
    ['Ines Walcott', 'Sound of Music', 'Harbour Office']
    """
    return [name for name, _ in find_names_at(text)]


def find_names_at(text: str) -> list[tuple[str, bool]]:
    """Names with whether each one opens a sentence."""
    out = []
    for match in _NAME.finditer(text):
        at_start = bool(_SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]))
        phrase = match.group(0)
        words = phrase.split()
        # "Ex-Russian": a prefix on a nationality is a description, not a name.
        if len(words) == 1 and words[0].split("-")[0] in _PREFIXES:
            continue
        # "the musical The Sound of Music": a capitalised "The" inside a
        # sentence starts a title, which keeps its "of".
        titled = not at_start and words[0] == "The" and len(words) > 2
        # "It's" and "That's" open sentences as often as "It" and "That". A
        # number word opens a sentence ("Three Britons ..."); inside one it is
        # part of a name ("the Six Nations").
        # "General Motors", "General Electric": a company, not a general.
        company = len(words) == 2 and words[0] == "General" and _is_common_word(words[1])
        while (
            words
            and not company
            and ((_bare(words[0]) in _NOT_NAMES and (at_start or words[0] not in _NUMBER_WORDS)) or words[0] in TITLES)
        ):
            title = words[0] in TITLES
            words = words[1:]
            if title and words[:1] == ["of"]:
                words = words[3:] if words[1:2] == ["the"] else words[2:]  # "Secretary of State"
        # Particles, and function words of title-case text ("Making Of"),
        # never end a name; a title-case heading cut down to one common word
        # is not a name at all.
        title_case = False
        while words and words[-1].lower() in {"de", "da", "van", "von", "bin", "al"} | _TRAILING_FUNCTION_WORDS:
            title_case |= words[-1].lower() in _TRAILING_FUNCTION_WORDS
            words = words[:-1]
        if title_case and len(words) == 1 and _is_common_word(words[0]):
            continue
        # "Women MPs", "Male MPs": ordinary words before a kind of thing.
        if len(words) > 1 and words[-1] in GENERIC_ACRONYMS and all(_is_common_word(w) for w in words[:-1]):
            continue
        first = True
        for chunk in [words] if titled else _split_at_of(words):
            for n, name in enumerate([" ".join(chunk)] if company else _split_at_titles(chunk)):
                bare = name[:-2] if name.endswith(("'s", "\u2019s")) else name
                # "the Trade Representative's Office" cut down to "Office".
                if bare not in _GENERIC_INSTITUTIONS:
                    out.append((bare, first and at_start and n == 0 and len(chunk) == len(name.split())))
            first = False
    return out


# Words that name a kind of institution: the head of "Bank of England" or
# "House of Lords", and the last word of "Standards Board" (the headline
# writer keeps such names whole).
INSTITUTION_WORDS = frozenset(
    """Bank Banks University Universities House Houses Department Union Board Institute College School Council
    Ministry Office Court Chamber League Association Federation Society Church Museum Gallery Academy
    Republic Kingdom States Commission Committee Bureau Agency Service Fund Organisation Organization
    Party Assembly Parliament Congress Authority Trust Foundation Group Club Corporation Company Exchange
    Executive Government""".split()
)
# Institution words that alone still name one thing (the Church, Parliament).
_NAMED_ALONE = frozenset(
    "Church Republic Kingdom States Party Assembly Parliament Congress Executive Government".split()
)
# Alone, the rest name no particular institution, nor do these ("Chapter 11"
# cut down to "Chapter").
_GENERIC_INSTITUTIONS = (INSTITUTION_WORDS - _NAMED_ALONE) | {"Chapter", "Article", "Section"}
# Words that an "of" continues into one name: "Bank of England", "House of
# Lords", "Department of Justice"; "Yonca Brunini of Yahoo" is two names.
_OF_HEADS = INSTITUTION_WORDS | frozenset(
    "Duke Duchess Earl Isle Gulf Bay Straits Cape Province Secretary Minister Chancellor Mayor Governor Speaker "
    "Archbishop Bishop".split()
)


# "for" continues only an institution's name: the Institute for Fiscal
# Studies, the Department for Education; not "Vote Blair for Leader".
_FOR_HEADS = INSTITUTION_WORDS | frozenset("Centre Center Campaign Alliance Coalition".split())


def _split_at_of(words: list[str]) -> list[list[str]]:
    """Split a name run at each "of" or "for" that does not continue a name.

    >>> _split_at_of("Bank of England".split())
    [['Bank', 'of', 'England']]
    >>> _split_at_of("Yonca Brunini of Yahoo".split())
    [['Yonca', 'Brunini'], ['Yahoo']]
    >>> _split_at_of("Royal National Institute for Deaf People".split())
    [['Royal', 'National', 'Institute', 'for', 'Deaf', 'People']]
    """
    if "of" not in words and "for" not in words:
        return [words]
    chunks, current = [], []
    for i, word in enumerate(words):
        heads = _OF_HEADS if word == "of" else _FOR_HEADS
        if word in {"of", "for"} and not (current and current[-1] in heads):
            chunks.append(current)
            current = []
            continue
        if word == "the" and i > 0 and words[i - 1] in {"of", "for"} and not current:
            continue
        current.append(word)
    chunks.append(current)
    return [c for c in chunks if c]


_LOWER_WORD = re.compile(r"(?<![\w'\u2019-])[a-z][a-z'\u2019-]*")
_CONTRACTION = re.compile(r"['\u2019](?:s|re|ll|ve|d)$")


def _bare(word: str) -> str:
    return _CONTRACTION.sub("", word) if "'" in word or "\u2019" in word else word


# Endings of ordinary words (adverbs, participles, superlatives), for which a
# lower frequency is enough to call an opening word ordinary: "Whipping out
# your phone ...", "Largest ...".
_ORDINARY_ENDINGS = ("ly", "ing", "est", "ous", "ive", "ful")


def _is_common_word(word: str) -> bool:
    from generator.convert.clean import word_frequency

    word = _bare(word)
    threshold = COMMON_WORD_FREQUENCY // 20 if word.lower().endswith(_ORDINARY_ENDINGS) else COMMON_WORD_FREQUENCY
    return word_frequency(word) >= threshold


_TITLE_INSIDE = re.compile(
    r"(?:^| )(?:" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)) + r")(?= |$)"
)


def _split_at_titles(words: list[str]) -> list[str]:
    """Split "Indian Prime Minister Narendra Modi" into its two names."""
    if len(words) == 1:
        return [] if words[0] in TITLES else words
    text = _TITLE_INSIDE.sub("|", " ".join(words))
    # "Secretary of State Colin Powell": no part starts or ends on "of".
    parts = (re.sub(r"^(?:(?:of|the) )+|(?: (?:of|the))+$", "", part.strip()) for part in text.split("|"))
    return [part for part in parts if part and part not in {"of", "the"}]


def _canonical_names(parts, config: TaggingConfig) -> tuple[Counter, dict[str, Counter]]:
    raw: Counter = Counter()
    openers: Counter = Counter()
    inside: set[str] = set()
    for index, (text, weight) in enumerate(parts):
        for name, at_start in find_names_at(text):
            words = name.split()
            if at_start and len(words) > 1 and words[0].lower().endswith(("ing", "ly")) and _is_common_word(words[0]):
                name = " ".join(words[1:])  # "Leading China ..." -> China
            raw[name] += weight
            if at_start:
                # The headline repeats the standfirst's opener: count it once.
                openers[name] += index > 0
            else:
                inside.add(name)
    # A word that only ever opens sentences is an ordinary word ("Ability of
    # games ...", "Anglers could ..."), not a name, when the story also writes
    # it in lower case, or when it opens one sentence and is common English.
    # The story writing the word in lower case elsewhere settles it
    # ("During ..." and "... during ..."); a name (Liverpool) never is.
    surnames = {n.split()[-1] for n in raw if " " in n}
    lower_words: set[str] = set()
    for text, _ in parts:
        found = _LOWER_WORD.findall(text)
        lower_words.update(found)
        # "high-definition" has "high"
        lower_words.update(part for w in found if "-" in w for part in w.split("-"))
    for name, count in openers.items():
        if name in inside or name in surnames or " " in name:
            continue
        if _bare(name).lower() in lower_words or (count <= 1 and _is_common_word(name)):
            del raw[name]
    # "Putin" counts towards "Vladimir Putin" when the full name appears.
    full_names = [n for n in raw if " " in n and n not in config.synonyms]
    scores: Counter = Counter()
    evidence: dict[str, Counter] = defaultdict(Counter)
    for name, weight in raw.items():
        canonical = config.synonyms.get(name)
        if canonical is None:
            longer = [f for f in full_names if f != name and f.split()[-1] == name]
            canonical = longer[0] if len(longer) == 1 else name
        if canonical in config.suppress or name in config.suppress:
            continue
        scores[canonical] += weight
        evidence[canonical][name] += 1
    return scores, evidence


PERSON_WEIGHT = 1.5
MIN_TAGS = 2
# Words that start or end names of places and bodies, not people.
PLACE_WORDS = frozenset(
    """North South East West Northern Southern Eastern Western Great Central New United Upper Lower Saint St
    Asia Europe Africa America Pacific Atlantic Gulf Sea Ocean River Island Islands Republic Kingdom States City County
    Street Bank Party Council Court Ministry Office House Group Union League Cup""".split()
)


def _is_person(name: str, config: TaggingConfig) -> bool:
    """Two or three capitalised words that are not a known place or body."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and name not in config.synonyms.values()
        and all(w[:1].isupper() and w not in PLACE_WORDS for w in words)
    )


def tag_story(
    title: str, paragraphs: list[str], config: TaggingConfig | None = None, docs: Sequence[Doc] = ()
) -> Tagging:
    """Section and tags for a story, with an explanation of each choice.

    ``docs`` are spaCy parses of the story's first paragraphs (standfirst and
    lead), in order; later paragraphs are only in ``paragraphs``.
    """
    config = config or TaggingConfig()
    parts = _weighted_parts(title, paragraphs)
    explain: list[str] = []

    section_scores, section_evidence = _lexicon_scores(parts, config.sections)
    if section_scores:
        section = max(sorted(section_scores), key=lambda s: section_scores[s])
        words = ", ".join(f"{w}×{n}" for w, n in section_evidence[section].most_common(6))
        explain.append(f"section {section} (score {section_scores[section]:.0f}: {words})")
    else:
        section = config.default_section
        explain.append(f"section {section} (default: no section keyword found)")

    name_scores, name_evidence = _canonical_names(parts, config)
    subject_scores, subject_evidence = _lexicon_scores(parts, config.subjects)

    # Salience: a tag needs more than one passing mention in the body.
    candidates: list[tuple[float, str, str]] = []
    for name, score in name_scores.items():
        if _is_person(name, config):
            score *= PERSON_WEIGHT
        if score >= 3.0:
            candidates.append((score, name, ", ".join(sorted(name_evidence[name]))))
    for subject, score in subject_scores.items():
        if score >= 3.0:
            candidates.append((score * 0.8, subject, ", ".join(sorted(subject_evidence[subject]))))
    if len(candidates) < MIN_TAGS:
        # Too little for two tags: let single mentions in the lead count.
        weaker = [
            (score * (PERSON_WEIGHT if _is_person(name, config) else 1.0), name, ", ".join(sorted(name_evidence[name])))
            for name, score in name_scores.items()
        ]
        weaker += [(score * 0.8, s, ", ".join(sorted(subject_evidence[s]))) for s, score in subject_scores.items()]
        chosen = {c[1] for c in candidates}
        candidates += [c for c in sorted(weaker, key=lambda c: (-c[0], c[1])) if c[1] not in chosen and c[0] >= 1.5]
    candidates.sort(key=lambda c: (-c[0], c[1]))
    tags: list[str] = []
    for score, tag, words in candidates:
        if tag in config.suppress or tag in tags or tag == section:
            continue
        # "Merrill" beside "Merrill Lynch" is the same tag said twice.
        if any(set(tag.split()) < set(other.split()) for other in tags):
            continue
        shorter = [other for other in tags if set(other.split()) < set(tag.split())]
        if shorter:
            tags[tags.index(shorter[0])] = tag
            explain.append(f"tag {tag} replaces {shorter[0]} (score {score:.0f} from: {words})")
            continue
        if len(tags) >= config.max_tags:
            break
        tags.append(tag)
        explain.append(f"tag {tag} (score {score:.0f} from: {words})")
    return Tagging(section=section, tags=tuple(tags), explain=tuple(explain))
