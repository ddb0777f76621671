"""`python -m pipeline.tag.train`: what `make train` runs."""

from __future__ import annotations

from pathlib import Path

from corpus_files import DATA

from pipeline.tag.train.__main__ import main

REDDIT = DATA / "tag" / "reddit"


def test_trains_into_the_given_directory_and_reports_on_stderr(tmp_path: Path, capsys) -> None:
    out = tmp_path / "detector"
    code = main(["--data", str(REDDIT), "--labels", str(tmp_path / "none.jsonl"), "--out", str(out), "--max-steps", "5"])
    assert code == 0
    assert sorted(path.name for path in out.iterdir()) == ["cfg", "model"]
    assert capsys.readouterr().err.startswith("trained on 48 sentences; threshold ")


def test_missing_data_exits_2_with_the_reason(tmp_path: Path, capsys) -> None:
    code = main(["--data", str(tmp_path), "--out", str(tmp_path / "detector")])
    assert code == 2
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'needadvice_train.tsv'}: cannot read")
