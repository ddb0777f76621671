"""The record schemas by version: which ones ship, which one a record names, each compiled once.

Schemas live in schemas/article/MAJOR.MINOR.json (package data: pipeline/schemas links there),
one file per released minor, each with its own `$id`. A record's `schema_version` is
MAJOR.MINOR.PATCH; its MAJOR.MINOR names the file it is checked against. The compatibility
rule is stated in each schema's description and in the README: from 1.1 on, consumers ignore
unknown fields, so a newer minor of a major this tool knows is checked against the newest
schema of that major, and only an unknown major cannot be checked at all.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import jsonschema_rs

from pipeline.errors import UsageError

CURRENT_VERSION = "1.1.0"
_FILE_NAME = re.compile(r"^(\d+)\.(\d+)\.json$")
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


@dataclass(frozen=True, slots=True, order=True)
class SchemaKey:
    """A released schema, named by MAJOR.MINOR."""

    major: int
    minor: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"


@dataclass(frozen=True, slots=True)
class Choice:
    """The schema a record is checked against, and what to say about the choice.

    `key` is None when no shipped schema can check the record (`message` says why); a `message`
    with a `key` is a note: the record is newer than this tool but still checked.
    """

    key: SchemaKey | None
    message: str | None = None


def _schema_dir() -> Any:
    return resources.files("pipeline").joinpath("schemas", "article")


@cache
def shipped_versions() -> tuple[SchemaKey, ...]:
    """Every schema version this tool ships, oldest first."""
    names = (_FILE_NAME.match(entry.name) for entry in _schema_dir().iterdir())
    return tuple(sorted(SchemaKey(int(m[1]), int(m[2])) for m in names if m))


def current_key() -> SchemaKey:
    major, minor, _ = (int(part) for part in CURRENT_VERSION.split("."))
    return SchemaKey(major, minor)


@cache
def load_schema(version: str | None = None) -> dict[str, Any]:
    """The schema of `version` (MAJOR.MINOR or a full record version), the current one by default.

    Raises UsageError naming the shipped versions when there is no such schema.
    """
    key = current_key() if version is None else _key_of(version)
    if key not in shipped_versions():
        shipped = ", ".join(str(k) for k in shipped_versions())
        raise UsageError(f"--version {version}", f"no such schema version; this tool ships {shipped}")
    return json.loads(_schema_dir().joinpath(f"{key}.json").read_text(encoding="utf-8"))


def _key_of(version: str) -> SchemaKey | None:
    parts = version.split(".")
    if len(parts) in (2, 3) and all(part.isdigit() for part in parts):
        return SchemaKey(int(parts[0]), int(parts[1]))
    return None


@cache
def compiled(key: SchemaKey) -> Any:
    """The fast validator of one schema version, with format checking on, built once per process."""
    return jsonschema_rs.validator_for(load_schema(str(key)), validate_formats=True)


@lru_cache(maxsize=64)
def choose(record_version: str | None) -> Choice:
    """The schema a record naming `record_version` is checked against.

    A version that is not MAJOR.MINOR.PATCH is checked against the current schema, which
    reports it. A minor newer than this tool's newest of that major is checked against that
    newest, with a note; a major this tool does not ship is not checked.
    """
    match = _VERSION.match(record_version) if record_version is not None else None
    if not match:
        return Choice(current_key())
    wanted = SchemaKey(int(match[1]), int(match[2]))
    of_major = [key for key in shipped_versions() if key.major == wanted.major]
    not_after = [key for key in of_major if key <= wanted]
    newest = shipped_versions()[-1]
    if wanted.major > newest.major:
        return Choice(None, f"schema_version {record_version} is newer than this tool, which knows up to "
                            f"{newest}; upgrade advice-pipeline to check it")
    if not not_after:
        known = ", ".join(str(k) for k in shipped_versions())
        return Choice(None, f"schema_version {record_version} is no version this tool knows ({known})")
    if wanted > of_major[-1]:
        return Choice(of_major[-1], f"record is schema {record_version}, newer than this tool's {of_major[-1]}; "
                                    f"checked against {of_major[-1]}, ignoring fields it does not know")
    return Choice(not_after[-1])
