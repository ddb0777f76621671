"""Worker processes for `run --jobs N`: each extracts one page at a time and sends back the
record or the error, the time per stage and its peak memory.

Workers are forked after the spaCy pipeline is loaded, so each starts at once and shares the
model's memory with the others. A worker that dies, or runs past the time budget per page, is
killed and replaced: that page fails alone, with the reason, and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from pipeline.errors import PageTooCostly, PipelineError, WorkerLost
from pipeline.extraction import extract_pages
from pipeline.model import Page
from pipeline.outputs import StagedRecord
from pipeline.settings import Settings
from pipeline.timing import StageClock

# Pages a worker takes at once: their texts share one spaCy stream, whose batches stay full.
PAGES_PER_CHUNK = 8
# A chunk not yet full goes out after this long, so a slow source (fetching) never keeps workers idle.
CHUNK_WAIT = 0.2


@dataclass(frozen=True, slots=True)
class Task:
    """One page to extract; `seq` is its place in the input, `key` what --resume matches."""

    seq: int
    name: str
    key: str
    page: Page


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one input: its record (or the record a worker wrote, `staged`), or the
    error and the stage it happened in."""

    seq: int
    name: str
    key: str = ""
    record: dict[str, Any] | None = None
    error: PipelineError | None = None
    stage: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    words: int = 0
    peak_rss: int = 0
    skipped: bool = False
    staged: StagedRecord | None = None


def extract_task(task: Task, settings: Settings) -> Result:
    """Run the stages on one page; every error, expected or not, becomes the page's Result."""
    return extract_tasks([task], settings)[0]


def extract_tasks(tasks: list[Task], settings: Settings) -> list[Result]:
    """Run the stages on a chunk of pages (their tagging in one spaCy stream), a Result each."""
    clocks = [StageClock() for _ in tasks]
    outcomes = extract_pages([task.page for task in tasks], settings, clocks)
    return [_result(task, outcome, clock) for task, outcome, clock in zip(tasks, outcomes, clocks, strict=True)]


def _result(task: Task, outcome: dict[str, Any] | Exception, clock: StageClock) -> Result:
    if isinstance(outcome, PipelineError):
        return Result(task.seq, task.name, task.key, error=outcome, stage=clock.current, seconds=clock.seconds)
    if isinstance(outcome, Exception):  # a bug on one page must not cost the rest of the batch
        reason = f"internal error: {type(outcome).__name__}: {outcome}"
        return Result(task.seq, task.name, task.key, error=PipelineError(task.name, reason), stage=clock.current)
    words = len(outcome["body_text"].split())
    return Result(task.seq, task.name, task.key, record=outcome, seconds=clock.seconds, words=words)


def peak_rss() -> int:
    """This process's peak resident memory in bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _serve(connection: Connection, settings: Settings, inherited: list[Connection]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for other in inherited:  # the parent's ends: with them closed, a dead parent reads as EOF
        other.close()
    while True:
        try:
            tasks = connection.recv()
        except EOFError:
            return
        if tasks is None:
            return
        results = extract_tasks(tasks, settings)
        rss = peak_rss()
        connection.send([replace(result, peak_rss=rss) for result in results])


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    connection: Connection
    tasks: list[Task] = field(default_factory=list)
    deadline: float = float("inf")


class WorkerPool:
    """N forked worker processes, each given a chunk of pages at a time, with a time budget per page.

    A chunk of PAGES_PER_CHUNK pages shares one spaCy stream in its worker. When a worker dies
    or runs past the budget of its chunk, the chunk's pages are tried again one by one, so only
    the page at fault fails.
    """

    def __init__(self, jobs: int, settings: Settings, page_timeout: float | None) -> None:
        self.jobs = jobs
        self.settings = settings
        self.page_timeout = page_timeout
        self._context = multiprocessing.get_context("fork")
        self._workers: list[_Worker] = []
        self._pending: list[Task] = []
        self._pending_since = 0.0
        self._alone: deque[Task] = deque()

    def __enter__(self) -> WorkerPool:
        self._workers = [self._spawn() for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc_info: object) -> None:
        for worker in self._workers:
            self._stop(worker, kill=bool(worker.tasks))
        self._workers = []

    @property
    def busy(self) -> int:
        """Pages given to the pool and not yet returned."""
        return sum(len(worker.tasks) for worker in self._workers) + len(self._pending) + len(self._alone)

    def has_idle(self) -> bool:
        return any(not worker.tasks for worker in self._workers)

    def submit(self, task: Task) -> None:
        """Take a page; it goes out with the next chunk (full, or waiting longer than CHUNK_WAIT)."""
        if not self._pending:
            self._pending_since = time.monotonic()
        self._pending.append(task)
        if len(self._pending) >= PAGES_PER_CHUNK or time.monotonic() - self._pending_since >= CHUNK_WAIT:
            self._dispatch()

    def collect(self) -> list[Result]:
        """Wait for at least one busy worker to finish, die or run out of time; what they gave."""
        self._dispatch()
        busy = [worker for worker in self._workers if worker.tasks]
        if not busy:
            return []
        timeout = max(0.0, min(worker.deadline for worker in busy) - time.monotonic())
        waitables = [w.connection for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(waitables, timeout=None if timeout == float("inf") else timeout))
        results: list[Result] = []
        for worker in busy:
            if worker.connection in ready or worker.process.sentinel in ready:
                results.extend(self._receive(worker))
            elif time.monotonic() >= worker.deadline:
                results.extend(self._overran(worker))
        return results

    def _dispatch(self) -> None:
        for worker in self._workers:
            if worker.tasks:
                continue
            if self._alone:
                self._send(worker, [self._alone.popleft()])
            elif self._pending:
                self._send(worker, self._pending)
                self._pending = []

    def _send(self, worker: _Worker, tasks: list[Task]) -> None:
        worker.connection.send(tasks)
        worker.tasks = tasks
        worker.deadline = time.monotonic() + self.page_timeout * len(tasks) if self.page_timeout else float("inf")

    def _receive(self, worker: _Worker) -> list[Result]:
        try:
            if worker.connection.poll():
                results = worker.connection.recv()
                worker.tasks = []
                return results
        except (EOFError, OSError):
            pass
        worker.process.join(timeout=5)
        reason = f"the worker process died ({_exit_reason(worker.process.exitcode)})"
        return self._fail_or_retry(worker, lambda task: WorkerLost(task.name, reason))

    def _overran(self, worker: _Worker) -> list[Result]:
        reason = f"extraction took longer than the {self.page_timeout:g} s budget per page (--page-timeout)"
        return self._fail_or_retry(worker, lambda task: PageTooCostly(task.name, reason))

    def _fail_or_retry(self, worker: _Worker, error: Callable[[Task], PipelineError]) -> list[Result]:
        """A lone page fails with `error`; the pages of a chunk are tried again one by one."""
        tasks = worker.tasks
        self._replace(worker)
        if len(tasks) > 1:
            self._alone.extend(tasks)
            return []
        [task] = tasks
        return [Result(task.seq, task.name, task.key, error=error(task), stage="extract")]

    def _replace(self, worker: _Worker) -> None:
        self._stop(worker, kill=True)
        self._workers[self._workers.index(worker)] = self._spawn()

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        inherited = [parent, *(worker.connection for worker in self._workers)]
        process = self._context.Process(target=_serve, args=(child, self.settings, inherited), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    @staticmethod
    def _stop(worker: _Worker, *, kill: bool) -> None:
        if kill:
            worker.process.kill()
        else:
            try:
                worker.connection.send(None)
            except OSError:
                worker.process.kill()
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"
