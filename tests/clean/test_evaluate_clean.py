"""The clean benchmark's scorer: 4-word shingles, per-page precision and recall, F1 of the means."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.evaluate.clean import (
    BenchPage,
    ToolScore,
    format_table,
    load_pages,
    page_precision_recall,
    run_tools,
    score,
    shingles,
)

BENCH = Path(__file__).resolve().parents[1] / "data" / "clean" / "bench"


def test_shingles_are_the_multiset_of_word_4_grams():
    assert shingles("a b, c d a b c d") == Counter(
        {("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1, ("c", "d", "a", "b"): 1, ("d", "a", "b", "c"): 1}
    )


def test_a_text_shorter_than_4_words_is_one_shorter_shingle():
    assert shingles("Hello, world") == Counter({("Hello", "world"): 1})
    assert shingles("  ...  ") == Counter()


def test_page_precision_and_recall_count_shared_shingles():
    assert page_precision_recall("one two three four five", "one two three four six seven") == (0.5, 1 / 3)


def test_empty_prediction_has_no_precision_and_an_empty_page_scores_one():
    assert page_precision_recall("", "one two three four") == (None, 0.0)
    assert page_precision_recall("", "") == (1.0, 1.0)


def test_f1_is_the_harmonic_mean_of_mean_precision_and_mean_recall():
    pages = [BenchPage("a", b"", "one two three four five"), BenchPage("b", b"", "six seven eight nine")]
    result = score("tool", ["one two three four five", ""], pages, seconds=4.0)
    assert result == ToolScore("tool", precision=1.0, recall=0.5, f1=2 / 3, pages_per_second=0.5)


def test_load_pages_reads_gzipped_pages_with_their_gold_text_in_id_order():
    pages = load_pages(BENCH)
    assert [page.page_id for page in pages] == ["overthinking", "sleep"]
    assert pages[1].html.startswith(b"<!DOCTYPE html>")
    assert pages[1].expected.startswith("Most sleep advice")


def test_a_directory_without_ground_truth_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no ground-truth.json"):
        load_pages(tmp_path)


def test_table_prints_each_tool_and_the_speed_ratio():
    table = format_table([ToolScore("ours", 0.97, 0.98, 0.975, 60.0), ToolScore("trafilatura default", 0.9, 0.9, 0.9, 50.0)])
    assert table.splitlines() == [
        "| tool | precision | recall | F1 | pages/s |",
        "|---|---|---|---|---|",
        "| ours | 0.970 | 0.980 | 0.975 | 60.0 |",
        "| trafilatura default | 0.900 | 0.900 | 0.900 | 50.0 |",
        "",
        "speed ratio (ours / trafilatura default): 1.20x",
    ]


def test_run_tools_scores_each_tool_on_every_page():
    pages = load_pages(BENCH)
    scores = run_tools([("echo gold", lambda html: pages[0].expected), ("nothing", lambda html: "")], pages)
    assert [(s.tool, s.precision, s.recall) for s in scores] == [("echo gold", 0.5, 0.5), ("nothing", 0.0, 0.0)]
