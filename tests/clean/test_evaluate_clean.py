"""The clean benchmark's scorer: 4-word shingles, per-page precision and recall, F1 of the means."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.evaluate.clean import (
    BenchPage,
    BenchSet,
    Extraction,
    Tool,
    compare,
    format_report,
    load_bench,
    load_pages,
    page_precision_recall,
    run_tools,
    same_author,
    same_date,
    same_title,
    score_tool,
    shingles,
    words,
)

BENCH = Path(__file__).resolve().parents[1] / "data" / "clean" / "bench"
WCXB = Path(__file__).resolve().parents[1] / "data" / "clean" / "wcxb"


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


def test_f1_is_the_harmonic_mean_of_mean_precision_and_mean_recall_on_scrapinghub():
    pages = (BenchPage("a", b"", "one two three four five"), BenchPage("b", b"", "six seven eight nine"))
    bench = BenchSet("sh", "shingles", pages)
    result, _ = score_tool("tool", bench, [Extraction("one two three four five"), Extraction(None)], 4.0, None)
    assert (result.precision, result.recall, result.f1, result.pages_per_second) == (1.0, 0.5, 2 / 3, 0.5)
    assert (result.refused, result.refused_long) == (1, 0)


def test_wcxb_words_are_lower_cased_and_f1_is_the_mean_of_page_f1s():
    assert words("The cat, the HAT") == Counter({"the": 2, "cat": 1, "hat": 1})
    pages = (BenchPage("a", b"", "One two three four"), BenchPage("b", b"", "five six"))
    bench = BenchSet("wcxb", "words", pages)
    result, page_scores = score_tool("tool", bench, [Extraction("one two"), Extraction(None)], 1.0, None)
    assert [page.f1 for page in page_scores] == [2 / 3, 0.0]
    assert (result.precision, result.recall, result.f1) == (0.5, 0.25, 1 / 3)


def test_a_page_is_cut_short_when_we_keep_under_half_and_the_other_tool_over_80_percent():
    gold = " ".join(f"w{index}" for index in range(10))
    bench = BenchSet("wcxb", "words", (BenchPage("a", b"", gold), BenchPage("b", b"", gold)))
    _, theirs = score_tool("them", bench, [Extraction(gold), Extraction("w0 w1 w2 w3 w4 w5 w6 w7")], 1.0, None)
    ours, _ = score_tool("us", bench, [Extraction("w0 w1 w2 w3"), Extraction("w0 w1 w2 w3")], 1.0, theirs)
    assert ours.cut_short == 1


def test_metadata_matches_ignore_case_punctuation_name_order_and_time_of_day():
    assert same_title("How to Stop Overthinking!", "how to stop overthinking")
    assert not same_title("How to Stop Overthinking | Calm Corner", "How to Stop Overthinking")
    assert same_author("Reyes, Dana and Sam Okafor", "Sam Okafor, Dana Reyes")
    assert same_date("2023-03-14T09:30:00+01:00", "2023-03-14")
    assert same_date(None, None) and not same_date("2023-03-14", None)


def test_load_pages_reads_gzipped_pages_with_their_gold_text_in_id_order():
    pages = load_pages(BENCH)
    assert [page.page_id for page in pages] == ["overthinking", "sleep"]
    assert pages[1].html.startswith(b"<!DOCTYPE html>")
    assert pages[1].expected.startswith("Most sleep advice")


def test_a_directory_in_neither_layout_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="not a bench folder"):
        load_pages(tmp_path)


def test_wcxb_layout_brings_gold_metadata_and_snippets():
    bench = load_bench(WCXB)
    assert (bench.name, bench.metric, bench.has_metadata, len(bench.pages)) == ("wcxb", "words", True, 2)
    page = bench.pages[1]
    assert (page.page_id, page.title, page.author, page.date) == ("0002", "How to Stop Overthinking", "Dana Reyes", "2023-03-14")
    assert page.without_snippets == ("3 thoughts on",)


def test_report_shows_both_tools_snippets_metadata_speed_and_the_worst_pages():
    bench = load_bench(WCXB)
    gold = Tool("gold", lambda html: Extraction(next(p.expected for p in bench.pages if p.html == html), "x", None, None))
    nothing = Tool("nothing", lambda html: Extraction(None))
    report = compare(bench, [nothing, gold], worst=5)
    lines = format_report(report).splitlines()
    assert lines[0] == "## wcxb: 2 pages (words, mean of per-page F1)"
    assert lines[3].startswith("| nothing | 0.000 | 0.000 | 0.000 | 2 (0) | 2 | 0.000 | 1.000 | 0.000 | 0.000 | 0.000 |")
    assert lines[4].startswith("| gold | 1.000 | 1.000 | 1.000 | 0 (0) | 0 | 1.000 | 1.000 | 0.000 | 0.000 | 0.000 |")
    assert lines[6].startswith("speed ratio (nothing / gold): ")
    assert [line.split(":")[0] for line in lines[9:]] == ["- 0001", "- 0002"]


def test_run_tools_gives_every_tool_every_page_and_adds_untimed_metadata():
    pages = load_pages(BENCH)
    titled = Tool("titled", lambda html: Extraction("text"), lambda html, found: Extraction(found.text, "Title"))
    extractions, seconds = run_tools([titled, Tool("nothing", lambda html: Extraction(None))], pages)
    assert extractions == [[Extraction("text", "Title")] * 2, [Extraction(None)] * 2]
    assert len(seconds) == 2
