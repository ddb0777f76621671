"""Refusals by policy (a private address, robots.txt) are never remembered as done: the next
run asks again, so a changed policy takes effect at once, and the message says how."""

from __future__ import annotations

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.fetch import _sessions


def fetch(*args: str):
    return CliRunner().invoke(cli, ["fetch", *args, "--delay", "0.05"], catch_exceptions=False)


def test_a_private_refusal_says_how_to_retry_and_is_retried_with_allow_private(site, tmp_path):
    url = site.url("/article.html")
    refused = fetch(url, "-o", str(tmp_path))
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        f"[1/1] refused {url}: host 127.0.0.1 resolves to non-public address 127.0.0.1; "
        "rerun with --allow-private to fetch it",
        "1 URLs: 0 fetched, 0 unchanged, 0 robots, 1 refused, 0 failed, 0 deferred",
    ]
    assert site.paths() == []

    allowed = fetch(url, "-o", str(tmp_path), "--allow-private")
    assert allowed.exit_code == 0
    assert allowed.stderr.splitlines() == [
        f"[1/1] fetched {url}",
        "1 URLs: 1 fetched, 0 unchanged, 0 robots, 0 refused, 0 failed, 0 deferred",
    ]


def test_a_robots_refusal_is_asked_again_and_follows_a_changed_robots_txt(site, tmp_path):
    url = site.url("/private/secret.html")
    first = fetch(url, "-o", str(tmp_path), "--allow-private")
    assert first.exit_code == 0
    assert first.stderr.splitlines()[0].startswith(f"[1/1] robots {url}: ")

    site.robots_file = None  # robots.txt is gone: everything is allowed now
    _sessions._sessions.clear()  # a new run is a new process, with no robots.txt cached
    second = fetch(url, "-o", str(tmp_path), "--allow-private")
    assert second.stderr.splitlines() == [
        f"[1/1] fetched {url}",
        "1 URLs: 1 fetched, 0 unchanged, 0 robots, 0 refused, 0 failed, 0 deferred",
    ]
    assert site.count("/private/secret.html") == 1
