"""The batch runner as a library: files and URLs in, records and outcomes out."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline.run_report import Outcome
from pipeline.runner import run
from pipeline.settings import Settings

from corpus_files import CORPUS, DATA, SEED_PAGE


class ListWriter:
    """An output that keeps records in a list, as a caller of the library might."""

    resumable = False

    def __init__(self) -> None:
        self.records: list[dict] = []
        self.failures: list = []

    def open(self) -> set[str]:
        return set()

    def write(self, record: dict, key: str, input_name: str) -> str:
        self.records.append(record)
        return f"record {len(self.records)}"

    def fail(self, failure) -> None:
        self.failures.append(failure)

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


@pytest.fixture()
def corpus_server():
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(CORPUS))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_each_source_gets_exactly_one_outcome_in_order():
    outcomes: list[Outcome] = []
    writer = ListWriter()
    sources = [str(DATA / "bad" / "empty.html"), str(SEED_PAGE), str(DATA / "bad" / "missing.html")]
    summary = run(sources, writer, Settings().with_batch(ordered=True), report=outcomes.append)
    assert [(o.source, o.written_to, str(o.error) if o.error else None) for o in outcomes] == [
        (sources[0], None, f"{sources[0]}: empty file"),
        (sources[1], "record 1", None),
        (sources[2], None, f"{sources[2]}: no such file"),
    ]
    # the missing path sets the exit code: 2, a path that cannot be read, over 1 for the empty page
    assert (summary.written, len(summary.failed), summary.exit_code, summary.line()) == (1, 2, 2, "1 written, 2 failed")


def test_url_sources_are_fetched_then_extracted(corpus_server):
    writer = ListWriter()
    url = f"{corpus_server}/{SEED_PAGE.name}"
    summary = run([url], writer, Settings().with_fetch(allow_private=True, min_delay=0.0))
    assert summary.exit_code == 0
    [record] = writer.records
    assert record["source"]["url"] == url
    assert record["source"]["path"] is None
    assert [step["number"] for step in record["steps"]] == list(range(1, 13))


def test_loopback_url_and_other_schemes_are_refused_with_reasons(corpus_server):
    outcomes: list[Outcome] = []
    sources = [f"{corpus_server}/{SEED_PAGE.name}", "ftp://example.org/a.html"]
    run(sources, ListWriter(), Settings().with_batch(ordered=True), report=outcomes.append)
    assert [type(o.error).__name__ for o in outcomes] == ["UnsafeURL", "UnsafeURL"]
    assert outcomes[0].error.reason == "host 127.0.0.1 resolves to non-public address 127.0.0.1; rerun with --allow-private to fetch it"
    assert outcomes[1].error.reason == "scheme 'ftp' is not http or https"


def test_a_bug_on_one_page_becomes_an_outcome_not_a_crash(monkeypatch):
    def explode(pages, settings, clocks):
        return [ValueError("boom") for _ in pages]

    monkeypatch.setattr("pipeline.workers.extract_pages", explode)
    outcomes: list[Outcome] = []
    summary = run([str(SEED_PAGE)], ListWriter(), Settings(), report=outcomes.append)
    assert str(outcomes[0].error) == f"{SEED_PAGE}: internal error: ValueError: boom"
    assert summary.exit_code == 1


def test_the_library_extracts_a_record_from_html_in_memory():
    from pipeline import extract

    url = "https://www.example.org/12-steps"
    record = extract(SEED_PAGE.read_text(encoding="utf-8"), url=url)
    assert record["source"] == {"url": url, "path": None, "content_sha256": record["source"]["content_sha256"]}
    assert record["id"] == f"12-crucial-steps-to-get-your-ex-back-should-you-{record['source']['content_sha256'][:8]}"
    assert [step["title"] for step in record["steps"]][:2] == ["Find Out If They Still Care About You", "Give Them Space"]
