"""The segment scorer and its `eval segment` command: figures per field over a corpus of gold files."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import UsageError
from pipeline.evaluate.segment import SegmentReport, evaluate_corpus, score_page
from pipeline.model import Resource, Structure
from pipeline.settings import Settings


@pytest.fixture(scope="module")
def report(segment_data):
    return evaluate_corpus(segment_data / "scoring", Settings())


def test_step_titles_count_a_wrong_title_as_one_miss_and_one_extra(report):
    tally = report.tallies["step titles"]
    assert (tally.matched, tally.predicted, tally.gold) == (2, 3, 3)
    assert round(tally.f1, 3) == 0.667


def test_step_count_compares_how_many_steps_were_found(report):
    tally = report.tallies["step count"]
    assert (tally.matched, tally.precision, tally.recall) == (3, 1.0, 1.0)


def test_missed_takeaway_scores_zero(report):
    tally = report.tallies["takeaways"]
    assert (tally.matched, tally.predicted, tally.gold, tally.f1) == (0, 0, 1, 0.0)


def test_quote_speaker_counts_text_and_speaker_together(report):
    tally = report.tallies["quote speaker"]
    assert (tally.matched, tally.predicted, tally.gold) == (1, 1, 1)


def test_misses_name_the_page_field_and_value(report):
    assert "furniture-inside-article.html: step titles: missed (3, 'arrive early')" in report.misses


def test_table_aligns_one_row_per_field(report):
    lines = report.table().splitlines()
    assert lines[0].split() == ["field", "precision", "recall", "F1", "matched", "predicted", "gold"]
    assert lines[1].split() == ["step", "titles", "0.667", "0.667", "0.667", "2", "3", "3"]
    assert lines[-1] == "pages: 1"
    assert len({len(line) for line in lines[:-1]}) == 1


def test_directory_without_gold_files_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no \\*.gold.json files"):
        evaluate_corpus(tmp_path, Settings())


def test_eval_segment_prints_the_table_and_exits_zero(segment_data, report):
    result = CliRunner().invoke(cli, ["eval", "segment", "--corpus", str(segment_data / "scoring")])
    assert result.exit_code == 0
    assert result.stdout == report.table() + "\n"


def test_eval_segment_exits_one_when_a_page_cannot_be_read(segment_data):
    result = CliRunner().invoke(cli, ["eval", "segment", "--corpus", str(segment_data / "scoring-missing-page")])
    assert result.exit_code == 1
    assert "gone.html" in result.stderr


def test_ampersand_and_the_word_and_score_as_the_same_author_list():
    report = SegmentReport()
    structure = Structure(resources=(Resource("x", "P. Vantongeren and M. Lusk", "Sorted", None),))
    gold = {"resources": [{"author": "P. Vantongeren & M. Lusk", "title": "Sorted", "subtitle": None}]}
    score_page(structure, gold, report, "page.html")
    assert report.tallies["resources"].matched == 1


def test_serial_comma_before_the_last_author_is_not_scored():
    report = SegmentReport()
    structure = Structure(resources=(Resource("x", "F. Hart, O. Lind & C. Moreau", "Timing", None),))
    gold = {"resources": [{"author": "F. Hart, O. Lind, & C. Moreau", "title": "Timing", "subtitle": None}]}
    score_page(structure, gold, report, "page.html")
    assert report.tallies["resources"].matched == 1
