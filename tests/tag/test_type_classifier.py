"""The advice_type_classifier: every advice sentence typed, in the context of its heading."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.strings import hash_string

from pipeline.model import TypeScore
from pipeline.tag._type_bow import sentence_features
from pipeline.tag.classify import classify_texts
from pipeline.tag.train.types import TypedSentence, fit_types
from pipeline.tag.type_classifier import HEADING_EXTENSION, AdviceTypeClassifier

LINES = ["Soak the beans overnight.", "Keep a spare charger in the car.", "Talk to a therapist about it.",
         "Go for a run every morning.", "Never sign a contract you have not read."]


def test_every_sentence_called_advice_carries_a_type(nlp: Language) -> None:
    results = list(classify_texts(((line, None) for line in LINES), nlp))
    assert all(result["advice"] for result in results)
    assert all(result["types"] for result in results)
    assert results[2]["types"][0]["type"] == "professional_help"


def test_the_heading_is_a_feature_of_its_own(nlp: Language) -> None:
    doc = nlp.make_doc("Keep it short.")
    doc._.set(HEADING_EXTENSION, "Apologise Sincerely")
    features = sentence_features(doc)
    assert hash_string("h\x00apologise") in features
    assert hash_string("w\x00apologise") not in features


def test_listed_types_reach_the_threshold_at_most_max_types_else_the_best_alone(nlp: Language) -> None:
    classifier = nlp.get_pipe("advice_type_classifier")
    labels = list(classifier.labels)
    low = [0.1] * len(labels)
    low[labels.index("patience")] = 0.2
    assert classifier.ranked(low) == (TypeScore("patience", 0.2),)
    high = [0.9] * len(labels)
    assert len(classifier.ranked(high)) == classifier.cfg["max_types"]


def test_training_is_reproducible_and_the_weights_round_trip_through_disk(nlp: Language, tmp_path) -> None:
    sentences = [TypedSentence("Soak the beans overnight.", "Cooking", frozenset({"practical"}), "a"),
                 TypedSentence("Talk to your partner.", None, frozenset({"communication"}), "b")]
    labels = ["communication", "practical"]
    with nlp.select_pipes(disable=["advice_type_classifier"]):
        first = fit_types(sentences, nlp, labels)
        second = fit_types(sentences, nlp, labels)
    assert first.to_bytes(exclude=["vocab"]) == second.to_bytes(exclude=["vocab"])
    first.to_disk(tmp_path / "types", exclude=["vocab"])
    loaded = AdviceTypeClassifier(nlp, first.model.copy(), threshold=0.9).from_disk(tmp_path / "types", exclude=["vocab"])
    assert (loaded.labels, loaded.cfg["threshold"]) == (tuple(labels), pytest.approx(first.cfg["threshold"]))
    doc = nlp.make_doc("Soak the beans.")
    assert loaded.model.predict([doc]).tolist() == first.model.predict([doc]).tolist()
