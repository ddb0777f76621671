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


def sitemap_paths(site) -> list[str]:
    return [path for path in site.paths() if path.startswith("/fan-")]


def test_an_index_nested_past_the_depth_cap_is_not_read_and_says_so(site, tuned, caplog):
    urls = read_sitemap(site.url("/fan-2-3.xml"), tuned(sitemap_max_depth=2))

    assert urls == []
    assert sitemap_paths(site) == ["/fan-2-3.xml", "/fan-2-3/0.xml", "/fan-2-3/0/0.xml", "/fan-2-3/0/1.xml",
                                   "/fan-2-3/1.xml", "/fan-2-3/1/0.xml", "/fan-2-3/1/1.xml"]
    assert caplog.messages[0] == (
        f"sitemap index {site.url('/fan-2-3/0/0.xml')} nests deeper than 2 levels: its 2 sitemaps are not read"
    )


def test_a_wide_fan_out_stops_at_the_sitemap_file_cap_and_says_so(site, tuned, caplog):
    urls = read_sitemap(site.url("/fan-50-2.xml"), tuned(sitemap_max_files=10))

    assert len(sitemap_paths(site)) == 10
    assert len(urls) == 8 * 50
    assert caplog.messages == [
        f"read the cap of 10 sitemap files: 42 more listed in {site.url('/fan-50-2/0.xml')} are not read"
    ]


def test_urls_stop_at_the_url_cap_and_say_so(site, tuned, caplog):
    urls = read_sitemap(site.url("/fan-30-1.xml"), tuned(sitemap_max_urls=40))

    assert urls == [site.url(f"/page/fan-30-1/{i}/{j}") for i, j in [(0, n) for n in range(30)] + [(1, n) for n in range(10)]]
    assert len(sitemap_paths(site)) == 3
    assert caplog.messages == [f"reached the cap of 40 sitemap URLs in {site.url('/fan-30-1/1.xml')}: the rest are not read"]
