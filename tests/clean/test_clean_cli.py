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


def test_eval_clean_prints_a_table_per_bench_folder_for_our_stage_and_trafilatura():
    pytest.importorskip("trafilatura")
    result = CliRunner().invoke(cli, ["eval", "clean", str(CLEAN_DATA / "bench"), str(CLEAN_DATA / "wcxb"), "--worst", "3"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "## bench: 2 pages (4-word shingles, F1 of the mean P and R)"
    assert lines[3].startswith("| advice-pipeline clean | 1.000 | 1.000 | 1.000 | 0 (0) | 0 | - | - | - | - | - |")
    assert lines[4].startswith("| trafilatura 2.3.1 |")
    assert lines[6].startswith("speed ratio (advice-pipeline clean / trafilatura 2.3.1): ")
    wcxb = lines.index("## wcxb: 2 pages (words, mean of per-page F1)")
    assert lines[wcxb + 3].startswith("| advice-pipeline clean | 1.000 | 1.000 | 1.000 | 0 (0) | 0 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 |")


def test_eval_clean_on_a_directory_in_neither_layout_exits_2(tmp_path):
    pytest.importorskip("trafilatura")
    result = CliRunner().invoke(cli, ["eval", "clean", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a bench folder" in result.stderr
