"""From a parsed page to a Document: strip what never holds article text, pick blocks, normalise."""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree
from lxml.html import HtmlElement

from pipeline.clean._furniture import is_furniture
from pipeline.clean._select import select_blocks
from pipeline.clean._selfcheck import checked_selection
from pipeline.clean._text import normalize_text
from pipeline.clean._walk import RawBlock, walk_blocks
from pipeline.errors import NoArticleError
from pipeline.model import Block, Metadata
from pipeline.settings import CleanSettings

_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
               "head", "input", "textarea", "select", "button", "video", "audio", "map")
# A control or player that holds sections of a page is a parse gone wrong (an unclosed <div> in a
# <button> keeps libxml2 from closing the button, which then holds the rest of the page).
_ENCLOSING_NEVER_TEXT = "|".join(
    f"//{tag}[.//main or .//article or .//h1 or .//h2]" for tag in ("button", "object", "canvas", "video", "audio", "map")
)
_HIDDEN = (
    "//*[@hidden or contains(translate(@style, ' ', ''), 'display:none')"
    " or contains(translate(@style, ' ', ''), 'visibility:hidden')]"
)
# A hidden element holding this share of the page's text is content the page reveals by script
# (React's streamed `<div hidden id="S:0">`, a collapsed "read more"), not a closed menu.
_REVEALED_SHARE = 0.5
_MIN_ARTICLE_CHARS = 80
_WORD = re.compile(r"[^\W\d_]{2}")


def article_blocks(root: HtmlElement, metadata: Metadata, source: str, settings: CleanSettings) -> tuple[Block, ...]:
    """The article's blocks in reading order; NoArticleError when the page has no article text."""
    body = root.find("body")
    if body is None:
        body = root
    _strip_never_text(body)
    _drop_hidden(body)
    blocks = [block for raw in checked_selection(body, walk_blocks(body), select_blocks, settings) if (block := _to_block(raw)) is not None]
    blocks = _without_title(_without_leading_counters(blocks), metadata.title)
    blocks = _numbered_lists(_without_orphan_headings(blocks))
    if sum(len(block.text) for block in blocks) < _MIN_ARTICLE_CHARS:
        raise NoArticleError(source, "page holds no article text")
    return tuple(blocks)


def _strip_never_text(body: HtmlElement) -> None:
    for enclosing in body.xpath(_ENCLOSING_NEVER_TEXT):
        enclosing.drop_tag()
    etree.strip_elements(body, *_NEVER_TEXT, with_tail=False)


def _drop_hidden(body: HtmlElement) -> None:
    """Drop hidden elements (menus, dialogs, templates), but not the hidden part holding most of the page's text."""
    page_chars = len(body.text_content())
    for hidden in body.xpath(_HIDDEN):
        if len(hidden.text_content()) <= page_chars * _REVEALED_SHARE:
            hidden.drop_tree()


def _to_block(raw: RawBlock) -> Block | None:
    """The normalised block, or None for furniture and figures.

    Captions and alt text stay out of the article's text, so the record's `body_text` and
    `clean --text` are one text and a step never starts with a photo caption.
    """
    text = normalize_text(raw.text)
    if not text or raw.kind == "figure":
        return None
    block = Block(raw.kind, text, raw.level, raw.ordered, raw.number, raw.list_id, raw.emphasis)
    return None if is_furniture(block) else block


def _numbered_lists(blocks: list[Block]) -> list[Block]:
    """Renumber list ids 1, 2, ... in reading order, so they do not depend on dropped chrome lists."""
    ids: dict[int, int] = {}
    renumbered = []
    for block in blocks:
        if block.list_id is not None:
            block = replace(block, list_id=ids.setdefault(block.list_id, len(ids) + 1))
        renumbered.append(block)
    return renumbered


def _without_orphan_headings(blocks: list[Block]) -> list[Block]:
    """Drop headings left with nothing under them: the titles of link lists and widgets removed as chrome."""
    kept: list[Block] = []
    for block in reversed(blocks):
        if block.kind == "heading" and (not kept or (kept[-1].kind == "heading" and kept[-1].level <= block.level)):
            continue
        kept.append(block)
    return kept[::-1]


def _without_title(blocks: list[Block], title: str | None) -> list[Block]:
    """Drop the headings above the first paragraph that are the title or the standfirst.

    The title is metadata, not body text: an h1 there, or a heading the title starts with
    (titles often carry a site suffix). A heading that ends in a full stop is a sentence,
    the standfirst under the title, not the name of a section.
    """
    lead = next((index for index, block in enumerate(blocks) if block.kind != "heading"), len(blocks))
    folded_title = (title or "").casefold()
    return [
        block for index, block in enumerate(blocks)
        if index >= lead or not (
            block.level == 1 or block.text.endswith(".")
            or (folded_title and folded_title.startswith(block.text.casefold()))
        )
    ]


def _without_leading_counters(blocks: list[Block]) -> list[Block]:
    """Drop wordless paragraphs above the first long one: like counts, callout icons ("1.2K", "💡").

    List items stay: a bare number there is a step's number.
    """
    first_prose = next((index for index, block in enumerate(blocks) if len(block.text) >= 80), len(blocks))
    return [
        block for index, block in enumerate(blocks)
        if index >= first_prose or block.kind != "paragraph" or _WORD.search(block.text)
    ]
