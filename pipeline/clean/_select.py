"""Find the element holding the article and keep the blocks inside it that are not chrome."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from lxml.html import HtmlElement

from pipeline.clean._hints import chrome_tag, is_article_body, likely_chrome, surely_chrome, titled_as_chrome
from pipeline.clean._walk import RawBlock

# A block must read like prose to count towards where the article is.
_MIN_PROSE_CHARS = 80
_MAX_PROSE_LINK_SHARE = 0.5
# A chrome-looking element holding more than this share of the page's (or container's) prose
# is a layout wrapper.
_WRAPPER_SHARE = 0.8
_BOX_MAX_SHARE = 0.5
_MAX_LINK_SHARE = 0.5
# Widening stops at the element the markup declares as the article.
_ARTICLE_TAGS = frozenset(("article", "main"))


class _Tally:
    """Per element: prose characters, all characters and link characters of the blocks inside.

    `paragraphs` scores the elements that hold paragraphs: a block's prose counts fully for
    the parent of the element that owns it and half for the grandparent, so the element
    whose children are the article's paragraphs scores highest, not a wrapper of teasers.
    """

    def __init__(self, blocks: list[RawBlock], weights: list[float]) -> None:
        self.prose: defaultdict[HtmlElement, float] = defaultdict(float)
        self.chars: defaultdict[HtmlElement, int] = defaultdict(int)
        self.links: defaultdict[HtmlElement, int] = defaultdict(int)
        self.paragraphs: defaultdict[HtmlElement, float] = defaultdict(float)
        runs_per_owner = Counter(block.ancestors[-1] for block in blocks if block.ancestors)
        for block, weight in zip(blocks, weights, strict=True):
            ancestors = block.ancestors
            for element in ancestors:
                self.prose[element] += weight
                self.chars[element] += block.chars
                self.links[element] += block.link_chars
            # The holder of a paragraph is its parent; an element holding several runs of text
            # itself (paragraphs split by <br><br>) is their holder.
            holder = len(ancestors) - (1 if runs_per_owner[ancestors[-1]] > 1 else 2) if ancestors else -1
            if weight and holder >= 0:
                # Teaser lists are list items; an article's list items sit among paragraphs.
                score = weight / 2 if block.kind == "list_item" else weight
                self.paragraphs[ancestors[holder]] += score
                if holder > 0:
                    self.paragraphs[ancestors[holder - 1]] += score / 2

    def link_share(self, element: HtmlElement) -> float:
        return self.links[element] / self.chars[element] if self.chars[element] else 0.0


def _prose_weight(block: RawBlock) -> float:
    if block.kind in ("heading", "figure") or block.chars < _MIN_PROSE_CHARS:
        return 0.0
    if block.link_chars > block.chars * _MAX_PROSE_LINK_SHARE:
        return 0.0
    return float(block.chars - block.link_chars)


def _cached(test: Callable[[HtmlElement], bool]) -> Callable[[HtmlElement], bool]:
    verdicts: dict[HtmlElement, bool] = {}

    def check(element: HtmlElement) -> bool:
        verdict = verdicts.get(element)
        if verdict is None:
            verdict = verdicts[element] = test(element)
        return verdict

    return check


def _weigh(blocks: list[RawBlock]) -> tuple[_Tally, Callable[[HtmlElement], bool]]:
    """Tally prose per element, and tell chrome apart.

    Comments and teasers can outweigh a short article, so the prose inside chrome does not
    count. An element that holds most of the page's prose is a layout wrapper whatever its
    class says (`Page-ad-margins`, `paywall`).
    """
    weights = [_prose_weight(block) for block in blocks]
    page_prose: defaultdict[HtmlElement, float] = defaultdict(float)
    for block, weight in zip(blocks, weights, strict=True):
        for element in block.ancestors:
            page_prose[element] += weight
    wrapper_prose = sum(weights) * _WRAPPER_SHARE
    in_chrome = _cached(
        lambda element: chrome_tag(element) or (
            page_prose[element] <= wrapper_prose and (surely_chrome(element) or titled_as_chrome(element))
        )
    )
    weights = [
        0.0 if any(in_chrome(element) for element in block.ancestors[1:]) else weight
        for block, weight in zip(blocks, weights, strict=True)
    ]
    return _Tally(blocks, weights), in_chrome


def select_blocks(body: HtmlElement, blocks: list[RawBlock]) -> list[RawBlock]:
    """The blocks of the article: inside the container found by prose weight, chrome removed."""
    tally, in_chrome = _weigh(blocks)
    container = _marked_article_body(tally)
    if container is None:
        container = _find_container(body, tally)
    depth = _depth_of(container, blocks)
    if depth is None:
        return []
    containers = _with_twin_siblings(container)
    limit = sum(tally.prose[element] for element in containers) * _BOX_MAX_SHARE
    boxed = _cached(lambda element: tally.prose[element] <= limit and (
        likely_chrome(element) or tally.link_share(element) > _MAX_LINK_SHARE
    ))
    kept = []
    for block in blocks:
        ancestors = block.ancestors
        if len(ancestors) <= depth or ancestors[depth] not in containers:
            continue
        inner = ancestors[depth + 1 :]
        if any(in_chrome(element) or boxed(element) for element in inner):
            continue
        if block.link_chars > block.chars * _MAX_LINK_SHARE:
            continue
        kept.append(block)
    return kept


def _marked_article_body(tally: _Tally) -> HtmlElement | None:
    marked = [element for element, prose in tally.prose.items() if prose and is_article_body(element)]
    return max(marked, key=tally.prose.__getitem__) if marked else None


def _find_container(body: HtmlElement, tally: _Tally) -> HtmlElement:
    """The best paragraph holder, widened to its ancestors while they add no other prose.

    Widening takes in the headings and short lines around the paragraphs; it stops before
    any prose of another box (teasers, a second article), which on real pages is more often
    chrome than a lost part of the article.
    """
    if not tally.paragraphs:
        return body
    node = max(tally.paragraphs, key=tally.paragraphs.__getitem__)
    while node is not body and node.tag not in _ARTICLE_TAGS:
        parent = node.getparent()
        if parent is None or tally.prose[parent] > tally.prose[node]:
            return node
        node = parent
    return node


def _with_twin_siblings(container: HtmlElement) -> set[HtmlElement]:
    """The container and its siblings of the same tag and class: an article body split in parts."""
    parent = container.getparent()
    if parent is None or not container.get("class"):
        return {container}
    return {container} | {
        sibling for sibling in parent
        if sibling.tag == container.tag and sibling.get("class") == container.get("class")
    }


def _depth_of(container: HtmlElement, blocks: list[RawBlock]) -> int | None:
    for block in blocks:
        if container in block.ancestors:
            return block.ancestors.index(container)
    return None
