"""Takeaways: the items of a "Key Takeaways" / "TL;DR" / "The Bottom Line" box, in order."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pipeline.model import Block, Takeaway
from pipeline.segment._promotions import is_call_to_action

_LABEL = (
    r"(?:the\s+)?key\s+(?:take-?aways?|points?|insights?|lessons?)|take-?aways?|at\s+a\s+glance"
    r"|tl;?\s?dr|in\s+short|in\s+brief|(?:quick\s+)?summary|(?:the\s+)?bottom\s+line"
    r"|main\s+points|the\s+short\s+version|quick\s+takes?|things\s+(?:you\s+should|to)\s+know|in\s+a\s+nutshell"
)
# An icon may stand before or after the label ("💡 Key points", "Key Takeaways 🔑").
_ICON = r"[^\w\s\"“”'‘’(]*"
_WHOLE_LABEL = re.compile(rf"^\s*{_ICON}\s*(?:{_LABEL})\s*[:.!…\-–—]*\s*{_ICON}\s*$", re.IGNORECASE)
_INLINE_LABEL = re.compile(rf"^\s*{_ICON}\s*(?:{_LABEL})\s*(?::|\s[—–])\s*(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)
# A box whose lines were <br>-separated "• " items, kept in one block: "Key points • A. • B."
_BULLETS = "•▪◦‣●✓✔☑✅➜►▸◆★"
_BULLETED_LABEL = re.compile(
    rf"^\s*{_ICON}\s*(?:{_LABEL})\s*[:.]?\s*(?P<rest>[{_BULLETS}\n].*)$", re.IGNORECASE | re.DOTALL
)
_ITEM_BREAK = re.compile(rf"\s*(?:\n|[{_BULLETS}])\s*")
# In a styled box (a blockquote) the bold label often runs straight into the text: "Summary Studies show".
_BOX_LABEL = re.compile(rf"^\s*(?i:{_LABEL})\s+(?P<rest>[A-Z].*)$", re.DOTALL)
# A heading may go on after its label: "Key Takeaways: Simple Actions ...", "Key insights and how to
# start", "Recap of Key Points", "Summary: What Should You Do Today?".
_HEADING_LABEL = re.compile(
    rf"^\s*{_ICON}\s*(?:(?:a\s+)?(?:recap|summary|review)\s+of\s+(?:the\s+)?key\s+(?:points|takeaways|ideas)"
    r"|(?:the\s+)?key\s+(?:take-?aways?|points|insights|lessons)|take-?aways?|(?:the\s+)?bottom\s+line|tl;?\s?dr)\b"
    r"|^\s*summary\s*[:\-–—]",
    re.IGNORECASE,
)
# A box is one article's summary, not a table or a page of links read as one: above this many items
# it is not taken at all.
_MAX_ITEMS = 15


def find_takeaways(blocks: Sequence[Block]) -> tuple[tuple[Takeaway, ...], frozenset[int]]:
    """Takeaways in reading order, and the indexes of every block the boxes occupy (labels too).

    A label that recurs ("Summary" after each section) marks each section's own summary, not the
    article's: those boxes are claimed but give no takeaways. Neither does a box of more than
    `_MAX_ITEMS` items, which is a table or a link list read as one.
    """
    boxes = _boxes(blocks)
    labels = Counter(_label_key(blocks[label].text) for label, _ in boxes)
    takeaways: list[Takeaway] = []
    used: set[int] = set()
    for label, items in boxes:
        used.update([label, *(block for block, _ in items)])
        if labels[_label_key(blocks[label].text)] == 1 and len(items) <= _MAX_ITEMS:
            takeaways.extend(Takeaway(text=text, block=block) for block, text in items)
    return tuple(takeaways), frozenset(used)


def _boxes(blocks: Sequence[Block]) -> list[tuple[int, list[tuple[int, str]]]]:
    """Each box as (its label's block, its items as (block, text)), in reading order."""
    boxes: list[tuple[int, list[tuple[int, str]]]] = []
    used: set[int] = set()
    for index, block in enumerate(blocks):
        if index in used or block.kind in ("list_item", "figure"):
            continue
        inline = _inline_label(block)
        if inline is not None:
            boxes.append((index, [(index, item) for item in _lines(inline)]))
            used.add(index)
        elif block.kind != "quote" and _is_label(block):
            items = _items_after(blocks, index)
            boxes.append((index, [(item, line) for item in items for line in _lines(blocks[item].text)]))
            used.update([index, *items])
    return boxes


def _is_label(block: Block) -> bool:
    return bool(_WHOLE_LABEL.match(block.text)) or (block.kind == "heading" and bool(_HEADING_LABEL.match(block.text)))


def _label_key(text: str) -> str:
    """The label's words alone, so "Summary" and "Summary:" count as one label."""
    return " ".join(re.findall(r"\w+", text.casefold()))[:40]


def _inline_label(block: Block) -> str | None:
    """The text after a label that opens the block: "TL;DR: ...", "Key points • ...", or "Summary ..." in a box."""
    if block.kind not in ("paragraph", "quote"):
        return None
    match = _BULLETED_LABEL.match(block.text) or _INLINE_LABEL.match(block.text)
    if match is None and block.kind == "quote":
        match = _BOX_LABEL.match(block.text)
    return match.group("rest").strip() if match else None


def _lines(text: str) -> list[str]:
    """The items of a text that holds several, one per line or after a bullet; else the text itself."""
    return [line for line in _ITEM_BREAK.split(text) if line.strip()] if _ITEM_BREAK.search(text) else [text]


def _items_after(blocks: Sequence[Block], label: int) -> list[int]:
    """The list right after the label (or after its lead-in ending in ":"), else the
    paragraphs and boxed lines up to the next heading, with the list that follows them when a
    heading labels the box ("Recap of Key Points": a first point set apart, then a list)."""
    start = label + 1
    if _introduces_items(blocks, start):
        start += 1
    if start < len(blocks) and blocks[start].kind == "list_item":
        return _list_items(blocks, start)
    items = []
    for index in range(start, len(blocks)):
        block = blocks[index]
        if block.kind == "heading" or (block.kind == "paragraph" and block.emphasis) or is_call_to_action(block.text):
            break
        if block.kind == "list_item":
            if blocks[label].kind == "heading" and items and not blocks[items[-1]].text.rstrip().endswith(":"):
                items.extend(_list_items(blocks, index))
            break
        if block.kind in ("paragraph", "quote"):
            items.append(index)
    return items


def _introduces_items(blocks: Sequence[Block], index: int) -> bool:
    """True for "This post will discuss the following:" right before a list, or "Start with small
    steps:" before the paragraphs that are the items."""
    return (
        index + 1 < len(blocks)
        and blocks[index].kind == "paragraph"
        and blocks[index].text.rstrip().endswith(":")
        and blocks[index + 1].kind in ("list_item", "paragraph")
    )


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
