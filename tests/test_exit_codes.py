"""One exit-code table for every command: the same cause ends every command the same way.

The closed pipe and Ctrl-C are tried on real processes (a real `head`, a real SIGINT).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import click
import pytest

from pipeline.workers import PAGES_PER_CHUNK
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.exit_codes import CLOSED_STDOUT, EXIT_CODES

from corpus_files import CORPUS, REPO, SEED_PAGE

PAGES = sorted(CORPUS.glob("*.html"))


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


COMMAND_NAMES = [" ".join(path) for path, _ in all_commands()]


@pytest.mark.parametrize("command", ["", *COMMAND_NAMES])
def test_every_help_ends_with_the_one_exit_code_table(command):
    result = invoke(*command.split(), "--help")
    assert result.exit_code == 0
    table = result.stdout[result.stdout.index("Exit codes:"):].splitlines()
    assert [line.split(None, 1) for line in table[1:5]] == [[str(code), text] for code, text in EXIT_CODES]
    assert table[5].strip() == CLOSED_STDOUT


def _readme_table(heading: str) -> list[list[str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = re.search(r"(?:^\|.*\|\n)+", readme[readme.index(heading):], flags=re.MULTILINE).group()
    rows = table.splitlines()[2:]
    return [[cell.strip().strip("`") for cell in row.strip("|").split("|")] for row in rows]


def test_the_readme_exit_code_table_is_the_help_table():
    assert _readme_table("### Exit codes") == [[str(code), text] for code, text in EXIT_CODES]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert CLOSED_STDOUT in readme


def test_the_readme_command_table_is_every_command_with_its_help_line():
    listed = {}
    for usage, description in _readme_table("### Commands"):
        words = usage.removeprefix("advice-pipeline ").split()
        listed[" ".join(itertools.takewhile(lambda word: word.isalpha() and word.islower(), words))] = description
    assert listed == {
        " ".join(path): command.get_short_help_str(limit=1000)
        for path, command in all_commands()
        if not isinstance(command, click.Group)
    }


@pytest.mark.parametrize(
    "args",
    [
        ("run", "{missing}", "-o", "{tmp}/out"),
        ("validate", "{missing}"),
        ("clean", "{missing}"),
        ("classify", "{missing}"),
        ("fetch", "-i", "{missing}", "-o", "{tmp}/raw"),
        ("eval", "segment", "--corpus", "{missing}"),
        ("eval", "tag", "--reddit-only", "--data", "{missing}"),
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_a_path_that_cannot_be_read_exits_2_from_every_command(tmp_path, args):
    missing = tmp_path / "absent.html"
    result = invoke(*(arg.format(missing=missing, tmp=tmp_path) for arg in args))
    assert result.exit_code == 2, result.output
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_page_beside_good_ones_is_reported_and_the_batch_goes_on(tmp_path):
    missing = tmp_path / "absent.html"
    result = invoke("run", str(SEED_PAGE), str(missing), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert f"error: {missing}: no such file" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1] == "1 written, 1 failed"


@pytest.mark.parametrize("command", ["run", "classify"])
def test_a_model_that_cannot_load_is_a_usage_error(tmp_path, command):
    page = str(SEED_PAGE) if command == "run" else "-"
    result = invoke(command, page, "--model", "no_such_model", stdin="a line\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no_such_model: cannot load spaCy model")


@pytest.mark.parametrize("args", [("run",), ("run", "x", "--no-such-option"), ("clean", "--format", "pdf", "x")])
def test_bad_arguments_exit_2(args):
    assert invoke(*args).exit_code == 2


def _as_nobody() -> list[str]:
    """A command prefix dropping root: root reads every directory, locked or not."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv to drop it")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_an_unreadable_path_inside_a_locked_directory_is_that_inputs_error():
    place = Path(tempfile.mkdtemp())  # not under pytest's tmp_path: its parents are private
    try:
        place.chmod(0o777)
        locked = place / "locked"
        locked.mkdir()
        shutil.copy(SEED_PAGE, locked / "page.html")
        locked.chmod(0)
        ours = subprocess.run(
            [*_as_nobody(), sys.executable, "-m", "pipeline", "run", str(locked / "page.html"), str(SEED_PAGE),
             "-o", str(place / "out")],
            cwd=REPO, stderr=subprocess.PIPE, text=True, timeout=120,
        )
    finally:
        (place / "locked").chmod(0o755)
        shutil.rmtree(place)
    assert ours.returncode == 2
    assert ours.stderr.splitlines()[0] == f"error: {locked / 'page.html'}: cannot read: Permission denied"
    assert ours.stderr.splitlines()[-1] == "1 written, 1 failed"


def test_ctrl_c_in_any_command_exits_130_with_one_line(monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("pipeline.runner.run", interrupted)
    result = invoke("run", str(SEED_PAGE), "-o", "-")
    assert result.exit_code == 130
    assert result.stderr == "interrupted: what finished is kept\n"


def _pipeline(*args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "pipeline", *args], env=env, cwd=REPO, **popen)


def test_run_into_a_closed_pipe_stops_at_once_quietly():
    ours = _pipeline("run", str(CORPUS), "-o", "-", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    head = subprocess.run(["head", "-n", "1"], stdin=ours.stdout, capture_output=True, timeout=120)
    ours.stdout.close()
    _, stderr = ours.communicate(timeout=120)
    assert json.loads(head.stdout)["schema_version"]
    assert ours.returncode == 0
    stderr = stderr.decode()
    assert "Traceback" not in stderr and "Error" not in stderr
    processed = [line for line in stderr.splitlines() if " -> " in line]
    # Pages come back from a worker a chunk at a time; the run stops within the chunks under way.
    assert 1 <= len(processed) <= 2 * PAGES_PER_CHUNK < len(PAGES)


def test_sigint_exits_130_keeping_whole_records_and_no_temp_files(tmp_path):
    out = tmp_path / "out"
    ours = _pipeline("run", str(CORPUS), "-o", str(out), stderr=subprocess.PIPE, text=True)
    first = ours.stderr.readline()
    assert " -> " in first, first
    ours.send_signal(signal.SIGINT)
    rest = ours.stderr.read()
    assert ours.wait(timeout=60) == 130
    assert rest.splitlines()[-1] == "interrupted: what finished is kept"
    assert "Traceback" not in rest
    written = sorted(out.glob("*.json"))
    assert 1 <= len(written) < len(PAGES)
    assert list(out.glob(".*.tmp")) == []
    assert all(json.loads(path.read_text(encoding="utf-8"))["schema_version"] for path in written)
