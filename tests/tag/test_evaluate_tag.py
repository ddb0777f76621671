"""Scoring advice tagging: the headline figures, the before column, cross-validation, the tables."""

from __future__ import annotations

import pytest
from corpus_files import CORPUS, DATA
from spacy.language import Language

from pipeline.errors import InputError, UsageError
from pipeline.evaluate.tag import (
    ForumScore,
    LabelledArticleSentence,
    Prediction,
    Row,
    SetScores,
    TagReport,
    cross_validate,
    evaluate_reddit,
    false_positive_table,
    line_kind,
    page_folds,
    read_before,
    read_labelled_sentences,
    read_holdout,
    read_page_sets,
    reddit_rows,
    score_set,
)
from pipeline.settings import Settings
from pipeline.tag.train.thresholds import BinaryScores

REDDIT = DATA / "tag" / "reddit"
LABELS = DATA / "tag" / "labels"


def _sentence(text: str, advice: bool, types: tuple[str, ...] = (), kind: str = "sentence") -> LabelledArticleSentence:
    return LabelledArticleSentence(text, "a.html", advice, "directive" if advice else None, frozenset(types), kind=kind)


def _said(advice: bool, *types: str) -> Prediction:
    return Prediction(advice, "directive" if advice else None, frozenset(types))


def test_reddit_headline_is_the_classify_decision_beside_the_recorded_one() -> None:
    gold_text = "Give your ex some space for a few weeks."
    rows = reddit_rows(REDDIT, Settings(), {})
    assert [row.name for row in rows] == ["Reddit needadvice test, classify", "Reddit askparents test, classify"]
    assert all(row.before is None and row.now.type_accuracy is None for row in rows)
    recorded = {("reddit/needadvice", gold_text): _said(True)}
    assert reddit_rows(REDDIT, Settings(), recorded)[0].before is None  # not every sentence recorded


def test_detector_alone_rows_per_forum_at_its_dev_threshold_and_the_shipped_one() -> None:
    rows = evaluate_reddit(REDDIT, Settings())
    assert [(row.forum, row.threshold_from) for row in rows] == [
        ("needadvice", "needadvice dev"), ("needadvice", "shipped"), ("askparents", "askparents dev"),
        ("askparents", "shipped"),
    ]


def test_missing_reddit_split_is_an_input_error(tmp_path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        evaluate_reddit(tmp_path, Settings())


def test_types_are_scored_on_the_sentences_both_call_advice() -> None:
    gold = [_sentence("a", True, ("practical",)), _sentence("b", True, ("patience", "practical")),
            _sentence("c", True, ("patience",)), _sentence("d", False)]
    said = [_said(True, "practical"), _said(True, "patience"), _said(False), _said(True, "practical")]
    scores = score_set(gold, said)
    assert scores.detection == BinaryScores(2 / 3, 2 / 3, pytest.approx(2 / 3))
    assert (scores.typed_hits, scores.typed_total, scores.type_accuracy) == (2, 2, 1.0)
    assert scores.types["practical"] == BinaryScores(1.0, 0.5, pytest.approx(2 / 3))
    assert scores.macro_type_f1 == pytest.approx((1.0 + 2 / 3) / 2)


def test_page_sentences_keep_their_heading_and_kind() -> None:
    sentences = read_page_sets(LABELS)
    assert len(sentences) == 8
    assert sentences[4] == LabelledArticleSentence(
        "Soak the beans overnight.", "wcxb-dev-articles/0001", True, "directive", frozenset({"practical"}),
        "Prepare the Beans", "sentence",
    )


def test_a_record_without_its_fields_is_an_input_error(tmp_path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "Hi."}\n', encoding="utf-8")
    with pytest.raises(InputError, match="lacks text, source"):
        read_labelled_sentences(path)


def test_pages_are_dealt_round_robin_into_folds() -> None:
    assert page_folds(["a.html", "b.html", "c.html"], 2) == {"a.html": 0, "b.html": 1, "c.html": 0}


def test_one_fold_is_refused() -> None:
    with pytest.raises(UsageError, match="at least 2 folds"):
        page_folds(["a.html"], 1)


def test_cross_validation_classifies_every_sentence_and_restores_the_shipped_models(nlp: Language) -> None:
    components = [nlp.get_pipe(name) for name in ("advice_detector", "advice_type_classifier")]
    shipped = [component.to_bytes(exclude=["vocab"]) for component in components]
    predicted = cross_validate(read_page_sets(LABELS), [], REDDIT, Settings(), folds=2, max_steps=5)
    assert len(predicted) == 8 and all(isinstance(p, Prediction) for p in predicted)
    assert all(p.types for p in predicted if p.advice)
    assert [component.to_bytes(exclude=["vocab"]) for component in components] == shipped


def test_the_recorded_predictions_before_issue_11_are_read_by_set_and_text() -> None:
    before = read_before(CORPUS / "labels" / "before" / "predictions.jsonl.gz")
    assert before[("folds", "Give your ex space and time.")] == Prediction(True, "directive", frozenset({"space_and_distance"}))
    assert read_before(DATA / "absent.jsonl.gz") == {}


def test_lines_are_grouped_by_kind() -> None:
    assert [line_kind(_sentence(text, False)) for text in (
        "Spoon", "slug: String!", "-- Update statistics for all tables", "Bar | 15%",
        "Get $10 off your first order with code: SAVE10", "Photo by Jane Doe on Unsplash", "What kind of BS is that?",
        'He said "just quit" and left.', "According to a new study, adherence fell by 12 percent.",
        "It's worth noting that adherence fell.", "People will ask you to write for them; most pay nothing.",
        "LIMIT 10;",
    )] == ["label or button", "code or markup", "code or markup", "table cell", "promo or site action",
           "caption or credit", "question", "quoted speech", "news or reporting", "other statement",
           "other statement", "code or markup"]
    assert line_kind(_sentence("Why Plans Fail", False, kind="heading")) == "heading"


def test_false_positive_table_counts_kinds_most_first() -> None:
    gold = [_sentence("Rest", False), _sentence("Spoon", False), _sentence("What is a motor?", False),
            _sentence("Give them space.", True)]
    said = [_said(True, "practical")] * 4
    assert false_positive_table(gold, said) == [("label or button", 2, ["Rest", "Spoon"]),
                                                ("question", 1, ["What is a motor?"])]


def test_a_holdout_directory_is_read_file_by_file(tmp_path) -> None:
    (tmp_path / "b.jsonl").write_text((LABELS / "article_sentences.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.jsonl").write_text((LABELS / "wcxb_dev_sentences.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    sentences = read_holdout(tmp_path)
    assert sentences == read_labelled_sentences(tmp_path / "a.jsonl") + read_labelled_sentences(tmp_path / "b.jsonl")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no .jsonl file"):
        read_holdout(tmp_path / "empty")


def test_table_prints_the_headline_with_the_before_column_then_the_diagnostics() -> None:
    half = BinaryScores(0.5, 0.5, 0.5)
    now = SetScores(10, BinaryScores(0.8, 0.6, 0.6857), 3, 4, {"patience": half})
    report = TagReport([Row("pages", now, SetScores(10, half))], [ForumScore("needadvice", "needadvice dev", 0.4, half)],
                       [("pages", now)], [("pages", [("heading", 3, ["Why It Matters"]), ("question", 1, ["Why?"])])])
    assert report.table().splitlines() == [
        "Headline: the decision of classify/run at shipped settings (before: the code before issue 11)",
        "  set                                              n      P      R     F1 typeacc  typeF1    | F1 typeacc  typeF1",
        "  pages                                           10  0.800  0.600  0.686   0.750   0.500  |0.500       -       -",
        "",
        "Diagnostic: the advice_detector alone on the Reddit test splits (advice class)",
        "  forum       threshold from      thr      P      R     F1",
        "  needadvice  needadvice dev    0.400  0.500  0.500  0.500",
        "",
        "Types per type, pages (sentences gold and tagger both call advice)",
        "  type                        P      R     F1",
        "  patience                0.500  0.500  0.500",
        "  macro-F1                              0.500",
        "",
        "False positives, pages, by kind of line (count, share of the false positives, examples)",
        "  heading                     3   75%  Why It Matters",
        "  question                    1   25%  Why?",
    ]
