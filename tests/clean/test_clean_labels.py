"""is_summary_label: the titles that name a box as the article's own summary."""

from __future__ import annotations

import pytest

from pipeline.clean._labels import is_sources_label, is_summary_label


@pytest.mark.parametrize(
    "title",
    ["Key Points", "✔ Key Takeaways:", "TL;DR — start small", "At a Glance", "In Short", "The Bottom Line",
     "Things You Should Know", "Summary", "Key points\n• Cook twice"],
)
def test_summary_titles_are_recognised(title):
    assert is_summary_label(title)


@pytest.mark.parametrize(
    "title",
    ["Summary of the week, every Friday", "In short order we moved house", "Key takeaways from the summit",
     "You might also like", ""],
)
def test_titles_that_only_start_like_a_summary_are_not(title):
    assert not is_summary_label(title)


@pytest.mark.parametrize("title", ["4 Sources", "References", "Sources & Further Reading:", "Bibliography", "Article Sources"])
def test_sources_titles_are_recognised(title):
    assert is_sources_label(title)


@pytest.mark.parametrize("title", ["Sources say the deal is off", "More to read", "Recommended for you"])
def test_sentences_and_teaser_titles_are_not_sources_titles(title):
    assert not is_sources_label(title)
