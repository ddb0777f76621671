"""One request at a time per host, spaced by the host's delay."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from pipeline.errors import FetchDeferred


def host_key(url: str) -> str:
    """The host and port a politeness gate is kept for (a string that is no URL keeps its own)."""
    try:
        parts = urlsplit(url)
        return f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    except ValueError:
        return url


class HostGate:
    """Serialises requests to one host and keeps them at least `spacing` seconds apart."""

    def __init__(self) -> None:
        self._turn = threading.Lock()
        self._clock = threading.Lock()
        self._ready_at = 0.0

    @contextmanager
    def turn(self, url: str, spacing: float, max_wait: float) -> Iterator[None]:
        """Wait for this host's next slot, hold it for one request, then start the spacing.

        A wait longer than `max_wait` (a long Retry-After or Crawl-delay) defers the URL instead
        of tying up a worker.
        """
        with self._turn:
            wait = self._ready_at - time.monotonic()
            if wait > max_wait:
                raise FetchDeferred(url, f"host asks to wait {wait:.0f} s, over the {max_wait:g} s cap")
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self.hold_off(spacing)

    def wait(self) -> float:
        """Seconds until this host's next slot (0 when it is free now)."""
        with self._clock:
            return max(0.0, self._ready_at - time.monotonic())

    def hold_off(self, seconds: float) -> None:
        """Send nothing to this host for `seconds` from now (or longer if already so)."""
        with self._clock:
            self._ready_at = max(self._ready_at, time.monotonic() + seconds)


class HostGates:
    """A gate per host, created on first use."""

    def __init__(self) -> None:
        self._gates: dict[str, HostGate] = {}
        self._lock = threading.Lock()

    def for_url(self, url: str) -> HostGate:
        key = host_key(url)
        with self._lock:
            return self._gates.setdefault(key, HostGate())
