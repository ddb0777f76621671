"""Reading pages from disk: expanding SOURCE arguments and turning a file into a Page.

This is an edge module: it touches the file system so that the stages never do.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from pipeline.errors import InputError, PipelineError, UnreadablePath, UsageError
from pipeline.gzip_data import GzipProblem, inflate, is_gzip
from pipeline.model import Page, Source
from pipeline.settings import Settings

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
# The fetch store's manifest (pipeline.fetch): a directory holding one is a store of pages.
MANIFEST_NAME = "manifest.jsonl"
# Any scheme counts as a URL, so that ftp:// or file:// get the fetcher's clear refusal
# instead of a puzzling "no such file".
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
# Bytes that never occur in text; a few in the first block mean the file is binary.
_BINARY_SAMPLE = 8192
_CONTROL_BYTES = bytes(range(0, 9)) + bytes([11, 12]) + bytes(range(14, 32))

# One input of a run: a path or URL still to read, a page already read (a WARC record, a
# fetch store's page), or the error that reading an input ran into (a truncated WARC).
SourceItem = str | Page | PipelineError


def is_url(source: str) -> bool:
    return bool(_URL.match(source))


def is_page_file(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES)


def iter_source_paths(sources: Iterable[str], stdin: TextIO | None = None) -> Iterator[str]:
    """Expand SOURCE arguments: files as given, directories to their page files (sorted,
    recursively), `-` to the non-blank lines of stdin. URLs pass through untouched.

    A path that does not exist is yielded as it is, so that reading it reports the error
    in its place in the batch.
    """
    for source in sources:
        if source == "-":
            yield from lines_of(stdin or sys.stdin)
        elif not is_url(source) and _is_dir(source):
            yield from (str(path) for path in _files_in(Path(source), is_page_file))
        else:
            yield source


def iter_sources(
    sources: Iterable[str], settings: Settings, stdin: TextIO | None = None, url: str | None = None
) -> Iterator[SourceItem]:
    """What `run` works through, lazily: paths and URLs to read or fetch, and pages already read.

    As `iter_source_paths`, and besides: a WARC or WARC.gz file gives its HTML response
    records, a directory holding a fetch store's manifest.jsonl gives its pages with the URLs
    they came from, and a file inside such a store gets its URL from the manifest. `url` is
    the URL of the single local file given (raises UsageError for anything else).
    """
    if url is not None:
        yield _single_file_with_url(list(sources), settings, url)
        return
    for source in iter_source_paths(_expand_warcs_in_dirs(sources), stdin):
        if is_url(source):
            yield source
        elif is_warc_file(Path(source)):
            from pipeline.warc import warc_pages  # warcio: only for runs that read WARC

            yield from warc_pages(source, settings)
        elif _is_store(source):
            yield from _store_pages(Path(source))
        else:
            yield source


def _single_file_with_url(sources: list[str], settings: Settings, url: str) -> Page | PipelineError:
    if len(sources) != 1 or sources[0] == "-" or is_url(sources[0]) or Path(sources[0]).is_dir():
        raise UsageError("--url", "names the URL of one local page file; give exactly one")
    try:
        return read_source(sources[0], settings, url=url)
    except InputError as error:
        return error


def lines_of(stream: Iterable[str]) -> Iterator[str]:
    """The non-blank lines of a source list, stripped."""
    return (line.strip() for line in stream if line.strip())


def is_warc_file(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES) and _is_file(path)


def read_source(source: str, settings: Settings, url: str | None = None) -> Page:
    """Read one page file; its URL is `url`, else the one a fetch store's manifest beside it names."""
    page = read_page(source, settings)
    url = url or _manifest_url(Path(source))
    return replace(page, source=replace(page.source, url=url)) if url else page


def _expand_warcs_in_dirs(sources: Iterable[str]) -> Iterator[str]:
    for source in sources:
        path = Path(source)
        if source != "-" and not is_url(source) and _is_dir(source) and not _is_store(source):
            yield from (str(found) for found in _files_in(path, lambda p: is_page_file(p) or is_warc_file(p)))
        else:
            yield source


def _files_in(directory: Path, wanted: Callable[[Path], bool]) -> Iterator[Path]:
    return (path for path in sorted(directory.rglob("*")) if path.is_file() and wanted(path))


def _store_pages(directory: Path) -> Iterator[Page]:
    from pipeline.fetch import stored_pages  # httpx: only for runs over a fetch store

    return stored_pages(directory)


def _manifest_url(path: Path) -> str | None:
    if not _is_file(path.parent / MANIFEST_NAME):
        return None
    from pipeline.fetch import stored_url  # httpx: only for files inside a fetch store

    return stored_url(path)


def _is_store(source: str) -> bool:
    return _is_file(Path(source) / MANIFEST_NAME)


def _is_file(path: Path) -> bool:
    """Whether `path` is a file; False when it cannot be looked at (inside an unreadable directory)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _is_dir(source: str) -> bool:
    """Whether `source` is a directory; False when it cannot even be looked at (a path inside
    an unreadable directory), so that reading it reports the error in its place."""
    try:
        return Path(source).is_dir()
    except OSError:
        return False


def read_page(path: str, settings: Settings) -> Page:
    """Read one page file (.html, or gzip-compressed .html.gz) into a Page.

    Raises UnreadablePath for a missing or unreadable file, InputError for an empty file, a
    truncated or corrupt gzip stream, a file over `settings.max_page_bytes`, or bytes that are
    plainly binary.
    """
    raw = _read_bytes(path, settings.max_page_bytes)
    content = _inflate(path, raw, settings.max_page_bytes) if is_gzip(raw) else raw
    if not content.strip():
        raise InputError(path, "empty file")
    if _looks_binary(content):
        raise InputError(path, "binary file, not HTML")
    source = Source(path=path, content_sha256=hashlib.sha256(content).hexdigest())
    return Page(source=source, content=content)


def _read_bytes(path: str, limit: int) -> bytes:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise UnreadablePath(path, "no such file") from None
    except IsADirectoryError:
        raise UnreadablePath(path, "is a directory") from None
    except OSError as error:
        raise UnreadablePath(path, f"cannot read: {error.strerror or error}") from None
    if len(raw) > limit:
        raise InputError(path, f"larger than the {limit // (1024 * 1024)} MiB page limit")
    return raw


def _inflate(path: str, raw: bytes, limit: int) -> bytes:
    try:
        return inflate(raw, limit)
    except GzipProblem as problem:
        raise InputError(path, str(problem)) from None


def _looks_binary(content: bytes) -> bool:
    sample = content[:_BINARY_SAMPLE]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # a UTF-16 byte order mark: text, decoded later
    controls = sum(sample.count(byte) for byte in _CONTROL_BYTES)
    return controls > len(sample) // 100

