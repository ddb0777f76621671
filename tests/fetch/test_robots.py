"""robots.txt: how each answer is read, and that it is fetched once per origin."""

from __future__ import annotations

import pytest

from pipeline.errors import FetchDeferred, FetchError, RobotsDenied
from pipeline.fetch import fetch_page
from pipeline.fetch._robots import RobotsCache, interpret

RULES = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2.5\n\nUser-agent: advice-pipeline\nDisallow: /drafts/\n"


def cache_answering(status: int, body: bytes | None = None) -> tuple[RobotsCache, list[str]]:
    asked: list[str] = []

    def download(url: str) -> tuple[int, bytes | None]:
        asked.append(url)
        return status, body

    return RobotsCache(download, "advice-pipeline"), asked


def test_our_own_group_wins_over_the_wildcard():
    cache, asked = cache_answering(200, RULES)

    cache.check("https://example.org/private/page")  # only the * group forbids /private/
    with pytest.raises(RobotsDenied):
        cache.check("https://example.org/drafts/page")
    assert asked == ["https://example.org/robots.txt"]


def test_crawl_delay_is_read_for_our_group_once_robots_is_known():
    cache, _ = cache_answering(200, b"User-agent: advice-pipeline\nCrawl-delay: 2.5\n")

    assert cache.delay("https://example.org/a") == 0.0
    cache.check("https://example.org/a")
    assert cache.delay("https://example.org/a") == 2.5


def test_request_rate_counts_as_a_delay_when_larger():
    cache, _ = cache_answering(200, b"User-agent: *\nCrawl-delay: 1\nRequest-rate: 1/4\n")
    cache.check("https://example.org/a")

    assert cache.delay("https://example.org/a") == 4.0


def test_robots_file_is_fetched_once_per_origin():
    cache, asked = cache_answering(404)

    for url in ("https://example.org/a", "https://example.org/b", "http://example.org/c", "https://example.org:8443/d"):
        cache.check(url)

    assert asked == [
        "https://example.org/robots.txt",
        "http://example.org/robots.txt",
        "https://example.org:8443/robots.txt",
    ]


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_client_errors_mean_no_rules(status):
    assert interpret(status, None).rules is None
    assert interpret(status, None).unreachable is None


@pytest.mark.parametrize("status", [429, 500, 503])
def test_server_trouble_defers_the_whole_host(status):
    cache, _ = cache_answering(status)

    with pytest.raises(FetchDeferred) as deferred:
        cache.check("https://example.org/a")

    assert deferred.value.reason == f"robots.txt answered HTTP {status}"


def test_unreachable_robots_defers_the_host():
    def refuse(url: str) -> tuple[int, bytes | None]:
        raise FetchError(url, "ConnectError: connection refused (gave up after 5 attempts)")

    with pytest.raises(FetchDeferred) as deferred:
        RobotsCache(refuse, "advice-pipeline").check("https://example.org/a")

    assert deferred.value.reason == (
        "robots.txt unreachable: ConnectError: connection refused (gave up after 5 attempts)"
    )


def test_site_without_robots_txt_is_crawled(site, settings):
    site.robots_file = None

    page = fetch_page(site.url("/private/secret.html"), settings)

    assert page.content == site.file("secret.html")
    assert site.paths() == ["/robots.txt", "/private/secret.html"]


def test_robots_can_be_ignored_by_setting(site, tuned):
    fetch_page(site.url("/private/secret.html"), tuned(obey_robots=False))

    assert site.paths() == ["/private/secret.html"]
