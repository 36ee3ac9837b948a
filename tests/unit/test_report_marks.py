"""Overlapping spans become well-nested marks, each span marked over exactly its characters."""

from hypothesis import given
from hypothesis import strategies as st

from pipeline.report.marks import LAYERS, Mark, nest, usable

TEXT = "Il 16 marzo 2024 a Niamey migliaia di persone"


def render(text, marks):
    """The token stream as a bracket string, checked to be balanced on the way."""
    out, depth = [], 0
    for token in nest(text, marks):
        if token.kind == "open":
            depth += 1
            out.append(f"[{token.mark.id}{'' if token.first else '+'} ")
        elif token.kind == "close":
            depth -= 1
            assert depth >= 0
            out.append("]")
        else:
            out.append(token.text)
    assert depth == 0
    return "".join(out)


def covered(text, marks):
    """Mark id → the characters inside its fragments, in order; id → number of first fragments."""
    chars, firsts, stack = {}, {}, []
    for token in nest(text, marks):
        if token.kind == "open":
            stack.append(token.mark)
            chars.setdefault(token.mark.id, "")
            firsts[token.mark.id] = firsts.get(token.mark.id, 0) + token.first
        elif token.kind == "close":
            stack.pop()
        else:
            for mark in stack:
                chars[mark.id] += token.text
    return chars, firsts


def test_nested_spans_stay_one_element_each():
    date = Mark("dates", 0, 3, 16)  # 16 marzo 2024
    year = Mark("numbers", 0, 12, 16)  # 2024
    place = Mark("entities", 0, 19, 25)
    assert (
        render(TEXT, [year, place, date])
        == "Il [dates-0 16 marzo [numbers-0 2024]] a [entities-0 Niamey] migliaia di persone"
    )


def test_crossing_spans_split_into_fragments_of_one_id():
    first, second = Mark("entities", 0, 3, 11), Mark("events", 0, 6, 16)  # "16 marzo" × "marzo 2024"
    html = render(TEXT, [first, second])
    assert html == "Il [entities-0 16 [events-0 marzo]][events-0+  2024] a Niamey migliaia di persone"
    chars, firsts = covered(TEXT, [first, second])
    assert chars == {"entities-0": TEXT[3:11], "events-0": TEXT[6:16]} and firsts == {"entities-0": 1, "events-0": 1}


def test_same_span_in_two_layers_nests_by_layer_order():
    assert render("2024", [Mark("numbers", 0, 0, 4), Mark("dates", 0, 0, 4)]) == "[dates-0 [numbers-0 2024]]"


def test_spans_outside_the_text_are_set_aside():
    good, bad = usable([Mark("dates", 0, 0, 4), Mark("dates", 1, 3, 99), Mark("dates", 2, 5, 5)], len("2024 x"))
    assert [m.index for m in good] == [0] and [m.index for m in bad] == [1, 2]


@st.composite
def marks(draw):
    length = draw(st.integers(1, 40))
    spans = draw(st.lists(st.tuples(st.integers(0, length - 1), st.integers(1, length)), max_size=12))
    layers = draw(st.lists(st.sampled_from(LAYERS), min_size=len(spans), max_size=len(spans)))
    found = [Mark(layer, i, s, e) for i, ((s, e), layer) in enumerate(zip(spans, layers)) if s < e]
    return "".join(chr(ord("a") + i % 26) for i in range(length)), found


@given(marks())
def test_every_span_is_marked_once_over_exactly_its_characters(case):
    text, found = case
    render(text, found)  # balanced
    chars, firsts = covered(text, found)
    assert chars == {m.id: text[m.start : m.end] for m in found}
    assert set(firsts.values()) <= {1}
    assert "".join(t.text for t in nest(text, found)) == text
