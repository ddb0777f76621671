"""A deadline on one HTTP exchange, whatever the server does to stretch it.

httpx bounds each socket read (a silence), not a sum of reads: a server that sends its headers
one byte a second would hold a request forever. A Deadline watches the exchange from a thread
of its own and, when the current phase (headers, then body) runs out, shuts the connection
down, so the blocked read returns at once; the caller then asks `expired` why it failed.

It learns the connection's socket from httpx's public `trace` extension, at connect time, so
the client must open a connection per request (no keep-alive) for every exchange to be seen.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from types import TracebackType
from typing import Any


class Deadline:
    """Cuts one exchange's connection when its current phase's time is up."""

    def __init__(self, phase: str, until: float) -> None:
        self._phase, self._until = phase, until
        self._socket: socket.socket | None = None
        self._finished = False
        self._changed = threading.Condition()
        self.expired: str | None = None

    def __enter__(self) -> Deadline:
        threading.Thread(target=self._watch, name="fetch-deadline", daemon=True).start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        with self._changed:
            self._finished = True
            self._changed.notify()
            if self._socket is not None:
                self._socket.close()
                self._socket = None

    def next_phase(self, phase: str, until: float) -> None:
        """Start a new phase (the body, once the headers are in) that must end by `until`."""
        with self._changed:
            self._phase, self._until = phase, until
            self._changed.notify()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpx's trace hook: keep a handle on the socket as soon as it connects."""
        if event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        raw = stream.get_extra_info("socket") if stream is not None else None
        if raw is None:
            return
        with self._changed:
            # Our own descriptor for the same socket: it cannot be closed and reused under us,
            # and shutting it down stops every read on the connection, TLS or not.
            self._socket = socket.socket(fileno=os.dup(raw.fileno()))
            if self.expired:
                self._cut()

    def _watch(self) -> None:
        with self._changed:
            while not self._finished:
                left = self._until - time.monotonic()
                if left <= 0:
                    self.expired = self._phase
                    self._cut()
                    return
                self._changed.wait(left)

    def _cut(self) -> None:
        if self._socket is not None:
            try:
                self._socket.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the other side: the read ends anyway
