"""Random Unicode text and ``published`` values through the blank pipeline (issue 17):
no exception, offsets inside the text, ``text`` equal to the slice, declared types."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import inventories
from pipeline.extract import annotate_line

# pieces the components react to, mixed with random text, so the rules fire
PIECES = [
    "16 marzo 2024",
    "ieri",
    "tre giorni fa",
    "più di mille",
    "-0,5%",
    "2,5 milioni di euro",
    "Niamey",
    "hanno protestato",
    "ha chiesto il ritiro",
    "\n\n",
    "\r\n",
    " ",
    ".",
    "3e5",
    "1/3",
    "=1+1",
    "\x1b[31m",
    "\x00",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=25).map("".join)
published = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.text(max_size=12),
    st.sampled_from(["20240520", "2024-W21-1", "2024-02-30", "0000-01-01", "9999-12-31", ""]),
)
SPAN_KEY = {"entities": "text", "dates": "text", "numbers": "text", "events": "trigger"}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, published=published)
def test_random_text_keeps_the_invariants(nlp_blank, text, published):
    line = json.dumps({"id": "x", "text": text, "published": published})
    record = annotate_line(nlp_blank, line, 1)
    json.dumps(record, ensure_ascii=False, allow_nan=False)  # valid JSON
    if "error" in record:
        assert "published" in record["error"] or "surrogate" in record["error"], record
        return
    for table, key in SPAN_KEY.items():
        for mention in record[table]:
            start, end = mention["start"], mention["end"]
            assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
            assert mention[key] == text[start:end]
            assert isinstance(mention["sentence"], int) and mention["sentence"] >= 0
    for date in record["dates"]:
        assert date["type"] in inventories.DATE_TYPES
        assert date["value"] is None or isinstance(date["value"], str)
    for number in record["numbers"]:
        assert number["qualifier"] in inventories.QUALIFIERS
        assert number["value"] is None or isinstance(number["value"], (int, float))
    for event in record["events"]:
        assert isinstance(event["type"], str) and isinstance(event["negated"], bool)
