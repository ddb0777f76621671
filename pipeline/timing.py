"""Time per stage of one page, kept by whoever runs the stages (runner, worker), never by a stage."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class StageClock:
    """Seconds spent in each named stage, and the stage running now (for naming a failure)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.current: str | None = None

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        self.current = stage
        start = time.perf_counter()
        yield
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start
        self.current = None

    def charge(self, stage: str, seconds: float) -> None:
        """Add time spent on this page's behalf in work shared with other pages."""
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
