"""read_sitemap: urlsets, indexes with gzipped children, text lists, and what is skipped."""

from __future__ import annotations

import gzip

import pytest

from pipeline.errors import FetchError
from pipeline.fetch import read_sitemap
from pipeline.fetch._sitemaps import _inflate


def test_sitemap_index_lists_pages_of_every_child_once(site, settings):
    urls = read_sitemap(site.url("/sitemap.xml"), settings)

    assert urls == [
        site.url("/article.html"),
        site.url("/articles/how-to-apologise"),
        site.url("/articles/how-to-say-no"),
        site.url("/tags/habits"),
    ]
    assert site.paths() == ["/robots.txt", "/sitemap.xml", "/sitemap-articles.xml.gz", "/sitemap-tags.xml"]


def test_pattern_keeps_only_matching_pages(site, settings):
    assert read_sitemap(site.url("/sitemap.xml"), settings, pattern=r"/articles/") == [
        site.url("/articles/how-to-apologise"),
        site.url("/articles/how-to-say-no"),
    ]


def test_plain_text_sitemap_lists_its_url_lines(site, settings):
    assert read_sitemap(site.url("/sitemap.txt"), settings) == [site.url("/page/1"), site.url("/page/2")]


def test_unreadable_child_is_skipped_and_the_rest_kept(site, settings, caplog):
    urls = read_sitemap(site.url("/sitemap-with-missing-child.xml"), settings)

    assert urls == [site.url("/tags/habits"), site.url("/article.html")]
    assert caplog.messages == [f"skipping sitemap {site.url('/sitemap-gone.xml')}: sitemap answered HTTP 404"]


def test_missing_top_sitemap_raises(reason_of):
    assert reason_of("/sitemap-gone.xml", call=read_sitemap) == "sitemap answered HTTP 404"


def test_html_page_is_not_a_sitemap(reason_of):
    assert reason_of("/article.html", call=read_sitemap).startswith("sitemap is not well-formed XML: ")


def test_gzip_bomb_stops_at_the_cap():
    bomb = gzip.compress(b"<" * 5_000_000)

    with pytest.raises(FetchError) as failed:
        _inflate("https://example.org/sitemap.xml.gz", bomb, max_bytes=1_000_000)

    assert failed.value.reason == "sitemap: inflates to more than 1000000 bytes"
