"""Elements HTML does not define (custom and namespaced ones) inside a line of text: they do not end it.

Browsers lay out an element they do not know as inline. Pages use them for citation markers,
tooltips and side notes (`<trusted-source>`, `<side-note>`) inside a sentence; cutting the block
there would split "...in the United States (" from ")." Word's HTML marks places and names in a
sentence with namespaced tags (`<st1:city>`, `<o:p>`). Such elements that stand on their own,
between blocks, still open a block: many sites wrap whole sections in them.
"""

from __future__ import annotations

from lxml.html import HtmlElement


def runs_inline(element: HtmlElement) -> bool:
    """True for a custom or namespaced element (its name holds a dash or a colon) with text right before or after it."""
    if "-" not in element.tag and ":" not in element.tag:
        return False
    previous = element.getprevious()
    parent = element.getparent()
    before = previous.tail if previous is not None else parent.text if parent is not None else None
    return _has_text(before) or _has_text(element.tail)


def _has_text(text: str | None) -> bool:
    return bool(text) and not text.isspace()
