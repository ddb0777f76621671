"""Choosing the threshold that maximises F1, and scoring a binary label."""

from __future__ import annotations

from pipeline.tag.train.thresholds import BinaryScores, best_threshold, binary_scores


def test_binary_scores_of_the_positive_class() -> None:
    assert binary_scores([True, True, False, False], [True, False, True, False]) == BinaryScores(0.5, 0.5, 0.5)


def test_binary_scores_are_zero_when_nothing_is_predicted() -> None:
    assert binary_scores([True, False], [False, False]) == BinaryScores(0.0, 0.0, 0.0)


def test_best_threshold_is_an_observed_probability() -> None:
    gold = [True, True, False, True, False]
    probabilities = [0.9, 0.8, 0.7, 0.6, 0.1]
    assert best_threshold(gold, probabilities) == (0.6, 6 / 7)


def test_best_threshold_never_splits_tied_probabilities() -> None:
    assert best_threshold([True, False, True], [0.5, 0.5, 0.2]) == (0.2, 0.8)
