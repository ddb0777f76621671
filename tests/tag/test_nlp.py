"""load_nlp(): the trimmed model plus our components, loaded once per model name."""

from __future__ import annotations

import pytest

from pipeline.errors import ModelError
from pipeline.settings import Settings
from pipeline.tag import load_nlp


def test_pipeline_splits_with_the_senter_and_keeps_parser_and_ner_off_for_candidates(nlp):
    assert nlp.pipe_names == ["tok2vec", "tagger", "senter", "attribute_ruler", "lemmatizer", "quote_attributor",
                              "advice_detector", "advice_form", "advice_tagger", "advice_type_classifier"]
    assert sorted(nlp.disabled) == ["ner", "parser"]
    assert nlp.get_pipe("advice_form").parser == "parser"
    assert (nlp.get_pipe("quote_attributor").parser, nlp.get_pipe("quote_attributor").ner) == ("parser", "ner")


def test_pipeline_is_loaded_once_per_model_name(nlp):
    assert load_nlp(Settings()) is nlp


def test_unknown_model_raises_model_error_naming_it():
    with pytest.raises(ModelError) as raised:
        load_nlp(Settings(spacy_model="no_such_model_xyz"))
    assert raised.value.source == "no_such_model_xyz"
    assert raised.value.reason.startswith("cannot load spaCy model: [E050] Can't find model")


def test_typographic_apostrophes_get_the_lemmas_of_typewriter_ones(nlp):
    doc = nlp("It’s time, you’ll see, and they’ve said so.")
    assert [(token.text, token.lemma_) for token in doc if "’" in token.text] == [
        ("’s", "be"), ("’ll", "will"), ("’ve", "have")
    ]


def test_the_lemmatizers_cache_starts_again_when_full(nlp):
    from pipeline.tag.nlp import LEMMA_CACHE_SIZE, BoundedCache

    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer.cache, BoundedCache) and lemmatizer.cache.size == LEMMA_CACHE_SIZE
    small = BoundedCache(2)
    small["a"], small["b"], small["c"] = 1, 2, 3
    assert small == {"c": 3}
    lemmatizer.cache = small
    assert [token.lemma_ for token in nlp("Keep walking daily.")] == ["keep", "walk", "daily", "."]
    assert len(small) <= 2
    lemmatizer.cache = BoundedCache(LEMMA_CACHE_SIZE)
