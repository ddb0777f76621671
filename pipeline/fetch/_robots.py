"""robots.txt rules per origin, fetched once and cached for the session (RFC 9309)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from protego import Protego

from pipeline.errors import FetchDeferred, FetchError, RobotsDenied

# RFC 9309 asks crawlers to parse at least 500 KiB; anything past it is ignored.
ROBOTS_MAX_BYTES = 500 * 1024
# RFC 9309: a cached robots.txt should not be used for more than 24 hours.
ROBOTS_MAX_AGE = 24 * 3600.0


@dataclass(frozen=True, slots=True)
class RobotsFile:
    """What fetching /robots.txt told us: rules, allow-all (None), or why the host is deferred."""

    rules: Protego | None = None
    unreachable: str | None = None
    read_at: float = 0.0


Download = Callable[[str], tuple[int, bytes | None]]


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def interpret(status: int, body: bytes | None) -> RobotsFile:
    """Map a robots.txt response to rules the way RFC 9309 says.

    A 4xx means no rules (allow all); 429 and 5xx mean the site is struggling, so we hold off.
    """
    if 200 <= status < 300:
        return RobotsFile(rules=Protego.parse((body or b"")[:ROBOTS_MAX_BYTES].decode("utf-8", "replace")))
    if 400 <= status < 500 and status != 429:
        return RobotsFile()
    return RobotsFile(unreachable=f"robots.txt answered HTTP {status}")


class RobotsCache:
    """Fetches each origin's robots.txt once and answers whether our agent may fetch a URL."""

    def __init__(self, download: Download, agent_token: str) -> None:
        self._download = download
        self._agent = agent_token
        self._files: dict[str, RobotsFile] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def check(self, url: str) -> None:
        """Raise RobotsDenied if robots.txt forbids `url`, FetchDeferred if it could not be read."""
        robots = self._file_for(url)
        if robots.unreachable:
            raise FetchDeferred(url, robots.unreachable)
        if robots.rules is not None and not robots.rules.can_fetch(url, self._agent):
            raise RobotsDenied(url, f"robots.txt disallows it for {self._agent}; it is asked again on every run")

    def delay(self, url: str) -> float:
        """Seconds the host asks between our requests (Crawl-delay or Request-rate), 0 if none or not yet known."""
        robots = self._files.get(robots_url(url))
        if robots is None or robots.rules is None:
            return 0.0
        crawl_delay = robots.rules.crawl_delay(self._agent) or 0.0
        rate = robots.rules.request_rate(self._agent)
        rate_delay = rate.seconds / rate.requests if rate and rate.requests else 0.0
        return float(max(crawl_delay, rate_delay))

    def _file_for(self, url: str) -> RobotsFile:
        key = robots_url(url)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            cached = self._files.get(key)
            if cached is None or time.monotonic() - cached.read_at > ROBOTS_MAX_AGE:
                self._files[key] = self._fetch(key)
            return self._files[key]

    def _fetch(self, key: str) -> RobotsFile:
        try:
            status, body = self._download(key)
        except FetchDeferred as error:
            robots = RobotsFile(unreachable=f"robots.txt: {error.reason}")
        except FetchError as error:
            robots = RobotsFile(unreachable=f"robots.txt unreachable: {error.reason}")
        else:
            robots = interpret(status, body)
        return replace(robots, read_at=time.monotonic())
