"""Quotes: direct quotations in the body and who said them, read from the words around the marks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from pipeline.model import Block, Document, Quote, Step
from pipeline.segment._mentions import PeopleIndex, referent
from pipeline.segment._frames import Attribution, attribution, attribution_line, describe, sentence_end
from pipeline.segment._people import Person, is_pronoun, person_starting
from pipeline.segment._sections import nearest_heading

_SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s(—–]))‘([^‘]*?[,.!?])’")
_MIN_WORDS = 4
# How far back (in characters) a "she said" looks for the person it means: about two paragraphs.
_PRONOUN_REACH = 1200
_PRONOUN_BLOCKS = 4


def find_quotes(
    document: Document, steps: Sequence[Step], boxes: frozenset[int], furniture: frozenset[int]
) -> tuple[Quote, ...]:
    """Attributed direct quotations, in reading order, each placed in its step and section.

    `boxes` are the blocks of takeaway boxes, reading lists and the title, which are no section;
    quotes in `furniture` (comments, teasers) are not the article's.
    """
    blocks = document.blocks
    offsets = document.block_offsets()
    people = PeopleIndex([block.text if block.kind != "heading" else "" for block in blocks])
    quotes: list[Quote] = []
    for index, block in enumerate(blocks):
        if block.kind == "heading" or index in furniture:
            continue
        for start, end, attribution in _attributed_spans(blocks, index, people):
            start, end = _quote_span(block.text, start, end)
            heading = nearest_heading(blocks, index, boxes)
            quotes.append(
                Quote(
                    text=block.text[start:end],
                    speaker=attribution.person.name,
                    speaker_description=attribution.person.description,
                    cue=attribution.cue,
                    step=_step_number(steps, index),
                    section=blocks[heading].text if heading is not None else None,
                    start=offsets[index] + start,
                    end=offsets[index] + end,
                )
            )
    return tuple(quotes)


def _attributed_spans(
    blocks: Sequence[Block], index: int, people: PeopleIndex
) -> Iterator[tuple[int, int, Attribution]]:
    """(start, end, attribution) of each attributed quotation inside block `index`."""
    text = blocks[index].text
    spans = quotation_spans(text)
    if not spans and blocks[index].kind == "quote":
        yield from _bare_blockquote(blocks, index)
        return
    before = _prose_before(blocks, index)
    previous: Attribution | None = None
    for start, end in spans:
        found = attribution(text, start, end)
        if found is not None:
            prefix = text[:start]
            found = _resolved(found, before + prefix, lambda name: people.widen(name, index, prefix))
        if found is None and previous is not None and not text[previous.end : start - 1].strip():
            found = Attribution(previous.person, previous.cue, sentence_end(text, end + 1))
        if found is not None and len(text[start:end].split()) >= _MIN_WORDS:
            yield start, end, found
        previous = found


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks; stray closing marks are skipped."""
    spans, opened = [], None
    for position, mark in enumerate(text):
        if mark == "“" or (mark == '"' and opened is None):
            opened = position + 1
        elif mark in "”\"" and opened is not None:
            spans.append((opened, position))
            opened = None
    if opened is not None:
        # A quotation left open at the end of its paragraph usually lost its closing mark.
        spans.append((opened, len(text)))
    return spans or _single_mark_spans(text)


def _single_mark_spans(text: str) -> list[tuple[int, int]]:
    """British ‘single’ quotations, in a paragraph with no double marks.

    The closing ’ is also the apostrophe, so only a ’ right after the quotation's own
    punctuation (‘…,’ says) closes one.
    """
    return [(match.start(1), match.end(1)) for match in _SINGLE_QUOTED.finditer(text)]


def _resolved(found: Attribution, context: str, widen: Callable[[str], str]) -> Attribution | None:
    """The attribution with "she" replaced by whom it means and a surname widened to the full name."""
    if is_pronoun(found.person.name):
        name = referent(context[-_PRONOUN_REACH:], widen)
        return Attribution(Person(name, describe(name, context)), found.cue, found.end) if name else None
    if " " not in found.person.name:
        return Attribution(Person(widen(found.person.name), found.person.description), found.cue, found.end)
    return found


def _bare_blockquote(blocks: Sequence[Block], index: int) -> Iterator[tuple[int, int, Attribution]]:
    """A blockquote without marks, attributed by a trailing "— Name" or the line after it."""
    text = blocks[index].text
    dash = re.search(r"\s(?:[—–―]|--?|~)\s*(?=[A-Z][^—–]*$)", text)
    if dash:
        person = person_starting(text[dash.end() :])
        if person:
            yield 0, dash.start(), Attribution(person, "—", len(text))
            return
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    person = attribution_line(following) if following is not None else None
    if person:
        yield 0, len(text), Attribution(person, "—", len(text))


def _quote_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The quotation without surrounding space and the comma that hands over to its cue."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _prose_before(blocks: Sequence[Block], index: int) -> str:
    """The paragraphs just before block `index`, where a pronoun's person was last named.

    Headings are left out: their capitals name no one.
    """
    prose = [block.text for block in blocks[max(0, index - _PRONOUN_BLOCKS) : index] if block.kind != "heading"]
    return " ".join(prose) + " "


def _step_number(steps: Sequence[Step], index: int) -> int | None:
    for step in steps:
        if step.first_block <= index <= step.last_block:
            return step.number
    return None
