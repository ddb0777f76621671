"""extract_metadata: JSON-LD, then meta tags, then microdata, then what the page shows."""

from __future__ import annotations

from pathlib import Path

from pipeline.clean._metadata import extract_metadata
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
