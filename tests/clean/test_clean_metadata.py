"""extract_metadata: JSON-LD, then meta tags, then microdata, then what the page shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.clean._metadata import _author_names, extract_metadata
from pipeline.clean._parse import parse_html
from pipeline.model import Metadata

CLEAN_DATA = Path(__file__).resolve().parents[1] / "data" / "clean"
SEED_PAGE = Path(__file__).resolve().parents[2] / "corpus" / "enotalone-12-crucial-steps-to-get-your-ex-back.html"


def _metadata(path) -> Metadata:
    return extract_metadata(parse_html(path.read_text(encoding="utf-8"), str(path)))


def test_jsonld_author_that_is_the_site_a_date_or_by_gives_way_to_the_byline():
    assert _metadata(CLEAN_DATA / "jsonld-byline.html") == Metadata(
        title="When to Walk Away From a Friendship",
        authors=("Ana Lima",),
        published="2021-06-05",
        modified="2021-07-01",
        site_name="Kindred Notes",
        canonical_url="https://kindred.example/friendship/walk-away",
        language="en-US",
        description="Signs a friendship has run its course, and how to leave it kindly.",
    )


def test_jsonld_person_author_wins_over_a_disagreeing_byline():
    html = (CLEAN_DATA / "jsonld-byline.html").read_text(encoding="utf-8").replace(
        '[{"@type": "Organization", "name": "Kindred Notes"}, "By", "2021-06-05"]',
        '{"@type": "Person", "name": "Rosa Marin"}',
    )
    assert extract_metadata(parse_html(html, "page.html")).authors == ("Rosa Marin",)


def test_byline_link_gives_the_author_without_the_date_beside_it():
    metadata = _metadata(CLEAN_DATA / "comments.html")
    assert metadata.authors == ("Dana Reyes",)
    assert metadata.published == "2023-03-14"


def test_meta_tags_give_author_and_date_when_there_is_no_jsonld():
    metadata = _metadata(CLEAN_DATA / "banners.html")
    assert (metadata.authors, metadata.published, metadata.language) == (("Sam Okafor",), "2022-11-02", "en-GB")


def test_seed_page_author_follows_the_visible_by():
    metadata = _metadata(SEED_PAGE)
    assert metadata.authors == ("Olivia Sanders",)
    assert metadata.canonical_url == (
        "https://www.enotalone.com/article/breakups-and-divorce/12-crucial-steps-to-get-your-ex-back-should-you-r4273/"
    )


def test_author_fields_of_the_comment_form_are_not_taken_for_the_byline():
    html = (CLEAN_DATA / "comments.html").read_text(encoding="utf-8")
    byline = html[html.index('<p class="byline">') : html.index("</p>", html.index('<p class="byline">')) + 4]
    without_byline = html.replace(byline, "")
    assert extract_metadata(parse_html(without_byline, "page.html")).authors == ()


def test_a_date_shown_in_an_element_classed_as_a_date_is_the_published_date():
    assert _metadata(SEED_PAGE.with_name("workwise-conflict-at-work-no-n.html")).published == "2021-04-12"


def test_a_site_suffix_on_the_jsonld_headline_is_dropped_when_og_title_leaves_it_off():
    html = (CLEAN_DATA / "jsonld-byline.html").read_text(encoding="utf-8").replace(
        '"headline": "When to Walk Away From a Friendship"', '"headline": "When to Walk Away From a Friendship | Kindred Notes"'
    )
    assert extract_metadata(parse_html(html, "page.html")).title == "When to Walk Away From a Friendship"


def test_markup_left_in_the_meta_description_becomes_the_text_a_reader_sees():
    metadata = _metadata(CLEAN_DATA / "description-markup.html")
    assert metadata.description == "We're excited to introduce Mini-Serve, a small server for language models. Read on."


def test_a_description_that_names_a_type_parameter_keeps_it():
    html = (CLEAN_DATA / "description-markup.html").read_text(encoding="utf-8").replace(
        'content="&lt;p&gt;We', 'content="Why List&lt;T&gt; beats arrays. &lt;p&gt;We'
    )
    assert extract_metadata(parse_html(html, "page.html")).description == (
        "Why List<T> beats arrays. We're excited to introduce Mini-Serve, a small server for language models. Read on."
    )


def test_the_date_the_page_shows_under_its_title_wins_over_a_stale_tag():
    assert _metadata(CLEAN_DATA / "stale-date.html").published == "2024-03-05"


def test_a_date_shown_as_an_update_leaves_the_tags_publication_date():
    html = (CLEAN_DATA / "stale-date.html").read_text(encoding="utf-8").replace(
        "<span>Published March 5, 2024</span>", '<time datetime="2024-03-05T09:00:00Z">Updated: March 5, 2024</time>'
    )
    assert extract_metadata(parse_html(html, "page.html")).published == "2019-10-01"


def test_a_date_inside_a_sentence_of_the_article_is_not_the_publication_date():
    html = (CLEAN_DATA / "stale-date.html").read_text(encoding="utf-8")
    html = html.replace("<span>Published March 5, 2024</span>", "").replace('"datePublished": "2019-10-01T08:00:00Z"', '"x": 1')
    html = html.replace('<meta property="article:published_time" content="2019-10-01T08:00:00+00:00">', "")
    assert extract_metadata(parse_html(html, "page.html")).published is None


def test_the_headline_the_page_shows_wins_over_a_stale_tagged_one_and_the_sites_logo():
    assert _metadata(CLEAN_DATA / "stale-date.html").title == "How to Store Winter Tyres"


def test_of_several_headlines_the_one_like_the_tagged_title_is_the_title():
    html = (CLEAN_DATA / "stale-date.html").read_text(encoding="utf-8").replace(
        "<p>Clean the tyres", "<h1>Sign up for our newsletter</h1><p>Clean the tyres"
    ).replace("<h1>How to Store Winter Tyres</h1>", "<h1>How to store winter tyres for 2019</h1>")
    assert extract_metadata(parse_html(html, "page.html")).title == "How to store winter tyres for 2019"


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("✉ Jane Doe jane.doe@example.org ✉Corresponding author", ["Jane Doe"]),
        ("Jane Doe, MD and John Roe | Staff Writer", ["Jane Doe", "John Roe"]),
        ("This post was written by Jane Doe, Head of Marketing", ["Jane Doe"]),
        ("Liz Kenny Former Bank Consultant", ["Liz Kenny"]),
        ("Matt Check Head Winemaker, Co-Founder", ["Matt Check"]),
        ("Jane Doe, Examplia", ["Jane Doe"]),
        ("Nathan Myhrvold Dr. Nathan Myhrvold is chief executive officer of a firm", ["Nathan Myhrvold"]),
        ("Stephen Abel Fact Checked By Chris Obi", ["Stephen Abel"]),
        ("Dr. Vahid Osman", ["Dr. Vahid Osman"]),
    ],
)
def test_author_names_lose_addresses_roles_titles_employers_and_run_on_bios(field, names):
    assert _author_names(field) == names
