"""The article as a reader sees it, rebuilt from a record: headings, paragraphs, quotes, with
the steps numbered in the margin, takeaways boxed and every advice sentence marked by type.

The record's `body_text` holds the blocks separated by blank lines and `sections` names the
headings, so the layout is recovered from the record alone. Every piece of page text passes
through `html.escape`: a page's own markup is shown, never run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Any

_BLOCK_BREAK = re.compile(r"\n{2,}")


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of body text to wrap: `start`/`end` offsets, the element's opening tag and label."""

    start: int
    end: int
    opening: str
    closing: str


def render_article(record: dict[str, Any], type_class: dict[str, str]) -> str:
    """The HTML of the record's body: one element per block, advice and quotes marked inside."""
    body = record.get("body_text") or ""
    marks = _without_crossing(_quote_marks(record, body) + _advice_marks(record, type_class))
    headings = _heading_levels(record)
    steps = _step_positions(record, body, headings)
    takeaways = {_normal(item.get("text", "")) for item in record.get("takeaways") or []}
    return "\n".join(
        _block_html(body, start, end, marks, headings, steps, takeaways) for start, end in _blocks(body)
    )


def _blocks(body: str) -> Iterator[tuple[int, int]]:
    start = 0
    for gap in _BLOCK_BREAK.finditer(body):
        if gap.start() > start:
            yield start, gap.start()
        start = gap.end()
    if start < len(body):
        yield start, len(body)


def _block_html(
    body: str,
    start: int,
    end: int,
    marks: list[Mark],
    headings: dict[str, int],
    steps: dict[int, int],
    takeaways: set[str],
) -> str:
    text = body[start:end]
    inner = _marked(body, start, end, marks)
    margin = f'<span class="step-number" id="step-{steps[start]}">{steps[start]}</span>' if start in steps else ""
    level = headings.get(_normal(text))
    if level is not None:
        tag = f"h{min(max(level, 2), 6)}"
        return f'<{tag} class="block">{margin}{inner}</{tag}>'
    kind = "takeaway" if _normal(text) in takeaways else "para"
    step_class = " step-start" if margin else ""
    return f'<p class="block {kind}{step_class}">{margin}{inner}</p>'


def _marked(body: str, start: int, end: int, marks: list[Mark]) -> str:
    inside = [mark for mark in marks if start <= mark.start and mark.end <= end]
    pieces, cursor, stack = [], start, []
    events = sorted(
        [(mark.start, 1, -mark.end, mark) for mark in inside] + [(mark.end, 0, -mark.start, mark) for mark in inside],
        key=lambda event: event[:3],
    )
    for offset, opening, _, mark in events:
        pieces.append(escape(body[cursor:offset]))
        cursor = offset
        if opening:
            pieces.append(mark.opening)
            stack.append(mark)
        elif mark in stack:
            pieces.append(mark.closing)
            stack.remove(mark)
    pieces.append(escape(body[cursor:end]))
    return "".join(pieces)


def _advice_marks(record: dict[str, Any], type_class: dict[str, str]) -> list[Mark]:
    marks = []
    for advice in record.get("advice") or []:
        types = [entry["type"] for entry in advice.get("types") or []]
        css = type_class.get(types[0], "type-none") if types else "type-none"
        title = f"form: {advice.get('form')} · score {advice.get('score')}" + (
            " · " + ", ".join(f"{entry['type']} {entry['score']}" for entry in advice["types"]) if types else ""
        )
        label = escape(types[0].replace("_", " ")) if types else "advice"
        marks.append(
            Mark(
                advice["start"],
                advice["end"],
                f'<mark class="advice {css}" data-form="{escape(str(advice.get("form")))}" title="{escape(title)}">',
                f'<span class="advice-label">{label}</span></mark>',
            )
        )
    return marks


def _quote_marks(record: dict[str, Any], body: str) -> list[Mark]:
    marks, cursor = [], 0
    for quote in record.get("quotes") or []:
        found = body.find(quote.get("text") or "\0", cursor)
        if found < 0:
            found = body.find(quote.get("text") or "\0")
        if found < 0:
            continue
        cursor = found + len(quote["text"])
        who = ", ".join(escape(part) for part in (quote.get("speaker"), quote.get("speaker_description")) if part)
        cue = f' <span class="quote-cue">{escape(quote["cue"])}</span>' if quote.get("cue") else ""
        marks.append(
            Mark(
                found,
                cursor,
                '<q class="quote">',
                f'</q><span class="quote-speaker">— {who or "unattributed"}{cue}</span>',
            )
        )
    return marks


def _without_crossing(marks: list[Mark]) -> list[Mark]:
    """The marks that nest or stand apart; a mark crossing an earlier one (in priority order:
    quotes, then advice) is dropped, since elements cannot overlap."""
    kept: list[Mark] = []
    for mark in marks:
        if not any(_crosses(mark, other) for other in kept):
            kept.append(mark)
    return kept


def _crosses(one: Mark, other: Mark) -> bool:
    return one.start < other.start < one.end < other.end or other.start < one.start < other.end < one.end


def _heading_levels(record: dict[str, Any]) -> dict[str, int]:
    return {
        _normal(section["heading"]): section.get("level") or 2
        for section in record.get("sections") or []
        if section.get("heading")
    }


def _step_positions(record: dict[str, Any], body: str, headings: dict[str, int]) -> dict[int, int]:
    """Block start offset -> step number: the heading that holds the step's title, else the
    block where its title or text first stands after the previous step."""
    blocks = list(_blocks(body))
    positions: dict[int, int] = {}
    cursor = 0
    for step in record.get("steps") or []:
        block = _step_block(body, blocks, headings, step, cursor)
        if block is not None:
            positions.setdefault(block, step.get("number"))
            cursor = block + 1
    return positions


def _step_block(
    body: str, blocks: list[tuple[int, int]], headings: dict[str, int], step: dict[str, Any], cursor: int
) -> int | None:
    title = _normal(step.get("title") or "")
    later = [(start, end) for start, end in blocks if start >= cursor]
    for start, end in later:
        text = _normal(body[start:end])
        if title and text in headings and title in text:
            return start
    for needle in (title, _normal((step.get("text") or "")[:60])):
        for start, end in later:
            if needle and needle in _normal(body[start:end]):
                return start
    return None


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
