"""fetch_page against a real loopback server: what is fetched, how often, and how far apart."""

from __future__ import annotations

import hashlib
import ipaddress
import time

import pytest

from pipeline.errors import FetchDeferred, FetchError, RobotsDenied, UnsafeURL
from pipeline.fetch import fetch_page
from pipeline.fetch import _safety
from pipeline.fetch._client import DEFAULT_USER_AGENT, charset_of
from pipeline.model import Page, Source
from pipeline.settings import FetchSettings, Settings


def test_normal_page_comes_back_as_raw_bytes_with_http_charset(site, settings):
    page = fetch_page(site.url("/article.html"), settings)

    content = site.file("article.html")
    assert page == Page(
        source=Source(url=site.url("/article.html"), content_sha256=hashlib.sha256(content).hexdigest()),
        content=content,
        encoding="utf-8",
    )
    assert site.paths() == ["/robots.txt", "/article.html"]


def test_user_agent_names_tool_version_and_contact(site, settings):
    fetch_page(site.url("/article.html"), settings)

    assert DEFAULT_USER_AGENT == "advice-pipeline/0.1.0 (+https://github.com/advice-pipeline/advice-pipeline)"
    assert [hit.headers["user-agent"] for hit in site.hits] == [DEFAULT_USER_AGENT] * 2


def test_user_agent_is_settable_and_its_token_is_matched_in_robots(site, tuned):
    fetch_page(site.url("/article.html"), tuned(user_agent="my-crawler/2.0 (+https://example.org/bot)"))

    assert site.hits[-1].headers["user-agent"] == "my-crawler/2.0 (+https://example.org/bot)"


def test_robots_disallowed_path_is_never_requested(site, settings):
    with pytest.raises(RobotsDenied) as denied:
        fetch_page(site.url("/private/secret.html"), settings)

    assert str(denied.value) == f"{site.url('/private/secret.html')}: robots.txt disallows it for advice-pipeline; it is asked again on every run"
    assert site.paths() == ["/robots.txt"]


def test_robots_txt_is_read_once_per_host(site, settings):
    for _ in range(3):
        fetch_page(site.url("/article.html"), settings)

    assert site.count("/robots.txt") == 1
    assert site.count("/article.html") == 3


def test_crawl_delay_larger_than_min_delay_spaces_every_hit(site, settings):
    site.robots_file = "robots-crawl-delay.txt"
    for path in ("/article.html", "/cp1252.html", "/page/1"):
        fetch_page(site.url(path), settings)

    assert site.paths() == ["/robots.txt", "/article.html", "/cp1252.html", "/page/1"]
    # robots.txt itself is spaced by min_delay (its Crawl-delay is not known yet); then 0.6 s.
    assert site.gaps()[0] >= 0.05
    assert all(gap >= 0.6 for gap in site.gaps()[1:])
    assert all(gap < 1.0 for gap in site.gaps()[1:])


def test_default_settings_keep_one_second_between_hits(site):
    polite = Settings(fetch=FetchSettings(allow_private=True))
    fetch_page(site.url("/article.html"), polite)
    fetch_page(site.url("/page/1"), polite)

    assert site.paths() == ["/robots.txt", "/article.html", "/page/1"]
    assert all(1.0 <= gap < 1.5 for gap in site.gaps())


def test_429_waits_for_retry_after_then_succeeds(site, settings):
    page = fetch_page(site.url("/busy"), settings)

    assert page.content == site.file("article.html")
    assert site.paths() == ["/robots.txt", "/busy", "/busy"]
    assert site.gaps()[1] >= 1.0


def test_503_twice_is_retried_with_growing_backoff(site, tuned):
    page = fetch_page(site.url("/flaky"), tuned(backoff_base=0.2, backoff_cap=1.0))

    assert page.source.url == site.url("/flaky")
    assert site.count("/flaky") == 3
    first, second = site.gaps()[1:]
    # Equal jitter: at least half of 0.2 s, then at least half of 0.4 s (both above min_delay,
    # which would otherwise hide whether the backoff grew).
    assert first >= 0.1 and second >= 0.2


def test_retries_stop_after_max_retries(site, tuned, reason_of):
    assert reason_of("/flaky", tuned(max_retries=1)) == "HTTP 503 (gave up after 2 attempts)"
    assert site.count("/flaky") == 2


def test_retry_after_beyond_cap_defers_without_waiting(site, reason_of):
    assert reason_of("/far-future", raises=FetchDeferred) == "HTTP 503 asks to retry after 3600 s, over the 5 s cap"
    assert site.count("/far-future") == 1


def test_permanent_404_fails_at_once(site, reason_of):
    assert reason_of("/missing") == "HTTP 404"
    assert site.count("/missing") == 1


def test_redirect_chain_is_followed_to_the_final_url(site, settings):
    page = fetch_page(site.url("/hop/1"), settings)

    assert page.source.url == site.url("/article.html")
    assert site.paths() == ["/robots.txt", "/hop/1", "/hop/2", "/hop/3", "/article.html"]


def test_too_many_redirects_fail(site, tuned, reason_of):
    assert reason_of("/hop/1", tuned(max_redirects=2)) == "more than 2 redirects"
    assert site.paths() == ["/robots.txt", "/hop/1", "/hop/2", "/hop/3"]


def test_redirect_loop_is_detected(site, reason_of):
    assert reason_of("/loop/a") == f"redirect loop: {site.url('/loop/a')} was already visited"
    assert site.paths() == ["/robots.txt", "/loop/a", "/loop/b"]


def test_body_declared_over_the_cap_is_refused_unread(reason_of):
    assert reason_of("/huge") == "body of 31457280 bytes is over the 20971520 byte limit"


def test_undeclared_body_is_cut_off_at_the_cap(tuned, reason_of):
    assert reason_of("/huge-undeclared", tuned(max_bytes=2 * 1024 * 1024)) == "body is over the 2097152 byte limit"


def test_body_that_is_not_the_gzip_it_claims_fails(reason_of):
    assert reason_of("/bad-gzip").startswith("body does not match its Content-Encoding: ")


def test_binary_content_type_is_not_kept(reason_of):
    assert reason_of("/pixel.png") == "content type image/png is not HTML"


def test_page_that_never_finishes_times_out(site, reason_of):
    assert reason_of("/stall") == "no data for 1 s (read timeout)"
    assert site.count("/stall") == 1


def test_body_that_trickles_in_is_cut_off_by_body_timeout(site, tuned, reason_of):
    assert reason_of("/trickle", tuned(body_timeout=0.5)) == "body not complete after 0.5 s"
    assert site.count("/trickle") == 1


def test_dropped_connections_are_retried(site, settings):
    page = fetch_page(site.url("/drop"), settings)

    assert page.content == site.file("article.html")
    assert site.count("/drop") == 3


def test_dropped_connections_give_up_after_max_retries(site, tuned, reason_of):
    assert reason_of("/drop", tuned(max_retries=1)) == (
        "RemoteProtocolError: Server disconnected without sending a response. (gave up after 2 attempts)"
    )
    assert site.count("/drop") == 2


def test_tls_failure_is_not_retried(site, tuned):
    plain_http_as_https = site.url("/article.html").replace("http://", "https://")

    started = time.monotonic()
    with pytest.raises(FetchError) as failed:
        fetch_page(plain_http_as_https, tuned(obey_robots=False, max_retries=3, backoff_base=5.0))

    assert failed.value.reason.startswith("TLS handshake failed: ")
    assert time.monotonic() - started < 2.5  # one retry would have backed off at least 2.5 s


def test_mislabelled_charset_is_passed_on_untouched(site, settings):
    page = fetch_page(site.url("/cp1252.html"), settings)

    assert page.content == site.file("cp1252.html")
    assert page.encoding == "utf-8"


def test_mislabelled_page_decodes_in_the_clean_stage(site, settings):
    from pipeline.clean import decode_html

    page = fetch_page(site.url("/cp1252.html"), settings)

    assert "Don\u2019t sit at a caf\u00e9 table for three hours \u2014 order" in decode_html(page.content, page.encoding)


def test_loopback_is_refused_without_opt_in(site, tuned, reason_of):
    assert reason_of("/article.html", tuned(allow_private=False), raises=UnsafeURL) == (
        "host 127.0.0.1 resolves to non-public address 127.0.0.1; rerun with --allow-private to fetch it"
    )
    assert site.hits == []


def test_host_whose_dns_turns_private_after_the_check_is_refused(site, tuned, monkeypatch):
    # The check sees a public answer; the connection then goes to 127.0.0.1 (DNS rebinding).
    monkeypatch.setattr(_safety, "_resolve", lambda url, host: {ipaddress.ip_address("93.184.216.34")})

    with pytest.raises(UnsafeURL) as refused:
        fetch_page(site.url("/article.html"), tuned(allow_private=False, obey_robots=False))

    assert refused.value.reason == "connected to non-public address 127.0.0.1 (the host's DNS answer changed)"


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [
        ("text/html; charset=UTF-8", "utf-8"),
        ('text/html; Charset="windows-1252"', "windows-1252"),
        ("text/html", None),
        (None, None),
    ],
)
def test_charset_is_read_from_content_type(content_type, charset):
    assert charset_of(content_type) == charset
