"""The type classifier's model: a sparse multilabel classifier over what a sentence is about.

Three kinds of hashed features, each in a namespace of its own so that the same word means
different things in different places:

- the lowercased lemmas of the sentence's words, and their bigrams (start-marked, so the verb that
  opens a directive is a feature of its own: "<s> soak");
- the lowercased words of the heading the sentence sits under (`Doc._.advice_heading`, set by the
  caller: a step title or section heading), since "Keep it short" under "Apologise Sincerely" is
  communication advice and under "Write a Cover Letter" practical;
- the taxonomy's cues found in the sentence by the `advice_tagger` (`doc.spans["advice_types"]`),
  one feature per type counting its cues: the hand-written cue lists become a prior the model
  learns how far to trust.
"""

from __future__ import annotations

import re

import numpy
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Model
from thinc.types import Floats2d

from pipeline.tag._cue_bow import sparse_multilabel

ARCHITECTURE = "advice_pipeline.TypeBOW.v1"
HEADING_EXTENSION = "advice_heading"
CUES_KEY = "advice_types"
FEATURES_KEY = "advice_type_features"
_WORD = re.compile(r"[a-z][a-z'’-]*")

if not Doc.has_extension(HEADING_EXTENSION):
    Doc.set_extension(HEADING_EXTENSION, default=None)


@registry.architectures(ARCHITECTURE)
def build_type_bow(length: int = 2**17, nO: int | None = None) -> Model[list[Doc], Floats2d]:
    """A logistic layer (one output per type) over the hashed features the module docstring lists.

    length: the number of hashed weight rows; a power of two.
    nO: the number of labels; set by the component when it learns its labels.
    """
    return sparse_multilabel(Model("type_features", _forward), length=length, nO=nO)


def _forward(model: Model, docs: list[Doc] | list[Span], is_train: bool):
    keys_per_doc, values_per_doc = [], []
    for doc in docs:
        features = _cached_features(doc)
        keys_per_doc.append(numpy.fromiter(features.keys(), dtype="uint64", count=len(features)))
        values_per_doc.append(numpy.fromiter(features.values(), dtype="float32", count=len(features)))
    lengths = numpy.asarray([len(keys) for keys in keys_per_doc], dtype="int32")
    keys = numpy.concatenate(keys_per_doc) if keys_per_doc else numpy.zeros(0, dtype="uint64")
    values = numpy.concatenate(values_per_doc) if values_per_doc else numpy.zeros(0, dtype="float32")
    return (keys, values, lengths), lambda d_output: []


def _cached_features(unit: Doc | Span) -> dict[int, float]:
    """A training doc's features, computed in its first epoch and kept on it for the next."""
    if isinstance(unit, Span):
        return sentence_features(unit)
    if FEATURES_KEY not in unit.user_data:
        unit.user_data[FEATURES_KEY] = sentence_features(unit)
    return unit.user_data[FEATURES_KEY]


def sentence_features(unit: Doc | Span) -> dict[int, float]:
    """The hashed features of a sentence (a Span, or a Doc holding one) and their values."""
    features: dict[int, float] = {}
    lemmas = ["<s>"] + [token.lemma_.lower() for token in unit if not token.is_punct and not token.is_space]
    for first, second in zip(lemmas, lemmas[1:]):
        _add(features, "w", second)
        _add(features, "b", f"{first} {second}")
    doc = unit if isinstance(unit, Doc) else unit.doc
    heading = doc._.get(HEADING_EXTENSION)
    heading_words = _WORD.findall(heading.lower()) if heading else []
    for word in heading_words:
        _add(features, "h", word)
    start, end = (0, len(doc)) if isinstance(unit, Doc) else (unit.start, unit.end)
    for cue in doc.spans.get(CUES_KEY, ()):
        if start <= cue.start and cue.end <= end:
            _add(features, "c", cue.label_)
    return features


def _add(features: dict[int, float], namespace: str, value: str) -> None:
    key = hash_string(f"{namespace}\x00{value}")
    features[key] = features.get(key, 0.0) + 1.0
