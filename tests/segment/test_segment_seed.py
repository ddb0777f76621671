"""segment(): the seed article reproduces its gold file exactly; odd documents do not break it."""

from __future__ import annotations

import pytest

from pipeline.model import Block, Document, Metadata, Source, Structure
from pipeline.segment import segment

SEED = "enotalone-12-crucial-steps-to-get-your-ex-back"


@pytest.fixture(scope="module")
def structure(corpus_structure):
    return corpus_structure(SEED)


@pytest.fixture(scope="module")
def gold(corpus_gold):
    return corpus_gold(SEED)


def test_seed_steps_are_the_twelve_numbered_headings(structure, gold):
    found = [{"number": step.number, "title": step.title} for step in structure.steps]
    assert found == [{"number": step["number"], "title": step["title"]} for step in gold["steps"]]


def test_seed_steps_skip_the_signs_and_ask_yourself_sections(structure):
    step_nine, step_ten = structure.steps[8], structure.steps[9]
    assert step_nine.text.endswith("one of the most powerful steps in getting your ex back—or in finding peace and moving on.")
    assert step_ten.text.startswith("Once you've done the introspection, improved yourself, and given your ex space")
    assert step_ten.first_block == step_nine.last_block + 6


def test_seed_takeaways_are_the_key_takeaways_list(structure, gold):
    assert [takeaway.text for takeaway in structure.takeaways] == gold["takeaways"]


def test_seed_quote_candidates_are_the_quotations_with_their_section_and_step(structure, gold):
    # Who said them is the tag stage's; a candidate keeps the comma that hands over to its cue.
    # "I made a huge mistake." is a candidate too, a line no one is named for.
    found = [{"text": q.text.rstrip(","), "section": q.section, "step": q.step} for q in structure.quotes]
    assert [item["text"] for item in found] == [*(q["text"] for q in gold["quotes"]), "I made a huge mistake."]
    assert found[:-1] == [{"text": q["text"], "section": q["section"], "step": q["step"]} for q in gold["quotes"]]
    assert {(q.speaker, q.speaker_description, q.cue) for q in structure.quotes} == {(None, None, None)}


def test_seed_quote_offsets_point_into_body_text(structure, corpus_document):
    body = corpus_document(SEED).body_text
    assert [body[q.start : q.end] for q in structure.quotes] == [q.text for q in structure.quotes]


def test_seed_resources_are_parsed_into_author_title_subtitle(structure, gold):
    found = [{"text": r.text, "author": r.author, "title": r.title, "subtitle": r.subtitle} for r in structure.resources]
    assert found == gold["resources"]


def test_seed_sections_are_the_article_headings(structure, gold):
    assert [section.heading for section in structure.sections] == gold["sections"]


def test_document_without_blocks_has_an_empty_structure():
    empty = Document(Source("0" * 64), Metadata(), ())
    assert segment(empty) == Structure()


def test_stray_marks_and_bare_prefixes_yield_nothing():
    odd = Document(Source("0" * 64), Metadata(), (
        Block("paragraph", '"'), Block("quote", "— "), Block("heading", "Step 1:", level=2),
        Block("list_item", "1.", level=1, ordered=True, number=1),
    ))
    structure = segment(odd)
    assert (structure.steps, structure.quotes, structure.takeaways) == ((), (), ())
