"""Quotes: direct quotations in the body and who said them, read from the words around the marks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.model import Block, Document, Quote, Step
from pipeline.segment._mentions import PeopleIndex, referent
from pipeline.segment._people import Person, is_pronoun, person_ending, person_starting
from pipeline.segment._sections import nearest_heading

_VERBS = (
    r"says|said|say|writes|wrote|explains|explained|notes|noted|adds|added|argues|argued|observes|observed"
    r"|recalls|recalled|warns|warned|advises|advised|suggests|suggested|insists|insisted|claims|claimed"
    r"|states|stated|asks|asked|remarks|remarked|quips|quipped|declares|declared|stresses|stressed"
    r"|emphasizes|emphasized|emphasises|emphasised|continues|continued|shares|shared|(?:tells|told) (?:me|us|readers|reporters)"
    r"|reminds us|reminded us|points out|pointed out|puts it|put it|sums it up|summed it up"
)
# Verbs that follow their subject but would name the listener, not the speaker, if read before it.
_SUBJECT_VERBS = (
    _VERBS + r"|tells|told|reminds|reminded|replies|replied|answers|answered|admits|admitted|concludes"
    r"|concluded|urges|urged|cautions|cautioned|jokes|joked|likes to say|liked to say|likes to remind"
)
_MANNER = r"(?:\s+it)?(?:\s+(?:best|well|simply|plainly|bluntly|perfectly|succinctly|beautifully|nicely|this way))?"
# "puts it this way in his newsletter:" - a short place or occasion may sit between cue and colon.
_OCCASION = r"(?:\s+(?:in|on|at|during|for)\s+[^,:\"“”]{1,40}?(?=\s*[,:]))?"
_CUE_BEFORE = re.compile(rf"\s(?P<cue>{_VERBS}){_MANNER}{_OCCASION}(?:\s+that)?\s*[,:]?\s*$")
_SOURCE_BEFORE = re.compile(r"(?:^|\s)(?P<cue>according to|in the words of)\s+(?P<who>.+?)\s*[,:]?\s*$", re.I)
_CUE_AFTER = re.compile(rf"^\s*(?P<cue>{_VERBS}|according to)\s+(?P<who>.+)$", re.DOTALL)
_SUBJECT_AFTER = re.compile(rf"^\s*(?:as\s+)?(?P<who>[^\"“”]{{1,120}}?)\s+(?P<cue>{_SUBJECT_VERBS})\b", re.I)
_DASH_AFTER = re.compile(r"^\s*(?:[—–―]|--?|~)\s*(?P<who>\S.*)$", re.DOTALL)
_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|Rev|vs|etc|e\.g|i\.e|No)|\b[A-Z])\.$")
_MIN_WORDS = 4
_MAX_ATTRIBUTION = 160
# How far back (in characters) a "she said" looks for the person it means: about two paragraphs.
_PRONOUN_REACH = 1200
_PRONOUN_BLOCKS = 4


@dataclass(frozen=True, slots=True)
class _Attribution:
    person: Person
    cue: str
    end: int


def find_quotes(
    document: Document, steps: Sequence[Step], boxes: frozenset[int], furniture: frozenset[int]
) -> tuple[Quote, ...]:
    """Attributed direct quotations, in reading order, each placed in its step and section.

    `boxes` are the blocks of takeaway boxes and reading lists, whose labels are no section;
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


def _attributed_spans(blocks: Sequence[Block], index: int, people: PeopleIndex):
    """(start, end, attribution) of each attributed quotation inside block `index`."""
    text = blocks[index].text
    spans = quotation_spans(text)
    if not spans and blocks[index].kind == "quote":
        yield from _bare_blockquote(blocks, index)
        return
    before = _prose_before(blocks, index)
    previous: _Attribution | None = None
    for start, end in spans:
        attribution = _attribution(text, start, end)
        if attribution is not None:
            attribution = _resolved(attribution, before + text[:start], lambda name: people.widen(name, index, text[:start]))
        if attribution is None and previous is not None and not text[previous.end : start - 1].strip():
            attribution = _Attribution(previous.person, previous.cue, _sentence_end(text, end + 1))
        if attribution is not None and len(text[start:end].split()) >= _MIN_WORDS:
            yield start, end, attribution
        previous = attribution


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
    return spans


def _attribution(text: str, start: int, end: int) -> _Attribution | None:
    sentence_start = _sentence_start(text, start - 1)
    found = _attribution_before(text[sentence_start : start - 1], end)
    return found if found is not None else _attribution_after(text, start, end)


def _resolved(found: _Attribution, context: str, widen) -> _Attribution | None:
    """The attribution with "she" replaced by whom it means and a surname widened to the full name."""
    if is_pronoun(found.person.name):
        name = referent(context[-_PRONOUN_REACH:], widen)
        return _Attribution(Person(name, None), found.cue, found.end) if name else None
    if " " not in found.person.name:
        return _Attribution(Person(widen(found.person.name), found.person.description), found.cue, found.end)
    return found


def _attribution_before(lead: str, close: int) -> _Attribution | None:
    source = _SOURCE_BEFORE.search(lead)
    if source:
        person = person_starting(source.group("who"))
        return _Attribution(person, source.group("cue").lower(), close + 1) if person else None
    cue = _CUE_BEFORE.search(lead)
    if cue is None:
        return None
    subject = lead[: cue.start()]
    if is_pronoun(subject.split()[-1] if subject.split() else ""):
        return _Attribution(Person(subject.split()[-1], None), cue.group("cue"), close + 1)
    person = person_ending(subject)
    return _Attribution(person, cue.group("cue"), close + 1) if person else None


def _attribution_after(text: str, start: int, end: int) -> _Attribution | None:
    sentence_end = _sentence_end(text, end + 1)
    after = text[end + 1 : sentence_end]
    dash = _DASH_AFTER.match(after)
    if dash:
        person = person_starting(dash.group("who"))
        return _Attribution(person, "—", sentence_end) if person else None
    inner = text[start:end].rstrip()
    if not (inner.endswith((",", "?", "!", "—", "–")) or after.startswith(",")):
        return None
    after = after.lstrip(" ,")
    cue = _CUE_AFTER.match(after)
    if cue:
        person = person_starting(cue.group("who"))
        return _Attribution(person, cue.group("cue"), sentence_end) if person else None
    subject = _SUBJECT_AFTER.match(after)
    if subject is None:
        return None
    who = subject.group("who")
    if is_pronoun(who):
        return _Attribution(Person(who, None), subject.group("cue"), sentence_end)
    person = person_ending(who)
    return _Attribution(person, subject.group("cue"), sentence_end) if person else None


def _bare_blockquote(blocks: Sequence[Block], index: int):
    """A blockquote without marks, attributed by a trailing "— Name" or the line after it."""
    text = blocks[index].text
    dash = re.search(r"\s(?:[—–―]|--?|~)\s*(?=[A-Z][^—–]*$)", text)
    if dash:
        person = person_starting(text[dash.end() :])
        if person:
            yield 0, dash.start(), _Attribution(person, "—", len(text))
            return
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    person = _attribution_line(following) if following is not None else None
    if person:
        yield 0, len(text), _Attribution(person, "—", len(text))


def _attribution_line(block: Block) -> Person | None:
    """The person a short line after a blockquote names: "— Name, role", or a <cite> kept as a quote block."""
    if len(block.text) > _MAX_ATTRIBUTION or _sentence_end(block.text, 0) < len(block.text) - 1:
        return None
    line = _DASH_AFTER.match(block.text)
    if line and block.kind in ("paragraph", "quote"):
        return person_starting(line.group("who"))
    return person_starting(block.text) if block.kind == "quote" else None


def _quote_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The quotation without surrounding space and the comma that hands over to its cue."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _sentence_start(text: str, position: int) -> int:
    for match in reversed(list(re.finditer(r"[.!?][\"”’)]?\s+", text[:position]))):
        if not _ABBREVIATION.search(text[: match.start() + 1]):
            return match.end()
    return 0


def _sentence_end(text: str, position: int) -> int:
    for match in re.finditer(r"[.!?](?=\s|$)", text[position:]):
        stop = position + match.end()
        if not _ABBREVIATION.search(text[:stop]):
            return stop
    return len(text)


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
