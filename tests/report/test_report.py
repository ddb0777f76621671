"""The review report as a library and a command: what it writes, what it escapes, what it compares."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from pipeline.cli import cli
from pipeline.errors import InputError, UsageError
from pipeline.report import render_record, write_report

from report.conftest import HOSTILE_ID


def _all(element, tag: str, css_class: str | None = None, *, id_: str | None = None) -> list:
    """Elements under `element` by tag and class (or inside the element of id `id_`)."""
    scope = f'//*[@id="{id_}"]' if id_ else "."
    test = f'[contains(concat(" ", normalize-space(@class), " "), " {css_class} ")]' if css_class else ""
    return element.xpath(f"{scope}//{tag}{test}")


def _records(folder: Path) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))]


def test_index_lists_every_record_with_its_counts(corpus_run, tmp_path):
    summary = write_report(corpus_run, tmp_path / "report")
    index = html.parse(str(summary.index)).getroot()
    rows = _all(index, "tr", "record-row")
    assert summary.records == len(rows) == 27
    seed_row = next(row for row in rows if "12 Crucial Steps" in row.text_content())
    assert [cell.text_content() for cell in _all(seed_row, "td")[1:7]] == [
        "eNotAlone", "2024-08-27", "12", "5", "3", "121"
    ]
    linked = {_all(row, "a")[0].get("href") for row in rows}
    assert all((tmp_path / "report" / href).is_file() for href in linked)


def test_record_page_numbers_steps_marks_quotes_and_highlights_advice(corpus_run):
    seed = next(record for record in _records(corpus_run) if record["title"].startswith("12 Crucial"))
    page = html.fromstring(render_record(seed))
    assert [span.text_content() for span in _all(page, "span", "step-number")] == [str(n) for n in range(1, 13)]
    assert [span.text_content() for span in _all(page, "span", "speaker")] == [
        "Helen Fisher", "John Gottman", "Esther Perel"
    ]
    assert len(page.xpath("//mark[@data-form]")) == len(seed["advice"])
    assert _all(page, "p", "takeaway")[0].text_content().startswith("Reflect on why you broke up.")


def test_page_text_is_shown_as_text_never_as_markup(corpus_run):
    hostile = next(record for record in _records(corpus_run) if record["id"] == HOSTILE_ID)
    markup = render_record(hostile)
    page = html.fromstring(markup)
    assert [script.get("src") for script in page.iter("script")] == ["../assets/report.js"]
    assert not page.xpath("//img")
    assert "<script>document.body" in _all(page, "h1", "record-title")[0].text_content()
    assert "onerror" not in {name for element in page.iter() for name in element.attrib}


def test_compare_marks_the_fields_that_changed(corpus_run, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    for record in _records(corpus_run):
        if record["title"].startswith("12 Crucial"):
            record["steps"] = record["steps"][:11]
            record["author"] = "Someone Else"
        (other / f"{record['id']}.json").write_text(json.dumps(record))
    summary = write_report(corpus_run, tmp_path / "report", compare=other)
    assert summary.changed == 1
    index = html.parse(str(summary.index)).getroot()
    changed_row = next(row for row in _all(index, "tr", "record-row") if row.get("data-changed") != "0")
    compare = html.parse(str(tmp_path / "report" / _all(changed_row, "a")[-1].get("href"))).getroot()
    assert [_all(row, "th")[0].text_content() for row in _all(compare, "tr", "changed")] == ["author", "steps"]


def test_failed_inputs_and_run_summary_are_shown(corpus_run, tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    (run / "page.json").write_text((corpus_run / f"{HOSTILE_ID}.json").read_text())
    (run / "errors.jsonl").write_text(
        json.dumps({"source": "pages/<b>broken</b>.html", "stage": "clean", "error_type": "NoArticleError",
                    "message": "no article text"}) + "\n"
    )
    (run / "summary.json").write_text(json.dumps({"written": 1, "failed": 1, "pages_per_second": 2.5}))
    index = html.parse(str(write_report(run, tmp_path / "report").index)).getroot()
    assert [cell.text_content() for cell in _all(index, "td", id_="errors")] == [
        "pages/<b>broken</b>.html", "clean", "NoArticleError", "no article text"
    ]
    assert [term.text_content() for term in _all(index, "dt", id_="run-summary")] == ["written", "failed", "pages_per_second"]


def test_json_lines_input_gives_the_same_index_rows(corpus_run, tmp_path):
    lines = tmp_path / "records.jsonl"
    lines.write_text("".join(json.dumps(record) + "\n" for record in _records(corpus_run)))
    from_folder = write_report(corpus_run, tmp_path / "a")
    from_lines = write_report(lines, tmp_path / "b")
    rows = [_all(html.parse(str(summary.index)).getroot(), "tr", "record-row") for summary in (from_folder, from_lines)]
    assert [row.text_content() for row in rows[0]] == [row.text_content() for row in rows[1]]


def test_a_folder_that_is_not_a_report_is_never_written_into(corpus_run, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="is not a report folder"):
        write_report(corpus_run, tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_a_file_that_holds_no_records_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not a directory of records"):
        write_report(Path(__file__), tmp_path / "report")


def test_a_cut_off_gzip_of_records_is_an_unreadable_path(corpus_run, tmp_path):
    lines = gzip.compress("".join(json.dumps(record) + "\n" for record in _records(corpus_run)).encode())
    cut = tmp_path / "records.jsonl.gz"
    cut.write_bytes(lines[: len(lines) // 2])
    result = CliRunner().invoke(cli, ["report", str(cut), "-o", str(tmp_path / "report")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {cut}: cannot read: ")


def test_report_command_writes_the_index_and_says_where(corpus_run, tmp_path):
    result = CliRunner().invoke(cli, ["report", str(corpus_run), "-o", str(tmp_path / "report")])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"report of 27 records and 0 failed inputs: {tmp_path / 'report' / 'index.html'}\n"


def test_report_command_refuses_a_missing_input_as_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["report", str(tmp_path / "missing"), "-o", str(tmp_path / "report")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
