"""Find the element holding the article and keep the blocks inside it that are not chrome."""

from __future__ import annotations

from collections import defaultdict

from lxml.html import HtmlElement

from pipeline.clean._hints import looks_like_chrome
from pipeline.clean._walk import RawBlock

# A block must read like prose to count towards where the article is.
_MIN_PROSE_CHARS = 30
_MAX_PROSE_LINK_SHARE = 0.35
# Descend into a child while it holds this share of the article text of its parent.
_DESCEND_SHARE = 0.8
# A chrome-looking element holding more than this share of the text is a layout wrapper.
_CHROME_MAX_SHARE = 0.5
_MAX_LINK_SHARE = 0.5


class _Tally:
    """Per element: prose characters, all characters and link characters of the blocks inside."""

    def __init__(self, blocks: list[RawBlock]) -> None:
        self.prose: defaultdict[HtmlElement, float] = defaultdict(float)
        self.chars: defaultdict[HtmlElement, int] = defaultdict(int)
        self.links: defaultdict[HtmlElement, int] = defaultdict(int)
        for block in blocks:
            weight = _prose_weight(block)
            for element in block.ancestors:
                self.prose[element] += weight
                self.chars[element] += block.chars
                self.links[element] += block.link_chars

    def link_share(self, element: HtmlElement) -> float:
        return self.links[element] / self.chars[element] if self.chars[element] else 0.0


def _prose_weight(block: RawBlock) -> float:
    if block.kind in ("heading", "figure") or block.chars < _MIN_PROSE_CHARS:
        return 0.0
    if block.link_chars > block.chars * _MAX_PROSE_LINK_SHARE:
        return 0.0
    return float(block.chars - block.link_chars)


def select_blocks(body: HtmlElement, blocks: list[RawBlock]) -> list[RawBlock]:
    """The blocks of the article: inside the container found by prose weight, chrome removed."""
    tally = _Tally(blocks)
    container = _find_container(body, tally)
    depth = _depth_of(container, blocks)
    if depth is None:
        return []
    chrome: dict[HtmlElement, bool] = {}
    limit = tally.prose[container] * _CHROME_MAX_SHARE
    kept = []
    for block in blocks:
        ancestors = block.ancestors
        if len(ancestors) <= depth or ancestors[depth] is not container:
            continue
        if any(_is_chrome(element, tally, limit, chrome) for element in ancestors[depth + 1 :]):
            continue
        if block.link_chars > block.chars * _MAX_LINK_SHARE:
            continue
        kept.append(block)
    return kept


def _find_container(body: HtmlElement, tally: _Tally) -> HtmlElement:
    node = body
    while True:
        children = [child for child in node if tally.prose.get(child)]
        if not children:
            return node
        best = max(children, key=tally.prose.__getitem__)
        if tally.prose[best] < tally.prose[node] * _DESCEND_SHARE:
            return node
        node = best


def _depth_of(container: HtmlElement, blocks: list[RawBlock]) -> int | None:
    for block in blocks:
        if container in block.ancestors:
            return block.ancestors.index(container)
    return None


def _is_chrome(element: HtmlElement, tally: _Tally, limit: float, seen: dict[HtmlElement, bool]) -> bool:
    verdict = seen.get(element)
    if verdict is None:
        verdict = tally.prose[element] <= limit and (
            looks_like_chrome(element) or tally.link_share(element) > _MAX_LINK_SHARE
        )
        seen[element] = verdict
    return verdict
