"""The taxonomy file: schema-checked, versioned, and loaded with one-line errors."""

from __future__ import annotations

import json

import pytest

from pipeline.errors import ModelError
from pipeline.evaluate import CHECKOUT
from pipeline.tag.taxonomy import load_taxonomy


def test_shipped_taxonomy_defines_the_thirteen_types_in_order():
    taxonomy = load_taxonomy()
    assert taxonomy.version == "1.3"
    assert taxonomy.names == (
        "evaluation", "space_and_distance", "boundaries", "self_improvement", "physical_health",
        "self_reflection", "social_connection", "patience", "communication", "acceptance",
        "professional_help", "emotional_care", "practical",
    )
    assert all(advice_type.definition and advice_type.examples for advice_type in taxonomy.types)


def test_json_round_trip_keeps_the_taxonomy(tmp_path):
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(load_taxonomy().to_json()), encoding="utf-8")
    assert load_taxonomy(path) == load_taxonomy()


def test_cue_that_is_not_a_lowercase_lemma_is_rejected_with_its_place(tmp_path):
    data = load_taxonomy().to_json()
    data["types"][1]["cues"]["Give Space"] = 1
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        load_taxonomy(path)
    assert raised.value.reason.startswith("taxonomy does not match schema at /types/1/cues: 'Give Space'")


def test_type_named_twice_is_rejected(tmp_path):
    data = load_taxonomy().to_json()
    data["types"].append(data["types"][0])
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="taxonomy names a type twice"):
        load_taxonomy(path)


def test_missing_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="cannot read taxonomy"):
        load_taxonomy(tmp_path / "absent.json")


def test_a_question_counts_for_self_reflection_and_one_about_others_for_evaluation():
    assert load_taxonomy().form_weights("question") == {"self_reflection": 1.0}
    assert load_taxonomy().form_weights("question_about_others") == {"evaluation": 1.0}
    assert load_taxonomy().form_weights("directive") == {}


def test_the_current_article_schema_names_exactly_the_taxonomys_types():
    schema = json.loads((CHECKOUT / "schemas" / "article" / "1.1.json").read_text(encoding="utf-8"))
    names = schema["$defs"]["rankedTypes"]["items"]["properties"]["type"]["examples"]
    assert tuple(names) == load_taxonomy().names
