"""Fixtures of the clean tests: cleaning a page file from tests/data/clean or the corpus."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.model import Document, Page, Source
from pipeline.settings import Settings

REPO = Path(__file__).resolve().parents[2]
CLEAN_DATA = REPO / "tests" / "data" / "clean"
SEED_PAGE = REPO / "corpus" / "enotalone-12-crucial-steps-to-get-your-ex-back.html"


def page_of(content: bytes, name: str = "page.html", encoding: str | None = None) -> Page:
    return Page(Source(hashlib.sha256(content).hexdigest(), path=name), content, encoding)


@pytest.fixture
def clean_file() -> Callable[[Path | str], Document]:
    """Clean a fixture page given by its path, or by its name under tests/data/clean."""

    def run(path: Path | str) -> Document:
        path = Path(path) if Path(path).is_absolute() else CLEAN_DATA / path
        return clean(page_of(path.read_bytes(), str(path)), Settings())

    return run
