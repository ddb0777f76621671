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
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from pipeline.errors import PageTooCostly, PipelineError, WorkerLost
from pipeline.extraction import extract_page
from pipeline.model import Page
from pipeline.settings import Settings
from pipeline.timing import StageClock


@dataclass(frozen=True, slots=True)
class Task:
    """One page to extract; `seq` is its place in the input, `key` what --resume matches."""

    seq: int
    name: str
    key: str
    page: Page


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one input: its record, or the error and the stage it happened in."""

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


def extract_task(task: Task, settings: Settings) -> Result:
    """Run the stages on one page; every error, expected or not, becomes the page's Result."""
    clock = StageClock()
    try:
        record = extract_page(task.page, settings, clock)
    except PipelineError as error:
        return Result(task.seq, task.name, task.key, error=error, stage=clock.current, seconds=clock.seconds)
    except Exception as error:  # a bug on one page must not cost the rest of the batch
        reason = f"internal error: {type(error).__name__}: {error}"
        return Result(task.seq, task.name, task.key, error=PipelineError(task.name, reason), stage=clock.current)
    words = len(record["body_text"].split())
    return Result(task.seq, task.name, task.key, record=record, seconds=clock.seconds, words=words)


def peak_rss() -> int:
    """This process's peak resident memory in bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _serve(connection: Connection, settings: Settings, inherited: list[Connection]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for other in inherited:  # the parent's ends: with them closed, a dead parent reads as EOF
        other.close()
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        if task is None:
            return
        result = extract_task(task, settings)
        connection.send(replace(result, peak_rss=peak_rss()))


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    connection: Connection
    task: Task | None = None
    deadline: float = float("inf")


class WorkerPool:
    """N forked worker processes, one page each at a time, with a time budget per page."""

    def __init__(self, jobs: int, settings: Settings, page_timeout: float | None) -> None:
        self.jobs = jobs
        self.settings = settings
        self.page_timeout = page_timeout
        self._context = multiprocessing.get_context("fork")
        self._workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        self._workers = [self._spawn() for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc_info: object) -> None:
        for worker in self._workers:
            self._stop(worker, kill=worker.task is not None)
        self._workers = []

    @property
    def busy(self) -> int:
        return sum(1 for worker in self._workers if worker.task is not None)

    def has_idle(self) -> bool:
        return self.busy < len(self._workers)

    def submit(self, task: Task) -> None:
        worker = next(worker for worker in self._workers if worker.task is None)
        worker.connection.send(task)
        worker.task = task
        worker.deadline = time.monotonic() + self.page_timeout if self.page_timeout else float("inf")

    def collect(self) -> list[Result]:
        """Wait for at least one busy worker to finish, die or run out of time; what they gave."""
        busy = [worker for worker in self._workers if worker.task is not None]
        if not busy:
            return []
        timeout = max(0.0, min(worker.deadline for worker in busy) - time.monotonic())
        waitables = [w.connection for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(waitables, timeout=None if timeout == float("inf") else timeout))
        results = []
        for worker in busy:
            if worker.connection in ready or worker.process.sentinel in ready:
                results.append(self._receive(worker))
            elif time.monotonic() >= worker.deadline:
                results.append(self._overran(worker))
        return results

    def _receive(self, worker: _Worker) -> Result:
        task = worker.task
        assert task is not None
        try:
            if worker.connection.poll():
                result = worker.connection.recv()
                worker.task = None
                return result
        except (EOFError, OSError):
            pass
        worker.process.join(timeout=5)
        reason = f"the worker process died ({_exit_reason(worker.process.exitcode)})"
        self._replace(worker)
        return Result(task.seq, task.name, task.key, error=WorkerLost(task.name, reason), stage="extract")

    def _overran(self, worker: _Worker) -> Result:
        task = worker.task
        assert task is not None
        self._replace(worker)
        reason = f"extraction took longer than the {self.page_timeout:g} s budget per page (--page-timeout)"
        return Result(task.seq, task.name, task.key, error=PageTooCostly(task.name, reason), stage="extract")

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
