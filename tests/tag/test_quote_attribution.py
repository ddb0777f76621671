"""Who said each quotation: the quote_attributor component over the segment stage's candidates,
with the real spaCy model. Speakers before, inside and after the quote, in the next sentence, by
surname or pronoun later, blockquote lines, and quotations nobody is named for (none invented)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from corpus_files import CORPUS, DATA

from pipeline.clean import clean
from pipeline.model import Block, Document, Metadata, Quote, Source
from pipeline.segment import segment
from pipeline.settings import Settings
from pipeline.sources import read_page
from pipeline.tag import tag


@pytest.fixture(scope="module")
def quotes_of(nlp) -> Callable[[Document], tuple[Quote, ...]]:
    """The attributed quotes of a Document."""
    return lambda document: tag(document, segment(document), nlp).quotes


@pytest.fixture(scope="module")
def page_quotes(quotes_of) -> Callable[[Path], tuple[Quote, ...]]:
    @cache
    def of_page(path: Path) -> tuple[Quote, ...]:
        settings = Settings()
        return quotes_of(clean(read_page(str(path), settings), settings))
    return of_page


@pytest.fixture(scope="module")
def corpus_quotes(page_quotes) -> Callable[[str], tuple[Quote, ...]]:
    return lambda name: page_quotes(CORPUS / f"{name}.html")


@pytest.fixture(scope="module")
def data_quotes(page_quotes) -> Callable[[str], tuple[Quote, ...]]:
    return lambda name: page_quotes(DATA / "segment" / f"{name}.html")


@pytest.fixture(scope="module")
def said(quotes_of) -> Callable[..., list[tuple[str | None, str]]]:
    """(speaker, text) of the quotes of an article of the given paragraphs."""
    def of(*paragraphs: str) -> list[tuple[str | None, str]]:
        blocks = tuple(Block("paragraph", text) for text in paragraphs)
        return _said(quotes_of(Document(source=Source("test"), metadata=Metadata(title="Test"), blocks=blocks)))
    return of


def _said(quotes) -> list[tuple[str | None, str]]:
    return [(quote.speaker, quote.text) for quote in quotes]


def test_speaker_after_the_quote_with_honorific_and_appositive(corpus_quotes):
    quote = corpus_quotes("sleepwell-9-ways-to-fall-asleep-faster")[0]
    assert (quote.speaker, quote.speaker_description, quote.cue) == (
        "Anika Rao", "Dr., a sleep researcher at the University of Leeds", "says")
    assert quote.text == "Sleep is not a switch you flip; it's a process you allow"


def test_as_name_writes_frame_with_description_before_the_name(corpus_quotes):
    quote = corpus_quotes("sleepwell-9-ways-to-fall-asleep-faster")[1]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.step) == (
        "Matthew Walker", "the sleep scientist", "writes", 7)


def test_blockquote_with_cite_line(corpus_quotes):
    quote = corpus_quotes("mindfulpath-how-to-start-journaling-7-steps")[1]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.step) == (
        "James Clear", "author of Atomic Habits", "—", 3)


def test_blockquote_with_following_dash_attribution_line(corpus_quotes):
    quote = corpus_quotes("kindwords-how-to-apologize-ol-headings")[0]
    assert (quote.speaker, quote.speaker_description, quote.text) == (
        "Lynn Johnston", "cartoonist", "An apology is the superglue of life. It can repair just about anything.")


def test_blockquote_with_inline_dash_attribution(corpus_quotes):
    assert _said(corpus_quotes("medium-quit-doomscrolling-5-steps"))[1] == (
        "Cal Newport", "Clarity about what matters provides clarity about what does not.")


def test_quote_across_sentence_breaks_keeps_both_sentences(corpus_quotes):
    assert _said(corpus_quotes("medium-quit-doomscrolling-5-steps"))[0] == (
        "Sarah Kim", "I didn't notice how much time I was losing. The screen-time report was a shock")


def test_pronoun_speaker_resolves_to_the_person_named_before(corpus_quotes):
    assert _said(corpus_quotes("tidyhome-declutter-paren-numbered")) == [
        ("Keiko Sato", "You are not organising things. You are deciding about them, "
                       "Once the decisions are made, the organising takes an afternoon."),
    ]


def test_quote_interrupted_mid_sentence_is_one_quote_of_both_parts(corpus_quotes):
    assert _said(corpus_quotes("calmmoney-5-money-habits-hash-headings"))[1:] == [
        ("Tom Okafor", "You are not your bank balance, and the sooner you believe that, the sooner you can fix it."),
    ]


def test_quote_resumed_after_she_said_is_one_quote_and_spans_both_parts(corpus_quotes):
    quote = corpus_quotes("medium-habits-rebuilt-my-focus")[0]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.text) == (
        "Ottoline Graves", "a cognitive scientist at Fernhollow University", "said",
        "You don’t have a focus problem, You have an interruption problem.")
    assert quote.end - quote.start > len(quote.text)


def test_blockquote_in_quote_marks_with_dash_line_under_it(corpus_quotes):
    quote = corpus_quotes("ghost-morning-routine-you-keep")[0]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.text) == (
        "Soren Malvik-Ash", "Dr., behavioral scientist and author of Small Defaults", "—",
        "A routine is not a performance. It's a set of defaults that lets you save your willpower for the "
        "things that actually need it.")


def test_told_me_frame_inside_a_list_item_step(corpus_quotes):
    quote = corpus_quotes("ghost-morning-routine-you-keep")[1]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.text, quote.step) == (
        "Halvor Brenning-Tate", "sleep researcher", "told me", "The evening is where the morning is won or lost.", 5)


def test_straight_quote_marks_with_according_to_after(corpus_quotes):
    quote = corpus_quotes("careercorner-ask-for-a-raise-windows-1252")[1]
    assert (quote.speaker, quote.cue, quote.text) == (
        "Felix Adebayo", "according to", "The person who speaks first after the number is named usually loses ground")


def test_unclosed_quote_runs_to_the_end_of_its_paragraph(corpus_quotes):
    quote = corpus_quotes("healthline-style-anxiety-tips-tip-n")[1]
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.text) == (
        "Samira Haddad", "Dr., a clinical psychologist in Chicago", "according to",
        "Anxiety shrinks when it's shared. Isolation is where it grows.")


def test_name_with_particle_inside_a_longer_clause(corpus_quotes):
    assert corpus_quotes("healthline-style-anxiety-tips-tip-n")[0].speaker == "Corrie ten Boom"


def test_scare_quotes_and_book_titles_are_not_quotes(corpus_quotes):
    page = "healthline-style-anxiety-tips-tip-n"
    texts = [quote.text for quote in corpus_quotes(page)]
    assert not any("Feeling Good" in text or "rest and digest" in text or "anxious" == text for text in texts)
    gold = json.loads((CORPUS / f"{page}.gold.json").read_text(encoding="utf-8"))
    assert texts == [quote["text"] for quote in gold["quotes"]]


def test_unattributed_quotation_and_saying_are_left_out(corpus_quotes):
    texts = [quote.text for quote in corpus_quotes("tidyhome-declutter-paren-numbered")]
    assert "a place for everything, and everything in its place." not in texts


def test_cue_with_an_occasion_before_the_colon(corpus_quotes):
    quote = corpus_quotes("getitdone-stop-procrastinating-comment-thread")[0]
    assert (quote.speaker, quote.cue, quote.step) == ("Oliver Hartley", "puts it", 2)


def test_told_me_that_frame(corpus_quotes):
    quote = corpus_quotes("friendfix-repair-friendship-signs-and-steps")[0]
    assert (quote.speaker, quote.step, quote.section) == ("Owen Brightwater", 4, "4. Talk About the Rift Directly")


def test_quotes_in_reader_comments_are_left_out(data_quotes):
    assert _said(data_quotes("furniture-inside-article")) == [
        ("Rosa Lindahl", "The journey ends when your head gets there, not your feet.")]


def test_quote_section_skips_the_takeaway_box_label(corpus_quotes):
    assert corpus_quotes("tidyhome-declutter-paren-numbered")[0].section is None


def test_blockquote_layouts_cite_figcaption_dash_paragraph_and_lead_in_colon(data_quotes):
    quotes = data_quotes("blockquote-layouts")
    assert [(quote.speaker, quote.speaker_description, quote.cue) for quote in quotes] == [
        ("Marisol Eberhardt", "mediator", "—"),
        ("Tobias Renwick", "author of The Small Yes", "—"),
        ("Ines Okonkwo", "Dr., clinical psychologist", "—"),
        ("Halvor Brenning-Tate", "Sleep researcher", "puts it"),
    ]
    assert quotes[1].text == (
        "Every yes is a withdrawal from an account you cannot see until it is empty.")



def test_phrase_quoted_inside_the_frame_is_no_piece_of_the_quote(said):
    assert said(
        'Customers "began to say we want you to do this and that," Tim Cook told the crowd, which meant '
        'making the "best mobile operating system for enterprise."') == [
        ("Tim Cook", "began to say we want you to do this and that")]


def test_show_title_in_the_frame_does_not_stop_the_quote_going_on(said):
    assert said(
        '"This stock had been getting clobbered for years," Matt Maley said on the show "Trading Nation." '
        '"It was down for four straight years."') == [
        ("Matt Maley", "This stock had been getting clobbered for years, It was down for four straight years.")]


def test_book_title_in_quotes_between_the_cue_and_the_quote(said):
    assert said(
        'As coach Mira Okafor writes in her book "Say It Plainly Now," "The first number you name sets '
        'the terms of the whole talk."') == [
        ("Mira Okafor", "The first number you name sets the terms of the whole talk.")]


def test_question_the_writer_asked_takes_no_speaker_from_the_sentence_after_it(said):
    assert said(
        "Dr. Lena Brandt, a geriatrician, puts it simply: \"Small talks add up to a plan.\"",
        'The second time, I asked: "How do you feel about driving at night?" He admitted he had stopped.') == [
        ("Lena Brandt", "Small talks add up to a plan.")]


def test_line_suggested_to_the_reader_is_no_quote(said):
    assert said(
        "Dr. Lena Brandt, a geriatrician, puts it simply: \"Small talks add up to a plan.\"",
        'Instead, try asking, "What would make mornings easier for you?" she suggests.',
        'You might say, "I worry about you on the stairs at night," Brandt added.') == [
        ("Lena Brandt", "Small talks add up to a plan.")]


def test_speaker_named_in_the_sentence_after_the_quote(said):
    assert said(
        '"Answer no email before breakfast." That is the first rule of Marcus Webb, who hosts a podcast on focus.',
        '"Write the plan down before you open the laptop." So says Ines Duarte, a project coach.',
        '"Block the first hour for the hardest task." Priya Raman, a sleep researcher, explains why it works.') == [
        ("Marcus Webb", "Answer no email before breakfast."),
        ("Ines Duarte", "Write the plan down before you open the laptop."),
        ("Priya Raman", "Block the first hour for the hardest task.")]


def test_given_name_alone_later_widens_to_the_full_name_given_earlier(said):
    assert said(
        "We sat down with Dan Lieberman, a solar pioneer who installed his first panels in 2001.",
        '"This is the most important comparison metric," Dan advises.') == [
        ("Dan Lieberman", "This is the most important comparison metric")]


def test_a_sentence_after_the_quote_that_quotes_someone_else_gives_no_speaker(said):
    assert said('"Keep going even when it rains hard." Ana Ruiz says "never" to that.') == []


def test_reports_is_a_speech_verb(said):
    assert said('As Scientific American reports, "landfills account for a third of all methane emissions."') == [
        ("Scientific American", "landfills account for a third of all methane emissions.")]


def test_speakers_named_after_the_quote_by_given_name_surname_or_pronoun(data_quotes):
    assert _said(data_quotes("quote-speakers-later")) == [
        ("Hana Okafor", "Write the list down before you go to bed, then close the notebook, Your brain lets go of "
                        "what is safely on paper."),
        ("Tomas Lindqvist", "Get up if you are still awake after twenty minutes."),
        ("Tomas Lindqvist", "The bedroom is for sleep, not for scrolling the news")]


# Small articles of our own, one per way of naming the speaker.

def test_speaker_before_the_quote(said):
    assert said('Sleep coach Mara Quint says: "Keep the same wake-up time every day of the week."') == [
        ("Mara Quint", "Keep the same wake-up time every day of the week.")]


def test_speaker_inside_the_quote_joins_its_two_pieces(said, quotes_of):
    paragraph = ('"Start with one drawer," says Dr. Ivo Brandt, a psychologist at Carrow University. '
                 '"Small wins make the next decision easier."')
    [quote] = quotes_of(Document(Source("t"), Metadata(title="T"), (Block("paragraph", paragraph),)))
    assert (quote.speaker, quote.speaker_description, quote.cue, quote.text) == (
        "Ivo Brandt", "Dr., a psychologist at Carrow University", "says",
        "Start with one drawer, Small wins make the next decision easier.")
    assert (quote.start, quote.end) == (1, len(paragraph) - 1)


def test_speaker_after_the_quote(said):
    assert said('"Write the worry down and close the notebook," Lena Ortiz said.') == [
        ("Lena Ortiz", "Write the worry down and close the notebook")]


def test_speaker_in_the_sentence_after_the_quote_of_a_listicle(said):
    assert said("3. Plan the night before",
                '"Lay out tomorrow\'s clothes before you go to bed." That is the advice of Priya Raman, a stylist.') == [
        ("Priya Raman", "Lay out tomorrow's clothes before you go to bed.")]


def test_surname_later_resolves_to_the_full_name_given_earlier(said):
    assert said("Tomas Lindqvist has studied insomnia for twenty years.",
                "Most people try too hard to sleep, he finds.",
                '"Get up if you are still awake after twenty minutes," Lindqvist says.') == [
        ("Tomas Lindqvist", "Get up if you are still awake after twenty minutes")]


def test_pronoun_resolves_to_the_person_named_before(said):
    assert said('Financial planner Hana Okafor sees the same mistake every spring. '
                '"People budget for the month and forget the year," she says.') == [
        ("Hana Okafor", "People budget for the month and forget the year")]


def test_they_resolves_to_the_organisation_named_before(said):
    assert said("Last year the World Health Organization published new guidance on sleep.",
                'In their report, they stated "adults need seven or more hours of sleep every night."') == [
        ("World Health Organization", "adults need seven or more hours of sleep every night.")]


def test_quotes_with_no_named_speaker_get_none_invented(said):
    assert said('"Done is better than perfect," as the saying goes.',
                'My sister once told me, "Never shop for groceries when you are hungry."',
                '"Take the stairs whenever you can find them," experts say.',
                '"What would make the mornings easier for you?" you might ask.') == []


def test_a_doc_without_candidates_is_not_parsed(nlp):
    doc = nlp("Dr. Jane Doe says you should rest.")
    assert not doc.has_annotation("DEP") and not doc.ents and "quotes" not in doc.spans


def test_attributor_writes_spans_and_extensions(nlp):
    doc = nlp.make_doc('"Rest is part of the work," says Jane Doe, a coach.')
    doc.spans["quote_candidates"] = [doc.char_span(1, 26, alignment_mode="expand")]
    doc = nlp(doc, disable=[name for name in nlp.pipe_names if name.startswith("advice_")])
    [span] = doc.spans["quotes"]
    assert (span.text, span._.speaker, span._.speaker_description, span._.cue) == (
        "Rest is part of the work,", "Jane Doe", "a coach", "says")
    assert [piece.text for piece in span._.quote_pieces] == ["Rest is part of the work,"]


def test_lexicon_is_configured_and_round_trips_through_disk(tmp_path, nlp):
    from spacy.lang.en import English
    blank = English()
    attributor = blank.add_pipe("quote_attributor", config={"speech_verbs": ["say", "put it"], "parser": None, "ner": None})
    assert attributor.speech_verbs == ("say", "put it")
    attributor.to_disk(tmp_path / "attributor")
    other = English().add_pipe("quote_attributor", config={"parser": None, "ner": None})
    assert other.from_disk(tmp_path / "attributor").speech_verbs == ("say", "put it")
    assert other.from_bytes(attributor.to_bytes()).speaker_labels == attributor.speaker_labels
