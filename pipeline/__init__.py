"""advice-pipeline: turn self-help and advice articles into structured, schema-validated JSON."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from pipeline.errors import PipelineError
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


def extract_many(
    pages: Iterable[str | bytes | tuple[str, str | bytes]], *, jobs: int = 1, settings: Settings | None = None
) -> Iterator[ArticleRecord | PipelineError]:
    """Records for many pages, in input order, with the spaCy pipeline loaded once.

    Each item is HTML (str or bytes) or a (name, HTML) pair; a name that is a http(s) URL is
    recorded as the source URL, any other name is used in messages. A page with no record
    yields its `PipelineError` (naming the page) in its place, and the stream goes on. With
    `jobs` > 1, pages are extracted by that many worker processes.
    """
    from pipeline.runner import iter_records  # spaCy loads on first use, not on import

    return cast("Iterator[ArticleRecord | PipelineError]", iter_records(pages, jobs=jobs, settings=settings))
