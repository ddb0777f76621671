"""Text to an lxml tree, refusing what is not HTML and surviving absurd nesting."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from pipeline.clean._text import strip_controls
from pipeline.errors import InputError, NoArticleError

_SNIFF_CHARS = 4096
_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|title|meta|div|p|article|main|section|span|h[1-6]|ul|ol|table|br|a)\b",
    re.IGNORECASE,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
# libxml2 stops parsing, silently dropping the rest of the page, past this depth.
_MAX_DEPTH = 200
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


def parse_html(text: str, source: str) -> lxml.html.HtmlElement:
    """Parse page text into an lxml tree; InputError if it is not HTML, NoArticleError if empty."""
    _require_markup(text, source)
    text = strip_controls(_XML_DECLARATION.sub("", text, count=1))
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    root = _parse_with(text, parser, source)
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        root = _parse_with(_cap_nesting(text), parser, source)
    return root


def _parse_with(text: str, parser: lxml.html.HTMLParser, source: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise NoArticleError(source, f"page holds no parsable HTML ({error})") from None


def _require_markup(text: str, source: str) -> None:
    head = text[:_SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    if not head:
        raise InputError(source, "page is empty")
    if sum(1 for char in head if char < " " and char not in "\t\r\n\f") > len(head) // 20:
        raise InputError(source, "content is binary, not HTML")
    if head[0] in "{[":
        raise InputError(source, "content is JSON, not HTML")
    if not _MARKUP.search(text[: _SNIFF_CHARS * 16]):
        raise InputError(source, "content has no HTML markup")


def _cap_nesting(text: str) -> str:
    """Drop the tags that nest deeper than libxml2 follows, keeping all of their text."""
    depth = 0
    pieces: list[str] = []
    position = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        depth += -1 if closing else 1
        if depth > _MAX_DEPTH or (closing and depth >= _MAX_DEPTH):
            pieces.append(text[position : match.start()])
            position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)
