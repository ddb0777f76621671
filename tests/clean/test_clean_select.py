"""Which boxes of a page are the article: summary boxes, hinted headings, the lead beside the body."""

from __future__ import annotations


def test_an_aside_titled_as_the_summary_is_kept_while_link_and_newsletter_asides_are_not(clean_file):
    blocks = clean_file("summary-box.html").blocks
    assert [(b.kind, b.text[:40]) for b in blocks] == [
        ("heading", "✔ Key Takeaways"),
        ("list_item", "A clear no protects the work you already"),
        ("list_item", "Offer what you can do instead of what yo"),
        ("paragraph", "Saying no to a colleague feels rude, so "),
        ("paragraph", "Start by naming what you are working on "),
        ("paragraph", "Then offer an alternative: a later date,"),
    ]


def test_a_heading_whose_id_reads_as_chrome_stays_when_the_article_goes_on_under_it(clean_file):
    blocks = clean_file("hinted-heading.html").blocks
    assert [(b.kind, b.text) for b in blocks[2:5]] == [
        ("heading", "Recommended reading"),
        ("list_item", "The Quiet Hour by Imogen Farrow-Lake"),
        ("list_item", "Slow Evenings by Tomasz Weller"),
    ]


def test_a_heading_classed_as_chrome_over_a_list_of_links_or_above_the_text_is_left_out(clean_file):
    document = clean_file("hinted-heading.html")
    assert document.blocks[0].text.startswith("Reading on paper for twenty minutes")
    assert document.blocks[-1].text.startswith("Whatever you choose, keep it by the bed")
    assert "Related posts" not in document.body_text


def test_the_intro_and_summary_boxes_between_the_title_and_the_body_are_kept(clean_file):
    blocks = clean_file("lead-sections.html").blocks
    assert [(b.kind, b.text[:40]) for b in blocks[:6]] == [
        ("paragraph", "Most houseplants need a bigger pot every"),
        ("heading", "In Short"),
        ("list_item", "Repot in spring, one pot size up."),
        ("list_item", "Water the day before, not the day of."),
        ("heading", "Steps"),
        ("list_item", "Water the plant the day before. Moist ro"),
    ]


def test_chrome_around_the_title_and_a_lead_box_without_prose_stay_out(clean_file):
    text = clean_file("lead-sections.html").body_text
    assert "Home »" not in text
    assert "Co-authored by" not in text
    assert "Watch: repotting" not in text


def test_a_sources_box_after_the_body_closes_the_article_and_other_boxes_there_stay_out(clean_file):
    blocks = clean_file("sources-box.html").blocks
    assert [(b.kind, b.text) for b in blocks[2:]] == [
        ("paragraph", "3 Sources"),
        ("paragraph", "We use peer-reviewed studies to support the facts in our articles."),
        ("list_item", "Lindgren, A. (2019). Short naps and afternoon alertness. Journal of Sleep Habits, 4(2), 10–18."),
        ("list_item", "Okafor, B. (2021). The Twenty-Minute Rest. Harrowgate Press."),
        ("list_item", "Weiss, C., & Tan, D. (2022). Napping and mood in office workers. Work and Health, 9(1), 33–41."),
    ]
