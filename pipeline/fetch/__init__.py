"""Fetch pages from the web politely: robots.txt, per-host spacing, retries, a raw store.

This stage knows nothing of HTML: it returns raw bytes and the charset the server declared.
"""

from __future__ import annotations

import hashlib

from pipeline.errors import FetchError
from pipeline.fetch._batch import FetchSummary, fetch_all
from pipeline.fetch._client import charset_of, failure_of
from pipeline.fetch._inputs import collect_urls
from pipeline.fetch._sessions import session_for
from pipeline.fetch._sitemaps import read_sitemap
from pipeline.fetch._store import ManifestEntry, stored_pages, stored_url
from pipeline.model import Page, Source
from pipeline.settings import Settings

__all__ = [
    "FetchSummary",
    "ManifestEntry",
    "collect_urls",
    "fetch_all",
    "fetch_page",
    "read_sitemap",
    "stored_pages",
    "stored_url",
]


def fetch_page(url: str, settings: Settings) -> Page:
    """Fetch one HTML page under every politeness and safety rule.

    Raises RobotsDenied, UnsafeURL, FetchDeferred or FetchError with a one-line reason.
    """
    reply = session_for(settings.fetch).get_page(url)
    failure = failure_of(reply, conditional=False)
    if failure:
        raise FetchError(url, failure)
    content = reply.body or b""
    source = Source(url=reply.url, content_sha256=hashlib.sha256(content).hexdigest())
    return Page(source=source, content=content, encoding=charset_of(reply.headers.get("content-type")))
