"""The command line driven as a user would, through click's CliRunner."""

import json
import shutil

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.record_schema import load_schema

from corpus_files import DATA, SEED_PAGE

SEED_FILE = "12-crucial-steps-to-get-your-ex-back-should-you-eca7decf.json"


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_run_writes_one_validated_record_per_article(tmp_path):
    out = tmp_path / "out"
    result = invoke("run", str(SEED_PAGE), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [SEED_FILE, "errors.jsonl"]
    assert (out / "errors.jsonl").read_text() == ""
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"{SEED_PAGE} -> {out / SEED_FILE}", "1 written, 0 failed"]
    assert invoke("validate", str(out)).exit_code == 0


def test_run_to_dash_writes_json_lines_on_stdout_only(tmp_path):
    result = invoke("run", str(SEED_PAGE), "-o", "-")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["title"] for r in records] == ["12 Crucial Steps to Get Your Ex Back (Should You?)"]
    assert result.stderr.splitlines()[-1] == "1 written, 0 failed"


def test_bad_inputs_fail_one_by_one_and_the_batch_goes_on(tmp_path):
    batch = tmp_path / "batch"
    shutil.copytree(DATA / "bad", batch)
    shutil.copy(SEED_PAGE, batch / "seed.html")
    out = tmp_path / "out"
    result = invoke("run", str(batch), "-o", str(out))
    assert result.exit_code == 1
    errors = {line.split(": ")[1]: line for line in result.stderr.splitlines() if line.startswith("error: ")}
    assert sorted(errors) == sorted(
        str(batch / name)
        for name in ("binary.html", "blank.html", "empty.html", "no-article.html", "not-html.html", "truncated.html.gz")
    )
    assert errors[str(batch / "empty.html")] == f"error: {batch / 'empty.html'}: empty file"
    assert errors[str(batch / "binary.html")] == f"error: {batch / 'binary.html'}: binary file, not HTML"
    assert errors[str(batch / "truncated.html.gz")] == f"error: {batch / 'truncated.html.gz'}: truncated gzip data"
    assert all(len(line.split(": ", 2)[2]) > 5 for line in errors.values())
    assert result.stderr.splitlines()[-1] == "1 written, 6 failed"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [SEED_FILE, "errors.jsonl"]
    logged = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert sorted(entry["source"] for entry in logged) == sorted(errors)
    assert {"source": str(batch / "empty.html"), "stage": "read", "error": "InputError", "message": "empty file"} in logged


def test_sources_can_come_from_stdin(tmp_path):
    result = invoke("run", "-", "-o", str(tmp_path), stdin=f"{SEED_PAGE}\n{DATA / 'bad' / 'empty.html'}\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "1 written, 1 failed"


def test_validate_reports_each_invalid_record_and_exits_1(tmp_path, seed_record):
    bad = dict(seed_record)
    del bad["title"]
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(seed_record) + "\n" + json.dumps(bad) + "\n")
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == f'{path}:2: /: "title" is a required property\n'
    assert result.stderr == "2 records in 1 file: 1 valid, 1 invalid\n"


def test_validate_missing_path_is_a_usage_error(tmp_path):
    result = invoke("validate", str(tmp_path / "absent"))
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'absent'}: no such file or directory\n"


def test_run_without_sources_is_a_usage_error():
    assert invoke("run").exit_code == 2


def test_schema_prints_the_current_schema_or_any_shipped_version():
    result = invoke("schema")
    assert json.loads(result.stdout) == load_schema()
    assert load_schema()["$id"].endswith("/article/1.1.json")
    assert json.loads(invoke("schema", "--version", "1.0").stdout)["$id"].endswith("/article/1.0.json")
    assert invoke("schema", "--list").stdout == "1.0\n1.1\n"


def test_schema_of_an_unknown_version_is_a_usage_error():
    result = invoke("schema", "--version", "7.0")
    assert result.exit_code == 2
    assert result.stderr == "error: --version 7.0: no such schema version; this tool ships 1.0, 1.1\n"


def test_a_model_that_cannot_load_stops_the_run_before_any_page(tmp_path):
    result = invoke("run", str(SEED_PAGE), "-o", str(tmp_path / "out"), "--model", "no_such_model")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no_such_model: cannot load spaCy model: [E050] Can't find model 'no_such_model'.")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_file_names_holding_newlines_are_printed_escaped_on_one_line(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SEED_PAGE, batch / "seed\npage.html")
    (batch / "empty\rone.html").write_bytes(b"")
    result = invoke("run", str(batch), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {batch}/empty\\rone.html: empty file",
        f"{batch}/seed\\npage.html -> {tmp_path / 'out' / SEED_FILE}",
        "1 written, 1 failed",
    ]
