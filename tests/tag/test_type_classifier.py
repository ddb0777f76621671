"""The advice_type_classifier: every advice sentence typed, in the context of its heading."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.strings import hash_string

from pipeline.model import TypeScore
from pipeline.tag._type_bow import sentence_features
from pipeline.tag.classify import classify_texts
from pipeline.tag.train.types import CANDIDATE_THRESHOLDS, TypedSentence, fit_types, prepared_docs, type_thresholds
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


def test_a_type_with_a_threshold_of_its_own_is_listed_from_it(nlp: Language) -> None:
    classifier = nlp.get_pipe("advice_type_classifier")
    labels = list(classifier.labels)
    scores = [0.05] * len(labels)
    scores[labels.index("practical")] = 0.8
    scores[labels.index("acceptance")] = 0.15
    saved = classifier.cfg.get("type_thresholds")
    try:
        classifier.cfg["type_thresholds"] = {"acceptance": 0.1}
        assert [item.type for item in classifier.ranked(scores)] == ["practical", "acceptance"]
        classifier.cfg["type_thresholds"] = {}
        assert [item.type for item in classifier.ranked(scores)] == ["practical"]
    finally:
        classifier.cfg["type_thresholds"] = saved


def test_per_type_thresholds_come_from_pages_held_out_and_need_enough_examples(nlp: Language) -> None:
    sentences = [TypedSentence(text, None, frozenset({label}), f"page{index % 8}")
                 for index, (text, label) in enumerate(
                     [("Soak the beans overnight.", "practical"), ("Talk to your partner.", "communication")] * 16)]
    with nlp.select_pipes(disable=["advice_type_classifier"]):
        thresholds = type_thresholds(sentences, prepared_docs(nlp, ((s.text, None) for s in sentences)), nlp,
                                     ["communication", "practical", "patience"])
    assert set(thresholds) == {"communication", "practical"}  # patience: no held-out example
    assert all(threshold in CANDIDATE_THRESHOLDS for threshold in thresholds.values())


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
