"""What a run did: every input's outcome, counted, timed and measured, for people and machines."""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.errors import PipelineError

if TYPE_CHECKING:
    from pipeline.workers import Result

STAGES = ("read", "fetch", "clean", "segment", "tag", "validate", "write")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one source: where its record went, or why there is none."""

    source: str
    written_to: str | None = None
    error: PipelineError | None = None
    stage: str | None = None
    skipped: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(slots=True)
class RunSummary:
    """Counts by outcome, speed, time per stage and peak memory of one run."""

    jobs: int = 1
    written: int = 0
    resumed: int = 0
    failed: list[Outcome] = field(default_factory=list)
    interrupted: bool = False
    words: int = 0
    seconds: float = 0.0
    peak_rss_main: int = 0
    peak_rss_worker: int = 0
    stage_times: dict[str, list[float]] = field(default_factory=dict)
    _started: float = field(default_factory=time.perf_counter)

    @property
    def exit_code(self) -> int:
        """130 after Ctrl-C, else the highest exit code of the failures (pipeline.exit_codes), 0 when none."""
        if self.interrupted:
            return 130
        return max((outcome.error.exit_code for outcome in self.failed if outcome.error), default=0)

    def note(self, outcome: Outcome, result: Result) -> None:
        if outcome.skipped:
            self.resumed += 1
        elif outcome.ok:
            self.written += 1
            self.words += result.words
        else:
            self.failed.append(outcome)
        for stage, seconds in result.seconds.items():
            self.add_time(stage, seconds)
        self.peak_rss_worker = max(self.peak_rss_worker, result.peak_rss)

    def add_time(self, stage: str, seconds: float) -> None:
        self.stage_times.setdefault(stage, []).append(seconds)

    def finish(self, peak_rss_main: int) -> None:
        self.seconds = time.perf_counter() - self._started
        self.peak_rss_main = peak_rss_main

    def line(self) -> str:
        """The last line a run prints: "N written, M failed" and what else happened."""
        parts = [f"{self.written} written", f"{len(self.failed)} failed"]
        if self.resumed:
            parts.append(f"{self.resumed} done by an earlier run")
        return ", ".join(parts) + (" (interrupted: run again with --resume to finish)" if self.interrupted else "")

    def details(self) -> list[str]:
        """The end-of-run summary above that line: speed, failures by kind, stages, memory."""
        pages = self.written + len(self.failed)
        lines = [
            f"{pages} pages in {self.seconds:.1f} s with {self.jobs} worker{'s' if self.jobs != 1 else ''}: "
            f"{_rate(pages, self.seconds)} pages/s, {_rate(self.words, self.seconds)} words/s"
        ]
        kinds = Counter(type(outcome.error).__name__ for outcome in self.failed)
        if kinds:
            lines.append("failed: " + ", ".join(f"{count} {kind}" for kind, count in kinds.most_common()))
        for stage, median, p95, total in self._stage_rows():
            lines.append(f"  {stage:<9} median {median * 1000:8.1f} ms   p95 {p95 * 1000:8.1f} ms   total {total:8.1f} s")
        lines.append(
            f"peak memory: {_mib(self.peak_rss_worker)} per worker, {_mib(self.peak_rss_main)} in the main process"
        )
        return lines

    def to_json(self) -> dict[str, Any]:
        """The summary for `--summary-json`."""
        return {
            "outcomes": {"written": self.written, "failed": len(self.failed), "resumed": self.resumed},
            "failed_by_error": dict(Counter(type(outcome.error).__name__ for outcome in self.failed)),
            "interrupted": self.interrupted,
            "jobs": self.jobs,
            "seconds": round(self.seconds, 3),
            "words": self.words,
            "pages_per_second": round((self.written + len(self.failed)) / self.seconds, 3) if self.seconds else None,
            "words_per_second": round(self.words / self.seconds, 1) if self.seconds else None,
            "stages": {
                stage: {"median_s": round(median, 5), "p95_s": round(p95, 5), "total_s": round(total, 3)}
                for stage, median, p95, total in self._stage_rows()
            },
            "peak_rss_bytes": {"worker": self.peak_rss_worker, "main": self.peak_rss_main},
            "exit_code": self.exit_code,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2) + "\n"

    def _stage_rows(self) -> list[tuple[str, float, float, float]]:
        order = {stage: index for index, stage in enumerate(STAGES)}
        rows = []
        for stage in sorted(self.stage_times, key=lambda name: order.get(name, len(order))):
            times = sorted(self.stage_times[stage])
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            rows.append((stage, statistics.median(times), p95, sum(times)))
        return rows


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.1f}" if seconds else "-"


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"
