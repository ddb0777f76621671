"""The raw store: pages saved under their content hash, and manifest.jsonl saying what happened.

The manifest is append-only; the last line for a URL is its current state. Both kinds of write
survive a kill: a page appears only by an atomic rename, and a torn manifest tail is cut off
when the store is opened again.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from pipeline.atomic_file import write_atomically
from pipeline.errors import UsageError
from pipeline.fetch._client import charset_of
from pipeline.model import Page, Source

Outcome = Literal["fetched", "unchanged", "robots", "refused", "failed", "deferred"]

MANIFEST_NAME = "manifest.jsonl"
LOCK_NAME = ".lock"
PARTIAL_SUFFIX = ".part"


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One line of the manifest: the outcome of one URL in one run."""

    url: str
    outcome: Outcome
    fetched_at: str
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    sha256: str | None = None
    bytes: int | None = None
    file: str | None = None
    reason: str | None = None

    def to_line(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False) + "\n").encode("utf-8")


class RawStore:
    """A directory of content-addressed pages plus its manifest."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.manifest = directory / MANIFEST_NAME
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(str(directory), f"cannot hold a raw store: {error.strerror}") from error
        self._lock = threading.Lock()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the store for one run, first tidying what a killed run left behind.

        Two runs appending at once would interleave the manifest, so a second one is refused.
        """
        with (self.directory / LOCK_NAME).open("w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as error:
                raise UsageError(str(self.directory), "another fetch run is using this store") from error
            try:
                self._cut_torn_tail()
                self._remove_partial_files()
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def entries(self) -> dict[str, ManifestEntry]:
        """The latest manifest entry of every URL."""
        latest: dict[str, ManifestEntry] = {}
        if self.manifest.exists():
            with self.manifest.open(encoding="utf-8") as lines:
                for line in lines:
                    entry = _parse_line(line)
                    if entry is not None:
                        latest[entry.url] = entry
        return latest

    def save_page(self, content: bytes) -> tuple[str, str]:
        """Store `content` under its hash (once, however many URLs share it): (sha256, file name)."""
        digest = hashlib.sha256(content).hexdigest()
        name = f"{digest}.html"
        target = self.directory / name
        if not target.exists():
            write_atomically(target, content, temp_suffix=PARTIAL_SUFFIX)
        return digest, name

    def has_file(self, name: str | None) -> bool:
        return bool(name) and (self.directory / name).is_file()

    def record(self, entry: ManifestEntry) -> None:
        """Append `entry` in one write, so a kill leaves whole lines or a tail we can cut."""
        with self._lock, self.manifest.open("ab") as manifest:
            manifest.write(entry.to_line())
            manifest.flush()
            os.fsync(manifest.fileno())

    def _cut_torn_tail(self) -> None:
        if not self.manifest.exists():
            return
        data = self.manifest.read_bytes()
        if data and not data.endswith(b"\n"):
            with self.manifest.open("r+b") as manifest:
                manifest.truncate(data.rfind(b"\n") + 1)

    def _remove_partial_files(self) -> None:
        for partial in self.directory.glob(f".*{PARTIAL_SUFFIX}"):
            partial.unlink(missing_ok=True)


def stored_pages(directory: Path) -> Iterator[Page]:
    """The pages of a raw store, latest per URL, each with its final URL and HTTP charset."""
    store = RawStore(directory)
    for entry in store.entries().values():
        if entry.outcome in ("fetched", "unchanged") and entry.sha256 and store.has_file(entry.file):
            yield Page(
                source=Source(content_sha256=entry.sha256, url=entry.final_url or entry.url),
                content=(directory / str(entry.file)).read_bytes(),
                encoding=charset_of(entry.headers.get("content-type")),
            )


def stored_url(path: Path) -> str | None:
    """The URL a page file of a raw store was fetched from, per the store's manifest."""
    entries = RawStore(path.parent).entries().values()
    return next((entry.final_url or entry.url for entry in entries if entry.file == path.name), None)


def _parse_line(line: str) -> ManifestEntry | None:
    """An entry, or None for a line we cannot read (its URL is then simply fetched again)."""
    try:
        return ManifestEntry(**json.loads(line))
    except (ValueError, TypeError):
        return None
