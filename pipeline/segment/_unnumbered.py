"""Step series the page does not number: the headings an "N Tips" title promises, headings that
are actions, and bulleted lists introduced as things to do ("Instructions", "Here's how:").

Each series is a list of `Candidate`s numbered by position, ranked with the numbered series.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.model import Block
from pipeline.segment._actions import is_action, mostly_actions, names_task, opens_on_gerund, presents_actions
from pipeline.segment._numbering import clean_title, split_lead

# Headings that frame an article rather than carry one of its items.
_FRAMING = re.compile(
    r"^(?:introduction|intro|conclusion|in conclusion|final (?:thoughts|words)|wrapping up|in closing|summary"
    r"|(?:the )?bottom line|(?:key )?takeaways?|faqs?|frequently asked questions.*|related.*|overview"
    r"|references|sources|resources|further reading|about the author|table of contents|contents"
    r"|why .*|what (?:is|are) .*|before you (?:begin|start).*|the takeaway)\W*$",
    re.IGNORECASE,
)
# A title that makes the page a checklist or timeline: every list of actions on it is a step.
CHECKLIST = re.compile(r"\b(?:check-?lists?|to-?do(?: list)?s?|timeline|step[- ]by[- ]step)\b", re.IGNORECASE)
_MIN_ACTION_HEADINGS = 3
# A run of task headings is a how-to's steps in the -ing form when this share of them take it.
_GERUND_SHARE = 0.6
_MIN_LIST_ITEMS = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible step: where it is, its number and title, and how its series is written."""

    index: int
    number: int
    title: str
    rest: str
    family: str
    noun: str | None
    kind: str
    level: int
    body_start: int


def heading_series(
    blocks: Sequence[Block], excluded: frozenset[int], count: int | None, how_to: bool = False
) -> list[list[Candidate]]:
    """Unnumbered heading series: the sibling headings an "N Tips" title promises (exactly N of
    them, framing headings such as "Conclusion" left out; bold lines standing as headings under
    one heading count too), and runs of three or more headings of one level that each open on an
    imperative ("Insure Your Ring", "Set a Budget"), or, on a page whose title promises how to do
    something step by step (`how_to`), mostly on the -ing form of one ("Assessing Your Space",
    "Building Raised Beds")."""
    headings = [index for index, block in enumerate(blocks)
                if block.kind == "heading" and index not in excluded and not _FRAMING.match(block.text.strip())]
    series = []
    if count is not None:
        bold = [index for index, block in enumerate(blocks) if block.kind == "paragraph" and block.emphasis
                and index not in excluded and not _FRAMING.match(block.text.strip())]
        groups = _sibling_groups(blocks, headings) + _sibling_groups(blocks, bold)
        promised = next((group for group in groups if len(group) == count > 1), None)
        if promised is not None:
            series.append(heading_candidates(blocks, promised))
    for run in _action_heading_runs(blocks, headings, is_action):
        series.append(heading_candidates(blocks, run))
    if how_to:
        series.extend(heading_candidates(blocks, run) for run in _action_heading_runs(blocks, headings, names_task)
                      if sum(opens_on_gerund(blocks[index].text) for index in run) >= _GERUND_SHARE * len(run))
    return series


def _sibling_groups(blocks: Sequence[Block], headings: list[int]) -> list[list[int]]:
    """The headings (or bold lines) grouped by their level and the heading they sit under."""
    groups: dict[tuple[int | None, int], list[int]] = {}
    for index in headings:
        groups.setdefault((_parent(blocks, index), blocks[index].level), []).append(index)
    return list(groups.values())


def _parent(blocks: Sequence[Block], index: int) -> int | None:
    level = blocks[index].level if blocks[index].kind == "heading" else 7
    return next((before for before in range(index - 1, -1, -1)
                 if blocks[before].kind == "heading" and blocks[before].level < level), None)


def _action_heading_runs(
    blocks: Sequence[Block], headings: list[int], action: Callable[[str], bool]
) -> list[list[int]]:
    """Runs of same-level headings that open on imperatives, broken by a heading of that level
    that does not; a timeline's stages ("12 Months Out" over its tasks) do not break the run, as
    the tasks of all stages are one sequence."""
    runs: list[list[int]] = []
    open_runs: dict[int, list[int]] = {}
    for index in headings:
        level = blocks[index].level
        if action(blocks[index].text):
            open_runs.setdefault(level, []).append(index)
        elif level in open_runs:
            runs.append(open_runs.pop(level))
    runs.extend(open_runs.values())
    return [run for run in runs if len(run) >= _MIN_ACTION_HEADINGS]


def heading_candidates(blocks: Sequence[Block], indexes: list[int]) -> list[Candidate]:
    """The headings at `indexes` as a series numbered by position."""
    return [Candidate(index, position, clean_title(blocks[index].text), "", "unnumbered", None, "heading",
                      blocks[index].level or 7, index + 1)
            for position, index in enumerate(indexes, start=1)]


def action_lists(blocks: Sequence[Block], excluded: frozenset[int], title: str | None) -> list[list[Candidate]]:
    """Bulleted lists the page introduces as things to do, their items numbered by position.

    The lead-in ("Here is what you need to do:") or the heading above says so and the items
    open on imperatives; each item's title is its first sentence or short label. On a page
    whose title calls it a checklist or timeline, every list of actions counts, and they are
    one series in page order (the to-dos of each month of a planning timeline), if most of
    their items are actions.
    """
    lists = _bulleted_lists(blocks, excluded)
    if CHECKLIST.search(title or ""):
        series = [[index for items in lists for index in items]]
    else:
        series = [items for items in lists if presents_actions(_intro(blocks, items[0]))]
    return [item_candidates(blocks, items) for items in series
            if len(items) >= _MIN_LIST_ITEMS and mostly_actions([blocks[index].text for index in items])]


def item_candidates(blocks: Sequence[Block], indexes: list[int]) -> list[Candidate]:
    """The list items at `indexes` as a series numbered by position, each titled by its lead."""
    return [_item_candidate(blocks, index, position) for position, index in enumerate(indexes, 1)]


def action_paragraphs(blocks: Sequence[Block], excluded: frozenset[int]) -> list[list[Candidate]]:
    """Runs of three or more paragraphs that each open on an imperative, right after a lead-in
    or heading that presents things to do ("Here's a practical approach:"): steps written as
    paragraphs whose bold lead the cleaned text no longer marks, titled by their first sentence."""
    series = []
    for index, block in enumerate(blocks):
        intro = block.kind == "heading" or (block.kind == "paragraph" and block.text.rstrip().endswith(":"))
        if not intro or index in excluded or not presents_actions(block.text):
            continue
        run = []
        for after in range(index + 1, len(blocks)):
            if blocks[after].kind != "paragraph" or after in excluded or not is_action(blocks[after].text):
                break
            run.append(after)
        if len(run) >= _MIN_LIST_ITEMS:
            series.append([_item_candidate(blocks, item, position, "paragraph")
                           for position, item in enumerate(run, 1)])
    return series


def _bulleted_lists(blocks: Sequence[Block], excluded: frozenset[int]) -> list[list[int]]:
    lists: dict[int, list[int]] = {}
    for index, block in enumerate(blocks):
        if block.kind == "list_item" and not block.ordered and block.level == 1 and index not in excluded:
            lists.setdefault(block.list_id if block.list_id is not None else -index, []).append(index)
    return list(lists.values())


def _intro(blocks: Sequence[Block], first: int) -> str | None:
    """The lead-in paragraph ending in ":" just before a list, else the nearest heading above it."""
    if first > 0 and blocks[first - 1].kind == "paragraph" and blocks[first - 1].text.rstrip().endswith(":"):
        return blocks[first - 1].text
    heading = next((index for index in range(first - 1, -1, -1) if blocks[index].kind == "heading"), None)
    return blocks[heading].text if heading is not None else None


def _item_candidate(blocks: Sequence[Block], index: int, position: int, kind: str = "list_item") -> Candidate:
    title, rest = split_lead(blocks[index].text)
    return Candidate(index, position, clean_title(title), rest, "bullets", None, kind, blocks[index].level, index + 1)

