"""advice-pipeline: turn self-help and advice articles into structured, schema-validated JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.settings import Settings

__version__ = "0.1.0"


def extract(html: str | bytes, *, url: str | None = None, settings: Settings | None = None) -> dict[str, Any]:
    """The record (a dict meeting the current schema in schemas/article/) for one page of HTML.

    `html` is the page as str or bytes; `url` is recorded as its source. Raises a
    `pipeline.errors.PipelineError` when the page holds no article.
    """
    from pipeline.extraction import extract as extract_record  # spaCy loads on first use, not on import

    return extract_record(html, url=url, settings=settings)
