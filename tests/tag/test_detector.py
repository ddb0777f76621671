"""The advice_detector component: loads the packaged model offline and scores sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from pipeline.settings import Settings
from pipeline.tag.detector import ADVICE_LABEL, PACKAGED_MODEL
from pipeline.tag.train.corpus import load_tagger


@pytest.fixture(scope="module")
def detector_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("advice_detector")
    return nlp


def test_packaged_model_ships_inside_the_package() -> None:
    assert sorted(path.name for path in PACKAGED_MODEL.iterdir()) == ["cfg", "model"]


def test_directive_scores_above_narration(detector_nlp: Language) -> None:
    directive = detector_nlp("Give them space.").cats[ADVICE_LABEL]
    narration = detector_nlp("I went to the store yesterday.").cats[ADVICE_LABEL]
    assert directive > narration


def test_each_sentence_gets_its_own_probability(detector_nlp: Language) -> None:
    doc = detector_nlp("Give them space. I went to the store yesterday.")
    probabilities = [sentence._.advice_probability for sentence in doc.sents]
    assert len(probabilities) == 2
    assert probabilities[0] > probabilities[1]
    assert doc.cats[ADVICE_LABEL] == probabilities[0]


def test_advice_span_group_holds_sentences_over_the_threshold(detector_nlp: Language) -> None:
    doc = detector_nlp("Give them space. I went to the store yesterday.")
    assert [span.text for span in doc.spans["detected_advice"]] == ["Give them space."]


def test_doc_without_sentence_boundaries_is_scored_whole() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("advice_detector")
    doc = nlp("Try to sleep eight hours a night.")
    assert doc[:]._.advice_probability == doc.cats[ADVICE_LABEL]
    assert [span.text for span in doc.spans["detected_advice"]] == ["Try to sleep eight hours a night."]


def test_empty_doc_has_no_advice(detector_nlp: Language) -> None:
    doc = detector_nlp("")
    assert doc.cats[ADVICE_LABEL] == 0.0
    assert list(doc.spans["detected_advice"]) == []


def test_threshold_comes_from_the_packaged_model(detector_nlp: Language) -> None:
    detector = detector_nlp.get_pipe("advice_detector")
    assert 0.0 < detector.threshold < 1.0
    assert detector.threshold != 0.5


def test_tagged_pipeline_scores_with_the_tag_ngrams_too(detector_nlp: Language) -> None:
    tagged = load_tagger(Settings().spacy_model)
    tagged.add_pipe("advice_detector")
    directive = tagged("Give them space.").cats[ADVICE_LABEL]
    narration = tagged("I went to the store yesterday.").cats[ADVICE_LABEL]
    assert directive > narration
    assert directive != detector_nlp("Give them space.").cats[ADVICE_LABEL]
