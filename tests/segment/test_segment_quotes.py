"""Quotes: who said what, with speaker before or after, blockquotes, and what is not a quote."""

from __future__ import annotations

from pipeline.model import Block, Document, Metadata, Source
from pipeline.segment import segment
from pipeline.segment._quotes import quotation_spans


def _said(structure) -> list[tuple[str | None, str]]:
    return [(quote.speaker, quote.text) for quote in structure.quotes]


def test_speaker_after_the_quote_with_honorific_and_appositive(corpus_structure):
    quote = corpus_structure("sleepwell-9-ways-to-fall-asleep-faster").quotes[0]
    assert (quote.speaker, quote.speaker_description, quote.cue) == (
        "Anika Rao", "Dr., a sleep researcher at the University of Leeds", "says")
    assert quote.text == "Sleep is not a switch you flip; it's a process you allow"


def test_as_name_writes_frame_with_description_before_the_name(corpus_structure):
    quote = corpus_structure("sleepwell-9-ways-to-fall-asleep-faster").quotes[1]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.step) == (
        "Matthew Walker", "the sleep scientist", "writes", 7)


def test_blockquote_with_cite_line(corpus_structure):
    quote = corpus_structure("mindfulpath-how-to-start-journaling-7-steps").quotes[1]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.step) == (
        "James Clear", "author of Atomic Habits", "—", 3)


def test_blockquote_with_following_dash_attribution_line(corpus_structure):
    quote = corpus_structure("kindwords-how-to-apologize-ol-headings").quotes[0]
    assert (quote.speaker, quote.speaker_description, quote.text) == (
        "Lynn Johnston", "cartoonist", "An apology is the superglue of life. It can repair just about anything.")


def test_blockquote_with_inline_dash_attribution(corpus_structure):
    assert _said(corpus_structure("medium-quit-doomscrolling-5-steps"))[1] == (
        "Cal Newport", "Clarity about what matters provides clarity about what does not.")


def test_quote_across_sentence_breaks_keeps_both_sentences(corpus_structure):
    assert _said(corpus_structure("medium-quit-doomscrolling-5-steps"))[0] == (
        "Sarah Kim", "I didn't notice how much time I was losing. The screen-time report was a shock")


def test_pronoun_speaker_resolves_to_the_person_named_before(corpus_structure):
    assert _said(corpus_structure("tidyhome-declutter-paren-numbered")) == [
        ("Keiko Sato", "You are not organising things. You are deciding about them, "
                       "Once the decisions are made, the organising takes an afternoon."),
    ]


def test_quote_interrupted_mid_sentence_is_one_quote_of_both_parts(corpus_structure):
    assert _said(corpus_structure("calmmoney-5-money-habits-hash-headings"))[1:] == [
        ("Tom Okafor", "You are not your bank balance, and the sooner you believe that, the sooner you can fix it."),
    ]


def test_quote_resumed_after_she_said_is_one_quote_and_spans_both_parts(corpus_structure):
    quote = corpus_structure("medium-habits-rebuilt-my-focus").quotes[0]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.text) == (
        "Ottoline Graves", "a cognitive scientist at Fernhollow University", "said",
        "You don’t have a focus problem, You have an interruption problem.")
    assert quote.end - quote.start > len(quote.text)


def test_blockquote_in_quote_marks_with_dash_line_under_it(corpus_structure):
    quote = corpus_structure("ghost-morning-routine-you-keep").quotes[0]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.text) == (
        "Soren Malvik-Ash", "Dr., behavioral scientist and author of Small Defaults", "—",
        "A routine is not a performance. It's a set of defaults that lets you save your willpower for the "
        "things that actually need it.")


def test_told_me_frame_inside_a_list_item_step(corpus_structure):
    quote = corpus_structure("ghost-morning-routine-you-keep").quotes[1]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.text, quote.step) == (
        "Halvor Brenning-Tate", "sleep researcher", "told me", "The evening is where the morning is won or lost.", 5)


def test_straight_quote_marks_with_according_to_after(corpus_structure):
    quote = corpus_structure("careercorner-ask-for-a-raise-windows-1252").quotes[1]
    assert (quote.speaker, quote.cue, quote.text) == (
        "Felix Adebayo", "according to", "The person who speaks first after the number is named usually loses ground")


def test_unclosed_quote_runs_to_the_end_of_its_paragraph(corpus_structure):
    quote = corpus_structure("healthline-style-anxiety-tips-tip-n").quotes[1]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.text) == (
        "Samira Haddad", "Dr., a clinical psychologist in Chicago", "according to",
        "Anxiety shrinks when it's shared. Isolation is where it grows.")


def test_name_with_particle_inside_a_longer_clause(corpus_structure):
    assert corpus_structure("healthline-style-anxiety-tips-tip-n").quotes[0].speaker == "Corrie ten Boom"


def test_scare_quotes_and_book_titles_are_not_quotes(corpus_structure, corpus_gold):
    page = "healthline-style-anxiety-tips-tip-n"
    texts = [quote.text for quote in corpus_structure(page).quotes]
    assert not any("Feeling Good" in text or "rest and digest" in text or "anxious" == text for text in texts)
    assert texts == [quote["text"] for quote in corpus_gold(page)["quotes"]]


def test_unattributed_quotation_and_saying_are_left_out(corpus_structure):
    texts = [quote.text for quote in corpus_structure("tidyhome-declutter-paren-numbered").quotes]
    assert "a place for everything, and everything in its place." not in texts


def test_cue_with_an_occasion_before_the_colon(corpus_structure):
    quote = corpus_structure("getitdone-stop-procrastinating-comment-thread").quotes[0]
    assert (quote.speaker, quote.cue, quote.step) == ("Oliver Hartley", "puts it", 2)


def test_told_me_that_frame(corpus_structure):
    quote = corpus_structure("friendfix-repair-friendship-signs-and-steps").quotes[0]
    assert (quote.speaker, quote.step, quote.section) == ("Owen Brightwater", 4, "4. Talk About the Rift Directly")


def test_quotes_in_reader_comments_are_left_out(data_structure):
    assert _said(data_structure("furniture-inside-article")) == [
        ("Rosa Lindahl", "The journey ends when your head gets there, not your feet.")]


def test_quote_section_skips_the_takeaway_box_label(corpus_structure):
    assert corpus_structure("tidyhome-declutter-paren-numbered").quotes[0].section is None


def test_british_single_quotes_close_only_after_their_punctuation():
    text = "‘The students’ work matters more than the grade,’ says Dr Anika Rao."
    assert [text[start:end] for start, end in quotation_spans(text)] == [
        "The students’ work matters more than the grade,"]


def test_unbalanced_marks_do_not_raise():
    assert quotation_spans("He said ” and then “ nothing") == [(20, 28)]


def test_blockquote_layouts_cite_figcaption_dash_paragraph_and_lead_in_colon(data_structure):
    quotes = data_structure("blockquote-layouts").quotes
    assert [(quote.speaker, quote.speaker_description, quote.cue) for quote in quotes] == [
        ("Marisol Eberhardt", "mediator", "—"),
        ("Tobias Renwick", "author of The Small Yes", "—"),
        ("Ines Okonkwo", "Dr., clinical psychologist", "—"),
        ("Halvor Brenning-Tate", "Sleep researcher", "puts it"),
    ]
    assert quotes[1].text == (
        "Every yes is a withdrawal from an account you cannot see until it is empty.")


def _quotes_of(*paragraphs: str) -> list[tuple[str | None, str]]:
    blocks = tuple(Block("paragraph", text) for text in paragraphs)
    return _said(segment(Document(source=Source("test"), metadata=Metadata(title="Test"), blocks=blocks)))


def test_phrase_quoted_inside_the_frame_is_no_piece_of_the_quote():
    assert _quotes_of(
        'Customers "began to say we want you to do this and that," Tim Cook told the crowd, which meant '
        'making the "best mobile operating system for enterprise."') == [
        ("Tim Cook", "began to say we want you to do this and that")]


def test_show_title_in_the_frame_does_not_stop_the_quote_going_on():
    assert _quotes_of(
        '"This stock had been getting clobbered for years," Matt Maley said on the show "Trading Nation." '
        '"It was down for four straight years."') == [
        ("Matt Maley", "This stock had been getting clobbered for years, It was down for four straight years.")]


def test_book_title_in_quotes_between_the_cue_and_the_quote():
    assert _quotes_of(
        'As coach Mira Okafor writes in her book "Say It Plainly Now," "The first number you name sets '
        'the terms of the whole talk."') == [
        ("Mira Okafor", "The first number you name sets the terms of the whole talk.")]


def test_question_the_writer_asked_takes_no_speaker_from_the_sentence_after_it():
    assert _quotes_of(
        "Dr. Lena Brandt, a geriatrician, puts it simply: \"Small talks add up to a plan.\"",
        'The second time, I asked: "How do you feel about driving at night?" He admitted he had stopped.') == [
        ("Lena Brandt", "Small talks add up to a plan.")]


def test_line_suggested_to_the_reader_is_no_quote():
    assert _quotes_of(
        "Dr. Lena Brandt, a geriatrician, puts it simply: \"Small talks add up to a plan.\"",
        'Instead, try asking, "What would make mornings easier for you?" she suggests.',
        'You might say, "I worry about you on the stairs at night," Brandt added.') == [
        ("Lena Brandt", "Small talks add up to a plan.")]


def test_speaker_named_in_the_sentence_after_the_quote():
    assert _quotes_of(
        '"Answer no email before breakfast." That is the first rule of Marcus Webb, who hosts a podcast on focus.',
        '"Write the plan down before you open the laptop." So says Ines Duarte, a project coach.',
        '"Block the first hour for the hardest task." Priya Raman, a sleep researcher, explains why it works.') == [
        ("Marcus Webb", "Answer no email before breakfast."),
        ("Ines Duarte", "Write the plan down before you open the laptop."),
        ("Priya Raman", "Block the first hour for the hardest task.")]


def test_given_name_alone_later_widens_to_the_full_name_given_earlier():
    assert _quotes_of(
        "We sat down with Dan Lieberman, a solar pioneer who installed his first panels in 2001.",
        '"This is the most important comparison metric," Dan advises.') == [
        ("Dan Lieberman", "This is the most important comparison metric")]


def test_a_sentence_after_the_quote_that_quotes_someone_else_gives_no_speaker():
    assert _quotes_of('"Keep going even when it rains hard." Ana Ruiz says "never" to that.') == []


def test_reports_is_a_speech_verb():
    assert _quotes_of('As Scientific American reports, "landfills account for a third of all methane emissions."') == [
        ("Scientific American", "landfills account for a third of all methane emissions.")]


def test_speakers_named_after_the_quote_by_given_name_surname_or_pronoun(data_structure):
    assert _said(data_structure("quote-speakers-later")) == [
        ("Hana Okafor", "Write the list down before you go to bed, then close the notebook, Your brain lets go of "
                        "what is safely on paper."),
        ("Tomas Lindqvist", "Get up if you are still awake after twenty minutes."),
        ("Tomas Lindqvist", "The bedroom is for sleep, not for scrolling the news")]
