"""Sections: the article's headings and the blocks each one governs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.model import BLOCK_SEPARATOR, Block, Section


# Labels of page furniture a cleaner may leave in: contents boxes, teasers, reader comments.
_FURNITURE_LABEL = re.compile(
    r"(?:table of )?contents|in this (?:article|post|guide)|jump to|related(?: \w+)?|you (?:may|might) also like"
    r"|read (?:next|more|this next)|more from .*|popular(?: \w+)?|most read|recommended (?:posts|articles|for you)"
    r"|(?:[\w]+ )?(?:comments?|responses?|replies)(?: \(\d+\))?|leave a (?:reply|comment)|discussion"
    r"|(?:\d+ )?thoughts? on .*|join the conversation|trending(?: now)?|latest(?: \w+)?",
    re.IGNORECASE,
)


def title_headings(blocks: Sequence[Block], title: str | None) -> frozenset[int]:
    """Indexes of headings that repeat the article's title: the title, not a section of it."""
    if not title:
        return frozenset()
    wanted = _comparable(title)
    return frozenset(index for index, block in enumerate(blocks)
                     if block.kind == "heading" and _comparable(block.text) == wanted)


def _comparable(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).casefold().split())


def page_furniture(blocks: Sequence[Block]) -> frozenset[int]:
    """Indexes of the blocks whose nearest label above names page furniture, not article content.

    A heading is governed only by a heading that outranks it, so a bold "Contents" label does
    not swallow the article's next h2. One pass, however long the page.
    """
    furniture: set[int] = set()
    in_furniture = False  # whether the nearest label above names furniture
    furniture_by_level: dict[int, bool] = {}  # the open headings, outermost first
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            furniture_by_level = {level: flag for level, flag in furniture_by_level.items() if level < block.level}
            if furniture_by_level and next(reversed(furniture_by_level.values())):
                furniture.add(index)
            furniture_by_level[block.level] = in_furniture = _is_furniture(block.text)
            continue
        if in_furniture:
            furniture.add(index)
        if block.kind == "paragraph" and block.emphasis:
            in_furniture = _is_furniture(block.text)
    return frozenset(furniture)


def _is_furniture(label: str) -> bool:
    return bool(_FURNITURE_LABEL.fullmatch(label.strip().rstrip(":").strip()))


def find_sections(blocks: Sequence[Block], skipped: frozenset[int] = frozenset()) -> tuple[Section, ...]:
    """One Section per heading block, running to the next heading of the same or a higher level.

    Headings in `skipped` (the article's own title) open no section.
    """
    sections = []
    for index, block in enumerate(blocks):
        if block.kind != "heading" or index in skipped:
            continue
        end = section_end(blocks, index)
        body = [item.text for item in blocks[index + 1 : end + 1]]
        sections.append(
            Section(
                heading=block.text,
                level=block.level,
                text=BLOCK_SEPARATOR.join(body),
                first_block=index,
                last_block=end,
            )
        )
    return tuple(sections)


def section_end(blocks: Sequence[Block], heading_index: int) -> int:
    """Index of the last block under the heading at `heading_index`."""
    level = blocks[heading_index].level
    for index in range(heading_index + 1, len(blocks)):
        block = blocks[index]
        if block.kind == "heading" and block.level <= level:
            return index - 1
    return len(blocks) - 1


def nearest_heading(blocks: Sequence[Block], index: int, skipped: frozenset[int] = frozenset()) -> int | None:
    """Index of the closest heading at or before `index` that is not in `skipped`, or None."""
    for candidate in range(index, -1, -1):
        if blocks[candidate].kind == "heading" and candidate not in skipped:
            return candidate
    return None
