"""The `advice_detector` spaCy component: how likely each sentence is to give advice.

A trained text classifier (see `_cue_bow` and `pipeline/tag/train/detector.cfg`) scores every
sentence of a doc on its own, from its word n-grams and, when the doc carries fine-grained tags
(put a tagger before it, as the tag pipeline does), its tag n-grams. In a pipeline without a tagger
(`spacy.blank`) it still works, on the word n-grams alone, but clearly worse: they were trained to
work beside the tag n-grams (on the Reddit needadvice test split, advice F1 .68 instead of .73).
What it sets:

- `span._.advice_probability` (float in 0..1) on every sentence of `doc.sents`; a doc without sentence
  boundaries is scored as one sentence, `doc[:]`.
- `doc.spans[spans_key]` (default "detected_advice"): the sentences whose probability reaches the
  component's threshold, in order.
- `doc.cats["ADVICE"]`: the highest sentence probability of the doc.

`nlp.add_pipe("advice_detector")` loads the trained weights and threshold shipped inside the
package (pipeline/tag/data/advice_detector/), with no network; training configs pass
`from_package = false` to start from scratch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language
from spacy.pipeline.textcat_multilabel import MultiLabel_TextCategorizer, textcat_multilabel_score
from spacy.tokens import Doc, Span, SpanGroup
from spacy.vocab import Vocab
from thinc.api import Config, Model

from pipeline.tag import _cue_bow

ADVICE_LABEL = "ADVICE"
PROBABILITY_EXTENSION = "advice_probability"
PACKAGED_MODEL = Path(__file__).parent / "data" / "advice_detector"

DEFAULT_MODEL_CONFIG = f"""
[model]
@architectures = "{_cue_bow.ARCHITECTURE}"
ngram_size = 3
tag_ngram_size = 3
length = 2097152
shape_features = true
"""
DEFAULT_MODEL = Config().from_str(DEFAULT_MODEL_CONFIG)["model"]

if not Span.has_extension(PROBABILITY_EXTENSION):
    Span.set_extension(PROBABILITY_EXTENSION, default=None)


@Language.factory(
    "advice_detector",
    assigns=["doc.cats", "doc.spans", f"span._.{PROBABILITY_EXTENSION}"],
    default_config={
        "model": DEFAULT_MODEL,
        "threshold": 0.5,
        "spans_key": "detected_advice",
        "from_package": True,
        "scorer": {"@scorers": "spacy.textcat_multilabel_scorer.v2"},
    },
    default_score_weights={"cats_macro_auc": 1.0},
)
def make_advice_detector(
    nlp: Language,
    name: str,
    model: Model,
    *,
    threshold: float,
    spans_key: str,
    from_package: bool,
    scorer: Callable | None,
) -> AdviceDetector:
    """Create the detector.

    model: the classifier over sentence docs; one output, the ADVICE probability.
    threshold: the probability from which a sentence counts as advice (the packaged model
        brings the one chosen on the development data and overrides this).
    spans_key: the `doc.spans` key the advice sentences are written to.
    from_package: load the trained weights shipped inside the package.
    scorer: the scoring method used by `nlp.evaluate` during training.
    """
    detector = AdviceDetector(
        nlp.vocab, model, name, threshold=threshold, spans_key=spans_key, scorer=scorer
    )
    if from_package:
        detector.from_disk(PACKAGED_MODEL, exclude=["vocab"])
    return detector


class AdviceDetector(MultiLabel_TextCategorizer):
    """A one-label text classifier applied sentence by sentence."""

    def __init__(
        self,
        vocab: Vocab,
        model: Model,
        name: str = "advice_detector",
        *,
        threshold: float,
        spans_key: str = "detected_advice",
        scorer: Callable | None = textcat_multilabel_score,
    ) -> None:
        super().__init__(vocab, model, name, threshold=threshold, scorer=scorer)
        self.spans_key = spans_key

    @property
    def threshold(self) -> float:
        """The probability from which a sentence counts as advice."""
        return float(self.cfg["threshold"])

    def predict(self, docs: Iterable[Doc]) -> list[list[float]]:
        """The ADVICE probability of every sentence of every doc, without modifying them."""
        docs = list(docs)
        units = [sentence_spans(doc) for doc in docs]
        flat = [sentence for sentences in units for sentence in sentences]
        scores = super().predict(flat) if flat else []
        column = self.labels.index(ADVICE_LABEL) if ADVICE_LABEL in self.labels else 0
        probabilities = [float(row[column]) for row in scores]
        per_doc, start = [], 0
        for sentences in units:
            per_doc.append(probabilities[start : start + len(sentences)])
            start += len(sentences)
        return per_doc

    def set_annotations(self, docs: Iterable[Doc], scores: list[list[float]]) -> None:
        """Write the sentence probabilities, the advice span group and the doc's ADVICE cat."""
        for doc, probabilities in zip(docs, scores, strict=True):
            sentences = sentence_spans(doc)
            for sentence, probability in zip(sentences, probabilities, strict=True):
                sentence._.set(PROBABILITY_EXTENSION, probability)
            advice = [s for s, p in zip(sentences, probabilities, strict=True) if p >= self.threshold]
            doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=advice)
            doc.cats[ADVICE_LABEL] = max(probabilities, default=0.0)


def sentence_spans(doc: Doc) -> list[Span]:
    """The sentences of `doc`, or the whole doc as one when it has no sentence boundaries."""
    if len(doc) and doc.has_annotation("SENT_START"):
        return list(doc.sents)
    return [doc[:]] if len(doc) else []

