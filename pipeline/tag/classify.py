"""Tagging free text: one line in, one result out, for sentences that come from other sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.tag.taxonomy import Taxonomy
from pipeline.tag.types import DEFAULT_SPANS_KEY as CUES_KEY
from pipeline.tag.types import AdviceTypeTagger, cues_within, sentence_weights

BATCH_SIZE = 256


def classify_lines(lines: Iterable[str], nlp: Language) -> Iterator[dict[str, Any]]:
    """Exactly one result per line, in order, blank lines included (as non-advice).

    A line holding several sentences takes the form and score of its highest-scoring advice
    sentence, and the types of all its cues.
    """
    type_tagger = nlp.get_pipe("advice_tagger")
    texts = (line.rstrip("\r\n") for line in lines)
    for doc, text in nlp.pipe(((text, text) for text in texts), as_tuples=True, batch_size=BATCH_SIZE):
        yield _result(text, doc, type_tagger)


def _result(text: str, doc: Doc, type_tagger: AdviceTypeTagger) -> dict[str, Any]:
    scored = [sentence for sentence in doc.sents if sentence._.advice_form is not None] if text.strip() else []
    best = max(scored, key=lambda sentence: sentence._.advice_score, default=None)
    types = type_tagger.rank(line_weights(doc, type_tagger.taxonomy)) if best else ()
    return {
        "text": text,
        "advice": best is not None,
        "score": best._.advice_score if best is not None else 0.0,
        "form": best._.advice_form if best is not None else None,
        "types": [{"type": item.type, "score": item.score} for item in types],
    }


def line_weights(doc: Doc, taxonomy: Taxonomy) -> dict[str, float]:
    """The type weights of every sentence of the line, summed."""
    cues = doc.spans.get(CUES_KEY, [])
    total: dict[str, float] = {}
    for sentence in doc.sents:
        for name, weight in sentence_weights(sentence, cues_within(sentence, cues), taxonomy).items():
            total[name] = total.get(name, 0.0) + weight
    return total
