"""Session fixtures shared by the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "niger-usa-ritiro"


@pytest.fixture(scope="session")
def nlp_blank():
    """Blank Italian (lookup lemmas, rule sentences) plus our components."""
    from pipeline.nlp import BLANK, build_nlp

    return build_nlp(BLANK)


@pytest.fixture(scope="session")
def nlp_default():
    """The default pipeline: the shipped trained model when present, else blank."""
    from pipeline.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "corpus" / "articles" / f"{SEED_ID}.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory, monkeypatch):
    """Each test its own, empty result cache (extract's default is the user's cache)."""
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path_factory.mktemp("result-cache")))
