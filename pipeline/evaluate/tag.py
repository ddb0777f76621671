"""Score advice tagging as users get it: the decision `classify` and `run` make, at shipped settings.

The headline scores, for every labelled set, what `classify_texts` returns (the form rules vetoed
or promoted by the advice detector, the types of the type classifier, read under the sentence's
heading when the labels record one):

- Reddit (advice-emnlp2020) test splits: the shipped pipeline, line by line, as `classify` reads them.
- The labelled pages of corpus/labels (the corpus's own pages, the ScrapingHub real pages and the
  100 WCXB real pages): k-fold cross-validation grouped by page over all of them together. For
  each fold an advice detector is trained as `make train` trains the shipped one (Reddit train
  splits plus the other folds' sentences, threshold from Reddit dev) and a type classifier on the
  other folds' typed sentences (plus the Reddit type labels); both are swapped into the tag
  pipeline and the fold's sentences classified. Every labelled page trains the shipped models, so
  these by-page folds are the honest figures of the labelled pages.
- Further labelled sets (`--holdout`, files or directories of the same format), pages no shipped
  model was trained on, scored by the shipped pipeline as it is, once.

Beside each figure, the same figure of the code before issue 11 (its predictions on the same
sentences are kept in corpus/labels/before/), scored against today's labels. The detector alone,
at per-forum thresholds, follows as a diagnostic, and so does a table of the false positives on
the real pages by kind of line.

Type accuracy is the share of sentences that gold and the tagger both call advice whose predicted
types share one with the gold; per-type P/R/F1 (and their mean, macro-F1) are counted over the
same sentences, so detection errors are scored once, by detection.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.errors import InputError, UsageError
from pipeline.evaluate import CHECKOUT, SHARED
from pipeline.settings import Settings
from pipeline.tag import load_nlp
from pipeline.tag.classify import classify_texts
from pipeline.tag.detector import ADVICE_LABEL
from pipeline.tag.train.accurate import tagging_pipeline
from pipeline.tag.train.corpus import PAGE_LABEL_FILES, LabelledSentence, iter_jsonl, read_reddit_split
from pipeline.tag.train.driver import ARTICLE_WEIGHT, FORUMS, fit, reddit_sentences
from pipeline.tag.train.thresholds import BinaryScores, best_threshold, binary_scores
from pipeline.tag.train import types as types_training
from pipeline.tag.train.types import TypedSentence, prepared_docs, read_typed_sentences, train_classifier

LABELS_DIR = CHECKOUT / "corpus" / "labels"
DEFAULT_LABELS = LABELS_DIR / "article_sentences.jsonl"
BEFORE = LABELS_DIR / "before" / "predictions.jsonl.gz"
REDDIT_TYPES = types_training.REDDIT_TYPES
# The rows the page-labelled sets (cross-validated together) are reported in.
ROWS = (("corpus pages", "corpus/"), ("ScrapingHub real pages", "scrapinghub/"),
        ("WCXB real pages", "wcxb-dev-articles/"))
DEFAULT_DATA_DIR = SHARED / "data" / "advice-emnlp2020"
DETECTOR = "advice_detector"
TYPES = "advice_type_classifier"
FALSE_POSITIVE_EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class LabelledArticleSentence:
    """One hand-labelled sentence of a page (see docs/annotation-guide.md)."""

    text: str
    source: str
    advice: bool
    form: str | None
    types: frozenset[str]
    heading: str | None = None
    kind: str = "sentence"

    def as_training(self) -> LabelledSentence:
        return LabelledSentence(self.text, self.advice)

    def as_typed(self) -> TypedSentence:
        return TypedSentence(self.text, self.heading, self.types, self.source)


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the tagger said of one sentence."""

    advice: bool
    form: str | None
    types: frozenset[str]

    @classmethod
    def of(cls, result: dict) -> Prediction:
        return cls(bool(result["advice"]), result["form"], frozenset(item["type"] for item in result["types"]))


@dataclass(frozen=True, slots=True)
class SetScores:
    """The headline figures of one labelled set."""

    sentences: int
    detection: BinaryScores
    typed_hits: int = 0
    typed_total: int = 0
    types: dict[str, BinaryScores] = field(default_factory=dict)

    @property
    def type_accuracy(self) -> float | None:
        return self.typed_hits / self.typed_total if self.typed_total else None

    @property
    def macro_type_f1(self) -> float | None:
        return macro_f1(self.types) if self.types else None


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the headline table: a set's figures now and before issue 11."""

    name: str
    now: SetScores
    before: SetScores | None


@dataclass(frozen=True, slots=True)
class ForumScore:
    """Advice-class scores of the detector alone on one forum's test split at one threshold."""

    forum: str
    threshold_from: str
    threshold: float
    scores: BinaryScores


FalsePositives = list[tuple[str, int, list[str]]]


@dataclass(frozen=True, slots=True)
class TagReport:
    """Everything `advice-pipeline eval tag` prints."""

    rows: list[Row]
    forums: list[ForumScore]
    type_details: list[tuple[str, SetScores]] = field(default_factory=list)
    false_positives: list[tuple[str, FalsePositives]] = field(default_factory=list)

    def table(self) -> str:
        """The figures as plain-text tables: the headline first, then the diagnostics."""
        lines = ["Headline: the decision of classify/run at shipped settings (before: the code before issue 11)",
                 f"  {'set':<44}{'n':>6}{'P':>7}{'R':>7}{'F1':>7}{'typeacc':>8}{'typeF1':>8}"
                 f"{'| F1':>8}{'typeacc':>8}{'typeF1':>8}"]
        lines += [_row_line(row) for row in self.rows]
        if self.forums:
            lines += ["", "Diagnostic: the advice_detector alone on the Reddit test splits (advice class)",
                      f"  {'forum':<12}{'threshold from':<16}{'thr':>7}{'P':>7}{'R':>7}{'F1':>7}"]
            lines += [f"  {s.forum:<12}{s.threshold_from:<16}{s.threshold:>7.3f}{s.scores.precision:>7.3f}"
                      f"{s.scores.recall:>7.3f}{s.scores.f1:>7.3f}" for s in self.forums]
        for name, scores in self.type_details:
            lines += ["", f"Types per type, {name} (sentences gold and tagger both call advice)"]
            lines += _type_lines(scores.types)
        for name, table in self.false_positives:
            lines += ["", f"False positives, {name}, by kind of line (count, share of the false positives, examples)"]
            total = sum(count for _, count, _ in table)
            for kind, count, examples in table:
                lines.append(f"  {kind:<24}{count:>5}{count / total:>6.0%}  " + " | ".join(e[:50] for e in examples))
        return "\n".join(lines)


def _figure(value: float | None) -> str:
    return f"{value:>8.3f}" if value is not None else f"{'-':>8}"


def _row_line(row: Row) -> str:
    now, before = row.now, row.before
    d = now.detection
    line = (f"  {row.name:<44}{now.sentences:>6}{d.precision:>7.3f}{d.recall:>7.3f}{d.f1:>7.3f}"
            f"{_figure(now.type_accuracy)}{_figure(now.macro_type_f1)}")
    if before is None:
        return line
    return line + f"  |{before.detection.f1:>5.3f}{_figure(before.type_accuracy)}{_figure(before.macro_type_f1)}"


def macro_f1(types: dict[str, BinaryScores]) -> float:
    """The mean F1 of the types (0.0 for none)."""
    return sum(score.f1 for score in types.values()) / len(types) if types else 0.0


def _type_lines(types: dict[str, BinaryScores]) -> list[str]:
    lines = [f"  {'type':<22}{'P':>7}{'R':>7}{'F1':>7}"]
    lines += [f"  {name:<22}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}" for name, s in types.items()]
    return lines + [f"  {'macro-F1':<36}{macro_f1(types):>7.3f}"]


def score_set(gold: Sequence[LabelledArticleSentence], predicted: Sequence[Prediction]) -> SetScores:
    """Detection, type accuracy and per-type scores of `predicted` against `gold`."""
    detection = binary_scores([g.advice for g in gold], [p.advice for p in predicted])
    both = [(g, p) for g, p in zip(gold, predicted, strict=True) if g.advice and p.advice and g.types]
    names = sorted({name for g, _ in both for name in g.types})
    types = {
        name: binary_scores([name in g.types for g, _ in both], [name in p.types for _, p in both]) for name in names
    }
    hits = sum(1 for g, p in both if g.types & p.types)
    return SetScores(len(gold), detection, hits, len(both), types)


def evaluate(
    data_dir: Path,
    labels_dir: Path | None,
    settings: Settings,
    *,
    folds: int = 5,
    max_steps: int | None = None,
    holdouts: Sequence[Path] = (),
) -> TagReport:
    """The headline rows (Reddit; the page sets of `labels_dir`, cross-validated by page; each
    of `holdouts`, by the shipped pipeline), and the diagnostics. `max_steps` caps each fold's
    detector training (the config's limit when None)."""
    before = read_before(BEFORE)
    rows = reddit_rows(data_dir, settings, before)
    type_details: list[tuple[str, SetScores]] = []
    false_positives: list[tuple[str, FalsePositives]] = []
    if labels_dir is not None:
        sentences = read_page_sets(labels_dir)
        reddit_typed = read_typed_sentences([labels_dir / REDDIT_TYPES]) if (labels_dir / REDDIT_TYPES).exists() else []
        predicted = cross_validate(sentences, reddit_typed, data_dir, settings, folds=folds, max_steps=max_steps)
        for name, prefix in ROWS:
            chosen = [i for i, s in enumerate(sentences) if s.source.startswith(prefix)]
            if chosen:
                rows.append(_row(f"{name}, {folds}-fold by page", sentences, predicted, chosen, before,
                                 "folds" if prefix == "corpus/" else "shipped"))
        real = [i for i, s in enumerate(sentences) if not s.source.startswith("corpus/")]
        gold, said = [sentences[i] for i in real], [predicted[i] for i in real]
        type_details.append(("real pages, cross-validated by page", score_set(gold, said)))
        false_positives.append(("real pages, cross-validated by page", false_positive_table(gold, said)))
    for path in holdouts:
        gold = read_holdout(path)
        predicted = classify_sentences(gold, load_nlp(settings))
        name = f"{path.name}, shipped, scored once"
        rows.append(_row(name, gold, predicted, range(len(gold)), before, "shipped"))
        type_details.append((name, score_set(gold, predicted)))
        false_positives.append((name, false_positive_table(gold, predicted)))
    return TagReport(rows, evaluate_reddit(data_dir, settings), type_details, false_positives)


def read_holdout(path: Path) -> list[LabelledArticleSentence]:
    """The labelled sentences of a further set: one JSON Lines file, or every *.jsonl of a directory."""
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise InputError(str(path), "holds no .jsonl file of labelled sentences")
        return [s for file in files for s in read_labelled_sentences(file)]
    return read_labelled_sentences(path)


def _row(name, sentences, predicted, chosen, before, before_set) -> Row:
    gold = [sentences[i] for i in chosen]
    old = [before.get((before_set, s.text)) or before.get(("shipped", s.text)) for s in gold]
    before_scores = score_set(gold, old) if all(old) else None
    return Row(f"{name}", score_set(gold, [predicted[i] for i in chosen]), before_scores)


def reddit_rows(data_dir: Path, settings: Settings, before: dict) -> list[Row]:
    """Each forum's test split through the shipped classify decision."""
    nlp = load_nlp(settings)
    rows = []
    for forum in FORUMS:
        split = read_reddit_split(data_dir / f"{forum}_test.tsv")
        gold = [LabelledArticleSentence(s.text, f"reddit/{forum}", s.advice, None, frozenset()) for s in split]
        predicted = [Prediction.of(r) for r in classify_texts(((s.text, None) for s in split), nlp)]
        old = [before.get((f"reddit/{forum}", s.text)) for s in split]
        now = score_set(gold, predicted)
        rows.append(Row(f"Reddit {forum} test, classify", SetScores(now.sentences, now.detection),
                        SetScores(len(old), score_set(gold, old).detection) if all(old) else None))
    return rows


def read_before(path: Path) -> dict[tuple[str, str], Prediction]:
    """The predictions of the code before issue 11, keyed by (set, text); empty when absent."""
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return {(r["set"], r["text"]): Prediction(r["advice"], r["form"], frozenset(r["types"])) for r in records}


def read_page_sets(labels_dir: Path) -> list[LabelledArticleSentence]:
    """The sentences of every page-labelled set of `labels_dir` (those of PAGE_LABEL_FILES present)."""
    return [s for name in PAGE_LABEL_FILES if (labels_dir / name).exists() for s in read_labelled_sentences(labels_dir / name)]


def read_labelled_sentences(path: Path) -> list[LabelledArticleSentence]:
    """The labelled sentences of `path` (JSON Lines: text, source, advice, form, types; heading, kind)."""
    sentences = []
    for record in iter_jsonl(path):
        try:
            sentences.append(
                LabelledArticleSentence(
                    record["text"], record["source"], bool(record["advice"]), record["form"], frozenset(record["types"]),
                    record.get("heading"), record.get("kind", "sentence"),
                )
            )
        except (KeyError, TypeError) as error:
            raise InputError(str(path), f"a record lacks text, source, advice, form or types ({error})") from None
    return sentences


def page_folds(pages: Sequence[str], folds: int) -> dict[str, int]:
    """Deal the (sorted) pages round-robin into `folds` folds."""
    if folds < 2:
        raise UsageError("--folds", f"cross-validation needs at least 2 folds, not {folds}")
    return {page: position % folds for position, page in enumerate(pages)}


def classify_sentences(sentences: Sequence[LabelledArticleSentence], nlp: Language) -> list[Prediction]:
    """The classify decision on each sentence, read under its heading."""
    return [Prediction.of(result) for result in classify_texts(((s.text, s.heading) for s in sentences), nlp)]


def cross_validate(
    sentences: list[LabelledArticleSentence],
    reddit_typed: list[TypedSentence],
    data_dir: Path,
    settings: Settings,
    *,
    folds: int,
    max_steps: int | None = None,
) -> list[Prediction]:
    """Each sentence classified by a pipeline whose detector and type classifier never saw its
    page, both trained by the recipe of `make train`; the type classifiers also learn from
    `reddit_typed`."""
    fold_of = page_folds(sorted({s.source for s in sentences}), folds)
    reddit_train, reddit_dev = reddit_sentences(data_dir)
    nlp = load_nlp(settings)
    typed = [s.as_typed() for s in sentences if s.advice and s.types] + reddit_typed
    typed_docs = prepared_docs(nlp, ((s.text, s.heading) for s in typed))
    predicted: list[Prediction | None] = [None] * len(sentences)
    for fold in range(folds):
        held_out = [i for i, s in enumerate(sentences) if fold_of[s.source] == fold]
        rest = [s for s in sentences if fold_of[s.source] != fold]
        if not held_out:
            continue
        detector_data = reddit_train + [s.as_training() for s in rest] * ARTICLE_WEIGHT
        kept = [i for i, s in enumerate(typed) if fold_of.get(s.source) != fold]
        types_data = ([typed[i] for i in kept], [typed_docs[i] for i in kept])
        with _trained_on(nlp, detector_data, reddit_dev, types_data, settings, max_steps):
            for i, prediction in zip(held_out, classify_sentences([sentences[i] for i in held_out], nlp), strict=True):
                predicted[i] = prediction
    return predicted


@contextmanager
def _trained_on(
    nlp: Language,
    train: list[LabelledSentence],
    dev: list[LabelledSentence],
    types_data: tuple[list[TypedSentence], list[Doc]],
    settings: Settings,
    max_steps: int | None,
) -> Iterator[None]:
    """Swap a freshly trained detector's and type classifier's weights into `nlp`, then restore."""
    for name in (DETECTOR, TYPES):
        if name not in nlp.pipe_names:
            raise UsageError(name, "the tag pipeline has no such component to cross-validate")
    detector, classifier = nlp.get_pipe(DETECTOR), nlp.get_pipe(TYPES)
    shipped = [component.to_bytes(exclude=["vocab"]) for component in (detector, classifier)]
    trained, _ = fit(train, dev, settings, max_steps=max_steps)
    detector.from_bytes(trained.get_pipe(DETECTOR).to_bytes(exclude=["vocab"]), exclude=["vocab"])
    typed, docs = types_data
    with nlp.select_pipes(disable=[TYPES]):
        fitted = train_classifier(typed, nlp, classifier.labels, docs=docs)
    classifier.from_bytes(fitted.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    try:
        yield
    finally:
        for component, weights in zip((detector, classifier), shipped, strict=True):
            component.from_bytes(weights, exclude=["vocab"])


def evaluate_reddit(data_dir: Path, settings: Settings) -> list[ForumScore]:
    """Diagnostic: the detector alone on each forum's test split, at the threshold that maximises
    advice F1 on the forum's own dev split and at the shipped one."""
    nlp = tagging_pipeline(settings)
    shipped = nlp.get_pipe(DETECTOR).threshold
    results = []
    for forum in FORUMS:
        dev_gold, dev_probabilities = _gold_and_probabilities(nlp, data_dir / f"{forum}_dev.tsv")
        gold, probabilities = _gold_and_probabilities(nlp, data_dir / f"{forum}_test.tsv")
        own, _ = best_threshold(dev_gold, dev_probabilities)
        for origin, threshold in ((f"{forum} dev", own), ("shipped", shipped)):
            predicted = [probability >= threshold for probability in probabilities]
            results.append(ForumScore(forum, origin, threshold, binary_scores(gold, predicted)))
    return results


def _gold_and_probabilities(nlp: Language, split: Path) -> tuple[list[bool], list[float]]:
    sentences = read_reddit_split(split)
    docs = nlp.pipe(sentence.text for sentence in sentences)
    return [s.advice for s in sentences], [doc.cats[ADVICE_LABEL] for doc in docs]


# Code: braces, operators, a statement's closing semicolon, identifiers_with_underscores, calls,
# comment and prompt marks, "name: Type" declarations, SQL's upper-case keywords; not a semicolon
# between clauses of prose.
_CODE = re.compile(r"[{}<>=]|;\s*$|\w\(\)|\b\w+_\w+\b|^\s*(?:[$#>]|--|//)|^\S+:\s*\w+!?$|^[A-Z]{3,}(?: [A-Z_]{2,})+\b")
_TABLE = re.compile(r"\t|\S\s*\|\s*\S")
_PROMO = re.compile(r"\b(code|coupon|discount|% off|\$\d+ off|subscribe|sign up|newsletter|download|buy now|"
                    r"shop|order now|free trial|get tickets|join|get a quote|follow (?:us|her|him|them|me))\b",
                    re.IGNORECASE)
_CAPTION = re.compile(r"^\W*(?:photo|image|credit|source|via|figure|fig\.|pictured|caption|illustration)\b|"
                      r"\b(?:photo|image|illustration)s? (?:by|credit|courtesy)\b", re.IGNORECASE)
_REPORTING = re.compile(r"\b(?:according to|said|says|reported|reports|announced|a (?:new )?study|studies|survey|"
                        r"researchers?|found that|showed that|per ?cent|percent)\b", re.IGNORECASE)
_QUOTE_MARKS = ('"', "“", "”")
# The kinds, in the order they are tried: the first that fits names the line.
LINE_KINDS = ("promo or site action", "code or markup", "table cell", "caption or credit", "heading",
              "label or button", "question", "quoted speech", "news or reporting", "other statement")


def line_kind(sentence: LabelledArticleSentence) -> str:
    """The kind of line a sentence is (one of LINE_KINDS), as the false-positive table groups them.

    Read off the line alone (and the labels' `kind`), so a label is not needed to say it: code and
    a shop's or site's call to action, code and markup, a table row's cells, a caption or credit, a heading,
    a label or button of three words or fewer, a question, a line quoting someone's speech, news or
    study reporting, and any other statement.
    """
    text = sentence.text.strip()
    tests = (
        bool(_PROMO.search(text)), bool(_CODE.search(text)), bool(_TABLE.search(text)), bool(_CAPTION.search(text)),
        sentence.kind == "heading", len(text.split()) <= 3, text.endswith("?"),
        any(mark in text for mark in _QUOTE_MARKS), bool(_REPORTING.search(text)), True,
    )
    return next(kind for kind, fits in zip(LINE_KINDS, tests, strict=True) if fits)


def false_positive_table(
    gold: Sequence[LabelledArticleSentence], predicted: Sequence[Prediction]
) -> list[tuple[str, int, list[str]]]:
    """(kind, count, first examples) of the sentences called advice that gold does not, most first."""
    by_kind: dict[str, list[str]] = {}
    for g, p in zip(gold, predicted, strict=True):
        if p.advice and not g.advice:
            by_kind.setdefault(line_kind(g), []).append(g.text)
    counts = Counter({kind: len(texts) for kind, texts in by_kind.items()})
    return [(kind, count, by_kind[kind][:FALSE_POSITIVE_EXAMPLES]) for kind, count in counts.most_common()]
