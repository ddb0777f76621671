"""Many pages through clean(), one outcome each, so a bad page never stops the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePath

from pipeline.clean._api import clean
from pipeline.errors import PipelineError
from pipeline.model import Document, Page
from pipeline.settings import Settings
from pipeline.sources import PAGE_SUFFIXES


def clean_each(
    paths: Iterable[str], read: Callable[[str], Page], settings: Settings
) -> Iterator[tuple[str, Document | PipelineError]]:
    """(path, Document) for every page that cleans, (path, the error) for every one that does not."""
    for path in paths:
        try:
            yield path, clean(read(path), settings)
        except PipelineError as error:
            yield path, error


def text_file_name(path: str, suffix: str = ".txt") -> str:
    """`<input name without .html / .html.gz><suffix>`, the file the cleaned text of `path` goes to."""
    name = PurePath(path).name
    stem = next((name[: -len(page)] for page in PAGE_SUFFIXES if name.lower().endswith(page)), name)
    return f"{stem}{suffix}"
