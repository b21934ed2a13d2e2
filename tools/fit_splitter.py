"""Fit and check the story-boundary weights in generator/convert/split.py.

    .venv/bin/python tools/fit_splitter.py [--corpus ../shared/corpus/dev] [--folds 5] [--wire-only]

Reads a corpus laid out like ``../shared/corpus`` (raw/NNN.txt plus
truth.jsonl) and prints weights to copy by hand into split.py, with the F1
each gives.  The corpus text never leaves the corpus folder: only numbers
are printed.

1. WEIGHTS, the standfirst model: boundary_features() for every paragraph,
   a logistic regression fitted by gradient descent (pure Python,
   L2-regularised), the boundary F1 of the dynamic programme with those
   weights cross-validated by file, and a scan of COHESION_WEIGHT.
2. OPENING_LINE_WEIGHTS, which decide whether the line over a datelined lead
   opens its story or ends the one before.  The dev corpus has no datelines,
   so wire copy is made from it in memory: each story's lead gets a made-up
   dateline ("LONDON, March 3 (Reuters) - "), and the story keeps its
   standfirst, has a title line (its real headline) instead, or has neither
   (the lead opens the story); each file keeps one layout, as one house
   style does.  Some variants write one sentence per paragraph, as wire copy
   does, and some leave a share of stories without a dateline.  The weights
   are fitted on the datelined leads' opening-line features, cross-validated
   by file, and UNDATED_START is scanned.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.convert import split as splitting
from generator.convert.split import OPENING_LINE_WEIGHTS, WEIGHTS, Evidence, measure_evidence

COHESION_GRID = (0.0, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0)
UNDATED_GRID = (0.0, -4.0, -6.0, -8.0, -10.0, -12.0, -15.0, -20.0, -1000.0)


@dataclass
class File:
    evidence: Evidence
    starts: set[int]  # true story starts (0-based paragraph indices)
    n: int


def load(corpus: Path) -> list[File]:
    """The corpus's raw files, measured, with their true story starts."""
    files = []
    for row in map(json.loads, (corpus / "truth.jsonl").read_text().splitlines()):
        lines = (corpus / "raw" / row["file"]).read_text(encoding="utf-8").split("\n")
        starts = {s["first_body_line_index"] for s in row["stories"]}
        files.append(File(measure_evidence(lines), starts, len(lines)))
    return files


# ---------------------------------------------------------------- wire copy
# Made-up datelines in the forms wire services write.
_CITIES = [
    c.replace("_", " ")
    for c in (
        "LONDON NEW_YORK RIO_DE_JANEIRO ST._LOUIS WASHINGTON_D.C. TOKYO AMSTERDAM PARIS SAN_FRANCISCO HONG_KONG "
        "SALT_LAKE_CITY BRUSSELS FRANKFURT SYDNEY WASHINGTON CHICAGO BEIJING MOSCOW NAIROBI BUENOS_AIRES ZURICH"
    ).split()
]
_MONTHS = "January February March April May June July August September October November December".split()
_AGENCIES = ("Reuters", "AP", "AFP", "dpa")
_DASHES = (" - ", " -- ", " \u2014 ", " \u2013 ")
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d]))\s+(?=[\"'\u201c]?[A-Z])")


def made_up_dateline(rng: random.Random) -> str:
    city = rng.choice(_CITIES)
    month, day, year = rng.choice(_MONTHS), rng.randint(1, 28), rng.randint(1985, 2024)
    short = month[:3] + ("." if len(month) > 4 else "")
    dash, agency = rng.choice(_DASHES), rng.choice(_AGENCIES)
    return rng.choice(
        (
            f"{city}, {month} {day}{dash}",
            f"{city}, {short} {day}{dash}",
            f"{city}, {day} {month} {year} ({agency}){dash}",
            f"{city} ({agency}){dash}",
            f"{city}{dash}",
            f"{city}, {month} {day}, {year}{dash}",
            f"{city}, {short} {day} ({agency}){dash}",
        )
    )


def corpus_stories(corpus: Path) -> list[dict]:
    """Every story of the corpus: headline, standfirst, body (drop caps put back)."""
    stories = []
    for row in map(json.loads, (corpus / "truth.jsonl").read_text().splitlines()):
        lines = (corpus / "raw" / row["file"]).read_text(encoding="utf-8").split("\n")
        for s in row["stories"]:
            start = s["first_body_line_index"]
            body = lines[start + 1 : start + s["n_lines"]]
            if s.get("dropcap_removed") and body and s.get("original_first_word"):
                body[0] = s["original_first_word"][0] + body[0]
            stories.append({"headline": s["headline"], "standfirst": lines[start], "body": body})
    return stories


def wire_files(
    stories: list[dict], layout: str, seed: int, count: int = 80, one_sentence: float = 0.0, undated: float = 0.0
) -> list[tuple[list[str], set[int]]]:
    """Wire-style files (paragraphs, true starts) of 2-4 corpus stories each.

    ``layout`` is "lead" (the datelined lead opens the story), "title" (a
    title line over it), "standfirst" (the standfirst over it), or "mixed"
    (any of them, story by story).  ``one_sentence`` is the share of stories
    written one sentence per paragraph; ``undated`` the share that keep their
    standfirst and get no dateline.
    """
    rng = random.Random(seed)
    files: list[tuple[list[str], set[int]]] = []
    order: list[dict] = []
    for _ in range(count):
        if len(order) < 4:
            order = stories[:]
            rng.shuffle(order)
        picked = order[: rng.randint(2, 4)]
        order = order[len(picked) :]
        paragraphs: list[str] = []
        starts: set[int] = set()
        for story in picked:
            body = list(story["body"])
            if rng.random() < one_sentence:
                body = [s for p in body for s in _SENTENCE.split(p) if s.strip()]
            starts.add(len(paragraphs))
            if rng.random() < undated:
                paragraphs += [story["standfirst"], *body]
                continue
            body[0] = made_up_dateline(rng) + body[0]
            kind = rng.choice(("lead", "title", "standfirst")) if layout == "mixed" else layout
            opening = {"lead": [], "title": [story["headline"]], "standfirst": [story["standfirst"]]}[kind]
            paragraphs += [*opening, *body]
        files.append((paragraphs, starts))
    return files


def wire_sets(corpus: Path) -> dict[str, list[File]]:
    stories = corpus_stories(corpus)
    specs = {
        "lead": ("lead", 11, 0.0, 0.0),
        "title": ("title", 12, 0.0, 0.0),
        "standfirst": ("standfirst", 13, 0.0, 0.0),
        "one-sentence lead": ("lead", 14, 1.0, 0.0),
        "one-sentence title": ("title", 15, 1.0, 0.0),
        "mixed in a file": ("mixed", 16, 0.5, 0.0),
        "20% undated": ("mixed", 17, 0.3, 0.2),
    }
    return {
        name: [File(measure_evidence(p), s, len(p)) for p, s in wire_files(stories, layout, seed, 80, one, undated)]
        for name, (layout, seed, one, undated) in specs.items()
    }


# ---------------------------------------------------------------- fitting
def fit(rows, names, epochs=3000, rate=2.0, l2=0.001):
    w = dict.fromkeys(names, 0.0)
    w["bias"] = 0.0
    for _ in range(epochs):
        grad = dict.fromkeys(w, 0.0)
        for x, y in rows:
            z = w["bias"] + sum(w[k] * x[k] for k in names)
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            for k in names:
                grad[k] += (p - y) * x[k]
            grad["bias"] += p - y
        for k in w:
            w[k] -= rate * (grad[k] / len(rows) + (l2 * w[k] if k != "bias" else 0))
    return w


def evaluate(files: list[File], weights=None, cohesion=None, opening=None, undated=None):
    """Internal-boundary P/R/F1 and story F1 (a story counts when found exactly)."""
    options = {
        "weights": WEIGHTS if weights is None else weights,
        "opening_weights": OPENING_LINE_WEIGHTS if opening is None else opening,
        "undated_start": undated,
    }
    cohesion = splitting.COHESION_WEIGHT if cohesion is None else cohesion
    tp = fp = fn = 0
    found = predicted = true = 0
    for f in files:
        starts = f.evidence.starts(cohesion, **options)
        pred, gold = set(starts) - {0}, f.starts - {0}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        spans = set(zip(sorted(starts), [*sorted(starts)[1:], f.n], strict=True))
        truth = sorted(f.starts)
        true_spans = set(zip(truth, [*truth[1:], f.n], strict=True))
        found += len(spans & true_spans)
        predicted += len(spans)
        true += len(true_spans)
    p = tp / (tp + fp) if tp + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    sp, sr = found / predicted, found / true
    return p, r, (2 * p * r / (p + r) if p + r else 0), (2 * sp * sr / (sp + sr) if sp + sr else 0)


def perceptron(files, names, start, epochs=30, rate=0.1):
    """Structured averaged perceptron: train the weights through the DP itself."""
    w = dict(start)
    total = dict.fromkeys(w, 0.0)
    steps = 0
    for epoch in range(epochs):
        order = files[epoch % 7 :] + files[: epoch % 7]
        for f in order:
            pred = set(f.evidence.starts(weights=w)) - {0}
            gold = f.starts - {0}
            for i in gold - pred:
                w["bias"] += rate
                for k in names:
                    w[k] += rate * f.evidence.features[i][k]
            for i in pred - gold:
                w["bias"] -= rate
                for k in names:
                    w[k] -= rate * f.evidence.features[i][k]
            for k in w:
                total[k] += w[k]
            steps += 1
    return {k: v / steps for k, v in total.items()}


def tune_bias(files, w):
    """Shift the bias and the short-story penalty to what the DP likes best."""
    best = (evaluate(files, w)[2], w["bias"], splitting.SHORT_STORY_PENALTY)
    base = w["bias"]
    for penalty in (0.0, 0.5, 1.0, 1.5, 2.0, 3.0):
        splitting.SHORT_STORY_PENALTY = penalty
        for delta in (-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2):
            w["bias"] = base + delta
            f1 = evaluate(files, w)[2]
            if f1 > best[0]:
                best = (f1, w["bias"], penalty)
    w["bias"], splitting.SHORT_STORY_PENALTY = best[1], best[2]
    return w


def scan_cohesion(files, folds) -> None:
    """Boundary F1 for each cohesion weight, and the weight cross-validation picks."""
    for weight in COHESION_GRID:
        print(
            "COHESION_WEIGHT = {:>4}: P={:.3f} R={:.3f} F1={:.3f} story F1={:.3f}".format(
                weight, *evaluate(files, cohesion=weight)
            )
        )
    total = [0.0] * 4
    for k, fold in enumerate(folds):
        train = [f for j, other in enumerate(folds) if j != k for f in other]
        weight = max(COHESION_GRID, key=lambda w: evaluate(train, cohesion=w)[2])
        for n, v in enumerate(evaluate(fold, cohesion=weight)):
            total[n] += v / len(folds)
    print("cohesion weight chosen by cross-validation: P={:.3f} R={:.3f} F1={:.3f} story F1={:.3f}".format(*total))


def fit_standfirst_model(files: list[File], folds_count: int, refine: bool) -> None:
    names = [k for k in WEIGHTS if k != "bias"]

    def rows_of(subset):
        return [(f.evidence.features[i], float(i in f.starts)) for f in subset for i in range(1, f.n)]

    print("current weights: P={:.3f} R={:.3f} F1={:.3f} story F1={:.3f}".format(*evaluate(files)))
    folds = [files[k::folds_count] for k in range(folds_count)]
    total = [0.0] * 4
    for k in range(folds_count):
        train = [f for j, fold in enumerate(folds) if j != k for f in fold]
        w = fit(rows_of(train), names)
        for n, v in enumerate(evaluate(folds[k], w)):
            total[n] += v / folds_count
    print("cross-validated fitted weights: P={:.3f} R={:.3f} F1={:.3f} story F1={:.3f}".format(*total))
    w = fit(rows_of(files), names)
    if refine:
        w = perceptron(files, names, w)
    print("fitted on all files: P={:.3f} R={:.3f} F1={:.3f} story F1={:.3f}".format(*evaluate(files, w)))
    w = tune_bias(files, w)
    print(
        "bias and length priors tuned for the DP: P={:.3f} R={:.3f} F1={:.3f} story F1={:.3f}".format(
            *evaluate(files, w)
        )
    )
    print(f"SHORT_STORY_PENALTY = {splitting.SHORT_STORY_PENALTY}")
    scan_cohesion(files, folds)
    print("WEIGHTS = {")
    for k in ["bias", *names]:
        print(f'    "{k}": {w[k]:.2f},')
    print("}")


def fit_opening_line_model(corpus: Path, folds_count: int) -> None:
    sets = wire_sets(corpus)
    names = [k for k in OPENING_LINE_WEIGHTS if k != "bias"]
    # Fitted on files that keep one layout each (as one house style does) and
    # on files that mix them, so the house style is evidence, not the answer.
    training = [
        f
        for name in ("lead", "title", "standfirst", "one-sentence lead", "one-sentence title", "mixed in a file")
        for f in sets[name]
    ]

    def rows_of(subset):
        rows = []
        for f in subset:
            _, _, features = f.evidence.scores()
            rows += [(features[i], float(i in f.starts)) for i in f.evidence.opening]
        return rows

    rows = rows_of(training)
    print(
        f"\nopening lines over datelined leads: {len(rows)}, of which open their story: {sum(y for _, y in rows):.0f}"
    )
    folds = [training[k::folds_count] for k in range(folds_count)]
    total = [0.0] * 4
    for k in range(folds_count):
        train = [f for j, fold in enumerate(folds) if j != k for f in fold]
        w = fit(rows_of(train), names, rate=4.0, epochs=6000)
        for n, v in enumerate(evaluate(folds[k], opening=w)):
            total[n] += v / folds_count
    print("cross-validated by file: P={:.3f} R={:.3f} F1={:.3f} story F1={:.3f}".format(*total))
    w = fit(rows, names, rate=4.0, epochs=6000)
    print("OPENING_LINE_WEIGHTS = {")
    for k in ["bias", *names]:
        print(f'    "{k}": {w[k]:.2f},')
    print("}")
    print("\nstory F1 by UNDATED_START (current OPENING_LINE_WEIGHTS):")
    print("{:>10}".format("") + "".join(f"{name:>20}" for name in sets))
    for undated in UNDATED_GRID:
        row = [evaluate(files, undated=undated)[3] for files in sets.values()]
        print(f"{undated:>10}" + "".join(f"{v:>20.3f}" for v in row))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/dev"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--perceptron", action="store_true", help="refine the weights with a structured perceptron")
    ap.add_argument("--wire-only", action="store_true", help="only the opening-line model and UNDATED_START")
    args = ap.parse_args()
    if not args.wire_only:
        fit_standfirst_model(load(args.corpus), args.folds, args.perceptron)
    fit_opening_line_model(args.corpus, args.folds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
