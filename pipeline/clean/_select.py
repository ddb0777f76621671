"""Find the element holding the article and keep the blocks inside it that are not chrome."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from functools import cache

from lxml.html import HtmlElement

from pipeline.clean._hints import (
    ad_slot_only,
    chrome_tag,
    is_article_body,
    is_heading,
    likely_chrome,
    named_as_body,
    surely_chrome,
    titled_as_chrome,
)
from pipeline.clean._labels import is_elsewhere_label, is_sources_label, is_summary_label
from pipeline.clean._walk import RawBlock

# A block must read like prose to count towards where the article is.
_MIN_PROSE_CHARS = 80
_MAX_PROSE_LINK_SHARE = 0.5
# A chrome-looking element holding more than this share of the page's (or container's) prose
# is a layout wrapper.
_WRAPPER_SHARE = 0.8
# ... or more than this share when it holds the title, or is classed as chrome by ad words alone.
_TITLE_WRAPPER_SHARE = 0.5
_BOX_MAX_SHARE = 0.5
_MAX_LINK_SHARE = 0.5
# A sibling box continues the article when little of its text is links.
_MAX_CONTINUATION_LINKS = 0.3
# ... and holds more prose than links, or paragraphs longer than a teaser's excerpt (a listicle item under its linked name).
_LONG_ITEM_PROSE = 600
# A sibling of another kind continues the article only with paragraphs (not a lone plug or
# disclaimer) and a good share of the holder's prose.
_SIBLING_SHARE = 0.3
# A box of prose that does not continue the article but is this small beside it may stand inside it.
_INTERRUPTION_SHARE = 0.1
# A run of boxes holding less than this share of their parent's prose is a part of the article, not all of it.
_THIN_SHARE = 0.5
# ... when teasers hold no more than this share of the rest.
_TEASER_SHARE = 0.25
_MIN_TEASERS = 2
_ALIKE_SHARE = 0.5
_CONTENT_TAGS = frozenset("p h2 h3 h4 h5 h6 ul ol dl blockquote figure table pre section".split())
# Widening stops at the element the markup declares as the article.
_ARTICLE_TAGS = frozenset(("article", "main"))
# A box's title is its first block with a word in it, past any icon ("💡", "✔").
_WORD = re.compile(r"[^\W\d_]{2}")
_DIGIT = re.compile(r"\d")


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
        self.prose_blocks: Counter[HtmlElement] = Counter()
        self.link_lines: Counter[HtmlElement] = Counter()
        self.linked_headings: Counter[HtmlElement] = Counter()
        self.blocks: Counter[HtmlElement] = Counter()
        for block, weight in zip(blocks, weights, strict=True):
            link_line = block.kind != "figure" and block.link_chars > block.chars * _MAX_LINK_SHARE
            for element in block.ancestors:
                self.prose[element] += weight
                self.chars[element] += block.chars
                self.links[element] += block.link_chars
                self.blocks[element] += 1
                self.prose_blocks[element] += weight > 0
                self.link_lines[element] += link_line
                self.linked_headings[element] += link_line and block.kind == "heading"
        for block, weight in zip(blocks, weights, strict=True):
            ancestors = block.ancestors
            holder = self._holder(ancestors)
            if weight and holder >= 0:
                # Teaser lists are list items; an article's list items sit among paragraphs.
                score = weight / 2 if block.kind == "list_item" else weight
                self.paragraphs[ancestors[holder]] += score
                if holder > 0:
                    self.paragraphs[ancestors[holder - 1]] += score / 2

    def _holder(self, ancestors: tuple[HtmlElement, ...]) -> int:
        """The index of a paragraph's holder: the nearest element above it that holds other blocks too.

        An element holding several runs of text itself (paragraphs split by <br><br>) is their
        holder; a wrapper of the one paragraph (`<div class="paragraph"><p>`) is not.
        """
        index = len(ancestors) - 1
        while index > 0 and self.blocks[ancestors[index]] == 1:
            index -= 1
        return index

    def link_share(self, element: HtmlElement) -> float:
        return self.links[element] / self.chars[element] if self.chars[element] else 0.0


def _prose_weight(block: RawBlock) -> float:
    """The block's characters outside links, counted without the source's indentation (menus are often padded)."""
    if block.kind in ("heading", "figure") or block.chars < _MIN_PROSE_CHARS:
        return 0.0
    if block.link_chars > block.chars * _MAX_PROSE_LINK_SHARE:
        return 0.0
    visible = len(" ".join(block.text.split()))
    if visible < _MIN_PROSE_CHARS:
        return 0.0
    return visible * (1 - block.link_chars / block.chars)


_Test = Callable[[HtmlElement], bool]


def _first_lines(blocks: list[RawBlock]) -> dict[HtmlElement, str]:
    """Per element, the text of its first block with a word in it: a box's title."""
    first_lines: dict[HtmlElement, str] = {}
    for block in blocks:
        if _WORD.search(block.text) is None:
            continue
        for element in block.ancestors:
            first_lines.setdefault(element, block.text)
    return first_lines


def _weigh(blocks: list[RawBlock], summary: _Test) -> tuple[_Tally, _Test]:
    """Tally prose per element, and tell chrome apart.

    Comments and teasers can outweigh a short article, so the prose inside chrome does not
    count. An element that holds over half the page's prose and the title is a layout wrapper
    whatever its tag or class says (a `<nav>` left open around the article); so is one classed as
    chrome that holds most of it (`Page-ad-margins`, `paywall`), or over half of it when classed by
    ad words alone (`body-ad-wrapper`). Site menus can hold long teasers, so a `<nav>` or `<aside>`
    is a wrapper only with the title. A box
    titled as the article's summary ("Key Points") is never chrome, though pages mark it up as an
    `<aside>` or a widget.
    """
    weights = [_prose_weight(block) for block in blocks]
    page_prose: defaultdict[HtmlElement, float] = defaultdict(float)
    for block, weight in zip(blocks, weights, strict=True):
        for element in block.ancestors:
            page_prose[element] += weight
    total = sum(weights)

    def wrapper(element: HtmlElement) -> bool:
        prose = page_prose[element]
        if prose > total * _TITLE_WRAPPER_SHARE and _holds_title(element):
            return True
        return not chrome_tag(element) and (
            prose > total * _WRAPPER_SHARE or (prose > total * _TITLE_WRAPPER_SHARE and ad_slot_only(element))
        )

    in_chrome = cache(
        lambda element: not summary(element) and not wrapper(element) and (
            chrome_tag(element) or surely_chrome(element) or titled_as_chrome(element)
        )
    )
    weights = [
        0.0 if any(in_chrome(element) for element in block.ancestors[1:]) else weight
        for block, weight in zip(blocks, weights, strict=True)
    ]
    return _Tally(blocks, weights), in_chrome


def _signature(element: HtmlElement) -> tuple[str, str]:
    """Tag and class, less the class tokens holding a digit (`elementor-element-5636d6d`, ids)."""
    classes = (element.get("class") or "").split()
    return element.tag, " ".join(sorted(token for token in classes if not _DIGIT.search(token)))


def _kind(element: HtmlElement) -> tuple[str, str]:
    """Tag and first class token: what a component is, less its variant (`section` of `section section--wide`)."""
    classes = (element.get("class") or "").split()
    return element.tag, next((token for token in classes if not _DIGIT.search(token)), "")


def _prose_per_signature(containers: set[HtmlElement], tally: _Tally) -> Counter[tuple[str, str]]:
    """Prose per (tag, class) inside the containers: boxes of one kind that hold the article between them.

    A page builder wraps every section in the same `elementor-widget` box; each holds little of
    the article, all of them most of it, so their class is layout, not a sidebar's.
    """
    prose: Counter[tuple[str, str]] = Counter()
    for container in containers:
        for element in container.iter():
            if isinstance(element.tag, str) and element.get("class"):
                prose[_signature(element)] += tally.prose.get(element, 0.0)
    return prose


def _holds_title(element: HtmlElement) -> bool:
    return next(element.iter("h1"), None) is not None


def select_blocks(body: HtmlElement, blocks: list[RawBlock]) -> list[RawBlock]:
    """The blocks of the article: inside the container found by prose weight, chrome removed."""
    first_lines = _first_lines(blocks)
    summary = cache(lambda element: is_summary_label(first_lines.get(element, "")))
    tally, in_chrome = _weigh(blocks, summary)
    elsewhere = cache(lambda element: is_elsewhere_label(first_lines.get(element, "")))
    container = _marked_article_body(tally)
    run, notes = ([container] if container is not None else []), set[HtmlElement]()
    if container is None:
        container, run, notes = _find_container(body, tally, lambda element: in_chrome(element) or elsewhere(element))
    depth = _depth_of(container, blocks)
    if depth is None:
        return []
    containers = _with_twin_siblings(container) | set(run)
    limit = sum(tally.prose[element] for element in containers) * _BOX_MAX_SHARE
    repeated = _prose_per_signature(containers, tally)
    dropped = cache(lambda element: in_chrome(element) or element in notes or (
        not summary(element) and tally.prose[element] <= limit and (
            (likely_chrome(element) and repeated[_signature(element)] <= limit)
            or (not is_heading(element) and tally.link_share(element) > _MAX_LINK_SHARE)
        )
    ))
    # The article's source list often closes it in a box of its own after the body.
    containers |= {
        sibling for sibling in container.itersiblings()
        if is_sources_label(first_lines.get(sibling, "")) and not dropped(sibling)
    }
    lead = _lead_siblings(run[0], dropped)
    return _with_lead(blocks, depth, containers, lead, dropped=dropped, summary=summary)


def _with_lead(
    blocks: list[RawBlock], depth: int, containers: set[HtmlElement], lead: set[HtmlElement], *,
    dropped: _Test, summary: _Test,
) -> list[RawBlock]:
    """The kept blocks of the containers and of the lead boxes that hold prose or a summary.

    A byline, an image's "Enlarge" button or a caption above the body are not the article's lead.
    """
    kept = _kept_blocks(blocks, depth, containers | lead, dropped)
    lead &= {block.ancestors[depth] for block in kept if _reads_as_prose(block) or summary(block.ancestors[depth])}
    return [block for block in kept if block.ancestors[depth] in containers or block.ancestors[depth] in lead]


def _reads_as_prose(block: RawBlock) -> bool:
    # Counted without the source's indentation, which a one-line player title can be padded to 80 with.
    return block.kind not in ("heading", "figure") and len(" ".join(block.text.split())) >= _MIN_PROSE_CHARS


def _kept_blocks(blocks: list[RawBlock], depth: int, containers: set[HtmlElement], dropped: _Test) -> list[RawBlock]:
    """The blocks inside the containers and in no dropped box.

    A heading whose own class or id reads as chrome (`id="recommended-books"`) stays when it
    stands between blocks that stay, after text: then it titles the article's own content,
    not a widget (nor, under the title, a byline).
    """
    kept: list[RawBlock] = []
    hinted_heading: RawBlock | None = None
    for block in blocks:
        ancestors = block.ancestors
        if len(ancestors) <= depth or ancestors[depth] not in containers:
            hinted_heading = None
            continue
        inner = ancestors[depth + 1 :]
        if any(dropped(element) for element in inner[:-1]) or _link_line(block):
            hinted_heading = None
            continue
        if inner and dropped(inner[-1]):
            follows_text = bool(kept) and kept[-1].kind != "heading"
            hinted_heading = block if follows_text and block.kind == "heading" and is_heading(inner[-1]) else None
            continue
        if hinted_heading is not None:
            kept.append(hinted_heading)
            hinted_heading = None
        kept.append(block)
    return kept


def _link_line(block: RawBlock) -> bool:
    """A line that is mostly a link: a menu entry or teaser, unless it is a heading (a listicle item's linked name)."""
    return block.kind != "heading" and block.link_chars > block.chars * _MAX_LINK_SHARE


def _lead_siblings(container: HtmlElement, dropped: _Test) -> set[HtmlElement]:
    """The container's earlier siblings below the one holding the title (`<h1>`), chrome left out.

    Pages put the intro and the summary box in boxes of their own beside the body, between
    the title and the body.
    """
    lead: set[HtmlElement] = set()
    for sibling in container.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag == "h1" or sibling.find(".//h1") is not None:
            return lead
        if not dropped(sibling):
            lead.add(sibling)
    return set()


def _marked_article_body(tally: _Tally) -> HtmlElement | None:
    marked = [element for element, prose in tally.prose.items() if prose and is_article_body(element)]
    return max(marked, key=tally.prose.__getitem__) if marked else None


def _find_container(
    body: HtmlElement, tally: _Tally, in_chrome: _Test
) -> tuple[HtmlElement, list[HtmlElement], set[HtmlElement]]:
    """The best paragraph holder, widened while what its parent adds continues the article.

    Widening takes in the headings and short lines around the paragraphs, and the sibling
    boxes an article is split into (page-builder sections, listicle items, ads between them)
    when they hold prose of their own that is not a teaser list or a menu. It stops at the
    first sibling that does not continue the article (comments, teasers, a second article).
    Widening also passes one-line notes beside the run (a listicle item's "Author:" line, an
    affiliate note), which stay out, when the parent is one of a run of boxes of its kind (the listicle's items).
    Returns the holder, the run of siblings (the holder among them) that make the article, and
    the notes passed.
    """
    if not tally.paragraphs:
        return body, [body], set()
    node = max(tally.paragraphs, key=tally.paragraphs.__getitem__)
    run, notes = [node], set[HtmlElement]()
    while node is not body and node.tag not in _ARTICLE_TAGS:
        parent = next((element for element in node.iterancestors() if element in tally.chars), None)
        if parent is None:
            break
        run = _continued_run(node, tally, in_chrome)
        if sum(tally.prose[element] for element in run) < tally.prose[parent]:
            rest = [child for child in parent if child not in run and tally.prose.get(child)]
            if _notes(rest, parent, tally) and _one_of_items(parent, tally, in_chrome):
                notes.update(rest)
            elif not _thin_in(run, parent, tally, in_chrome):
                break
        node, run = parent, [parent]
    return node, run, notes


def _one_of_items(element: HtmlElement, tally: _Tally, in_chrome: _Test) -> bool:
    """The element is one of a run of boxes of its kind that continue each other (a listicle's items)."""
    kind = _kind(element)
    return any(_kind(sibling) == kind for sibling in _continued_run(element, tally, in_chrome) if sibling is not element)


def _notes(rest: list[HtmlElement], parent: HtmlElement, tally: _Tally) -> bool:
    """Every box of the rest is a one-paragraph note, small beside the parent."""
    return all(tally.prose_blocks[child] == 1 and tally.prose[child] <= _INTERRUPTION_SHARE * tally.prose[parent] for child in rest)


def _thin_in(run: list[HtmlElement], parent: HtmlElement, tally: _Tally, in_chrome: _Test) -> bool:
    """The run holds a small share of its parent's prose, and the rest is not teasers: the article is the parent.

    Not when the run is classed as the article's body (`articleBody`, `entry-content`): then the
    rest is what surrounds the article.

    The rest is mostly paragraphs and boxes of the run's kind or repeated (sections, a listicle's
    items), not one box of another kind (a disclaimer); teasers are excerpts under linked titles, a listicle's items are
    titled by plain headings.
    """
    prose = sum(tally.prose[element] for element in run)
    if prose >= _THIN_SHARE * tally.prose[parent] or in_chrome(parent) or any(named_as_body(element) for element in run):
        return False
    rest = [child for child in parent if child not in run and tally.prose.get(child)]
    teasers = sum(
        tally.prose[child] for child in rest
        if tally.linked_headings[child] >= max(_MIN_TEASERS, tally.prose_blocks[child] / 2)
    )
    repeated = Counter(_kind(child) for child in rest)
    kinds = {_kind(element) for element in run} | {kind for kind, count in repeated.items() if count > 1}
    alike = sum(tally.prose[child] for child in rest if _kind(child) in kinds or child.tag in _CONTENT_TAGS)
    others = tally.prose[parent] - prose
    return (
        tally.link_share(parent) <= _MAX_CONTINUATION_LINKS and teasers <= _TEASER_SHARE * others
        and alike >= _ALIKE_SHARE * others
    )


def _continued_run(node: HtmlElement, tally: _Tally, in_chrome: _Test) -> list[HtmlElement]:
    """`node` and its siblings on either side up to the first one holding prose that is not the article's."""
    kind, node_chrome = _kind(node), likely_chrome(node)

    def continues(sibling: HtmlElement) -> bool:
        return (
            (_kind(sibling) == kind or sibling.tag in _CONTENT_TAGS
             or (tally.prose[sibling] >= _SIBLING_SHARE * tally.prose[node] and tally.prose_blocks[sibling] > 1))
            and not in_chrome(sibling) and likely_chrome(sibling) <= node_chrome and tally.link_share(sibling) <= _MAX_CONTINUATION_LINKS
            and (tally.link_lines[sibling] < tally.prose_blocks[sibling] or tally.prose[sibling] >= _LONG_ITEM_PROSE * tally.prose_blocks[sibling])
        )

    before = _run_of(node.itersiblings(preceding=True), tally, continues, tally.prose[node])
    after = _run_of(node.itersiblings(), tally, continues, tally.prose[node])
    return [*reversed(before), node, *after]


def _run_of(siblings: Iterator[HtmlElement], tally: _Tally, continues: _Test, prose: float) -> list[HtmlElement]:
    """Siblings in order while they continue; headings, figures and lists without prose only when one with prose follows.

    Other boxes between them stay out: those without prose (ads, share bars, "Was this helpful?"),
    and one small box of prose that is not the article's (a sponsor's plug) when the article goes on
    after it.
    """
    run: list[HtmlElement] = []
    pending: list[HtmlElement] = []
    interrupted = False
    for sibling in siblings:
        if not isinstance(sibling.tag, str):
            continue
        if not tally.prose.get(sibling):
            if sibling.tag in _CONTENT_TAGS:
                pending.append(sibling)
            continue
        if not continues(sibling):
            if interrupted or tally.prose[sibling] > _INTERRUPTION_SHARE * prose:
                break
            interrupted, pending = True, []
            continue
        run += [*pending, sibling]
        prose += tally.prose[sibling]
        pending, interrupted = [], False
    return run


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
