"""Reading the number and title off numbered lines, and the lead of a list item."""

from __future__ import annotations

import pytest

from pipeline.segment._numbering import read_numbered, split_lead


@pytest.mark.parametrize(
    ("line", "number", "title", "family"),
    [
        ("Step 3: Don't Force It", 3, "Don't Force It", "keyword:step"),
        ("Step two: Start with one small thing", 2, "Start with one small thing", "keyword:step"),
        ("Step 1 — Measure Before You Cut", 1, "Measure Before You Cut", "keyword:step"),
        ("Tip 7: Stay Connected", 7, "Stay Connected", "keyword:tip"),
        ("#4 Give Every Pound a Job", 4, "Give Every Pound a Job", "hash"),
        ("No. 2: Go Private", 2, "Go Private", "no"),
        ("3) Sort Into Four Boxes", 3, "Sort Into Four Boxes", "dotted"),
        ("12. Accept the Situation", 12, "Accept the Situation", "dotted"),
    ],
)
def test_numbered_line_prefixes(line, number, title, family):
    numbered = read_numbered(line)
    assert (numbered.number, numbered.title, numbered.family) == (number, title, family)


@pytest.mark.parametrize("line", ["12 Crucial Steps to Get Your Ex Back", "1.5 million people agree", "Why Step Back?"])
def test_lines_that_only_start_with_a_number_are_not_numbered(line):
    assert read_numbered(line) is None


def test_lead_of_an_item_is_its_first_sentence():
    assert split_lead("Keep it short. Long explanations invite debate.") == (
        "Keep it short.", "Long explanations invite debate.")


def test_lead_ends_at_a_colon_after_a_short_label():
    assert split_lead("Be patient: it takes weeks.") == ("Be patient", "it takes weeks.")


def test_colon_inside_a_long_sentence_does_not_cut_the_lead():
    item = "Notice your breath where you feel it most clearly: the nose, the chest or the belly."
    assert split_lead(item) == (item, "")


def test_lead_in_without_its_own_full_stop_ends_where_the_next_sentence_opens():
    assert split_lead("Try the store brand We did a blind taste test at the kitchen table with the kids.") == (
        "Try the store brand", "We did a blind taste test at the kitchen table with the kids.")


def test_longer_label_before_a_colon_counts_when_a_sentence_follows():
    assert split_lead("Keep the whole thing under 30 minutes: A short routine survives.") == (
        "Keep the whole thing under 30 minutes", "A short routine survives.")
    assert split_lead("Notice your breath where you feel it most clearly: the nose or the belly.")[0] == (
        "Notice your breath where you feel it most clearly: the nose or the belly.")


def test_proper_noun_title_is_not_cut_before_its_article():
    text = "Blade Runner The Final Cut on a shiny new disc with every extra the studio could find"
    assert split_lead(text) == (text, "")


def test_a_dash_followed_by_lowercase_goes_on_with_the_same_sentence():
    item = "Pick potential wedding dates - check with important guests to avoid clashes"
    assert split_lead(item) == (item, "")
    assert split_lead("Keep a spare - It saves a trip.") == ("Keep a spare", "It saves a trip.")


def test_a_label_that_only_qualifies_the_action_after_it_is_not_the_title():
    assert split_lead("Optional: Have an engagement party!") == ("Optional: Have an engagement party!", "")
    assert split_lead("Unbox the mic: It comes with a stand.") == ("Unbox the mic", "It comes with a stand.")
    assert split_lead("Quick weekly reset: Spend two minutes tidying.") == (
        "Quick weekly reset", "Spend two minutes tidying.")
