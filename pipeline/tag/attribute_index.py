"""The `indexed_attribute_ruler` spaCy component: spaCy's AttributeRuler, with its one-token rules indexed.

The stock AttributeRuler tries every pattern at every token through a Matcher; in the English
pipelines most of its patterns are a single token keyed only on TAG and/or LOWER (the old tag
map and morph rules), and matching them that way takes a third of the pipeline's time. Here those
patterns are looked up in a dict by the token's (tag, lowercase form); the others stay in the
Matcher. Rules still apply in the order they were added, so the annotations are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.pipeline.attributeruler import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs
from spacy.vocab import Vocab

_INDEXED_KEYS = frozenset({"TAG", "LOWER"})


@Language.factory(
    "indexed_attribute_ruler",
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_indexed_attribute_ruler(
    nlp: Language, name: str, *, validate: bool, scorer: Callable[..., dict[str, Any]] | None
) -> IndexedAttributeRuler:
    """Create an IndexedAttributeRuler.

    validate (bool): Whether patterns are validated when added, as for AttributeRuler.
    scorer (Optional[Callable]): The scoring method, as for AttributeRuler.
    """
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


class IndexedAttributeRuler(AttributeRuler):
    """An AttributeRuler that finds its single-token TAG/LOWER rules by dict lookup."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **config: Any) -> None:
        """Initialize as an AttributeRuler (`validate`, `scorer`), with an empty index."""
        super().__init__(vocab, name, **config)
        self._clear_index()

    def clear(self) -> None:
        """Reset every rule, indexed or matched."""
        super().clear()
        self._clear_index()

    def _clear_index(self) -> None:
        self._index: dict[tuple[str | None, str | None], list[int]] = {}
        self._indexed_patterns: dict[int, list[list[dict[str, Any]]]] = {}

    def add(self, patterns: Iterable[list[dict[str, Any]]], attrs: dict, index: int = 0) -> None:
        """Add rules as AttributeRuler.add does, indexing the single-token TAG/LOWER ones."""
        patterns = list(patterns)
        keys = [_index_keys(pattern) for pattern in patterns] if index == 0 and patterns else [None]
        if any(key is None for key in keys):
            super().add(patterns, attrs, index)
            return
        rule = len(self.attrs)
        self.vocab.strings.add(str(rule))
        self._attrs_unnormed.append(attrs)
        self.attrs.append(normalize_token_attrs(self.vocab, attrs))
        self.indices.append(index)
        self._indexed_patterns[rule] = patterns
        for key in (key for pattern_keys in keys for key in pattern_keys):
            self._index.setdefault(key, []).append(rule)

    @property
    def patterns(self) -> list[dict[str, Any]]:
        """All the added patterns, in the order they were added."""
        return [
            {
                "patterns": self._indexed_patterns.get(rule) or self.matcher.get(str(rule))[1],
                "attrs": self._attrs_unnormed[rule],
                "index": self.indices[rule],
            }
            for rule in range(len(self.attrs))
        ]

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """Every (rule, match id, start, end), indexed and matched alike, sorted by rule."""
        matches = super().match(doc)
        index = self._index
        for token in doc:
            for key in ((token.tag_, token.lower_), (token.tag_, None), (None, token.lower_)):
                for rule in index.get(key, ()):
                    matches.append((rule, self.vocab.strings[str(rule)], token.i, token.i + 1))
        matches.sort()
        return matches


def _index_keys(pattern: list[dict[str, Any]]) -> list[tuple[str | None, str | None]] | None:
    """The (tag, lower) keys a one-token TAG/LOWER pattern matches, or None for any other pattern."""
    if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= _INDEXED_KEYS:
        return None
    values = {name: _literal_values(pattern[0].get(name)) for name in _INDEXED_KEYS}
    if any(choices == [] for choices in values.values()):
        return None
    return [(tag, lower) for tag in values["TAG"] for lower in values["LOWER"]]


def _literal_values(value: Any) -> list[str | None] | list[Any]:
    """[None] for an absent key, the strings it matches for a literal or IN set, else []."""
    if value is None:
        return [None]
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(item, str) for item in value["IN"]):
        return list(value["IN"])
    return []
