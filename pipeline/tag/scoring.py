"""Scoring one `doc.spans` group of predictions against gold, as spaCy scores its span components."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.scorer import Scorer
from spacy.training import Example


def score_span_group(examples: Iterable[Example], spans_key: str, *, allow_overlap: bool) -> dict[str, Any]:
    """Precision, recall and F1 (overall and per label) of the labelled spans in `spans_key`."""
    return Scorer.score_spans(
        examples,
        attr=f"spans_{spans_key}",
        getter=lambda doc, attr: doc.spans.get(attr[len("spans_"):], []),
        has_annotation=lambda doc: spans_key in doc.spans,
        labeled=True,
        allow_overlap=allow_overlap,
    )
