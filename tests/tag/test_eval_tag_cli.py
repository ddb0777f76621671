"""`advice-pipeline eval tag`: the figures on stdout, errors on stderr with the pipeline's exit codes."""

from __future__ import annotations

from click.testing import CliRunner
from corpus_files import DATA

from pipeline.cli import cli

REDDIT = DATA / "tag" / "reddit"


def test_reddit_only_prints_the_headline_then_the_detector_alone() -> None:
    result = CliRunner().invoke(cli, ["eval", "tag", "--data", str(REDDIT), "--reddit-only"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Headline: the decision of classify/run")
    assert [line.split(",")[0].strip() for line in lines[2:4]] == ["Reddit needadvice test", "Reddit askparents test"]
    assert lines[5] == "Diagnostic: the advice_detector alone on the Reddit test splits (advice class)"
    assert [line.split()[0] for line in lines[7:]] == ["needadvice", "needadvice", "askparents", "askparents"]


def test_a_holdout_set_is_a_headline_row_of_its_own() -> None:
    holdout = DATA / "tag" / "labels" / "wcxb_dev_sentences.jsonl"
    result = CliRunner().invoke(cli, ["eval", "tag", "--data", str(REDDIT), "--reddit-only", "--holdout", str(holdout)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[4].startswith(
        "  wcxb_dev_sentences.jsonl, shipped, scored once     4  0.667  1.000  0.800")
    assert "False positives, wcxb_dev_sentences.jsonl, shipped, scored once, by kind of line" in result.stdout


def test_a_holdout_that_does_not_exist_fails_with_its_path(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["eval", "tag", "--data", str(REDDIT), "--reddit-only", "--holdout",
                                      str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'absent.jsonl'}: cannot read")


def test_missing_data_fails_with_the_path_on_stderr(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["eval", "tag", "--data", str(tmp_path / "absent"), "--reddit-only"])
    assert result.exit_code == 2  # a path that cannot be read
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {tmp_path / 'absent' / 'needadvice_test.tsv'}: cannot read")


def test_one_fold_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["eval", "tag", "--data", str(REDDIT), "--folds", "1"])
    assert result.exit_code == 2
