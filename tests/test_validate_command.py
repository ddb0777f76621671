"""`advice-pipeline validate` over real files and stdin: reports, formats, limits and exit codes."""

import gzip
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pipeline import record_files
from pipeline.cli import cli

from corpus_files import REPO, SEED_PAGE

GOLDEN_FILE = REPO / "tests" / "golden" / "versions" / "1.1.json"
GOLDEN = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))
LINE = json.dumps(GOLDEN) + "\n"
BAD_LINE = json.dumps(dict(GOLDEN, published="2024-02-30")) + "\n"
BAD_REPORT = '/published: is no real ISO 8601 date or date-time (value: "2024-02-30")'


def invoke(*args: str, stdin: bytes | str | None = None):
    return CliRunner().invoke(cli, ["validate", *args], input=stdin, catch_exceptions=False)


def test_valid_json_jsonl_and_gzip_files_in_a_directory_exit_0(tmp_path):
    (tmp_path / "one.json").write_text(GOLDEN_FILE.read_text())
    (tmp_path / "many.jsonl").write_text(LINE + "\n" + LINE)
    (tmp_path / "sub").mkdir()
    with gzip.open(tmp_path / "sub" / "more.jsonl.gz", "wt") as out:
        out.write(LINE * 3)
    (tmp_path / "notes.txt").write_text("not a record file")
    result = invoke(str(tmp_path))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "6 records in 3 files: 6 valid, 0 invalid\n"


def test_each_problem_names_file_line_pointer_message_and_value_and_exits_1(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(LINE + BAD_LINE)
    result = invoke(str(path))
    assert result.exit_code == 1
    assert result.stdout == f"{path}:2: {BAD_REPORT}\n"
    assert result.stderr == "2 records in 1 file: 1 valid, 1 invalid\n"


def test_a_truncated_last_line_is_an_invalid_record_not_a_crash(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_text(LINE + LINE[:100])
    result = invoke(str(path))
    assert result.exit_code == 1
    assert result.stdout == (f"{path}:2: /: not JSON: unexpected end of data (column 101); "
                             "the data ends inside this record: truncated?\n")


def test_a_truncated_gzip_file_is_reported_at_the_line_it_breaks(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress((LINE * 50).encode())[:-40])
    result = invoke(str(path))
    assert result.exit_code == 1
    problem = result.stdout.splitlines()
    assert len(problem) == 1
    assert problem[0].startswith(f"{path}:")
    assert problem[0].endswith("the compressed stream ends early (truncated file)")


def test_an_over_long_line_is_reported_and_the_next_lines_still_read(tmp_path, monkeypatch):
    monkeypatch.setattr(record_files, "MAX_RECORD_BYTES", len(LINE) + 10)
    path = tmp_path / "long.jsonl"
    path.write_text(LINE + json.dumps(dict(GOLDEN, description="x" * 100)) + "\n" + LINE)
    result = invoke(str(path))
    assert result.exit_code == 1
    assert result.stdout == f"{path}:2: /: line longer than the 0 MiB limit\n"
    assert result.stderr == "3 records in 1 file: 2 valid, 1 invalid\n"


def test_format_json_gives_one_object_per_problem_then_a_summary(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(BAD_LINE + LINE + '{"score": NaN}\n')
    result = invoke("--format", "json", str(path))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0] == {"kind": "invalid", "file": str(path), "line": 1, "pointer": "/published",
                        "message": "is no real ISO 8601 date or date-time", "value": '"2024-02-30"'}
    assert lines[1] == {"kind": "invalid", "file": str(path), "line": 3, "pointer": "",
                        "message": "not JSON: NaN and Infinity are not JSON numbers (column 11)", "value": None}
    assert lines[2] == {"summary": {"files": 1, "records": 3, "valid": 1, "invalid": 2, "unreadable": 0,
                                    "problems": 2, "notes": 0, "stopped": False, "exit_code": 1}}
    assert result.exit_code == 1


def test_max_errors_stops_after_n_problems(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(BAD_LINE * 5)
    result = invoke("--max-errors", "2", str(path))
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == "2 records in 1 file: 0 valid, 2 invalid; stopped after 2 problems (--max-errors)\n"
    assert result.exit_code == 1


def test_a_newer_minor_is_a_note_on_stderr_and_still_valid(tmp_path):
    path = tmp_path / "new.json"
    path.write_text(json.dumps(dict(GOLDEN, schema_version="1.4.0", reading_time=3)))
    result = invoke(str(path))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.splitlines()[0] == (f"{path}:1: note: record is schema 1.4.0, newer than this tool's 1.1; "
                                             "checked against 1.1, ignoring fields it does not know")


def test_records_on_stdin(tmp_path):
    result = invoke("-", stdin=LINE + "\n" + BAD_LINE)
    assert result.stdout == f"<stdin>:3: {BAD_REPORT}\n"
    assert result.exit_code == 1


def test_one_pretty_printed_record_on_stdin():
    result = invoke("-", stdin=GOLDEN_FILE.read_text())
    assert (result.exit_code, result.stderr) == (0, "1 record in 1 file: 1 valid, 0 invalid\n")


def test_paths_on_stdin_and_an_unreadable_one_exits_2(tmp_path):
    (tmp_path / "a.json").write_text(GOLDEN_FILE.read_text())
    missing = tmp_path / "gone.jsonl"
    result = invoke("-", stdin=f"{tmp_path / 'a.json'}\n\n{missing}\n")
    assert result.stderr == (f"error: {missing}: no such file or directory\n"
                             "1 record in 2 files: 1 valid, 0 invalid, 1 unreadable\n")
    assert result.exit_code == 2


def test_a_file_without_read_permission_exits_2(tmp_path):
    path = tmp_path / "locked.jsonl"
    path.write_text(LINE)
    path.chmod(0)
    # Root reads every file whatever its mode, so the check runs without the capabilities that allow it.
    caps = "-dac_override,-dac_read_search"
    unprivileged = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"] if os.geteuid() == 0 else []
    done = subprocess.run(
        [*unprivileged, sys.executable, "-m", "pipeline", "validate", str(path)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert done.stderr.startswith(f"error: {path}: cannot read: Permission denied")
    assert done.returncode == 2


def test_a_missing_path_is_a_usage_error_before_any_record(tmp_path):
    result = invoke(str(GOLDEN_FILE), str(tmp_path / "absent"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {tmp_path / 'absent'}: no such file or directory\n"


def test_bad_options_are_usage_errors():
    assert invoke("--max-errors", "0", str(GOLDEN_FILE)).exit_code == 2
    assert invoke("--format", "xml", str(GOLDEN_FILE)).exit_code == 2
    assert invoke().exit_code == 2


def test_run_to_stdout_piped_into_validate_stdin(tmp_path):
    command = (f"{sys.executable} -m pipeline run {SEED_PAGE} -o - 2>/dev/null"
               f" | {sys.executable} -m pipeline validate -")
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=300)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == "1 record in 1 file: 1 valid, 0 invalid\n"


def test_a_progress_line_is_drawn_on_a_terminal_and_cleared(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text(LINE * 600)
    leader, follower = os.openpty()
    child = subprocess.Popen([sys.executable, "-m", "pipeline", "validate", str(path)],
                             stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    shown = b""
    while chunk := _read_pty(leader):
        shown += chunk
    assert child.wait(timeout=60) == 0
    os.close(leader)
    assert b"\r256 records (0 MB), 0 invalid" in shown
    assert shown.endswith(b"\r\x1b[K600 records in 1 file: 600 valid, 0 invalid\r\n")


def _read_pty(fd: int) -> bytes:
    try:
        return os.read(fd, 4096)
    except OSError:  # the child closed its end
        return b""
