"""The floor `eval segment` holds quote attribution to: textacy's `direct_quotations` over the full model.

textacy (the `bench` and `test` extras) finds a quotation's cue among the reporting verbs of the
sentences around it and takes the verb's subject as the speaker, with no coreference: "she said"
gives "she". It runs here on each block of the record's cleaned main text (`body_text`) through
the full spaCy model, every component on, so it sees the same text segment and tag see; a block
with an odd number of quotation marks, which textacy refuses, gives no quotes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import spacy
from spacy.language import Language

from pipeline.model import BLOCK_SEPARATOR

# (quote text, speaker) of each quotation textacy attributes in a page's body_text.
Baseline = Callable[[str], list[tuple[str, str]]]


def textacy_baseline(model: str) -> Baseline | None:
    """The baseline over spaCy `model` (every component on), or None when textacy is not installed."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None

    def quotes(body_text: str) -> list[tuple[str, str]]:
        found = []
        for doc in _full_model(model).pipe(body_text.split(BLOCK_SEPARATOR), batch_size=64):
            try:
                found.extend((triple.content.text, _speaker(triple.speaker)) for triple in direct_quotations(doc))
            except ValueError:  # an unclosed quotation: textacy bails out of the whole block
                continue
        return found

    return quotes


@cache
def _full_model(model: str) -> Language:
    return spacy.load(model)


def _speaker(tokens: list) -> str:
    """The words from the first to the last token textacy gives as the speaker."""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text
