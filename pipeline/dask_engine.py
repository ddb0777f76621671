"""`run --engine dask`: the same pages, extracted on a Dask cluster in partitions.

The main process reads (and fetches) the sources as for the local engine and sends them in
partitions of `settings.batch.partition_size` pages; each Dask worker loads the spaCy pipeline
once (the per-process cache of `load_nlp`) and returns a partition's results, which the main
process writes through the same output, so records, names, errors.jsonl and --resume are the
same as with worker processes. With no scheduler address a LocalCluster of one single-threaded
worker process per job is started. The time budget per page is not enforced on Dask workers.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from distributed import Client, LocalCluster
from distributed.client import as_completed

from pipeline.settings import Settings
from pipeline.workers import PAGES_PER_CHUNK, Result, Task, extract_tasks, peak_rss

# Partitions in flight per Dask worker: one running, one waiting, so no worker idles.
_IN_FLIGHT_PER_WORKER = 2


def extract_partition(tasks: list[Task], settings: Settings) -> list[Result]:
    """Extract a partition of pages on a Dask worker."""
    chunks = [tasks[start : start + PAGES_PER_CHUNK] for start in range(0, len(tasks), PAGES_PER_CHUNK)]
    results = [result for chunk in chunks for result in extract_tasks(chunk, settings)]
    rss = peak_rss()
    return [replace(result, peak_rss=rss) for result in results]


class DaskEngine:
    """Sends partitions of tasks to a Dask cluster and hands back their results as they finish."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        self.settings = settings
        self.jobs = jobs
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None
        self._completed: Any = None
        self._partition: list[Task] = []
        self._in_flight = 0
        self._workers = 1

    def __enter__(self) -> DaskEngine:
        address = self.settings.batch.scheduler
        if address is None:
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
        future = self._client.submit(extract_partition, self._partition, self.settings, pure=False)
        self._completed.add(future)
        self._in_flight += 1
        self._partition = []
