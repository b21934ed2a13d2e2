"""Newsroom: turn raw news copy into a Pelican site with RSS, Atom and JSON feeds.

The pipeline has one module per stage; read them in this order:

``rawtext``   read and decode a raw file, normalise line endings
``cleaning``  repair text: mojibake, control characters, lost drop caps
``splitting`` find where one story ends and the next begins
``headlines`` write a short news headline from the standfirst
``topics``    choose a section and topic tags
``dates``     decide a story's publication date
``markdown_writer`` render a story as Markdown with YAML front matter
``convert``   the converter: raw files in, Markdown files out, safely
``feeds``     RSS 2.0, Atom and JSON Feed from the built articles
``pelican_plugin`` glue that plugs the reader and the feeds into Pelican
``cli``       the ``python -m generator`` command line
"""

__version__ = "0.1.0"
