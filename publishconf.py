"""Production settings: `make publish` builds with these.

SITEURL comes from the environment (the GitHub Pages workflow sets it from
the address GitHub reports), else from the value below.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://example.github.io/newsroom").rstrip("/")
RELATIVE_URLS = False
# The last build's output is kept (the workflow caches it), so a deploy
# renders only the pages that changed; pruning then removes whatever this
# build did not write, leaving what a build into an empty folder would.
DELETE_OUTPUT_DIRECTORY = False
NEWSROOM_PRUNE_OUTPUT = True

# The build's records in CACHE_PATH (the site index, the page digests: set in
# pelicanconf.py) are kept between GitHub Actions runs by actions/cache.
