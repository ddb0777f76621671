"""The type study compares the cue rules with trained candidates under cross-validation by page."""

from __future__ import annotations

import pytest
from corpus_files import DATA

from pipeline.errors import InputError
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


SECOND_ANNOTATOR = DATA / "tag" / "type_study_second_annotator.jsonl"


def test_a_second_annotator_is_scored_against_the_labels_as_a_last_row() -> None:
    # The second annotator made one communication sentence patience and left one self_improvement
    # sentence untyped: communication P 1.0 R 27/28, self_improvement P 1.0 R 1/2.
    second = study(SAMPLE, Settings(), folds=2, second_annotator=SECOND_ANNOTATOR)[-1]
    assert second.name == "second annotator"
    assert {name: round(f1, 3) for name, f1 in second.f1.items()} == {"self_improvement": 0.667, "communication": 0.982}


def test_a_second_annotator_file_missing_advice_sentences_is_an_input_error(tmp_path) -> None:
    partial = tmp_path / "second.jsonl"
    partial.write_text(SECOND_ANNOTATOR.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no types for 29 advice sentences"):
        study(SAMPLE, Settings(), folds=2, second_annotator=partial)
