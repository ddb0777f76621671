"""Shared fixtures: paths to the bundled corpus and test data, and the seed record made once."""

from __future__ import annotations

import json

import pytest

from corpus_files import SEED_PAGE


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_PAGE.with_suffix(".gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_record() -> dict:
    from pipeline.extraction import extract_page
    from pipeline.settings import Settings
    from pipeline.sources import read_page

    settings = Settings()
    return extract_page(read_page(str(SEED_PAGE), settings), settings)
