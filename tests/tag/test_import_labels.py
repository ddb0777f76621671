"""Turning annotators' page labels into corpus/labels records."""

from __future__ import annotations

import json
import shutil

import pytest
from corpus_files import DATA

from pipeline.errors import InputError
from pipeline.tag.train.import_labels import ImportSummary, import_split, main

ANNOTATIONS = DATA / "tag" / "annotations"


def test_finished_pages_of_the_split_become_records_with_their_context(tmp_path) -> None:
    out = tmp_path / "dev.jsonl"
    assert import_split(ANNOTATIONS, "dev", out) == ImportSummary(pages=1, missing=1, sentences=3, advice=2)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records[1] == {
        "text": "Soak the beans overnight.", "source": "wcxb-dev-articles/0001", "url": "https://example.org/beans",
        "heading": "Prepare the Beans", "kind": "sentence", "advice": 1, "form": "directive",
        "types": ["physical_health", "practical"],
    }
    assert (records[0]["kind"], records[0]["heading"]) == ("heading", None)
    assert (records[2]["form"], records[2]["types"]) == (None, [])


def test_labels_that_miss_a_sentence_are_an_input_error(tmp_path) -> None:
    copy = tmp_path / "annotations"
    shutil.copytree(ANNOTATIONS, copy)
    label = copy / "labels" / "0001.tsv"
    label.write_text("\n".join(label.read_text(encoding="utf-8").splitlines()[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="its sids are not those of the page's sentences"):
        import_split(copy, "dev", tmp_path / "dev.jsonl")


def test_advice_without_a_type_is_refused_with_its_line(tmp_path, capsys) -> None:
    copy = tmp_path / "annotations"
    shutil.copytree(ANNOTATIONS, copy)
    (copy / "labels" / "0001.tsv").write_text("sid\tadvice\tform\ttypes\n1\t1\tdirective\t-\n2\t0\t-\t-\n3\t0\t-\t-\n",
                                              encoding="utf-8")
    assert main([str(copy), "--split", "dev", "-o", str(tmp_path / "dev.jsonl")]) == 1
    assert capsys.readouterr().err.endswith("0001.tsv:1: advice needs a form and at least one type\n")
    assert not (tmp_path / "dev.jsonl").exists()
