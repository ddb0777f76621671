"""Takeaways: the items of a "Key Takeaways" / "TL;DR" / "The Bottom Line" box, in order."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.model import Block, Takeaway

_LABEL = (
    r"(?:the\s+)?key\s+(?:take-?aways?|points?|insights?|lessons?)|take-?aways?|at\s+a\s+glance"
    r"|tl;?\s?dr|in\s+short|in\s+brief|(?:quick\s+)?summary|(?:the\s+)?bottom\s+line"
    r"|main\s+points|the\s+short\s+version|quick\s+takes?"
)
_WHOLE_LABEL = re.compile(rf"^\s*(?:{_LABEL})\s*[:.!\-–—]?\s*$", re.IGNORECASE)
_INLINE_LABEL = re.compile(rf"^\s*(?:{_LABEL})\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)


def find_takeaways(blocks: Sequence[Block]) -> tuple[tuple[Takeaway, ...], frozenset[int]]:
    """Takeaways in reading order, and the indexes of every block the boxes occupy (labels too)."""
    takeaways: list[Takeaway] = []
    used: set[int] = set()
    for index, block in enumerate(blocks):
        if index in used or block.kind in ("list_item", "quote", "figure"):
            continue
        inline = _INLINE_LABEL.match(block.text)
        if inline and block.kind == "paragraph":
            takeaways.append(Takeaway(text=inline.group("rest").strip(), block=index))
            used.add(index)
        elif _WHOLE_LABEL.match(block.text):
            items = _items_after(blocks, index)
            takeaways.extend(Takeaway(text=blocks[item].text, block=item) for item in items)
            used.update([index, *items])
    return tuple(takeaways), frozenset(used)


def _items_after(blocks: Sequence[Block], label: int) -> list[int]:
    """The list right after the label, else the plain paragraphs up to the next heading."""
    start = label + 1
    if start < len(blocks) and blocks[start].kind == "list_item":
        return _list_items(blocks, start)
    items = []
    for index in range(start, len(blocks)):
        block = blocks[index]
        if block.kind == "heading" or (block.kind == "paragraph" and block.emphasis):
            break
        if block.kind == "paragraph":
            items.append(index)
        elif block.kind == "list_item":
            break
    return items


def _list_items(blocks: Sequence[Block], start: int) -> list[int]:
    """The top-level items of the list that begins at `start`."""
    first = blocks[start]
    items = []
    for index in range(start, len(blocks)):
        block = blocks[index]
        if block.kind != "list_item" or block.level < first.level:
            break
        if block.list_id != first.list_id and block.level == first.level:
            break
        if block.level == first.level:
            items.append(index)
    return items
