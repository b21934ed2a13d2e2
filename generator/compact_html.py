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

import jinja2
from jinja2.ext import Extension
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

# A line break and the blank lines and indentation after it, in a template's
# source, and the end of a block tag or comment before it, if there is one.
# (Spaces and tabs only: a no-break space is text.)
_INDENTED_LINES = re.compile(r"([%#]\})?\r?\n[ \t\r\n]+")


def _flush_left(match: re.Match) -> str:
    if not match.group(1):
        return "\n"
    # After a block tag trim_blocks drops the line break: of the white space
    # after it, keep a line break if there was a blank line (a block tag on
    # the next line is then still at a line's start), else one space.
    return f"{match.group(1)}\n\n" if match.group(0).count("\n") > 1 else f"{match.group(1)}\n "


def compiled_templates_folder(environment: dict) -> str:
    """The name of the folder that keeps compiled templates between builds
    (pelican_plugin.start_build). Jinja checks a kept template against its
    source text alone, so the name changes with what else a source compiles
    by: this module, Jinja's version and the environment's options
    (``JINJA_ENVIRONMENT``, but the cache itself)."""
    options = sorted((k, repr(v)) for k, v in environment.items() if k != "bytecode_cache")
    made_by = [hashlib.sha256(Path(__file__).read_bytes()).hexdigest(), jinja2.__version__, options]
    return "templates-" + hashlib.sha256(repr(made_by).encode()).hexdigest()[:12]


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
    >>> env.from_string("a{% if x %}\\n\\n  {% if x %}b{% endif %}{% endif %}").render(x=True)
    'a\\nb'

    Indentation inside ``{% raw %}`` or inside a string that spans lines
    in a template goes too: the theme's templates have neither.
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
