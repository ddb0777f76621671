"""The last stage: assemble a record from the stages' values, and write it.

The schemas in schemas/article/ are the single statement of the record's shape; records are
checked against them (and the semantic rules) by pipeline.validation before they are written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from pipeline.model import AdviceSentence, Document, Structure, Tags, TypeScore
from pipeline.record_schema import CURRENT_VERSION

_SLUG_LENGTH = 80


@dataclass(frozen=True, slots=True)
class PipelineInfo:
    """What produced a record, for the `pipeline` field."""

    version: str
    spacy_version: str
    spacy_model: str
    spacy_model_version: str


def build_record(document: Document, structure: Structure, tags: Tags, info: PipelineInfo) -> dict[str, Any]:
    """Assemble the record dict for one article; `pipeline.validation.check_record` before writing it."""
    metadata = document.metadata
    return {
        "schema_version": CURRENT_VERSION,
        "id": record_id(metadata.title or "", document.source.content_sha256),
        "source": {
            "url": document.source.url,
            "path": document.source.path,
            "content_sha256": document.source.content_sha256,
        },
        "title": metadata.title,
        "author": metadata.author,
        "authors": list(metadata.authors),
        "published": metadata.published,
        "modified": metadata.modified,
        "language": metadata.language,
        "site_name": metadata.site_name,
        "canonical_url": absolute_url(metadata.canonical_url, document.source.url),
        "description": metadata.description,
        "body_text": document.body_text,
        "sections": [{"heading": s.heading, "level": s.level, "text": s.text} for s in structure.sections],
        "takeaways": [
            {"text": takeaway.text, "types": _ranked(types)}
            for takeaway, types in zip(structure.takeaways, tags.takeaway_types, strict=True)
        ],
        "steps": [
            {
                "number": step.number,
                "title": step.title,
                "text": step.text,
                "section": step.section,
                "types": _ranked(tags.step_types.get(step.number, ())),
            }
            for step in structure.steps
        ],
        "quotes": [
            {
                "text": quote.text,
                "speaker": quote.speaker,
                "speaker_description": quote.speaker_description,
                "cue": quote.cue,
                "step": quote.step,
                "section": quote.section,
            }
            for quote in tags.quotes
        ],
        "resources": [
            {"text": r.text, "author": r.author, "title": r.title, "subtitle": r.subtitle} for r in structure.resources
        ],
        "advice": [_advice_entry(sentence) for sentence in tags.advice],
        "pipeline": {
            "name": "advice-pipeline",
            "version": info.version,
            "spacy_version": info.spacy_version,
            "spacy_model": info.spacy_model,
            "spacy_model_version": info.spacy_model_version,
        },
    }


def absolute_url(url: str | None, base: str | None) -> str | None:
    """`url` as an absolute http(s) URL, resolved against `base` when relative; None when it
    cannot be one (no base to resolve it against, white space inside, another scheme)."""
    if not url or any(character.isspace() for character in url.strip()):
        return None
    joined = urljoin(base or "", url.strip())
    parts = urlsplit(joined)
    return joined if parts.scheme in ("http", "https") and parts.netloc else None


def record_id(title: str, content_sha256: str) -> str:
    """A slug of the title and the first 8 hex digits of the page hash: stable and unique."""
    return f"{slugify(title) or 'article'}-{content_sha256[:8]}"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_SLUG_LENGTH].rstrip("-")


def _advice_entry(sentence: AdviceSentence) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "form": sentence.form,
        "types": _ranked(sentence.types),
        "score": round(sentence.score, 4),
        "evidence": sentence.evidence,
        "step": sentence.step,
    }


def _ranked(types: tuple[TypeScore, ...]) -> list[dict[str, Any]]:
    return [{"type": t.type, "score": round(t.score, 4)} for t in types]


