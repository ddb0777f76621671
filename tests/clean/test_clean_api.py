"""The public clean() on whole pages: the article found, the chrome gone, structure kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.clean import clean, main_text
from pipeline.errors import InputError, NoArticleError
from pipeline.settings import Settings

CLEAN_DATA = Path(__file__).resolve().parents[1] / "data" / "clean"
SEED_PAGE = Path(__file__).resolve().parents[2] / "corpus" / "enotalone-12-crucial-steps-to-get-your-ex-back.html"


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


def test_seed_page_body_holds_the_gold_phrases_and_no_image_alt(clean_file):
    document = clean_file(SEED_PAGE)
    assert [phrase for phrase in _seed_gold()["body_must_contain"] if phrase not in document.body_text] == []
    assert "crossroads decision" not in document.body_text
    assert main_text(document) == document.body_text


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
    assert metadata.published == "2024-08-27"
    assert metadata.language == "en-US"
    assert metadata.site_name == "eNotAlone"


def test_comments_longer_than_the_article_are_left_out(clean_file):
    document = clean_file("comments.html")
    assert [block.text[:40] for block in document.blocks] == [
        "Overthinking feels like problem solving,",
        "Start by naming the loop. When you notic",
        "Then set a worry window of fifteen minut",
    ]
    assert document.metadata.authors == ("Dana Reyes",)


def test_newsletter_box_and_cookie_banners_are_left_out(clean_file):
    text = clean_file("banners.html").body_text
    assert "newsletter" not in text.lower() and "Subscribe" not in text
    assert "cookies" not in text
    assert text.startswith("Most sleep advice asks for a new mattress")
    assert text.endswith("stop rehearsing themselves once the lights are out.")
    assert text.count("\n\n") == 3


def test_bold_paragraphs_are_marked_as_pseudo_headings(clean_file):
    blocks = clean_file("structure.html").blocks
    assert [(b.text, b.emphasis) for b in blocks[1:5]] == [
        ("Prepare the night before", True),
        ("Lay out clothes and pack your bag in the evening, so the morning starts with nothing left to decide.", False),
        ("Wake without the phone", True),
        ("Keep the phone in another room and use a plain alarm clock. The first ten minutes of the day belong to you,"
         " not to your inbox.", False),
    ]


def test_nested_lists_keep_depth_order_and_rendered_numbers(clean_file):
    items = [(b.text, b.level, b.ordered, b.number, b.list_id) for b in clean_file("structure.html").blocks
             if b.kind == "list_item"]
    assert items == [
        ("Drink a glass of water.", 1, True, 3, 1),
        ("Keep it by the bed.", 2, True, 1, 2),
        ("Add lemon if you like.", 2, True, 7, 2),
        ("Finish it before coffee.", 2, True, 8, 2),
        ("Stretch for five minutes.", 1, True, 4, 1),
        ("Write one line in a journal.", 1, True, 10, 1),
        ("Open a window.", 1, False, None, 3),
        ("Even in winter.", 2, False, None, 4),
        ("Make your bed.", 1, False, None, 3),
    ]


def test_quotes_and_headings_keep_their_kind_and_photo_captions_stay_out(clean_file):
    document = clean_file("structure.html")
    assert [(b.kind, b.text) for b in document.blocks if b.kind in ("heading", "quote", "figure")] == [
        ("heading", "The routine"),
        ("quote", "“How we spend our days is, of course, how we spend our lives.”"),
        ("quote", "— Annie Dillard"),
    ]
    assert "Morning light" not in document.body_text


def test_malformed_html_with_a_stray_closing_html_tag_keeps_the_text_after_it(clean_file):
    blocks = clean_file("malformed.html").blocks
    assert [(b.kind, b.text[:30]) for b in blocks] == [
        ("paragraph", "Every yes is a no to something"),
        ("paragraph", "Practise a short, warm refusal"),
        ("paragraph", "If guilt follows, remember tha"),
        ("list_item", "Pause before answering."),
        ("list_item", "Offer an alternative only if y"),
        ("paragraph", "Over time the people around yo"),
    ]


def test_a_10_mb_page_gives_the_same_article_as_its_small_original(page_from):
    small = (CLEAN_DATA / "banners.html").read_bytes()
    teasers = b"".join(b'<li><a href="/a/%d">Teaser headline number %d</a></li>' % (n, n) for n in range(40_000))
    script = b"<script>var data = '" + b"x" * (8 * 1024 * 1024) + b"';</script>"
    big = small.replace(b"</main>", b"</main><aside><ul>" + teasers + b"</ul></aside>" + script)
    assert len(big) > 10 * 1024 * 1024
    settings = Settings()
    assert clean(page_from(big), settings).blocks == clean(page_from(small), settings).blocks


def test_5000_deep_nesting_neither_recurses_nor_loses_text(page_from):
    article = (CLEAN_DATA / "comments.html").read_text(encoding="utf-8")
    deep = article.replace('<div class="entry-content">', '<div class="entry-content">' + "<div>" * 5000, 1)
    deep = deep.replace("</article>", "</div>" * 5000 + "</article>", 1)
    blocks = clean(page_from(deep.encode()), Settings()).blocks
    assert [block.text[:20] for block in blocks] == ["Overthinking feels l", "Start by naming the ", "Then set a worry win"]


def test_a_page_without_an_article_raises_no_article_error(clean_file):
    with pytest.raises(NoArticleError, match=re.escape("no-article.html: page holds no article text")):
        clean_file("no-article.html")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"Just a plain text note.\nNothing else here.\n", "content has no HTML markup"),
        (b'{"title": "<p>not a page</p>"}', "content is JSON, not HTML"),
        (bytes(range(256)) * 4, "content is binary, not HTML"),
        (b"   \n", "page is empty"),
    ],
)
def test_bytes_that_are_not_html_raise_input_error(content, reason, page_from):
    with pytest.raises(InputError) as raised:
        clean(page_from(content, "note.html"), Settings())
    assert str(raised.value) == f"note.html: {reason}"


def test_steps_written_as_headings_inside_list_items_keep_their_numbers(clean_file):
    blocks = clean_file("steps-in-list.html").blocks
    assert [(b.kind, b.level, b.number, b.text) for b in blocks[1:5]] == [
        ("heading", 3, 1, "Name what you did"),
        ("paragraph", 0, None, "Say exactly what happened, in plain words, without softening it into something that merely occurred."),
        ("heading", 3, 2, "Acknowledge the effect"),
        ("paragraph", 0, None, "Describe how it landed for the other person, and check whether you have understood it the way they felt it."),
    ]
    assert "Popular" not in clean_file("steps-in-list.html").body_text


def test_paragraphs_split_by_double_line_breaks_are_held_by_their_own_element(clean_file):
    blocks = clean_file("br-paragraphs.html").blocks
    assert [block.text[:30] for block in blocks] == [
        "Gratitude is easier to practis",
        "Try naming one specific thing ",
        "After a month, most people not",
    ]


def test_a_page_over_the_size_limit_raises_input_error(page_from):
    with pytest.raises(InputError, match=r"^page.html: page is larger than 1000 bytes$"):
        clean(page_from((CLEAN_DATA / "banners.html").read_bytes()), Settings(max_page_bytes=1000))


def test_atomic_css_page_keeps_its_step_headings_without_counters_or_responses(clean_file):
    document = clean_file(SEED_PAGE.with_name("medium-quit-doomscrolling-5-steps.html"))
    assert [block.text for block in document.blocks if block.kind == "heading"] == [
        "Step 1 — Measure Before You Cut",
        "Step 2 — Delete the Worst Offenders",
        "Step 3 — Add Friction to the Rest",
        "Step 4 — Replace the Habit",
        "Step 5 — Choose When to Catch Up",
        "A Month Later",
    ]
    assert document.blocks[0].text.startswith("TL;DR: Delete the worst apps")
    assert document.blocks[-1].text.startswith("My daily average is now under ninety minutes.")
