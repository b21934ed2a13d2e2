"""Write N synthetic raw stories for benchmarks: deterministic, realistic.

    .venv/bin/python bench/generate.py N OUT_DIR [--seed 1]

Stories are 400-900 words: a one-sentence standfirst, then a lead and body
paragraphs.  People, places, organisations and subjects are drawn with a
Zipf-like spread, so a few topics are busy and many are rare, as in a real
archive.  Files hold one to five stories run together, like the wire copy the
converter reads.  All text is made up here from word lists we wrote.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = """Amara Bilal Chen Dara Elena Farid Greta Hugo Ines Jonas Kemal Lena Marco Nadia Omar Priya
Quentin Rosa Samir Tomas Ulla Victor Wen Xavier Yusuf Zara Alba Bruno Celia Dmitri""".split()
LAST = """Okafor Lindqvist Moreau Haddad Novak Fischer Tanaka Alvarez Kowalski Mensah Rossi Petrov
Nakamura Olsen Silva Brennan Costa Dubois Eriksen Farouk Grant Horvat Ibarra Jensen Kaur""".split()
PLACES = """Port Ellis|Vale of Arden|Northmere|Castlebridge|Redhaven|Lowmoor|Eastwick Bay|Kessington|
Marrowfield|Dunmore|Halvik|Saltcombe|Brightwater|Oakhurst|Westfold|Greyport|Stonebury|Ashby Cross|
Millbrook|Fenwick""".replace("\n", "").split("|")
ORGS = """the harbour authority|the city council|the regional assembly|the national rail company|the
health board|the farmers' union|the chamber of commerce|the energy regulator|the football league|the
arts council|the water company|the teachers' union|the central bank|the space agency|the film
institute""".replace("\n", " ").split("|")
SUBJECTS = {
    "housing": "homes rents planning developers tenants mortgages",
    "transport": "rail buses fares timetables commuters roads",
    "energy": "power grid wind solar prices supply",
    "health": "hospitals waiting lists nurses doctors patients clinics",
    "education": "schools pupils exams teachers funding classrooms",
    "sport": "match season league goals coach players",
    "culture": "festival film theatre album gallery audience",
    "business": "profits shares investors jobs exports markets",
    "science": "research study data scientists laboratory results",
    "environment": "flooding rivers emissions wildlife coast pollution",
}
VERBS = "said warned announced confirmed argued insisted suggested revealed".split()
LINKS = "However, Meanwhile, In addition, Earlier this year, Critics say, Supporters argue,".split(",")


def zipf(rng: random.Random, items: list, s: float = 1.1):
    weights = [1 / (rank + 1) ** s for rank in range(len(items))]
    return rng.choices(items, weights=weights, k=1)[0]


def person(rng: random.Random) -> str:
    return f"{zipf(rng, FIRST)} {zipf(rng, LAST)}"


def sentence(rng: random.Random, subject: str, who: str, place: str, org: str) -> str:
    words = SUBJECTS[subject].split()
    picks = rng.sample(words, 3)
    verb = rng.choice(VERBS)
    pattern = rng.randrange(4)
    if pattern == 0:
        return f"{org.capitalize()} {verb} that {picks[0]} and {picks[1]} in {place} would change over the next year."
    if pattern == 1:
        surname = who.split()[1]
        return f'"We have to get the {picks[0]} right," {verb} Ms {surname}, adding that {picks[2]} mattered too.'
    if pattern == 2:
        return f"{rng.choice(LINKS).strip()} the debate over {picks[1]} has divided {place} for months."
    return f"Figures show {picks[2]} rose by {rng.randint(2, 40)}% while {picks[0]} fell in {place}."


def story(rng: random.Random, n: int) -> list[str]:
    subject = zipf(rng, list(SUBJECTS))
    place, org, who = zipf(rng, PLACES), zipf(rng, ORGS), person(rng)
    words = SUBJECTS[subject].split()
    standfirst = (
        f"{org.capitalize()} in {place} plans to overhaul {words[0]} and {words[1]} after a year of complaints, "
        f"with {who} leading review number {n}."
    )
    lead = (
        f"{who}, who chairs {org} in {place}, said on Monday that the review of {words[0]} would report "
        f"within six months and that {words[2]} would be the first priority."
    )
    paragraphs = [standfirst, lead]
    target = rng.randint(400, 900)
    count = len(standfirst.split()) + len(lead.split())
    while count < target:
        paragraph = " ".join(sentence(rng, subject, who, place, org) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return paragraphs


def generate(n: int, out: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    made = 0
    while made < n:
        group = min(rng.randint(1, 5), n - made)
        stories = [story(rng, made + k) for k in range(group)]
        path = out / f"wire-{len(files):05d}.txt"
        # Explicit blank-line separators keep the benchmark's story count exact.
        path.write_text("\n\n\n".join("\n\n".join(s) for s in stories) + "\n", encoding="utf-8")
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
