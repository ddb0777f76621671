"""Shared fixtures of the tag tests: the loaded pipeline and the seed article as Document + Structure."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from corpus_files import CORPUS, DATA
from spacy.language import Language

from pipeline.model import Block, Document, Metadata, Quote, Source, Step, Structure, Takeaway
from pipeline.settings import Settings
from pipeline.tag import load_nlp

SEED_ARTICLE = DATA / "tag" / "seed_article.json"
SEED_GOLD = CORPUS / "enotalone-12-crucial-steps-to-get-your-ex-back.gold.json"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp(Settings())


@pytest.fixture
def rules_nlp(nlp: Language) -> Iterator[Language]:
    """The tag pipeline without the trained detector and type classifier: scores and types are the
    rules' and cues' own, whatever models ship."""
    with nlp.select_pipes(disable=["advice_detector", "advice_type_classifier"]):
        yield nlp


@pytest.fixture
def cue_nlp(nlp: Language) -> Iterator[Language]:
    """The tag pipeline without the type classifier: sentence types are the advice_tagger's cues'."""
    with nlp.select_pipes(disable=["advice_type_classifier"]):
        yield nlp


@pytest.fixture(scope="session")
def seed() -> tuple[Document, Structure]:
    data = json.loads(SEED_ARTICLE.read_text(encoding="utf-8"))
    blocks = tuple(Block(block["kind"], block["text"], emphasis=block["emphasis"]) for block in data["blocks"])
    document = Document(Source("seed"), Metadata(), blocks)
    structure = Structure(
        takeaways=tuple(Takeaway(item["text"], item["block"]) for item in data["takeaways"]),
        steps=tuple(
            Step(item["number"], item["title"], "", first_block=item["first_block"], last_block=item["last_block"])
            for item in data["steps"]
        ),
        quotes=tuple(
            Quote(item["text"], item["speaker"], None, None, None, None, item["start"], item["end"])
            for item in data["quotes"]
        ),
    )
    return document, structure


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))
