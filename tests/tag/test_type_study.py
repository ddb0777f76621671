"""The type study compares the cue rules with trained candidates under cross-validation by page."""

from __future__ import annotations

import pytest
from corpus_files import DATA

from pipeline.settings import Settings
from pipeline.tag.type_study import StudyRow, study, table

SAMPLE = DATA / "tag" / "type_study_sample.jsonl"


@pytest.fixture(scope="module")
def rows() -> list[StudyRow]:
    return study(SAMPLE, Settings(), folds=2)


def test_every_candidate_is_scored_on_the_labelled_types(rows: list[StudyRow]) -> None:
    assert [row.name for row in rows] == ["rules", "ngram", "rules+ngram", "rules+title"]
    assert all(list(row.f1) == ["self_improvement", "communication"] for row in rows)


def test_the_rules_row_is_the_shipped_tagger_on_gold_advice(rows: list[StudyRow]) -> None:
    rules = {name: round(f1, 3) for name, f1 in rows[0].f1.items()}
    assert rules == {"self_improvement": 0.286, "communication": 0.698}
    assert round(rows[0].macro_f1, 3) == 0.492


def test_the_table_has_a_column_per_candidate_and_a_macro_row(rows: list[StudyRow]) -> None:
    lines = table(rows).splitlines()
    assert lines[0].split() == ["type", "F1", "(gold", "advice)", "rules", "ngram", "rules+ngram", "rules+title"]
    assert lines[-1].split()[:2] == ["macro-F1", "0.492"]
