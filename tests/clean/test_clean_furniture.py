"""is_furniture: datelines and cookie notices are dropped whatever markup holds them."""

from __future__ import annotations

import pytest

from pipeline.clean._furniture import is_furniture
from pipeline.model import Block


@pytest.mark.parametrize(
    "text",
    [
        "Updated 1:39 am EST, Wednesday, November 20, 2019",
        "Published Wed, Nov 20 2019 4:29 AM EST",
        "05/10/2018 - Posted by Clarissa Borba",
        "Monday, April 12, 2021",
        "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out.",
    ],
)
def test_dates_datelines_and_cookie_notices_are_furniture(text):
    assert is_furniture(Block("paragraph", text))


@pytest.mark.parametrize(
    "text",
    [
        "Advertisement",
        "- ADVERTISEMENT - Scroll to continue",
        "Story continues below advertisement",
        "Sponsored content",
        "Photo: Shutterstock",
        "Image credit: © Example Photos/A. Lee",
        "Getty Images / Lee Park",
        "Guests pick their pastries from the cabinets. | Photo by Lisa Jennings",
        "© 2003 Garden Corner. All rights reserved.",
        "AI disclosure: this post was drafted with the help of AI and checked by our editors.",
        "Disclosure: This post contains affiliate links. If you buy through them, we may earn a small commission.",
    ],
)
def test_ad_labels_photo_credits_rights_lines_and_disclosures_are_furniture(text):
    assert is_furniture(Block("paragraph", text))


@pytest.mark.parametrize(
    "block",
    [
        Block("paragraph", "Advertising", emphasis=True),
        Block("heading", "Advertising", level=2),
        Block("list_item", "Sponsored posts"),
        Block("paragraph", "Ads on social media reach people where they already spend their time, which is why budgets keep moving there."),
        Block("paragraph", "A photo of the dish, taken in daylight, sells it better than any description."),
    ],
)
def test_a_section_named_for_ads_and_sentences_about_photos_stay(block):
    assert not is_furniture(block)


def test_a_heading_that_is_only_a_date_is_furniture():
    assert is_furniture(Block("heading", "Monday, April 12, 2021", level=2))


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("paragraph", "He was arrested in April for the March 21 call to the office."),
        ("paragraph", "Bake the cookies for twelve minutes, until the edges are golden and the centres still soft."),
        ("heading", "Step 3: Plan for November"),
    ],
)
def test_sentences_with_dates_and_headings_are_not_furniture(kind, text):
    assert not is_furniture(Block(kind, text))
