"""One Session per fetch settings per process, so politeness holds across `fetch_page` calls."""

from __future__ import annotations

import os
import threading

from pipeline.fetch._client import Session
from pipeline.settings import FetchSettings

# A process-wide cache guarded by a lock and keyed by pid: a forked worker builds its own
# client instead of sharing the parent's sockets.
_sessions: dict[tuple[FetchSettings, int], Session] = {}
_lock = threading.Lock()


def session_for(settings: FetchSettings) -> Session:
    """The shared Session for these settings in this process."""
    key = (settings, os.getpid())
    with _lock:
        if key not in _sessions:
            _sessions[key] = Session(settings)
        return _sessions[key]
