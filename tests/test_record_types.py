"""The TypedDicts of pipeline.record agree with the schema records are written in, field by
field, so a change to either side without the other fails here."""

from __future__ import annotations

import copy
import types
import typing

import pytest

from pipeline.record import ArticleRecord
from pipeline.record_schema import CURRENT_VERSION, SchemaKey, load_schema

JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def schema() -> dict:
    """A copy of the current schema (the loaded one is cached: tests change their copy)."""
    major, minor, _ = CURRENT_VERSION.split(".")
    return copy.deepcopy(load_schema(str(SchemaKey(int(major), int(minor)))))


def resolve(node: dict, root: dict) -> dict:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


def json_types(node: dict) -> set[str]:
    declared = node.get("type", [])
    return {declared} if isinstance(declared, str) else set(declared)


def disagreements(node: dict, hint: object, root: dict, where: str) -> list[str]:
    """Every way `hint` (a Python type) and `node` (a schema) describe different values."""
    node = resolve(node, root)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        kinds = [arg for arg in args if arg is not type(None)]
        nullable = len(kinds) < len(args)
        problems = [] if nullable == ("null" in json_types(node)) else [f"{where}: null allowed differs"]
        non_null = {**node, "type": sorted(json_types(node) - {"null"})} if nullable else node
        return problems + disagreements(non_null, kinds[0], root, where)
    if origin is typing.Literal:
        allowed = set(node.get("enum", [])) | ({node["const"]} if "const" in node else set())
        return [] if allowed == set(args) else [f"{where}: values {sorted(allowed)} != {sorted(args)}"]
    if origin is list:
        if json_types(node) != {"array"}:
            return [f"{where}: not an array in the schema"]
        return disagreements(node["items"], args[0], root, f"{where}[]")
    if typing.is_typeddict(hint):
        return typeddict_disagreements(node, hint, root, where)
    expected = JSON_TYPES.get(hint)  # type: ignore[arg-type]
    return [] if json_types(node) == {expected} else [f"{where}: {json_types(node)} != {expected}"]


def typeddict_disagreements(node: dict, hint: type, root: dict, where: str) -> list[str]:
    if json_types(node) != {"object"}:
        return [f"{where}: not an object in the schema"]
    fields = typing.get_type_hints(hint)
    problems = []
    if set(fields) != set(node["properties"]):
        problems.append(f"{where}: fields {sorted(set(fields) ^ set(node['properties']))} on one side only")
    if hint.__required_keys__ != set(node.get("required", [])):
        problems.append(f"{where}: required {sorted(hint.__required_keys__ ^ set(node.get('required', [])))} differ")
    for name in set(fields) & set(node["properties"]):
        problems += disagreements(node["properties"][name], fields[name], root, f"{where}/{name}")
    return problems


def test_the_record_types_are_the_schema():
    root = schema()
    assert disagreements(root, ArticleRecord, root, "") == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda root: root["properties"].pop("title"), ": fields ['title'] on one side only"),
        (lambda root: root["required"].remove("author"), ": required ['author'] differ"),
        (lambda root: root["properties"]["steps"]["items"]["properties"]["number"].update(type="string"),
         "/steps[]/number: {'string'} != integer"),
        (lambda root: root["properties"]["language"].update(type="string"), "/language: null allowed differs"),
    ],
)
def test_the_check_sees_a_schema_that_drifted(change, message):
    root = schema()
    change(root)
    assert message in disagreements(root, ArticleRecord, root, "")


def test_a_real_record_meets_its_type(seed_record):
    assert set(seed_record) == set(typing.get_type_hints(ArticleRecord))
    assert all(set(step) == set(typing.get_type_hints(typing.get_args(typing.get_type_hints(ArticleRecord)["steps"])[0]))
               for step in seed_record["steps"])


@pytest.mark.parametrize(
    ("given", "named"),
    [({"url": "https://example.org/a"}, "https://example.org/a"), ({"name": "drafts/a.html"}, "drafts/a.html"), ({}, "<html>")],
)
def test_an_api_error_names_the_url_or_the_callers_name(given, named):
    from pipeline import extract
    from pipeline.errors import NoArticleError

    with pytest.raises(NoArticleError) as failed:
        extract("<html><body><nav><a href='/'>Home</a></nav></body></html>", **given)
    assert failed.value.source == named
    assert str(failed.value).startswith(f"{named}: ")
