"""The `advice_tagger` spaCy component: which advice types a sentence speaks to, with evidence.

A PhraseMatcher over the taxonomy's cue lemmas marks every cue in `doc.spans[spans_key]`,
labelled with its type; where cues overlap the longest stands. A headline in Title Case (a short
doc, such as a line classified on its own) is also matched on its lowercased words: the tagger
reads its words as proper nouns, whose lemmas keep their capitals. Each sentence with cues gets
`Span._.advice_types`, its types ranked by score (weak ones left out: see `rank`), and
`Span._.advice_evidence`, the strongest cue of its top type. A type's score is 1 - 0.5 ** weight,
where weight sums the weights of its cues in the sentence: one ordinary cue gives 0.5, and each
further cue halves the distance to 1. An earlier advice_form's `Span._.advice_form` adds the
weight the taxonomy gives that form (a question put to the reader counts for self_reflection, a
question about someone else for evaluation).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import ensure_path, filter_spans, registry

from pipeline.model import TypeScore
from pipeline.tag.taxonomy import Taxonomy, load_taxonomy
from pipeline.tag.scoring import score_span_group

DEFAULT_SPANS_KEY = "advice_types"
TAXONOMY_FILE = "taxonomy.json"
# Subjects that make a question one about someone else ("Do they still reach out?").
THIRD_PERSON = frozenset({"they", "he", "she"})
# A line of at most HEADLINE_TOKENS whose words are capitalised at least TITLE_CASE_SHARE of the
# time is a headline in Title Case.
HEADLINE_TOKENS = 30
TITLE_CASE_SHARE = 0.75
# Half weight in subordinate clauses gave the labelled sentences' types a better macro-F1 than full,
# quarter or no weight (the clause still says something of the advice's topic).
SUBORDINATE_SHARE = 0.5
SUBORDINATORS = frozenset(
    {"if", "when", "whenever", "unless", "because", "since", "while", "although", "though", "until",
     "before", "after", "once"}
)
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–"})
# Headings seen by headline_weights, remembered until this many (a page repeats its headings).
HEADLINE_CACHE_SIZE = 4096
REFLEXIVES = frozenset({"yourself", "yourselves", "myself", "themselves", "himself", "herself"})

for _name in ("advice_types", "advice_evidence"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def type_weights(cues: Iterable[Span], taxonomy: Taxonomy) -> dict[str, float]:
    """The summed cue weight of each type among `cues` (spans labelled with their type).

    A cue inside a subordinate clause counts SUBORDINATE_SHARE of its weight: the clause sets the
    scene and the main clause gives the advice ("Seek professional help if anxiety gets in the way"
    is professional_help, not emotional_care).
    """
    weights: dict[str, float] = {}
    for cue in cues:
        type_name = cue.label_
        share = SUBORDINATE_SHARE if in_subordinate_clause(cue) else 1.0
        weights[type_name] = weights.get(type_name, 0.0) + share * taxonomy.weight(type_name, cue.id_)
    return weights


def in_subordinate_clause(cue: Span) -> bool:
    """Whether a subordinating word ("if", "when", "because"...) opens the clause `cue` sits in,
    the clause running from it to the next comma, colon or dash, and sets a scene rather than
    naming what to consider."""
    doc = cue.doc
    for index in range(cue.start - 1, -1, -1):
        token = doc[index]
        if token.lower_ in SUBORDINATORS:
            return not _opens_a_complement(token)
        if token.text in CLAUSE_BREAKS or token.is_sent_start:
            return False
    return False


def _opens_a_complement(subordinator: Token) -> bool:
    """ "Consider if your ex is worth it", "ask yourself when...": the clause is what to weigh or ask,
    the advice itself, when the subordinator follows a verb or its reflexive object."""
    if subordinator.i == 0:
        return False
    before = subordinator.doc[subordinator.i - 1]
    return before.pos_ in ("VERB", "AUX") or before.lower_ in REFLEXIVES


def cues_within(sentence: Span, cues: Iterable[Span]) -> list[Span]:
    """The cues of `cues` that lie wholly inside `sentence`."""
    return [cue for cue in cues if sentence.start <= cue.start and cue.end <= sentence.end]


def sentence_weights(sentence: Span, cues: Iterable[Span], taxonomy: Taxonomy) -> dict[str, float]:
    """The type weights of a sentence: its cues', plus what its advice form alone says."""
    weights = type_weights(cues, taxonomy)
    form = sentence._.get("advice_form") if Span.has_extension("advice_form") else None
    for name, weight in taxonomy.form_weights(_form_key(sentence, form)).items():
        weights[name] = weights.get(name, 0.0) + weight
    return weights


def _form_key(sentence: Span, form: str | None) -> str | None:
    """The form as the taxonomy's `forms` name it: a question about someone else is its own kind."""
    if form == "question" and any(token.lower_ in THIRD_PERSON for token in sentence[:4]):
        return "question_about_others"
    return form


def is_headline(doc: Doc) -> bool:
    """Whether `doc` is a headline in Title Case: short, two words or more, nearly all capitalised."""
    # The length test first: paragraphs, nearly every doc the tagger sees, cost nothing more.
    if len(doc) > HEADLINE_TOKENS:
        return False
    words = [word for word in doc.text.split() if word[0].isalpha()]
    return len(words) >= 2 and sum(word[0].isupper() for word in words) >= TITLE_CASE_SHARE * len(words)


def sentence_cased(text: str) -> str:
    """A Title Case headline with its capitalised words after the first lowercased ("2. Research and
    Compare Movers" -> "2. Research and compare movers"); acronyms, "I" and other text unchanged.

    The tagger reads Title Case words as proper nouns: the imperative that opens a headline, and
    every cue in it, are lost unless it is read in sentence case.
    """
    words = text.split(" ")
    if len(words) > HEADLINE_TOKENS or not _is_title_case(words):
        return text
    first = next(index for index, word in enumerate(words) if word[:1].isalpha())
    return " ".join(
        word.lower() if index > first and word[:1].isupper() and word[1:].islower() and word != "I" else word
        for index, word in enumerate(words)
    )


def _is_title_case(words: list[str]) -> bool:
    alphabetic = [word for word in words if word[:1].isalpha()]
    return len(alphabetic) >= 2 and sum(word[0].isupper() for word in alphabetic) >= TITLE_CASE_SHARE * len(alphabetic)


def ranked_types(
    weights: dict[str, float], taxonomy: Taxonomy, min_score: float = 0.0, min_share: float = 0.0
) -> tuple[TypeScore, ...]:
    """Types ranked by weight, ties in taxonomy order, each scored 1 - 0.5 ** weight.

    Left out: types scoring under `min_score`, and types whose weight is under `min_share` of
    the top type's.
    """
    order = {name: index for index, name in enumerate(taxonomy.names)}
    ranked = sorted(((name, weight) for name, weight in weights.items() if weight > 0),
                    key=lambda item: (-item[1], order[item[0]]))
    top = ranked[0][1] if ranked else 0.0
    scored = (TypeScore(name, round(1 - 0.5**weight, 4)) for name, weight in ranked if weight >= min_share * top)
    return tuple(item for item in scored if item.score >= min_score)


def score_advice_types(examples: Iterable[Example], *, spans_key: str = DEFAULT_SPANS_KEY) -> dict[str, Any]:
    """Precision, recall and F1 of the typed cue spans in `spans_key`."""
    return score_span_group(examples, spans_key, allow_overlap=True)


@registry.scorers("advice_pipeline.type_scorer.v1")
def make_advice_type_scorer(spans_key: str = DEFAULT_SPANS_KEY) -> Callable[..., dict[str, Any]]:
    """The scorer of `advice_tagger`, for a spaCy config's `scorer` setting."""
    return lambda examples, **_: score_advice_types(examples, spans_key=spans_key)


@Language.factory(
    "advice_tagger",
    assigns=["doc.spans", "span._.advice_types", "span._.advice_evidence"],
    requires=["token.lemma"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "attr": "LEMMA",
        "min_score": 0.5,
        "min_share": 0.7,
        "taxonomy_path": None,
        "scorer": {"@scorers": "advice_pipeline.type_scorer.v1"},
    },
    default_score_weights={"spans_advice_types_f": 1.0},
)
def make_advice_tagger(
    nlp: Language,
    name: str,
    *,
    spans_key: str,
    attr: str,
    min_score: float,
    min_share: float,
    taxonomy_path: str | None,
    scorer: Callable[..., dict[str, Any]] | None,
) -> AdviceTypeTagger:
    """Create an AdviceTypeTagger.

    spans_key (str): The key in doc.spans the typed cue spans are written to.
    attr (str): The token attribute cues are matched on: "LEMMA", or "LOWER" for a pipeline
        without a lemmatizer.
    min_score (float): The least score a type needs to be listed for a sentence; 0.5 asks for one
        ordinary cue's worth of evidence.
    min_share (float): The least weight, as a share of the top type's, a further type needs to be
        listed: a sentence mostly speaks to one type, and a passing cue should not add another.
    taxonomy_path (Optional[str]): A taxonomy file; None uses the one shipped with the package.
    scorer (Optional[Callable]): The scoring method; defaults to score_advice_types.
    """
    return AdviceTypeTagger(
        nlp, name, spans_key=spans_key, attr=attr, min_score=min_score, min_share=min_share,
        taxonomy=load_taxonomy(taxonomy_path),
        scorer=scorer,
    )


class AdviceTypeTagger:
    """Tags sentences with advice types from the taxonomy's cue lemmas."""

    def __init__(
        self,
        nlp: Language,
        name: str = "advice_tagger",
        *,
        spans_key: str = DEFAULT_SPANS_KEY,
        attr: str = "LEMMA",
        min_score: float = 0.5,
        min_share: float = 0.7,
        taxonomy: Taxonomy,
        scorer: Callable[..., dict[str, Any]] | None = score_advice_types,
    ) -> None:
        """Initialize the component.

        nlp (Language): The pipeline the component belongs to; its tokenizer splits the cues.
        name (str): The component's name in the pipeline.
        spans_key (str): The key in doc.spans the typed cue spans are written to.
        attr (str): The token attribute cues are matched on.
        min_score (float): The least score a type needs to be listed for a sentence.
        min_share (float): The least share of the top type's weight a further type needs.
        taxonomy (Taxonomy): The advice types and their cues.
        scorer (Optional[Callable]): The scoring method.
        """
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.attr = attr
        self.min_score = min_score
        self.min_share = min_share
        self.scorer = scorer
        self.set_taxonomy(taxonomy)

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Replace the taxonomy and rebuild the matcher from its cues."""
        self.taxonomy = taxonomy
        self.matcher = PhraseMatcher(self.nlp.vocab, attr=self.attr)
        # In Title Case the tagger reads words as proper nouns, whose lemmas keep their capitals and
        # miss the cues ("Schedule a Worry Window"): a headline's words are also matched lowercased.
        self.headline_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._cue_of_match: dict[int, tuple[str, str]] = {}
        self._headline_cache: dict[str, dict[str, float]] = {}
        for advice_type in taxonomy.types:
            for cue in advice_type.cues:
                key = f"{advice_type.name}:{cue}"
                self.matcher.add(key, [self._cue_doc(cue)])
                self.headline_matcher.add(key, [self.nlp.make_doc(cue)])
                self._cue_of_match[self.nlp.vocab.strings[key]] = (advice_type.name, cue)

    def _cue_doc(self, cue: str) -> Doc:
        # Cues are already lemmas: tokenize them and make each token its own lemma.
        words = [token.text for token in self.nlp.make_doc(cue)]
        return Doc(self.nlp.vocab, words=words, lemmas=words)

    def __call__(self, doc: Doc) -> Doc:
        """Mark the cues of `doc` and rank the types of each sentence that has any."""
        matches = self.matcher(doc) + (self.headline_matcher(doc) if is_headline(doc) else [])
        # A longer cue speaks for the words it covers: "ask yourself" is not also "ask".
        cues = filter_spans(
            Span(doc, start, end, label=self._cue_of_match[match_id][0], span_id=self._cue_of_match[match_id][1])
            for match_id, start, end in matches
        )
        doc.spans[self.spans_key] = cues
        for sentence in doc.sents:
            inside = cues_within(sentence, cues)
            types = self.rank(sentence_weights(sentence, inside, self.taxonomy))
            if types:
                sentence._.advice_types = types
                sentence._.advice_evidence = self._evidence(inside, types[0].type)
        return doc

    def headline_weights(self, text: str) -> dict[str, float]:
        """The type weights of the cues in a heading, its words matched lowercased as they stand."""
        if text not in self._headline_cache:
            if len(self._headline_cache) >= HEADLINE_CACHE_SIZE:
                self._headline_cache.clear()
            doc = self.nlp.make_doc(text)
            cues = filter_spans(
                Span(doc, start, end, label=self._cue_of_match[key][0], span_id=self._cue_of_match[key][1])
                for key, start, end in self.headline_matcher(doc)
            )
            self._headline_cache[text] = type_weights(cues, self.taxonomy)
        return self._headline_cache[text]

    def rank(self, weights: dict[str, float]) -> tuple[TypeScore, ...]:
        """The types listed for a sentence (or line, or takeaway) of these type weights."""
        return ranked_types(weights, self.taxonomy, self.min_score, self.min_share)

    def _evidence(self, cues: Sequence[Span], type_name: str) -> Span | None:
        of_type = [cue for cue in cues if cue.label_ == type_name]
        return max(of_type, key=lambda cue: self.taxonomy.weight(type_name, cue.id_), default=None)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Score a batch of examples with the configured scorer."""
        return self.scorer(examples, **kwargs) if self.scorer is not None else {}

    def to_disk(self, path: str | Path, *, exclude: Sequence[str] = ()) -> None:
        """Write the taxonomy to the directory `path`."""
        directory = ensure_path(path)
        directory.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.taxonomy.to_json(), indent=2, ensure_ascii=False)
        (directory / TAXONOMY_FILE).write_text(text + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Sequence[str] = ()) -> AdviceTypeTagger:
        """Load the taxonomy written by to_disk from the directory `path`."""
        self.set_taxonomy(load_taxonomy(ensure_path(path) / TAXONOMY_FILE))
        return self
