"""Article page file names: safe in any file system and URL, one per doc_id."""

import re

from pipeline.report.build import page_names


def test_page_names_are_safe_and_unique():
    doc_ids = ["niger-usa-ritiro", "a b", "a_b", "A_B", "caf\\xe9", "../../etc/passwd", "", ".nascosto", "x" * 300]
    names = page_names(doc_ids)
    assert names["niger-usa-ritiro"] == "niger-usa-ritiro.html"
    assert len({n.lower() for n in names.values()}) == len(doc_ids)
    for name in names.values():
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,85}\.html", name), name
