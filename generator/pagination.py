"""Pages of stories that stay the same when a story is added.

Pelican numbers pages from the newest story: one new story moves every
story on every page of the home page, its section and its topics down by
one, so every one of those pages must be rendered and uploaded again (on a
site of 5,000 stories, some 1,500 pages for one new story).

Here the older pages are anchored at the *oldest* story instead.  The front
page (page 1, the listing's own URL) holds the newest stories, between
``per_page`` and ``2 * per_page - 1`` of them; every other page holds exactly
``per_page`` stories and keeps its URL and its stories for good:
``page/2/`` holds the oldest stories, ``page/3/`` the next ones, and so on up
to the page just behind the front.  A new story changes only the front
page, until the front is full and hands its oldest ``per_page`` stories to a
new page.

>>> pages = stable_slices(count=45, per_page=20)
>>> [(label, stop - start) for label, start, stop in pages]
[(1, 25), (2, 20)]
>>> [(label, start) for label, start, _ in stable_slices(count=46, per_page=20)][1]  # same oldest 20
(2, 26)
"""

from __future__ import annotations

from pelican.paginator import Page, Paginator


def per_page(settings: dict, template: str) -> int:
    """Stories on each page of a listing ``template`` writes, as Pelican's
    writer counts them."""
    return settings["PAGINATED_TEMPLATES"].get(template) or settings["DEFAULT_PAGINATION"]


def stable_slices(count: int, per_page: int) -> list[tuple[int, int, int]]:
    """``(label, start, stop)`` per page, front first, over a newest-first list.

    The label is the number in the page's URL: 1 for the front page, then
    2 for the oldest stories, 3 for the next ones...
    """
    per_page = max(1, per_page)
    pages = max(1, count // per_page)
    slices = [(1, 0, count - (pages - 1) * per_page)]
    for shown in range(2, pages + 1):
        block = pages - shown  # 0 = the oldest block
        slices.append((block + 2, count - (block + 1) * per_page, count - block * per_page))
    return slices


class StablePage(Page):
    """A Pelican page whose URL carries its stable label, not its position."""

    def __init__(self, *args, label: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.label = label

    def _labelled(self, key: str) -> str:
        shown, self.number = self.number, self.label
        try:
            return self._from_settings(key)
        finally:
            self.number = shown

    @property
    def url(self) -> str:
        return self._labelled("URL")

    @property
    def save_as(self) -> str:
        return self._labelled("SAVE_AS")


class StablePaginator(Paginator):
    """Pelican's paginator with pages anchored at the oldest story.

    ``page(n)`` is still the n-th page from the front (what "newer" and
    "older" links follow); only the slicing and the URLs differ.
    """

    def __init__(self, name, url, object_list, settings, per_page=None):
        super().__init__(name, url, object_list, settings, per_page)
        self.orphans = 0
        self._slices = stable_slices(len(object_list), self.per_page)

    @property
    def num_pages(self) -> int:
        return len(self._slices)

    def label(self, number: int) -> int:
        """The label of the ``number``-th page from the front (see :func:`stable_slices`)."""
        return self._slices[number - 1][0]

    def page(self, number: int) -> StablePage:
        label, start, stop = self._slices[number - 1]
        return StablePage(self.name, self.url, self.object_list[start:stop], number, self, self.settings, label=label)
