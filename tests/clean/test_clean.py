"""The public clean() on whole pages: the article found, the chrome gone, structure kept."""

from __future__ import annotations

import json

from corpus_files import SEED_PAGE


def _seed_gold() -> dict:
    return json.loads(SEED_PAGE.with_suffix(".gold.json").read_text(encoding="utf-8"))


def test_seed_page_headings_are_the_gold_sections_in_order(clean_file):
    document = clean_file(SEED_PAGE)
    headings = [block.text for block in document.blocks if block.kind == "heading"]
    assert headings == _seed_gold()["sections"]
    assert {block.level for block in document.blocks if block.kind == "heading"} == {2}


def test_seed_page_keeps_no_site_chrome_in_any_block(clean_file):
    document = clean_file(SEED_PAGE)
    leaked = [chrome for chrome in _seed_gold()["chrome_absent"] for block in document.blocks if chrome in block.text]
    assert leaked == []


def test_seed_page_body_holds_the_gold_phrases_and_the_image_alt(clean_file):
    document = clean_file(SEED_PAGE)
    assert [phrase for phrase in _seed_gold()["body_must_contain"] if phrase not in document.body_text] == []
    assert document.blocks[14].kind == "figure"
    assert document.blocks[14].text == "crossroads decision"


def test_seed_page_starts_with_the_bold_takeaways_label_and_its_list(clean_file):
    blocks = clean_file(SEED_PAGE).blocks
    assert (blocks[0].kind, blocks[0].text, blocks[0].emphasis) == ("paragraph", "Key Takeaways:", True)
    assert [(b.kind, b.level, b.ordered, b.list_id, b.text) for b in blocks[1:3]] == [
        ("list_item", 1, False, 1, "Reflect on why you broke up."),
        ("list_item", 1, False, 1, "Consider if your ex is worth it."),
    ]
    assert blocks[-1].text == "Perel, Esther. The State of Affairs: Rethinking Infidelity"
    assert blocks[-1].list_id == 2


def test_seed_page_metadata(clean_file):
    metadata = clean_file(SEED_PAGE).metadata
    assert metadata.title == "12 Crucial Steps to Get Your Ex Back (Should You?)"
    assert metadata.authors == ("Olivia Sanders",)
    assert metadata.published == "2024-08-27T04:12:06Z"
    assert metadata.language == "en-US"
    assert metadata.site_name == "eNotAlone"
    assert metadata.canonical_url == (
        "https://www.enotalone.com/article/breakups-and-divorce/12-crucial-steps-to-get-your-ex-back-should-you-r4273/"
    )
