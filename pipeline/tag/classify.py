"""Tagging free text: one line in, one result out, for sentences that come from other sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.tag.type_classifier import HEADING_EXTENSION
from pipeline.tag.types import sentence_cased

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
    for doc, text in nlp.pipe(_docs(items, nlp), as_tuples=True, batch_size=BATCH_SIZE):
        yield _result(text, doc)


def _docs(items: Iterable[tuple[str, str | None]], nlp: Language) -> Iterator[tuple[Doc, str]]:
    """Each text as a doc under its heading; a Title Case headline is read in sentence case."""
    for text, heading in items:
        doc = nlp.make_doc(sentence_cased(text))
        doc._.set(HEADING_EXTENSION, heading)
        yield doc, text


def _result(text: str, doc: Doc) -> dict[str, Any]:
    scored = [sentence for sentence in doc.sents if sentence._.advice_form is not None] if text.strip() else []
    best = max(scored, key=lambda sentence: sentence._.advice_score, default=None)
    types = (best._.advice_types or ()) if best is not None else ()
    return {
        "text": text,
        "advice": best is not None,
        "score": best._.advice_score if best is not None else 0.0,
        "form": best._.advice_form if best is not None else None,
        "types": [{"type": item.type, "score": item.score} for item in types],
    }
