"""The site index: what the last build published, kept for the next one.

A full build is a Pelican run, and Pelican reads and prepares every story
on every run, however little changed.  At the end of a clean build this
module keeps, in one SQLite file in the cache folder
(``CACHE_PATH/newsroom-site.sqlite``):

* every published story as a :class:`StoryView`: each value a page, a card,
  a feed item, the sitemaps or the search index read of the story (its
  text, kept apart, is loaded only when a page that shows it is rendered).
  The heads (what every quick build reads of every story) are kept apart
  from the rest, a thousand to a pickle: reading 50,000 of them row by row
  from beside the stories' texts took twice as long. A quick build's new
  heads go beside them, one row each, until there are many;
* the tags each story's front matter gives (before the site-wide merge and
  the topic threshold), so topics can be settled again;
* the output files each of Pelican's writes produced (a story page, the
  pages of a topic), so a rebuild knows which files a listing leaves behind;
* the content folder's listing (each file's size and modification time) as
  the build found it, and a digest of the settings, theme and code.

:mod:`generator.quick_build` reads it to rebuild only what a changed story
touches.  The index is written whole, to a temporary file renamed into
place, so a killed build leaves the last good index or none.
"""

from __future__ import annotations

import itertools
import json
import os
import pickle
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

INDEX_FILE = "newsroom-site.sqlite"
# Bumped whenever what the index keeps changes: an index of another format
# is never read (the next build is a full one and writes a new index).
FORMAT = 3

# What a view keeps of an article, as the theme, the feeds and the search
# index read it.  The *head* is read for every story on every quick build
# (order, membership, the digests that tell whether a page changed); the
# rest is read only for the stories on a page being rendered.  Pelican's
# URL wrappers (category, tags, authors) are kept by name and made again
# with the settings when the index is read.
HEAD_FIELDS = (
    "save_as",
    "url",
    "source_path",
    "date",
    "modified",
    "review",
    # Worked out once per story and kept on it (generator.page_memo, generator.site).
    "_newsroom_order",
    "_newsroom_card_digest",
    "_newsroom_story_digest",
    "_newsroom_search_digest",
)
REST_FIELDS = (
    "title",
    "slug",
    "locale_date",
    "locale_modified",
    "summary",
    "byline",
    "lead_image",
    "corrections",
    "reading_minutes",
    "id",
    "lang",
    "template",
    "status",
    "in_default_lang",
)


class StoryView:
    """A published story as a build left it, without Pelican: the theme,
    :mod:`generator.page_memo`, :mod:`generator.site` and the feed code
    read it as they read a Pelican article.

    A view from the index holds its head; the rest and the text (``content``,
    the story's HTML) are read from the index the first time anything else
    is asked of it.
    """

    def __init__(self, fields: dict, load_rest=None):
        self.__dict__.update(fields)
        self.__dict__["_load_rest"] = load_rest

    def __getattr__(self, name: str):
        # Only called for what the view does not hold yet.
        load = self.__dict__.get("_load_rest")
        if load is None or name.startswith("__"):
            raise AttributeError(name)
        self.__dict__["_load_rest"] = None
        self.__dict__.update(load(self.__dict__["save_as"]))
        try:
            return self.__dict__[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def content(self) -> str:
        try:
            return self.__dict__["_content_text"]
        except KeyError:
            return self._content_text  # read from the index with the rest

    @property
    def _content(self) -> str:
        # Pelican's name for the text before its links are filled in; a
        # story in the index has none to fill in (generator.quick_build).
        return self.content

    def copy(self) -> StoryView:
        """A view holding the same values (read or not) as this one."""
        twin = StoryView.__new__(StoryView)
        twin.__dict__.update(self.__dict__)
        return twin

    def __repr__(self) -> str:
        return f"<StoryView {self.__dict__.get('save_as')}>"


def _fields(source, names: tuple[str, ...]) -> dict:
    found = {}
    for name in names:
        if not name.startswith("_"):
            found[name] = getattr(source, name, None)
        elif name in source.__dict__:  # a value worked out and kept on it
            found[name] = source.__dict__[name]
    return found


def head_fields(story, written: list[str], related: list[str]) -> dict:
    """The head of ``story`` (an article or a view) as the index keeps it."""
    head = _fields(story, HEAD_FIELDS)
    category = getattr(story, "category", None)
    head["category"] = category.name if category is not None else None
    head["tags"] = [t.name for t in getattr(story, "tags", None) or []]
    head["authors"] = [a.name for a in getattr(story, "authors", None) or []]
    head["written"] = written
    head["related"] = related
    return head


def rest_fields(story) -> dict:
    """The rest of ``story`` (an article or a view) as the index keeps it."""
    return _fields(story, REST_FIELDS)


def view_of(article) -> StoryView:
    """A view of a Pelican article read in this build, with its wrappers."""
    fields = {**_fields(article, HEAD_FIELDS), **rest_fields(article)}
    fields["category"] = getattr(article, "category", None)
    fields["tags"] = list(getattr(article, "tags", None) or [])
    fields["authors"] = list(getattr(article, "authors", None) or [])
    fields["_content_text"] = article.content
    return StoryView(fields)


class SiteIndex:
    """Read access to the index a build left (see the module's docstring)."""

    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(path)

    @classmethod
    def open(cls, cache_path: Path) -> SiteIndex | None:
        path = Path(cache_path) / INDEX_FILE
        if not path.is_file():
            return None
        try:
            index = cls(path)
            if index.meta("format") != FORMAT:
                index.close()
                return None
            return index
        except (sqlite3.Error, ValueError, pickle.UnpicklingError, AttributeError, ImportError):
            return None

    def close(self) -> None:
        self.db.close()

    def meta(self, key: str):
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return pickle.loads(row[0]) if row else None

    def stories(self) -> list[dict]:
        """Every story's head: those of the base in the order they were
        written, each in its latest version (a story removed and added again
        keeps its place), then the stories new since. Every reader sorts
        the stories or does not depend on their order."""
        heads = [
            head for (data,) in self.db.execute("SELECT data FROM heads ORDER BY chunk") for head in pickle.loads(data)
        ]
        changes = self.db.execute("SELECT save_as, head FROM head_changes ORDER BY seq").fetchall()
        if not changes:
            return heads
        position = {head["save_as"]: i for i, head in enumerate(heads)}
        kinds: dict[bytes, tuple] = {}
        for save_as, data in changes:
            head = _head_from(data, kinds) if data is not None else None
            if save_as in position:
                heads[position[save_as]] = head
            elif head is not None:
                heads.append(head)
        return [head for head in heads if head is not None]

    def rest(self, save_as: str) -> dict:
        """The rest of a story's view, and its text as ``_content_text``."""
        row = self.db.execute("SELECT rest, content FROM stories WHERE save_as = ?", (save_as,)).fetchone()
        if row is None:
            raise KeyError(save_as)
        return {**pickle.loads(row[0]), "_content_text": row[1]}

    def groups(self, names: Iterable[str]) -> dict[str, list[str]]:
        """The output files of the writes ``names`` (those the index has)."""
        wanted = sorted(set(names))
        found = {}
        # SQLite allows a limited number of parameters per statement.
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ", ".join("?" * len(batch))
            query = f"SELECT name, files FROM groups WHERE name IN ({marks})"
            found.update((name, json.loads(files)) for name, files in self.db.execute(query, batch))
        return found

    def update(
        self,
        stories: list[tuple[str, dict, dict, str]],
        heads: dict[str, dict],
        removed: set[str],
        groups: dict[str, list[str]],
        removed_groups: set[str],
        meta: dict,
    ) -> None:
        """Apply a quick build's changes in one transaction: ``stories`` to
        add or replace (as in :func:`write_index`), new ``heads`` of others,
        the stories and groups that are gone, and new ``meta`` values."""
        changed = {key: head for key, head, _, _ in stories} | heads | dict.fromkeys(removed)
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)", [(k, pickle.dumps(v, protocol=5)) for k, v in meta.items()]
            )
            self.db.executemany("DELETE FROM stories WHERE save_as = ?", ((k,) for k in sorted(removed)))
            self.db.executemany("INSERT OR REPLACE INTO stories VALUES (?, ?, ?)", _story_rows(stories))
            (last,) = self.db.execute("SELECT coalesce(max(seq), 0) FROM head_changes").fetchone()
            self.db.executemany(
                "INSERT OR REPLACE INTO head_changes VALUES (?, ?, ?)",
                (
                    (key, last + n, _head_bytes(head) if head is not None else None)
                    for n, (key, head) in enumerate(sorted(changed.items()), 1)
                ),
            )
            self.db.executemany("DELETE FROM groups WHERE name = ?", ((k,) for k in sorted(removed_groups)))
            self.db.executemany(
                "INSERT OR REPLACE INTO groups VALUES (?, ?)", ((k, json.dumps(v)) for k, v in sorted(groups.items()))
            )
            (count,) = self.db.execute("SELECT count(*) FROM head_changes").fetchone()
            if count > MAX_HEAD_CHANGES:
                merged = self.stories()
                self.db.execute("DELETE FROM heads")
                self.db.execute("DELETE FROM head_changes")
                self.db.executemany(
                    "INSERT INTO heads VALUES (?, ?)", ((n, _head_chunk(c)) for n, c in enumerate(_chunks(merged)))
                )


def _story_rows(stories):
    for save_as, _, rest, content in stories:
        yield save_as, pickle.dumps(rest, protocol=5), content


def _chunks(items: Iterable) -> Iterable[list]:
    """``items`` in lists of ``HEADS_PER_CHUNK``, taken as they come."""
    run = iter(items)
    while chunk := list(itertools.islice(run, HEADS_PER_CHUNK)):
        yield chunk


def _head_chunk(heads: list[dict]) -> bytes:
    # One pickle for many heads: their dates' time zone is pickled once.
    return pickle.dumps(heads, protocol=5)


# Heads per pickle in the index's base (see the module's docstring).
HEADS_PER_CHUNK = 1000
# Once a quick build leaves more changed heads than this beside the base
# (about a tenth of a second to read at 50,000 stories), it writes them
# into the base again.
MAX_HEAD_CHANGES = 2000


# A head's dates are kept as their fields and a pickle of their kind (the
# datetime class and time zone), which all stories share: unpickling a
# datetime with its zone, 50,000 times, was most of reading the heads.
_DATES = ("date", "modified")


def _head_bytes(head: dict) -> bytes:
    """
    >>> from datetime import datetime, timezone
    >>> head = {"date": datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc), "modified": None, "url": "a/"}
    >>> _head_from(_head_bytes(head), {}) == head
    True
    """
    head = dict(head)
    for name in _DATES:
        when = head.get(name)
        if isinstance(when, datetime):
            fields = (when.year, when.month, when.day, when.hour, when.minute, when.second, when.microsecond)
            head[name] = (_DATE, fields, when.fold, pickle.dumps((type(when), when.tzinfo), protocol=5))
    return pickle.dumps(head, protocol=5)


def _head_from(data: bytes, kinds: dict[bytes, tuple]) -> dict:
    head = pickle.loads(data)
    for name in _DATES:
        when = head.get(name)
        if type(when) is tuple and when[0] == _DATE:
            _, fields, fold, kind_bytes = when
            kind = kinds.get(kind_bytes)
            if kind is None:
                kind = kinds[kind_bytes] = pickle.loads(kind_bytes)
            head[name] = kind[0](*fields, tzinfo=kind[1], fold=fold)
    return head


_DATE = "\0date"


def _set_meta(cache_path: Path, key: str, value) -> None:
    path = Path(cache_path) / INDEX_FILE
    if not path.is_file():
        return
    try:
        db = sqlite3.connect(path)
        try:
            with db:
                if value is None:
                    db.execute("DELETE FROM meta WHERE key = ?", (key,))
                else:
                    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, pickle.dumps(value, protocol=5)))
        finally:
            db.close()
    except sqlite3.Error:
        # A damaged index (a disk that filled up, a file copied half way) is
        # never trusted: the next build is a full one and writes a new index.
        path.unlink(missing_ok=True)


def seal(cache_path: Path, parts: dict, content: dict) -> None:
    """Mark the index as the record of a clean build of these inputs (the
    settings, theme and code digests, and the content listing the build
    started from): only a sealed index is used for a quick build."""
    _set_meta(cache_path, "seal", {"parts": parts, "content": content})


def unseal(cache_path: Path) -> None:
    """Before a build writes anything: a build that stops half way leaves
    an index no quick build trusts."""
    _set_meta(cache_path, "seal", None)


def write_index(
    cache_path: Path, stories: Iterable[tuple[str, dict, dict, str]], groups: dict[str, list[str]], meta: dict
) -> None:
    """Write the whole index: ``stories`` as ``(save_as, head, rest,
    content)``, the writer's ``groups`` and ``meta``; to a temporary file,
    then renamed into place."""
    path = Path(cache_path) / INDEX_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB)")
            db.execute("CREATE TABLE stories (save_as TEXT PRIMARY KEY, rest BLOB, content TEXT)")
            db.execute("CREATE TABLE heads (chunk INTEGER PRIMARY KEY, data BLOB)")
            db.execute("CREATE TABLE head_changes (save_as TEXT PRIMARY KEY, seq INTEGER, head BLOB)")
            db.execute("CREATE TABLE groups (name TEXT PRIMARY KEY, files TEXT)")
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [(k, pickle.dumps(v, protocol=5)) for k, v in {**meta, "format": FORMAT}.items()],
            )
            # A thousand at a time: at 50,000 stories a list of every head
            # would hold some 60 MB more at the end of the build.
            for number, chunk in enumerate(_chunks(stories)):
                db.executemany("INSERT INTO stories VALUES (?, ?, ?)", _story_rows(chunk))
                db.execute("INSERT INTO heads VALUES (?, ?)", (number, _head_chunk([head for _, head, _, _ in chunk])))
            db.executemany("INSERT INTO groups VALUES (?, ?)", ((k, json.dumps(v)) for k, v in sorted(groups.items())))
            db.commit()
        finally:
            db.close()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def forget(cache_path: Path) -> None:
    """Drop the index (a build that cannot keep one must not leave an old one)."""
    (Path(cache_path) / INDEX_FILE).unlink(missing_ok=True)
