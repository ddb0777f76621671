"""Training the advice type classifier from the typed sentences of corpus/labels.

Every labelled advice sentence with types trains it: the page sets of corpus/labels (with the
heading each sentence sits under, when the labels record it) and the
typed Reddit advice sentences.
Each is run through the tag pipeline first, as at run time, so the classifier learns from the
lemmas and cue spans it will see; then spaCy's component `update` runs a fixed number of epochs
over seeded shuffles, so the same labels give the same weights.

Each type then gets a listing threshold of its own, chosen by cross-validation by page within the
training sentences (`train_classifier`): a classifier is fitted on all pages but a fold's, the
held-out sentences are scored, and each type takes the threshold that maximises its F1 over them.
A rare type's probabilities stay low (tens of examples beside two thousand `practical` ones), so
one threshold for all lists the rare types too seldom; a type with too few held-out examples to
choose from keeps the shared threshold.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from thinc.api import Adam

from pipeline.tag._type_bow import build_type_bow
from pipeline.tag.train.corpus import PAGE_LABEL_FILES, iter_jsonl
from pipeline.tag.type_classifier import HEADING_EXTENSION, AdviceTypeClassifier

COMPONENT = "advice_type_classifier"
EPOCHS = 12
BATCH_SIZE = 128
LEARN_RATE = 0.005
SEED = 0
# Listing settings the trained component ships with, chosen by 5-fold cross-validation by page on
# the WCXB development pages (type accuracy and macro-F1 over cue_share 0-0.5, threshold 0.2-0.5).
THRESHOLD = 0.3
CUE_SHARE = 0.35
# Components whose output the classifier's features do not read.
NOT_READ = frozenset({"advice_detector", "advice_detector_accurate", "advice_form", COMPONENT})
REDDIT_TYPES = "reddit_types.jsonl"
# Cross-validation by page for the per-type thresholds: folds, the thresholds tried, and the fewest
# held-out examples of a type for a threshold of its own.
INNER_FOLDS = 4
CANDIDATE_THRESHOLDS = tuple(round(0.05 + 0.025 * step, 3) for step in range(23))
MIN_HELD_OUT = 15


@dataclass(frozen=True, slots=True)
class TypedSentence:
    """One advice sentence, the heading it sits under (None when unknown) and its gold types."""

    text: str
    heading: str | None
    types: frozenset[str]
    source: str


def read_typed_sentences(paths: Iterable[Path]) -> list[TypedSentence]:
    """The advice sentences with types of the labelled files `paths` (records without an `advice`
    field, such as the Reddit type labels, are all advice)."""
    sentences = []
    for path in paths:
        for record in iter_jsonl(path):
            if record.get("advice", 1) and record.get("types"):
                source = record.get("source") or f"reddit/{record.get('forum', 'unknown')}"
                sentences.append(TypedSentence(record["text"], record.get("heading"), frozenset(record["types"]), source))
    return sentences


def label_files(directory: Path) -> list[Path]:
    """The labelled files of `directory` that train the classifier: the page sets and the Reddit types."""
    return [directory / name for name in (*PAGE_LABEL_FILES, REDDIT_TYPES) if (directory / name).exists()]


def prepared_docs(nlp: Language, items: Iterable[tuple[str, str | None]]) -> list[Doc]:
    """Each (text, heading) through the tag pipeline's components that set what the classifier
    reads (tags, lemmas, the cue spans), skipping the advice decision, which it does not read."""
    docs = []
    for text, heading in items:
        doc = nlp.make_doc(text)
        doc._.set(HEADING_EXTENSION, heading)
        docs.append(doc)
    return list(nlp.pipe(docs, disable=[name for name in nlp.pipe_names if name in NOT_READ]))


def fit_types(
    sentences: list[TypedSentence], nlp: Language, labels: Iterable[str], *, docs: list[Doc] | None = None
) -> AdviceTypeClassifier:
    """A type classifier trained on `sentences`, each prepared by `nlp` (or given as `docs`,
    prepared_docs of the same sentences), over `labels`."""
    fix_random_seed(SEED)
    labels = list(labels)
    classifier = AdviceTypeClassifier(nlp, build_type_bow(), COMPONENT, threshold=THRESHOLD, cue_share=CUE_SHARE)
    if docs is None:
        docs = prepared_docs(nlp, ((s.text, s.heading) for s in sentences))
    examples = [
        Example.from_dict(doc, {"cats": {label: float(label in s.types) for label in labels}})
        for doc, s in zip(docs, sentences, strict=True)
    ]
    classifier.initialize(lambda: examples, nlp=nlp, labels=labels)
    optimizer = Adam(LEARN_RATE)
    shuffler = random.Random(SEED)
    for _ in range(EPOCHS):
        shuffler.shuffle(examples)
        for batch in minibatch(examples, size=BATCH_SIZE):
            classifier.update(batch, sgd=optimizer)
    return classifier


def train_classifier(
    sentences: list[TypedSentence], nlp: Language, labels: Iterable[str], *, docs: list[Doc] | None = None
) -> AdviceTypeClassifier:
    """`fit_types` on every sentence, with the per-type thresholds of `type_thresholds`: the
    recipe of `make train`, which cross-validation repeats per fold."""
    labels = list(labels)
    if docs is None:
        docs = prepared_docs(nlp, ((s.text, s.heading) for s in sentences))
    classifier = fit_types(sentences, nlp, labels, docs=docs)
    classifier.cfg["type_thresholds"] = type_thresholds(sentences, docs, nlp, labels)
    return classifier


def type_thresholds(
    sentences: list[TypedSentence], docs: list[Doc], nlp: Language, labels: list[str]
) -> dict[str, float]:
    """Per type, the listing threshold that maximises its F1 on the page sentences held out by
    INNER_FOLDS folds by page (sentences not from a page, the Reddit ones, always train)."""
    pages = sorted({s.source for s in sentences if not s.source.startswith("reddit/")})
    fold_of = {page: index % INNER_FOLDS for index, page in enumerate(pages)}
    held_out: list[tuple[TypedSentence, list[float]]] = []
    for fold in range(INNER_FOLDS):
        train = [i for i, s in enumerate(sentences) if fold_of.get(s.source) != fold]
        test = [i for i, s in enumerate(sentences) if fold_of.get(s.source) == fold]
        if not test or len(test) == len(sentences):
            continue
        classifier = fit_types([sentences[i] for i in train], nlp, labels, docs=[docs[i] for i in train])
        scores = classifier.type_scores([docs[i] for i in test])
        held_out += [(sentences[i], row) for i, row in zip(test, scores, strict=True)]
    thresholds = {}
    for index, label in enumerate(labels):
        gold = [label in s.types for s, _ in held_out]
        if sum(gold) >= MIN_HELD_OUT:
            thresholds[label] = max(CANDIDATE_THRESHOLDS, key=lambda t: _f1(gold, [row[index] >= t for _, row in held_out]))
    return thresholds


def _f1(gold: list[bool], predicted: list[bool]) -> float:
    true_positive = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
    return 2 * true_positive / (sum(gold) + sum(predicted)) if true_positive else 0.0


def train_types(label_dir: Path, output: Path, nlp: Language) -> int:
    """Train on every typed sentence of `label_dir`, write the component to `output`; return how many."""
    sentences = read_typed_sentences(label_files(label_dir))
    tagger = nlp.get_pipe("advice_tagger")
    classifier = train_classifier(sentences, nlp, tagger.taxonomy.names)
    if output.exists():
        shutil.rmtree(output)
    classifier.to_disk(output, exclude=["vocab"])
    return len(sentences)
