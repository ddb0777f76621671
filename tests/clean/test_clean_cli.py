"""`advice-pipeline clean` (formats: test_clean_render.py) and `advice-pipeline eval clean`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

CLEAN_DATA = Path(__file__).resolve().parents[1] / "data" / "clean"
BANNERS = str(CLEAN_DATA / "banners.html")
COMMENTS = str(CLEAN_DATA / "comments.html")


def test_clean_text_prints_the_main_text_of_each_page():
    result = CliRunner().invoke(cli, ["clean", "--text", BANNERS])
    assert result.exit_code == 0
    assert result.stdout.startswith("Most sleep advice asks for a new mattress")
    assert result.stdout.endswith("once the lights are out.\n")  # one page: no separator after it


def test_clean_text_writes_one_txt_per_input_and_reports_bad_ones(tmp_path):
    missing = str(tmp_path / "missing.html")
    result = CliRunner().invoke(
        cli, ["clean", BANNERS, missing, str(CLEAN_DATA / "no-article.html"), COMMENTS, "--text", "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 2  # the missing path
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["banners.txt", "comments.txt"]
    assert (tmp_path / "out" / "comments.txt").read_text(encoding="utf-8").startswith("Overthinking feels like")
    assert result.stderr.splitlines() == [
        f"error: {missing}: no such file",
        f"error: {CLEAN_DATA / 'no-article.html'}: page holds no article text",
    ]


def test_eval_clean_prints_the_table_for_our_stage_and_trafilatura():
    pytest.importorskip("trafilatura")
    result = CliRunner().invoke(cli, ["eval", "clean", "--bench-dir", str(CLEAN_DATA / "bench")])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[2].startswith("| advice-pipeline clean | 1.000 | 1.000 | 1.000 |")
    assert [line.split(" | ")[0] for line in lines[3:7]] == [
        "| trafilatura default",
        "| trafilatura favor_precision",
        "| trafilatura default, no comments",
        "| trafilatura favor_precision, no comments",
    ]
    assert lines[-1].startswith("speed ratio (advice-pipeline clean / trafilatura default): ")


def test_eval_clean_on_a_directory_without_ground_truth_exits_2(tmp_path):
    pytest.importorskip("trafilatura")
    result = CliRunner().invoke(cli, ["eval", "clean", "--bench-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "no ground-truth.json" in result.stderr
