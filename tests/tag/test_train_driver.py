"""The training driver runs spaCy's loop end to end on a tiny copy of the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from corpus_files import DATA

from pipeline.settings import Settings
from pipeline.tag.detector import ADVICE_LABEL
from pipeline.tag.train import train_detector
from pipeline.tag.train.driver import ARTICLE_WEIGHT

REDDIT = DATA / "tag" / "reddit"
LABELS = DATA / "tag" / "article_sentences_sample.jsonl"


def test_train_writes_a_loadable_detector(tmp_path: Path) -> None:
    result = train_detector(REDDIT, tmp_path / "detector", Settings(), labels=LABELS, max_steps=20)

    assert result.train_sentences == 24 + 24 + 4 * ARTICLE_WEIGHT
    assert result.dev_sentences == 12 + 12
    cfg = json.loads((tmp_path / "detector" / "cfg").read_text(encoding="utf-8"))
    assert cfg["labels"] == [ADVICE_LABEL]
    assert cfg["threshold"] == pytest.approx(result.threshold)
    nlp = spacy.blank("en")
    nlp.add_pipe("advice_detector", config={"from_package": False}).from_disk(
        tmp_path / "detector", exclude=["vocab"]
    )
    assert 0.0 <= nlp("Give them space.").cats[ADVICE_LABEL] <= 1.0


def test_train_without_article_labels_uses_reddit_only(tmp_path: Path) -> None:
    result = train_detector(REDDIT, tmp_path / "detector", Settings(), max_steps=5)
    assert result.train_sentences == 48
