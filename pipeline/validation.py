"""Checking records against the contract: the JSON Schema of their version, then the semantic rules.

`validate_record(record)` is the one check every record meets, in `run` (through
`check_record`, which raises InvalidRecord) and in `advice-pipeline validate` (through
`validate_entries`, which streams records from files). The schema check is jsonschema-rs,
compiled once per schema version with format checking on; its own messages are the report,
so the fast path and the report can never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

from pipeline.errors import InvalidRecord
from pipeline.problems import Problem, cut_short, pointer
from pipeline.record_files import Entry
from pipeline.record_schema import choose, compiled
from pipeline.semantics import semantic_problems

# orjson refuses documents nested deeper than this, and numbers beyond a double's range.
MAX_DEPTH = 1024
PROGRESS_EVERY = 256


@dataclass(frozen=True, slots=True)
class Verdict:
    """A record's problems, and a note when it was checked against an older schema than it names."""

    problems: list[Problem]
    note: str | None = None


def validate_record(record: Any, raw: bytes | None = None) -> list[Problem]:
    """Every way `record` breaks the contract; empty when it is valid. `raw` is the JSON text
    it was parsed from, if any (it speeds up the text checks)."""
    return check(record, raw).problems


def check_record(record: Any, source: str) -> None:
    """Raise InvalidRecord naming the first problem when `record` breaks the contract."""
    problems = validate_record(record)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InvalidRecord(source, f"invalid record at {problems[0]}{more}")


def check(record: Any, raw: bytes | None = None) -> Verdict:
    """The schema named by the record's `schema_version`, then the semantic rules."""
    version = record.get("schema_version") if isinstance(record, dict) else None
    choice = choose(version if isinstance(version, str) else None)
    if choice.key is None:
        return Verdict([Problem("/schema_version", choice.message or "", cut_short(record["schema_version"]))])
    validator = compiled(choice.key)
    problems = [] if validator.is_valid(record) else _schema_problems(validator, record)
    return Verdict(problems + semantic_problems(record, raw), choice.message)


def _schema_problems(validator: Any, record: Any) -> list[Problem]:
    problems = []
    for error in validator.iter_errors(record):
        path = list(error.instance_path)
        value = _value_at(record, path)
        message = error.message
        if isinstance(value, float) and not math.isfinite(value):
            message = f"{value} is not a finite number"
        shown = None if isinstance(value, (dict, list)) else cut_short(value)
        problems.append(Problem(pointer(path), message, shown))
    return problems


def _value_at(document: Any, path: list[str | int]) -> Any:
    for part in path:
        document = document[part]
    return document


def parse(raw: bytes) -> Any:
    """The JSON value of `raw`; raises ValueError with a one-line reason when it is not JSON
    this tool reads (bad syntax, NaN, nested deeper than MAX_DEPTH, a number beyond a double)."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        reason = error.msg
        if "depth limit" in reason:
            reason = f"nested deeper than {MAX_DEPTH} levels"
        elif raw[error.pos : error.pos + 4].lstrip(b"-")[:3] in (b"NaN", b"Inf"):
            reason = "NaN and Infinity are not JSON numbers"
        elif "infinity" in reason:
            reason = "a number too large to read (beyond a double's range)"
        where = f" (line {error.lineno}, column {error.colno})" if error.lineno > 1 else f" (column {error.colno})"
        cut = "; the data ends inside this record: truncated?" if error.pos >= len(raw.rstrip()) else ""
        raise ValueError(f"not JSON: {reason}{where}{cut}") from None


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of validate's report: a record's problem, a file that cannot be read, or a note."""

    kind: str  # "invalid", "unreadable" or "note"
    path: str
    line: int
    message: str
    pointer: str = ""
    value: str | None = None

    def __str__(self) -> str:
        if self.kind == "unreadable":
            return f"error: {self.path}: {self.message}"
        if self.kind == "note":
            return f"{self.path}:{self.line}: note: {self.message}"
        return f"{self.path}:{self.line}: {Problem(self.pointer, self.message, self.value)}"

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "file": self.path, "line": self.line, "pointer": self.pointer,
                "message": self.message, "value": self.value}


@dataclass(slots=True)
class Summary:
    """What one validate run saw: counts, and whether --max-errors stopped it."""

    files: int = 0
    records: int = 0
    invalid: int = 0
    problems: int = 0
    unreadable: int = 0
    notes: int = 0
    bytes_read: int = 0
    stopped: bool = False
    _last_path: str | None = field(default=None, repr=False)

    @property
    def exit_code(self) -> int:
        return 2 if self.unreadable else 1 if self.invalid else 0

    def line(self) -> str:
        records = f"{self.records} record" + ("" if self.records == 1 else "s")
        files = f"{self.files} file" + ("" if self.files == 1 else "s")
        text = f"{records} in {files}: {self.records - self.invalid} valid, {self.invalid} invalid"
        if self.unreadable:
            text += f", {self.unreadable} unreadable"
        if self.stopped:
            text += f"; stopped after {self.problems} problems (--max-errors)"
        return text

    def as_json(self) -> dict[str, Any]:
        return {"summary": {"files": self.files, "records": self.records, "valid": self.records - self.invalid,
                            "invalid": self.invalid, "unreadable": self.unreadable, "problems": self.problems,
                            "notes": self.notes, "stopped": self.stopped, "exit_code": self.exit_code}}

    def count(self, entry: Entry) -> None:
        if entry.path != self._last_path:
            self.files += 1
            self._last_path = entry.path
        if entry.unreadable is None:
            self.records += 1
            self.bytes_read += len(entry.raw or b"")


def validate_entries(
    entries: Iterable[Entry],
    report: Callable[[Finding], None],
    max_errors: int | None = None,
    progress: Callable[[Summary], None] | None = None,
) -> Summary:
    """Check every entry, reporting each finding as it is found; stop after `max_errors` problems."""
    summary = Summary()
    for entry in entries:
        summary.count(entry)
        findings = entry_findings(entry)
        for finding in findings:
            report(finding)
        summary.notes += sum(f.kind == "note" for f in findings)
        summary.unreadable += any(f.kind == "unreadable" for f in findings)
        problems = sum(f.kind == "invalid" for f in findings)
        summary.problems += problems
        summary.invalid += problems > 0
        if progress and summary.records % PROGRESS_EVERY == 0:
            progress(summary)
        if max_errors is not None and summary.problems >= max_errors:
            summary.stopped = True
            break
    return summary


def entry_findings(entry: Entry) -> list[Finding]:
    """What validate reports about one entry: nothing when it holds a valid record."""
    if entry.unreadable is not None:
        return [Finding("unreadable", entry.path, entry.line, entry.unreadable)]
    if entry.problem is not None or entry.raw is None:
        return [Finding("invalid", entry.path, entry.line, entry.problem or "no record")]
    try:
        record = parse(entry.raw)
    except ValueError as error:
        return [Finding("invalid", entry.path, entry.line, str(error))]
    verdict = check(record, entry.raw)
    findings = [Finding("note", entry.path, entry.line, verdict.note, "/schema_version")] if verdict.note else []
    return findings + [Finding("invalid", entry.path, entry.line, p.message, p.pointer, p.value) for p in verdict.problems]
