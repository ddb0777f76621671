"""Train the accurate mode's logistic regression and choose its mix and threshold on dev.

The regression reads sentence embeddings plus cue features (see pipeline.tag.accurate) of the
Reddit train splits and our article sentences; the packaged n-gram detector supplies the other
half of the mix. On the pooled Reddit dev splits, every mix on a grid gets its F1-best threshold
and the best pair is kept. Needs the `accurate` extra.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.language import Language

from pipeline.settings import Settings
from pipeline.tag.accurate import features, logistic
from pipeline.tag.detector import ADVICE_LABEL
from pipeline.tag.train.corpus import LabelledSentence, load_tagger
from pipeline.tag.train.driver import training_sets
from pipeline.tag.train.thresholds import best_threshold

MIXES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
L2 = 1e-4
ITERATIONS = 2000
LEARN_RATE = 1.0


@dataclass(frozen=True, slots=True)
class AccurateResult:
    """Where the weights went, the chosen mix and threshold, and the dev F1 they reach."""

    output: Path
    mix: float
    threshold: float
    dev_f1: float


def train_accurate(
    data_dir: Path, output: Path, settings: Settings, *, labels: Path | None = None
) -> AccurateResult:
    """Fit the regression on Reddit train (+ `labels`), choose mix and threshold on dev, write weights.json."""
    train, dev = training_sets(data_dir, labels)
    nlp = tagging_pipeline(settings)
    train_x, _ = _design(nlp, train)
    coefficients, intercept = _logistic_regression(train_x, numpy.asarray([s.advice for s in train], dtype="float32"))
    dev_x, dev_base = _design(nlp, dev)
    learned = logistic(dev_x @ coefficients + intercept)
    gold = [s.advice for s in dev]
    choices = []
    for mix in MIXES:
        threshold, f1 = best_threshold(gold, list(mix * learned + (1 - mix) * dev_base))
        choices.append((f1, mix, threshold))
    dev_f1, mix, threshold = max(choices)
    output.parent.mkdir(parents=True, exist_ok=True)
    weights = {"coefficients": [round(float(c), 6) for c in coefficients], "intercept": float(intercept),
               "mix": mix, "threshold": float(threshold)}
    output.write_text(json.dumps(weights) + "\n", encoding="utf-8")
    return AccurateResult(output, mix, float(threshold), dev_f1)


def tagging_pipeline(settings: Settings) -> Language:
    """`settings.spacy_model` trimmed to its tagger (the cue features and the n-gram detector read
    the tags), plus the n-gram detector."""
    nlp = load_tagger(settings.spacy_model)
    nlp.add_pipe("advice_detector")
    return nlp


def _design(nlp: Language, sentences: list[LabelledSentence]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The feature rows of `sentences` and the n-gram detector's probability of each."""
    docs = list(nlp.pipe(s.text for s in sentences))
    base = numpy.asarray([doc.cats[ADVICE_LABEL] for doc in docs], dtype="float32")
    return features([doc[:] for doc in docs]), base


def _logistic_regression(x: numpy.ndarray, y: numpy.ndarray) -> tuple[numpy.ndarray, float]:
    """L2-regularised logistic regression by full-batch gradient descent (the data fit in memory)."""
    coefficients = numpy.zeros(x.shape[1], dtype="float32")
    intercept = 0.0
    for _ in range(ITERATIONS):
        error = logistic(x @ coefficients + intercept) - y
        coefficients -= LEARN_RATE * (x.T @ error / len(y) + L2 * coefficients)
        intercept -= LEARN_RATE * float(error.mean())
    return coefficients, intercept
