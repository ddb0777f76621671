"""Things to do: imperative openings, and lead-ins that present a list as steps or as something else."""

from __future__ import annotations

from pipeline.segment._actions import is_action, mostly_actions, presents_actions, presents_other_kind


def test_imperatives_and_prohibitions_are_actions():
    assert is_action("Pick an index")
    assert is_action("Don't skip the warm-up")
    assert is_action("1. Install the racking")


def test_benefits_and_myths_are_not_actions():
    assert not is_action("Reduces stress and anxiety")
    assert not is_action("Fruit is bad for you")


def test_most_items_must_open_on_a_verb():
    assert mostly_actions(["Walk daily", "Sleep early", "Better mood"])
    assert not mostly_actions(["Walk daily", "Better sleep", "Better mood"])


def test_lead_ins_that_present_steps_and_those_that_present_other_kinds():
    assert presents_actions("If you're ready, here is what you need to do:")
    assert presents_actions("Instructions")
    assert not presents_actions("Benefits of walking")
    assert presents_other_kind("10 myths about nutrition")
    assert not presents_other_kind("Follow these steps")


def test_an_unlisted_verb_with_an_object_after_it_is_an_action_but_not_other_forms():
    assert is_action("Ditch the plastic bags")
    assert is_action("Jazz up your salads")
    assert not is_action("Reduces your risk of stroke")
    assert not is_action("Improved focus at work")
    assert not is_action("The best time to plant")


def test_questions_and_topics_followed_by_in_are_not_actions():
    assert not is_action("Do you need to know Japanese")
    assert not is_action("What to Pack for a Trip to Japan")
    assert not is_action("Should you rent or buy?")
    assert not is_action("Etiquette in Japan")
    assert is_action("Coordinate with Vendors and Suppliers")
    assert is_action("Plan for Contingencies")


def test_a_line_opening_on_a_preposition_is_not_an_action():
    assert not is_action("Before the van arrives:")
    assert not is_action("After the honeymoon")


def test_a_how_to_heading_names_a_task():
    assert is_action("How to Repel Cabbage Moths Naturally")
    assert not is_action("How much money to bring")
