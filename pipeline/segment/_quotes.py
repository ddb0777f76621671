"""Quotation candidates: the words inside quotation marks, and blockquotes that are all quotation.

Who said them is language, the tag stage's work (its quote_attributor component); here each
candidate is found from the marks and the markup alone and placed in its step and section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.model import Block, Document, Quote, Step
from pipeline.segment._sections import nearest_heading

_SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s(—–]))‘([^‘]*?[,.!?])’")
_MIN_WORDS = 4
_MIN_CLAUSE_WORDS = 8
_OPENING_MARKS = "“\"‘'"
_CLOSING_MARKS = "”\"’'"
# A dash and a capitalised name ending a blockquote: the attribution line inside it ("... — Cal Newport").
_TRAILING_LINE = re.compile(r"\s(?:[—–―]|--?|~)\s*(?=[A-Z][^—–]*$)")


def find_quotes(
    document: Document, steps: Sequence[Step], boxes: frozenset[int], furniture: frozenset[int]
) -> tuple[Quote, ...]:
    """Quotation candidates of four words or more, in reading order, each placed in its step and
    section, with no speaker yet.

    `boxes` are the blocks of takeaway boxes, reading lists and the title, which are no section;
    quotes in `furniture` (comments, teasers) are not the article's. A piece ends with the comma
    that hands over to its cue, if any ("A," she said), as a quote broken by its cue is one
    quotation of several pieces.
    """
    blocks = document.blocks
    offsets = document.block_offsets()
    quotes: list[Quote] = []
    carried = 0
    for index, block in enumerate(blocks):
        if block.kind == "heading" or index in furniture:
            carried = 0
            continue
        spans = [(start, end) for start, end in _candidate_spans(block) if start >= carried]
        carried = 0
        for start, end in spans:
            start, end = _trimmed(block.text, start, end)
            text, stop = block.text[start:end], offsets[index] + end
            closing = _closed_in_next(blocks, index) if end == len(block.text) else None
            if closing is not None:
                # A quotation over two paragraphs: its mark closes in the next one.
                following = _trimmed(blocks[index + 1].text, 0, closing)
                text = f"{text} {blocks[index + 1].text[following[0] : following[1]]}"
                stop, carried = offsets[index + 1] + following[1], closing + 1
            if _is_phrase(text):
                continue
            heading = nearest_heading(blocks, index, boxes)
            quotes.append(
                Quote(
                    text=text,
                    speaker=None,
                    speaker_description=None,
                    cue=None,
                    step=_step_number(steps, index),
                    section=blocks[heading].text if heading is not None else None,
                    start=offsets[index] + start,
                    end=stop,
                )
            )
    return tuple(quotes)


def _is_phrase(text: str) -> bool:
    """True for a few quoted words, not a quotation: under four words, or a lowercase run of
    under eight inside a sentence of the writer's ("is where "affordable rates meet quality"")."""
    words = text.split()
    return len(words) < _MIN_WORDS or (len(words) < _MIN_CLAUSE_WORDS and text[:1].islower())


def _closed_in_next(blocks: Sequence[Block], index: int) -> int | None:
    """Where the next paragraph closes a quotation that block `index` left open: its first mark,
    when that is a closing ” (or the odd one of its straight marks)."""
    if not _left_open(blocks[index].text) or index + 1 >= len(blocks) or blocks[index + 1].kind == "heading":
        return None
    following = blocks[index + 1].text
    curly = re.search(r"[“”]", following)
    if curly is not None:
        return curly.start() if curly.group() == "”" else None
    straight = following.find('"')
    return straight if straight >= 0 and following.count('"') % 2 == 1 else None


def _left_open(text: str) -> bool:
    """True when the paragraph's last quotation mark opens a quotation it does not close."""
    curly = [mark for mark in text if mark in "“”"]
    if curly:
        return curly[-1] == "“"
    return text.count('"') % 2 == 1


def _candidate_spans(block: Block) -> list[tuple[int, int]]:
    """The quoted spans of a block, or the whole of a blockquote with no marks but around it all
    (less a trailing "— Name" line)."""
    text = block.text
    spans = quotation_spans(text)
    if block.kind != "quote" or not _is_one_quotation(text):
        return spans
    line = _TRAILING_LINE.search(text)
    return [_inside_marks(text, 0, line.start() if line else len(text))]


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


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _step_number(steps: Sequence[Step], index: int) -> int | None:
    for step in steps:
        if step.first_block <= index <= step.last_block:
            return step.number
    return None
