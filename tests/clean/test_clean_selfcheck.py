"""The self-check of the picked container: furniture with a small share of the page's prose is set aside."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline.clean import clean
from pipeline.clean._document import _HIDDEN, _NEVER_TEXT
from pipeline.clean._parse import parse_html
from pipeline.clean._select import select_blocks
from pipeline.clean._selfcheck import PickCheck, check_pick
from pipeline.clean._walk import walk_blocks
from pipeline.model import Page, Source
from pipeline.settings import CleanSettings, Settings

CLEAN_DATA = Path(__file__).resolve().parents[1] / "data" / "clean"
NO_RECHECK = Settings(clean=CleanSettings(recheck_rounds=0))


def _first_pick(name: str) -> PickCheck:
    """The check of what the selection alone picks on the page."""
    root = parse_html((CLEAN_DATA / name).read_text(encoding="utf-8"), name)
    body = root.find("body")
    etree.strip_elements(body, *_NEVER_TEXT, with_tail=False)
    for hidden in body.xpath(_HIDDEN):
        hidden.drop_tree()
    blocks = walk_blocks(body)
    return check_pick(select_blocks(body, blocks), blocks, CleanSettings())


def _texts(name: str, settings: Settings) -> list[str]:
    path = CLEAN_DATA / name
    return [block.text for block in clean(Page(Source("0" * 64, path=str(path)), path.read_bytes()), settings).blocks]


def test_a_banks_four_step_guide_is_kept_rather_than_the_legal_disclaimer_that_outweighs_each_step(clean_file):
    document = clean_file("bank-disclaimer.html")
    assert [block.text for block in document.blocks if block.kind == "heading"] == [
        "Step 1: Set a savings goal", "Step 2: Build a budget", "Step 3: Pay yourself first", "Step 4: Watch your savings grow",
    ]
    assert sum(block.kind == "list_item" for block in document.blocks) == 12
    assert "FDIC" not in document.body_text


def test_a_news_story_is_kept_rather_than_the_author_bio_under_it(clean_file):
    texts = [block.text for block in clean_file("news-author-bio.html").blocks]
    assert len(texts) == 6
    assert texts[0].startswith("The city council voted six to three")
    assert texts[-1].startswith("The project will cost 2.4 million dollars")


def test_a_short_post_is_kept_rather_than_the_box_of_related_teasers_beside_it(clean_file):
    texts = [block.text for block in clean_file("related-links-box.html").blocks]
    assert len(texts) == 7
    assert texts[0].startswith("Repot in spring")
    assert not any("cactus" in text for text in texts)


@pytest.mark.parametrize(
    ("name", "furniture", "first_text"),
    [
        ("bank-disclaimer.html", "disclaimer", "This material is for general informational purposes only"),
    ],
)
def test_the_check_names_the_furniture_the_selection_picked_and_finds_it_doubtful(name, furniture, first_text):
    check = _first_pick(name)
    assert (check.looks_like, check.doubtful) == (furniture, True)
    assert 0.0 < check.share < CleanSettings().recheck_max_share
    assert _texts(name, NO_RECHECK)[0].startswith(first_text)


@pytest.mark.parametrize(
    ("name", "box", "furniture", "first_text"),
    [
        ("news-author-bio.html", "author-card", "author_bio", "The city council voted six to three"),
        ("related-links-box.html", "stream", "link_box", "Repot in spring"),
    ],
)
def test_furniture_as_the_pick_is_named_and_doubtful_though_the_selection_now_passes_it_by(name, box, furniture, first_text):
    """The article's paragraphs each sit in a wrapper of their own; their holder is the article's body, which outweighs the box."""
    root = parse_html((CLEAN_DATA / name).read_text(encoding="utf-8"), name)
    blocks = walk_blocks(root.find("body"))
    picked = [block for block in blocks if any(element.get("class") == box for element in block.ancestors)]
    check = check_pick(picked, blocks, CleanSettings())
    assert (check.looks_like, check.doubtful) == (furniture, True)
    assert _texts(name, NO_RECHECK)[0].startswith(first_text)


def test_a_pick_that_reads_as_an_article_is_not_doubtful():
    check = _first_pick("split-sections.html")
    assert (check.looks_like, check.doubtful) == (None, False)
    assert check.share > CleanSettings().recheck_max_share
