"""The URL list of a batch: arguments, a file of lines, and sitemaps, filtered by a pattern."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from pipeline.errors import FetchError, InputError, PipelineError, UsageError
from pipeline.fetch._safety import check_request_url
from pipeline.fetch._sitemaps import compile_pattern, read_sitemap
from pipeline.settings import Settings

Reject = Callable[[PipelineError], None]


def collect_urls(
    urls: Iterable[str],
    lines: Iterable[str | bytes] = (),
    sitemaps: Iterable[str] = (),
    pattern: str | None = None,
    settings: Settings | None = None,
    reject: Reject | None = None,
    lines_name: str = "<list>",
) -> list[str]:
    """Every URL given, listed one a line (blank and # lines skipped) or in a sitemap, once each.

    With `pattern`, only URLs it matches (re.search) are kept. A line that is not UTF-8 or a URL
    no request can be sent to (a broken IPv6 literal, a port out of range, a host that fails
    IDNA) is that entry's error, handed to `reject` (raised when there is none; `lines_name`
    names the lines in it) while the rest go on. Raises UsageError for a bad pattern or when
    nothing is left to fetch.
    """
    matcher = compile_pattern(pattern)
    rejected: list[PipelineError] = []

    def refuse(error: PipelineError) -> None:
        rejected.append(error)
        (reject or _raise)(error)

    found = [url.strip() for url in urls if url.strip()]
    found += _listed(lines, lines_name, refuse)
    for sitemap in sitemaps:
        found += read_sitemap(sitemap, settings or Settings())
    valid = [url for url in dict.fromkeys(found) if _requestable(url, url, refuse)]
    kept = [url for url in valid if matcher is None or matcher.search(url)]
    if not kept:
        nothing = "no valid URL given" if rejected else "no URLs given"
        raise UsageError("fetch", f"no URL matches {pattern!r}" if valid else nothing)
    return kept


def _listed(lines: Iterable[str | bytes], name: str, reject: Reject) -> Iterator[str]:
    for number, line in enumerate(lines, start=1):
        where = f"{name}:{number}"
        try:
            text = line.decode("utf-8") if isinstance(line, bytes) else line
        except UnicodeDecodeError:
            reject(InputError(where, "not valid UTF-8"))
            continue
        url = text.strip()
        if url and not url.startswith("#") and _requestable(url, where, reject):
            yield url


def _requestable(url: str, where: str, reject: Reject) -> bool:
    try:
        check_request_url(url)
    except FetchError as error:
        reject(error if where == url else InputError(where, f"{url}: {error.reason}"))
        return False
    return True


def _raise(error: PipelineError) -> None:
    raise error
