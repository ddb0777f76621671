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


def under_page_furniture(blocks: Sequence[Block], index: int) -> bool:
    """True when the nearest label above the block names page furniture, not article content.

    A heading is governed only by a heading that outranks it: a bold "Contents" label does not
    swallow the article's next h2.
    """
    own = blocks[index]
    for earlier in range(index - 1, -1, -1):
        block = blocks[earlier]
        if own.kind == "heading":
            is_label = block.kind == "heading" and block.level < own.level
        else:
            is_label = block.kind == "heading" or (block.kind == "paragraph" and block.emphasis)
        if is_label:
            return bool(_FURNITURE_LABEL.fullmatch(block.text.strip().rstrip(":").strip()))
    return False


def find_sections(blocks: Sequence[Block]) -> tuple[Section, ...]:
    """One Section per heading block, running to the next heading of the same or a higher level."""
    sections = []
    for index, block in enumerate(blocks):
        if block.kind != "heading":
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
