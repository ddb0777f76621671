"""Choosing and scoring a probability threshold for a binary label."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BinaryScores:
    """Precision, recall and F1 of the positive class."""

    precision: float
    recall: float
    f1: float


def binary_scores(gold: Sequence[bool], predicted: Sequence[bool]) -> BinaryScores:
    """Precision, recall and F1 of the positive class (0.0 where undefined)."""
    true_positive = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
    precision = true_positive / max(sum(predicted), 1)
    recall = true_positive / max(sum(gold), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BinaryScores(precision, recall, f1)


def best_threshold(gold: Sequence[bool], probabilities: Sequence[float]) -> tuple[float, float]:
    """The threshold that maximises positive-class F1 on (gold, probabilities), and that F1.

    Candidates are the observed probabilities, so the threshold is one a sentence reached.
    """
    ranked = sorted(zip(probabilities, gold, strict=True), reverse=True)
    positives = sum(gold)
    best, best_f1, true_positive = 1.0, 0.0, 0
    for count, (probability, is_gold) in enumerate(ranked, start=1):
        true_positive += is_gold
        f1 = 2 * true_positive / (count + positives) if positives else 0.0
        at_tie = count < len(ranked) and ranked[count][0] == probability
        if f1 > best_f1 and not at_tie:
            best, best_f1 = probability, f1
    return best, best_f1
