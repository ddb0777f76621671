"""`run --engine dask`: the same pages, extracted on a Dask cluster in partitions.

The main process reads (and fetches) the sources as for the local engine and sends them in
partitions of `settings.batch.partition_size` pages. Each Dask worker loads the spaCy pipeline
once (the per-process cache of `load_nlp`) and extracts a partition in a process it forks, one
page chunk at a time under the time budget per page (--page-timeout), as the local engine does:
a page that hangs or kills that process fails alone. With an output directory of record files,
the Dask worker writes each record itself, whole, to a temporary file in that directory (which
every worker must see at the same path), and only its name comes back: the main process puts it
in place by a rename, gives the names, notes errors.jsonl and the ledger, so records, names,
errors and --resume are those of the local engine. Other outputs (shards, a JSON Lines file,
stdout) get the records back and write them in the main process. With no scheduler address a
LocalCluster of one single-threaded worker process per job is started.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from typing import Any

import dask
from distributed import Client, LocalCluster
from distributed.client import as_completed

from pipeline.extraction import prepare
from pipeline.outputs import RecordStager
from pipeline.settings import Settings
from pipeline.workers import PAGES_PER_CHUNK, Result, Task, WorkerPool, extract_tasks, peak_rss

# Partitions in flight per Dask worker: one running, one waiting, so no worker idles.
_IN_FLIGHT_PER_WORKER = 2


def extract_partition(tasks: list[Task], settings: Settings, stager: RecordStager | None) -> list[Result]:
    """Extract a partition of pages on a Dask worker; with a stager, write their records too."""
    prepare(settings)  # loaded once here, before the fork, so the extracting process starts at once
    results = _extract(tasks, settings)
    if stager is None:
        return results
    return [replace(r, record=None, staged=stager.stage(r.record)) if r.record is not None else r for r in results]


def _extract(tasks: list[Task], settings: Settings) -> list[Result]:
    if multiprocessing.current_process().daemon:
        # A daemonic worker (`dask worker` with its default settings) may not fork: no time budget.
        chunks = [tasks[start : start + PAGES_PER_CHUNK] for start in range(0, len(tasks), PAGES_PER_CHUNK)]
        rss = peak_rss()
        return [replace(result, peak_rss=rss) for chunk in chunks for result in extract_tasks(chunk, settings)]
    results: list[Result] = []
    with WorkerPool(1, settings, settings.batch.page_timeout) as pool:
        for task in tasks:
            while not pool.has_idle():
                results.extend(pool.collect())
            pool.submit(task)
        while pool.busy:
            results.extend(pool.collect())
    return results


class DaskEngine:
    """Sends partitions of tasks to a Dask cluster and hands back their results as they finish."""

    def __init__(self, settings: Settings, jobs: int, stager: RecordStager | None = None) -> None:
        self.settings = settings
        self.jobs = jobs
        self.stager = stager
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None
        self._completed: Any = None
        self._partition: list[Task] = []
        self._in_flight = 0
        self._workers = 1

    def __enter__(self) -> DaskEngine:
        address = self.settings.batch.scheduler
        if address is None:
            # Non-daemonic worker processes, which may fork the process a partition runs in.
            with dask.config.set({"distributed.worker.daemon": False}):
                self._cluster = LocalCluster(
                    n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=None
                )
        self._client = Client(address or self._cluster)
        self._client.wait_for_workers(1)
        self._workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        self._completed = as_completed()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    @property
    def busy(self) -> int:
        return self._in_flight + len(self._partition)

    def has_idle(self) -> bool:
        return self._in_flight < self._workers * _IN_FLIGHT_PER_WORKER

    def submit(self, task: Task) -> None:
        self._partition.append(task)
        if len(self._partition) >= self.settings.batch.partition_size:
            self._send()

    def collect(self) -> list[Result]:
        """The results of the next partition to finish (sending a partial one first, if any)."""
        if self._partition:
            self._send()
        future = next(self._completed)
        self._in_flight -= 1
        return future.result()

    def _send(self) -> None:
        assert self._client is not None
        future = self._client.submit(extract_partition, self._partition, self.settings, self.stager, pure=False)
        self._completed.add(future)
        self._in_flight += 1
        self._partition = []
