"""The batch: read or fetch each source, extract its record in a worker, write it, account for
every one.

Every input ends as exactly one record or one error (on stderr, and as a line of errors.jsonl
in an output directory); one bad page never stops a batch. Sources are read lazily in this
process (one fetch stage, so the per-host limits of `fetch` hold across all workers) and
extracted by an engine: worker processes here, or a Dask cluster. A failure of the output
itself stops the run at once; Ctrl-C stops it cleanly, keeping what finished.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import time
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, runtime_checkable

from pipeline import __version__
from pipeline.errors import OutputError, PipelineError, UsageError
from pipeline.extraction import page_from_html, prepare
from pipeline.fetch import fetch_page
from pipeline.model import Page
from pipeline.outputs import Failure, RecordStager, StagedRecord
from pipeline.run_report import Outcome, RunSummary
from pipeline.settings import Settings
from pipeline.sources import SourceItem, is_url, read_source
from pipeline.workers import Result, Task, WorkerPool, extract_task, peak_rss

log = logging.getLogger(__name__)

# Results finished but waiting for an earlier input (--ordered), per worker, before no new page is started.
_BACKLOG_PER_JOB = 32


class Output(Protocol):
    resumable: bool

    def open(self) -> set[str]:
        """Get ready to write; the resume keys of the records already there."""

    def write(self, record: dict[str, Any], key: str, input_name: str) -> str:
        """Write the record of the input named `input_name`; return where it went."""

    def fail(self, failure: Failure) -> None:
        """Note an input that ended without a record."""

    def close(self) -> None:
        """Finish: whatever is written becomes final."""

    def abort(self) -> None:
        """Give up after a failure of the output: leave nothing half-written."""


@runtime_checkable
class StagingOutput(Output, Protocol):
    """An output whose records workers may write themselves, for the run to put in place."""

    def stager(self) -> RecordStager:
        """What a worker needs to write records into this output."""

    def place(self, staged: StagedRecord, key: str, input_name: str) -> str:
        """Put a record a worker wrote in place; return where it went."""


class Engine(Protocol):
    busy: int

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def has_idle(self) -> bool: ...

    def submit(self, task: Task) -> None: ...

    def collect(self) -> list[Result]: ...


def run(
    sources: Iterable[SourceItem],
    output: Output,
    settings: Settings,
    report: Callable[[Outcome], None] | None = None,
) -> RunSummary:
    """Extract and write a record for every source; report each outcome as it is final.

    Raises ModelError before any source is read when the spaCy pipeline cannot be loaded,
    UsageError for --resume on an output that cannot resume, and OutputError (after closing
    the output cleanly) when the output fails. Ctrl-C ends the run with what finished kept,
    and a summary whose exit code is 130.
    """
    if settings.batch.resume and not output.resumable:
        raise UsageError("--resume", "needs an output directory (-o DIR), where records and the ledger stay")
    prepare(settings)
    jobs = settings.batch.jobs or _cores()
    summary = RunSummary(jobs=jobs)
    done = output.open()
    collector = _Collector(output, summary, report, settings.batch.ordered)
    try:
        with engine_for(settings, jobs, output) as engine:
            _feed(engine, _tasks(sources, settings, done if settings.batch.resume else set(), collector), collector, jobs)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        _close(output, collector)
        summary.finish(peak_rss())
    return summary


def iter_records(
    pages: Iterable[str | bytes | tuple[str, str | bytes]], *, jobs: int, settings: Settings | None = None
) -> Iterator[dict[str, Any] | PipelineError]:
    """What `pipeline.extract_many` yields: each page's record or error, in input order."""
    settings = (settings or Settings()).with_batch(jobs=jobs, ordered=True)
    prepare(settings)
    tasks = (_memory_task(seq, item) for seq, item in enumerate(pages))
    if jobs == 1:
        for task in tasks:
            result = extract_task(task, settings)
            yield result.record if result.record is not None else _error_of(result)
        return
    finished: dict[int, Result] = {}
    following = 0
    with WorkerPool(jobs, settings, settings.batch.page_timeout) as pool:
        for task in tasks:
            while not pool.has_idle():
                finished.update((result.seq, result) for result in pool.collect())
            pool.submit(task)
            while following in finished:
                result = finished.pop(following)
                following += 1
                yield result.record if result.record is not None else _error_of(result)
        while pool.busy or finished:
            finished.update((result.seq, result) for result in pool.collect())
            while following in finished:
                result = finished.pop(following)
                following += 1
                yield result.record if result.record is not None else _error_of(result)


def _memory_task(seq: int, item: str | bytes | tuple[str, str | bytes]) -> Task:
    name, html = item if isinstance(item, tuple) else (f"page {seq + 1}", item)
    url = name if is_url(name) else None
    page = page_from_html(html, url=url, label=None if url else name)
    return Task(seq, page.source.name, "", page)


def _error_of(result: Result) -> PipelineError:
    return result.error or PipelineError(result.name, "no record and no error")


def engine_for(settings: Settings, jobs: int, output: Output) -> Engine:
    if settings.batch.engine == "dask":
        from pipeline.dask_engine import DaskEngine  # distributed: only with the dask extra

        return DaskEngine(settings, jobs, output.stager() if isinstance(output, StagingOutput) else None)
    return WorkerPool(jobs, settings, settings.batch.page_timeout)


def _feed(engine: Engine, tasks: Iterator[Task], collector: _Collector, jobs: int) -> None:
    for task in tasks:
        while not engine.has_idle() or collector.backlog >= _BACKLOG_PER_JOB * jobs:
            collector.take_all(engine.collect())
        engine.submit(task)
    while engine.busy:
        collector.take_all(engine.collect())


def _close(output: Output, collector: _Collector) -> None:
    """Write what finished (in order where it can be), then close the output; after a failure
    of the output itself, abort it instead."""
    if collector.failed_output:
        output.abort()
        return
    try:
        collector.flush()
    except (OutputError, BrokenPipeError):
        output.abort()
        raise
    output.close()


def _tasks(sources: Iterable[SourceItem], settings: Settings, done: set[str], collector: _Collector) -> Iterator[Task]:
    """Read each source in turn; one that cannot be read, or is done already, is settled here."""
    fingerprint = f"{__version__}|{settings.fingerprint()}"
    for seq, item in enumerate(sources):
        name = _name(item)
        stage = "fetch" if isinstance(item, str) and is_url(item) else "read"
        start = time.perf_counter()
        try:
            page = _load(item, settings)
        except PipelineError as error:
            collector.take(Result(seq, name, error=error, stage=stage))
            continue
        except Exception as error:  # a bug on one input must not cost the rest of the batch
            log.exception("unexpected error reading %s", name)
            reason = f"internal error: {type(error).__name__}: {error}"
            collector.take(Result(seq, name, error=PipelineError(name, reason), stage=stage))
            continue
        collector.summary.add_time(stage, time.perf_counter() - start)
        key = resume_key(page, fingerprint)
        if key in done:
            collector.take(Result(seq, name, key, skipped=True))
            continue
        yield Task(seq, name, key, page)


def resume_key(page: Page, fingerprint: str) -> str:
    """What `--resume` matches: the input's URL and file, its bytes, the pipeline version and settings."""
    source = page.source
    text = "\n".join((source.url or "", source.path or "", source.content_sha256, fingerprint))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _load(item: SourceItem, settings: Settings) -> Page:
    if isinstance(item, PipelineError):
        raise item
    if isinstance(item, Page):
        return item
    return fetch_page(item, settings) if is_url(item) else read_source(item, settings)


def _name(item: SourceItem) -> str:
    if isinstance(item, Page):
        return item.source.name
    return item.source if isinstance(item, PipelineError) else item


@contextmanager
def _no_interruption() -> Iterator[None]:
    """Hold Ctrl-C back while a record or an error line is being written, so none is torn."""
    held = {signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class _Collector:
    """Settles results: writes records, notes failures, reports; in input order when asked."""

    def __init__(self, output: Output, summary: RunSummary, report: Callable[[Outcome], None] | None, ordered: bool) -> None:
        self.output = output
        self.summary = summary
        self.report = report
        self.ordered = ordered
        self.failed_output = False
        self._next = 0
        self._waiting: dict[int, Result] = {}

    @property
    def backlog(self) -> int:
        return len(self._waiting)

    def take_all(self, results: Iterable[Result]) -> None:
        for result in results:
            self.take(result)

    def take(self, result: Result) -> None:
        if not self.ordered:
            self._settle(result)
            return
        self._waiting[result.seq] = result
        while self._next in self._waiting:
            self._settle(self._waiting.pop(self._next))
            self._next += 1

    def flush(self) -> None:
        """Settle what finished but waits for an earlier input that never will (Ctrl-C)."""
        if self.failed_output:
            return
        for seq in sorted(self._waiting):
            self._settle(self._waiting.pop(seq))

    def _settle(self, result: Result) -> None:
        try:
            with _no_interruption():
                outcome = self._write(result)
        except (OutputError, BrokenPipeError):
            self.failed_output = True
            raise
        self.summary.note(outcome, result)
        if self.report:
            self.report(outcome)

    def _write(self, result: Result) -> Outcome:
        if result.skipped:
            return Outcome(result.name, skipped=True)
        if result.record is not None or result.staged is not None:
            start = time.perf_counter()
            if result.staged is not None:
                assert isinstance(self.output, StagingOutput), "records are staged for staging outputs only"
                written_to = self.output.place(result.staged, result.key, result.name)
            else:
                written_to = self.output.write(result.record, result.key, result.name)
            self.summary.add_time("write", time.perf_counter() - start)
            return Outcome(result.name, written_to=written_to)
        error = _error_of(result)
        stage = result.stage or "extract"
        self.output.fail(Failure(result.name, stage, type(error).__name__, error.reason))
        return Outcome(result.name, error=error, stage=stage)
