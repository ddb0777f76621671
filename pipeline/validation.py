"""Checking record files against the schema: what `advice-pipeline validate` reports.

Reads .json files (one record each) and .jsonl files (one record a line); directories are
searched for both. Every problem names the file, the line, the JSON pointer and the reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.emit import schema_problems
from pipeline.errors import UsageError
from pipeline.outputs import ERRORS_NAME

RECORD_SUFFIXES = (".json", ".jsonl")


@dataclass(frozen=True, slots=True)
class FileProblem:
    """One reason a record file is not valid."""

    path: str
    line: int
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.pointer or '/'}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    files: int
    records: int
    problems: tuple[FileProblem, ...]

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0

    def summary(self) -> str:
        invalid = len({(p.path, p.line) for p in self.problems})
        files = f"{self.files} file" + ("" if self.files == 1 else "s")
        return f"{self.records} records in {files}: {self.records - invalid} valid, {invalid} invalid"


def _is_record_file(path: Path) -> bool:
    # A run's output directory also holds errors.jsonl and hidden bookkeeping files; not records.
    return path.suffix in RECORD_SUFFIXES and path.name != ERRORS_NAME and not path.name.startswith(".")


def record_files(paths: Iterable[str]) -> list[Path]:
    """The record files named by `paths`; raises UsageError for a path that does not exist
    or a directory without any."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_record_file(p))
            if not found:
                raise UsageError(given, "directory holds no .json or .jsonl files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(given, "no such file or directory")
    return files


def validate_paths(paths: Iterable[str]) -> ValidationReport:
    files = record_files(paths)
    records, problems = 0, []
    for path in files:
        for line, record_or_problem in _records(path):
            records += 1
            if isinstance(record_or_problem, FileProblem):
                problems.append(record_or_problem)
            else:
                problems.extend(
                    FileProblem(str(path), line, p.pointer, p.message) for p in schema_problems(record_or_problem)
                )
    return ValidationReport(files=len(files), records=records, problems=tuple(problems))


def _records(path: Path) -> Iterator[tuple[int, object]]:
    """(line, record) pairs of a file; a record that is not JSON comes as a FileProblem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        yield 1, FileProblem(str(path), 1, "", f"cannot read: {error}")
        return
    if path.suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield number, _parse(path, line, number)
    else:
        yield 1, _parse(path, text, 1)


def _parse(path: Path, text: str, line: int) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        return FileProblem(str(path), line + error.lineno - 1, "", f"not JSON: {error.msg} (column {error.colno})")
