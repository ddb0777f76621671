"""Takeaways: the labelled summary boxes, whatever the label and markup."""

from __future__ import annotations

import re

from pipeline.model import Block
from pipeline.segment._takeaways import find_takeaways


def _texts(structure) -> list[str]:
    return [takeaway.text for takeaway in structure.takeaways]


def test_key_takeaways_heading_in_a_styled_box(corpus_structure, corpus_gold):
    page = "mindfulpath-how-to-start-journaling-7-steps"
    assert _texts(corpus_structure(page)) == corpus_gold(page)["takeaways"]


def test_at_a_glance_ordered_list_is_takeaways_not_steps(corpus_structure):
    structure = corpus_structure("tidyhome-declutter-paren-numbered")
    assert _texts(structure) == ["Clear one room, not the whole house.",
                                 "Sort everything into keep, donate, recycle and rubbish.",
                                 "Give every kept item a home before Sunday night."]
    assert structure.steps[0].title == "Pick One Room and Set a Finish Line"


def test_in_short_bold_label_followed_by_a_list(corpus_structure):
    assert _texts(corpus_structure("workwise-conflict-at-work-no-n"))[0] == (
        "Deal with conflict early, in private, and about behaviour rather than character.")


def test_tldr_inline_label_in_a_paragraph(corpus_structure):
    assert _texts(corpus_structure("sleepwell-9-ways-to-fall-asleep-faster")) == [
        "Keep a steady wake time, cool and darken your room, and give your mind something boring to do "
        "instead of worrying."]


def test_tldr_inline_label_in_italics(corpus_structure):
    assert _texts(corpus_structure("medium-quit-doomscrolling-5-steps")) == [
        "Delete the worst apps, move the rest off your home screen, and replace the habit with something "
        "your hands can do."]


def test_summary_heading_followed_by_a_list(corpus_structure):
    assert _texts(corpus_structure("healthline-style-anxiety-tips-tip-n"))[-1] == (
        "Seek professional help if anxiety interferes with daily life.")


def test_quick_summary_heading(corpus_structure, corpus_gold):
    page = "friendfix-repair-friendship-signs-and-steps"
    assert _texts(corpus_structure(page)) == corpus_gold(page)["takeaways"]


def test_bottom_line_inline_bold_label(corpus_structure):
    assert _texts(corpus_structure("substack-morning-routine-step-one")) == [
        "A morning routine should be small, consistent and built around the life you actually have."]


def test_key_takeaways_heading_followed_by_paragraphs(corpus_structure):
    assert _texts(corpus_structure("stillpoint-how-to-meditate-list-steps")) == [
        "Meditation is the practice of noticing when your attention wanders and bringing it back.",
        "Five minutes a day is enough to start."]


def test_page_without_a_summary_box_has_no_takeaways(corpus_structure):
    assert _texts(corpus_structure("careercorner-ask-for-a-raise-windows-1252")) == []


def test_summary_heading_with_a_lead_in_line_takes_the_list(data_structure):
    assert _texts(data_structure("takeaway-boxes"))[:2] == [
        "Why a regular breakfast steadies your energy.", "How a short walk after meals helps."]


def test_summary_box_label_running_into_its_text(data_structure):
    assert _texts(data_structure("takeaway-boxes"))[2:4] == [
        "A consistent breakfast with protein and fibre can reduce later snacking.",
        "A short walk after meals can blunt the rise in blood sugar."]


def test_bottom_line_label_with_an_ellipsis(data_structure):
    assert _texts(data_structure("takeaway-boxes"))[4:] == ["Small, regular habits beat big fixes for steady energy."]


def test_bold_label_and_bullet_lines_in_one_callout_block(corpus_structure, corpus_gold):
    page = "ghost-morning-routine-you-keep"
    assert _texts(corpus_structure(page)) == corpus_gold(page)["takeaways"]
    assert _texts(corpus_structure(page))[0] == (
        "Build your routine around the time you already wake up, not an ideal one.")


def test_newsletter_blurb_after_the_bottom_line_is_not_a_takeaway(corpus_structure):
    assert _texts(corpus_structure("calmmoney-5-money-habits-hash-headings")) == [
        "Financial calm comes from regular contact with your money, a small cushion, and systems that do the work "
        "for you."]


def test_things_you_should_know_heading_takes_its_list():
    blocks = [
        Block("heading", "Things You Should Know", level=2),
        Block("list_item", "Pick a notebook you enjoy.", level=1, list_id=1),
        Block("list_item", "Write for five minutes a day.", level=1, list_id=1),
        Block("heading", "Steps", level=2),
    ]
    takeaways, used = find_takeaways(blocks)
    assert [takeaway.text for takeaway in takeaways] == ["Pick a notebook you enjoy.", "Write for five minutes a day."]
    assert used == frozenset({0, 1, 2})


def test_label_over_line_broken_items_gives_one_takeaway_a_line():
    takeaways, _ = find_takeaways([Block("paragraph", "Key points\n• Sleep at the same time.\n• Wake with light.")])
    assert [takeaway.text for takeaway in takeaways] == ["Sleep at the same time.", "Wake with light."]


def test_check_mark_bullets_after_an_inline_label():
    takeaways, _ = find_takeaways([Block("paragraph", "TL;DR ✓ Walk daily. ✓ Eat plants.")])
    assert [takeaway.text for takeaway in takeaways] == ["Walk daily.", "Eat plants."]


def test_label_with_an_icon_before_or_after_it():
    inline, _ = find_takeaways([Block("paragraph", "💡 Key points • Walk daily. • Eat plants.")])
    heading, _ = find_takeaways([Block("heading", "Key Takeaways 🔑", level=2),
                                 Block("list_item", "Sleep more.", level=1, list_id=1)])
    assert [takeaway.text for takeaway in (*inline, *heading)] == ["Walk daily.", "Eat plants.", "Sleep more."]


def test_inline_label_set_off_by_a_dash():
    takeaways, _ = find_takeaways([Block("paragraph", "TL;DR — Remove interruptions before adding willpower.")])
    assert [takeaway.text for takeaway in takeaways] == ["Remove interruptions before adding willpower."]


def test_per_section_summary_boxes_are_not_the_articles_takeaways_but_its_bottom_line_is(data_structure):
    structure = data_structure("section-summaries-and-bottom-line")
    assert [takeaway.text for takeaway in structure.takeaways] == [
        "For most adults, a few cups a day is safe and may even help; just keep it out of your evenings."]


def test_a_table_under_a_summary_label_gives_no_takeaways(data_document):
    blocks = data_document("section-summaries-and-bottom-line").blocks
    label = next(index for index, block in enumerate(blocks) if block.text == "Quick summary")
    cells = [index for index, block in enumerate(blocks) if re.fullmatch(r"Blender \d", block.text)]
    takeaways, claimed = find_takeaways(blocks)
    assert len(cells) == 8 and {label, *cells} <= claimed
    assert [takeaway.block for takeaway in takeaways] == [len(blocks) - 1]


def test_headings_that_go_on_after_their_label_and_a_recap_set_apart_from_its_list(data_structure):
    structure = data_structure("key-points-headings")
    assert [takeaway.text for takeaway in structure.takeaways] == [
        "Adults learn faster than children in the first year.", "Fifteen minutes a day beats two hours on Sunday.",
        "Teachers: a trial lesson tells you more than any review.", "Practice: short and daily wins.",
        "Goals: pick one piece you love and learn it."]


def test_summary_heading_that_goes_on_after_a_colon_takes_the_paragraphs_after_its_lead_in(data_structure):
    assert [takeaway.text for takeaway in data_structure("summary-heading-lead-in").takeaways] == [
        "Move the monitor to arm's length.", "Put a few books under your laptop.",
        "Take a two-minute stretching break every hour.",
        "Small changes to the height of a screen and a chair spare your back more than any gadget."]
