"""Would a trained type classifier beat the cue rules? A cross-validated comparison.

`make study-types` runs `python -m pipeline.tag.type_study` over the labelled article sentences
(corpus/labels/article_sentences.jsonl), folds by page as `advice-pipeline eval tag` deals them:
nothing a fold is scored on is trained or tuned on. Only typing is compared, so every candidate
types the sentences gold calls advice (the detector's errors, which `eval tag` adds, are held out).

- rules: the shipped advice_tagger's listing (cue weights, `rank`), which nothing is trained on.
- ngram: a one-vs-rest logistic regression on lemma unigrams, trained on the other folds' advice
  sentences, listing the types whose probability reaches a threshold from THRESHOLDS.
- rules+ngram: each type's cue weight plus a share of its ngram probability, listed by `rank`.
- rules+title: each type's cue weight plus a share of the cue weight of the title of the step the
  sentence sits under (its page cleaned and segmented to find it), listed by `rank`.
- second annotator: not a tagger but the ceiling: the types a second annotator gave the same
  advice sentences by the same guide, without seeing the first labels (--second-annotator).
Shares (from SHARES) and the ngram threshold are chosen on each fold's training folds. The ngram
probabilities they are chosen on are out-of-fold ones whose models saw the scored fold: a small
leak that can only flatter the trained candidates.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.clean import clean
from pipeline.errors import InputError
from pipeline.evaluate.tag import DEFAULT_LABELS, LabelledArticleSentence, page_folds, read_labelled_sentences
from pipeline.model import TypeScore
from pipeline.segment import segment
from pipeline.settings import Settings
from pipeline.sources import read_page
from pipeline.tag.accurate import logistic
from pipeline.tag.nlp import load_nlp
from pipeline.tag.stage import sentence_case
from pipeline.tag.train.corpus import iter_jsonl
from pipeline.tag.train.thresholds import binary_scores
from pipeline.tag.taxonomy import Taxonomy
from pipeline.tag.types import DEFAULT_SPANS_KEY, AdviceTypeTagger, cues_within, sentence_weights, type_weights

L2 = 1e-4
ITERATIONS = 1000
LEARNING_RATE = 2.0
SHARES = (0.0, 0.25, 0.5, 1.0, 2.0)
THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5)

Weights = dict[str, float]
Lister = Callable[[int, float], set[str]]


@dataclass(frozen=True, slots=True)
class StudyRow:
    """One candidate's per-type F1 under cross-validation."""

    name: str
    f1: dict[str, float]

    @property
    def macro_f1(self) -> float:
        return sum(self.f1.values()) / len(self.f1)


def study(
    labels: Path, settings: Settings, *, folds: int = 5, second_annotator: Path | None = None
) -> list[StudyRow]:
    """The cross-validated type F1 of each candidate, and the second annotator's agreement when given."""
    sentences = read_labelled_sentences(labels)
    fold_of_page = page_folds(sorted({s.source for s in sentences}), folds)
    fold_of = [fold_of_page[s.source] for s in sentences]
    nlp = load_nlp(settings)
    tagger: AdviceTypeTagger = nlp.get_pipe("advice_tagger")
    docs = list(nlp.pipe(s.text for s in sentences))
    cues = [line_weights(doc, tagger.taxonomy) for doc in docs]
    titles = _title_weights(sentences, nlp, settings)
    names = tagger.taxonomy.names
    probabilities = _ngram_probabilities(docs, sentences, fold_of, names)

    def mixed(extra: Sequence[Weights]) -> Lister:
        return lambda i, share: set(_names(tagger.rank(_plus(cues[i], extra[i], share))))

    probability_weights = [dict(zip(names, row.tolist(), strict=True)) for row in probabilities]
    listers: dict[str, Lister] = {
        "rules": lambda i, _: set(_names(tagger.rank(cues[i]))),
        "ngram": lambda i, threshold: {n for n, p in zip(names, probabilities[i], strict=True) if p >= threshold},
        "rules+ngram": mixed(probability_weights),
        "rules+title": mixed(titles),
    }
    grids = {"rules": (0.0,), "ngram": THRESHOLDS, "rules+ngram": SHARES, "rules+title": SHARES}
    rows = [
        StudyRow(name, _per_type_f1(sentences, _cross_validated(lister, sentences, fold_of, folds, grids[name]), names))
        for name, lister in listers.items()
    ]
    if second_annotator is not None:
        rows.append(StudyRow("second annotator", _per_type_f1(sentences, _second_labels(sentences, second_annotator), names)))
    return rows


def _second_labels(sentences: Sequence[LabelledArticleSentence], path: Path) -> list[set[str]]:
    """The second annotator's types of each gold-advice sentence, matched by page and text."""
    second = {(record["source"], record["text"]): set(record["types"]) for record in iter_jsonl(path)}
    missing = [s.text for s in sentences if s.advice and (s.source, s.text) not in second]
    if missing:
        raise InputError(str(path), f"has no types for {len(missing)} advice sentences, such as {missing[0]!r}")
    return [second[(s.source, s.text)] if s.advice else set() for s in sentences]


def _title_weights(sentences: Sequence[LabelledArticleSentence], nlp: Language, settings: Settings) -> list[Weights]:
    """The cue weights of the step title each sentence sits under ({} outside steps)."""
    tagger: AdviceTypeTagger = nlp.get_pipe("advice_tagger")
    by_page: dict[str, list[tuple[str, Weights]]] = {}
    for source in sorted({s.source for s in sentences}):
        document = clean(read_page(source, settings), settings)
        blocks = []
        for step in segment(document).steps:
            title = nlp(sentence_case(step.title))  # as tag() reads titles
            weights = type_weights(title.spans[DEFAULT_SPANS_KEY], tagger.taxonomy)
            blocks += [(document.blocks[i].text, weights) for i in range(step.first_block, step.last_block + 1)]
        by_page[source] = blocks
    return [next((w for text, w in by_page[s.source] if s.text in text), {}) for s in sentences]


def _ngram_probabilities(
    docs: Sequence[Doc], sentences: Sequence[LabelledArticleSentence], fold_of: Sequence[int], names: Sequence[str]
) -> numpy.ndarray:
    """Each sentence's type probabilities from a logistic regression trained on the other folds."""
    lemmas = [{token.lemma_.lower() for token in doc if not token.is_punct} for doc in docs]
    result = numpy.zeros((len(docs), len(names)))
    for fold in set(fold_of):
        train = [i for i, f in enumerate(fold_of) if f != fold and sentences[i].advice]
        vocabulary = {lemma: j for j, lemma in enumerate(sorted(set().union(*(lemmas[i] for i in train))))}
        gold = numpy.array([[name in sentences[i].types for name in names] for i in train], dtype=float)
        weights, bias = _fit_logistic(_bag(lemmas, train, vocabulary), gold)
        held_out = [i for i, f in enumerate(fold_of) if f == fold]
        result[held_out] = logistic(_bag(lemmas, held_out, vocabulary) @ weights + bias)
    return result


def _bag(lemmas: Sequence[set[str]], rows: Sequence[int], vocabulary: dict[str, int]) -> numpy.ndarray:
    matrix = numpy.zeros((len(rows), len(vocabulary)))
    for r, i in enumerate(rows):
        matrix[r, [vocabulary[lemma] for lemma in lemmas[i] if lemma in vocabulary]] = 1.0
    return matrix


def _fit_logistic(features: numpy.ndarray, gold: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """L2-regularised logistic regression per column of `gold`, by full-batch gradient descent."""
    weights = numpy.zeros((features.shape[1], gold.shape[1]))
    bias = numpy.zeros(gold.shape[1])
    for _ in range(ITERATIONS):
        error = logistic(features @ weights + bias) - gold
        weights -= LEARNING_RATE * (features.T @ error / len(gold) + L2 * weights)
        bias -= LEARNING_RATE * error.mean(axis=0)
    return weights, bias


def _cross_validated(
    lister: Lister,
    sentences: Sequence[LabelledArticleSentence],
    fold_of: Sequence[int],
    folds: int,
    grid: Sequence[float],
) -> list[set[str]]:
    """The types listed for each gold-advice sentence, each fold's setting from `grid` chosen on the other folds."""
    listed: list[set[str]] = [set() for _ in sentences]
    for fold in range(folds):
        train = [i for i, f in enumerate(fold_of) if f != fold]
        setting = max(grid, key=lambda value: _macro_f1(sentences, train, lister, value))
        for i in (i for i, f in enumerate(fold_of) if f == fold and sentences[i].advice):
            listed[i] = lister(i, setting)
    return listed


def _macro_f1(sentences: Sequence[LabelledArticleSentence], rows: Sequence[int], lister: Lister, share: float) -> float:
    listed = {i: lister(i, share) if sentences[i].advice else set() for i in rows}
    names = sorted({name for i in rows for name in sentences[i].types})
    scores = [binary_scores([n in sentences[i].types for i in rows], [n in listed[i] for i in rows]).f1 for n in names]
    return sum(scores) / len(scores)


def _per_type_f1(
    sentences: Sequence[LabelledArticleSentence], listed: Sequence[set[str]], names: Sequence[str]
) -> dict[str, float]:
    """F1 of each type some sentence is labelled with, as `eval tag` averages them."""
    labelled = {name for s in sentences for name in s.types}
    return {
        n: binary_scores([n in s.types for s in sentences], [n in found for found in listed]).f1
        for n in names if n in labelled
    }


def _plus(total: Weights, extra: Weights, factor: float) -> Weights:
    result = dict(total)
    for name, weight in extra.items():
        result[name] = result.get(name, 0.0) + factor * weight
    return result


def _names(scores: Sequence[TypeScore]) -> list[str]:
    return [item.type for item in scores]


def table(rows: Sequence[StudyRow]) -> str:
    """The study as a plain-text table, one column per candidate."""
    names = list(rows[0].f1)
    widths = [max(13, len(row.name) + 2) for row in rows]
    lines = [f"{'type F1 (gold advice)':<22}" + "".join(f"{row.name:>{w}}" for row, w in zip(rows, widths))]
    lines += [f"{name:<22}" + "".join(f"{row.f1[name]:>{w}.3f}" for row, w in zip(rows, widths)) for name in names]
    return "\n".join(lines + [f"{'macro-F1':<22}" + "".join(f"{row.macro_f1:>{w}.3f}" for row, w in zip(rows, widths))])


def main(argv: list[str] | None = None) -> None:
    """Print the study's table for --labels."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.tag.type_study", description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--second-annotator", type=Path, default=None,
                        help="a second annotator's types of the same advice sentences (JSON Lines: source, text, types)")
    options = parser.parse_args(argv)
    rows = study(options.labels, Settings.from_env(), folds=options.folds, second_annotator=options.second_annotator)
    print(table(rows))


if __name__ == "__main__":
    main()


def line_weights(doc: Doc, taxonomy: Taxonomy) -> dict[str, float]:
    """The type weights of every sentence of the line, summed."""
    cues = doc.spans.get(DEFAULT_SPANS_KEY, [])
    total: dict[str, float] = {}
    for sentence in doc.sents:
        for name, weight in sentence_weights(sentence, cues_within(sentence, cues), taxonomy).items():
            total[name] = total.get(name, 0.0) + weight
    return total
