"""One page through every stage: clean -> segment -> tag -> emit, with no I/O.

`extract_page` is what the runner calls for each page, in this process or another; the
spaCy pipeline is loaded once per process and cached there.
"""

from __future__ import annotations

import hashlib
from typing import Any

import spacy
from spacy.language import Language

from pipeline import __version__
from pipeline.clean import clean
from pipeline.emit import PipelineInfo, build_record
from pipeline.errors import PageTooCostly
from pipeline.model import Document, Page, Source
from pipeline.segment import segment
from pipeline.settings import Settings
from pipeline.tag import load_nlp, tag
from pipeline.timing import StageClock
from pipeline.validation import check_record


def prepare(settings: Settings) -> None:
    """Load what every page needs (the spaCy pipeline) before the first one; raises ModelError."""
    load_nlp(settings)


def extract_page(page: Page, settings: Settings, clock: StageClock | None = None) -> dict[str, Any]:
    """The validated record for one page; raises a PipelineError when the page has none.

    `clock`, when given, is charged the time of each stage and names the one that failed.
    """
    clock = clock or StageClock()
    with clock("clean"):
        document = clean(page, settings)
    with clock("segment"):
        structure = segment(document)
    with clock("tag"):
        _check_tag_budget(document, settings)
        nlp = load_nlp(settings)
        tags = tag(document, structure, nlp)
    with clock("validate"):
        record = build_record(document, structure, tags, pipeline_info(nlp))
        check_record(record, page.source.name)
    return record


def _check_tag_budget(document: Document, settings: Settings) -> None:
    length = sum(len(block.text) for block in document.blocks)
    if length > settings.max_tag_chars:
        raise PageTooCostly(
            document.source.name,
            f"main text of {length:,} characters is over the {settings.max_tag_chars:,} tagged per page",
        )


def extract(
    html: str | bytes, *, url: str | None = None, name: str | None = None, settings: Settings | None = None
) -> dict[str, Any]:
    """The record for one page of HTML, as a dict that meets the article schema."""
    return extract_page(page_from_html(html, url=url, label=name), settings or Settings())


def page_from_html(html: str | bytes, *, url: str | None = None, label: str | None = None) -> Page:
    """A Page of HTML handed over in memory; `label` names it in messages when it has no URL."""
    content = html.encode("utf-8") if isinstance(html, str) else html
    source = Source(url=url, label=label, content_sha256=hashlib.sha256(content).hexdigest())
    return Page(source=source, content=content, encoding="utf-8" if isinstance(html, str) else None)


def pipeline_info(nlp: Language) -> PipelineInfo:
    return PipelineInfo(
        version=__version__,
        spacy_version=spacy.__version__,
        spacy_model=f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}",
        spacy_model_version=str(nlp.meta.get("version", "unknown")),
    )
