"""The cleaned article as people take it elsewhere: plain text, Markdown, or a JSON object.

Markdown keeps what the blocks know: headings at their level, ordered and bulleted lists with
their numbers and nesting, quotes, bold pseudo-headings. Figures (captions, alt text) are left
out of both text and Markdown, as from the main text.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from pipeline.clean._api import main_text
from pipeline.model import Block, Document

Format = Literal["text", "markdown", "json"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "json")
SUFFIXES: dict[Format, str] = {"text": ".txt", "markdown": ".md", "json": ".json"}

_INDENT = "    "  # one list level: room for a marker up to "99. "
# A line starting like this would turn into a heading, quote, list item, rule or code fence.
_BLOCK_SYNTAX = re.compile(r"^(?:[#>]|[-+*](?=\s|$)|(\d+)([.)])(?=\s|$)|```|~~~|={3,}|-{3,})")


def render(document: Document, output_format: Format) -> str:
    """The document in `output_format`; JSON comes as one line."""
    if output_format == "markdown":
        return markdown(document)
    if output_format == "json":
        return json.dumps(as_json(document), ensure_ascii=False)
    return main_text(document)


def markdown(document: Document) -> str:
    """The article as CommonMark: its title as the top heading, then its blocks, a blank line
    apart but for the items of one list."""
    blocks = document.blocks
    title = document.metadata.title
    if title and not (blocks and blocks[0].kind == "heading" and blocks[0].text == title):
        blocks = (Block("heading", title, level=1), *blocks)
    parts: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if block.kind == "figure":
            continue
        if parts:
            parts.append("\n" if _same_list(previous, block) else "\n\n")
        parts.append(_markdown_block(block))
        previous = block
    return "".join(parts)


def _same_list(previous: Block | None, block: Block) -> bool:
    return (
        previous is not None
        and previous.kind == block.kind == "list_item"
        and (previous.list_id == block.list_id or previous.level != block.level)
    )


def _markdown_block(block: Block) -> str:
    if block.kind == "heading":
        return "#" * min(max(block.level, 1), 6) + " " + block.text.replace("\n", " ")
    if block.kind == "quote":
        return "> " + _lines(block.text, "> ")
    if block.kind == "list_item":
        indent = _INDENT * (max(block.level, 1) - 1)
        marker = f"{block.number if block.number is not None else 1}. " if block.ordered else "- "
        return indent + marker + _lines(block.text, indent + " " * len(marker))
    text = _lines(block.text, "")
    return f"**{text}**" if block.emphasis else text


def _lines(text: str, prefix: str) -> str:
    """Block text as Markdown: each of its lines (a `<br>` on the page) a hard break, each
    escaped where it would start a block of its own."""
    return ("\\\n" + prefix).join(_escape_start(line) for line in text.split("\n"))


def _escape_start(line: str) -> str:
    found = _BLOCK_SYNTAX.match(line)
    if not found:
        return line
    if found.group(1):  # "1. " -> "1\. "
        return line[: found.end(1)] + "\\" + line[found.end(1):]
    return "\\" + line


def as_json(document: Document) -> dict[str, Any]:
    """Source, metadata, main text and the blocks (kind, text, level; number for list items)."""
    metadata = document.metadata
    return {
        "source": {"url": document.source.url, "path": document.source.path},
        "title": metadata.title,
        "authors": list(metadata.authors),
        "published": metadata.published,
        "language": metadata.language,
        "text": main_text(document),
        "blocks": [_json_block(block) for block in document.blocks],
    }


def _json_block(block: Block) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": block.kind, "text": block.text}
    if block.kind in ("heading", "list_item"):
        entry["level"] = block.level
    if block.kind == "list_item":
        entry["ordered"] = block.ordered
        entry["number"] = block.number
    return entry
