"""Attribution frames around a quotation's marks."""

from __future__ import annotations

from pipeline.segment._frames import attribution


def _frame(text: str):
    start = text.index("“") + 1
    found = attribution(text, start, text.index("”"))
    return found and (found.person.name, found.person.description, found.cue)


def test_said_before_the_quote():
    assert _frame("Dr. Helen Fisher, an anthropologist, once said, “Love is an addiction of sorts.”") == (
        "Helen Fisher", "Dr., an anthropologist", "said")


def test_says_after_the_quote_with_the_name_after_the_verb():
    assert _frame("“Sleep is a process you allow,” says Dr. Anika Rao, a sleep researcher.") == (
        "Anika Rao", "Dr., a sleep researcher", "says")


def test_name_before_the_verb_after_the_quote():
    assert _frame("“It will be really exciting for everyone,” Lopes said.") == ("Lopes", None, "said")


def test_according_to_before_the_quote():
    assert _frame("According to Dr. Samira Haddad, “Anxiety shrinks when it is shared.”") == (
        "Samira Haddad", "Dr.", "according to")


def test_dash_after_the_quote():
    assert _frame("“Clarity about what matters provides clarity.” — Cal Newport") == ("Cal Newport", None, "—")


def test_quote_ending_a_sentence_takes_no_cue_from_the_next_one():
    assert _frame("He read “The Seven Principles of It.” Gottman said nothing.") is None


def test_verb_that_is_not_speech_is_no_cue():
    assert _frame("Therapist Corinne Abbey calls boundaries “cues for how to treat you.”") is None


def test_told_a_publication_before_the_quote():
    assert _frame("As coach Dana White told Runner’s World, “The first mile is always a liar.”") == (
        "Dana White", "coach", "told")


def test_told_a_publication_after_the_quote():
    assert _frame("“Sleep is a skill you can practise,” Maya Lindqvist told The Morning Post.") == (
        "Maya Lindqvist", None, "told")


def test_says_then_a_role_then_the_name():
    assert _frame("“You may rest before you are exhausted,” says the charity’s founder, Amara Osei.") == (
        "Amara Osei", "the charity’s founder", "says")


def test_explains_after_the_quote():
    assert _frame("“Clutter is a pile of decisions,” explains Dr. Wren Hallow, a psychologist.") == (
        "Wren Hallow", "Dr., a psychologist", "explains")


def test_recommends_after_the_quote():
    assert _frame("“Start with one drawer,” recommends organiser Keiko Sato.") == (
        "Keiko Sato", "organiser", "recommends")


def test_cue_then_a_quoted_book_title_before_the_quote():
    text = "As coach Mira Okafor writes in her book “Say It Plainly,” “Name your number first.”"
    start = text.index("“Name") + 1
    found = attribution(text, start, text.index("”", start))
    assert (found.person.name, found.person.description, found.cue) == ("Mira Okafor", "coach", "writes")


def test_question_the_writer_asked_gets_no_speaker_from_the_next_sentence():
    assert _frame("The second time, I asked: “How do you feel about driving at night?” He admitted it.") is None


def test_line_the_reader_is_told_to_try_gets_no_speaker():
    assert _frame("Instead, try asking, “What would make mornings easier?” she suggests.") is None


def test_says_with_a_colon_is_no_suggestion_to_say():
    assert _frame("Rob Goldman, President of Ascom, says: “Alarm fatigue is real.”") == (
        "Rob Goldman", "President of Ascom", "says")
