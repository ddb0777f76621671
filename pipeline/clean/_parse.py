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
# libxml2 drops everything after a `</html>` or `</body>`, even a stray one mid-page; browsers
# keep reading, so do we: without these tags, the parser closes body and html at the end.
_DOCUMENT_END_TAGS = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
# libxml2 stops parsing, silently dropping the rest of the page, past this depth.
_MAX_DEPTH = 200
_BLOCK_ALLOWANCE = 40
_WRAPPERS = frozenset("div span section article main aside header footer font center b i u em strong small big a".split())
_IMPLICITLY_CLOSED = frozenset(("p", "li"))
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


def parse_html(text: str, source: str) -> lxml.html.HtmlElement:
    """Parse page text into an lxml tree; InputError if it is not HTML, NoArticleError if empty."""
    _require_markup(text, source)
    text = _DOCUMENT_END_TAGS.sub("", strip_controls(_XML_DECLARATION.sub("", text, count=1)))
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
    """Drop the wrapper tags that nest deeper than libxml2 follows, keeping all of their text.

    Paragraph, list and heading tags are kept a little deeper than wrappers (div, span, ...),
    so the blocks inside an absurdly deep nest survive as blocks.
    """
    open_tags: list[tuple[str, bool]] = []
    kept_depth = 0
    pieces: list[str] = []
    position = 0
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID or match.group(3):
            continue
        if closing:
            keep, kept_depth = _close(open_tags, name, kept_depth)
        else:
            if name in _IMPLICITLY_CLOSED and open_tags and open_tags[-1][0] == name:
                kept_depth -= open_tags.pop()[1]
            keep = kept_depth < _MAX_DEPTH or (name not in _WRAPPERS and kept_depth < _MAX_DEPTH + _BLOCK_ALLOWANCE)
            open_tags.append((name, keep))
            kept_depth += keep
        if not keep:
            pieces.append(text[position : match.start()])
            position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def _close(open_tags: list[tuple[str, bool]], name: str, kept_depth: int) -> tuple[bool, int]:
    """Pop the open tag `name` closes; whether to keep the closing tag, and the new kept depth."""
    for index in range(len(open_tags) - 1, -1, -1):
        if open_tags[index][0] == name:
            keep = open_tags[index][1]
            kept_depth -= sum(kept for _, kept in open_tags[index:])
            del open_tags[index:]
            return keep, kept_depth
    return True, kept_depth
