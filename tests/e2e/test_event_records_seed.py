"""Event records of the origin seed article (``niger-seed``): one row per real-world event,
and the ten facts of the article each answered by one row, found by type, actor country
and date rather than by the row's text. Skipped without the trained pipeline."""

from __future__ import annotations

import pytest

from pipeline.events.record import Argument, Event
from pipeline.events.records import RECORD_COLUMNS, group, precision

from ..conftest import SEED_ID
from .test_events_seed import MODEL, ORIGIN_ID, SEEDS, _doc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def records(nlp_default):
    if not (MODEL / "meta.json").exists() or "parser" not in nlp_default.pipe_names:
        pytest.skip("trained pipeline models/it_news not built yet")
    return _doc(nlp_default, ORIGIN_ID)._.event_records


def _countries(row, *columns):
    out = set()
    for column in columns:
        out |= set((row.get(column) or "").split("|")) - {""}
    return out


def _rows(records, type_, **where):
    """Records of ``type_`` whose columns satisfy ``where`` (a value, or a predicate)."""
    out = []
    for row in records:
        if row["event_type"] != type_:
            continue
        if all(want(row) if callable(want) else row.get(key) == want for key, want in where.items()):
            out.append(row)
    return out


def actor_in(*countries):
    return lambda row: set(countries) <= _countries(row, "actor1_country", "assoc_actor1_country")


# (fact, type, conditions): exactly one record answers each fact
FACTS = [
    (
        "the US agree to withdraw their troops from Niger",
        "WITHDRAWAL",
        {"modality": "asserted", "actor1_country": "US", "place_country": "NE"},
    ),
    (
        "Zeine and Campbell reach an agreement after weeks of talks",
        "AGREEMENT",
        {"actor1_canonical": "Ali Lamine Zeine", "actor1_country": "NE", "assoc_actor1": "Kurt Campbell"},
    ),
    (
        "Niger's junta cuts relations with Western countries",
        "DIPLOMATIC_BREAK",
        {"actor1_country": "NE", "actor2": lambda r: "occidentali" in (r["actor2"] or "")},
    ),
    (
        "Burkina Faso, Mali and Niger leave Ecowas",
        "ORG_EXIT",
        {
            "actor1_country": "BF",
            "assoc_actor1_country": "ML|NE",
            "actor2": lambda r: "Ecowas" in (r["actor2_canonical"] or r["actor2"] or ""),
        },
    ),
    ("... and form an alliance", "ALLIANCE", {"actor2": lambda r: "alleanza" in (r["actor2"] or "")}),
    (
        "the July 2023 coup overthrows Bazoum",
        "COUP",
        {"event_date": "2023-07", "date_precision": "month", "actor2_canonical": "Mohamed Bazoum"},
    ),
    ("the junta demands the French troops' withdrawal", "DEMAND", {"cameo": "106", "actor2_country": "FR"}),
    (
        "the French embassy in Niamey closes in January 2024",
        "DIPLOMATIC_BREAK",
        {"actor2_country": "FR", "place_canonical": "Niamey", "event_date": "2024-01"},
    ),
    (
        "Niger's military leaders demand the US withdrawal on 16 March 2024",
        "DEMAND",
        {"cameo": "106", "actor1_country": "NE", "event_date": "2024-03-16", "date_precision": "day", "negated": False},
    ),
    (
        "thousands protest in Niamey",
        "PROTEST",
        {"place_canonical": "Niamey", "participants": lambda r: (r["participants"] or 0) >= 1000},
    ),
    ("Russia supplies equipment and instructors", "MILITARY_AID", {"actor1_country": "RU"}),
]
FACT_MISSES: dict[str, str] = {}


@pytest.mark.parametrize(
    "fact, type_, where",
    [
        pytest.param(
            f, t, w, id=f, marks=[pytest.mark.xfail(reason=FACT_MISSES[f], strict=True)] if f in FACT_MISSES else []
        )
        for f, t, w in FACTS
    ],
)
def test_each_fact_is_one_record(records, fact, type_, where):
    found = _rows(records, type_, **where)
    assert len(found) == 1, [
        {k: r[k] for k in ("event_id", "actor1", "actor1_country", "actor2", "place", "event_date", "triggers")}
        for r in records
        if r["event_type"] == type_
    ]


def test_records_schema_and_ids(records):
    assert records and all(list(r) == RECORD_COLUMNS[1:] for r in records)
    assert len({r["event_id"] for r in records}) == len(records)
    assert all(isinstance(r["cameo"], str) for r in records if r["cameo"] is not None)
    assert sum(r["n_mentions"] for r in records) >= len(records)


def test_mentions_of_the_us_withdrawal_share_one_event_id(nlp_default, records):
    doc = _doc(nlp_default, ORIGIN_ID)
    us = [s._.event for s in doc.spans["events"] if s.label_ == "WITHDRAWAL" and s._.event.modality == "asserted"]
    us = [e for e in us if (e.actor and e.actor.country == "US")]
    assert len(us) >= 2 and len({e.event_id for e in us}) == 1


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_every_mention_has_the_event_id_of_a_record(nlp_default, doc_id):
    doc = _doc(nlp_default, doc_id)
    ids = {r["event_id"] for r in doc._.event_records}
    assert {s._.event.event_id for s in doc.spans["events"]} == ids


# ---------------------------------------------------------------- grouping, hand-built
def _ev(type_="WITHDRAWAL", actor=None, target=None, date=None, modality="asserted", trigger="ritiro"):
    arg = lambda spec: Argument(spec[0], 0, 1, canonical=spec[1], country=spec[2]) if spec else None
    when = Argument(date, 0, 1, value=date) if date else None
    return Event(type=type_, trigger=trigger, actor=arg(actor), target=arg(target), date=when, modality=modality)


US = ("Stati Uniti", "Stati Uniti", "US")
FR = ("Francia", "Francia", "FR")
SOLDIERS_US = ("i soldati americani", None, "US")


@pytest.mark.parametrize(
    "events, groups",
    [
        ([_ev(actor=US), _ev(actor=US)], [0, 0]),
        ([_ev(actor=US), _ev(actor=FR)], [0, 1]),
        ([_ev(actor=US), _ev(actor=SOLDIERS_US)], [0, 0]),  # same country, no entity on one side
        ([_ev(actor=US), _ev()], [0, 0]),  # no participants: restates the event
        ([_ev(actor=US), _ev(type_="DEMAND", actor=US)], [0, 1]),
        ([_ev(actor=US), _ev(actor=US, modality="hypothetical")], [0, 1]),
        ([_ev(actor=US, date="2023-07"), _ev(actor=US, date="2023-07-26")], [0, 0]),
        ([_ev(actor=US, date="2023-07"), _ev(actor=US, date="2024-03")], [0, 1]),
        ([_ev(actor=US), _ev(actor=FR), _ev()], [0, 1, 1]),  # the nearest one
    ],
)
def test_grouping(events, groups):
    assert group(events) == groups


@pytest.mark.parametrize(
    "value, expected",
    [("2024-03-16", "day"), ("2024-03", "month"), ("2024", "year"), ("PAST_REF", None), ("P3W", None)],
)
def test_precision(value, expected):
    assert precision(value) == expected


def test_written_seed_us_withdrawal_is_one_record_with_its_deadline(nlp_default):
    """The issue's first complaint: "who withdrew from where, when" from one row. The
    title's "ritireranno ... entro il 15 settembre", "ritirare i loro militari dal Niger"
    and "il ritiro delle truppe è già cominciato" are one event."""
    if not (MODEL / "meta.json").exists() or "parser" not in nlp_default.pipe_names:
        pytest.skip("trained pipeline models/it_news not built yet")
    rows = _doc(nlp_default, SEED_ID)._.event_records
    us = [
        r
        for r in rows
        if r["event_type"] == "WITHDRAWAL" and r["modality"] == "asserted" and r["actor1_country"] == "US"
    ]
    assert len(us) == 1, us
    assert us[0]["place_country"] == "NE" and us[0]["deadline"] == "2024-09-15" and us[0]["n_mentions"] >= 3
