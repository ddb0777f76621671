"""`run` and its outputs as a user meets them: real processes killed and interrupted, outputs
that fail (a file in the way, a read-only directory, a full disk, a closed pipe), and the
output forms (JSON Lines files, shards), names, modes and leftovers."""

import gzip
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

from corpus_files import CORPUS, DATA

PAGE = CORPUS / "stillpoint-how-to-meditate-list-steps.html"
OTHER = CORPUS / "careercorner-ask-for-a-raise-windows-1252.html"
CLI = [sys.executable, "-m", "pipeline"]


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def copies(directory: Path, count: int) -> Path:
    """`count` pages with the same article and different bytes (so different records)."""
    directory.mkdir(parents=True, exist_ok=True)
    html = PAGE.read_text(encoding="utf-8")
    for number in range(count):
        (directory / f"page-{number:02d}.html").write_text(f"{html}<!-- copy {number} -->\n", encoding="utf-8")
    return directory


def record_files(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("*.json"))


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob(".*.tmp"))


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT])
def test_a_run_stopped_midway_resumes_with_no_loss_and_no_duplicates(tmp_path, stop):
    pages = copies(tmp_path / "pages", 12)
    out = tmp_path / "out"
    first = subprocess.Popen([*CLI, "run", str(pages), "-o", str(out), "--jobs", "1"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(record_files(out)) < 2 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    first.send_signal(stop)
    _, stderr = first.communicate(timeout=60)
    if stop == signal.SIGINT:
        assert first.returncode == 130, stderr
        assert stderr.splitlines()[-2].endswith("(interrupted: run again with --resume to finish)")
        assert stderr.splitlines()[-1] == "interrupted: what finished is kept"
        assert leftovers(out) == []
    for name in record_files(out):
        json.loads((out / name).read_text())  # every record there is whole
    # A record a kill caught after its rename but before the ledger named it is made again.
    done_before = len((out / ".advice-pipeline-done.jsonl").read_text().splitlines())
    assert 0 < done_before <= len(record_files(out)) <= done_before + 1 < 13

    second = subprocess.run([*CLI, "run", str(pages), "-o", str(out), "--resume"], capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert second.stderr.splitlines()[-1] == f"{12 - done_before} written, 0 failed, {done_before} done by an earlier run"
    records = [json.loads((out / name).read_text()) for name in record_files(out)]
    assert sorted(r["source"]["path"] for r in records) == sorted(str(p) for p in pages.iterdir())
    assert (out / "errors.jsonl").read_text() == ""
    assert leftovers(out) == []


def test_resume_retries_failed_inputs_and_keeps_one_error_line_each(tmp_path):
    pages = copies(tmp_path / "pages", 1)
    shutil.copy(DATA / "bad" / "empty.html", pages / "empty.html")
    broken = pages / "broken.html"
    broken.write_text("")
    out = tmp_path / "out"
    assert invoke("run", str(pages), "-o", str(out)).exit_code == 1
    broken.write_text(PAGE.read_text(encoding="utf-8") + "<!-- fixed -->")
    again = invoke("run", str(pages), "-o", str(out), "--resume")
    assert again.exit_code == 1
    assert again.stderr.splitlines()[-1] == "1 written, 1 failed, 1 done by an earlier run"
    assert [json.loads(line)["source"] for line in (out / "errors.jsonl").read_text().splitlines()] == [
        str(pages / "empty.html")
    ]
    assert len(record_files(out)) == 2


def test_a_resume_killed_midway_leaves_one_error_line_per_input_and_none_for_a_record(tmp_path):
    pages = copies(tmp_path / "pages", 4)
    fixed, broken = pages / "a-fixed.html", pages / "b-broken.html"
    fixed.write_text("")
    shutil.copy(DATA / "bad" / "no-article.html", broken)
    out = tmp_path / "out"
    assert invoke("run", str(pages), "-o", str(out), "--jobs", "1").exit_code == 1
    assert sorted(json.loads(line)["source"] for line in (out / "errors.jsonl").read_text().splitlines()) == [
        str(fixed), str(broken)
    ]
    fixed.write_text(PAGE.read_text(encoding="utf-8") + "<!-- fixed -->")
    html = PAGE.read_text(encoding="utf-8")
    for number in range(4, 16):
        (pages / f"page-{number:02d}.html").write_text(f"{html}<!-- copy {number} -->\n", encoding="utf-8")

    # Both failed inputs are tried again first; kill the run once records after them appear.
    second = subprocess.Popen([*CLI, "run", str(pages), "-o", str(out), "--resume", "--jobs", "1", "--ordered"],
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while len(record_files(out)) < 7 and second.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    second.kill()
    second.wait(timeout=30)
    assert 7 <= len(record_files(out)) < 17
    sources = [json.loads(line)["source"] for line in (out / "errors.jsonl").read_text().splitlines()]
    assert sources == [str(broken)]  # one line each, and none for an input that now has its record

    third = subprocess.run([*CLI, "run", str(pages), "-o", str(out), "--resume"], capture_output=True, text=True)
    assert third.returncode == 1, third.stderr
    records = [json.loads((out / name).read_text())["source"]["path"] for name in record_files(out)]
    assert sorted(records) == sorted(str(p) for p in pages.iterdir() if p != broken)
    assert [json.loads(line)["source"] for line in (out / "errors.jsonl").read_text().splitlines()] == [str(broken)]
    assert leftovers(out) == []


def test_identical_pages_each_keep_a_record_and_a_second_run_replaces_none(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.html", "b.html", "c.html"):
        shutil.copy(PAGE, pages / name)
    out = tmp_path / "out"
    result = invoke("run", str(pages), "-o", str(out), "--jobs", "2")
    assert result.stderr.splitlines()[-1] == "3 written, 0 failed"
    names = record_files(out)
    assert len(names) == 3
    assert sorted(json.loads((out / n).read_text())["source"]["path"] for n in names) == sorted(
        str(pages / n) for n in ("a.html", "b.html", "c.html")
    )
    again = invoke("run", str(pages / "a.html"), str(OTHER), "-o", str(out))
    assert again.exit_code == 0
    assert len(record_files(out)) == 4  # a.html replaced its own record, OTHER added one


def test_output_directory_that_is_a_file_stops_the_run_with_one_message(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a directory")
    result = invoke("run", str(PAGE), str(OTHER), "-o", str(blocker))
    assert result.exit_code == 2
    assert result.stderr == f"error: {blocker}: exists and is not a directory\n"


def test_read_only_output_directory_is_a_clear_error_and_leaves_nothing(tmp_path):
    base = Path(tempfile.mkdtemp(prefix="advice-ro-"))
    try:
        base.chmod(0o755)
        shutil.copy(PAGE, base / "page.html")
        out = base / "out"
        out.mkdir()
        out.chmod(0o555)
        # root writes anywhere: without the capability to override file modes, it cannot.
        unprivileged = ["setpriv", "--inh-caps=-dac_override", "--bounding-set=-dac_override"]
        command = [*(unprivileged if os.geteuid() == 0 else []), *CLI, "run", str(base / "page.html"), "-o", str(out)]
        result = subprocess.run(command, capture_output=True, text=True)
        assert result.returncode == 2
        assert result.stderr == f"error: {out}: cannot write: Permission denied\n"
        assert list(out.iterdir()) == []
    finally:
        shutil.rmtree(base)


def limit_file_size(size: int):
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_a_full_disk_stops_the_run_with_no_torn_line_or_file(tmp_path):
    pages = copies(tmp_path / "pages", 6)
    stdout_file = tmp_path / "records.jsonl"
    with stdout_file.open("wb") as stdout:
        result = subprocess.run([*CLI, "run", str(pages), "-o", "-", "--ordered", "--jobs", "1"], stdout=stdout,
                                stderr=subprocess.PIPE, text=True, preexec_fn=limit_file_size(30_000))
    assert result.returncode == 2
    assert [line for line in result.stderr.splitlines() if line.startswith("error")] == [
        "error: <stdout>: cannot write: File too large"
    ]
    assert result.stderr.splitlines()[-1] == "error: <stdout>: cannot write: File too large"
    lines = stdout_file.read_bytes().split(b"\n")
    assert lines[-1] == b"" and 0 < len(lines) - 1 < 6
    assert all(json.loads(line) for line in lines[:-1])

    out = tmp_path / "out"
    result = subprocess.run([*CLI, "run", str(pages), "-o", str(out), "--jobs", "1"], capture_output=True, text=True,
                            preexec_fn=limit_file_size(3_000))  # smaller than one record file
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: {out / record_name(pages / 'page-00.html')}: cannot write: File too large"]
    assert list(out.glob("*.json")) == leftovers(out) == []


def record_name(page: Path) -> str:
    from pipeline import extract

    record = extract(page.read_bytes())
    return f"{record['id']}.json"


def test_a_closed_pipe_ends_the_run_quietly(tmp_path):
    pages = copies(tmp_path / "pages", 8)
    reader, writer = os.pipe()
    run = subprocess.Popen([*CLI, "run", str(pages), "-o", "-", "--jobs", "1"], stdout=writer, stderr=subprocess.PIPE)
    os.close(writer)
    os.read(reader, 100)
    os.close(reader)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 0
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr


def test_json_lines_files_plain_and_gzip_and_shards(tmp_path):
    pages = copies(tmp_path / "pages", 3)
    plain, packed, shards = tmp_path / "out.jsonl", tmp_path / "out.jsonl.gz", tmp_path / "shards"
    assert invoke("run", str(pages), "-o", str(plain), "--ordered").exit_code == 0
    assert invoke("run", str(pages), "-o", str(packed), "--ordered").exit_code == 0
    assert invoke("run", str(pages), "-o", str(shards), "--shard-size", "2").exit_code == 0
    assert plain.is_file() and not (tmp_path / "out.jsonl").is_dir()
    lines = plain.read_text().splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(p) for p in sorted(pages.iterdir())]
    assert gzip.decompress(packed.read_bytes()).decode().splitlines() == lines
    assert sorted(p.name for p in shards.glob("[!.]*.jsonl")) == ["errors.jsonl", "records-00000.jsonl", "records-00001.jsonl"]
    assert [len((shards / n).read_text().splitlines()) for n in ("records-00000.jsonl", "records-00001.jsonl")] == [2, 1]
    assert oct(plain.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())
    assert invoke("validate", str(shards)).exit_code == 0


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_records_get_the_umasks_permissions_and_old_temp_files_are_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".old-record.json.a1b2c3.tmp").write_text("{torn")
    result = invoke("run", str(PAGE), "-o", str(out))
    assert result.exit_code == 0
    [name] = record_files(out)
    assert oct((out / name).stat().st_mode & 0o777) == oct(0o666 & ~current_umask())
    assert leftovers(out) == []


def test_input_list_quiet_and_summary_json(tmp_path):
    listing = tmp_path / "sources.txt"
    listing.write_text(f"{PAGE}\n\n{DATA / 'bad' / 'empty.html'}\n")
    summary = tmp_path / "summary.json"
    result = invoke("run", "-i", str(listing), "-o", str(tmp_path / "out"), "--quiet", "--summary-json", str(summary))
    assert result.exit_code == 1
    assert result.stderr == f"error: {DATA / 'bad' / 'empty.html'}: empty file\n"
    stats = invoke("run", str(PAGE), "-o", str(tmp_path / "again"), "--stats", "--jobs", "1").stderr.splitlines()
    assert stats[1].startswith("1 pages in ") and stats[1].endswith(" words/s")
    assert [line.split()[0] for line in stats[2:-2]] == ["read", "clean", "segment", "tag", "validate", "write"]
    assert stats[-2].startswith("peak memory: ") and stats[-1] == "1 written, 0 failed"
    figures = json.loads(summary.read_text())
    assert figures["outcomes"] == {"written": 1, "failed": 1, "resumed": 0}
    assert figures["failed_by_error"] == {"InputError": 1}
    assert set(figures["stages"]) >= {"read", "clean", "segment", "tag", "validate", "write"}


def test_url_of_a_local_file_and_of_a_fetch_store_page(tmp_path):
    result = invoke("run", str(PAGE), "--url", "https://example.org/meditate", "-o", "-")
    assert json.loads(result.stdout)["source"]["url"] == "https://example.org/meditate"
    store = tmp_path / "store"
    store.mkdir()
    digest = "0" * 64
    shutil.copy(PAGE, store / f"{digest}.html")
    entry = {"url": "https://example.org/m", "outcome": "fetched", "fetched_at": "2026-01-01T00:00:00+00:00",
             "final_url": "https://example.org/meditate/", "sha256": digest, "file": f"{digest}.html"}
    (store / "manifest.jsonl").write_text(json.dumps(entry) + "\n")
    from_store = invoke("run", str(store), "-o", "-")
    from_file = invoke("run", str(store / f"{digest}.html"), "-o", "-")
    assert json.loads(from_store.stdout)["source"]["url"] == "https://example.org/meditate/"
    assert json.loads(from_file.stdout)["source"]["url"] == "https://example.org/meditate/"
    assert invoke("run", str(PAGE), str(OTHER), "--url", "https://example.org/x").exit_code == 2
