"""Deadlines on every network read, against a real loopback server that stretches each phase.

The server sends bytes often enough that no single read ever waits long (read_timeout 1 s),
so only the phase, request and URL deadlines can end these exchanges.
"""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import FetchDeferred, FetchError
from pipeline.fetch import fetch_page, read_sitemap
from pipeline.settings import FetchSettings, Settings


def timed(call):
    started = time.monotonic()
    try:
        call()
    except FetchError as error:
        return error, time.monotonic() - started
    raise AssertionError("no error")


def test_headers_sent_a_byte_at_a_time_hit_the_headers_deadline(site, tuned):
    error, took = timed(lambda: fetch_page(site.url("/slow-headers"), tuned(headers_timeout=0.5)))
    assert type(error) is FetchError
    assert error.reason == "response headers not complete after 0.5 s"
    assert took < 2.0
    assert site.count("/slow-headers") == 1  # a server that stalls is not asked again


def test_the_default_settings_bound_the_headers_too():
    defaults = FetchSettings()
    assert defaults.headers_timeout <= defaults.request_timeout <= defaults.url_timeout
    assert defaults.body_timeout <= defaults.request_timeout


def test_a_whole_request_deadline_cuts_headers_and_body_together(site, tuned):
    error, took = timed(lambda: fetch_page(site.url("/trickle"), tuned(request_timeout=0.4)))
    assert error.reason == "request not complete after 0.4 s"
    assert took < 2.0


def test_the_whole_url_budget_counts_every_attempt_and_wait(site, tuned):
    using = tuned(url_timeout=0.5, backoff_base=0.4, backoff_cap=0.4, max_retries=30)
    error, took = timed(lambda: fetch_page(site.url("/always-busy"), using))
    assert error.reason.startswith("URL not done within its 0.5 s budget (")
    assert took < 2.0
    assert site.count("/always-busy") < 30


def test_robots_txt_goes_through_the_same_deadlines(site, tuned):
    site.slow_robots = True
    error, took = timed(lambda: fetch_page(site.url("/article.html"), tuned(headers_timeout=0.5)))
    assert type(error) is FetchDeferred
    assert error.reason == "robots.txt unreachable: response headers not complete after 0.5 s"
    assert took < 2.0
    assert "/article.html" not in site.paths()


def test_a_sitemap_goes_through_the_same_deadlines(site, tuned):
    with pytest.raises(FetchError, match="response headers not complete after 0.5 s"):
        read_sitemap(site.url("/slow-headers"), tuned(headers_timeout=0.5))


def test_fetch_command_records_a_slow_server_as_failed_and_goes_on(site, tmp_path, monkeypatch):
    slow_server = Settings(fetch=FetchSettings(headers_timeout=0.5))
    monkeypatch.setattr(Settings, "from_env", classmethod(lambda cls, **overrides: slow_server))
    urls = [site.url("/slow-headers"), site.url("/article.html")]
    started = time.monotonic()
    result = CliRunner().invoke(
        cli, ["fetch", *urls, "-o", str(tmp_path), "--allow-private", "--delay", "0"], catch_exceptions=False
    )
    assert time.monotonic() - started < 5.0
    assert result.exit_code == 1
    entries = [json.loads(line) for line in (tmp_path / "manifest.jsonl").read_text().splitlines()]
    assert {entry["url"]: (entry["outcome"], entry["reason"]) for entry in entries} == {
        urls[0]: ("failed", "response headers not complete after 0.5 s"),
        urls[1]: ("fetched", None),
    }


def test_run_on_a_slow_url_reports_it_as_that_inputs_error(site, tmp_path, monkeypatch):
    slow_server = Settings(fetch=FetchSettings(headers_timeout=0.5, min_delay=0.0))
    monkeypatch.setattr(Settings, "from_env", classmethod(lambda cls, **overrides: slow_server))
    url = site.url("/slow-headers")
    result = CliRunner().invoke(cli, ["run", url, "-o", str(tmp_path), "--allow-private"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {url}: response headers not complete after 0.5 s", "0 written, 1 failed"]
