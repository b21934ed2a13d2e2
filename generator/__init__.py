"""Newsroom: turn raw news copy into a Pelican site with RSS, Atom and JSON feeds.

The converter's language work is the package ``generator.convert`` (one module
per job, see its docstring).  The rest of the pipeline:

``feeds``     RSS 2.0, Atom and JSON Feed from the built articles
``pelican_plugin`` glue that plugs the reader and the feeds into Pelican
``page_memo``, ``up_to_date``  rebuilds that cost what changed
``site``, ``search``, ``pagination``  listings, related stories, search index
``cli``       the ``python -m generator`` command line
"""

__version__ = "0.1.0"
