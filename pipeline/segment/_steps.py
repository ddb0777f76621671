"""Steps: the series of things to do that carries the article's advice, each with its own text.

Numbered series are read here ("Step 3:", "3.", `<ol>`, numbered lines, "Step 1" labels); the
series a page does not number come from `_unnumbered`; all are ranked together by `_score`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.model import BLOCK_SEPARATOR, Block, Step
from pipeline.segment._actions import mostly_actions, names_actions, presents_actions, presents_other_kind
from pipeline.segment._numbering import (
    SERIES_NOUN_SET,
    STEP_NOUNS,
    Promise,
    clean_title,
    read_numbered,
    split_lead,
    title_promise,
)
from pipeline.segment._stages import with_stages
from pipeline.segment._unnumbered import Candidate as _Candidate
from pipeline.segment._unnumbered import action_lists, action_paragraphs, heading_series

# A list item that holds nothing but its number: "1", "1.", "Step 1".
_BARE_NUMBER = re.compile(r"(?:step\s+)?\d{1,3}[.:)]?", re.IGNORECASE)
# A step's label on a line of its own: "Step 1", "STEP #2:", "Step One".
_STEP_LABEL = re.compile(r"step\s*(?:#|no\.)?\s*(?P<number>\d{1,3}|[a-z]+)\s*[:.)]?", re.IGNORECASE)
_PART_HEADING = re.compile(r"(?:part|method|section)\s+(?:\d{1,2}|one|two|three|four|five|six)\b", re.IGNORECASE)
# A title that ranks things ("The 11 Best Cameras", "Top Ten Conferences") lists products or picks.
_RANKING = re.compile(r"\b(?:best|top|greatest|favou?rite)\b", re.IGNORECASE)
# A title that promises how to do something, step by step.
_HOW_TO = re.compile(r"\bhow\s+to\b|\bsteps?\b", re.IGNORECASE)
# A series longer than this is a catalogue or a data list, not steps anyone follows.
_MAX_STEPS = 120
# The label a bold-lead item opens on, before a colon or a spaced dash and a capital.
_LEAD_LABEL = re.compile(r"(?P<label>[^:\n–—]{1,80}?)(?::|\s[–—-])\s+(?=[A-Z0-9\"“‘(])")
# Above this share of items opening on a label, a series is written as bold leads.
_LABELLED_SHARE = 0.6
_MAX_LABEL_WORDS = 6
# A series of things that are not actions, numbered from further on than this, is an outline's
# numbering of a few sections ("5. Group 3", "6. Tools"), not steps.
_LATEST_FIRST = 2


def find_steps(blocks: Sequence[Block], title: str | None, excluded: frozenset[int]) -> tuple[Step, ...]:
    """The steps of the best series in `blocks`, numbered 1..n, or () when the article has none.

    `title` is the article title, whose "12 Crucial Steps" is checked against each series;
    `excluded` are blocks already claimed (takeaway boxes, reading lists) or page furniture.
    """
    candidates = _candidates(blocks, excluded)
    count = title_promise(title)
    runs = [run for run in _in_parts(_runs(candidates), blocks) if _long_enough(run)]
    runs += heading_series(blocks, excluded, count.count if count else None, bool(_HOW_TO.search(title or "")))
    runs += action_lists(blocks, excluded, title) + action_paragraphs(blocks, excluded)
    runs = [run for run in runs if len(run) <= _MAX_STEPS and not _lists_other_kind(run, blocks, title, count)]
    if not runs:
        return ()
    best = max(runs, key=lambda run: _score(run, blocks, count))
    if count is None or count.count != len(best):
        peers = best if _RANKING.search(title or "") else _with_peers(best, runs, blocks)
        best = with_stages(peers, blocks, excluded, title)
    best = _labels_alike(best, blocks)
    lasts = _last_blocks(blocks, best, excluded)
    return tuple(_step(blocks, candidate, last, excluded, position)
                 for position, (candidate, last) in enumerate(zip(best, lasts), start=1))


def _with_peers(series: list[_Candidate], runs: list[list[_Candidate]], blocks: Sequence[Block]) -> list[_Candidate]:
    """A numbered series joined by every other run written the same way that also starts at 1,
    opens on actions and sits under a heading naming things to do, as the series does: the
    procedure given again for a second setup ("How to set up this" 1-8, "How to put this
    equipment together" 1-10), numbered as one sequence in page order. (Not on a page whose
    title ranks things, where each how-to is a side section.)"""
    if series[0].family in ("unnumbered", "bullets") or not _central(series, blocks):
        return series
    joined = list(series)
    taken = {candidate.index for candidate in series}
    for run in runs:
        indexes = {candidate.index for candidate in run}
        if _group_key(run[0]) == _group_key(series[0]) and not taken & indexes and _central(run, blocks):
            joined.extend(run)
            taken |= indexes
    return sorted(joined, key=lambda candidate: candidate.index)


def _central(run: list[_Candidate], blocks: Sequence[Block]) -> bool:
    """True for a run numbered from 1, of actions, under a heading that names things to do and
    counts none of its own ("6 steps to get more out of it" is a list in its own right)."""
    intro = _intro_heading(blocks, run[0])
    return (run[0].number == 1 and mostly_actions([candidate.title for candidate in run])
            and names_actions(intro) and title_promise(intro) is None)


def _labels_alike(series: list[_Candidate], blocks: Sequence[Block]) -> list[_Candidate]:
    """A series most of whose items open on a label ("Mount the mic: Attach it", "Autolyse –
    Combine the flour") is written as bold leads, which the cleaned text no longer marks: each
    labelled item is titled by its label, though the label reads as a qualifier ("Headphones:
    Connect them") that `split_lead` alone would keep in the title."""
    labels = [_lead_label(candidate, blocks[candidate.index].text) for candidate in series]
    if sum(label is not None for label in labels) < _LABELLED_SHARE * len(series):
        return series
    return [candidate if label is None else replace(candidate, title=clean_title(label[0]), rest=label[1])
            for candidate, label in zip(series, labels)]


def _lead_label(candidate: _Candidate, text: str) -> tuple[str, str] | None:
    """The label an item's text opens on and the text after it, or None."""
    if candidate.kind in ("heading", "label"):
        return None
    if candidate.kind == "line":
        text = next((line for line in text.split("\n") if candidate.title in line), "")
    numbered = read_numbered(text.strip())
    text = numbered.title if numbered is not None else text.strip()
    label = _LEAD_LABEL.match(text)
    if label is None or len(label.group("label").split()) > _MAX_LABEL_WORDS:
        return None
    return label.group("label"), text[label.end() :]


def _candidates(blocks: Sequence[Block], excluded: frozenset[int]) -> list[_Candidate]:
    found = []
    for index, block in enumerate(blocks):
        if index in excluded or block.kind in ("quote", "figure"):
            continue
        lines = _numbered_lines(index, block) or _labelled_step(blocks, index)
        if lines:
            found.extend(lines)
            continue
        lead = _lead_paragraph(blocks, index)
        if lead is not None:
            candidate = _candidate(index, replace(block, text=blocks[lead].text), block.number, lead + 1)
        else:
            candidate = _candidate(index, block, _item_number(blocks, index), index + 1)
        if candidate is not None:
            found.append(candidate)
    return found


def _numbered_lines(index: int, block: Block) -> list[_Candidate]:
    """The steps of a paragraph whose lines are numbered ("1. Make sure...<br>2. Make sure..."),
    one a line, each titled by its first sentence; [] for any other block."""
    lines = [line for line in block.text.split("\n") if line.strip()] if block.kind == "paragraph" else []
    numbered = [read_numbered(line.strip()) for line in lines]
    if len(lines) < 2 or None in numbered:
        return []
    found = []
    for item in numbered:
        title, rest = split_lead(item.title)
        found.append(_Candidate(index, item.number, clean_title(title), rest, item.family, item.noun, "line", 0,
                                index + 1))
    return found


def _labelled_step(blocks: Sequence[Block], index: int) -> list[_Candidate]:
    """A step whose label stands alone ("Step 1", "STEP #2:") above the block that carries it:
    a heading or bold line is the title, a paragraph gives its first sentence."""
    label = _STEP_LABEL.fullmatch(blocks[index].text.strip())
    if label is None or blocks[index].kind == "list_item" or index + 1 >= len(blocks):
        return []
    carrier = blocks[index + 1]
    if carrier.kind not in ("heading", "paragraph") or _STEP_LABEL.fullmatch(carrier.text.strip()):
        return []
    whole = carrier.kind == "heading" or carrier.emphasis
    title, rest = (carrier.text, "") if whole else split_lead(carrier.text)
    number = read_numbered(f"Step {label.group('number')}: x")
    if number is None:
        return []
    return [_Candidate(index, number.number, clean_title(title), rest, "label", "step", "label", 0, index + 2)]


def _lead_paragraph(blocks: Sequence[Block], index: int) -> int | None:
    """The paragraph that carries a bare-number list item's step, as wikiHow writes it.

    The item holds only its number ("1", "Step 1"); the step's bold lead sentence and its
    text come out as the paragraph right after it.
    """
    block = blocks[index]
    if block.kind != "list_item" or not block.ordered or block.level > 1 or block.number is None:
        return None
    if not _BARE_NUMBER.fullmatch(block.text) or index + 1 >= len(blocks):
        return None
    return index + 1 if blocks[index + 1].kind == "paragraph" else None


def _item_number(blocks: Sequence[Block], index: int) -> int | None:
    """The list number a block carries, or for a heading that opens an `<ol>` item, that item's."""
    block = blocks[index]
    if block.number is not None or block.kind != "heading" or index + 1 >= len(blocks):
        return block.number
    item = blocks[index + 1]
    return item.number if item.kind == "list_item" and item.ordered and item.level <= 1 else None


def _candidate(index: int, block: Block, item_number: int | None, body_start: int) -> _Candidate | None:
    numbered = read_numbered(block.text)
    whole_line = block.kind == "heading" or block.emphasis
    if numbered is not None:
        title, rest = (numbered.title, "") if whole_line else split_lead(numbered.title)
        family = numbered.family
        number = numbered.number
    elif item_number is not None and (block.kind == "heading" or (block.ordered and block.level <= 1)):
        text = _without_echoed_number(block.text, item_number)
        title, rest = (text, "") if whole_line else split_lead(text)
        family, number = "list", item_number
    else:
        return None
    kind = "heading" if whole_line else block.kind
    return _Candidate(index, number, clean_title(title), rest, family, numbered and numbered.noun, kind,
                      block.level, body_start)


def _without_echoed_number(text: str, number: int) -> str:
    """The item's text without a badge repeating its list number ("1 Choose a notebook", "Step 1 Choose")."""
    return re.sub(rf"^(?:step\s+)?{number}\s+(?=\S)", "", text, flags=re.IGNORECASE)


def _runs(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    """Candidates written alike, split wherever the numbering does not go on by one."""
    groups: dict[tuple[str, str, int], list[_Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(_group_key(candidate), []).append(candidate)
    runs = []
    for members in groups.values():
        run = [members[0]]
        for candidate in members[1:]:
            if candidate.number == run[-1].number + 1 or _skips_one(run[-1], candidate):
                run.append(candidate)
            else:
                runs.append(run)
                run = [candidate]
        runs.append(run)
    return runs


def _skips_one(previous: _Candidate, candidate: _Candidate) -> bool:
    """True for numbered headings that skip one number (a CMS lost "7." between 6 and 8)."""
    return candidate.kind == "heading" and candidate.number == previous.number + 2


def _in_parts(runs: list[list[_Candidate]], blocks: Sequence[Block]) -> list[list[_Candidate]]:
    """Runs joined where a series starts again at 1 under a "Part 2" / "Method 2" heading.

    How-to sites split long instructions into parts, each an ordered list of its own; the
    parts are one series whose numbers restart.
    """
    joined: list[list[_Candidate]] = []
    last_of_kind: dict[tuple[str, str, int], list[_Candidate]] = {}
    for run in sorted(runs, key=lambda members: members[0].index):
        key = _group_key(run[0])
        before = last_of_kind.get(key)
        if before is not None and run[0].number == 1 and _opens_part(blocks, before[-1], run[0]):
            before.extend(run)
            continue
        joined.append(run)
        last_of_kind[key] = run
    return joined


def _opens_part(blocks: Sequence[Block], previous: _Candidate, first: _Candidate) -> bool:
    heading = _enclosing_heading(blocks, first)
    return heading is not None and heading > previous.index and bool(_PART_HEADING.match(blocks[heading].text))


def _group_key(candidate: _Candidate) -> tuple[str, str, int]:
    return candidate.kind, _series_family(candidate), candidate.level


def _series_family(candidate: _Candidate) -> str:
    """How a candidate's number is written, with the bare-number styles of headings taken as one.

    A CMS may render the first item of a numbered heading list from `<ol>` markup and the rest
    as typed "2. " text; a "Tip 3" or "Step 3" series stays apart from plain numbers.
    """
    if candidate.kind == "heading" and not candidate.family.startswith("keyword:"):
        return "numbered"
    return candidate.family


def _long_enough(run: list[_Candidate]) -> bool:
    if run[0].family == "list" or run[0].kind in ("paragraph", "line"):
        return len(run) >= 3
    return len(run) >= 2


def _score(run: list[_Candidate], blocks: Sequence[Block], count: Promise | None) -> tuple[int, ...]:
    """How well a run fits the article; `count` is the title's "12 Crucial Steps", if it has one."""
    title_noun = count.noun if count and (count.noun in STEP_NOUNS or count.noun in SERIES_NOUN_SET) else None
    noun = run[0].noun or title_noun
    intro = _intro_heading(blocks, run[0])
    other_kind = presents_other_kind(intro) or (noun is not None and noun not in STEP_NOUNS)
    if title_noun is not None and noun == title_noun:
        other_kind = False
    return (
        int(count is not None and count.count == len(run)),
        int(not other_kind),
        int(run[0].family not in ("unnumbered", "bullets")),
        int(presents_actions(intro)),
        int(run[0].kind == "heading"),
        int(run[0].noun in ("step", "stage", "phase")),
        len(run),
    )


def _lists_other_kind(run: list[_Candidate], blocks: Sequence[Block], title: str | None, count: Promise | None) -> bool:
    """True for a series the page presents as something other than things to do (unless an "N
    Tips" title vouches for it): its items do not open on verbs, no heading or lead-in presents
    them as actions, and its heading, its first item or the article's title names benefits,
    myths, types, trends or products, or the title ranks things ("10 Best Moving Companies"), or
    its numbering starts part-way, as an outline's does, or the title promises as many things that
    are not actions ("The 5 Best Espresso Machines")."""
    if count is not None and count.count == len(run) and count.noun in STEP_NOUNS:
        return False
    intro = _intro_heading(blocks, run[0])
    titles = [candidate.title for candidate in run]
    if mostly_actions(titles) or presents_actions(intro) or run[0].noun in ("step", "stage", "phase"):
        return False
    ranks_things = bool(_RANKING.search(title or "")) and not (count is not None and count.noun in STEP_NOUNS)
    promises_things = count is not None and count.count == len(run) and count.noun not in STEP_NOUNS
    return (presents_other_kind(intro) or presents_other_kind(titles[0]) or presents_other_kind(title)
            or ranks_things or promises_things or run[0].number > _LATEST_FIRST)


def _intro_heading(blocks: Sequence[Block], first: _Candidate) -> str | None:
    section = _enclosing_heading(blocks, first)
    return blocks[section].text if section is not None else None


def _enclosing_heading(
    blocks: Sequence[Block], candidate: _Candidate, skipped: frozenset[int] = frozenset()
) -> int | None:
    """The nearest heading before the candidate that ranks above it and is not in `skipped`."""
    outranks = candidate.level if candidate.kind == "heading" and blocks[candidate.index].kind == "heading" else 7
    for index in range(candidate.index - 1, -1, -1):
        block = blocks[index]
        if block.kind == "heading" and block.level < outranks and index not in skipped:
            return index
    return None


def _step(blocks: Sequence[Block], candidate: _Candidate, last: int, excluded: frozenset[int], position: int) -> Step:
    """The step at `position` in its series: the record numbers steps 1..n in page order, whatever
    numbers the page shows (a part that starts again at 1, a number the page skipped)."""
    body = [candidate.rest] if candidate.rest else []
    body.extend(blocks[index].text for index in range(candidate.body_start, last + 1))
    section = _enclosing_heading(blocks, candidate, excluded)
    return Step(
        number=position,
        title=candidate.title,
        text=BLOCK_SEPARATOR.join(body),
        section=blocks[section].text if section is not None else None,
        first_block=candidate.index,
        last_block=last,
    )


def _last_blocks(blocks: Sequence[Block], run: list[_Candidate], excluded: frozenset[int]) -> list[int]:
    """The last block of each step.

    A list item's paragraphs come out as blocks after it; between two items they are the
    item's own; numbered lines of one paragraph are each one line. After the last item (or the
    last numbered paragraph) nothing marks where the series ended, so it keeps only as many
    blocks as the other items had at most (none, for a list of one-line items).
    """
    following = [candidate.index for candidate in run[1:]] + [len(blocks)]
    lasts = [candidate.index if end == candidate.index
             else _without_trailing_figures(blocks, candidate, _last_block(blocks, candidate, end, excluded))
             for candidate, end in zip(run, following)]
    if run[-1].kind in ("list_item", "paragraph", "line", "label") and len(run) > 1:
        longest = max(last - candidate.index for candidate, last in zip(run[:-1], lasts[:-1]))
        lasts[-1] = min(lasts[-1], run[-1].index + longest)
    return lasts


def _without_trailing_figures(blocks: Sequence[Block], candidate: _Candidate, last: int) -> int:
    """The last block before any images that end the step: a list item's image comes first in
    the item (wikiHow), so an image right before the next step is that step's."""
    while last >= candidate.body_start and blocks[last].kind == "figure":
        last -= 1
    return last


def _last_block(blocks: Sequence[Block], candidate: _Candidate, following: int, excluded: frozenset[int]) -> int:
    """The step runs to the next step, to the next heading that outranks or matches it, or to
    the bold label of a box that is not the step's ("The bottom line", "Further reading")."""
    own = blocks[candidate.index]
    for index in range(candidate.index + 1, following):
        block = blocks[index]
        if _ends_step(own, block) or (block.emphasis and index in excluded):
            return index - 1
    return following - 1


def _ends_step(own: Block, block: Block) -> bool:
    if block.kind == "heading":
        return own.kind != "heading" or block.level <= own.level
    if own.kind == "heading":
        return False
    if block.kind == "paragraph" and block.emphasis:
        return True
    return own.kind == "list_item" and block.kind == "list_item" and block.level <= own.level
