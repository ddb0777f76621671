"""collect_urls: arguments, URL files and sitemaps merged, filtered and checked."""

from __future__ import annotations

import pytest

from pipeline.errors import UsageError
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
