"""Reading a run's output for the report: records, failed inputs and the run summary.

A run's output is a directory of `<name>.json` records (beside them `errors.jsonl` and a summary
JSON when the run wrote them), or a JSON Lines file (`.jsonl`, `.jsonl.gz`) of records. Records
are read one at a time; none of this module holds a whole run in memory.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pipeline.errors import InputError, UnreadablePath

_ERRORS_FILE = "errors.jsonl"
_SUMMARY_FILES = ("summary.json", "run-summary.json")


@dataclass(frozen=True, slots=True)
class RunOutput:
    """Where a run's records are, and the failed inputs and summary found beside them."""

    path: Path

    def records(self) -> Iterator[dict[str, Any]]:
        """Every record of the run, in file-name order for a directory, line order for JSON Lines;
        UnreadablePath for a file that cannot be read to its end (cut-off gzip, not UTF-8)."""
        files = sorted(self.path.iterdir()) if self.path.is_dir() else [self.path]
        for file in files:
            try:
                yield from _records_in(file, explicit=file == self.path)
            except (OSError, EOFError, UnicodeDecodeError) as error:
                raise UnreadablePath(str(file), f"cannot read: {error}") from None

    def errors(self) -> list[dict[str, Any]]:
        """The lines of `errors.jsonl` beside the records, or none."""
        errors_file = (self.path if self.path.is_dir() else self.path.parent) / _ERRORS_FILE
        if not errors_file.is_file():
            return []
        with errors_file.open(encoding="utf-8") as lines:
            return [entry for entry in map(_json_or_none, lines) if isinstance(entry, dict)]

    def summary(self, explicit: Path | None = None) -> dict[str, Any] | None:
        """The run summary: `explicit` when given, else a summary file found beside the records."""
        folder = self.path if self.path.is_dir() else self.path.parent
        candidates = [explicit] if explicit else [folder / name for name in _SUMMARY_FILES]
        for candidate in candidates:
            if candidate.is_file():
                summary = _json_or_none(candidate.read_text(encoding="utf-8"))
                if isinstance(summary, dict):
                    return summary
        return None


def open_run_output(path: Path) -> RunOutput:
    """The run output at `path`; InputError when it is neither a directory nor a records file."""
    if not path.exists():
        raise InputError(str(path), "no such file or directory")
    if not path.is_dir() and not _is_records_file(path):
        raise InputError(str(path), "not a directory of records, a .json, .jsonl or .jsonl.gz file")
    return RunOutput(path)


def _is_records_file(path: Path) -> bool:
    return path.name.endswith((".json", ".jsonl", ".jsonl.gz"))


def _records_in(file: Path, *, explicit: bool = False) -> Iterator[dict[str, Any]]:
    if file.name.startswith(".") or file.name == _ERRORS_FILE or file.name in _SUMMARY_FILES:
        return
    if file.name.endswith(".json"):
        record = _json_or_none(file.read_text(encoding="utf-8"))
        if _is_record(record):
            yield record
        elif explicit:
            raise InputError(str(file), "not an article record")
    elif file.name.endswith((".jsonl", ".jsonl.gz")):
        with _open_lines(file) as lines:
            yield from (record for record in map(_json_or_none, lines) if _is_record(record))


def _open_lines(file: Path) -> IO[str]:
    if file.name.endswith(".gz"):
        return gzip.open(file, "rt", encoding="utf-8")
    return file.open(encoding="utf-8")


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _is_record(value: Any) -> bool:
    return isinstance(value, dict) and "schema_version" in value and "body_text" in value
