"""Fit and check the story-boundary weights in generator/convert/split.py.

    .venv/bin/python tools/fit_splitter.py [--corpus ../shared/corpus/dev] [--folds 5]

Reads a corpus laid out like ``../shared/corpus`` (raw/NNN.txt plus
truth.jsonl), computes boundary_features() for every paragraph, fits a
logistic regression by gradient descent (pure Python, L2-regularised) and
prints the fitted weights and the boundary F1 of the dynamic programme with
those weights, cross-validated by file so the figure is honest.  It then
scans COHESION_WEIGHT (how much each story's lexical cohesion counts in the
programme) and reports the cross-validated choice.  The corpus
text never leaves the corpus folder: only the weights are copied by hand into
splitting.WEIGHTS.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import splitting
from generator.convert.split import (
    WEIGHTS,
    ParagraphSimilarity,
    _bags_and_idf,
    boundary_features,
    choose_boundaries,
    score_features,
)

COHESION_GRID = (0.0, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0)


def load(corpus: Path):
    """(features per line, true story starts, pair similarities) for every raw file."""
    files = []
    for row in map(json.loads, (corpus / "truth.jsonl").read_text().splitlines()):
        lines = (corpus / "raw" / row["file"]).read_text(encoding="utf-8").split("\n")
        starts = {s["first_body_line_index"] for s in row["stories"]}
        bags_idf = _bags_and_idf(lines)
        files.append((boundary_features(lines, bags_idf), starts, ParagraphSimilarity(*bags_idf)))
    return files


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


def evaluate(files, weights, cohesion=None):
    cohesion = splitting.COHESION_WEIGHT if cohesion is None else cohesion
    tp = fp = fn = 0
    for feats, starts, sims in files:
        scores = [0.0] + [score_features(f, weights) for f in feats[1:]]
        pred = set(choose_boundaries(scores, similarity=sims, cohesion_weight=cohesion)) - {0}
        gold = starts - {0}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    return p, r, (2 * p * r / (p + r) if p + r else 0)


def perceptron(files, names, start, epochs=30, rate=0.1):
    """Structured averaged perceptron: train the weights through the DP itself."""
    w = dict(start)
    total = dict.fromkeys(w, 0.0)
    steps = 0
    for epoch in range(epochs):
        order = files[epoch % 7 :] + files[: epoch % 7]
        for feats, starts, sims in order:
            scores = [0.0] + [score_features(f, w) for f in feats[1:]]
            pred = set(choose_boundaries(scores, similarity=sims)) - {0}
            gold = starts - {0}
            for i in gold - pred:
                w["bias"] += rate
                for k in names:
                    w[k] += rate * feats[i][k]
            for i in pred - gold:
                w["bias"] -= rate
                for k in names:
                    w[k] -= rate * feats[i][k]
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
        print("COHESION_WEIGHT = {:>4}: P={:.3f} R={:.3f} F1={:.3f}".format(weight, *evaluate(files, WEIGHTS, weight)))
    total = [0.0, 0.0, 0.0]
    for k, fold in enumerate(folds):
        train = [f for j, other in enumerate(folds) if j != k for f in other]
        weight = max(COHESION_GRID, key=lambda w: evaluate(train, WEIGHTS, w)[2])
        for n, v in enumerate(evaluate(fold, WEIGHTS, weight)):
            total[n] += v / len(folds)
    print("cohesion weight chosen by cross-validation: P={:.3f} R={:.3f} F1={:.3f}".format(*total))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/dev"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--perceptron", action="store_true", help="refine the weights with a structured perceptron")
    args = ap.parse_args()
    files = load(args.corpus)
    names = [k for k in WEIGHTS if k != "bias"]

    def rows_of(subset):
        return [(f, float(i in starts)) for feats, starts, _ in subset for i, f in enumerate(feats) if i]

    print("current weights: P={:.3f} R={:.3f} F1={:.3f}".format(*evaluate(files, WEIGHTS)))
    folds = [files[k :: args.folds] for k in range(args.folds)]
    total = [0.0, 0.0, 0.0]
    for k in range(args.folds):
        train = [f for j, fold in enumerate(folds) if j != k for f in fold]
        w = fit(rows_of(train), names)
        for n, v in enumerate(evaluate(folds[k], w)):
            total[n] += v / args.folds
    print("cross-validated fitted weights: P={:.3f} R={:.3f} F1={:.3f}".format(*tuple(total)))
    total = [0.0, 0.0, 0.0]
    for k in range(args.folds):
        train = [f for j, fold in enumerate(folds) if j != k for f in fold]
        w = perceptron(train, names, fit(rows_of(train), names))
        for n, v in enumerate(evaluate(folds[k], w)):
            total[n] += v / args.folds
    print("cross-validated, perceptron-refined: P={:.3f} R={:.3f} F1={:.3f}".format(*total))
    w = fit(rows_of(files), names)
    if args.perceptron:
        w = perceptron(files, names, w)
    print("fitted on all files: P={:.3f} R={:.3f} F1={:.3f}".format(*evaluate(files, w)))
    w = tune_bias(files, w)
    print("bias and length priors tuned for the DP: P={:.3f} R={:.3f} F1={:.3f}".format(*evaluate(files, w)))
    print(f"SHORT_STORY_PENALTY = {splitting.SHORT_STORY_PENALTY}")
    scan_cohesion(files, folds)
    print("WEIGHTS = {")
    for k in ["bias", *names]:
        print(f'    "{k}": {w[k]:.2f},')
    print("}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
