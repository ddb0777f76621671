"""The advice_tagger component: cue spans, ranked types with evidence, registration and persistence."""

from __future__ import annotations

import json

import spacy

from pipeline.model import TypeScore
from pipeline.tag.taxonomy import load_taxonomy
from pipeline.tag.types import ranked_types, sentence_cased


def blank_tagger_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("advice_tagger", config={"attr": "LOWER"})
    return nlp


def test_factory_is_found_through_its_entry_point_in_a_blank_pipeline():
    nlp = blank_tagger_pipeline()
    doc = nlp("Give them space and talk to a therapist.")
    assert nlp.pipe_names == ["sentencizer", "advice_tagger"]
    assert [(span.label_, span.text) for span in doc.spans["advice_types"]] == [
        ("space_and_distance", "space"),
        ("communication", "talk"),
        ("professional_help", "therapist"),
    ]


def test_sentence_types_are_ranked_with_the_strongest_cue_as_evidence(cue_nlp):
    doc = cue_nlp("Surround yourself with friends and family who care about you.")
    sentence = next(doc.sents)
    assert sentence._.advice_types[0] == TypeScore("social_connection", 0.9945)
    assert sentence._.advice_evidence.text == "Surround yourself"


def test_cues_match_inflections_through_lemmas(cue_nlp):
    doc = cue_nlp("She accepted it and they were talking.")
    assert [(span.label_, span.text) for span in doc.spans["advice_types"]] == [
        ("acceptance", "accepted"),
        ("communication", "talking"),
    ]


def test_a_title_case_headline_matches_its_cues_lowercased(cue_nlp):
    doc = cue_nlp("Tip 5: Limit Caffeine and Alcohol")
    assert [(span.label_, span.text) for span in doc.spans["advice_types"]] == [
        ("boundaries", "Limit"),
        ("physical_health", "Caffeine"),
        ("physical_health", "Alcohol"),
    ]
    assert next(doc.sents)._.advice_types == (TypeScore("physical_health", 0.9558),)


def test_capitalised_names_in_a_sentence_are_not_read_as_headline_cues(cue_nlp):
    doc = cue_nlp("She met Worry Smith today.")
    assert [(span.label_, span.text) for span in doc.spans["advice_types"]] == [("social_connection", "met")]


def test_equal_weights_rank_in_taxonomy_order():
    taxonomy = load_taxonomy()
    assert ranked_types({"communication": 1.0, "evaluation": 1.0, "patience": 2.0}, taxonomy) == (
        TypeScore("patience", 0.75),
        TypeScore("evaluation", 0.5),
        TypeScore("communication", 0.5),
    )


def test_to_disk_and_from_disk_round_trip_the_taxonomy(tmp_path):
    nlp = blank_tagger_pipeline()
    tagger = nlp.get_pipe("advice_tagger")
    custom = load_taxonomy().to_json()
    custom["types"] = [entry for entry in custom["types"] if entry["name"] == "patience"]
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(custom), encoding="utf-8")
    tagger.set_taxonomy(load_taxonomy(path))
    nlp.to_disk(tmp_path / "pipeline")

    reloaded = spacy.load(tmp_path / "pipeline")
    doc = reloaded("Don't rush it or talk too much.")
    assert reloaded.get_pipe("advice_tagger").taxonomy == load_taxonomy(path)
    assert [(span.label_, span.text) for span in doc.spans["advice_types"]] == [("patience", "rush")]


def test_the_longest_overlapping_cue_stands_and_weak_types_are_left_out(cue_nlp):
    doc = cue_nlp("Ask yourself one thing.")
    sentence = next(doc.sents)
    assert [(span.label_, span.text) for span in doc.spans["advice_types"]] == [("self_reflection", "Ask yourself")]
    assert sentence._.advice_types == (TypeScore("self_reflection", 0.875),)


def test_types_below_min_score_are_not_listed():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("advice_tagger", config={"attr": "LOWER", "min_score": 0.9})
    doc = nlp("Talk to a friend about stress.")
    assert [span.label_ for span in doc.spans["advice_types"]] == ["communication", "social_connection", "emotional_care"]
    assert next(doc.sents)._.advice_types is None


def test_a_further_type_needs_most_of_the_top_types_weight():
    weights = {"patience": 2.0, "evaluation": 1.5, "communication": 1.0}
    assert ranked_types(weights, load_taxonomy(), min_share=0.7) == (
        TypeScore("patience", 0.75),
        TypeScore("evaluation", 0.6464),
    )


def test_a_cue_in_a_subordinate_clause_counts_half(cue_nlp):
    # "anxiety" (emotional_care) sits in the if-clause; alone it would tie with "professional".
    doc = cue_nlp("Seek professional help if anxiety interferes with daily life.")
    assert next(doc.sents)._.advice_types == (TypeScore("professional_help", 0.75),)


def test_a_clause_naming_what_to_weigh_counts_in_full(cue_nlp):
    # After a verb, "if" opens what to consider, which is the advice itself.
    doc = cue_nlp("Consider if your ex is worth it.")
    assert next(doc.sents)._.advice_types == (TypeScore("evaluation", 0.875),)


def test_a_title_case_headline_is_put_in_sentence_case_keeping_acronyms():
    assert sentence_cased("2. Research and Compare SEO Tools") == "2. Research and compare SEO tools"
    assert sentence_cased("Give them space.") == "Give them space."
