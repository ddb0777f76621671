"""Reading pages from disk: expanding SOURCE arguments and turning a file into a Page.

This is an edge module: it touches the file system so that the stages never do.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from pipeline.errors import InputError, UnreadablePath
from pipeline.gzip_data import GzipProblem, inflate, is_gzip
from pipeline.model import Page, Source
from pipeline.settings import Settings

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
# Any scheme counts as a URL, so that ftp:// or file:// get the fetcher's clear refusal
# instead of a puzzling "no such file".
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
# Bytes that never occur in text; a few in the first block mean the file is binary.
_BINARY_SAMPLE = 8192
_CONTROL_BYTES = bytes(range(0, 9)) + bytes([11, 12]) + bytes(range(14, 32))


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
            for line in stdin or sys.stdin:
                if line.strip():
                    yield line.strip()
        elif not is_url(source) and _is_dir(source):
            yield from (
                str(path) for path in sorted(Path(source).rglob("*")) if path.is_file() and is_page_file(path)
            )
        else:
            yield source


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

