"""The segment scorer and its `eval segment` command: figures per field over a corpus of gold files."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import UsageError
from pipeline.evaluate.segment import (
    SegmentReport, bench_page, evaluate_corpus, evaluate_real, normalise, score_baseline, score_record)
from pipeline.evaluate.textacy_quotes import textacy_baseline
from pipeline.settings import Settings


@pytest.fixture(scope="module")
def baseline():
    return textacy_baseline(Settings().spacy_model)


@pytest.fixture(scope="module")
def report(segment_data, baseline):
    return evaluate_corpus(segment_data / "scoring", Settings(), baseline=baseline)


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
    assert "commute: step titles: missed 'arrive early'" in report.misses


def test_table_aligns_one_row_per_field(report):
    lines = report.table().splitlines()
    assert lines[0].split() == [
        "field", "precision", "recall", "F1", "matched", "predicted", "gold", "gold", "in", "text"]
    assert lines[1].split() == ["page", "titles", "1.000", "1.000", "1.000", "1", "1", "1", "-"]
    assert lines[2].split() == ["step", "titles", "0.667", "0.667", "0.667", "2", "3", "3", "2"]
    assert lines[-1] == "pages: 1"
    assert len({len(line) for line in lines[:-1]}) == 1


def test_directory_without_gold_files_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no \\*.gold.json files"):
        evaluate_corpus(tmp_path, Settings())


def test_page_title_scores_the_record_title_against_the_gold_title(report):
    tally = report.tallies["page titles"]
    assert (tally.matched, tally.predicted, tally.gold) == (1, 1, 1)


def test_textacy_baseline_rows_score_its_quotes_beside_ours(report):
    # textacy misses the "puts it" quote and takes two lines of the page's comments ("my boss said").
    lines = report.table().splitlines()
    assert [line.split()[:9] for line in lines[8:10]] == [
        ["quote", "text", "(textacy)", "0.000", "0.000", "0.000", "0", "2", "1"],
        ["quote", "speaker", "(textacy)", "0.000", "0.000", "0.000", "0", "2", "1"]]


def test_textacy_baseline_takes_the_cue_verbs_subject_without_resolving_pronouns(baseline):
    body = ('"Sleep is a process you allow, not a switch," says Anika Rao.\n\n'
            'Tom Okafor met her later. "Money is a tool and nothing more," he said.\n\n'
            'An "unclosed quotation mark makes textacy give up on the block, says Anika Rao.')
    assert baseline(body) == [('"Sleep is a process you allow, not a switch,"', "Anika Rao"),
                              ('"Money is a tool and nothing more,"', "he")]


def test_baseline_quotes_count_text_and_speaker_against_the_gold_quotes(baseline):
    report = SegmentReport()
    report.tallies.update({name: type(report.tallies["quote text"])() for name in
                           ("quote text (textacy)", "quote speaker (textacy)")})
    gold = {"quotes": [{"text": "Money is a tool and nothing more", "speaker": "Tom Okafor"}]}
    score_baseline([('"Money is a tool and nothing more,"', "he")], gold, report)
    text, speaker = report.tallies["quote text (textacy)"], report.tallies["quote speaker (textacy)"]
    assert (text.matched, text.predicted, text.gold) == (1, 1, 1)
    assert (speaker.matched, speaker.predicted, speaker.gold) == (0, 1, 1)


def test_real_set_reads_its_pages_gzipped_from_the_bench(segment_data, report, baseline):
    real = evaluate_real(segment_data / "real" / "dev", segment_data / "bench", Settings(), baseline)
    assert real.name == "dev"
    assert {name: (t.matched, t.predicted, t.gold) for name, t in real.tallies.items()} == {
        name: (t.matched, t.predicted, t.gold) for name, t in report.tallies.items()}


def test_bench_page_is_the_gzipped_html_of_the_named_dataset(tmp_path):
    assert bench_page(tmp_path, "wcxb-dev-articles/0214") == tmp_path / "wcxb-dev-articles" / "html" / "0214.html.gz"


def test_worst_lists_the_pages_with_most_misses_first():
    report = SegmentReport()
    score_record({"title": "A"}, {"title": "A", "takeaways": ["x", "y"]}, report, "two")
    score_record({"title": "B"}, {"title": "A"}, report, "one")
    score_record({"title": "A"}, {"title": "A"}, report, "none")
    assert report.worst(5) == [("one", 2), ("two", 2)]
    assert report.worst(1) == [("one", 2)]


def test_a_page_the_pipeline_refuses_scores_as_an_empty_record(segment_data):
    report = evaluate_corpus(segment_data / "scoring-missing-page", Settings())
    assert report.pages == 1
    assert report.tallies["step titles"].predicted == 0


def test_quotation_marks_and_edge_punctuation_are_not_scored():
    assert normalise("“Skip the Tutorial?”") == normalise("skip the tutorial")


def test_eval_segment_prints_the_table_and_exits_zero(segment_data, report):
    result = CliRunner().invoke(cli, ["eval", "segment", "--set", "corpus", "--corpus", str(segment_data / "scoring")])
    assert result.exit_code == 0
    assert result.stdout == "== corpus ==\n" + report.table() + "\n"


def test_eval_segment_scores_each_set_apart_and_names_the_worst_pages(segment_data, report):
    result = CliRunner().invoke(cli, [
        "eval", "segment", "--set", "corpus", "--set", "dev", "--corpus", str(segment_data / "scoring"),
        "--real", str(segment_data / "real"), "--bench", str(segment_data / "bench"), "--worst", "3"])
    assert result.exit_code == 0
    assert result.stdout.count(report.table()) == 2
    assert "== dev ==" in result.stdout
    assert result.stdout.count("worst: commute: 3 missed or extra") == 2


def test_eval_segment_exits_one_when_a_page_cannot_be_read(segment_data):
    result = CliRunner().invoke(
        cli, ["eval", "segment", "--set", "corpus", "--corpus", str(segment_data / "scoring-missing-page")])
    assert result.exit_code == 1
    assert "gone.html" in result.stderr


def test_ampersand_and_the_word_and_score_as_the_same_author_list():
    report = SegmentReport()
    record = {"resources": [{"author": "P. Vantongeren and M. Lusk", "title": "Sorted", "subtitle": None}]}
    gold = {"resources": [{"author": "P. Vantongeren & M. Lusk", "title": "Sorted", "subtitle": None}]}
    score_record(record, gold, report, "page.html")
    assert report.tallies["resources"].matched == 1


def test_serial_comma_before_the_last_author_is_not_scored():
    report = SegmentReport()
    record = {"resources": [{"author": "F. Hart, O. Lind & C. Moreau", "title": "Timing", "subtitle": None}]}
    gold = {"resources": [{"author": "F. Hart, O. Lind, & C. Moreau", "title": "Timing", "subtitle": None}]}
    score_record(record, gold, report, "page.html")
    assert report.tallies["resources"].matched == 1


def test_step_titles_match_in_order_so_one_missed_step_does_not_shift_the_rest():
    report = SegmentReport()
    gold = {"steps": [{"number": n, "title": t} for n, t in ((1, "A"), (2, "B"), (3, "C"), (5, "D"))]}
    record = {"steps": [{"number": n, "title": t} for n, t in ((1, "A"), (2, "C"), (3, "D"), (4, "B"))]}
    score_record(record, gold, report, "page")
    tally = report.tallies["step titles"]
    assert (tally.matched, tally.predicted, tally.gold) == (3, 4, 4)
    assert report.misses == ["page: step titles: missed 'b'", "page: step titles: extra 'b'"]
