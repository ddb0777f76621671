"""A real HTTP server on 127.0.0.1 that misbehaves the way web hosts do, and settings to reach it."""

from __future__ import annotations

import gzip
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipeline.errors import FetchError
from pipeline.fetch import _sessions, fetch_page
from pipeline.settings import FetchSettings, Settings

SITE = Path(__file__).resolve().parents[1] / "data" / "fetch" / "site"
HUGE_BYTES = 30 * 1024 * 1024
ETAG = '"article-v1"'
LAST_MODIFIED = "Sun, 01 Nov 2026 10:00:00 GMT"

# Small delays and timeouts so the suite runs in seconds; the defaults are tested once on purpose.
FAST = FetchSettings(
    allow_private=True,
    min_delay=0.05,
    read_timeout=1.0,
    connect_timeout=2.0,
    body_timeout=5.0,
    backoff_base=0.05,
    backoff_cap=0.2,
    retry_after_cap=5.0,
)


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    at: float
    headers: dict[str, str]


class Site:
    """The server's state: what it was asked for and when, and switches the tests flip."""

    def __init__(self) -> None:
        self.origin = ""
        self.robots_file: str | None = "robots.txt"
        self.slow_robots = False
        self.hits: list[Hit] = []
        self.blocking: set[str] = set()
        self.release = threading.Event()
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.origin + path

    @staticmethod
    def file(name: str) -> bytes:
        """The bytes of a fixture file the server serves."""
        return (SITE / name).read_bytes()

    def record(self, path: str, headers: dict[str, str]) -> int:
        """Log a hit and return how many times `path` has now been asked for."""
        with self._lock:
            self.hits.append(Hit(path, time.monotonic(), headers))
            return sum(hit.path == path for hit in self.hits)

    def serving(self, change: int) -> None:
        """Track how many requests are being answered at once."""
        with self._lock:
            self.in_flight += change
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

    def count(self, path: str) -> int:
        return sum(hit.path == path for hit in self.hits)

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]

    def gaps(self) -> list[float]:
        """Seconds between consecutive hits, as the server saw them."""
        times = [hit.at for hit in self.hits]
        return [later - earlier for earlier, later in zip(times, times[1:])]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: Site

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""

    def handle(self) -> None:
        # Clients that give up (size cap, timeout, kill) drop the connection; that is expected.
        try:
            super().handle()
        except ConnectionError:
            pass

    def do_GET(self) -> None:
        seen = self.site.record(self.path, {k.lower(): v for k, v in self.headers.items()})
        self.site.serving(+1)
        try:
            if self.path in self.site.blocking:
                self.site.release.wait(20)
            self._route(self.path, seen)
        finally:
            self.site.serving(-1)

    def _route(self, path: str, seen: int) -> None:
        if path == "/robots.txt" and self.site.slow_robots:
            self._slow_headers()
        elif path == "/robots.txt" and self.site.robots_file:
            self._send(200, self.site.file(self.site.robots_file), "text/plain")
        elif path == "/article.html":
            self._article()
        elif path == "/private/secret.html":
            self._send(200, self.site.file("secret.html"))
        elif path == "/cp1252.html":
            self._send(200, self.site.file("cp1252.html"), "text/html; charset=utf-8")
        elif path == "/pixel.png":
            self._send(200, self.site.file("pixel.png"), "image/png")
        elif path == "/busy":
            self._retry_later(429, seen, first_ok=2, retry_after="1")
        elif path == "/flaky":
            self._retry_later(503, seen, first_ok=3, retry_after=None)
        elif path == "/always-busy":
            self._retry_later(503, seen, first_ok=10**9, retry_after=None)
        elif path == "/far-future":
            self._retry_later(503, seen, first_ok=99, retry_after="3600")
        elif path == "/bad-gzip":
            self._send(200, b"this is not gzip at all", headers={"Content-Encoding": "gzip"})
        elif path == "/missing":
            self._send(404, b"<p>Not here.</p>")
        elif match := re.fullmatch(r"/hop/(\d)", path):
            step = int(match[1])
            self._redirect((301, 302, 307)[step - 1], f"/hop/{step + 1}" if step < 3 else "/article.html")
        elif path in ("/loop/a", "/loop/b"):
            self._redirect(302, "/loop/b" if path == "/loop/a" else "/loop/a")
        elif path == "/huge":
            self._huge(declared=True)
        elif path == "/huge-undeclared":
            self._huge(declared=False)
        elif path == "/stall":
            self._stall()
        elif path == "/trickle":
            self._trickle()
        elif path == "/slow-headers":
            self._slow_headers()
        elif path == "/drop":
            self._drop_then_answer(seen, first_ok=3)
        elif path.startswith("/sitemap") and (SITE / path.lstrip("/")).is_file():
            self._send(200, self._sitemap(path), "text/plain" if path.endswith(".txt") else "application/xml")
        elif path.startswith("/sitemap") and path.endswith(".gz") and (SITE / path[1:-3]).is_file():
            self._send(200, gzip.compress(self._sitemap(path[:-3])), "application/gzip")
        elif match := re.fullmatch(r"/fan-(\d+)-(\d+)((?:/\d+)*)\.xml", path):
            self._send(200, self._fan(path[:-4], int(match[1]), int(match[2]), match[3].count("/")), "application/xml")
        elif re.fullmatch(r"/slow/\d+", path):
            time.sleep(0.3)
            self._send(200, self.site.file("article.html") + path.encode())
        elif match := re.fullmatch(r"/page/(\d+)", path):
            page = self.site.file("article.html") + f"<!-- page {match[1]} -->\n".encode()
            self._send(200, page)
        else:
            self._send(404, b"<p>Not here.</p>")

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _article(self) -> None:
        validators = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            for name, value in validators.items():
                self.send_header(name, value)
            self.end_headers()
            return
        self._send(200, self.site.file("article.html"), headers=validators)

    def _retry_later(self, status: int, seen: int, first_ok: int, retry_after: str | None) -> None:
        if seen >= first_ok:
            self._send(200, self.site.file("article.html"))
        else:
            self._send(status, b"<p>Try again later.</p>", headers={"Retry-After": retry_after} if retry_after else {})

    def _redirect(self, status: int, location: str) -> None:
        self._send(status, b"", headers={"Location": location})

    def _huge(self, declared: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declared:
            self.send_header("Content-Length", str(HUGE_BYTES))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        block = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"
        for _ in range(HUGE_BYTES // len(block)):
            self.wfile.write(block)

    def _stall(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b"<html><body><p>This page never finishes")
        self.wfile.flush()
        self.site.release.wait(10)

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        for _ in range(30):
            if self.site.release.wait(0.1):
                return
            self.wfile.write(b" ")
            self.wfile.flush()

    def _slow_headers(self) -> None:
        """Response headers one byte every 0.1 s, never finished: no read ever waits long."""
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: ")
        for _ in range(200):
            if self.site.release.wait(0.1):
                return
            self.wfile.write(b"z")
            self.wfile.flush()

    def _drop_then_answer(self, seen: int, first_ok: int) -> None:
        if seen >= first_ok:
            self._send(200, self.site.file("article.html"))
        else:
            self.close_connection = True

    def _fan(self, stem: str, width: int, levels: int, depth: int) -> bytes:
        """A sitemap index `width` wide and `levels` deep over urlsets of `width` pages each."""
        if depth < levels:
            children = "".join(f"<sitemap><loc>{self.site.origin}{stem}/{i}.xml</loc></sitemap>" for i in range(width))
            return f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}</sitemapindex>'.encode()
        pages = "".join(f"<url><loc>{self.site.origin}/page{stem}/{i}</loc></url>" for i in range(width))
        return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{pages}</urlset>'.encode()

    def _sitemap(self, path: str) -> bytes:
        return (SITE / path.lstrip("/")).read_text(encoding="utf-8").replace("{origin}", self.site.origin).encode()


@pytest.fixture
def site() -> Iterator[Site]:
    """A fresh server on a free loopback port, stopped after the test."""
    state = Site()
    handler = type("SiteHandler", (Handler,), {"site": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    state.origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def fresh_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no cached robots.txt or host timing from an earlier test."""
    monkeypatch.setattr(_sessions, "_sessions", {})


@pytest.fixture
def settings() -> Settings:
    """Fast settings that may reach the loopback server."""
    return Settings(fetch=FAST)


@pytest.fixture
def tuned() -> Callable[..., Settings]:
    """Fast settings with some fetch knobs changed: tuned(min_delay=0.5)."""
    return Settings(fetch=FAST).with_fetch


@pytest.fixture
def reason_of(site: Site, settings: Settings) -> Callable[..., str]:
    """The reason a fetch of a site path fails with: reason_of("/missing") == "HTTP 404".

    `using` replaces the fast settings, `call` replaces fetch_page (read_sitemap), and `raises`
    names the error expected (any FetchError by default).
    """

    def reason(
        path: str,
        using: Settings = settings,
        call: Callable[[str, Settings], object] = fetch_page,
        raises: type[FetchError] = FetchError,
    ) -> str:
        with pytest.raises(raises) as failed:
            call(site.url(path), using)
        return failed.value.reason

    return reason
