"""advice-pipeline: turn self-help and advice articles into structured, schema-validated JSON."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.errors import PipelineError
    from pipeline.settings import Settings

__version__ = "0.1.0"


def extract(html: str | bytes, *, url: str | None = None, settings: Settings | None = None) -> dict[str, Any]:
    """The record (a dict meeting the current schema in schemas/article/) for one page of HTML.

    `html` is the page as str or bytes; `url` is recorded as its source. Raises a
    `pipeline.errors.PipelineError` when the page holds no article.
    """
    from pipeline.extraction import extract as extract_record  # spaCy loads on first use, not on import

    return extract_record(html, url=url, settings=settings)


def extract_many(
    pages: Iterable[str | bytes | tuple[str, str | bytes]], *, jobs: int = 1, settings: Settings | None = None
) -> Iterator[dict[str, Any] | PipelineError]:
    """Records for many pages, in input order, with the spaCy pipeline loaded once.

    Each item is HTML (str or bytes) or a (name, HTML) pair; a name that is a http(s) URL is
    recorded as the source URL, any other name is used in messages. A page with no record
    yields its `PipelineError` (naming the page) in its place, and the stream goes on. With
    `jobs` > 1, pages are extracted by that many worker processes.
    """
    from pipeline.runner import iter_records  # spaCy loads on first use, not on import

    return iter_records(pages, jobs=jobs, settings=settings)
