"""Page URLs from sitemaps: urlsets, sitemap indexes, gzipped files and plain-text lists."""

from __future__ import annotations

import logging
import re

from lxml import etree

from pipeline.errors import FetchError, UsageError
from pipeline.fetch._sessions import session_for
from pipeline.gzip_data import GzipProblem, inflate, is_gzip
from pipeline.settings import Settings

log = logging.getLogger(__name__)

# The sitemaps protocol allows no nesting of indexes; a little slack tolerates odd sites.
MAX_DEPTH = 3


def read_sitemap(url: str, settings: Settings, pattern: str | None = None) -> list[str]:
    """Page URLs listed by the sitemap or sitemap index at `url`, in order, without repeats.

    `pattern` is a regular expression a URL must contain (re.search) to be kept. A child
    sitemap that cannot be read is logged and skipped; the top one raises FetchError.
    """
    matcher = compile_pattern(pattern)
    pages = _collect(url, settings, depth=0, seen=set())
    return [page for page in dict.fromkeys(pages) if matcher is None or matcher.search(page)]


def compile_pattern(pattern: str | None) -> re.Pattern[str] | None:
    """The compiled URL filter, or None for no filter; UsageError if it is not a regex."""
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as error:
        raise UsageError("--match", f"not a regular expression: {error}") from error


def _collect(url: str, settings: Settings, depth: int, seen: set[str]) -> list[str]:
    seen.add(url)
    kind, locations = _parse(url, _download(url, settings))
    if kind == "urlset":
        return locations
    pages = []
    for child in locations:
        if child in seen or depth + 1 >= MAX_DEPTH:
            continue
        try:
            pages.extend(_collect(child, settings, depth + 1, seen))
        except FetchError as error:
            log.warning("skipping sitemap %s", error)
    return pages


def _download(url: str, settings: Settings) -> bytes:
    reply = session_for(settings.fetch).get_file(url)
    if not 200 <= reply.status < 300 or reply.body is None:
        raise FetchError(url, f"sitemap answered HTTP {reply.status}")
    body = reply.body
    if is_gzip(body):
        body = _inflate(url, body, settings.fetch.max_bytes)
    return body


def _inflate(url: str, body: bytes, max_bytes: int) -> bytes:
    try:
        return inflate(body, max_bytes)
    except GzipProblem as problem:
        raise FetchError(url, f"sitemap: {problem}") from None


def _parse(url: str, body: bytes) -> tuple[str, list[str]]:
    """('urlset' | 'sitemapindex', the <loc> URLs), or a plain-text list of URLs as a urlset."""
    if not body.lstrip().startswith(b"<"):
        lines = body.decode("utf-8", "replace").splitlines()
        return "urlset", [line.strip() for line in lines if line.strip().startswith(("http://", "https://"))]
    try:
        # No entities, DTDs or network: a sitemap must not make us read other files (XXE).
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        raise FetchError(url, f"sitemap is not well-formed XML: {error}") from error
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise FetchError(url, f"not a sitemap: root element is <{kind}>")
    locations = [loc.text.strip() for loc in root.iter("{*}loc") if loc.text and loc.text.strip()]
    return kind, locations
