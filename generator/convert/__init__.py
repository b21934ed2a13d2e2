"""The converter: raw news copy in, Markdown stories out.

One module per job, in the order the text flows through them:

``read``      read and decode a raw file, normalise line endings, strip HTML
``clean``     repair text: mojibake, control characters, lost drop caps
``split``     find where one story ends and the next begins; datelines
``parse``     the one place the spaCy pipeline is loaded; batch parsing
``headline``  a news headline compressed from the standfirst's parse
``topics``    section and topic tags from named entities and subjects
``dates``     a story's publication date
``markdown``  a story as Markdown with YAML front matter, and reading it back
``model``     the plain records that flow between the stages
``converter`` the pure core (``draft_stories``) and the safe file shell
              (``Converter``, ``convert``)
"""
