"""What validation reports: a problem at a JSON pointer, with the failing value cut short."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

VALUE_CHARS = 60


@dataclass(frozen=True, slots=True)
class Problem:
    """One way a record breaks the contract: where (a JSON pointer), why, and the value there, cut short."""

    pointer: str
    message: str
    value: str | None = None

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.pointer or '/'}: {self.message}{value}"


def pointer(parts: Iterable[str | int]) -> str:
    """The RFC 6901 JSON pointer of a path of keys and indexes; "" for the whole document."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def cut_short(value: object) -> str:
    """`value` as JSON, at most VALUE_CHARS characters (an ellipsis marks a cut)."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"
