"""RawStore: content-addressed pages, and a manifest that survives being cut off mid-write."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.errors import UsageError
from pipeline.fetch import ManifestEntry
from pipeline.fetch._store import RawStore

ENTRY = ManifestEntry(url="https://example.org/a", outcome="failed", fetched_at="2026-11-28T02:00:00+00:00", reason="HTTP 404")


def test_page_is_saved_under_its_sha256(tmp_path):
    store = RawStore(tmp_path)

    digest, name = store.save_page(b"<p>Hello</p>")

    assert digest == hashlib.sha256(b"<p>Hello</p>").hexdigest()
    assert name == f"{digest}.html"
    assert (tmp_path / name).read_bytes() == b"<p>Hello</p>"
    assert [path.name for path in tmp_path.iterdir()] == [name]


def test_recorded_entries_read_back_latest_per_url(tmp_path):
    store = RawStore(tmp_path)
    later = ManifestEntry(url=ENTRY.url, outcome="deferred", fetched_at="2026-11-28T03:00:00+00:00", reason="HTTP 503")
    store.record(ENTRY)
    store.record(later)

    assert RawStore(tmp_path).entries() == {ENTRY.url: later}


def test_torn_manifest_tail_is_cut_on_reopen(tmp_path):
    RawStore(tmp_path).record(ENTRY)
    manifest = tmp_path / "manifest.jsonl"
    whole = manifest.read_bytes()
    manifest.write_bytes(whole + b'{"url": "https://example.org/b", "outc')

    store = RawStore(tmp_path)
    with store.exclusive():
        assert manifest.read_bytes() == whole
        assert store.entries() == {ENTRY.url: ENTRY}


def test_unreadable_manifest_line_is_skipped(tmp_path):
    (tmp_path / "manifest.jsonl").write_text('not json\n{"url": "x", "unknown_field": 1}\n' + ENTRY.to_line().decode())

    assert RawStore(tmp_path).entries() == {ENTRY.url: ENTRY}


def test_partial_files_left_by_a_kill_are_removed_on_reopen(tmp_path):
    (tmp_path / ".abc.html.x1y2.part").write_bytes(b"<p>half a pa")

    with RawStore(tmp_path).exclusive():
        assert [path.name for path in tmp_path.iterdir()] == [".lock"]


def test_second_run_on_the_same_store_is_refused(tmp_path):
    with RawStore(tmp_path).exclusive():
        with pytest.raises(UsageError) as refused:
            with RawStore(tmp_path).exclusive():
                pass

    assert str(refused.value) == f"{tmp_path}: another fetch run is using this store"


def test_store_is_free_again_after_a_run(tmp_path):
    with RawStore(tmp_path).exclusive():
        pass
    with RawStore(tmp_path).exclusive():
        pass
