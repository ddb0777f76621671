"""One pass over the tree that cuts it into raw text blocks, each knowing the elements around it.

The walk is event-driven (no recursion), so 5,000-deep nesting costs nothing special.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from pipeline.clean._inline import runs_inline
from pipeline.clean._text import LINE_BREAK
from pipeline.model import BlockKind

_INLINE_TAGS = frozenset(
    "a abbr acronym b bdi bdo big cite code data del dfn em font i img ins kbd label mark nobr q rp rt"
    " ruby s samp small span strike strong sub sup time tt u var wbr br".split()
)
_BOLD_TAGS = frozenset(("b", "strong"))
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_LISTS = frozenset(("ul", "ol"))
_ALT_MIN_CHARS = 3
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif|bmp)$", re.IGNORECASE)


@dataclass(slots=True)
class RawBlock:
    """A run of text between block boundaries, before it is judged and normalised."""

    kind: BlockKind
    text: str
    chars: int
    link_chars: int
    ancestors: tuple[HtmlElement, ...]
    level: int = 0
    ordered: bool = False
    number: int | None = None
    list_id: int | None = None
    emphasis: bool = False


@dataclass(slots=True)
class _ListFrame:
    """An open <ul> or <ol>: the number its next item gets unless the item says otherwise."""

    ordered: bool
    list_id: int
    next_number: int
    step: int


@dataclass(slots=True)
class _ItemFrame:
    """An open <li>; only its first block is the list item, the rest are its paragraphs."""

    depth: int
    number: int | None
    list_frame: _ListFrame
    started: bool = False


@dataclass(slots=True)
class _Walker:
    """State of the walk: the open block elements, the text run being collected, list counters."""

    blocks: list[RawBlock] = field(default_factory=list)
    path: list[HtmlElement] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    chars: int = 0
    link_chars: int = 0
    has_plain_text: bool = False
    link_depth: int = 0
    bold_depth: int = 0
    quote_depth: int = 0
    caption_depth: int = 0
    attribution_depth: int = 0
    captioned_figures: int = 0
    headings: list[int] = field(default_factory=list)
    lists: list[_ListFrame] = field(default_factory=list)
    items: list[_ItemFrame] = field(default_factory=list)
    list_count: int = 0
    after_break: bool = False

    def add_text(self, text: str | None) -> None:
        if not text:
            return
        self.pieces.append(text)
        self.chars += len(text)
        if self.link_depth:
            self.link_chars += len(text)
        if not self.bold_depth and not self.has_plain_text and not text.isspace():
            self.has_plain_text = True
        if not text.isspace():
            self.after_break = False

    def flush(self) -> None:
        if self.pieces:
            text = "".join(self.pieces)
            if not text.isspace():
                self.blocks.append(self._block(text))
        self.pieces.clear()
        self.chars = self.link_chars = 0
        self.has_plain_text = self.after_break = False

    def _block(self, text: str) -> RawBlock:
        ancestors = tuple(self.path)
        item = self._unstarted_item()
        if self.headings:
            # A step written as a heading inside a list item keeps the item's number.
            if item is None:
                return RawBlock("heading", text, self.chars, self.link_chars, ancestors, level=self.headings[-1])
            frame = item.list_frame
            return RawBlock(
                "heading", text, self.chars, self.link_chars, ancestors, level=self.headings[-1],
                ordered=frame.ordered, number=item.number, list_id=frame.list_id,
            )
        if self.caption_depth:
            # The caption of a figure holding a quotation names who said it.
            kind: BlockKind = "quote" if self.attribution_depth else "figure"
            return RawBlock(kind, text, self.chars, self.link_chars, ancestors)
        if item is not None:
            frame = item.list_frame
            return RawBlock(
                "list_item", text, self.chars, self.link_chars, ancestors, level=item.depth,
                ordered=frame.ordered, number=item.number, list_id=frame.list_id,
            )
        kind = "quote" if self.quote_depth else "paragraph"
        emphasis = kind == "paragraph" and not self.has_plain_text
        return RawBlock(kind, text, self.chars, self.link_chars, ancestors, emphasis=emphasis)

    def _unstarted_item(self) -> _ItemFrame | None:
        """The list item the next block opens, if that block is the item's first."""
        item = self.items[-1] if self.items else None
        if item is None or item.depth != len(self.lists) or item.started:
            return None
        item.started = True
        return item

    def start(self, element: HtmlElement, tag: str) -> None:
        if tag not in _INLINE_TAGS and not runs_inline(element):
            self.flush()
            self.path.append(element)
            self._start_block(element, tag)
        elif tag == "a":
            self.link_depth += 1
        elif tag in _BOLD_TAGS:
            self.bold_depth += 1
        elif tag == "br":
            self._line_break()
        elif tag == "img":
            self._image(element)
        self.add_text(element.text)

    def end(self, element: HtmlElement, tag: str) -> None:
        if tag not in _INLINE_TAGS and not runs_inline(element):
            self.flush()
            self.path.pop()
            self._end_block(tag)
        elif tag == "a":
            self.link_depth -= 1
        elif tag in _BOLD_TAGS:
            self.bold_depth -= 1
        self.add_text(element.tail)

    def _start_block(self, element: HtmlElement, tag: str) -> None:
        if tag in _HEADINGS:
            self.headings.append(_HEADINGS[tag])
        elif tag in _LISTS:
            self.lists.append(self._list_frame(element, tag))
        elif tag == "li" and self.lists:
            frame = self.lists[-1]
            number = _int_attribute(element, "value")
            if frame.ordered:
                number = frame.next_number if number is None else number
                frame.next_number = number + frame.step
            self.items.append(_ItemFrame(len(self.lists), number, frame))
        elif tag == "blockquote":
            self.quote_depth += 1
        elif tag == "figcaption":
            self.caption_depth += 1
            parent = element.getparent()
            self.attribution_depth += parent is not None and parent.find("blockquote") is not None
        elif tag == "figure" and element.find(".//figcaption") is not None:
            self.captioned_figures += 1

    def _end_block(self, tag: str) -> None:
        if tag in _HEADINGS and self.headings:
            self.headings.pop()
        elif tag in _LISTS and self.lists:
            self.lists.pop()
        elif tag == "li" and self.items and self.items[-1].depth == len(self.lists):
            self.items.pop()
        elif tag == "blockquote":
            self.quote_depth -= 1
        elif tag == "figcaption":
            self.caption_depth -= 1
            self.attribution_depth = min(self.attribution_depth, self.caption_depth)
        elif tag == "figure" and self.captioned_figures:
            self.captioned_figures -= 1

    def _list_frame(self, element: HtmlElement, tag: str) -> _ListFrame:
        self.list_count += 1
        ordered = tag == "ol"
        step = -1 if ordered and element.get("reversed") is not None else 1
        default_start = len(element.findall("li")) if step < 0 else 1
        start = _int_attribute(element, "start")
        return _ListFrame(ordered, self.list_count, default_start if start is None else start, step)

    def _line_break(self) -> None:
        # Two line breaks in a row are how many pages separate paragraphs.
        if self.after_break:
            self.flush()
        else:
            self.add_text(LINE_BREAK)
            self.after_break = True

    def _image(self, element: HtmlElement) -> None:
        """A standalone image becomes a figure block of its alt text.

        Not when it is a link (a teaser), has a caption of its own, sits inside running text
        (an icon or emoji), or its alt text is only a file name.
        """
        alt = (element.get("alt") or "").strip()
        if self.link_depth or self.captioned_figures or len(alt) < _ALT_MIN_CHARS or _FILE_NAME.search(alt):
            return
        if any(not piece.isspace() for piece in self.pieces):
            return
        self.flush()
        self.blocks.append(RawBlock("figure", alt, len(alt), 0, tuple(self.path)))


def _int_attribute(element: HtmlElement, name: str) -> int | None:
    value = (element.get(name) or "").strip()
    try:
        return int(value)
    except ValueError:
        return None


def walk_blocks(body: HtmlElement) -> list[RawBlock]:
    """Cut `body` into raw blocks in reading order."""
    walker = _Walker()
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            walker.start(element, tag)
        else:
            walker.end(element, tag)
    walker.flush()
    return walker.blocks
