"""HTTP with the crawler's manners: safety and robots on every hop, per-host spacing, retries.

Sync httpx under threads: the batch is I/O-bound at a handful of requests in flight, DNS
checks and robots lookups are blocking anyway, and plain threads keep `fetch_page` callable
from any synchronous caller without an event loop.
"""

from __future__ import annotations

import random
import ssl
import threading
import time
import urllib.request
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from urllib.parse import urldefrag, urljoin

import httpx

from pipeline import __version__
from pipeline.errors import FetchDeferred, FetchError, UnsafeURL
from pipeline.fetch._deadline import Deadline
from pipeline.fetch._politeness import HostGates
from pipeline.fetch._retry import RETRYABLE_STATUSES, backoff_seconds, retry_after_seconds
from pipeline.fetch._robots import ROBOTS_MAX_BYTES, RobotsCache
from pipeline.fetch._safety import check_peer, check_url
from pipeline.settings import CONTACT_URL, FetchSettings

AGENT_TOKEN = "advice-pipeline"
DEFAULT_USER_AGENT = f"{AGENT_TOKEN}/{__version__} (+{CONTACT_URL})"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
KEPT_HEADERS = ("content-type", "etag", "last-modified", "location", "retry-after")
ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


@dataclass(frozen=True, slots=True)
class Reply:
    """The last response of a fetch: body only for a 2xx, headers only those we use."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes | None = None
    attempts: int = 1


class _Transient(Exception):
    """A connection-level failure worth retrying."""


class Session:
    """One HTTP client with its robots cache and host gates; safe to share between threads."""

    def __init__(self, settings: FetchSettings) -> None:
        self._settings = settings
        user_agent = settings.user_agent or DEFAULT_USER_AGENT
        self._client = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                pool=None,
            ),
            follow_redirects=False,
            # A connection per request, so that every exchange's Deadline sees its socket.
            limits=httpx.Limits(max_connections=settings.max_concurrency, max_keepalive_connections=0),
        )
        self._in_flight = threading.BoundedSemaphore(settings.max_concurrency)
        self._gates = HostGates()
        self._robots = RobotsCache(self._download_robots, user_agent.split("/")[0].strip())
        self._rng = random.Random()
        # Behind a proxy the peer is the proxy, so only a direct connection can be checked.
        self._check_peer = not settings.allow_private and not urllib.request.getproxies()

    def get_page(self, url: str, validators: Mapping[str, str] | None = None) -> Reply:
        """GET an HTML page, following redirects; `validators` make it conditional."""
        headers = {"Accept": ACCEPT_HTML, **(validators or {})}
        return self._follow(url, headers, HTML_TYPES, self._settings.max_bytes, self._settings.obey_robots)

    def get_file(self, url: str) -> Reply:
        """GET any resource (a sitemap), under robots rules and the size cap."""
        return self._follow(url, {}, (), self._settings.max_bytes, self._settings.obey_robots)

    def _download_robots(self, url: str) -> tuple[int, bytes | None]:
        reply = self._follow(url, {}, (), ROBOTS_MAX_BYTES, obey_robots=False, truncate=True)
        return reply.status, reply.body

    def _follow(
        self,
        url: str,
        headers: Mapping[str, str],
        accept: Collection[str],
        max_bytes: int,
        obey_robots: bool,
        truncate: bool = False,
    ) -> Reply:
        current, seen = urldefrag(url).url, set()
        url_end = time.monotonic() + self._settings.url_timeout
        for _ in range(self._settings.max_redirects + 1):
            seen.add(current)
            try:
                check_url(current, self._settings.allow_private)
                if obey_robots:
                    self._robots.check(current)
            except FetchError as error:
                if current == url:
                    raise
                raise type(error)(url, f"redirected to {current}: {error.reason}") from error
            reply = self._with_retries(current, headers, accept, max_bytes, truncate, url_end)
            location = reply.headers.get("location")
            if reply.status not in REDIRECT_STATUSES or not location:
                return reply
            current = urldefrag(urljoin(current, location)).url
            if current in seen:
                raise FetchError(url, f"redirect loop: {current} was already visited")
        raise FetchError(url, f"more than {self._settings.max_redirects} redirects")

    def _with_retries(
        self,
        url: str,
        headers: Mapping[str, str],
        accept: Collection[str],
        max_bytes: int,
        truncate: bool,
        url_end: float,
    ) -> Reply:
        settings, gate = self._settings, self._gates.for_url(url)
        attempt = 0
        while True:
            attempt += 1
            last = attempt > settings.max_retries
            spacing = max(settings.min_delay, self._robots.delay(url))
            left = url_end - time.monotonic()
            if left <= gate.wait():
                raise FetchError(url, f"{self._url_overdue()} ({attempt - 1} attempts)")
            try:
                with gate.turn(url, spacing, min(settings.retry_after_cap, left)):
                    reply = self._exchange(url, headers, accept, max_bytes, truncate, url_end)
            except _Transient as error:
                if last:
                    raise FetchError(url, f"{error} (gave up after {attempt} attempts)") from error
                gate.hold_off(self._backoff(attempt - 1))
                continue
            if reply.status not in RETRYABLE_STATUSES or last:
                return replace(reply, attempts=attempt)
            gate.hold_off(self._retry_delay(url, reply, attempt - 1))

    def _retry_delay(self, url: str, reply: Reply, attempt: int) -> float:
        asked = retry_after_seconds(reply.headers.get("retry-after"))
        if asked is None:
            return self._backoff(attempt)
        if asked > self._settings.retry_after_cap:
            raise FetchDeferred(
                url,
                f"HTTP {reply.status} asks to retry after {asked:.0f} s, "
                f"over the {self._settings.retry_after_cap:g} s cap",
            )
        return asked

    def _backoff(self, attempt: int) -> float:
        return backoff_seconds(attempt, self._settings.backoff_base, self._settings.backoff_cap, self._rng)

    def _exchange(
        self,
        url: str,
        headers: Mapping[str, str],
        accept: Collection[str],
        max_bytes: int,
        truncate: bool,
        url_end: float,
    ) -> Reply:
        with self._in_flight:
            ends = (time.monotonic() + self._settings.request_timeout, url_end)
            deadline = Deadline(*self._phase("response headers", self._settings.headers_timeout, ends))
            try:
                return self._converse(url, headers, accept, max_bytes, truncate, deadline, ends)
            except httpx.HTTPError as error:
                if deadline.expired:
                    raise FetchError(url, deadline.expired) from error
                raise self._failure(url, error) from error

    def _converse(
        self,
        url: str,
        headers: Mapping[str, str],
        accept: Collection[str],
        max_bytes: int,
        truncate: bool,
        deadline: Deadline,
        ends: tuple[float, float],
    ) -> Reply:
        """One request and its response, every phase under `deadline`."""
        trace = {"trace": deadline.trace}
        with deadline, self._client.stream("GET", url, headers=headers, extensions=trace) as response:
            deadline.next_phase(*self._phase("body", self._settings.body_timeout, ends))
            if self._check_peer:
                check_peer(url, _peer_address(response))
            kept = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
            if not response.is_success:
                return Reply(url, response.status_code, kept)
            _check_content_type(url, kept.get("content-type"), accept)
            body = self._read_body(url, response, max_bytes, truncate)
        if deadline.expired:  # a body without a length ends when the connection does
            raise FetchError(url, deadline.expired)
        return Reply(url, response.status_code, kept, body)

    def _phase(self, what: str, seconds: float, ends: tuple[float, float]) -> tuple[str, float]:
        """Why a phase that may take `seconds` fails when it overruns, and when it must end:
        at its own limit, the request's or the URL's (`ends`), whichever comes first."""
        request_end, url_end = ends
        until, reason = min(
            (time.monotonic() + seconds, f"{what} not complete after {seconds:g} s"),
            (request_end, f"request not complete after {self._settings.request_timeout:g} s"),
            (url_end, self._url_overdue()),
        )
        return reason, until

    def _url_overdue(self) -> str:
        return f"URL not done within its {self._settings.url_timeout:g} s budget"

    def _failure(self, url: str, error: httpx.HTTPError) -> Exception:
        """The pipeline error (or a retryable _Transient) an httpx error stands for."""
        if isinstance(error, httpx.ReadTimeout):
            return FetchError(url, f"no data for {self._settings.read_timeout:g} s (read timeout)")
        if isinstance(error, httpx.UnsupportedProtocol):
            return UnsafeURL(url, str(error))
        if isinstance(error, httpx.InvalidURL):
            return FetchError(url, f"invalid URL: {error}")
        if isinstance(error, httpx.DecodingError):
            return FetchError(url, f"body does not match its Content-Encoding: {error}")
        if isinstance(error, httpx.TransportError) and _caused_by_tls(error):
            return FetchError(url, f"TLS handshake failed: {error}")
        return _Transient(f"{type(error).__name__}: {error}".rstrip(": "))

    def _read_body(self, url: str, response: httpx.Response, max_bytes: int, truncate: bool) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes and not truncate:
            raise FetchError(url, f"body of {int(declared)} bytes is over the {max_bytes} byte limit")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                if truncate:
                    break
                raise FetchError(url, f"body is over the {max_bytes} byte limit")
        return b"".join(chunks)[:max_bytes]


def _caused_by_tls(error: BaseException) -> bool:
    """Whether a transport error comes from TLS (a bad certificate will not heal on retry)."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _peer_address(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    return peer[0] if peer else None


def _check_content_type(url: str, content_type: str | None, accept: Collection[str]) -> None:
    if not accept:
        return
    media_type = media_type_of(content_type)
    if media_type not in accept:
        raise FetchError(url, f"content type {media_type or '(none)'} is not HTML")


def media_type_of(content_type: str | None) -> str:
    """The bare media type of a Content-Type header, lower-cased ('' when absent)."""
    return (content_type or "").split(";")[0].strip().lower()


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, or None."""
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        value = value.strip().strip("\"'")
        if name.strip().lower() == "charset" and value:
            return value.lower()
    return None


def failure_of(reply: Reply, conditional: bool) -> str | None:
    """Why a final reply is not a usable page, or None if it is (a 304 counts when we asked)."""
    if reply.status == 304 and conditional:
        return None
    if not 200 <= reply.status < 300:
        tried = f" (gave up after {reply.attempts} attempts)" if reply.status in RETRYABLE_STATUSES else ""
        return f"HTTP {reply.status}{tried}"
    if not reply.body:
        return "empty body"
    return None
