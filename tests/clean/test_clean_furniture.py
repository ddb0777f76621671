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
