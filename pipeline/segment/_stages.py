"""Stages: the sections of a guide ("Pre-Install Steps", "Installation Process", "Post-Install
Steps") or of a timeline ("12 Months Out" ... "Final Week") that each hold their own series of
actions, written alike or not.

The labelling guide numbers two or more equally central step lists as one sequence in page
order; `with_stages` finds the stages that belong with the series already chosen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.model import Block
from pipeline.segment._actions import mostly_actions
from pipeline.segment._numbering import title_promise
from pipeline.segment._unnumbered import Candidate, heading_candidates, item_candidates

# A title that makes the page a checklist or timeline, whose every stage holds things to do
# ("step-by-step" promises one series, not stages).
_TIMELINE = re.compile(r"\b(?:check-?lists?|to-?do(?: list)?s?|timeline)\b", re.IGNORECASE)
# A stage heading that says its section holds steps: "Pre-Install Steps", "Phase 2: Build"; not
# "Next steps", the site's call to go on to something else.
_STAGE = re.compile(r"(?<!next )\b(?:steps?|stages?|phases?)\b", re.IGNORECASE)
_MIN_PART = 2


def with_stages(series: list[Candidate], blocks: Sequence[Block], excluded: frozenset[int],
                title: str | None) -> list[Candidate]:
    """`series` joined by the series of actions in the sibling sections around the ones it sits
    in, outward until a section holds none: sections whose heading names steps, stages or
    phases without a count of its own, or, on a checklist or timeline page, every stage."""
    stages = {_stage(blocks, candidate) for candidate in series}
    if None in stages or len({(blocks[stage].level, _parent(blocks, stage)) for stage in stages}) != 1:
        return series
    first, last = min(stages), max(stages)
    siblings = _siblings(blocks, first)
    checklist = bool(_TIMELINE.search(title or ""))
    level = series[0].level if series[0].kind == "heading" else None
    before = [stage for stage in siblings if stage < first][::-1]
    after = [stage for stage in siblings if stage > last]
    joined = list(series)
    for direction in (before, after):
        for stage in direction:
            named = checklist or _names_stage(blocks[stage].text)
            part = _stage_series(blocks, stage, level, excluded) if named else None
            if part is None:
                break
            joined.extend(part)
    return sorted(joined, key=lambda candidate: candidate.index)


def _names_stage(heading: str) -> bool:
    """True for "Pre-Install Steps", not for "6 steps to get more out of it", a list of its own."""
    return bool(_STAGE.search(heading)) and title_promise(heading) is None


def _stage(blocks: Sequence[Block], candidate: Candidate) -> int | None:
    """The heading of the section a candidate sits in: the nearest one above that outranks it."""
    outranks = candidate.level if candidate.kind == "heading" and blocks[candidate.index].kind == "heading" else 7
    return next((index for index in range(candidate.index - 1, -1, -1)
                 if blocks[index].kind == "heading" and blocks[index].level < outranks), None)


def _parent(blocks: Sequence[Block], index: int) -> int | None:
    return next((before for before in range(index - 1, -1, -1)
                 if blocks[before].kind == "heading" and blocks[before].level < blocks[index].level), None)


def _siblings(blocks: Sequence[Block], stage: int) -> list[int]:
    """The headings of the stage's level under the same parent heading, in page order."""
    level, parent = blocks[stage].level, _parent(blocks, stage)
    return [index for index, block in enumerate(blocks)
            if block.kind == "heading" and block.level == level and _parent(blocks, index) == parent]


def _stage_series(blocks: Sequence[Block], stage: int, level: int | None,
                  excluded: frozenset[int]) -> list[Candidate] | None:
    """The actions a stage section holds: its subheadings at the series' heading level, else the
    items of its top-level lists; None when they are fewer than two or mostly not actions."""
    end = next((index for index in range(stage + 1, len(blocks))
                if blocks[index].kind == "heading" and blocks[index].level <= blocks[stage].level), len(blocks))
    inside = [index for index in range(stage + 1, end) if index not in excluded]
    headings = [index for index in inside if blocks[index].kind == "heading" and blocks[index].level == level]
    if len(headings) >= _MIN_PART and mostly_actions([blocks[index].text for index in headings]):
        return heading_candidates(blocks, headings)
    items = [index for index in inside if blocks[index].kind == "list_item" and blocks[index].level == 1]
    if len(items) >= _MIN_PART and mostly_actions([blocks[index].text for index in items]):
        return item_candidates(blocks, items)
    return None
