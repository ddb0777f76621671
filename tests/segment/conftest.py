"""Fixtures for the segment tests: corpus and test-data pages run through the real clean stage."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.model import Document, Structure
from pipeline.segment import segment
from pipeline.settings import Settings
from pipeline.sources import read_page

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
DATA = REPO / "tests" / "data" / "segment"


@cache
def _document(path: Path) -> Document:
    settings = Settings()
    return clean(read_page(str(path), settings), settings)


@pytest.fixture(scope="session")
def segment_data() -> Path:
    """tests/data/segment: pages and scoring fixtures of the segment tests."""
    return DATA


@pytest.fixture(scope="session")
def corpus_document() -> Callable[[str], Document]:
    """The Document the clean stage makes of corpus/<name>.html."""
    return lambda name: _document(CORPUS / f"{name}.html")


@pytest.fixture(scope="session")
def corpus_structure() -> Callable[[str], Structure]:
    """The structure segment() finds in corpus/<name>.html."""
    return lambda name: segment(_document(CORPUS / f"{name}.html"))


@pytest.fixture(scope="session")
def data_document() -> Callable[[str], Document]:
    """The Document the clean stage makes of tests/data/segment/<name>.html."""
    return lambda name: _document(DATA / f"{name}.html")


@pytest.fixture(scope="session")
def data_structure() -> Callable[[str], Structure]:
    """The structure segment() finds in tests/data/segment/<name>.html."""
    return lambda name: segment(_document(DATA / f"{name}.html"))


@pytest.fixture(scope="session")
def corpus_gold() -> Callable[[str], dict]:
    """The hand-checked gold file of corpus/<name>.html."""
    return lambda name: json.loads((CORPUS / f"{name}.gold.json").read_text(encoding="utf-8"))
