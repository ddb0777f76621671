"""Segment: find an article's sections, takeaways, steps, quotes and reading list.

The public API is `segment(document) -> Structure`; everything else here is private. Rules read
the block kinds, levels and list numbering the clean stage keeps, plus the words themselves; no
language model is needed.
"""

from __future__ import annotations

from pipeline.model import Document, Structure
from pipeline.segment._quotes import find_quotes
from pipeline.segment._resources import find_resources
from pipeline.segment._sections import find_sections, page_furniture, title_headings
from pipeline.segment._steps import find_steps
from pipeline.segment._takeaways import find_takeaways

__all__ = ["segment"]


def segment(document: Document) -> Structure:
    """The structure of a cleaned article: sections, takeaways, steps, quotes and resources."""
    blocks = document.blocks
    takeaways, takeaway_blocks = find_takeaways(blocks)
    resources, resource_blocks = find_resources(blocks)
    title = _title(document)
    titles = title_headings(blocks, title)
    boxes = takeaway_blocks | resource_blocks | titles
    furniture = page_furniture(blocks)
    steps = find_steps(blocks, title, boxes | furniture)
    return Structure(
        sections=find_sections(blocks, titles),
        takeaways=takeaways,
        steps=steps,
        quotes=find_quotes(document, steps, boxes, furniture),
        resources=resources,
    )


def _title(document: Document) -> str | None:
    if document.metadata.title:
        return document.metadata.title
    return next((block.text for block in document.blocks if block.kind == "heading" and block.level == 1), None)
