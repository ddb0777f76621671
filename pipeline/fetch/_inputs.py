"""The URL list of a batch: arguments, a file of lines, and sitemaps, filtered by a pattern."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.errors import UsageError
from pipeline.fetch._sitemaps import compile_pattern, read_sitemap
from pipeline.settings import Settings


def collect_urls(
    urls: Iterable[str],
    lines: Iterable[str] = (),
    sitemaps: Iterable[str] = (),
    pattern: str | None = None,
    settings: Settings | None = None,
) -> list[str]:
    """Every URL given, listed one a line (blank and # lines skipped) or in a sitemap, once each.

    With `pattern`, only URLs it matches (re.search) are kept. Raises UsageError for a bad
    pattern or when nothing is left to fetch.
    """
    matcher = compile_pattern(pattern)
    found = [url.strip() for url in urls if url.strip()]
    found += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    for sitemap in sitemaps:
        found += read_sitemap(sitemap, settings or Settings())
    kept = [url for url in dict.fromkeys(found) if matcher is None or matcher.search(url)]
    if not kept:
        raise UsageError("fetch", f"no URL matches {pattern!r}" if found else "no URLs given")
    return kept

