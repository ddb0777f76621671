"""Calls to action: the site's own blurbs, told apart from the article's sentences."""

from __future__ import annotations

from pipeline.segment._promotions import is_call_to_action


def test_newsletter_invitations_are_calls_to_action():
    assert is_call_to_action("Enjoyed this? Join 12,000 readers who get one calm money idea every Sunday.")
    assert is_call_to_action("If this was useful, I write a short letter every Sunday. You can subscribe here.")


def test_advice_about_subscriptions_is_not_a_call_to_action():
    assert not is_call_to_action("Cancel the subscriptions you have not used in a month.")


def test_a_partner_plug_is_a_call_to_action_but_a_partner_in_advice_is_not():
    assert is_call_to_action("Looking for answers? Check out Boldin, a WCI partner that helps you plan.")
    assert not is_call_to_action("Find a good partner who listens, and talk to your partner often.")
