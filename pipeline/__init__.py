"""advice-pipeline: turn self-help and advice articles into structured, schema-validated JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from pipeline.record import ArticleRecord
    from pipeline.settings import Settings

__version__ = "0.1.0"


def extract(
    html: str | bytes, *, url: str | None = None, name: str | None = None, settings: Settings | None = None
) -> ArticleRecord:
    """The record (a dict meeting the current schema in schemas/article/, typed by
    `pipeline.record.ArticleRecord`) for one page of HTML.

    `html` is the page as str or bytes; `url` is recorded as its source. Errors name the page
    by its `url`, else by `name` (what the caller calls it, a file name say), else "<html>".
    Raises a `pipeline.errors.PipelineError` when the page holds no article.
    """
    from pipeline.extraction import extract as extract_record  # spaCy loads on first use, not on import

    return cast("ArticleRecord", extract_record(html, url=url, name=name, settings=settings))
