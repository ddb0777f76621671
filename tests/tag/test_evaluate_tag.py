"""Scoring advice tagging: Reddit splits, article-sentence cross-validation, the printed table."""

from __future__ import annotations

import pytest
from corpus_files import DATA
from spacy.language import Language

from pipeline.errors import InputError, UsageError
from pipeline.evaluate.tag import (
    ArticleReport,
    ForumScore,
    LabelledArticleSentence,
    TagReport,
    evaluate_articles,
    evaluate_reddit,
    evaluate_unseen,
    page_folds,
    read_labelled_sentences,
)
from pipeline.settings import Settings
from pipeline.tag.train.thresholds import BinaryScores

REDDIT = DATA / "tag" / "reddit"
LABELS = DATA / "tag" / "article_sentences_sample.jsonl"


def test_reddit_rows_per_forum_at_its_dev_threshold_and_the_shipped_one() -> None:
    rows = evaluate_reddit(REDDIT, Settings())
    assert [(row.forum, row.threshold_from) for row in rows] == [
        ("needadvice", "needadvice dev"),
        ("needadvice", "shipped"),
        ("askparents", "askparents dev"),
        ("askparents", "shipped"),
    ]
    assert rows[1].threshold == rows[3].threshold
    assert all(0.0 <= row.scores.f1 <= 1.0 for row in rows)


def test_missing_reddit_split_is_an_input_error(tmp_path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        evaluate_reddit(tmp_path, Settings())


def test_labelled_sentences_are_read_with_every_field() -> None:
    first = read_labelled_sentences(LABELS)[0]
    assert first == LabelledArticleSentence(
        "Give your ex some space for a few weeks.",
        "corpus/enotalone-12-crucial-steps-to-get-your-ex-back.html",
        True,
        "directive",
        frozenset({"space_and_distance"}),
    )


def test_pages_are_dealt_round_robin_into_folds() -> None:
    assert page_folds(["a.html", "b.html", "c.html"], 2) == {"a.html": 0, "b.html": 1, "c.html": 0}


def test_one_fold_is_refused() -> None:
    with pytest.raises(UsageError, match="at least 2 folds"):
        page_folds(["a.html"], 1)


def test_cross_validation_classifies_every_sentence_once(nlp: Language) -> None:
    report = evaluate_articles(LABELS, REDDIT, Settings(), folds=2, max_steps=5)
    assert (report.folds, report.sentences) == (2, 4)
    assert sorted(report.types) == ["boundaries", "space_and_distance"]
    assert report.form_total <= 2


def test_cross_validation_restores_the_shipped_detector(nlp: Language) -> None:
    detector = nlp.get_pipe("advice_detector")
    shipped = (detector.threshold, detector.to_bytes(exclude=["vocab"]))
    evaluate_articles(LABELS, REDDIT, Settings(), folds=2, max_steps=5)
    assert (detector.threshold, detector.to_bytes(exclude=["vocab"])) == shipped


def test_table_prints_every_figure() -> None:
    half = BinaryScores(0.5, 0.5, 0.5)
    articles = ArticleReport(5, 10, BinaryScores(0.8, 0.6, 0.6857), half, {"patience": half}, 3, 4)
    table = TagReport([ForumScore("needadvice", "needadvice dev", 0.4, half)], articles).table()
    assert table.splitlines() == [
        "Advice detection, Reddit test splits (advice class)",
        "  forum       threshold from      thr      P      R     F1",
        "  needadvice  needadvice dev    0.400  0.500  0.500  0.500",
        "",
        "Article sentences (10; 5-fold cross-validation by page; whole tag pipeline)",
        "  advice detection  P 0.800  R 0.600  F1 0.686",
        "  advice_detector alone (its threshold)  P 0.500  R 0.500  F1 0.500",
        "  form accuracy     0.750 (3/4 sentences that gold and tagger both call advice)",
        "  type                        P      R     F1",
        "  patience                0.500  0.500  0.500",
        "  macro-F1                              0.500",
    ]


def test_unseen_sentences_are_scored_by_the_shipped_pipeline_as_it_is() -> None:
    report = evaluate_unseen(LABELS, Settings())
    assert report.lines() == [
        "",
        "Unseen article sentences (4; shipped pipeline, no retraining)",
        "  advice detection  P 1.000  R 1.000  F1 1.000",
        "  form accuracy     1.000 (2/2)",
        "  type                        P      R     F1",
        "  boundaries              0.000  0.000  0.000",
        "  space_and_distance      1.000  1.000  1.000",
        "  macro-F1                              0.500",
    ]


def test_unseen_sentences_without_type_labels_print_no_type_table(tmp_path) -> None:
    untyped = tmp_path / "untyped.jsonl"
    untyped.write_text('{"text": "Give them space.", "source": "a.html", "advice": 1, "form": "directive", "types": []}\n',
                       encoding="utf-8")
    assert evaluate_unseen(untyped, Settings()).lines() == [
        "",
        "Unseen article sentences (1; shipped pipeline, no retraining)",
        "  advice detection  P 1.000  R 1.000  F1 1.000",
        "  form accuracy     1.000 (1/1)",
    ]
