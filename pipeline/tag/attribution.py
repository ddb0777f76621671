"""Quotes in the tag stage: the segment stage's quotation candidates, attributed by `quote_attributor`.

Each paragraph that holds a candidate goes to spaCy with the paragraph before it (where a "she"
or a surname was named) and the one after it (an attribution line under a blockquote, the
sentence after a listicle's quotation), as one doc; neighbouring windows merge. The rest of
the article is no part of it, except as plain text in `Doc._.quote_context`, where a surname is
looked up. The advice components are off for these docs: they are tagged in the main stream.
A candidate nobody is named for is dropped; pieces the component joins become one quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.model import BLOCK_SEPARATOR, Document, Quote, Structure
from pipeline.tag.quotes import CONTEXT_EXTENSION, DEFAULT_CANDIDATES_KEY, DEFAULT_SPANS_KEY

# Blocks of context on each side of a paragraph that holds a quotation.
CONTEXT_BLOCKS = 1


@dataclass(frozen=True, slots=True)
class _Window:
    """Blocks first..last of one article, and the candidates inside them."""

    article: int
    first: int
    last: int
    candidates: tuple[Quote, ...]


def attribute_quotes(articles: Sequence[tuple[Document, Structure]], nlp: Language) -> list[tuple[Quote, ...]]:
    """The attributed quotes of each article, in reading order."""
    windows = [window for position, article in enumerate(articles) for window in _windows(position, *article)]
    if not windows:
        return [() for _ in articles]
    docs = [_window_doc(window, articles[window.article][0], nlp) for window in windows]
    advice = [name for name in nlp.pipe_names if name.startswith("advice_")]
    quotes: list[list[Quote]] = [[] for _ in articles]
    for window, (doc, starts) in zip(windows, docs, strict=True):
        for span in nlp(doc, disable=advice).spans[DEFAULT_SPANS_KEY]:
            quotes[window.article].append(_quote([starts[piece.start_char] for piece in span._.quote_pieces], span))
    return [tuple(found) for found in quotes]


def _windows(position: int, document: Document, structure: Structure) -> list[_Window]:
    by_block: dict[int, list[Quote]] = {}
    offsets = document.block_offsets()
    for quote in structure.quotes:
        block = max(index for index, offset in enumerate(offsets) if offset <= quote.start)
        by_block.setdefault(block, []).append(quote)
    windows: list[_Window] = []
    for block in sorted(by_block):
        first = _reach(document, block, -1)
        last = _reach(document, block, +1)
        if windows and first <= windows[-1].last + 1:
            previous = windows.pop()
            windows.append(_Window(position, previous.first, last, previous.candidates + tuple(by_block[block])))
        else:
            windows.append(_Window(position, first, last, tuple(by_block[block])))
    return windows


def _reach(document: Document, block: int, step: int) -> int:
    """The furthest block of context on one side: CONTEXT_BLOCKS, never past a heading."""
    reach = block
    for _ in range(CONTEXT_BLOCKS):
        neighbour = reach + step
        if not 0 <= neighbour < len(document.blocks) or document.blocks[neighbour].kind == "heading":
            break
        reach = neighbour
    return reach


def _window_doc(window: _Window, document: Document, nlp: Language) -> tuple[Doc, dict[int, Quote]]:
    """The window's doc with its candidates marked, and the candidate each span starts."""
    offsets = document.block_offsets()
    base = offsets[window.first]
    text = BLOCK_SEPARATOR.join(block.text for block in document.blocks[window.first : window.last + 1])
    doc = nlp.make_doc(text)
    for token in doc[1:]:
        # A paragraph break ends a sentence, whatever the senter and the parser make of it.
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    spans, starts = [], {}
    for quote in window.candidates:
        span = doc.char_span(quote.start - base, quote.end - base, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
            starts[span.start_char] = quote
    doc.spans[DEFAULT_CANDIDATES_KEY] = spans
    doc._.set(CONTEXT_EXTENSION, BLOCK_SEPARATOR.join(block.text for block in document.blocks[: window.first]))
    return doc, starts


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
