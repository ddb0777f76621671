"""fetch_all: the raw store and manifest, exactly one outcome per URL, resuming and revalidating."""

from __future__ import annotations

import hashlib
import json

from pipeline.fetch import FetchSummary, fetch_all, stored_pages
from pipeline.model import Page, Source


def manifest_lines(out_dir) -> list[dict]:
    """Manifest lines without their timestamps, which differ on every run."""
    lines = (out_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [{k: v for k, v in json.loads(line).items() if k != "fetched_at"} for line in lines]


def stored_files(out_dir) -> list[str]:
    return sorted(path.name for path in out_dir.glob("*.html"))


def test_every_url_gets_exactly_one_outcome(site, settings, tmp_path):
    paths = [
        "/article.html", "/private/secret.html", "/busy", "/flaky", "/missing", "/hop/1", "/loop/a",
        "/huge", "/pixel.png", "/stall", "/cp1252.html", "/far-future",
    ]

    summary = fetch_all([site.url(path) for path in paths], tmp_path, settings)

    assert summary == FetchSummary(
        counts={"fetched": 5, "unchanged": 0, "robots": 1, "refused": 0, "failed": 5, "deferred": 1}, earlier=0
    )
    assert summary.line() == "12 URLs: 5 fetched, 0 unchanged, 1 robots, 0 refused, 5 failed, 1 deferred"
    assert summary.exit_code == 1
    outcomes = [
        (line["url"].removeprefix(site.origin), line["outcome"], line["status"], line["reason"])
        for line in manifest_lines(tmp_path)
    ]
    assert outcomes == [
        ("/article.html", "fetched", 200, None),
        ("/private/secret.html", "robots", None, "robots.txt disallows it for advice-pipeline; it is asked again on every run"),
        ("/busy", "fetched", 200, None),
        ("/flaky", "fetched", 200, None),
        ("/missing", "failed", 404, "HTTP 404"),
        ("/hop/1", "fetched", 200, None),
        ("/loop/a", "failed", None, f"redirect loop: {site.url('/loop/a')} was already visited"),
        ("/huge", "failed", None, "body of 31457280 bytes is over the 20971520 byte limit"),
        ("/pixel.png", "failed", None, "content type image/png is not HTML"),
        ("/stall", "failed", None, "no data for 1 s (read timeout)"),
        ("/cp1252.html", "fetched", 200, None),
        ("/far-future", "deferred", None, "HTTP 503 asks to retry after 3600 s, over the 5 s cap"),
    ]
    assert [site.count(path) for path in paths] == [2, 0, 2, 3, 1, 1, 1, 1, 1, 1, 1, 1]


def test_fetched_page_is_stored_under_its_hash_with_a_full_manifest_line(site, settings, tmp_path):
    fetch_all([site.url("/hop/1")], tmp_path, settings)

    content = site.file("article.html")
    digest = hashlib.sha256(content).hexdigest()
    assert manifest_lines(tmp_path) == [
        {
            "url": site.url("/hop/1"),
            "outcome": "fetched",
            "final_url": site.url("/article.html"),
            "status": 200,
            "headers": {
                "content-type": "text/html; charset=utf-8",
                "etag": '"article-v1"',
                "last-modified": "Sun, 01 Nov 2026 10:00:00 GMT",
            },
            "sha256": digest,
            "bytes": len(content),
            "file": f"{digest}.html",
            "reason": None,
        }
    ]
    assert (tmp_path / f"{digest}.html").read_bytes() == content


def test_failed_line_keeps_the_status(site, settings, tmp_path):
    fetch_all([site.url("/missing")], tmp_path, settings)

    assert manifest_lines(tmp_path) == [
        {
            "url": site.url("/missing"),
            "outcome": "failed",
            "final_url": site.url("/missing"),
            "status": 404,
            "headers": {"content-type": "text/html; charset=utf-8"},
            "sha256": None,
            "bytes": None,
            "file": None,
            "reason": "HTTP 404",
        }
    ]


def test_same_content_at_two_urls_is_stored_once(site, settings, tmp_path):
    fetch_all([site.url("/article.html"), site.url("/hop/1")], tmp_path, settings)

    digest = hashlib.sha256(site.file("article.html")).hexdigest()
    assert stored_files(tmp_path) == [f"{digest}.html"]
    assert [line["file"] for line in manifest_lines(tmp_path)] == [f"{digest}.html"] * 2


def test_repeated_urls_are_fetched_once(site, settings, tmp_path):
    summary = fetch_all([site.url("/page/1"), site.url("/page/1") + " ", site.url("/page/1")], tmp_path, settings)

    assert summary.total == 1
    assert site.count("/page/1") == 1


def test_second_run_skips_done_urls_and_retries_deferred_ones(site, settings, tmp_path):
    urls = [site.url(path) for path in ("/article.html", "/missing", "/far-future")]
    fetch_all(urls, tmp_path, settings)

    summary = fetch_all(urls, tmp_path, settings)

    assert summary.line() == "3 URLs: 1 fetched, 0 unchanged, 0 robots, 0 refused, 1 failed, 1 deferred (2 done by an earlier run)"
    assert [site.count(path) for path in ("/article.html", "/missing", "/far-future")] == [1, 1, 2]
    assert [line["outcome"] for line in manifest_lines(tmp_path)] == ["fetched", "failed", "deferred", "deferred"]


def test_url_done_over_a_day_ago_is_revalidated_and_304_recorded_as_unchanged(site, settings, tmp_path):
    fetch_all([site.url("/article.html")], tmp_path, settings)
    manifest = tmp_path / "manifest.jsonl"
    line = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**line, "fetched_at": "2026-01-01T00:00:00+00:00"}) + "\n")

    summary = fetch_all([site.url("/article.html")], tmp_path, settings)

    assert summary.line() == "1 URLs: 0 fetched, 1 unchanged, 0 robots, 0 refused, 0 failed, 0 deferred"
    conditional = site.hits[-1].headers
    assert (conditional["if-none-match"], conditional["if-modified-since"]) == (
        '"article-v1"',
        "Sun, 01 Nov 2026 10:00:00 GMT",
    )
    first, second = manifest_lines(tmp_path)
    assert second == {**first, "outcome": "unchanged", "status": 304}
    assert len(stored_files(tmp_path)) == 1


def test_revalidation_without_the_stored_file_fetches_in_full(site, tuned, tmp_path):
    refresh = tuned(revisit_after=0.0)
    fetch_all([site.url("/article.html")], tmp_path, refresh)
    for name in stored_files(tmp_path):
        (tmp_path / name).unlink()

    fetch_all([site.url("/article.html")], tmp_path, refresh)

    assert "if-none-match" not in site.hits[-1].headers
    assert [line["outcome"] for line in manifest_lines(tmp_path)] == ["fetched", "fetched"]
    assert len(stored_files(tmp_path)) == 1


def test_hosts_are_fetched_side_by_side_each_at_its_own_pace(site, tuned, tmp_path):
    other = site.origin.replace("127.0.0.1", "localhost")
    urls = [site.url(f"/page/{n}") for n in range(3)] + [f"{other}/page/{n}" for n in range(3, 6)]

    summary = fetch_all(urls, tmp_path, tuned(min_delay=0.3))

    assert summary.counts["fetched"] == 6
    by_host = {host: [hit.at for hit in site.hits if hit.headers["host"].startswith(host)]
               for host in ("127.0.0.1", "localhost")}
    for times in by_host.values():
        assert len(times) == 4
        assert all(later - earlier >= 0.3 for earlier, later in zip(times, times[1:]))
    # The second host started before the first was done: the hosts ran in parallel.
    assert min(by_host["localhost"]) < max(by_host["127.0.0.1"])


def test_global_limit_caps_requests_in_flight_across_hosts(site, tuned, tmp_path):
    hosts = (site.origin, site.origin.replace("127.0.0.1", "localhost"))
    urls = [f"{origin}/slow/{n}" for origin in hosts for n in range(2)]

    fetch_all(urls, tmp_path, tuned(max_concurrency=1))
    one_at_a_time = site.most_in_flight
    fetch_all(urls, tmp_path / "again", tuned(max_concurrency=2))

    assert (one_at_a_time, site.most_in_flight) == (1, 2)


def test_progress_reports_every_url_in_order_of_completion(site, settings, tmp_path):
    seen = []
    fetch_all([site.url("/article.html"), site.url("/missing")], tmp_path, settings,
              progress=lambda done, total, entry: seen.append((done, total, entry.outcome)))

    assert seen == [(1, 2, "fetched"), (2, 2, "failed")]


def test_stored_pages_give_back_each_fetched_page_with_url_and_charset(site, settings, tmp_path):
    fetch_all([site.url("/hop/1"), site.url("/cp1252.html"), site.url("/missing")], tmp_path, settings)

    article, mislabelled = site.file("article.html"), site.file("cp1252.html")
    assert list(stored_pages(tmp_path)) == [
        Page(Source(hashlib.sha256(article).hexdigest(), url=site.url("/article.html")), article, "utf-8"),
        Page(Source(hashlib.sha256(mislabelled).hexdigest(), url=site.url("/cp1252.html")), mislabelled, "utf-8"),
    ]
