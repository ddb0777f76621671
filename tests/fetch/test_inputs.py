"""collect_urls: arguments, URL files and sitemaps merged, filtered and checked."""

from __future__ import annotations

import pytest

from pipeline.errors import FetchError, UsageError
from pipeline.fetch import collect_urls


def test_arguments_and_file_lines_merge_in_order_without_repeats():
    lines = ["# weekly list\n", "https://example.org/b\n", "\n", "  https://example.org/a  \n"]

    assert collect_urls(["https://example.org/a"], lines) == ["https://example.org/a", "https://example.org/b"]


def test_match_keeps_only_urls_it_finds():
    urls = ["https://example.org/advice/1", "https://example.org/shop/2"]

    assert collect_urls(urls, pattern=r"/advice/") == ["https://example.org/advice/1"]


def test_sitemap_urls_join_the_list(site, settings):
    urls = collect_urls([site.url("/page/9")], sitemaps=[site.url("/sitemap.txt")], settings=settings)

    assert urls == [site.url("/page/9"), site.url("/page/1"), site.url("/page/2")]


@pytest.mark.parametrize(
    ("urls", "pattern", "message"),
    [
        ([], None, "fetch: no URLs given"),
        (["https://example.org/shop"], "/advice/", "fetch: no URL matches '/advice/'"),
        (["https://example.org/a"], "(", "--match: not a regular expression: missing ), unterminated subpattern at position 0"),
    ],
)
def test_nothing_to_fetch_is_a_usage_error(urls, pattern, message):
    with pytest.raises(UsageError) as refused:
        collect_urls(urls, pattern=pattern)

    assert str(refused.value) == message
    assert refused.value.exit_code == 2


def test_each_bad_line_is_that_lines_error_and_the_rest_go_on():
    lines = [
        b"http://[::1\n",
        b"http://example.org:99999/x\n",
        b"\xff\xfe not utf-8\n",
        "http://\u2603\u200d.example/\n".encode(),
        b"https://example.org/good\n",
    ]
    rejected = []

    urls = collect_urls(["http://[::2"], lines, reject=rejected.append, lines_name="urls.txt")

    assert urls == ["https://example.org/good"]
    assert [str(error) for error in rejected] == [
        "urls.txt:1: http://[::1: not a valid URL: Invalid IPv6 URL",
        "urls.txt:2: http://example.org:99999/x: not a valid URL: Port out of range 0-65535",
        "urls.txt:3: not valid UTF-8",
        "urls.txt:4: http://\u2603\u200d.example/: not a valid URL: Invalid IDNA hostname: '\u2603\\u200d.example'",
        "http://[::2: not a valid URL: Invalid IPv6 URL",
    ]


def test_without_a_reject_hook_a_bad_url_raises_its_error():
    with pytest.raises(FetchError, match="Port out of range"):
        collect_urls(["http://example.org:99999/"])


def test_only_bad_lines_is_a_usage_error_saying_so():
    with pytest.raises(UsageError, match="^fetch: no valid URL given$"):
        collect_urls([], [b"http://[::1\n"], reject=lambda error: None)
