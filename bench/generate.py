"""Write N synthetic raw stories for benchmarks: deterministic, real-like.

    .venv/bin/python bench/generate.py N OUT_DIR [--seed 1]

Stories are 400-900 words: a one-sentence standfirst, then a lead and body
paragraphs.  Files hold one to five stories run together, separated by two
blank lines, like the wire copy the converter reads.

Each story is about two to five named things (people, organisations, places,
events and laws), named in the standfirst and lead and repeated further down,
so the converter's tagger takes them as topics.  Names are drawn from one
Pitman-Yor urn per kind: the k-th draw is a new name with probability
(theta + d * K) / (theta + k), K names so far; otherwise an old name, in
proportion to its use so far less d.  So the vocabulary keeps growing with
the archive (as k ** d), most names occur once and a few are busy, with a
Zipf-like rank-frequency curve, as in real copy.  Names are put together from
syllables and word parts written here; so is every sentence.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

# ---------------------------------------------------------------- word parts
ONSETS = "b br c d dr f g gr h k l m n p r s st t tr v w z th sh bl fl cr".split()
VOWELS = "a e i o u a e i o ai ei ou ia".split()
CODAS = "n r l s m nd rd ll rn st th v x k".split()
FIRST_ENDINGS = {
    "Ms": "a ia ine elle ara ina ena ette ys".split(),
    "Mr": "o an en el ir or us ric as im".split(),
}
SURNAME_ENDINGS = (
    "sen son ford ley wick holt mann ova ov eri ardi ez ski by croft well dale ton ner ick ani oza ssey".split()
)
PLACE_ENDINGS = "mere wick by ton haven ford bury field stead moor port minster dale combe ley hurst thorpe".split()
PLACE_PREFIXES = "Port North South East West Upper Lower Great Little Lake".split()
ORG_INSTITUTIONS = (
    "Harbour Authority|Borough Council|County Council|Water Board|Rail Company|Health Trust|Chamber of Commerce|"
    "Union of Teachers|Growers Association|Housing Association|Football Club|Arts Council|Power Company|"
    "Building Society|Museum|University|Police Service|Ferry Company|Energy Agency|Bus Company|Rugby Club|"
    "Film Institute"
).split("|")
ORG_SECTORS = (
    "Energy Shipping Foods Steel Media Logistics Telecom Pharma Motors Airlines Mining Retail Software".split()
)
ORG_KINDS = "Group|Corporation|Company|Holdings|Bank|Trust|Foundation|Institute|Partners|Society".split("|")
# Event and law names, by field, end in a word the tagger knows for their kind.
EVENT_KINDS = {
    "sport": "Cup Open Trophy Games Marathon Championship".split(),
    "culture": "Festival Awards Show Biennale Fair".split(),
    "politics": "Act Bill Accord Summit Charter Treaty".split(),
    "business": "Summit Fair Expo Conference Forum".split(),
}
EVENT_QUALIFIERS = "Spring|Autumn|Winter|Summer|Coastal|Northern|Harbour|River|Open Water|Valley|Royal|Grand".split("|")
LAW_SUBJECTS = "Housing|Water|Transport|Fisheries|Energy|Schools|Hospitals|Planning|Rivers|Ports|Data|Land".split("|")

# Subject -> (nouns, roles for people).  The nouns carry the
# tagger's section and subject keywords, so sections and subject topics (the
# busiest topics of all) come out as in real copy.
SUBJECTS: dict[str, tuple[list[str], list[str]]] = {
    "housing": (
        "rents|house prices|mortgages|planning rules|tenants|new homes|the housing market".split("|"),
        "a housing campaigner|the planning chief|a landlords' spokesperson|a tenants' leader".split("|"),
    ),
    "transport": (
        "rail fares|bus routes|timetables|commuters|the ring road|airline flights|ferry crossings".split("|"),
        "the transport minister|a commuter group's chair|the rail operator's head".split("|"),
    ),
    "energy": (
        "electricity bills|the power grid|wind farms|energy prices|fuel supplies|solar panels".split("|"),
        "the energy regulator's chair|an energy analyst|the grid operator's chief".split("|"),
    ),
    "health": (
        "hospital waiting lists|nurses|patients|clinics|the health service|cancer treatment".split("|"),
        "a hospital doctor|the health secretary|a patients' advocate".split("|"),
    ),
    "education": (
        "schools|pupils|exam results|teachers|university places|school funding".split("|"),
        "a head teacher|the education minister|a student leader".split("|"),
    ),
    "sport": (
        "the league season|the squad|ticket prices|the stadium|the coach's tactics|young players".split("|"),
        "the striker|the club's coach|the team captain|the goalkeeper".split("|"),
    ),
    "culture": (
        "the film|the new album|theatre audiences|gallery visitors|the festival programme|box office takings".split(
            "|"
        ),
        "the director|the singer|the novelist|a theatre producer".split("|"),
    ),
    "business": (
        "profits|shares|investors|jobs|exports|quarterly earnings|the takeover bid".split("|"),
        "the chief executive|a market analyst|the finance director".split("|"),
    ),
    "technology": (
        "broadband|mobile phone masts|the software|online services|data centres|video games".split("|"),
        "a software engineer|the technology chief|an internet analyst".split("|"),
    ),
    "courts": (
        "the trial|the court ruling|the appeal|jury service|legal aid|the judge's sentence".split("|"),
        "a defence lawyer|the prosecutor|a court official".split("|"),
    ),
    "environment": (
        "flooding|river pollution|emissions|wildlife|the coastline|climate change".split("|"),
        "an environment officer|a wildlife campaigner|a climate scientist".split("|"),
    ),
    "science": (
        "the research|the study|the laboratory|the space mission|the results|the data".split("|"),
        "the lead scientist|a researcher|the professor".split("|"),
    ),
}
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
SAID = "said|warned|announced|confirmed|argued|insisted|suggested|told reporters".split("|")
# After a quotation: "...," said Ms Venholt.
QUOTE_SAID = "said|added|warned|insisted|argued".split("|")
LINKS = "However,|Meanwhile,|In addition,|Earlier this year,|Critics say|Supporters argue|Even so,|By contrast,".split(
    "|"
)
CHANGES = "overhaul|review|cut|freeze|expand|rethink|delay|speed up".split("|")
WHEN = "by the end of the year|within six months|next spring|before the summer|in the coming weeks".split("|")

# How many named things a story is about, and of which kind.
THINGS_PER_STORY = {2: 3, 3: 4, 4: 3, 5: 1}
KIND_WEIGHTS = {"person": 5, "organisation": 4, "place": 3, "event": 2}
# Pitman-Yor (discount d, strength theta) per kind: a higher d gives more
# one-off names; places are fewer and busier than people.
URN_PARAMETERS = {"person": (0.65, 5.0), "organisation": (0.55, 4.0), "place": (0.45, 2.0), "event": (0.55, 2.0)}


def zipf(rng: random.Random, items: list, s: float = 1.1):
    weights = [1 / (rank + 1) ** s for rank in range(len(items))]
    return rng.choices(items, weights=weights, k=1)[0]


# ---------------------------------------------------------------- names
@dataclass
class Thing:
    """One named thing: how it is first written and how later."""

    kind: str
    name: str  # "Talira Venholt", "the Kessby Harbour Authority", "Dunmarrow"
    short: str  # "Ms Venholt", "the Kessby Harbour Authority", "Dunmarrow"


@dataclass
class Urn:
    """A Pitman-Yor urn of names of one kind."""

    rng: random.Random
    make: Callable[[], Thing]
    discount: float
    strength: float
    things: list[Thing] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    draws: list[int] = field(default_factory=list)  # one index per draw: picks in proportion to use

    def draw(self, avoid: set[str]) -> Thing:
        rng, k, d = self.rng, len(self.draws), self.discount
        for _ in range(8):
            if rng.random() * (self.strength + k) < self.strength + d * len(self.things):
                break  # a new name
            index = self.draws[rng.randrange(k)]
            # Accepting with probability (count - d) / count makes the pick
            # proportional to count - d.
            if rng.random() * self.counts[index] >= d and self.things[index].name not in avoid:
                return self._use(index)
        self.things.append(self.make())
        self.counts.append(0)
        return self._use(len(self.things) - 1)

    def _use(self, index: int) -> Thing:
        self.counts[index] += 1
        self.draws.append(index)
        return self.things[index]


def join(stem: str, ending: str) -> str:
    """Stem and ending, without two vowels meeting: "Tova" + "ord" is "Tovord"."""
    if stem[-1] in "aeiou" and ending[0] in "aeiou":
        stem = stem[:-1]
    return stem + ending


class Namer:
    """Makes names from syllables, never the same name twice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _unique(self, make: Callable[[], str]) -> str:
        for _ in range(100):
            name = make()
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("name space exhausted")

    def stem(self, syllables: int) -> str:
        """A capitalised run of syllables, at least four letters: "Tovar"."""
        rng = self.rng
        parts = [rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables)]
        if rng.random() < 0.6 or len("".join(parts)) < 4:
            parts.append(rng.choice(CODAS))
        while len(stem := "".join(parts)) < 4:
            parts.append(rng.choice(VOWELS))
        return stem.capitalize()

    def surname(self) -> str:
        return join(self.stem(self.rng.choice((1, 1, 2))), self.rng.choice(SURNAME_ENDINGS))

    def place_name(self, prefix: bool = True) -> str:
        rng = self.rng
        base = self.stem(rng.choice((1, 2)))
        if rng.random() < 0.75 or len(base) < 6:
            base = join(base, rng.choice(PLACE_ENDINGS))
        if prefix and rng.random() < 0.2:
            base = f"{rng.choice(PLACE_PREFIXES)} {base}"
        return base

    def person(self) -> Thing:
        rng = self.rng
        title = rng.choice(("Ms", "Mr"))
        # One surname, one person: "Ms Venholt" is never someone else.
        surname = self._unique(self.surname)
        first = join(self.stem(1), rng.choice(FIRST_ENDINGS[title]))
        name = f"{first} {surname}"
        self.used.add(name)
        if rng.random() < 0.1:
            title = "Dr"
        return Thing("person", name, f"{title} {surname}")

    def organisation(self) -> Thing:
        rng = self.rng
        style = rng.random()
        if style < 0.45:
            name = self._unique(lambda: f"the {self.place_name()} {rng.choice(ORG_INSTITUTIONS)}")
        elif style < 0.8:
            name = self._unique(lambda: f"{self.stem(rng.choice((1, 2)))} {rng.choice(ORG_SECTORS)}")
        else:
            name = self._unique(lambda: f"the {self.surname()} {rng.choice(ORG_KINDS)}")
        return Thing("organisation", name, name)

    def place(self) -> Thing:
        name = self._unique(self.place_name)
        return Thing("place", name, name)

    def event(self) -> Thing:
        rng = self.rng
        kind = rng.choice(list(EVENT_KINDS))
        word = rng.choice(EVENT_KINDS[kind])
        if kind == "politics" and word in {"Act", "Bill", "Charter"}:
            name = self._unique(lambda: f"the {self.place_name(False)} {rng.choice(LAW_SUBJECTS)} {word}")
        elif rng.random() < 0.4:
            name = self._unique(lambda: f"the {rng.choice(EVENT_QUALIFIERS)} {self.place_name(False)} {word}")
        else:
            name = self._unique(lambda: f"the {self.place_name(False)} {word}")
        return Thing("event", name, name)


# ---------------------------------------------------------------- sentences
def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class Writer:
    """Writes one story's sentences about its things."""

    rng: random.Random
    subject: str
    things: list[Thing]
    named: set[str] = field(default_factory=set)

    @property
    def nouns(self) -> list[str]:
        return SUBJECTS[self.subject][0]

    def ref(self, thing: Thing) -> str:
        """The thing as a noun phrase: full name first, short name after."""
        if thing.name in self.named:
            return thing.short
        self.named.add(thing.name)
        return thing.name

    def actor(self, thing: Thing) -> str:
        """Someone who acts or speaks for the thing."""
        if thing.kind in {"person", "organisation"}:
            return self.ref(thing)
        if thing.kind == "place":
            return self.rng.choice(("officials in ", "the council in ", "residents of ")) + self.ref(thing)
        return self.rng.choice(("the organisers of ", "the backers of ")) + self.ref(thing)

    def speaker(self, thing: Thing) -> str:
        """Who is quoted for the thing."""
        if thing.kind == "person":
            return self.ref(thing)
        if thing.kind == "place":
            return f"a council officer in {self.ref(thing)}"
        return f"a spokesperson for {self.ref(thing)}"

    def tie(self, thing: Thing) -> str:
        """A phrase that brings the thing into a sentence about something else."""
        rng, ref = self.rng, self.ref(thing)
        if thing.kind == "person":
            return rng.choice(("after talks with ", "backed by ", "in a row with ", "despite objections from ")) + ref
        if thing.kind == "organisation":
            return rng.choice(("with ", "alongside ", "in a deal with ", "under pressure from ")) + ref
        if thing.kind == "place":
            return rng.choice(("in ", "across ", "around ")) + ref
        return rng.choice(("ahead of ", "in the run-up to ", "after ")) + ref

    def introduce(self, thing: Thing) -> str:
        """A lead sentence that brings in one more thing."""
        rng, ref = self.rng, self.ref(thing)
        if thing.kind == "person":
            role = rng.choice(SUBJECTS[self.subject][1])
            verdict = rng.choice(("went too far", "did not go far enough", "were a start"))
            return f"{ref}, {role}, {rng.choice(SAID)} the plans {verdict}."
        if thing.kind == "organisation":
            return f"{cap(ref)} {rng.choice(SAID)} it would study the plans {rng.choice(WHEN)}."
        if thing.kind == "place":
            return f"The changes would also reach {ref}, where {rng.choice(self.nouns)} are a long-running worry."
        return f"{cap(ref)} is expected to be the first test of the plans."

    def standfirst(self) -> str:
        rng = self.rng
        main, *rest = self.things
        n1, n2 = rng.sample(self.nouns, 2)
        ties = self.tie(rest[0]) if rest else ""
        if len(rest) > 1:
            ties += f", {self.tie(rest[1])},"
        if main.kind == "person":
            who = f"{self.ref(main)}, {rng.choice(SUBJECTS[self.subject][1])},"
        else:
            who = self.actor(main)
        pattern = rng.randrange(6)
        if pattern == 0:
            text = f"{who} plans to {rng.choice(CHANGES)} {n1} and {n2} {ties} after a year of complaints."
        elif pattern == 1:
            text = f"{who} has promised to {rng.choice(CHANGES)} {n1} {ties} saying {n2} can no longer wait."
        elif pattern == 2:
            text = f"{who} faces growing pressure over {n1} {ties} as the cost of {n2} climbs."
        elif pattern == 3:
            text = f"{who} has called for an inquiry into {n1} {ties} the first in a decade."
        elif pattern == 4:
            text = (
                f"{who} has set out a plan to {rng.choice(CHANGES)} {n1} {ties} in a bid to win back trust over {n2}."
            )
        else:
            better = rng.choice(("cheaper", "simpler", "fairer"))
            text = f"{who} says {n1} will be {better} by next year {ties} though doubts over {n2} remain."
        return cap(text.replace(",,", ",").replace(", saying", " saying").replace(" ,", ","))

    def lead(self) -> str:
        rng = self.rng
        main, *rest = self.things
        n1, n2 = rng.sample(self.nouns, 2)
        sentences = [
            cap(
                f"{self.actor(main)} {rng.choice(SAID)} on {rng.choice(DAYS)} that a review of {n1} "
                f"would report {rng.choice(WHEN)} and that {n2} would be the first priority."
            )
        ]
        # The standfirst's other names come back in the lead; the rest are new here.
        if rest[:2]:
            sentences.append(self.about(rng.choice(rest[:2])))
        sentences.extend(self.introduce(t) for t in rest[2:])
        return " ".join(sentences)

    def about(self, thing: Thing) -> str:
        """One body sentence that names the thing."""
        rng = self.rng
        n1, n2, n3 = rng.sample(self.nouns, 3)
        said, quoted = rng.choice(SAID), rng.choice(QUOTE_SAID)
        pattern = rng.randrange(14)
        if pattern == 0:
            return f"{cap(self.actor(thing))} {said} that {n1} and {n2} would change over the next year."
        if pattern == 1:
            return f'"We have to get {n1} right," {quoted} {self.speaker(thing)}, adding that {n3} mattered too.'
        if pattern == 2:
            return f"{rng.choice(LINKS)} the debate over {n2} {self.tie(thing)} has gone on for months."
        if pattern == 3:
            return f"Figures show spending on {n3} rose by {rng.randint(2, 40)}% while {n1} fell {self.tie(thing)}."
        if pattern == 4:
            return f"{cap(self.actor(thing))} will publish a report on {n1} {rng.choice(WHEN)}."
        if pattern == 5:
            return f"The dispute over {n2} is the latest in a series of problems for {self.ref(thing)}."
        if pattern == 6:
            return f"Few expect {self.ref(thing)} to back down on {n1} before the vote on {n2}."
        if pattern == 7:
            return f'"Nobody asked us about {n2}," {quoted} {self.speaker(thing)}. "We found out from the papers."'
        if pattern == 8:
            ref = self.ref(thing)
            return f"Questions about {n1} have followed {ref} since the spring, and the row over {n3} has not helped."
        if pattern == 9:
            return (
                f"A letter seen by this newspaper shows {self.actor(thing)} knew of the problems with {n2} last year."
            )
        if pattern == 10:
            return (
                f"{cap(self.speaker(thing))} {said} the figures on {n1} were "
                f"{rng.choice(('encouraging', 'worrying', 'out of date', 'misleading'))}."
            )
        if pattern == 11:
            return f"It is not the first time {self.ref(thing)} has been drawn into a row over {n3}."
        if pattern == 12:
            return f"{rng.choice(LINKS)} {self.actor(thing)} has asked for more time to look at {n1}."
        return f"Talks on {n2} {self.tie(thing)} are due to resume {rng.choice(WHEN)}."

    def filler(self) -> str:
        """A body sentence that names nothing."""
        rng = self.rng
        n1, n2 = rng.sample(self.nouns, 2)
        pattern = rng.randrange(10)
        if pattern == 0:
            return f"Some people said they had heard nothing about the changes to {n1}."
        if pattern == 1:
            return f"{rng.choice(LINKS)} the question of {n1} has divided opinion for years."
        if pattern == 2:
            return f"Others doubt that {n2} will improve {rng.choice(WHEN)}, or at all."
        if pattern == 3:
            return f"A survey of {rng.randint(200, 3000)} people found that {rng.randint(20, 80)}% worried about {n1}."
        if pattern == 4:
            return f"The cost of {n1} has risen every year since {rng.randint(1990, 2020)}, and {n2} with it."
        if pattern == 5:
            return (
                f"One long-serving observer called the handling of {n1} {rng.choice(('a mess', 'overdue', 'brave'))}."
            )
        if pattern == 6:
            return f"There were {rng.randint(3, 90)} complaints about {n2} in the last month alone."
        if pattern == 7:
            return f"Nothing has been decided yet, and {n1} could still be left as it is."
        if pattern == 8:
            return f"The last review of {n2}, {rng.randint(3, 15)} years ago, was never put into practice."
        return f"Experts say {n1} and {n2} cannot be fixed one at a time."

    def passing(self, person: str) -> str:
        """A one-off name in the body: no topic."""
        return f'"It is about time," said {person}, who has followed the story of {self.rng.choice(self.nouns)}.'


# ---------------------------------------------------------------- stories
@dataclass
class Story:
    things: list[Thing]
    paragraphs: list[str]


def stories(n: int, seed: int = 1) -> Iterator[Story]:
    """N stories, the same for the same seed."""
    rng = random.Random(seed)
    namer = Namer(rng)
    makers = {"person": namer.person, "organisation": namer.organisation, "place": namer.place, "event": namer.event}
    urns = {kind: Urn(rng, makers[kind], *URN_PARAMETERS[kind]) for kind in makers}
    sizes, size_weights = list(THINGS_PER_STORY), list(THINGS_PER_STORY.values())
    kinds, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    subjects = list(SUBJECTS)
    for _ in range(n):
        subject = zipf(rng, subjects, 0.8)
        count = rng.choices(sizes, size_weights)[0]
        picked = rng.choices(kinds, kind_weights, k=count)
        # A story is about someone or some body first.
        if picked[0] in {"place", "event"} and rng.random() < 0.7:
            picked[0] = rng.choice(("person", "organisation"))
        things: list[Thing] = []
        avoid: set[str] = set()
        for kind in picked:
            thing = urns[kind].draw(avoid)
            avoid.add(thing.name)
            things.append(thing)
        yield Story(things, write(rng, subject, things, namer))


def write(rng: random.Random, subject: str, things: list[Thing], namer: Namer) -> list[str]:
    writer = Writer(rng, subject, things)
    paragraphs = [writer.standfirst(), writer.lead()]
    target = rng.randint(400, 860)
    count = sum(len(p.split()) for p in paragraphs)
    # Every thing comes back at least twice below the lead; the main one most.
    due = [t for t in things for _ in range(2)] + [things[0]] * rng.randint(1, 3)
    rng.shuffle(due)
    weights = [3] + [1] * (len(things) - 1)
    passing = rng.random() < 0.3
    while count < target:
        paragraph = []
        for _ in range(rng.randint(2, 4)):
            if due:
                sentence = writer.about(due.pop())
            elif passing and rng.random() < 0.2:
                sentence, passing = writer.passing(f"{namer.stem(1)}{rng.choice('aeo')} {namer.surname()}"), False
            elif rng.random() < 0.35:
                sentence = writer.about(rng.choices(things, weights)[0])
            else:
                sentence = writer.filler()
            paragraph.append(sentence)
            count += len(sentence.split())
            if count >= target:
                break
        paragraphs.append(" ".join(paragraph))
    return paragraphs


# A newsroom publishing 30 stories a day: story k is dated k / 30 days after
# FIRST_DAY, so an archive spans months and years as a real one does (its
# month pages, feeds' windows and news sitemap then behave as they would).
STORIES_PER_DAY = 30
FIRST_DAY = datetime(2021, 1, 4, 6, 0)


def dateline(k: int) -> str:
    """The ``Date:`` header line of the k-th story.

    >>> dateline(0), dateline(31)
    ('Date: 2021-01-04 06:00', 'Date: 2021-01-05 06:48')
    """
    when = FIRST_DAY + timedelta(minutes=k * 24 * 60 // STORIES_PER_DAY)
    return f"Date: {when:%Y-%m-%d %H:%M}"


def generate(n: int, out: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed ^ 0x5EED)  # file grouping: its own stream
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    made = 0
    source = stories(n, seed)
    while made < n:
        group = min(rng.randint(1, 5), n - made)
        batch = [[dateline(made + k), *next(source).paragraphs] for k in range(group)]
        path = out / f"wire-{len(files):05d}.txt"
        # Two blank lines after every story, the last one too, are explicit
        # separators: the converter finds exactly these stories, also in a
        # file of one story (which it would otherwise try to split itself).
        path.write_text("".join("\n\n".join(s) + "\n\n\n" for s in batch), encoding="utf-8")
        files.append(path)
        made += group
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    files = generate(args.n, args.out, args.seed)
    print(f"{args.n} stories in {len(files)} files under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
