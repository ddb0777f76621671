"""tag(): the seed article's advice sentences, step types and takeaway types."""

from __future__ import annotations

import pytest

from pipeline.model import Block, Document, Metadata, Quote, Resource, Source, Structure
from pipeline.tag import tag


@pytest.fixture(scope="module")
def seed_tags(seed, nlp):
    document, structure = seed
    return tag(document, structure, nlp)


def test_each_seed_step_gets_its_gold_primary_type(seed_tags, seed_gold):
    primary = {number: types[0].type for number, types in seed_tags.step_types.items()}
    assert primary == {step["number"]: step["primary_type"] for step in seed_gold["steps"]}


def test_step_type_scores_are_shares_that_sum_to_one(seed_tags):
    for types in seed_tags.step_types.values():
        assert sum(item.score for item in types) == pytest.approx(1.0, abs=1e-3)
        assert [item.score for item in types] == sorted((item.score for item in types), reverse=True)


def test_takeaways_get_their_types_in_order(seed_tags):
    assert [types[0].type if types else None for types in seed_tags.takeaway_types] == [
        "self_reflection", "evaluation", "self_improvement", "space_and_distance", "self_reflection",
    ]


def test_advice_offsets_point_into_body_text(seed, seed_tags):
    body = seed[0].body_text
    assert all(body[item.start:item.end] == item.text for item in seed_tags.advice)


def test_step_body_advice_carries_form_type_evidence_and_step(seed_tags):
    give_space = next(item for item in seed_tags.advice if item.text.startswith("This might sound counterintuitive"))
    assert (give_space.form, give_space.step, give_space.types[0].type, give_space.evidence) == (
        "suggestion", 2, "space_and_distance", "space",
    )
    dont_underestimate = next(item for item in seed_tags.advice if item.text.startswith("Don't underestimate"))
    assert (dont_underestimate.form, dont_underestimate.step) == ("prohibition", 5)


def test_headings_are_not_body_advice(seed, seed_tags):
    headings = {block.text for block in seed[0].blocks if block.kind == "heading" or block.emphasis}
    assert not [item.text for item in seed_tags.advice if item.text in headings]
    assert "Step 2: Give Them Space" not in {item.text for item in seed_tags.advice}


def test_sentences_with_a_quote_and_its_attribution_are_masked(seed, seed_tags):
    quotes = seed[1].quotes
    assert not [item for item in seed_tags.advice if any(q.start < item.end and item.start < q.end for q in quotes)]
    assert not [item for item in seed_tags.advice if "therapist Esther Perel" in item.text]


def test_imperative_inside_a_quote_is_not_the_articles_advice(nlp):
    text = 'As the therapist Anna Lee puts it, "Call a therapist today." Then rest.'
    quote_start = text.index("Call")
    document = Document(Source("quoted"), Metadata(), (Block("paragraph", text),))
    quote = Quote("Call a therapist today.", "Anna Lee", "therapist", "puts it", None, None, quote_start, quote_start + 23)
    tags = tag(document, Structure(quotes=(quote,)), nlp)
    assert [(item.text, item.form) for item in tags.advice] == [("Then rest.", "directive")]


def test_resource_titles_are_not_advice(nlp):
    title = "Never Split the Difference: Negotiating As If Your Life Depended On It"
    document = Document(Source("resources"), Metadata(), (Block("paragraph", "Read widely."), Block("list_item", title)))
    tags = tag(document, Structure(resources=(Resource(title, title="Never Split the Difference"),)), nlp)
    assert [(item.text, item.form) for item in tags.advice] == [("Read widely.", "directive")]
