"""Tagging free text: one line in, one result out, for sentences that come from other sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.tag.type_classifier import HEADING_EXTENSION

BATCH_SIZE = 256


def classify_lines(lines: Iterable[str], nlp: Language) -> Iterator[dict[str, Any]]:
    """Exactly one result per line, in order, blank lines included (as non-advice).

    A line holding several sentences takes the form, score and types of its highest-scoring
    advice sentence.
    """
    return classify_texts(((line.rstrip("\r\n"), None) for line in lines), nlp)


def classify_texts(items: Iterable[tuple[str, str | None]], nlp: Language) -> Iterator[dict[str, Any]]:
    """One result per (text, heading): the heading a text sits under (None when unknown) is the
    context its types are read in, as `run` reads a sentence under its step title or section."""
    for doc in nlp.pipe(_docs(items, nlp), batch_size=BATCH_SIZE):
        yield _result(doc)


def _docs(items: Iterable[tuple[str, str | None]], nlp: Language) -> Iterator[Doc]:
    for text, heading in items:
        doc = nlp.make_doc(text)
        doc._.set(HEADING_EXTENSION, heading)
        yield doc


def _result(doc: Doc) -> dict[str, Any]:
    scored = [sentence for sentence in doc.sents if sentence._.advice_form is not None] if doc.text.strip() else []
    best = max(scored, key=lambda sentence: sentence._.advice_score, default=None)
    types = (best._.advice_types or ()) if best is not None else ()
    return {
        "text": doc.text,
        "advice": best is not None,
        "score": best._.advice_score if best is not None else 0.0,
        "form": best._.advice_form if best is not None else None,
        "types": [{"type": item.type, "score": item.score} for item in types],
    }
