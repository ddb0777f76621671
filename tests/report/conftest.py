"""A run of the bundled corpus, made once, for the report tests to render."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

from corpus_files import CORPUS

HOSTILE_ID = "hostile-page-00000000"
# Text a page may carry that would run if the report ever put page text into its markup.
HOSTILE = "<script>document.body.setAttribute('data-pwned', 'script')</script>"
HOSTILE_IMAGE = "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\">"


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory) -> Path:
    """The corpus run's output folder, plus one record whose page text holds HTML and script."""
    out = tmp_path_factory.mktemp("run")
    result = CliRunner().invoke(cli, ["run", str(CORPUS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    seed = next(json.loads(path.read_text()) for path in out.glob("*.json") if "crucial-steps" in path.name)
    (out / f"{HOSTILE_ID}.json").write_text(json.dumps(_hostile(seed)), encoding="utf-8")
    return out


def _hostile(record: dict) -> dict:
    prefix = f"{HOSTILE} {HOSTILE_IMAGE}\n\n"
    hostile = dict(record, id=HOSTILE_ID, title=f"{HOSTILE}How to escape HTML", site_name=HOSTILE_IMAGE)
    hostile["source"] = dict(record["source"], path="corpus/hostile.html")
    hostile["body_text"] = prefix + record["body_text"]
    shift = len(prefix)
    hostile["advice"] = [dict(advice, start=advice["start"] + shift, end=advice["end"] + shift) for advice in record["advice"]]
    hostile["steps"] = [dict(step, title=f"{HOSTILE}{step['title']}") for step in record["steps"]]
    hostile["quotes"] = [dict(quote, speaker=HOSTILE_IMAGE, cue=HOSTILE) for quote in record["quotes"]]
    return hostile
