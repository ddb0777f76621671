"""The `advice_type_classifier` spaCy component: the advice types of each advice sentence, learned.

A multilabel text classifier (see `_type_bow` for its features: the sentence's lemmas, the
heading it sits under, the taxonomy's cues) scores every sentence an earlier `advice_form` called
advice, one probability per type of the taxonomy. It sets `Span._.advice_types` on those sentences
to the types whose score reaches their threshold (each type's own, chosen by cross-validation in
training, else `threshold`), best first and at most `max_types`; when none
does, the most probable type alone, so that every advice sentence carries a type (`practical`,
task-level advice, is the taxonomy's type for advice none of the others fits). It replaces the
cue-ranked types the `advice_tagger` put on advice sentences; the tagger's cue spans and its
types of headlines (step titles, takeaways) stand.

`nlp.add_pipe("advice_type_classifier")` loads the weights shipped inside the package
(pipeline/tag/data/advice_type_classifier/), trained by `make train` from corpus/labels
(pipeline/tag/train/types.py); `from_package = false` starts untrained.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language
from spacy.pipeline.textcat_multilabel import MultiLabel_TextCategorizer, textcat_multilabel_score
from spacy.tokens import Doc, Span
from thinc.api import Config, Model

from pipeline.model import TypeScore
from pipeline.tag import _type_bow
from pipeline.tag.types import DEFAULT_SPANS_KEY as CUES_KEY
from pipeline.tag.types import cues_within, sentence_weights

PACKAGED_MODEL = Path(__file__).parent / "data" / "advice_type_classifier"
HEADING_EXTENSION = _type_bow.HEADING_EXTENSION

DEFAULT_MODEL_CONFIG = f"""
[model]
@architectures = "{_type_bow.ARCHITECTURE}"
length = 131072
"""
DEFAULT_MODEL = Config().from_str(DEFAULT_MODEL_CONFIG)["model"]

for _name in ("advice_types", "advice_form"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@Language.factory(
    "advice_type_classifier",
    assigns=["span._.advice_types"],
    requires=["token.lemma", "span._.advice_form"],
    default_config={
        "model": DEFAULT_MODEL,
        "threshold": 0.3,
        "max_types": 3,
        "cue_share": 0.35,
        "heading_share": 0.5,
        "from_package": True,
        "scorer": {"@scorers": "spacy.textcat_multilabel_scorer.v2"},
    },
    default_score_weights={"cats_macro_f": 1.0},
)
def make_advice_type_classifier(
    nlp: Language,
    name: str,
    model: Model,
    *,
    threshold: float,
    max_types: int,
    cue_share: float,
    heading_share: float,
    from_package: bool,
    scorer: Callable | None,
) -> AdviceTypeClassifier:
    """Create the type classifier.

    model: the classifier over sentences; one output per advice type.
    threshold: the probability from which a type is listed (the packaged model brings the one
        chosen in training and overrides this).
    max_types: the most types listed for one sentence.
    cue_share: the weight, in [0, 1], of the cue score (1 - 0.5 ** cue weight, as the
        advice_tagger scores a type) against the model's probability in a type's score.
    heading_share: the share of the heading's cue weights added to the sentence's own.
    from_package: load the trained weights shipped inside the package.
    scorer: the scoring method used by `nlp.evaluate`.
    """
    classifier = AdviceTypeClassifier(
        nlp, model, name, threshold=threshold, max_types=max_types, cue_share=cue_share, heading_share=heading_share,
        scorer=scorer,
    )
    if from_package:
        classifier.from_disk(PACKAGED_MODEL, exclude=["vocab"])
    return classifier


class AdviceTypeClassifier(MultiLabel_TextCategorizer):
    """A multilabel text classifier applied to each advice sentence of a doc."""

    def __init__(
        self,
        nlp: Language,
        model: Model,
        name: str = "advice_type_classifier",
        *,
        threshold: float,
        max_types: int = 3,
        cue_share: float = 0.35,
        heading_share: float = 0.5,
        scorer: Callable | None = textcat_multilabel_score,
    ) -> None:
        """Initialize the component.

        nlp (Language): The pipeline; its `advice_tagger` gives the cue weights blended in.
        model (Model): The classifier over sentences.
        name (str): The component's name in the pipeline.
        threshold, max_types, cue_share, heading_share: as the factory describes them.
        scorer (Optional[Callable]): The scoring method.
        """
        super().__init__(nlp.vocab, model, name, threshold=threshold, scorer=scorer)
        self.nlp = nlp
        self.cfg.update(max_types=max_types, cue_share=cue_share, heading_share=heading_share)

    def predict(self, docs: Iterable[Doc]) -> list[list[list[float]]]:
        """Per doc, the type probabilities of each of its advice sentences, in order."""
        docs = list(docs)
        units = [advice_sentences(doc) for doc in docs]
        flat = [sentence for sentences in units for sentence in sentences]
        scores = self.model.predict(flat).tolist() if flat and self.labels else []
        per_doc, start = [], 0
        for sentences in units:
            per_doc.append(scores[start : start + len(sentences)])
            start += len(sentences)
        return per_doc

    def set_annotations(self, docs: Iterable[Doc], scores: list[list[list[float]]]) -> None:
        """Set `Span._.advice_types` on every advice sentence."""
        for doc, rows in zip(docs, scores, strict=True):
            for sentence, row in zip(advice_sentences(doc), rows, strict=True):
                sentence._.advice_types = self.ranked(self.blended(sentence, row))

    def blended(self, sentence: Span | Doc, probabilities: list[float]) -> list[float]:
        """Each label's score: its probability mixed with its cue score in the sentence and heading."""
        weights = self._cue_weights(sentence)
        share = float(self.cfg["cue_share"])
        return [
            (1 - share) * probability + share * (1 - 0.5 ** weights.get(label, 0.0))
            for label, probability in zip(self.labels, probabilities, strict=True)
        ]

    def ranked(self, scores: list[float]) -> tuple[TypeScore, ...]:
        """The types listed for one sentence's scores: those reaching their threshold (the type's own
        from training, else the shared one), best first, or the best alone."""
        order = sorted(range(len(scores)), key=lambda index: -scores[index])
        shared = float(self.cfg["threshold"])
        own = self.cfg.get("type_thresholds") or {}
        thresholds = [float(own.get(label, shared)) for label in self.labels]
        listed = [index for index in order if scores[index] >= thresholds[index]][: int(self.cfg["max_types"])]
        return tuple(TypeScore(self.labels[index], round(scores[index], 4)) for index in listed or order[:1])

    def type_scores(self, units: list[Doc] | list[Span]) -> list[list[float]]:
        """The blended score of each label for each sentence (a Span, or a Doc holding one)."""
        rows = self.model.predict(units).tolist() if units else []
        return [self.blended(unit, row) for unit, row in zip(units, rows, strict=True)]

    def _cue_weights(self, unit: Span | Doc) -> dict[str, float]:
        tagger = self.nlp.get_pipe("advice_tagger")
        sentence = unit[:] if isinstance(unit, Doc) else unit
        weights = sentence_weights(sentence, cues_within(sentence, sentence.doc.spans.get(CUES_KEY, [])), tagger.taxonomy)
        heading = sentence.doc._.get(HEADING_EXTENSION)
        if heading:
            for label, weight in tagger.headline_weights(heading).items():
                weights[label] = weights.get(label, 0.0) + float(self.cfg["heading_share"]) * weight
        return weights


def advice_sentences(doc: Doc) -> list[Span]:
    """The sentences of `doc` an earlier component called advice."""
    return [sentence for sentence in doc.sents if sentence._.advice_form is not None]
