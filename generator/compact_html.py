"""Pages without the bytes a reader never sees (issue #17's output budget).

The theme's templates are indented for the people who edit them; a story
page carried that indentation on every line, 2.6 MB of a 10,000-story site.
:class:`DropIndentation` removes it from the templates' own text when they
are compiled, so it costs nothing per page, and what a story, a headline or
a setting puts into a page is never touched (a ``<pre>`` in a story keeps
its spaces). :func:`json_ld` writes structured data without the spaces
``tojson`` puts after every comma and colon.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from jinja2.ext import Extension
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

# A line break and the blank lines and indentation after it, in a template's
# source, and the end of a block tag or comment before it, if there is one.
_INDENTED_LINES = re.compile(r"([%#]\})?\n\s+")


def _flush_left(match: re.Match) -> str:
    # After a block tag, trim_blocks drops the line break, and the
    # indentation was the only space between what comes before and after.
    return f"{match.group(1)}\n " if match.group(1) else "\n"


def compiled_templates_folder() -> str:
    """The name of the folder that keeps compiled templates between builds
    (pelican_plugin.start_build). Jinja checks a kept template against its
    source text alone, so the name changes with this module, which changes
    what a source compiles to."""
    return "templates-" + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


class DropIndentation(Extension):
    """Drop the indentation and blank lines of the templates' source, as if
    they had been written flush left.

    A line break stays where there was one, so words and inline elements
    keep the space between them, and a script keeps its line ends; what the
    page is given to show is not changed:

    >>> from jinja2 import Environment
    >>> env = Environment(extensions=[DropIndentation], trim_blocks=True, lstrip_blocks=True)
    >>> env.from_string("<ul>\\n  <li>{{ x }}</li>\\n\\n  <li>b</li>\\n</ul>").render(x="  a")
    '<ul>\\n<li>  a</li>\\n<li>b</li>\\n</ul>'

    After a block tag (whose line break ``trim_blocks`` drops) one space
    stays of the indentation, the only space between the words:

    >>> env.from_string("a{% if x %}\\n  b{% endif %}").render(x=True)
    'a b'
    """

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _INDENTED_LINES.sub(_flush_left, source)


def json_ld(data: dict) -> Markup:
    """Structured data for a ``<script type="application/ld+json">``: safe
    inside HTML as ``tojson`` is, without its spaces, and without the
    fields that have no value.

    >>> print(json_ld({"@type": "NewsArticle", "headline": "A</script>", "image": [], "articleSection": ""}))
    {"@type":"NewsArticle","headline":"A\\u003c/script\\u003e"}
    """
    kept = {key: value for key, value in data.items() if value not in ("", [], None)}
    return htmlsafe_json_dumps(kept, dumps=json.dumps, separators=(",", ":"))
