"""Whom a pronoun and a bare surname refer to."""

from __future__ import annotations

from pipeline.segment._mentions import PeopleIndex, referent

EARLIER = "Apple CEO Tim Cook spoke on stage. Hosting Cook, the Salesforce founder Marc Benioff asked questions."


def test_surname_widens_to_the_first_full_mention():
    people = PeopleIndex([EARLIER, "Later that day Cook said more."])
    assert people.widen("Cook", 1, "Later that day ") == "Tim Cook"


def test_surname_mentioned_only_later_is_not_widened():
    people = PeopleIndex(["Cook said it first.", EARLIER])
    assert people.widen("Cook", 0, "") == "Cook"


def test_pronoun_refers_to_the_speaker_named_next_to_a_speech_verb():
    context = "The key to success, says Buser, is the network. "
    assert referent(context, lambda name: name) == "Buser"


def test_pronoun_refers_to_the_subject_of_the_last_sentence():
    context = "Sleep researcher Andrew Ng explained the reasoning when I interviewed him for the newsletter. "
    assert referent(context, lambda name: name) == "Andrew Ng"
