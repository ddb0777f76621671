"""The `advice_form` spaCy component: which sentences give advice, and in what form.

It reads each sentence's tags and dependency parse (imperative root, negation, subject) and a
Matcher of suggestion phrasings (see _form_rules and _suggestions). Parsing is the dearest step of
a pipeline, and only a sentence where a base-form verb opens a clause past its start needs it, so
given the name of a disabled parser it parses just those sentences (a fifth of an article's
words). It writes the advice sentences to `doc.spans[spans_key]`
labelled with their form, and sets `Span._.advice_form` and `Span._.advice_score` on them. When
an earlier component (the trained advice_detector) has set `Span._.advice_probability` on a
sentence, the rules still decide, but a low probability vetoes a rule's advice, a high one makes
advice where no rule matched (unless a rule knows the sentence is no advice: a call to action, a
question not put to the reader), and the score blends the rule's confidence with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import minibatch, registry

from pipeline.model import AdviceForm
from pipeline.tag._form_rules import RULE_SCORES, needs_parse, rules_out, sentence_form
from pipeline.tag._suggestions import suggestion_matcher
from pipeline.tag.detector import PROBABILITY_EXTENSION
from pipeline.tag.scoring import score_span_group

DEFAULT_SPANS_KEY = "advice"
COPIED_ATTRS = [TAG, POS, MORPH, LEMMA]

# PROBABILITY_EXTENSION is registered by the detector module, which sets it when it runs earlier.
for _name in ("advice_form", "advice_score"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def score_advice_forms(examples: Iterable[Example], *, spans_key: str = DEFAULT_SPANS_KEY) -> dict[str, Any]:
    """Precision, recall and F1 of the advice sentences and their form labels in `spans_key`."""
    return score_span_group(examples, spans_key, allow_overlap=False)


def _known_verbs(nlp: Language) -> frozenset[str]:
    """Base forms of verbs from the pipeline's rule lemmatizer tables; empty without them."""
    for _, component in nlp.pipeline:
        lookups = getattr(component, "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            return frozenset(lookups.get_table("lemma_index").get("verb", ()))
    return frozenset()


def _copy(doc: Doc, sentence: Span, annotations: numpy.ndarray) -> Doc:
    """The sentence as a Doc of its own with the tags, lemmas and tensor the parser and rules read.

    Leaner than Span.as_doc, which copies every attribute and span group.
    """
    tokens = doc[sentence.start:sentence.end]
    copy = Doc(doc.vocab, words=[token.text for token in tokens], spaces=[bool(token.whitespace_) for token in tokens])
    copy.from_array(COPIED_ATTRS, annotations[sentence.start:sentence.end])
    copy.tensor = doc.tensor[sentence.start:sentence.end]
    return copy


@registry.scorers("advice_pipeline.form_scorer.v1")
def make_advice_form_scorer(spans_key: str = DEFAULT_SPANS_KEY) -> Callable[..., dict[str, Any]]:
    """The scorer of `advice_form`, for a spaCy config's `scorer` setting."""
    return lambda examples, **_: score_advice_forms(examples, spans_key=spans_key)


@Language.factory(
    "advice_form",
    assigns=["doc.spans", "span._.advice_form", "span._.advice_score"],
    requires=["token.tag", "token.lemma"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        # Chosen on the Reddit dev splits and on labelled pages scored by a detector that never
        # saw them: a higher veto and a lower detector_alone than before issue 11 (0.05, 0.9),
        # since the detector now learns from real pages too. Questions need more: on the 100
        # WCXB real pages one question in five that the rules read as put to the reader is advice
        # (a heading, a FAQ entry, a sales pitch or a set-up otherwise); 0.6 scored the same there
        # but dropped the reflective questions of self-help pages ("Is it really what you want?").
        "veto": 0.3,
        "form_vetoes": {"question": 0.45},
        "detector_alone": 0.45,
        "detector_weight": 0.5,
        "parser": None,
        "scorer": {"@scorers": "advice_pipeline.form_scorer.v1"},
    },
    default_score_weights={"spans_advice_f": 1.0, "spans_advice_p": 0.0, "spans_advice_r": 0.0},
)
def make_advice_form(
    nlp: Language,
    name: str,
    *,
    spans_key: str,
    veto: float,
    form_vetoes: dict[str, float],
    detector_alone: float,
    detector_weight: float,
    parser: str | None,
    scorer: Callable[..., dict[str, Any]] | None,
) -> AdviceFormDetector:
    """Create an AdviceFormDetector.

    spans_key (str): The key in doc.spans the advice sentences are written to.
    veto (float): A detector probability below which a sentence with a rule form is not advice.
    form_vetoes (Dict[str, float]): The veto of a form whose rule is surer or less sure than the
        others (a question on a web page is more often a heading or a set-up than advice), by form;
        the forms not named take `veto`.
    detector_alone (float): The detector probability from which a sentence no rule matched
        counts as advice all the same (as a suggestion, the broadest form).
    detector_weight (float): The weight, in [0, 1], of the detector's probability against the
        rule's confidence in a sentence's score. Without a detector the score is the rule's.
    parser (Optional[str]): The name of a (typically disabled) parser component in the pipeline,
        used to parse only the sentences that may be imperative when docs arrive unparsed, with
        sentence boundaries from a senter. None when docs arrive parsed; an unparsed doc then
        gets the suggestion and question rules only.
    scorer (Optional[Callable]): The scoring method; defaults to score_advice_forms.
    """
    return AdviceFormDetector(
        nlp, name, spans_key=spans_key, veto=veto, form_vetoes=form_vetoes, detector_alone=detector_alone,
        detector_weight=detector_weight, parser=parser, scorer=scorer,
    )


class AdviceFormDetector:
    """Marks advice sentences with their form (directive, prohibition, suggestion, question)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "advice_form",
        *,
        spans_key: str = DEFAULT_SPANS_KEY,
        veto: float = 0.3,
        form_vetoes: dict[str, float] | None = None,
        detector_alone: float = 0.45,
        detector_weight: float = 0.5,
        parser: str | None = None,
        scorer: Callable[..., dict[str, Any]] | None = score_advice_forms,
    ) -> None:
        """Initialize the component.

        nlp (Language): The pipeline the component belongs to; its vocab builds the matcher.
        name (str): The component's name in the pipeline.
        spans_key (str): The key in doc.spans the advice sentences are written to.
        veto (float): The detector probability below which a rule's advice is dropped.
        form_vetoes (Optional[Dict[str, float]]): The veto of the forms named, instead of `veto`.
        detector_alone (float): The detector probability that makes advice without a rule.
        detector_weight (float): The weight of a detector's probability in the score.
        parser (Optional[str]): The parser component that parses candidate sentences of unparsed docs.
        scorer (Optional[Callable]): The scoring method.
        """
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.veto = veto
        self.form_vetoes = dict(form_vetoes or {})
        self.detector_alone = detector_alone
        self.detector_weight = detector_weight
        self.parser = parser
        self.scorer = scorer
        self.matcher = suggestion_matcher(nlp.vocab)
        self.verbs = _known_verbs(nlp)

    def __call__(self, doc: Doc) -> Doc:
        """Find the advice sentences of `doc` and write them to doc.spans[spans_key]."""
        return self._mark([doc], {})[0]

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Mark a stream of docs, parsing the candidate sentences of each batch together and no
        sentence of the stream twice (a takeaway repeated in the body, a line every page repeats)."""
        parsed: dict[tuple[str, bytes], Span] = {}
        for docs in minibatch(stream, size=batch_size):
            yield from self._mark(list(docs), parsed)

    def _mark(self, docs: list[Doc], parsed: dict[tuple[str, bytes], Span]) -> list[Doc]:
        parses = self._parses(docs, parsed)
        for position, doc in enumerate(docs):
            suggestion_starts = sorted(start for _, start, _ in self.matcher(doc))
            advice: list[Span] = []
            for sentence in doc.sents:
                starts = [start for start in suggestion_starts if sentence.start <= start < sentence.end]
                form = sentence_form(sentence, starts, parses.get((position, sentence.start)), self.verbs)
                probability = sentence._.get(PROBABILITY_EXTENSION)
                if form is None and probability is not None and rules_out(sentence):
                    probability = 0.0  # nothing for the detector to promote
                form, score = self._decide(form, probability)
                if form is not None:
                    sentence._.advice_form = form
                    sentence._.advice_score = score
                    advice.append(Span(doc, sentence.start, sentence.end, label=form))
            doc.spans[self.spans_key] = advice
        return docs

    def _parses(self, docs: list[Doc], parsed: dict[tuple[str, bytes], Span]) -> dict[tuple[int, int], Span]:
        """The parsed sentences that may be imperative, keyed by (position of doc, sentence start).

        `parsed` holds the parses made before, by the sentence's text and tags: a sentence with
        the same words and tags as one parsed before gets that parse, and new ones join it.
        """
        parses: dict[tuple[int, int], Span] = {}
        wanted: dict[tuple[int, int], tuple[str, bytes]] = {}
        new: dict[tuple[str, bytes], Doc] = {}
        for position, doc in enumerate(docs):
            if doc.has_annotation("DEP"):
                parses.update(((position, sentence.start), sentence) for sentence in doc.sents)
                continue
            candidates = [sentence for sentence in doc.sents if needs_parse(sentence)] if self.parser else []
            annotations = doc.to_array(COPIED_ATTRS) if candidates else None
            for sentence in candidates:
                key = (sentence.text, annotations[sentence.start:sentence.end].tobytes())
                wanted[(position, sentence.start)] = key
                if key not in parsed and key not in new:
                    new[key] = _copy(doc, sentence, annotations)
        if new:
            parser = self.nlp.get_pipe(self.parser)
            for key, parsed_doc in zip(new, parser.pipe(new.values())):
                parsed[key] = parsed_doc[:]
        parses.update((place, parsed[key]) for place, key in wanted.items())
        return parses

    def _decide(self, form: AdviceForm | None, probability: float | None) -> tuple[AdviceForm | None, float]:
        """The form the sentence keeps (None: not advice) and its score, given the detector's view."""
        rule_score = RULE_SCORES[form] if form is not None else 0.0
        if probability is None:
            return form, rule_score
        score = round((1 - self.detector_weight) * rule_score + self.detector_weight * probability, 4)
        if form is not None:
            return (form if probability >= self.form_vetoes.get(form, self.veto) else None), score
        return ("suggestion" if probability >= self.detector_alone else None), score

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Score a batch of examples with the configured scorer."""
        return self.scorer(examples, **kwargs) if self.scorer is not None else {}
