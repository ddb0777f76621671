"""Quotes in the tag stage: the segment stage's quotation candidates, attributed by `quote_attributor`.

A paragraph or list item that holds a candidate among its own words is tagged in the main stream
anyway: its doc carries the candidates (`doc.spans["quote_candidates"]`) and the article text
before it (`Doc._.quote_context`), and the component attributes them on the way, reusing the
doc's tags and tensor. A block that is all quotation (a blockquote, a paragraph of nothing but
a quotation) is attributed by its neighbours, so it goes through the pipeline (advice components
off) as a small doc of its own: the end of the block before it (a lead-in "As X puts it:"),
itself, and the start of the block after it ("— Name, role", "So says X."). A candidate nobody
is named for is dropped; pieces the component joins become one quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.model import BLOCK_SEPARATOR, Block, Document, Quote, Structure
from pipeline.tag.quotes import CONTEXT_EXTENSION, DEFAULT_CANDIDATES_KEY, DEFAULT_SPANS_KEY

# How much of the neighbouring blocks (characters, cut at a sentence start) a whole-block
# quotation's doc takes in.
NEIGHBOUR_CHARS = 300
_MIN_HEAD = 60
_SENTENCE_START = re.compile(r"(?<=[.!?:])[\"”’)]?\s+(?=\S)")
_NOT_WORDS = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Candidates:
    """The candidates of one block, where the block starts in body_text, and the text before it."""

    quotes: tuple[Quote, ...]
    offset: int
    context: str


def candidates_by_block(document: Document, structure: Structure) -> dict[int, Candidates]:
    """Each block's candidates, by block index."""
    offsets = document.block_offsets()
    found: dict[int, list[Quote]] = {}
    for quote in structure.quotes:
        block = max(index for index, offset in enumerate(offsets) if offset <= quote.start)
        found.setdefault(block, []).append(quote)
    body = document.body_text
    return {block: Candidates(tuple(quotes), offsets[block], body[: offsets[block]])
            for block, quotes in found.items()}


def is_whole_quotation(block: Block, candidates: Candidates) -> bool:
    """True for a block that is all quotation, which only its neighbours can attribute, or one
    whose quotation runs on into the next block."""
    if block.kind == "quote" or _runs_on(block, candidates):
        return True
    rest = block.text
    for quote in candidates.quotes:
        rest = rest.replace(quote.text, "", 1)
    return not _NOT_WORDS.sub("", rest)


def mark(doc: Doc, candidates: Candidates) -> None:
    """Put a block's candidates and the text before it on the block's doc."""
    spans = [doc.char_span(quote.start - candidates.offset, quote.end - candidates.offset, alignment_mode="expand")
             for quote in candidates.quotes]
    doc.spans[DEFAULT_CANDIDATES_KEY] = [span for span in spans if span is not None and len(span)]
    doc._.set(CONTEXT_EXTENSION, candidates.context)


def quotes_of(doc: Doc, candidates: Candidates, shift: int = 0) -> list[Quote]:
    """The attributed quotes the component left on a marked doc whose text starts `shift`
    characters before its block."""
    by_start = {quote.start - candidates.offset + shift: quote for quote in candidates.quotes}
    quotes = []
    for span in doc.spans[DEFAULT_SPANS_KEY] if DEFAULT_SPANS_KEY in doc.spans else ():
        pieces = [_piece(by_start, piece) for piece in span._.quote_pieces]
        if all(piece is not None for piece in pieces):
            quotes.append(_quote(pieces, span))
    return quotes


def _piece(by_start: dict[int, Quote], span: Span) -> Quote | None:
    """The candidate a piece's span (its tokens, so perhaps a little wider) stands for."""
    return next((quote for start, quote in by_start.items() if span.start_char <= start < span.end_char), None)


def attribute_whole_quotations(
    articles: Sequence[tuple[Document, dict[int, Candidates]]], nlp: Language
) -> list[list[Quote]]:
    """The attributed quotes of each article's whole-block quotations."""
    jobs = [(position, block, candidates) for position, (document, by_block) in enumerate(articles)
            for block, candidates in sorted(by_block.items())
            if is_whole_quotation(document.blocks[block], candidates)]
    docs = [_neighbourhood(articles[position][0], block, candidates, nlp) for position, block, candidates in jobs]
    advice = [name for name in nlp.pipe_names if name.startswith("advice_")]
    found: list[list[Quote]] = [[] for _ in articles]
    attributed = nlp.pipe((doc for doc, _ in docs), disable=advice)
    for (position, _, candidates), (_, shift), doc in zip(jobs, docs, attributed, strict=True):
        found[position].extend(quotes_of(doc, candidates, shift))
    return found


def _neighbourhood(document: Document, block: int, candidates: Candidates, nlp: Language) -> tuple[Doc, int]:
    """The doc of a whole-block quotation with the end of the block before and the start of the
    block after it, and where the block starts in it."""
    blocks = document.blocks
    before = _tail(blocks[block - 1].text) if block > 0 and blocks[block - 1].kind != "heading" else ""
    after = ""
    if block + 1 < len(blocks) and blocks[block + 1].kind != "heading":
        following = blocks[block + 1].text
        after = following if _runs_on(blocks[block], candidates) else _head(following)
    parts = [part for part in (before, blocks[block].text, after) if part]
    shift = len(before) + len(BLOCK_SEPARATOR) if before else 0
    doc = nlp.make_doc(BLOCK_SEPARATOR.join(parts))
    for token in doc[1:]:
        # A paragraph break ends a sentence, whatever the senter and the parser make of it.
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    mark(doc, Candidates(tuple(_shifted(quote, shift) for quote in candidates.quotes), candidates.offset,
                         candidates.context[: len(candidates.context) - shift]))
    return doc, shift


def _runs_on(block: Block, candidates: Candidates) -> bool:
    return any(quote.end > candidates.offset + len(block.text) for quote in candidates.quotes)


def _shifted(quote: Quote, by: int) -> Quote:
    return Quote(quote.text, None, None, None, quote.step, quote.section, quote.start + by, quote.end + by)


def _tail(text: str) -> str:
    """The last sentences of a block, about NEIGHBOUR_CHARS long."""
    if len(text) <= NEIGHBOUR_CHARS:
        return text
    cut = _SENTENCE_START.search(text, len(text) - NEIGHBOUR_CHARS)
    return text[cut.end():] if cut else text[-NEIGHBOUR_CHARS:]


def _head(text: str) -> str:
    """A short block, or the first sentences of a long one, about NEIGHBOUR_CHARS long."""
    if len(text) <= NEIGHBOUR_CHARS:
        return text
    cut = _SENTENCE_START.search(text, _MIN_HEAD, NEIGHBOUR_CHARS)
    return text[: cut.start()] if cut else text[:NEIGHBOUR_CHARS]


def _quote(pieces: list[Quote], span: Span) -> Quote:
    """One quote of the candidate pieces the component joined, the comma that hands over to the
    cue left off its end."""
    text = " ".join(piece.text for piece in pieces)
    trimmed = text.rstrip(", ")
    return Quote(
        text=trimmed,
        speaker=span._.speaker,
        speaker_description=span._.speaker_description,
        cue=span._.cue,
        step=pieces[0].step,
        section=pieces[0].section,
        start=pieces[0].start,
        end=pieces[-1].end - (len(text) - len(trimmed)),
    )
