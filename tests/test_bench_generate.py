"""bench/generate.py: synthetic copy that is deterministic, counted exactly and
has a topic vocabulary that grows with the archive, as real copy does."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from generator.convert.split import split_stories

ROOT = Path(__file__).resolve().parent.parent


def _load_generate():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


generate = _load_generate()


def _tree(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    generate.generate(25, tmp_path / "a", seed=7)
    generate.generate(25, tmp_path / "b", seed=7)
    generate.generate(25, tmp_path / "c", seed=8)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert _tree(tmp_path / "a") != _tree(tmp_path / "c")


@pytest.mark.parametrize("n", [1, 2, 23])
def test_the_converter_splits_exactly_the_stories_asked_for(tmp_path, n):
    files = generate.generate(n, tmp_path, seed=n)
    found = [story for f in files for story in split_stories(f.read_text(encoding="utf-8"))[0]]
    assert len(found) == n
    assert all(1 <= len(split_stories(f.read_text(encoding="utf-8"))[0]) <= 5 for f in files)
    for story in found:
        assert 400 <= sum(len(p.split()) for p in story.paragraphs) <= 900


def test_each_story_names_its_things_high_up_and_again_below():
    for story in generate.stories(200, seed=3):
        assert 2 <= len(story.things) <= 5
        top = " ".join(story.paragraphs[:2])
        below = " ".join(story.paragraphs[2:])
        for thing in story.things:
            assert thing.name.removeprefix("the ") in top
            assert thing.short.removeprefix("the ") in below


def _names(n: int, seed: int = 1) -> Counter:
    return Counter(thing.name for story in generate.stories(n, seed) for thing in story.things)


def test_the_vocabulary_grows_with_the_archive_with_a_long_tail_and_a_busy_head():
    small, large = _names(200), _names(2000)
    # The first 200 stories of the larger archive are the smaller archive.
    assert set(small) <= set(large)
    assert len(large) > 3 * len(small)
    assert len(small) > 200  # more than one name a story in a small archive
    singles = sum(1 for count in large.values() if count == 1)
    assert 0.55 < singles / len(large) < 0.85
    # ... and some names come back in many stories.
    assert large.most_common(1)[0][1] >= 0.03 * 2000
    assert sum(1 for count in large.values() if count >= 10) >= 20
