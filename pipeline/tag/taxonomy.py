"""The advice taxonomy: the types the tagger assigns, read from a versioned, schema-checked file.

The shipped file is pipeline/tag/data/taxonomy.json; schemas/taxonomy/v1.json is the only
statement of its shape; docs/taxonomy.md explains the types. Cues are lowercase lemma sequences
("give in", "come to term") so they match every inflection of the words they name; `forms` give
a type weight from the advice form alone (a question put to the reader is self-reflection).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from pipeline.errors import ModelError


@dataclass(frozen=True, slots=True)
class AdviceType:
    """One type of advice: its name, what it means, and the cue lemmas that signal it."""

    name: str
    definition: str
    examples: tuple[str, ...]
    cues: dict[str, float]
    forms: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """An ordered set of advice types; the order breaks ties between equal scores."""

    version: str
    types: tuple[AdviceType, ...]
    names: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _weights: dict[tuple[str, str], float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Derived lookups, computed once: the tagger asks for them for every cue it finds.
        object.__setattr__(self, "names", tuple(advice_type.name for advice_type in self.types))
        weights = {(advice_type.name, cue): weight for advice_type in self.types for cue, weight in advice_type.cues.items()}
        object.__setattr__(self, "_weights", weights)

    def weight(self, type_name: str, cue: str) -> float:
        """The weight of `cue` as evidence of the type `type_name`."""
        return self._weights[(type_name, cue)]

    def form_weights(self, form: str | None) -> dict[str, float]:
        """The weight a sentence of advice form `form` gives each type before any cue."""
        return {advice_type.name: advice_type.forms[form] for advice_type in self.types if form in advice_type.forms}

    def to_json(self) -> dict[str, Any]:
        """The taxonomy as the JSON object its schema describes."""
        return {
            "version": self.version,
            "types": [
                {
                    "name": advice_type.name,
                    "definition": advice_type.definition,
                    "examples": list(advice_type.examples),
                    "cues": dict(advice_type.cues),
                    **({"forms": dict(advice_type.forms)} if advice_type.forms else {}),
                }
                for advice_type in self.types
            ],
        }

    @classmethod
    def from_json(cls, data: Any, source: str) -> Taxonomy:
        """A taxonomy from its JSON object; raises ModelError naming the first schema violation."""
        error = next(iter(_validator().iter_errors(data)), None)
        if error is not None:
            pointer = "/" + "/".join(str(part) for part in error.absolute_path)
            raise ModelError(source, f"taxonomy does not match schema at {pointer}: {error.message}")
        names = [entry["name"] for entry in data["types"]]
        if len(set(names)) != len(names):
            raise ModelError(source, "taxonomy names a type twice")
        return cls(
            version=data["version"],
            types=tuple(
                AdviceType(
                    entry["name"], entry["definition"], tuple(entry["examples"]), dict(entry["cues"]),
                    dict(entry.get("forms", {})),
                )
                for entry in data["types"]
            ),
        )


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy in `path`, or the one shipped with the package when `path` is None."""
    if path is None:
        return _shipped_taxonomy()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(str(path), f"cannot read taxonomy: {error}") from None
    return Taxonomy.from_json(data, str(path))


@cache
def _shipped_taxonomy() -> Taxonomy:
    text = resources.files("pipeline.tag").joinpath("data", "taxonomy.json").read_text(encoding="utf-8")
    return Taxonomy.from_json(json.loads(text), "pipeline/tag/data/taxonomy.json")


@cache
def _validator() -> Draft202012Validator:
    text = resources.files("pipeline").joinpath("schemas", "taxonomy", "v1.json").read_text(encoding="utf-8")
    return Draft202012Validator(json.loads(text))
