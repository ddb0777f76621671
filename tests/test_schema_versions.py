"""The version history: every released schema ships, keeps a golden record valid, and is in the CHANGELOG."""

import json
import re

import jsonschema_rs
import pytest

from pipeline.record_schema import CURRENT_VERSION, load_schema, shipped_versions
from pipeline.validation import check

from corpus_files import REPO

VERSIONS = [str(key) for key in shipped_versions()]
GOLDEN = REPO / "tests" / "golden" / "versions"


def golden(version: str) -> dict:
    return json.loads((GOLDEN / f"{version}.json").read_text(encoding="utf-8"))


def test_every_schema_file_ships_with_the_package_and_records_are_written_in_the_newest():
    files = sorted(path.stem for path in (REPO / "schemas" / "article").glob("*.json"))
    assert VERSIONS == files == ["1.0", "1.1"]
    assert CURRENT_VERSION.rsplit(".", 1)[0] == VERSIONS[-1]


@pytest.mark.parametrize("version", VERSIONS)
def test_each_version_has_its_own_id_and_a_golden_record_that_stays_valid(version):
    assert load_schema(version)["$id"] == f"https://advice-pipeline.dev/schemas/article/{version}.json"
    record = golden(version)
    assert record["schema_version"].startswith(version + ".")
    verdict = check(record)
    assert (verdict.problems, verdict.note) == ([], None)


@pytest.mark.parametrize("version", VERSIONS)
def test_each_version_has_a_changelog_entry(version):
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## Schema {re.escape(version)}\b", changelog, re.MULTILINE)


def test_a_newer_minor_record_meets_every_older_schema_of_its_major():
    """The compatibility rule: a minor only adds fields or tightens rules, so an older consumer
    that ignores unknown fields (every schema from 1.1 on) still accepts the newer record."""
    for newer in shipped_versions():
        for older in shipped_versions():
            if older.major == newer.major and older <= newer:
                validator = jsonschema_rs.validator_for(load_schema(str(older)), validate_formats=True)
                assert validator.is_valid(golden(str(newer))), (newer, older)


def test_open_schemas_do_not_forbid_unknown_fields():
    for version in VERSIONS[1:]:
        assert "additionalProperties" not in json.dumps(load_schema(version)["properties"])
