"""Measure drop-cap repair on many more cases than the corpus marks.

    .venv/bin/python tools/simulate_drop_caps.py [--corpus ../shared/corpus/dev]

The corpus marks about 50 first body lines that lost their first letter. This
tool takes every other body line that starts with a capital letter, removes
that letter and asks the repair to put it back (the rest of the story is its
context), then prints how many came back right, how many were guessed wrong
and how many were left alone, with the commonest mistakes. It also prints
the same figures for first body lines only (a story's lead paragraph, where
real drop caps are lost), the closest stand-in for a split it has not seen.
A wrong guess is worse than none: the converter leaves a paragraph alone
when unsure.
Corpus text is read where it lies and never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.convert.clean import clean_paragraph, repair_drop_cap


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/dev"))
    args = ap.parse_args()
    every: Counter = Counter()  # right, wrong, alone
    first: Counter = Counter()  # the same, first body lines only
    mistakes: Counter = Counter()
    for row in map(json.loads, (args.corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()):
        lines = (args.corpus / "raw" / row["file"]).read_text(encoding="utf-8").split("\n")
        for story in row["stories"]:
            start = story["first_body_line_index"]
            paragraphs = [clean_paragraph(line) for line in lines[start : start + story["n_lines"]]]
            for k in range(1, len(paragraphs)):
                text = paragraphs[k]
                if (k == 1 and story["dropcap_removed"]) or not text[:1].isalpha() or not text[:1].isupper():
                    continue
                context = " ".join(paragraphs[:k] + paragraphs[k + 1 :])
                # A lost one-letter word ("A quarter") leaves a space the cleaner strips.
                fixed, note = repair_drop_cap(clean_paragraph(text[1:]), context)
                outcome = "right" if fixed == text else "alone" if note is None else "wrong"
                every[outcome] += 1
                if k == 1:
                    first[outcome] += 1
                if outcome == "wrong":
                    mistakes[(text.split()[0], fixed.split()[0])] += 1
    right, wrong, alone = every["right"], every["wrong"], every["alone"]
    total = right + wrong + alone
    print(f"simulated drop caps: {right}/{total} = {right / total:.3f} restored, {wrong} wrong, {alone} left alone")
    leads = sum(first.values())
    print(
        f"first body lines only: {first['right']}/{leads} = {first['right'] / max(1, leads):.3f} restored, "
        f"{first['wrong']} wrong, {first['alone']} left alone"
    )
    print(
        "commonest mistakes (original -> guess):", ", ".join(f"{a}->{b} x{n}" for (a, b), n in mistakes.most_common(10))
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
