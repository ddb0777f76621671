"""Kinds of real page the clean stage failed on, each rebuilt small: the article kept whole, chrome out."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import NoArticleError


def test_an_article_split_across_page_builder_widgets_is_kept_whole_without_the_ads_and_the_plug_between(clean_file):
    document = clean_file("split-sections.html")
    assert [block.text[:10] for block in document.blocks] == ["Section 1 "] * 2 + [
        f"Section {n} " for n in (2, 2, 3, 3, 4, 4, 5, 5)
    ]
    assert "Sponsored" not in document.body_text
    assert "planner" not in document.body_text
    assert "small blog" not in document.body_text


def test_a_listicle_whose_items_are_each_their_own_box_keeps_all_of_them(clean_file):
    document = clean_file("listicle-items.html")
    assert [block.text for block in document.blocks if block.kind == "heading"] == [f"Pick number {n}" for n in range(1, 21)]
    assert "Ten pans" not in document.body_text


def test_a_nav_left_open_around_the_title_and_article_is_read_as_a_wrapper(clean_file):
    document = clean_file("open-nav.html")
    assert [block.text[:20] for block in document.blocks] == [
        "Tomatoes want six ho", "Pinch out the side s", "Pick the fruit when ",
    ]


def test_a_utf8_page_that_declares_utf16_is_read_as_utf8(clean_file):
    document = clean_file("utf8-declared-utf16.html")
    assert document.metadata.title == "Café notes"
    assert "naïve as it sounds" in document.body_text


def test_a_page_with_no_title_takes_its_first_heading(clean_file):
    assert clean_file("no-title.html").metadata.title == "Drink water first"


def test_a_page_with_no_title_and_no_heading_takes_the_last_part_of_its_url(page_from):
    from pipeline.clean import clean
    from pipeline.model import Page, Source
    from pipeline.settings import Settings

    html = b"<html><body><p>" + b"Plain words of a page that has neither a title nor a heading anywhere. " * 2 + b"</p></body></html>"
    page = Page(Source("0" * 64, url="https://example.org/blog/how-to-rest-well/"), html)
    assert clean(page, Settings()).metadata.title == "how to rest well"


def test_an_author_field_loses_e_mail_addresses_symbols_and_roles(clean_file):
    assert clean_file("author-email.html").metadata.authors == ("Jane Doe",)


def test_captions_and_alt_text_are_in_neither_text(clean_file):
    from pipeline.clean import main_text

    document = clean_file("structure.html")
    assert main_text(document) == document.body_text
    assert "Morning light" not in document.body_text


def test_a_page_with_no_article_is_refused(clean_file):
    with pytest.raises(NoArticleError, match="page holds no article text"):
        clean_file("no-article.html")


def test_links_citations_emphasis_and_custom_elements_inside_a_sentence_never_split_its_paragraph(clean_file):
    assert [block.text for block in clean_file("inline-citations.html").blocks] == [
        "Binge eating disorder is considered the most common eating disorder in the United States (Smith 2020)."
        " It is a recognised psychological condition, not a matter of willpower.",
        "Skipping meals often leads to cravings later in the day2, so a steady rhythm of meals helps more than strict"
        " rules (Nutrition Reviews, 2019).",
        "One review found that mindful eating reduced binge episodes Lee and emotional eating in most of the studies"
        " it covered.",
        "Keeping a food diary, as clinics in Boston advise, shows the patterns behind a binge before it starts.",
        "Sources are checked by our medical reviewers before every update of this article, and listed below.",
    ]


def test_a_drupal_body_in_a_description_field_is_the_article_without_tags_or_related_teasers(clean_file):
    document = clean_file("drupal-field-body.html")
    assert [block.text[:20] for block in document.blocks] == [
        "Gums, teeth and dry ", "Teeth can last a lif", "Brush twice a day wi", "Sip water through th", "See a dentist at lea",
    ]


def test_sections_in_wrappers_of_generated_class_names_are_kept_whole_with_the_box_between_them(clean_file):
    document = clean_file("css-in-js-sections.html")
    assert [block.text for block in document.blocks if block.kind == "heading"] == [
        "Check the serving size", "Words you will meet on the label", "Look at sugar, salt and fat",
        "Read the list of ingredients", "Compare per 100 grams",
    ]
    assert sum(block.kind == "paragraph" for block in document.blocks) == 7
    assert "kilojoules" not in document.body_text


def test_a_page_a_parse_error_leaves_inside_a_menu_button_keeps_its_article(clean_file):
    document = clean_file("button-wrapped-page.html")
    assert [block.text[:20] for block in document.blocks] == [
        "Basil from the super", "Split the pot into t", "Give it the sunniest", "Pinch out the tops a",
    ]


def test_an_article_streamed_into_a_hidden_element_is_read_and_a_hidden_menu_is_not(clean_file):
    document = clean_file("streamed-hidden.html")
    assert [block.text[:20] for block in document.blocks] == [
        "A few slow stretches", "Start with the neck.", "Then sit on the edge", "Finish lying down wi",
    ]


def test_a_listicle_whose_items_carry_one_line_notes_beside_their_text_keeps_every_item(clean_file):
    document = clean_file("listicle-item-notes.html")
    assert [block.text for block in document.blocks if block.kind == "heading"] == [
        "The Lighthouse Keeper's Daughter", "Salt and Ember", "The Cartographer's Last Map",
    ]
    assert document.blocks[0].text.startswith("Winter is the season for long, slow books.")
    assert document.body_text.count("It is a book to read slowly") == 3


def test_an_ad_slots_label_and_the_rights_line_of_an_old_table_layout_page_are_not_article_text(clean_file):
    document = clean_file("table-layout-ad-label.html")
    assert [block.text[:30] for block in document.blocks] == [
        "Growing Tomatoes in Containers", "Tomatoes grow well in pots as ", "Fill the pot with a good compo",
        "Water every day in summer, in ", "Pinch out the side shoots of t",
    ]


def test_disclosures_and_photo_credits_between_a_posts_paragraphs_are_not_article_text(clean_file):
    document = clean_file("wordpress-notices.html")
    assert [block.text[:30] for block in document.blocks] == [
        "A cast iron pan lasts for gene", "Rinse the pan with hot water w", "Dry it at once, then set it on",
        "Rub a few drops of oil over th",
    ]


def test_captions_and_alt_text_of_every_kind_stay_out_of_one_main_text_that_clean_and_run_share():
    from click.testing import CliRunner

    from pipeline.cli import cli
    from pipeline.extraction import extract_page
    from pipeline.settings import Settings
    from pipeline.sources import read_page

    path = str(Path(__file__).resolve().parents[1] / "data" / "clean" / "captions.html")
    printed = CliRunner().invoke(cli, ["clean", "--text", path]).stdout
    settings = Settings()
    record = extract_page(read_page(path, settings), settings)
    assert printed == record["body_text"] + "\n"
    assert record["body_text"].count("\n\n") == 5  # six blocks: three paragraphs around three steps
    for caption in ("before pruning", "before its late-winter cut", "Bypass shears on", "just above a bud.", "Dead canes", "Crossing canes"):
        assert caption not in printed
    assert [step["title"][:14] for step in record["steps"]] == ["Cut out every ", "Remove canes t", "Shorten the ca"]
