"""Quotes: direct quotations in the body and who said them, read from the words around the marks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from pipeline.model import Block, Document, Quote, Step
from pipeline.segment._mentions import PeopleIndex, referent
from pipeline.segment._frames import Attribution, attribution, attribution_line, describe, lead_in, sentence_end
from pipeline.segment._people import Person, is_pronoun, person_starting
from pipeline.segment._sections import nearest_heading

_SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s(—–]))‘([^‘]*?[,.!?])’")
_MIN_WORDS = 4
_OPENING_MARKS = "“\"‘'"
_CLOSING_MARKS = "”\"’'"
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
        for pieces, attribution in _attributed_quotes(blocks, index, people):
            text, start, end = _quote_text(block.text, pieces)
            heading = nearest_heading(blocks, index, boxes)
            quotes.append(
                Quote(
                    text=text,
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


def _attributed_quotes(
    blocks: Sequence[Block], index: int, people: PeopleIndex
) -> Iterator[tuple[list[tuple[int, int]], Attribution]]:
    """(pieces, attribution) of each attributed quotation inside block `index`.

    A quotation broken by its frame ("A," she said. "B.") is one quotation of two pieces.
    """
    text = blocks[index].text
    before = _prose_before(blocks, index)
    quotes = _framed_quotes(text, before, people, index)
    if not quotes and blocks[index].kind == "quote" and _is_one_quotation(text):
        yield from _bare_blockquote(blocks, index, before, people)
        return
    for pieces, found in quotes:
        if sum(len(text[start:end].split()) for start, end in pieces) >= _MIN_WORDS:
            yield pieces, found


def _framed_quotes(
    text: str, before: str, people: PeopleIndex, index: int
) -> list[tuple[list[tuple[int, int]], Attribution]]:
    """The quotations of block `index` (its `text`, after the prose `before` it) that a frame
    attributes; a piece right after its quote's frame is joined to that quote."""
    quotes: list[tuple[list[tuple[int, int]], Attribution]] = []
    previous: Attribution | None = None
    for start, end in quotation_spans(text):
        found = attribution(text, start, end)
        if found is not None:
            prefix = text[:start]
            found = _resolved(found, before + prefix, lambda name: people.widen(name, index, prefix))
        if found is None and previous is not None and not text[previous.end : start - 1].strip():
            if _resumes(text[quotes[-1][0][-1][1] + 1 : start - 1]):
                quotes[-1][0].append((start, end))
                previous = Attribution(previous.person, previous.cue, sentence_end(text, end + 1))
            continue
        if found is not None:
            quotes.append(([(start, end)], found))
        previous = found
    return quotes


def _resumes(frame: str) -> bool:
    """True when the words between two pieces close the frame ("she said." / "he added,"), so the
    next piece goes on with the quotation; a phrase quoted inside the frame ("told CNBC's
    "Trading Nation."", "making the "best system"") does not."""
    return frame.rstrip(" \"”’'").endswith((",", ".", ":", ";", "!", "?", "—", "–"))


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
        name = widen(found.person.name)
        description = found.person.description or (describe(name, context) if name != found.person.name else None)
        return Attribution(Person(name, description), found.cue, found.end)
    return found


def _bare_blockquote(
    blocks: Sequence[Block], index: int, before: str, people: PeopleIndex
) -> Iterator[tuple[list[tuple[int, int]], Attribution]]:
    """A blockquote no frame inside attributes, attributed by a trailing "— Name", the line
    after it, or a lead-in ending in a colon before it ("As Jane Smith puts it:"); `before` is
    the prose before the blockquote, where a pronoun's person was named."""
    text = blocks[index].text
    dash = re.search(r"\s(?:[—–―]|--?|~)\s*(?=[A-Z][^—–]*$)", text)
    if dash:
        person = person_starting(text[dash.end() :])
        if person:
            yield [_inside_marks(text, 0, dash.start())], Attribution(person, "—", len(text))
            return
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    person = attribution_line(following) if following is not None else None
    if person:
        yield [_inside_marks(text, 0, len(text))], Attribution(person, "—", len(text))
        return
    previous = blocks[index - 1] if index > 0 and blocks[index - 1].kind == "paragraph" else None
    found = lead_in(previous.text) if previous is not None else None
    if found is not None:
        found = _resolved(found, before, lambda name: people.widen(name, index, ""))
    if found is not None:
        yield [_inside_marks(text, 0, len(text))], Attribution(found.person, found.cue, len(text))


def _is_one_quotation(text: str) -> bool:
    """True for a blockquote that is all quotation: no marks at all, or marks around the whole of it.

    A boxed paragraph of the writer's own words with a phrase in quotes is no quotation.
    """
    inner = text.strip()
    if not quotation_spans(inner):
        return True
    return len(inner) > 1 and inner[0] in _OPENING_MARKS and inner[-1] in _CLOSING_MARKS


def _inside_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the quotation marks that enclose the whole of it."""
    inner = text[start:end].strip()
    if len(inner) > 1 and inner[0] in _OPENING_MARKS and inner[-1] in _CLOSING_MARKS:
        offset = text.index(inner, start)
        return offset + 1, offset + len(inner) - 1
    return start, end


def _quote_text(text: str, pieces: list[tuple[int, int]]) -> tuple[str, int, int]:
    """The quotation's words, its pieces joined, and where it starts and ends in `text`."""
    last = len(pieces) - 1
    spans = [_quote_span(text, start, end, last=position == last) for position, (start, end) in enumerate(pieces)]
    return " ".join(text[start:end] for start, end in spans), spans[0][0], spans[-1][1]


def _quote_span(text: str, start: int, end: int, last: bool) -> tuple[int, int]:
    """The piece without surrounding space and, when it ends the quotation, the comma that hands over to its cue."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or (last and text[end - 1] == ",")):
        end -= 1
    return start, end


def _prose_before(blocks: Sequence[Block], index: int) -> str:
    """The paragraphs just before block `index`, where a pronoun's person was last named.

    Headings are left out: their capitals name no one. Each block ends a sentence, so a line
    without a full stop ("— Name, role") does not run into the next paragraph's first sentence.
    """
    prose = [_as_sentence(block.text) for block in blocks[max(0, index - _PRONOUN_BLOCKS) : index]
             if block.kind != "heading"]
    return " ".join(prose) + " "


def _as_sentence(text: str) -> str:
    text = text.rstrip()
    return text if not text or text[-1] in ".!?:;\"”’)" else text + "."


def _step_number(steps: Sequence[Step], index: int) -> int | None:
    for step in steps:
        if step.first_block <= index <= step.last_block:
            return step.number
    return None
