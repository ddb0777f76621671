"""The detector's model: a sparse linear classifier over lowercased n-grams with a start marker.

It is spaCy's bag-of-words textcat with one change that matters for advice: every sentence is
padded with a start-of-sentence key before the n-grams are taken, so "<s> give", "<s> do n't"
and "<s> try to" become features. That is the cheap, parse-free stand-in for "the sentence
opens with a base verb", the strongest single cue of a directive.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Logistic, Model, SparseLinear_v2, chain
from thinc.types import Floats2d

ARCHITECTURE = "advice_pipeline.CueBOW.v1"
_START_KEY = numpy.uint64(hash_string("<s>"))


@registry.architectures(ARCHITECTURE)
def build_cue_bow(
    ngram_size: int = 3, length: int = 2**18, nO: int | None = None
) -> Model[list[Doc], Floats2d]:
    """A logistic layer over hashed n-grams (1..`ngram_size`) of lowercased tokens.

    It reads docs in training and sentence spans when the detector scores a doc sentence by sentence.

    ngram_size: the longest n-gram taken, counting the start marker as a token.
    length: the number of hashed weight rows; a power of two.
    nO: the number of labels; set by the component when it learns its labels.
    """
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    model = chain(_start_marked_ngrams(ngram_size), sparse_linear, Logistic())
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = True
    if nO is not None:
        model.set_dim("nO", nO)
    return model


def _start_marked_ngrams(ngram_size: int) -> Model:
    return Model("start_marked_ngrams", _forward, attrs={"ngram_size": ngram_size})


def _forward(model: Model, docs: list[Doc] | list[Span], is_train: bool):
    ngram_size = model.attrs["ngram_size"]
    keys_per_doc, counts_per_doc = [], []
    for doc in docs:
        keys, counts = numpy.unique(_ngram_keys(model, doc, ngram_size), return_counts=True)
        keys_per_doc.append(keys)
        counts_per_doc.append(counts)
    lengths = numpy.asarray([len(keys) for keys in keys_per_doc], dtype="int32")
    keys = numpy.concatenate(keys_per_doc) if keys_per_doc else numpy.zeros(0, dtype="uint64")
    counts = numpy.concatenate(counts_per_doc) if counts_per_doc else numpy.zeros(0)
    return (keys, counts.astype("float32"), lengths), lambda d_output: []


def _ngram_keys(model: Model, doc: Doc | Span, ngram_size: int) -> numpy.ndarray:
    words = numpy.concatenate([numpy.asarray([_START_KEY], dtype="uint64"), _lower_keys(doc)])
    ngrams = [words[1:]]
    ngrams += [model.ops.ngrams(n, words) for n in range(2, ngram_size + 1) if len(words) >= n]
    return numpy.concatenate(ngrams)


def _lower_keys(doc: Doc | Span) -> numpy.ndarray:
    """The LOWER hashes of a doc, or of a sentence span without copying it into a doc of its own."""
    if isinstance(doc, Doc):
        return doc.to_array(LOWER).astype("uint64")
    return numpy.fromiter((token.lower for token in doc), dtype="uint64", count=len(doc))
