"""Quotation candidates: what segment marks as a quotation from the marks and the markup alone;
who said them is the tag stage's (tests/tag/test_quote_attribution.py)."""

from __future__ import annotations

from pipeline.model import Block, Document, Metadata, Source
from pipeline.segment import segment
from pipeline.segment._quotes import quotation_spans


def _candidates(*blocks: Block) -> list[str]:
    document = Document(source=Source("test"), metadata=Metadata(title="Test"), blocks=blocks)
    return [quote.text for quote in segment(document).quotes]


def test_candidates_carry_no_speaker_yet(corpus_structure):
    quotes = corpus_structure("sleepwell-9-ways-to-fall-asleep-faster").quotes
    assert quotes[0].text == "Sleep is not a switch you flip; it's a process you allow,"
    assert {(quote.speaker, quote.speaker_description, quote.cue) for quote in quotes} == {(None, None, None)}


def test_candidate_offsets_point_at_its_words_in_body_text(corpus_document, corpus_structure):
    body = corpus_document("tidyhome-declutter-paren-numbered").body_text
    quotes = corpus_structure("tidyhome-declutter-paren-numbered").quotes
    assert [body[quote.start : quote.end] for quote in quotes] == [quote.text for quote in quotes]


def test_each_piece_of_a_quote_broken_by_its_cue_is_a_candidate_of_its_own():
    assert _candidates(Block("paragraph", '"Keep the list short," she said. "Three items at most."')) == [
        "Keep the list short,", "Three items at most."]


def test_a_few_quoted_words_are_no_candidate():
    assert _candidates(Block("paragraph", 'Movers call it "the big day" and a "stress-free move for everyone" too. '
                                          'It is where "affordable rates meet quality and professionalism," they say.')) == []


def test_a_lowercase_quotation_of_eight_words_or_more_is_a_candidate():
    assert _candidates(Block("paragraph", 'As one report says, "landfills account for a third of all methane emissions."')) == [
        "landfills account for a third of all methane emissions."]


def test_quotation_over_two_paragraphs_is_one_candidate():
    assert _candidates(
        Block("paragraph", "From the reader: “We have a long room and one window. The sofa blocks it."),
        Block("paragraph", "We tried moving it twice and gave up.” – Liz W."),
        Block("paragraph", "Here is what I would do with it."),
    ) == ["We have a long room and one window. The sofa blocks it. We tried moving it twice and gave up."]


def test_blockquote_without_marks_is_one_candidate_less_its_dash_line():
    assert _candidates(Block("quote", "Clarity about what matters provides clarity about what does not. — Cal Newport")) == [
        "Clarity about what matters provides clarity about what does not."]


def test_blockquote_of_the_writers_words_with_a_quoted_phrase_is_no_whole_candidate():
    assert _candidates(Block("quote", 'We call this "the two-minute rule" because it takes no longer to do.')) == []


def test_quotes_in_headings_and_reader_comments_are_no_candidates(data_structure):
    texts = [quote.text for quote in data_structure("furniture-inside-article").quotes]
    assert texts == ["The journey ends when your head gets there, not your feet."]


def test_quote_section_skips_the_takeaway_box_label(corpus_structure):
    assert corpus_structure("tidyhome-declutter-paren-numbered").quotes[0].section is None


def test_british_single_quotes_close_only_after_their_punctuation():
    text = "‘The students’ work matters more than the grade,’ says Dr Anika Rao."
    assert [text[start:end] for start, end in quotation_spans(text)] == [
        "The students’ work matters more than the grade,"]


def test_unbalanced_marks_do_not_raise():
    assert quotation_spans("He said ” and then “ nothing") == [(20, 28)]
