"""Fetch many URLs into a raw store: one worker per host at a time, every URL accounted for."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pipeline.errors import FetchDeferred, FetchError, RobotsDenied, UnsafeURL
from pipeline.fetch._client import Reply, Session, failure_of
from pipeline.fetch._politeness import host_key
from pipeline.fetch._sessions import session_for
from pipeline.fetch._store import ManifestEntry, Outcome, RawStore
from pipeline.settings import Settings

OUTCOMES: tuple[Outcome, ...] = ("fetched", "unchanged", "robots", "refused", "failed", "deferred")
# These hold until settings.fetch.revisit_after. The others are asked again on every run: a
# deferred URL because the host asked us to wait, and a refusal by policy (robots.txt, a
# private address) because the policy may have changed since (a new robots.txt, --allow-private).
DONE_OUTCOMES = frozenset({"fetched", "unchanged", "failed"})
MANIFEST_HEADERS = ("content-type", "etag", "last-modified")

Progress = Callable[[int, int, ManifestEntry], None]


@dataclass(frozen=True, slots=True)
class FetchSummary:
    """How a batch ended: the current outcome of every URL asked for, and the exit code."""

    counts: Mapping[str, int] = field(default_factory=dict)
    earlier: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def exit_code(self) -> int:
        """0 when every URL was handled (robots.txt's refusals included); 1 when some were
        refused, failed or were deferred to a later run."""
        return 1 if any(self.counts.get(outcome) for outcome in ("refused", "failed", "deferred")) else 0

    def line(self) -> str:
        parts = ", ".join(f"{self.counts.get(outcome, 0)} {outcome}" for outcome in OUTCOMES)
        resumed = f" ({self.earlier} done by an earlier run)" if self.earlier else ""
        return f"{self.total} URLs: {parts}{resumed}"


def fetch_all(
    urls: Iterable[str],
    out_dir: Path,
    settings: Settings,
    progress: Progress | None = None,
) -> FetchSummary:
    """Fetch every URL into `out_dir` and append its outcome to `out_dir/manifest.jsonl`.

    A URL done less than `settings.fetch.revisit_after` seconds ago is skipped, so a killed
    run resumes where it stopped; an older one is asked again with If-None-Match /
    If-Modified-Since, and a 304 is recorded as unchanged. Deferred URLs are always retried.
    """
    store = RawStore(out_dir)
    wanted = list(dict.fromkeys(url.strip() for url in urls if url.strip()))
    fresh_since = datetime.now(timezone.utc) - timedelta(seconds=settings.fetch.revisit_after)
    with store.exclusive():
        known = store.entries()
        earlier = {url: known[url].outcome for url in wanted if _is_done(known.get(url), fresh_since)}
        todo = [url for url in wanted if url not in earlier]
        batch = _Batch(session_for(settings.fetch), store, known, len(wanted), progress)
        outcomes = {**earlier, **batch.run(todo, settings.fetch.max_concurrency)}
    counts = {outcome: sum(1 for value in outcomes.values() if value == outcome) for outcome in OUTCOMES}
    return FetchSummary(counts=counts, earlier=len(earlier))


def _is_done(entry: ManifestEntry | None, fresh_since: datetime) -> bool:
    return (
        entry is not None
        and entry.outcome in DONE_OUTCOMES
        and datetime.fromisoformat(entry.fetched_at) > fresh_since
    )


class _Batch:
    """The URLs of one run, grouped by host so a worker keeps one host's pace."""

    def __init__(
        self,
        session: Session,
        store: RawStore,
        known: Mapping[str, ManifestEntry],
        total: int,
        progress: Progress | None,
    ) -> None:
        self._session, self._store, self._known = session, store, known
        self._total, self._progress = total, progress
        self._done = 0
        self._outcomes: dict[str, Outcome] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()

    def run(self, urls: list[str], workers: int) -> dict[str, Outcome]:
        self._done = self._total - len(urls)
        by_host: dict[str, list[str]] = {}
        for url in urls:
            by_host.setdefault(host_key(url), []).append(url)
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch")
        try:
            for future in [pool.submit(self._fetch_host, host_urls) for host_urls in by_host.values()]:
                future.result()
        finally:
            # On Ctrl-C, let in-flight pages finish and be recorded, but start no new ones.
            self._stop.set()
            pool.shutdown(wait=True, cancel_futures=True)
        return self._outcomes

    def _fetch_host(self, urls: list[str]) -> None:
        for url in urls:
            if self._stop.is_set():
                return
            entry = self._fetch_one(url)
            self._store.record(entry)
            with self._lock:
                self._outcomes[url] = entry.outcome
                self._done += 1
                if self._progress:
                    self._progress(self._done, self._total, entry)

    def _fetch_one(self, url: str) -> ManifestEntry:
        previous = self._known.get(url)
        validators = _validators(previous) if previous and self._store.has_file(previous.file) else {}
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            reply = self._session.get_page(url, validators)
        except RobotsDenied as error:
            return ManifestEntry(url=url, outcome="robots", fetched_at=now, reason=error.reason)
        except UnsafeURL as error:
            return ManifestEntry(url=url, outcome="refused", fetched_at=now, reason=error.reason)
        except FetchDeferred as error:
            return ManifestEntry(url=url, outcome="deferred", fetched_at=now, reason=error.reason)
        except FetchError as error:
            return ManifestEntry(url=url, outcome="failed", fetched_at=now, reason=error.reason)
        return self._entry_for(url, now, reply, previous if validators else None)

    def _entry_for(self, url: str, now: str, reply: Reply, previous: ManifestEntry | None) -> ManifestEntry:
        headers = {name: reply.headers[name] for name in MANIFEST_HEADERS if name in reply.headers}
        answer = {"url": url, "fetched_at": now, "final_url": reply.url, "status": reply.status}
        failure = failure_of(reply, conditional=previous is not None)
        if failure:
            return ManifestEntry(**answer, outcome="failed", headers=headers, reason=failure)
        if reply.status == 304 and previous is not None:
            return ManifestEntry(
                **answer,
                outcome="unchanged",
                headers={**previous.headers, **headers},
                sha256=previous.sha256,
                bytes=previous.bytes,
                file=previous.file,
            )
        body = reply.body or b""
        digest, name = self._store.save_page(body)
        return ManifestEntry(
            **answer, outcome="fetched", headers=headers, sha256=digest, bytes=len(body), file=name
        )


def _validators(previous: ManifestEntry) -> dict[str, str]:
    """Conditional-request headers from the validators the server gave last time."""
    validators = {}
    if etag := previous.headers.get("etag"):
        validators["If-None-Match"] = etag
    if modified := previous.headers.get("last-modified"):
        validators["If-Modified-Since"] = modified
    return validators
