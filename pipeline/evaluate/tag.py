"""Score advice tagging: the detector on the Reddit advice corpus, the whole tag stage on our
labelled article sentences.

Reddit (advice-emnlp2020): the shipped detector scores each test split; as in the corpus README,
each forum's threshold is the one that maximises advice F1 on its own dev split. The figure at the
shipped threshold (one threshold, chosen on both dev splits) is reported beside it.

Article sentences: k-fold cross-validation grouped by page, so a fold's pages are never seen in
its training. For each fold a detector is trained the way `make train` trains the shipped one
(Reddit train splits plus the other folds' sentences, threshold from Reddit dev), swapped into the
tag pipeline, and the fold's sentences are classified by the whole pipeline (`classify_lines`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from pipeline.errors import InputError, UsageError
from pipeline.evaluate import CHECKOUT, SHARED
from pipeline.settings import Settings
from pipeline.tag import classify_lines, load_nlp
from pipeline.tag.detector import ADVICE_LABEL
from pipeline.tag.train.accurate import tagging_pipeline
from pipeline.tag.train.corpus import LabelledSentence, iter_jsonl, read_reddit_split
from pipeline.tag.train.driver import ARTICLE_WEIGHT, FORUMS, fit, reddit_sentences
from pipeline.tag.train.thresholds import BinaryScores, best_threshold, binary_scores

DEFAULT_LABELS = CHECKOUT / "corpus" / "labels" / "article_sentences.jsonl"
DEFAULT_DATA_DIR = SHARED / "data" / "advice-emnlp2020"
DETECTOR = "advice_detector"


@dataclass(frozen=True, slots=True)
class ForumScore:
    """Advice-class scores of the detector on one forum's test split at one threshold."""

    forum: str
    threshold_from: str
    threshold: float
    scores: BinaryScores


@dataclass(frozen=True, slots=True)
class LabelledArticleSentence:
    """One hand-labelled article sentence (see docs/annotation-guide.md)."""

    text: str
    source: str
    advice: bool
    form: str | None
    types: frozenset[str]

    def as_training(self) -> LabelledSentence:
        return LabelledSentence(self.text, self.advice)


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """Cross-validated scores of the tag stage on the labelled article sentences."""

    folds: int
    sentences: int
    detection: BinaryScores
    detector_only: BinaryScores
    types: dict[str, BinaryScores]
    form_correct: int
    form_total: int

    @property
    def macro_type_f1(self) -> float:
        return macro_f1(self.types)

    @property
    def form_accuracy(self) -> float:
        return self.form_correct / self.form_total if self.form_total else 0.0

    def lines(self) -> list[str]:
        """The report's table rows."""
        d, o = self.detection, self.detector_only
        lines = ["", f"Article sentences ({self.sentences}; {self.folds}-fold cross-validation by page; "
                     "whole tag pipeline)",
                 f"  advice detection  P {d.precision:.3f}  R {d.recall:.3f}  F1 {d.f1:.3f}",
                 f"  advice_detector alone (its threshold)  P {o.precision:.3f}  R {o.recall:.3f}  F1 {o.f1:.3f}",
                 f"  form accuracy     {self.form_accuracy:.3f} ({self.form_correct}/{self.form_total} "
                 "sentences that gold and tagger both call advice)",
                 ]
        return lines + _type_lines(self.types)


@dataclass(frozen=True, slots=True)
class UnseenReport:
    """The shipped tag stage, unchanged, on sentences of pages never used in its development."""

    sentences: int
    detection: BinaryScores
    types: dict[str, BinaryScores]
    form_correct: int
    form_total: int

    def lines(self) -> list[str]:
        d = self.detection
        accuracy = self.form_correct / self.form_total if self.form_total else 0.0
        return ["", f"Unseen article sentences ({self.sentences}; shipped pipeline, no retraining)",
                f"  advice detection  P {d.precision:.3f}  R {d.recall:.3f}  F1 {d.f1:.3f}",
                f"  form accuracy     {accuracy:.3f} ({self.form_correct}/{self.form_total})",
                *_type_lines(self.types)]


def macro_f1(types: dict[str, BinaryScores]) -> float:
    """The mean F1 of the types (0.0 for none)."""
    return sum(score.f1 for score in types.values()) / len(types) if types else 0.0


def _type_lines(types: dict[str, BinaryScores]) -> list[str]:
    """The per-type table; none when no sentence is labelled with a type."""
    if not types:
        return []
    lines = [f"  {'type':<22}{'P':>7}{'R':>7}{'F1':>7}"]
    lines += [f"  {name:<22}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}" for name, s in types.items()]
    return lines + [f"  {'macro-F1':<36}{macro_f1(types):>7.3f}"]


@dataclass(frozen=True, slots=True)
class TagReport:
    """Everything `advice-pipeline eval tag` prints."""

    forums: list[ForumScore]
    articles: ArticleReport | None
    unseen: UnseenReport | None = None

    def table(self) -> str:
        """The figures as a plain-text table."""
        lines = ["Advice detection, Reddit test splits (advice class)",
                 f"  {'forum':<12}{'threshold from':<16}{'thr':>7}{'P':>7}{'R':>7}{'F1':>7}"]
        for score in self.forums:
            s = score.scores
            lines.append(f"  {score.forum:<12}{score.threshold_from:<16}{score.threshold:>7.3f}"
                         f"{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}")
        lines += self.articles.lines() if self.articles else []
        return "\n".join(lines + (self.unseen.lines() if self.unseen else []))


def evaluate(
    data_dir: Path,
    labels: Path | None,
    settings: Settings,
    *,
    folds: int = 5,
    max_steps: int | None = None,
    accurate: bool = False,
    unseen: Path | None = None,
) -> TagReport:
    """Score the detector on Reddit and, when `labels` is given, the tag stage on article sentences.

    `max_steps` caps each fold's training (the config's own limit when None); `accurate` scores
    the accurate mode on Reddit (the article sentences always run the default pipeline);
    `unseen` labels are scored by the shipped pipeline as it is.
    """
    forums = evaluate_reddit(data_dir, settings, accurate=accurate)
    articles = None
    if labels is not None:
        articles = evaluate_articles(labels, data_dir, settings, folds=folds, max_steps=max_steps)
    return TagReport(forums, articles, evaluate_unseen(unseen, settings) if unseen else None)


def evaluate_unseen(labels: Path, settings: Settings) -> UnseenReport:
    """Advice detection and form of the shipped tag stage on sentences it was never developed on."""
    sentences = read_labelled_sentences(labels)
    results = list(classify_lines([s.text for s in sentences], load_nlp(settings)))
    detection = binary_scores([s.advice for s in sentences], [bool(r["advice"]) for r in results])
    return UnseenReport(len(sentences), detection, _type_scores(sentences, results), *_form_agreement(sentences, results))


def evaluate_reddit(data_dir: Path, settings: Settings, *, accurate: bool = False) -> list[ForumScore]:
    """The detector's advice-class scores on each forum's test split (see the module docstring).

    Sentences are tagged by `settings.spacy_model`'s tagger first, as in the tag pipeline, since
    both detectors read the tags. With `accurate` the accurate mode is scored instead of the
    n-gram detector.
    """
    nlp = tagging_pipeline(settings)
    if accurate:
        nlp.add_pipe("advice_detector_accurate")
    shipped = nlp.get_pipe(nlp.pipe_names[-1]).threshold
    results = []
    for forum in FORUMS:
        dev_gold, dev_probabilities = _gold_and_probabilities(nlp, data_dir / f"{forum}_dev.tsv")
        gold, probabilities = _gold_and_probabilities(nlp, data_dir / f"{forum}_test.tsv")
        own, _ = best_threshold(dev_gold, dev_probabilities)
        for origin, threshold in ((f"{forum} dev", own), ("shipped", shipped)):
            predicted = [probability >= threshold for probability in probabilities]
            results.append(ForumScore(forum, origin, threshold, binary_scores(gold, predicted)))
    return results


def evaluate_articles(
    labels: Path, data_dir: Path, settings: Settings, *, folds: int = 5, max_steps: int | None = None
) -> ArticleReport:
    """Cross-validate the tag stage on the labelled sentences, `folds` groups of pages."""
    sentences = read_labelled_sentences(labels)
    fold_of = page_folds(sorted({s.source for s in sentences}), folds)
    reddit_train, reddit_dev = reddit_sentences(data_dir)
    nlp = load_nlp(settings)
    results: list[dict] = [{} for _ in sentences]
    detector_says = [False] * len(sentences)
    for fold in range(folds):
        held_out = [i for i, s in enumerate(sentences) if fold_of[s.source] == fold]
        rest = [s.as_training() for s in sentences if fold_of[s.source] != fold] * ARTICLE_WEIGHT
        if not held_out:
            continue
        with _detector_trained_on(nlp, reddit_train + rest, reddit_dev, settings, max_steps):
            texts = [sentences[i].text for i in held_out]
            for i, result, alone in zip(held_out, classify_lines(texts, nlp), _detector_alone(nlp, texts), strict=True):
                results[i], detector_says[i] = result, alone
    detector_only = binary_scores([s.advice for s in sentences], detector_says)
    return _score_articles(sentences, results, detector_only, folds)


def read_labelled_sentences(path: Path) -> list[LabelledArticleSentence]:
    """The labelled sentences of `path` (JSON Lines: text, source, advice, form, types)."""
    sentences = []
    for record in iter_jsonl(path):
        try:
            sentences.append(
                LabelledArticleSentence(
                    record["text"], record["source"], bool(record["advice"]), record["form"], frozenset(record["types"])
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


def _gold_and_probabilities(nlp: Language, split: Path) -> tuple[list[bool], list[float]]:
    sentences = read_reddit_split(split)
    docs = nlp.pipe(sentence.text for sentence in sentences)
    return [s.advice for s in sentences], [doc.cats[ADVICE_LABEL] for doc in docs]


@contextmanager
def _detector_trained_on(
    nlp: Language,
    train: list[LabelledSentence],
    dev: list[LabelledSentence],
    settings: Settings,
    max_steps: int | None,
) -> Iterator[None]:
    """Swap a freshly trained detector's weights into `nlp` (loaded once per process), then restore."""
    if DETECTOR not in nlp.pipe_names:
        raise UsageError(DETECTOR, "the tag pipeline has no such component to cross-validate")
    detector = nlp.get_pipe(DETECTOR)
    shipped = detector.to_bytes(exclude=["vocab"])
    trained, _ = fit(train, dev, settings, max_steps=max_steps)
    detector.from_bytes(trained.get_pipe(DETECTOR).to_bytes(exclude=["vocab"]), exclude=["vocab"])
    try:
        yield
    finally:
        detector.from_bytes(shipped, exclude=["vocab"])


def _detector_alone(nlp: Language, texts: list[str]) -> list[bool]:
    """Whether the pipeline's advice_detector alone calls each text advice (one sentence each):
    the components before it run, but for the senter, so that each text is scored whole."""
    upstream = nlp.pipe_names[: nlp.pipe_names.index(DETECTOR)]
    docs = nlp.pipe(texts, disable=[name for name in nlp.pipe_names if name not in upstream or name == "senter"])
    detector = nlp.get_pipe(DETECTOR)
    return [doc.cats.get(ADVICE_LABEL, 0.0) >= detector.threshold for doc in detector.pipe(docs)]


def _score_articles(
    sentences: list[LabelledArticleSentence], results: list[dict], detector_only: BinaryScores, folds: int
) -> ArticleReport:
    predicted_advice = [bool(result["advice"]) for result in results]
    detection = binary_scores([s.advice for s in sentences], predicted_advice)
    types = _type_scores(sentences, results)
    return ArticleReport(folds, len(sentences), detection, detector_only, types, *_form_agreement(sentences, results))


def _type_scores(sentences: list[LabelledArticleSentence], results: list[dict]) -> dict[str, BinaryScores]:
    """Each labelled type's scores; a sentence the tagger does not call advice lists no type."""
    type_names = sorted({name for s in sentences for name in s.types})
    predicted_types = [{item["type"] for item in result["types"]} if result["advice"] else set() for result in results]
    return {
        name: binary_scores([name in s.types for s in sentences], [name in found for found in predicted_types])
        for name in type_names
    }


def _form_agreement(sentences: list[LabelledArticleSentence], results: list[dict]) -> tuple[int, int]:
    """(right form, total) over the sentences that gold and the tagger both call advice."""
    both = [(s, r) for s, r in zip(sentences, results, strict=True) if s.advice and r["advice"]]
    return sum(1 for s, r in both if r["form"] == s.form), len(both)
