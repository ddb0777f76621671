"""The detector's features: start-marked word n-grams, plus tag n-grams when the doc is tagged."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.tag._cue_bow import build_cue_bow, shape_of

WORDS = ["Give", "them", "space", "."]
TAGS = ["VB", "PRP", "NN", "."]


@pytest.fixture(scope="module")
def features():
    return build_cue_bow(ngram_size=3, tag_ngram_size=3, length=2**10, nO=1).layers[0]


def _feature_count(features, docs) -> list[int]:
    _, _, lengths = features.predict(docs)
    return [int(length) for length in lengths]


def test_untagged_doc_gets_word_ngrams_with_the_start_marker(features) -> None:
    doc = Doc(spacy.blank("en").vocab, words=WORDS)
    # 4 unigrams, 4 bigrams ("<s> give" .. "space ."), 3 trigrams
    assert _feature_count(features, [doc]) == [11]


def test_tagged_doc_adds_start_marked_tag_bigrams_and_trigrams(features) -> None:
    doc = Doc(spacy.blank("en").vocab, words=WORDS, tags=TAGS)
    # 11 word n-grams, 4 tag bigrams ("<t> VB" .. "NN ."), 3 tag trigrams
    assert _feature_count(features, [doc]) == [18]


def test_sentence_span_gets_the_features_of_the_same_sentence_as_a_doc(features) -> None:
    vocab = spacy.blank("en").vocab
    two = Doc(vocab, words=["Hello", "."] + WORDS, tags=["UH", "."] + TAGS)
    alone = Doc(vocab, words=WORDS, tags=TAGS)
    span_keys, _, _ = features.predict([two[2:]])
    doc_keys, _, _ = features.predict([alone])
    assert span_keys.tolist() == doc_keys.tolist()


def test_shape_features_join_the_ngrams_when_asked() -> None:
    features = build_cue_bow(length=2**10, shape_features=True, nO=1).layers[0]
    doc = Doc(spacy.blank("en").vocab, words=WORDS, tags=TAGS)
    # 18 n-grams and 3 shape features (length, ending, both)
    assert _feature_count(features, [doc]) == [21]


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("Give them space.", ["len <=3", "end stop", "len <=3 end stop"]),
        ("- Duct tape for repairs", ["len <=5", "end word", "len <=5 end word", "list"]),
        ("CREATE INDEX idx_users ON users(email);", ["len <=5", "end mark", "len <=5 end mark", "code"]),
        ('He said "just quit" and left for good, which is what I did too?',
         ["len <=15", "end question", "len <=15 end question", "quote"]),
    ],
)
def test_the_shape_of_a_line(text, shape) -> None:
    assert shape_of(text) == shape
