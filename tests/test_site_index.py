"""The site index keeps every story's head through many quick builds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from generator import site_index
from generator.site_index import SiteIndex


def _head(n: int, title: str = "") -> dict:
    when = datetime(2026, 3, 1 + n % 27, 9, 30, tzinfo=UTC)
    return {"save_as": f"stories/{n}/index.html", "date": when, "modified": None, "title": title, "tags": [f"T{n % 3}"]}


def _row(head: dict) -> tuple:
    return (head["save_as"], head, {"summary": f"story {head['save_as']}"}, f"<p>{head['save_as']}</p>")


@pytest.mark.parametrize("max_changes", [1, 1000])
def test_heads_read_back_after_changes_with_or_without_compaction(tmp_path, monkeypatch, max_changes):
    monkeypatch.setattr(site_index, "HEADS_PER_CHUNK", 4)
    monkeypatch.setattr(site_index, "MAX_HEAD_CHANGES", max_changes)
    heads = [_head(n) for n in range(10)]
    site_index.write_index(tmp_path, (_row(h) for h in heads), {"a": ["a.html"]}, {"site": "x"})
    index = SiteIndex.open(tmp_path)
    assert index.stories() == heads

    # A new story, an edited one, one whose head alone changed, one gone.
    added, edited, moved = _head(10), _head(3, "edited"), _head(5, "related changed")
    index.update([_row(added), _row(edited)], {moved["save_as"]: moved}, {heads[7]["save_as"]}, {}, set(), {})
    expected = [*heads[:3], edited, heads[4], moved, heads[6], *heads[8:], added]
    assert index.stories() == expected
    assert index.rest(edited["save_as"])["_content_text"] == f"<p>{edited['save_as']}</p>"

    # The story that was gone comes back, and another goes.
    back = _head(7, "back")
    index.update([_row(back)], {}, {heads[0]["save_as"]}, {}, set(), {})
    index.close()
    found = SiteIndex.open(tmp_path).stories()
    assert sorted(found, key=lambda h: h["save_as"]) == sorted(
        [h for h in expected if h is not heads[0]] + [back], key=lambda h: h["save_as"]
    )
    assert len(found) == 10
