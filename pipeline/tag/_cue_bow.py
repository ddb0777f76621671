"""The detector's model: a sparse linear classifier over word n-grams and part-of-speech n-grams.

It is spaCy's bag-of-words textcat with two changes that matter for advice. Every sentence is
padded with a start-of-sentence key before the n-grams are taken, so "<s> give", "<s> do n't"
and "<s> try to" become features: the cheap, parse-free stand-in for "the sentence opens with a
base verb", the strongest single cue of a directive. And when the doc carries fine-grained tags
(`token.tag_`, which the tag pipeline's tagger sets before the detector runs), n-grams of the tags,
start-marked the same way, are added: "<t> VB", "MD VB", "PRP MD VB" generalise the word cues to
verbs and modals the training sentences never used. A doc without tags gets the word n-grams alone.

With `shape_features`, the line's shape joins them, read off its text: how many words it has, how
it ends (a full stop, a question or colon, or no punctuation at all), whether it opens like a list
item, looks like code or markup, or quotes someone, and the pairs of its length and its ending. A
two-word line without a full stop ("Duct tape", "Get tickets") is a label, a button or a list
entry far more often than advice on web pages, which the word n-grams alone cannot say.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LOWER, TAG
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Logistic, Model, SparseLinear_v2, chain
from thinc.types import Floats2d

ARCHITECTURE = "advice_pipeline.CueBOW.v2"
_WORD_START = numpy.uint64(hash_string("<s>"))
_TAG_START = numpy.uint64(hash_string("<t>"))
_CODE = re.compile(r"\b[a-z]+_\w+|\w\(|[{};=<>]|^(?:--|//|#)|\(\)")
_QUOTES = re.compile(r'["“”]')
_ENDINGS = {".": "stop", "!": "stop", "?": "question", ":": "colon"}
# Upper bounds of the word-count buckets a line's length falls in.
_LENGTHS = (1, 2, 3, 5, 8, 15, 30)

@registry.architectures(ARCHITECTURE)
def build_cue_bow(
    ngram_size: int = 3,
    tag_ngram_size: int = 3,
    length: int = 2**21,
    shape_features: bool = False,
    nO: int | None = None,
) -> Model[list[Doc], Floats2d]:
    """A logistic layer over hashed n-grams of lowercased tokens and of their tags (and the line's shape).

    It reads docs in training and sentence spans when the detector scores a doc sentence by sentence.

    ngram_size: the longest word n-gram taken (1..ngram_size), counting the start marker as a token.
    tag_ngram_size: the longest tag n-gram taken (2..tag_ngram_size, start marker included; tag
        unigrams add nothing the bigrams lack); 0 or 1 for none. Docs without tags get none.
    length: the number of hashed weight rows; a power of two.
    shape_features: add the shape of the line (see the module docstring).
    nO: the number of labels; set by the component when it learns its labels.
    """
    attrs = {"ngram_size": ngram_size, "tag_ngram_size": tag_ngram_size, "shape_features": shape_features}
    features = Model("cue_ngrams", _forward, attrs=attrs)
    return sparse_multilabel(features, length=length, nO=nO)


def sparse_multilabel(features: Model, *, length: int, nO: int | None) -> Model[list[Doc], Floats2d]:
    """`features` (hashed keys and values per doc) into a multilabel logistic layer of `length` rows."""
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    model = chain(features, sparse_linear, Logistic())
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = True
    if nO is not None:
        model.set_dim("nO", nO)
    return model


def _forward(model: Model, docs: list[Doc] | list[Span], is_train: bool):
    keys_per_doc, counts_per_doc = [], []
    for doc in docs:
        keys, counts = numpy.unique(_cue_keys(model, doc), return_counts=True)
        keys_per_doc.append(keys)
        counts_per_doc.append(counts)
    lengths = numpy.asarray([len(keys) for keys in keys_per_doc], dtype="int32")
    keys = numpy.concatenate(keys_per_doc) if keys_per_doc else numpy.zeros(0, dtype="uint64")
    counts = numpy.concatenate(counts_per_doc) if counts_per_doc else numpy.zeros(0)
    return (keys, counts.astype("float32"), lengths), lambda d_output: []


def _cue_keys(model: Model, doc: Doc | Span) -> numpy.ndarray:
    words = _start_marked(_WORD_START, _keys(doc, LOWER, "lower"))
    ngrams = [words[1:]] + _ngrams(model, words, 2, model.attrs["ngram_size"])
    if doc.doc.has_annotation("TAG"):
        tags = _start_marked(_TAG_START, _keys(doc, TAG, "tag"))
        ngrams += _ngrams(model, tags, 2, model.attrs["tag_ngram_size"])
    if model.attrs["shape_features"]:
        ngrams.append(numpy.asarray([hash_string(f"<shape>{key}") for key in shape_of(doc.text)], dtype="uint64"))
    return numpy.concatenate(ngrams)


def shape_of(text: str) -> list[str]:
    """The shape features of a line: its length bucket, its ending, both together, and the marks of
    a list item, code or markup, and quoted speech it carries."""
    text = text.strip()
    words = len(text.split())
    length = next((f"<={bound}" for bound in _LENGTHS if words <= bound), "long")
    ending = _ENDINGS.get(text[-1:], "word" if text[-1:].isalnum() else "mark")
    shape = [f"len {length}", f"end {ending}", f"len {length} end {ending}"]
    if text[:1] in "-•*–—" or text[:1].isdigit():
        shape.append("list")
    if _CODE.search(text):
        shape.append("code")
    if _QUOTES.search(text):
        shape.append("quote")
    return shape


def _start_marked(start: numpy.uint64, keys: numpy.ndarray) -> numpy.ndarray:
    return numpy.concatenate([numpy.asarray([start], dtype="uint64"), keys])


def _ngrams(model: Model, keys: numpy.ndarray, shortest: int, longest: int) -> list[numpy.ndarray]:
    return [model.ops.ngrams(n, keys) for n in range(shortest, longest + 1) if len(keys) >= n]


def _keys(doc: Doc | Span, attribute: int, name: str) -> numpy.ndarray:
    """The hashes of one token attribute (its id and its Token property name) over a doc or a
    sentence span; a span is read token by token, as copying it into a doc of its own costs more."""
    if isinstance(doc, Doc):
        return doc.to_array(attribute).astype("uint64")
    return numpy.fromiter((getattr(token, name) for token in doc), dtype="uint64", count=len(doc))
