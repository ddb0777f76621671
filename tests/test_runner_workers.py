"""The batch runner at scale: worker processes, a page that hangs or kills its worker, input
order, WARC input, the tagging cap, the Dask engine (records written by its workers, the time
budget per page) and the many-pages library call."""

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.outputs import RecordDirectory
from pipeline.run_report import Outcome
from pipeline.runner import run
from pipeline.settings import Settings
from pipeline.sources import iter_sources
from pipeline.extraction import extract_pages

from corpus_files import CORPUS, DATA

SMALL_PAGES = [
    CORPUS / "stillpoint-how-to-meditate-list-steps.html",
    CORPUS / "careercorner-ask-for-a-raise-windows-1252.html",
    CORPUS / "friendfix-repair-friendship-signs-and-steps.html",
]


def settle(sources, out, settings):
    outcomes: list[Outcome] = []
    summary = run(iter_sources([str(s) for s in sources], settings), RecordDirectory(out), settings, report=outcomes.append)
    return summary, outcomes


def errors_of(out):
    return [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]


def records_in(out):
    return sorted(p.name for p in out.glob("*.json"))


def sleepy_or_deadly(real):
    """extract_pages, except that a page named hang.html never ends and die.html kills its worker."""

    def extract(pages, settings, clocks):
        for page in pages:
            if page.source.path.endswith("hang.html"):
                time.sleep(3600)
            if page.source.path.endswith("die.html"):
                os.kill(os.getpid(), signal.SIGKILL)
        return real(pages, settings, clocks)

    return extract


def test_a_page_that_hangs_or_kills_its_worker_costs_that_page_only(tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.workers.extract_pages", sleepy_or_deadly(extract_pages))
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.html", "hang.html", "die.html", "b.html"):
        shutil.copy(SMALL_PAGES[0] if name != "b.html" else SMALL_PAGES[1], pages / name)
    settings = Settings().with_batch(jobs=2, page_timeout=3.0)
    start = time.monotonic()
    summary, outcomes = settle([pages], tmp_path / "out", settings)
    assert time.monotonic() - start < 30
    assert (summary.written, len(summary.failed), summary.exit_code) == (2, 2, 1)
    assert sorted((e["source"], e["stage"], e["error"], e["message"]) for e in errors_of(tmp_path / "out")) == [
        (str(pages / "die.html"), "extract", "WorkerLost", "the worker process died (killed by SIGKILL)"),
        (str(pages / "hang.html"), "extract", "PageTooCostly",
         "extraction took longer than the 3 s budget per page (--page-timeout)"),
    ]
    assert len(records_in(tmp_path / "out")) == 2


def test_ordered_results_come_back_in_input_order_with_two_workers(tmp_path):
    sources = [SMALL_PAGES[2], DATA / "bad" / "empty.html", SMALL_PAGES[0], SMALL_PAGES[1]]
    summary, outcomes = settle(sources, tmp_path / "out", Settings().with_batch(jobs=2, ordered=True))
    assert [o.source for o in outcomes] == [str(s) for s in sources]
    assert [o.ok for o in outcomes] == [True, False, True, True]
    assert summary.line() == "3 written, 1 failed"


def test_a_corrupt_page_among_good_ones_is_one_error_line_and_the_rest_are_done(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for page in SMALL_PAGES:
        shutil.copy(page, pages / page.name)
    shutil.copy(DATA / "bad" / "truncated.html.gz", pages / "corrupt.html.gz")
    summary, _ = settle([pages], tmp_path / "out", Settings().with_batch(jobs=2))
    assert summary.exit_code == 1
    assert errors_of(tmp_path / "out") == [
        {"source": str(pages / "corrupt.html.gz"), "stage": "read", "error": "InputError", "message": "truncated gzip data"}
    ]
    assert len(records_in(tmp_path / "out")) == 3


def write_warc(path, records, gzip=True):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for uri, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_records_become_records_others_are_skipped_and_a_truncated_one_fails(tmp_path, gzip):
    html = SMALL_PAGES[0].read_bytes()
    warc = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(warc, [
        ("https://example.org/meditate", "text/html; charset=utf-8", html),
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ("https://example.org/raise", "text/html", SMALL_PAGES[1].read_bytes()),
    ])
    cut = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    cut.write_bytes(warc.read_bytes()[:-2000])
    summary, outcomes = settle([warc, cut], tmp_path / "out", Settings().with_batch(jobs=1, ordered=True))
    assert [(o.source, o.ok) for o in outcomes] == [
        ("https://example.org/meditate", True), ("https://example.org/raise", True),
        ("https://example.org/meditate", True), ("https://example.org/raise", False),
    ]
    assert "truncated WARC" in str(outcomes[-1].error)
    records = [json.loads((tmp_path / "out" / name).read_text()) for name in records_in(tmp_path / "out")]
    assert sorted((r["source"]["url"], r["source"]["path"]) for r in records) == [
        ("https://example.org/meditate", str(warc)),
        ("https://example.org/meditate", str(cut)),
        ("https://example.org/raise", str(warc)),
    ]


def test_a_page_over_the_tagging_cap_fails_alone_with_the_reason(tmp_path):
    settings = Settings(max_tag_chars=2000).with_batch(jobs=1, ordered=True)
    summary, outcomes = settle([SMALL_PAGES[0], SMALL_PAGES[2]], tmp_path / "out", settings)
    long_page = [o for o in outcomes if not o.ok]
    assert len(long_page) == 1 and type(long_page[0].error).__name__ == "PageTooCostly"
    assert long_page[0].stage == "tag"
    assert long_page[0].error.reason == "main text of 2,587 characters is over the 2,000 tagged per page"


def test_dask_engine_writes_the_same_records_byte_for_byte(tmp_path, monkeypatch):
    from distributed import LocalCluster

    sources = [*SMALL_PAGES, DATA / "bad" / "empty.html"]
    local, _ = settle(sources, tmp_path / "local", Settings().with_batch(jobs=1))

    def no_record_through_the_main_process(*args):
        raise AssertionError("the Dask workers write the records")

    monkeypatch.setattr(RecordDirectory, "write", no_record_through_the_main_process)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        settings = Settings().with_batch(engine="dask", scheduler=cluster.scheduler_address, partition_size=2)
        dask, _ = settle(sources, tmp_path / "dask", settings)
    assert (dask.written, len(dask.failed)) == (local.written, len(local.failed)) == (3, 1)
    names = records_in(tmp_path / "local")
    assert records_in(tmp_path / "dask") == names
    assert [(tmp_path / "dask" / n).read_bytes() for n in names] == [(tmp_path / "local" / n).read_bytes() for n in names]
    assert errors_of(tmp_path / "dask") == errors_of(tmp_path / "local")
    assert sorted(p.name for p in (tmp_path / "dask").glob(".*.tmp")) == []


def test_a_page_that_hangs_or_kills_its_process_on_a_dask_worker_costs_that_page_only(tmp_path, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setattr("pipeline.workers.extract_pages", sleepy_or_deadly(extract_pages))
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.html", "hang.html", "die.html", "b.html"):
        shutil.copy(SMALL_PAGES[0] if name != "b.html" else SMALL_PAGES[1], pages / name)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        settings = Settings().with_batch(engine="dask", scheduler=cluster.scheduler_address, page_timeout=3.0)
        start = time.monotonic()
        summary, _ = settle([pages], tmp_path / "out", settings)
    assert time.monotonic() - start < 60
    assert (summary.written, len(summary.failed), summary.exit_code) == (2, 2, 1)
    assert sorted((e["source"], e["error"]) for e in errors_of(tmp_path / "out")) == [
        (str(pages / "die.html"), "WorkerLost"), (str(pages / "hang.html"), "PageTooCostly"),
    ]
    assert len(records_in(tmp_path / "out")) == 2


def test_the_time_budget_per_page_holds_on_a_local_cluster_of_processes(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", *(str(p) for p in SMALL_PAGES[:2]), "-o", str(out),
               "--engine", "dask", "--jobs", "1", "--page-timeout", "0.001"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert sorted((e["source"], e["error"], e["message"]) for e in errors_of(out)) == [
        (str(page), "PageTooCostly", "extraction took longer than the 0.001 s budget per page (--page-timeout)")
        for page in sorted(SMALL_PAGES[:2])
    ]
    assert records_in(out) == [] and sorted(p.name for p in out.glob(".*.tmp")) == []


def test_extract_many_streams_records_and_names_failures_by_the_callers_name():
    from pipeline import extract_many

    pages = [("https://example.org/a", SMALL_PAGES[0].read_bytes()), ("my page", "<html><body></body></html>")]
    results = list(extract_many(pages, jobs=1))
    assert results[0]["source"]["url"] == "https://example.org/a"
    assert str(results[1]).startswith("my page: ")
    assert [type(r).__name__ for r in list(extract_many(pages, jobs=2))] == ["dict", "NoArticleError"]
