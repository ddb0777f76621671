"""The `indexed_attribute_ruler` spaCy component: spaCy's AttributeRuler, with its one-token rules indexed.

The stock AttributeRuler tries every pattern at every token through a Matcher, and in the English
pipelines that takes a third of the pipeline's time. Nearly all of its patterns are one token
keyed on TAG, LOWER, DEP or IS_SPACE (the old tag map and morph rules, plus a few exceptions).
Here each such rule is filed under one literal value it requires (its anchor, e.g. TAG=VBZ);
a token looks up its own values and checks only the rules filed there. Multi-token patterns and
operators beyond equality, IN and NOT_IN stay in the Matcher. Rules still apply in the order
they were added, so the annotations are those of the stock component.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.pipeline.attributeruler import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.vocab import Vocab

TOKEN_VALUES: dict[str, Callable[[Token], str | bool]] = {  # what a pattern key compares
    "TAG": lambda token: token.tag_,
    "LOWER": lambda token: token.lower_,
    "DEP": lambda token: token.dep_,
    "IS_SPACE": lambda token: token.is_space,
}


# Anchors are tried most selective first: a word form narrows the candidates more than a tag.
ANCHOR_ORDER = ("LOWER", "DEP", "TAG", "IS_SPACE")


class _Check(NamedTuple):
    """One condition of a one-token pattern: the attribute's value must (not) be in `values`."""

    attribute: str
    values: frozenset[str | bool]
    negated: bool

    def holds(self, token_values: dict[str, str | bool]) -> bool:
        return (token_values[self.attribute] in self.values) != self.negated


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
    """An AttributeRuler that finds its one-token rules by dict lookup instead of a Matcher."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **config: Any) -> None:
        """Initialize as an AttributeRuler (`validate`, `scorer`), with an empty index."""
        super().__init__(vocab, name, **config)
        self._clear_index()

    def clear(self) -> None:
        """Reset every rule, indexed or matched."""
        super().clear()
        self._clear_index()

    def _clear_index(self) -> None:
        self._index: dict[tuple[str, str | bool], list[tuple[int, list[_Check]]]] = {}
        self._indexed_patterns: dict[int, list[list[dict[str, Any]]]] = {}

    def add(self, patterns: Iterable[list[dict[str, Any]]], attrs: dict, index: int = 0) -> None:
        """Add rules as AttributeRuler.add does, indexing the one-token ones."""
        patterns = list(patterns)
        compiled = [_compile(pattern) for pattern in patterns] if index == 0 and patterns else [None]
        if any(rule is None for rule in compiled):
            super().add(patterns, attrs, index)
            return
        number = len(self.attrs)
        self.vocab.strings.add(str(number))
        self._attrs_unnormed.append(attrs)
        self.attrs.append(normalize_token_attrs(self.vocab, attrs))
        self.indices.append(index)
        self._indexed_patterns[number] = patterns
        for anchors, checks in compiled:
            for anchor in anchors:
                self._index.setdefault(anchor, []).append((number, checks))

    @property
    def patterns(self) -> list[dict[str, Any]]:
        """All the added patterns, in the order they were added."""
        return [
            {
                "patterns": self._indexed_patterns.get(number) or self.matcher.get(str(number))[1],
                "attrs": self._attrs_unnormed[number],
                "index": self.indices[number],
            }
            for number in range(len(self.attrs))
        ]

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """Every (rule, match id, start, end), indexed and matched alike, sorted by rule."""
        matches = super().match(doc) if len(self.matcher) else []
        index = self._index
        # Without a parse every dep is "", which no anchored DEP rule names: skip those lookups.
        parsed = doc.has_annotation("DEP")
        for token in doc:
            candidates = [
                *index.get(("TAG", token.tag_), ()),
                *index.get(("LOWER", token.lower_), ()),
                *index.get(("IS_SPACE", token.is_space), ()),
                *(index.get(("DEP", token.dep_), ()) if parsed else ()),
            ]
            token_values = None
            for number, checks in candidates:
                if checks:
                    token_values = token_values or {name: value_of(token) for name, value_of in TOKEN_VALUES.items()}
                    if not all(check.holds(token_values) for check in checks):
                        continue
                matches.append((number, 0, token.i, token.i + 1))
        matches.sort()
        return matches

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """Set each rule's attributes on its token, without the Span the stock component makes per match."""
        for number, match_id, start, end in matches:
            index = self.indices[number]
            position = start + index if index >= 0 else end + index
            if not start <= position < end:
                super().set_annotations(doc, [(number, match_id, start, end)])
            set_token_attrs(doc[position], self.attrs[number])


def _compile(pattern: list[dict[str, Any]]) -> tuple[list[tuple[str, str | bool]], list[_Check]] | None:
    """The anchors and checks of a one-token pattern, or None when it needs the Matcher."""
    if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= set(TOKEN_VALUES):
        return None
    checks = [_check(attribute, value) for attribute, value in pattern[0].items()]
    if any(check is None for check in checks):
        return None
    anchors = sorted((check for check in checks if not check.negated), key=lambda c: ANCHOR_ORDER.index(c.attribute))
    if not anchors:
        return None
    # The lookup itself proves the anchor; only the other conditions are left to check.
    rest = [check for check in checks if check is not anchors[0]]
    return [(anchors[0].attribute, value) for value in anchors[0].values], rest


def _check(attribute: str, value: Any) -> _Check | None:
    if isinstance(value, (str, bool)):
        return _Check(attribute, frozenset([value]), negated=False)
    if isinstance(value, dict) and len(value) == 1:
        [(operator, values)] = value.items()
        if operator in ("IN", "NOT_IN") and isinstance(values, list):
            return _Check(attribute, frozenset(values), negated=operator == "NOT_IN")
    return None
