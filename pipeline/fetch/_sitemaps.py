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


def read_sitemap(url: str, settings: Settings, pattern: str | None = None) -> list[str]:
    """Page URLs listed by the sitemap or sitemap index at `url`, in order, without repeats.

    `pattern` is a regular expression a URL must contain (re.search) to be kept. A child
    sitemap that cannot be read is logged and skipped; the top one raises FetchError. The
    caps of `settings.fetch` (index nesting, sitemap files read, URLs kept) stop the walk
    with a warning saying which was hit, keeping what was read until then.
    """
    matcher = compile_pattern(pattern)
    walk = _Walk(settings)
    walk.read(url, depth=0)
    return [page for page in dict.fromkeys(walk.pages) if matcher is None or matcher.search(page)]


class _Walk:
    """One sitemap tree read depth first, within the caps."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.limits = settings.fetch
        self.pages: list[str] = []
        self.seen: set[str] = set()
        self.stopped = False

    def read(self, url: str, depth: int) -> None:
        self.seen.add(url)
        kind, locations = _parse(url, _download(url, self.settings))
        if kind == "urlset":
            self._keep(url, locations)
            return
        children = [child for child in locations if child not in self.seen]
        if children and depth >= self.limits.sitemap_max_depth:
            log.warning("sitemap index %s nests deeper than %d levels: its %d sitemaps are not read",
                        url, self.limits.sitemap_max_depth, len(children))
            return
        for number, child in enumerate(children):
            if self.stopped:
                return
            if len(self.seen) >= self.limits.sitemap_max_files:
                log.warning("read the cap of %d sitemap files: %d more listed in %s are not read",
                            self.limits.sitemap_max_files, len(children) - number, url)
                self.stopped = True
                return
            try:
                self.read(child, depth + 1)
            except FetchError as error:
                log.warning("skipping sitemap %s", error)

    def _keep(self, url: str, locations: list[str]) -> None:
        room = self.limits.sitemap_max_urls - len(self.pages)
        if len(locations) > room:
            log.warning("reached the cap of %d sitemap URLs in %s: the rest are not read",
                        self.limits.sitemap_max_urls, url)
            self.stopped = True
        self.pages.extend(locations[:room])


def compile_pattern(pattern: str | None) -> re.Pattern[str] | None:
    """The compiled URL filter, or None for no filter; UsageError if it is not a regex."""
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as error:
        raise UsageError("--match", f"not a regular expression: {error}") from error


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
