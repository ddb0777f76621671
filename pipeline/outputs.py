"""Where `run` puts records: a directory of .json files, JSON Lines shards, one JSON Lines file
(.jsonl or .jsonl.gz), or stdout; and beside them errors.jsonl and the ledger `--resume` reads.

Nothing appears half-written: a record file, a shard and a JSON Lines file appear whole by a
rename, and a line on stdout is written whole or cut back. Leftover temporary files of a killed
run are removed when the next run opens the directory and when a run closes it. Any failure of
the output itself (not a directory, read-only, disk full, a closed stream) raises OutputError:
it is no page's fault, and the run stops at once. A closed pipe raises BrokenPipeError.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from pipeline.atomic_file import file_mode, write_atomically, write_temporary
from pipeline.errors import OutputError

ERRORS_NAME = "errors.jsonl"
# One line per record written, naming the input key it answers: what --resume skips.
LEDGER_NAME = ".advice-pipeline-done.jsonl"
LOCK_NAME = ".advice-pipeline.lock"
TEMP_SUFFIX = ".tmp"
SHARD_PATTERN = "records-{:05d}.jsonl"


# What a record is written as: the record itself, or another form of it (JSON-LD).
Render = Callable[[dict[str, Any]], dict[str, Any]]


def as_is(record: dict[str, Any]) -> dict[str, Any]:
    return record


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that ended without a record: a line of errors.jsonl."""

    source: str
    stage: str
    error: str
    message: str

    def line(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class StagedRecord:
    """A record a worker wrote whole to a temporary file in the output directory, for the run
    to put in place under its name by a rename (names are given in one process only)."""

    path: str
    id: str
    source: str


@dataclass(frozen=True, slots=True)
class RecordStager:
    """What a worker in another process, or on another machine sharing the output directory,
    needs to write records there itself."""

    directory: Path
    render: Render

    def stage(self, record: dict[str, Any]) -> StagedRecord:
        with output_errors(self.directory):
            path = write_temporary(self.directory, record_bytes(self.render(record), indent=2),
                                   prefix=f".{record['id']}.json.", suffix=TEMP_SUFFIX)
        return StagedRecord(str(path), record["id"], _source_name(record))


def record_bytes(record: dict[str, Any], *, indent: int | None) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")


@contextmanager
def output_errors(target: str | Path) -> Iterator[None]:
    """Turn an OSError of the output into OutputError naming `target`; a closed pipe stays itself."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(str(target), f"cannot write: {error.strerror or error}") from None


class RunDirectory:
    """The directory a run writes into: its lock, errors.jsonl, the ledger and temp-file hygiene.

    errors.jsonl holds at most one line per input at every moment, a kill included: a new
    failure of an input without a line is appended; one of an input that has a line replaces it
    when the file is next rewritten whole (by a rename), the old line standing until then; and
    before a record of an input with a line appears, the file is rewritten without that line.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock: IO[str] | None = None
        self._errors: BinaryIO | None = None
        self._ledger: BinaryIO | None = None
        # What errors.jsonl holds (or will, at its next rewrite), one entry per input.
        self._lines: dict[str, dict[str, Any]] = {}
        self._replaced = False
        # Which input each file holds, by the ledger: a name is never given to another input.
        self.owners: dict[str, str] = {}

    def open(self) -> set[str]:
        """Take the directory for this run, tidy a killed run's leftovers; the keys done before."""
        with output_errors(self.directory):
            if self.directory.exists() and not self.directory.is_dir():
                raise OutputError(str(self.directory), "exists and is not a directory")
            self.directory.mkdir(parents=True, exist_ok=True)
            self._lock = (self.directory / LOCK_NAME).open("w")
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputError(str(self.directory), "another run is writing to this directory") from None
            self.remove_temp_files()
            self._lines = {str(entry.get("source")): entry for entry in _json_lines(self.directory / ERRORS_NAME)}
            self._rewrite_errors()  # a file of an older version may hold two lines for an input
            done = self._done_keys()
            self._ledger = (self.directory / LEDGER_NAME).open("ab")
        return done

    def commit(self, key: str, source: str, location: str) -> None:
        """Note in the ledger that `key` has its record at `location` (already on disk)."""
        self.owners[location] = source
        self._append(self._ledger, json.dumps({"key": key, "source": source, "at": location}))

    def clear_errors(self, inputs: Iterable[str]) -> None:
        """Drop the error lines of `inputs` from errors.jsonl, before their records appear."""
        dropped = [self._lines.pop(name) for name in inputs if name in self._lines]
        if dropped:
            with output_errors(self.directory / ERRORS_NAME):
                self._rewrite_errors()

    def fail(self, failure: Failure) -> None:
        entry = asdict(failure)
        if failure.source in self._lines:
            self._lines[failure.source] = entry
            self._replaced = True
            return
        self._lines[failure.source] = entry
        self._append(self._errors, json.dumps(entry, ensure_ascii=False))

    def close(self) -> None:
        """Write the replaced error lines; release the directory."""
        for handle in (self._errors, self._ledger):
            if handle is not None:
                handle.close()
        self._errors = self._ledger = None
        try:
            if self._replaced:
                with output_errors(self.directory):
                    self._rewrite_errors(reopen=False)
        finally:
            self.remove_temp_files()
            if self._lock is not None:
                self._lock.close()
                self._lock = None

    def remove_temp_files(self) -> None:
        for leftover in self.directory.glob(f".*{TEMP_SUFFIX}"):
            if ".json" in leftover.name:
                leftover.unlink(missing_ok=True)

    def _append(self, handle: BinaryIO | None, line: str) -> None:
        assert handle is not None, "RunDirectory.open() first"
        with output_errors(handle.name):
            handle.write((line + "\n").encode("utf-8"))
            handle.flush()

    def _done_keys(self) -> set[str]:
        ledger = self.directory / LEDGER_NAME
        if not ledger.exists():
            return set()
        done = set()
        for entry in _json_lines(ledger):
            if (self.directory / str(entry.get("at", ""))).is_file():
                done.add(str(entry.get("key")))
                self.owners[str(entry.get("at"))] = str(entry.get("source"))
        return done

    def _rewrite_errors(self, *, reopen: bool = True) -> None:
        """errors.jsonl as `_lines` has it, replaced whole by a rename; then appended to again."""
        path = self.directory / ERRORS_NAME
        content = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in self._lines.values()).encode("utf-8")
        if not path.exists() or content != path.read_bytes():
            if self._errors is not None:
                self._errors.close()
            write_atomically(path, content, temp_suffix=f".jsonl{TEMP_SUFFIX}")
        self._replaced = False
        if reopen and (self._errors is None or self._errors.closed):
            self._errors = path.open("ab")


def _json_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The readable lines of a JSON Lines file of ours; a torn last line (a kill) is skipped."""
    if not path.exists():
        return
    with path.open("rb") as lines:
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict):
                yield entry


class RecordDirectory:
    """One pretty-printed <id><suffix> file per record (.json), where id is the title slug and
    the page hash, written as `render` makes it.

    A name held by another input's record (two sources with the same bytes) gets a suffix from
    the source's name, so no record ever replaces another page's; the same input run again
    replaces its own.
    """

    resumable = True

    def __init__(self, directory: Path, render: Render = as_is, suffix: str = ".json") -> None:
        self.run = RunDirectory(directory)
        self.render = render
        self.suffix = suffix

    def open(self) -> set[str]:
        return self.run.open()

    def write(self, record: dict[str, Any], key: str, input_name: str) -> str:
        source = _source_name(record)
        name = self._name_for(record["id"], source)
        target = self.run.directory / name
        self.run.clear_errors([input_name])
        with output_errors(target):
            write_atomically(target, record_bytes(self.render(record), indent=2), temp_suffix=TEMP_SUFFIX)
        self.run.commit(key, source, name)
        return str(target)

    def stager(self) -> RecordStager:
        """For workers that write the records themselves (the Dask engine): see place()."""
        return RecordStager(self.run.directory, self.render)

    def place(self, staged: StagedRecord, key: str, input_name: str) -> str:
        """Put a record a worker staged in place under its name, as write() would have."""
        name = self._name_for(staged.id, staged.source)
        target = self.run.directory / name
        self.run.clear_errors([input_name])
        with output_errors(target):
            os.replace(staged.path, target)
        self.run.commit(key, staged.source, name)
        return str(target)

    def fail(self, failure: Failure) -> None:
        self.run.fail(failure)

    def close(self) -> None:
        self.run.close()

    def abort(self) -> None:
        _quietly(self.run.close)

    def _name_for(self, record_id: str, source: str) -> str:
        name = f"{record_id}{self.suffix}"
        if self._owner(name) in (None, source):
            return name
        return f"{record_id}-{hashlib.sha256(source.encode('utf-8')).hexdigest()[:8]}{self.suffix}"

    def _owner(self, name: str) -> str | None:
        if name in self.run.owners:
            return self.run.owners[name]
        path = self.run.directory / name
        if not path.exists():
            return None
        try:
            return _source_name(json.loads(path.read_bytes()))
        except (OSError, ValueError, KeyError, TypeError):
            return f"unreadable {name}"


class TextDirectory:
    """Where `clean -o` puts one file per page: `<page name><suffix>`, written whole or not at all.

    Two inputs whose names would give the same file (a/page.html and b/page.html, page.htm and
    page.html.gz) both keep theirs: the later one's name gets a suffix from its path. A failure of
    the directory itself raises OutputError, which stops the batch.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._owners: dict[str, str] = {}

    def open(self) -> None:
        with output_errors(self.directory):
            if self.directory.exists() and not self.directory.is_dir():
                raise OutputError(str(self.directory), "exists and is not a directory")
            self.directory.mkdir(parents=True, exist_ok=True)

    def write(self, source: str, name: str, content: str) -> Path:
        """Write `content` for the input `source` under `name`, or under a suffixed name when
        another input of this run has it already; the path written."""
        if self._owners.get(name, source) != source:
            stem, dot, suffix = name.rpartition(".")
            name = f"{stem}-{hashlib.sha256(source.encode('utf-8')).hexdigest()[:8]}{dot}{suffix}"
        self._owners[name] = source
        target = self.directory / name
        with output_errors(target):
            write_atomically(target, content.encode("utf-8"), temp_suffix=TEMP_SUFFIX)
        return target


class ShardDirectory:
    """Records as JSON Lines in DIR/records-NNNNN.jsonl, SIZE records a shard; a shard appears
    (by rename) when it is full or the run ends, and only then do its records count as done."""

    resumable = True

    def __init__(self, directory: Path, size: int, render: Render = as_is) -> None:
        self.run = RunDirectory(directory)
        self.size = size
        self.render = render
        self._index = 0
        self._shard: BinaryIO | None = None
        self._pending: list[tuple[str, str, str]] = []

    def open(self) -> set[str]:
        done = self.run.open()
        taken = [int(p.name[8:13]) for p in self.run.directory.glob("records-[0-9][0-9][0-9][0-9][0-9].jsonl")]
        self._index = max(taken, default=-1) + 1
        return done

    def write(self, record: dict[str, Any], key: str, input_name: str) -> str:
        name = SHARD_PATTERN.format(self._index)
        with output_errors(self.run.directory / name):
            if self._shard is None:
                self._shard = open(self._temp_path(), "wb")
                os.fchmod(self._shard.fileno(), file_mode())
            self._shard.write(record_bytes(self.render(record), indent=None))
        self._pending.append((key, _source_name(record), input_name))
        if len(self._pending) >= self.size:
            self._finish_shard()
        return name

    def fail(self, failure: Failure) -> None:
        self.run.fail(failure)

    def close(self) -> None:
        try:
            if self._shard is not None:
                self._finish_shard()
        finally:
            self.run.close()

    def abort(self) -> None:
        """Drop the shard being filled (its records are not in the ledger, so --resume redoes them)."""
        if self._shard is not None:
            _quietly(self._shard.close)
            self._shard = None
        _quietly(self.run.close)

    def _temp_path(self) -> Path:
        return self.run.directory / f".{SHARD_PATTERN.format(self._index)}.partial{TEMP_SUFFIX}"

    def _finish_shard(self) -> None:
        assert self._shard is not None
        name = SHARD_PATTERN.format(self._index)
        self.run.clear_errors(input_name for _, _, input_name in self._pending)
        with output_errors(self.run.directory / name):
            self._shard.flush()
            os.fsync(self._shard.fileno())
            self._shard.close()
            self._shard = None
            os.replace(self._temp_path(), self.run.directory / name)
        for key, source, _ in self._pending:
            self.run.commit(key, source, name)
        self._pending.clear()
        self._index += 1


class JsonLinesFile:
    """Every record as one line of FILE.jsonl (gzip-compressed for .jsonl.gz), which appears
    whole when the run ends; errors go to FILE's stem + .errors.jsonl beside it."""

    resumable = False

    def __init__(self, path: Path, render: Render = as_is) -> None:
        self.path = path
        self.render = render
        self._temp = path.with_name(f".{path.name}.partial{TEMP_SUFFIX}")
        self._raw: BinaryIO | None = None
        self._stream: BinaryIO | None = None
        self._errors: BinaryIO | None = None

    @property
    def errors_path(self) -> Path:
        stem = self.path.name.removesuffix(".gz").removesuffix(".jsonl")
        return self.path.with_name(f"{stem}.{ERRORS_NAME}")

    def open(self) -> set[str]:
        with output_errors(self.path):
            if self.path.is_dir():
                raise OutputError(str(self.path), "is a directory")
            self._raw = open(self._temp, "wb")
            os.fchmod(self._raw.fileno(), file_mode())
            compressed = self.path.name.endswith(".gz")
            self._stream = gzip.GzipFile(fileobj=self._raw, mode="wb") if compressed else self._raw
            self._errors = open(self.errors_path, "wb")
        return set()

    def write(self, record: dict[str, Any], key: str, input_name: str) -> str:
        assert self._stream is not None
        with output_errors(self.path):
            self._stream.write(record_bytes(self.render(record), indent=None))
        return str(self.path)

    def fail(self, failure: Failure) -> None:
        assert self._errors is not None
        with output_errors(self.errors_path):
            self._errors.write(failure.line())
            self._errors.flush()

    def abort(self) -> None:
        """Leave no partial file: the temporary one goes, an earlier FILE stays as it was."""
        for handle in (self._stream, self._raw, self._errors):
            if handle is not None:
                _quietly(handle.close)
        self._stream = self._raw = self._errors = None
        self._temp.unlink(missing_ok=True)

    def close(self) -> None:
        try:
            with output_errors(self.path):
                if self._stream is not None and self._raw is not None:
                    if self._stream is not self._raw:
                        self._stream.close()  # the gzip trailer; the file stays open
                    self._raw.flush()
                    os.fsync(self._raw.fileno())
                    self._raw.close()
                    os.replace(self._temp, self.path)
        finally:
            self._stream = self._raw = None
            if self._errors is not None:
                self._errors.close()
                self._errors = None
            self._temp.unlink(missing_ok=True)


class StandardOutput:
    """Every record as one line on stdout (`-o -`); a line the stream cannot take whole is cut
    back when stdout is a file, so a full disk leaves no torn last line."""

    resumable = False

    def __init__(self, stream: BinaryIO | None = None, render: Render = as_is) -> None:
        self.stream = stream or sys.stdout.buffer
        self.render = render

    def open(self) -> set[str]:
        return set()

    def write(self, record: dict[str, Any], key: str, input_name: str) -> str:
        line = record_bytes(self.render(record), indent=None)
        fd = _file_descriptor(self.stream)
        start = _position(fd)
        try:
            if fd is None:
                self.stream.write(line)
                self.stream.flush()
            else:
                _write_all(fd, line)
        except BrokenPipeError:
            raise
        except OSError as error:
            if start is not None and fd is not None:
                _cut_back(fd, start)
            raise OutputError("<stdout>", f"cannot write: {error.strerror or error}") from None
        return "-"

    def fail(self, failure: Failure) -> None:
        """Failures of a stdout run are reported on stderr only."""

    def close(self) -> None:
        """Nothing to finish: every line was written straight to the stream."""

    def abort(self) -> None:
        """Nothing to undo: a line that failed was cut back when it failed."""


def _file_descriptor(stream: BinaryIO) -> int | None:
    """The stream's descriptor, after flushing what its buffer holds; None for in-memory streams."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return None
    stream.flush()
    return fd


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _position(fd: int | None) -> int | None:
    if fd is None:
        return None
    try:
        return os.lseek(fd, 0, os.SEEK_CUR) if stat.S_ISREG(os.fstat(fd).st_mode) else None
    except OSError:
        return None


def _cut_back(fd: int, start: int) -> None:
    try:
        os.ftruncate(fd, start)
        os.lseek(fd, start, os.SEEK_SET)
    except OSError:
        pass


def _quietly(action: Callable[[], object]) -> None:
    """Tidy up after a failed output, where a second error would only hide the first."""
    try:
        action()
    except (OSError, OutputError):
        pass


def _source_name(record: dict[str, Any]) -> str:
    """The input a record answers: its URL and the file it was read from (a WARC holds many URLs)."""
    source = record["source"]
    named = [str(source[key]) for key in ("url", "path") if source.get(key)]
    return " ".join(named) or str(source["content_sha256"])


def output_for(
    out: str, shard_size: int | None = None, *, render: Render = as_is, suffix: str = ".json"
) -> RecordDirectory | ShardDirectory | JsonLinesFile | StandardOutput:
    """The output `-o OUT` names: -, FILE.jsonl or FILE.jsonl.gz, or a directory (of shards
    when `shard_size` is given); records written as `render` makes them."""
    if out == "-":
        return StandardOutput(render=render)
    if out.endswith((".jsonl", ".jsonl.gz")) and not Path(out).is_dir():
        return JsonLinesFile(Path(out), render)
    if shard_size:
        return ShardDirectory(Path(out), shard_size, render)
    return RecordDirectory(Path(out), render, suffix)
