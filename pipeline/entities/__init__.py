"""Who is who in an article: gazetteers and the clustering of entity mentions, no spaCy.

- :mod:`.gazetteer`: compiles the country, place, seat-of-power, organisation and demonym
  files of ``pipeline/lang/it/`` into one lookup table;
- :mod:`.cluster`: groups the mentions of one article into entities (full name then
  surname, acronyms, short forms) and gives each its canonical name, kind and country;
- :mod:`.record`: the record stored on ``Span._.entity``.
"""

from .cluster import Mention, resolve  # noqa: F401
from .gazetteer import DATA_FILES, Gazetteer, Target  # noqa: F401
from .record import EntityRecord  # noqa: F401
