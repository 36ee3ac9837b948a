"""Extension attributes shared by all components.

One extension name per kind of value (spaCy keys span extension values by character
offsets, so two spans with the same boundaries share one value):

- ``Doc._.published``: ``datetime.date`` or None, the article's publication date. The
  caller sets it before the components run; relative dates resolve against it.
- ``Doc._.doc_id``: str or None, for messages.
- ``Doc._.event_records``: tuple of dicts or None, one ACLED-like row per real-world event
  (the events component; ``pipeline/events/records.py``).
- ``Span._.date_value``: a record of the dates component (has ``value`` and ``type``).
- ``Span._.num_value``: a record of the numbers component (``value``, ``qualifier``,
  ``kind``, ``unit``).
- ``Span._.event``: a record of the events component.
- ``Span._.entity``: a record of the entities component (``entity_id``, ``canonical``,
  ``kind``, ``country``), on entity mentions (``doc.ents`` and ``doc.spans["entities"]``
  share it) and on demonyms (``doc.spans["demonyms"]``).
"""

from spacy.tokens import Doc, Span

for _name in ("published", "doc_id", "event_records"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

for _name in ("date_value", "num_value", "event", "entity"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
