"""The fetch command: exit codes, progress on stderr, and resuming after a kill."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.fetch._store import RawStore

REPO = Path(__file__).resolve().parents[2]
FAST = ["--allow-private", "--delay", "0.05"]


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, ["fetch", *args], input=stdin)


def test_all_fetched_exits_0_with_progress_and_summary_on_stderr(site, tmp_path):
    result = invoke(site.url("/article.html"), site.url("/private/secret.html"), "-o", str(tmp_path), *FAST)

    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"[1/2] fetched {site.url('/article.html')}",
        f"[2/2] robots {site.url('/private/secret.html')}: robots.txt disallows it for advice-pipeline; it is asked again on every run",
        "2 URLs: 1 fetched, 0 unchanged, 1 robots, 0 refused, 0 failed, 0 deferred",
    ]


def test_some_failed_exits_1(site, tmp_path):
    result = invoke("-i", "-", "-o", str(tmp_path), *FAST, stdin=f"{site.url('/missing')}\n{site.url('/page/1')}\n")

    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "2 URLs: 1 fetched, 0 unchanged, 0 robots, 0 refused, 1 failed, 0 deferred"


def test_sitemap_with_match_fetches_the_matching_pages(site, tmp_path):
    result = invoke("--sitemap", site.url("/sitemap.xml"), "--match", r"article\.html$", "-o", str(tmp_path), *FAST)

    assert result.exit_code == 0
    assert site.paths() == ["/robots.txt", "/sitemap.xml", "/sitemap-articles.xml.gz", "/sitemap-tags.xml", "/article.html"]


def test_private_host_is_refused_without_the_flag(site, tmp_path):
    result = invoke(site.url("/article.html"), "-o", str(tmp_path))

    assert result.exit_code == 1
    assert site.hits == []


def test_user_agent_option_is_sent(site, tmp_path):
    invoke(site.url("/article.html"), "--user-agent", "tester/1.0", "-o", str(tmp_path), *FAST)

    assert {hit.headers["user-agent"] for hit in site.hits} == {"tester/1.0"}


def test_no_urls_is_a_usage_error(tmp_path):
    result = invoke("-o", str(tmp_path))

    assert result.exit_code == 2
    assert result.stderr == "error: fetch: no URLs given\n"


def test_bad_option_value_is_a_usage_error(tmp_path):
    assert invoke("https://example.org/", "--delay", "-1").exit_code == 2


def test_killed_run_resumes_without_refetching_or_torn_files(site, tmp_path):
    paths = [f"/page/{n}" for n in range(1, 7)]
    out = tmp_path / "raw"
    site.blocking = {"/page/4"}
    command = [sys.executable, "-m", "pipeline", "fetch", *FAST, "-o", str(out), *map(site.url, paths)]
    first = subprocess.Popen(command, cwd=REPO, stderr=subprocess.DEVNULL)
    _wait_until(lambda: site.count("/page/4") == 1)
    first.kill()
    first.wait()
    site.blocking = set()
    site.release.set()
    done_before = [json.loads(line)["url"] for line in (out / "manifest.jsonl").read_text().splitlines()]

    result = invoke(*map(site.url, paths), "-o", str(out), *FAST)

    assert done_before == [site.url(path) for path in paths[:3]]
    assert result.stderr.splitlines()[-1] == (
        "6 URLs: 6 fetched, 0 unchanged, 0 robots, 0 refused, 0 failed, 0 deferred (3 done by an earlier run)"
    )
    assert [site.count(path) for path in paths] == [1, 1, 1, 2, 1, 1]
    lines = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert sorted(line["url"] for line in lines) == sorted(site.url(path) for path in paths)
    assert sorted(path.name for path in out.iterdir() if path.name.startswith(".")) == [".lock"]
    files = sorted(path.name for path in out.glob("*.html"))
    assert files == sorted(line["file"] for line in lines)
    for name in files:
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() + ".html" == name


def _wait_until(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the server never saw the request"
        time.sleep(0.02)


def test_store_in_use_by_another_run_is_a_usage_error(tmp_path):
    with RawStore(tmp_path).exclusive():
        result = invoke("https://example.org/", "-o", str(tmp_path))

    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path}: another fetch run is using this store\n"


def test_delay_zero_is_taken_as_given(site, tmp_path):
    invoke(site.url("/page/1"), site.url("/page/2"), "--allow-private", "--delay", "0", "-o", str(tmp_path))

    assert max(site.gaps()) < 0.5


def test_refresh_revalidates_pages_done_moments_ago(site, tmp_path):
    invoke(site.url("/article.html"), "-o", str(tmp_path), *FAST)
    again = invoke(site.url("/article.html"), "-o", str(tmp_path), *FAST)
    refreshed = invoke(site.url("/article.html"), "-o", str(tmp_path), *FAST, "--refresh")

    assert again.stderr.splitlines()[-1] == (
        "1 URLs: 1 fetched, 0 unchanged, 0 robots, 0 refused, 0 failed, 0 deferred (1 done by an earlier run)"
    )
    assert refreshed.stderr.splitlines()[-1] == "1 URLs: 0 fetched, 1 unchanged, 0 robots, 0 refused, 0 failed, 0 deferred"
    assert site.count("/article.html") == 2


def test_out_path_that_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "raw").write_text("not a directory")

    result = invoke("https://example.org/", "-o", str(tmp_path / "raw"))

    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'raw'}: cannot hold a raw store: File exists\n"


def test_bad_lines_of_a_url_list_are_their_own_errors_and_the_good_ones_are_fetched(site, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_bytes(b"http://[::1\n" + site.url("/page/1").encode() + b"\n\xff\xfe\nhttp://127.0.0.1:99999/\n")
    result = invoke("-i", str(listing), "-o", str(tmp_path / "raw"), *FAST)

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {listing}:1: http://[::1: not a valid URL: Invalid IPv6 URL",
        f"error: {listing}:3: not valid UTF-8",
        f"error: {listing}:4: http://127.0.0.1:99999/: not a valid URL: Port out of range 0-65535",
        f"[1/1] fetched {site.url('/page/1')}",
        "1 URLs: 1 fetched, 0 unchanged, 0 robots, 0 refused, 0 failed, 0 deferred; 3 not valid",
    ]
