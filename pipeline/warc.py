"""Reading pages out of WARC and WARC.gz files (web crawls), one response record at a time.

An edge module like sources.py: it reads files so that the stages never do. Only response
records whose HTTP Content-Type is HTML are pages; their WARC-Target-URI is the page's URL.
A record cut short (by the crawler's WARC-Truncated, or a file that ends early) is that
record's error; a file that ends inside a record ends its reading there.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from pipeline.errors import InputError, PipelineError
from pipeline.model import Page, Source
from pipeline.settings import Settings

HTML_TYPES = ("text/html", "application/xhtml+xml")
_READ_ERRORS = (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError)


class _Records(ArchiveIterator):
    """warcio's iterator, noting whether the file ended inside a gzip member."""

    ended_early = False

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        self.ended_early = decompressor is not None and not decompressor.eof
        super().close()


def warc_pages(path: str, settings: Settings) -> Iterator[Page | PipelineError]:
    """The HTML pages of the WARC file at `path`, lazily, with an error for each bad record."""
    try:
        handle = open(path, "rb")
    except OSError as error:
        yield InputError(path, f"cannot read: {error.strerror or error}")
        return
    with handle:
        records = _Records(handle)
        try:
            for record in records:
                if not _is_html_response(record):
                    continue
                content = record.content_stream().read(settings.max_page_bytes + 1)
                if record.raw_stream.limit > 0:
                    yield InputError(_url(path, record), f"truncated WARC record: {path} ends inside it")
                    return
                yield _page_or_error(path, record, content, settings)
        except _READ_ERRORS as error:
            yield InputError(path, f"corrupt WARC after offset {records.offset}: {error}")
            return
        if records.ended_early:
            yield InputError(path, f"truncated WARC: the file ends inside the record at offset {records.offset}")


def _is_html_response(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in HTML_TYPES


def _url(path: str, record: ArcWarcRecord) -> str:
    return record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{record.rec_headers.get_header('WARC-Record-ID')}"


def _page_or_error(path: str, record: ArcWarcRecord, content: bytes, settings: Settings) -> Page | PipelineError:
    url = _url(path, record)
    if len(content) > settings.max_page_bytes:
        return InputError(url, f"larger than the {settings.max_page_bytes // (1024 * 1024)} MiB page limit")
    cut = record.rec_headers.get_header("WARC-Truncated")
    if cut:
        return InputError(url, f"the crawler truncated this record ({cut}) in {path}")
    if not content.strip():
        return InputError(url, "empty response body")
    source = Source(url=url, path=path, content_sha256=hashlib.sha256(content).hexdigest())
    return Page(source=source, content=content, encoding=_charset(record))


def _charset(record: ArcWarcRecord) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None
