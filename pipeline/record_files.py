"""Reading record files one record at a time, in flat memory whatever their size.

.jsonl and .jsonl.gz files hold a record a line, .json and .json.gz files one record;
directories are searched for all four. `-` is stdin, holding either records (JSON Lines, or
one pretty-printed document) or paths, one a line. What cannot be read becomes an Entry that
says why, so one bad file never stops the rest.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import UsageError
from pipeline.outputs import ERRORS_NAME

RECORD_SUFFIXES = (".json", ".jsonl", ".json.gz", ".jsonl.gz")
MAX_RECORD_BYTES = 64 * 1024 * 1024
STDIN = "-"
STDIN_NAME = "<stdin>"
_READ_ERRORS = (OSError, EOFError, zlib.error)


@dataclass(frozen=True, slots=True)
class Entry:
    """One record's JSON text as read (`raw`), or why none could be read there.

    `problem`: the text at this line is no record (too long, cut off); `unreadable`: the file
    itself cannot be read.
    """

    path: str
    line: int
    raw: bytes | None = None
    problem: str | None = None
    unreadable: str | None = None


def check_paths(paths: Iterable[str]) -> None:
    """Raise UsageError for a path that does not exist, before any record is read."""
    for given in paths:
        if given != STDIN and not _exists(Path(given)):
            raise UsageError(given, "no such file or directory")


def _exists(path: Path) -> bool:
    """Whether `path` exists; a name the system refuses (too long, say) does not."""
    try:
        return path.exists()
    except OSError:
        return False


def iter_entries(paths: Iterable[str], stdin: BinaryIO) -> Iterator[Entry]:
    """Every record of `paths`, in order: files as given, directories sorted by path."""
    for given in paths:
        yield from _stdin_entries(stdin) if given == STDIN else _path_entries(given)


def _path_entries(given: str) -> Iterator[Entry]:
    path = Path(given)
    try:
        is_dir = path.is_dir()
    except OSError as error:  # a name too long, a directory we may not look into
        yield Entry(given, 0, unreadable=f"cannot read: {error.strerror or error}")
        return
    if not _exists(path):
        yield Entry(given, 0, unreadable="no such file or directory")
    elif is_dir:
        try:
            files = sorted(p for p in path.rglob("*") if _is_record_file(p))
        except OSError as error:
            yield Entry(given, 0, unreadable=f"cannot list: {error.strerror or error}")
            return
        if not files:
            yield Entry(given, 0, unreadable="directory holds no .json, .jsonl or .jsonl.gz files")
        for file in files:
            yield from _file_entries(file)
    else:
        yield from _file_entries(path)


def _is_record_file(path: Path) -> bool:
    # A run's output directory also holds errors.jsonl and hidden bookkeeping: not records.
    return (
        path.name.endswith(RECORD_SUFFIXES) and path.name != ERRORS_NAME and not path.name.startswith(".") and path.is_file()
    )


def _file_entries(path: Path) -> Iterator[Entry]:
    name = str(path)
    try:
        stream = gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")  # noqa: SIM115
    except OSError as error:
        yield Entry(name, 0, unreadable=f"cannot read: {error.strerror or error}")
        return
    with stream:
        if path.name.endswith((".json", ".json.gz")):
            yield _whole(name, stream, b"", 1)
        else:
            yield from _lines(name, stream, 0)


def _whole(name: str, stream: BinaryIO, head: bytes, line: int) -> Entry:
    try:
        data = head + stream.read(MAX_RECORD_BYTES + 1 - len(head))
    except _READ_ERRORS as error:
        return Entry(name, line, problem=f"cannot read: {_reason(error)}")
    if len(data) > MAX_RECORD_BYTES:
        return Entry(name, line, problem=f"record longer than the {MAX_RECORD_BYTES // 2**20} MiB limit")
    return Entry(name, line, raw=data)


def _lines(name: str, stream: BinaryIO, number: int) -> Iterator[Entry]:
    """The records of a JSON Lines stream whose lines before this one numbered `number`."""
    while True:
        try:
            line = stream.readline(MAX_RECORD_BYTES + 1)
        except _READ_ERRORS as error:
            yield Entry(name, number + 1, problem=f"cannot read past line {number}: {_reason(error)}")
            return
        if not line:
            return
        number += 1
        if len(line) > MAX_RECORD_BYTES:
            yield Entry(name, number, problem=f"line longer than the {MAX_RECORD_BYTES // 2**20} MiB limit")
            if not _skip_line(stream, line):
                return
        elif line.strip():
            yield Entry(name, number, raw=line)


def _skip_line(stream: BinaryIO, read: bytes) -> bool:
    """Read to the end of an over-long line; False when the stream ended or failed first."""
    while not read.endswith(b"\n"):
        try:
            read = stream.readline(MAX_RECORD_BYTES)
        except _READ_ERRORS:
            return False
        if not read:
            return False
    return True


def _stdin_entries(stdin: BinaryIO) -> Iterator[Entry]:
    """Records or paths from stdin, told apart by the first line that is not blank."""
    number, first = 0, b""
    while not first.strip():
        first = stdin.readline(MAX_RECORD_BYTES + 1)
        number += 1
        if not first:
            return
    start = first.lstrip()[:1]
    if start in (b"{", b"[") and first.strip() in (b"{", b"["):
        yield _whole(STDIN_NAME, stdin, first, number)
    elif start in (b"{", b"["):
        yield Entry(STDIN_NAME, number, raw=first)
        yield from _lines(STDIN_NAME, stdin, number)
    else:
        yield from _path_entries(_path_line(first))
        for line in stdin:
            if line.strip():
                yield from _path_entries(_path_line(line))


def _path_line(line: bytes) -> str:
    return line.rstrip(b"\r\n").decode("utf-8", "surrogateescape")


def _reason(error: BaseException) -> str:
    if isinstance(error, EOFError):
        return "the compressed stream ends early (truncated file)"
    return str(error) or type(error).__name__
