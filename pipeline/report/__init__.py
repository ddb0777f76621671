"""A static HTML report of a run's records, for people to review what a batch extracted.

    from pipeline.report import write_report
    summary = write_report(Path("output"), Path("report"))                 # one run
    write_report(Path("output"), Path("report"), compare=Path("old-output"))  # two runs

The report is a folder: `index.html` (every record, sortable and filterable, the failed inputs
and the run summary), `records/<id>.html` (the article as a reader sees it, steps numbered in
the margin, takeaways boxed, quotes attributed, advice highlighted by type), `compare/<id>.html`
with `compare`, and `assets/` holding the one stylesheet and script. Nothing is fetched from a
network when it is opened, and no text from a page is ever interpreted as markup.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline.errors import UsageError
from pipeline.report._pages import (
    IndexRow,
    Legend,
    changed_fields,
    compare_page,
    compared_view,
    index_page,
    legend_from,
    record_page,
)
from pipeline.report._records import RunOutput, open_run_output

__all__ = ["ReportSummary", "render_record", "write_report"]

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What `write_report` wrote: where, and how many records, failed inputs and changed pages."""

    index: Path
    records: int
    errors: int
    changed: int | None

    def line(self) -> str:
        compared = f", {self.changed} changed against the other run" if self.changed is not None else ""
        return f"report of {self.records} records and {self.errors} failed inputs{compared}: {self.index}"


def write_report(source: Path, out: Path, *, compare: Path | None = None, summary: Path | None = None) -> ReportSummary:
    """Write the report of the run output at `source` (a directory of records, or a .jsonl or
    .jsonl.gz file) into the folder `out`; with `compare`, each record beside the same page's
    record in that other run output. Raises InputError when an input cannot be read."""
    run = open_run_output(source)
    others = _views_by_key(open_run_output(compare)) if compare else None
    legend = _legend()
    _prepare(out, comparing=others is not None)
    rows = [_write_record(record, out, legend, others) for record in run.records()]
    errors = run.errors()
    index = out / "index.html"
    index.write_text(index_page(rows, errors, run.summary(summary), legend), encoding="utf-8")
    changed = sum(1 for row in rows if row.changed) if others is not None else None
    return ReportSummary(index=index, records=len(rows), errors=len(errors), changed=changed)


def render_record(record: dict[str, Any]) -> str:
    """The HTML of one record's review page (for a notebook: `IPython.display.HTML(...)`)."""
    return record_page(record, _legend())


def _write_record(record: dict[str, Any], out: Path, legend: Legend, others: dict[str, dict[str, Any]] | None) -> IndexRow:
    name = _page_name(record, out)
    (out / "records" / name).write_text(record_page(record, legend), encoding="utf-8")
    if others is None:
        return IndexRow.of(record, f"records/{name}")
    view, other = compared_view(record), others.get(_key(record))
    changed = changed_fields(view, other)
    (out / "compare" / name).write_text(compare_page(view, other, changed), encoding="utf-8")
    return IndexRow.of(record, f"records/{name}", f"compare/{name}", changed)


def _page_name(record: dict[str, Any], out: Path) -> str:
    stem = _UNSAFE_NAME.sub("-", str(record.get("id") or "record")).strip("-.")[:120] or "record"
    name, suffix = f"{stem}.html", 2
    while (out / "records" / name).exists():
        name, suffix = f"{stem}-{suffix}.html", suffix + 1
    return name


def _views_by_key(run: RunOutput) -> dict[str, dict[str, Any]]:
    return {_key(record): compared_view(record) for record in run.records()}


def _key(record: dict[str, Any]) -> str:
    """What makes two runs' records the same page: its URL, else its path, else its content."""
    source = record.get("source") or {}
    return source.get("url") or source.get("path") or source.get("content_sha256") or str(record.get("id"))


def _prepare(out: Path, *, comparing: bool) -> None:
    """Make `out` ready: a new folder, or an earlier report whose pages are replaced; any other
    folder with files in it is refused rather than written into."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "index.html").is_file())):
        raise UsageError(str(out), "exists and is not a report folder; give a new or empty folder")
    for folder in ("records", "compare"):
        shutil.rmtree(out / folder, ignore_errors=True)
    (out / "records").mkdir(parents=True, exist_ok=True)
    if comparing:
        (out / "compare").mkdir()
    (out / "assets").mkdir(exist_ok=True)
    for asset in ("report.css", "report.js"):
        (out / "assets" / asset).write_bytes((resources.files(__name__) / "assets" / asset).read_bytes())


def _legend() -> Legend:
    taxonomy = json.loads((resources.files("pipeline") / "tag" / "data" / "taxonomy.json").read_text(encoding="utf-8"))
    return legend_from((entry["name"], entry["definition"]) for entry in taxonomy["types"])
