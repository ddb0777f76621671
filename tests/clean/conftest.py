"""Fixtures of the clean tests: pages from bytes, and cleaning a page file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.model import Document, Page, Source
from pipeline.settings import Settings

CLEAN_DATA = Path(__file__).resolve().parents[1] / "data" / "clean"


def _page(content: bytes, name: str = "page.html") -> Page:
    return Page(Source(hashlib.sha256(content).hexdigest(), path=name), content)


@pytest.fixture
def page_from() -> Callable[..., Page]:
    """A Page of the given bytes, named `page.html` unless a name is given."""
    return _page


@pytest.fixture
def clean_file() -> Callable[[Path | str], Document]:
    """Clean a page file given by its path, or by its name under tests/data/clean."""

    def run(path: Path | str) -> Document:
        path = Path(path) if Path(path).is_absolute() else CLEAN_DATA / path
        return clean(_page(path.read_bytes(), str(path)), Settings())

    return run
