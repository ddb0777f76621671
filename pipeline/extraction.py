"""One page through every stage: clean -> segment -> tag -> emit, with no I/O.

`extract_page` is what the runner calls for each page, in this process or another; the
spaCy pipeline is loaded once per process and cached there.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import spacy
from spacy.language import Language

from pipeline import __version__
from pipeline.clean import clean
from pipeline.emit import PipelineInfo, build_record
from pipeline.errors import PageTooCostly
from pipeline.model import Document, Page, Source, Structure, Tags
from pipeline.segment import segment
from pipeline.settings import Settings
from pipeline.tag import load_nlp, tag, tag_many
from pipeline.timing import StageClock
from pipeline.validation import check_record

# Lexemes a process's vocab gathers outside memory zones before its batches are tagged in one.
WARM_LEXEMES = 20_000


def prepare(settings: Settings) -> None:
    """Load what every page needs (the spaCy pipeline) before the first one; raises ModelError."""
    load_nlp(settings)


def extract_page(page: Page, settings: Settings, clock: StageClock | None = None) -> dict[str, Any]:
    """The validated record for one page; raises a PipelineError when the page has none.

    `clock`, when given, is charged the time of each stage and names the one that failed.
    """
    [result] = extract_pages([page], settings, [clock or StageClock()])
    if isinstance(result, Exception):
        raise result
    return result


def extract_pages(
    pages: Sequence[Page], settings: Settings, clocks: Sequence[StageClock]
) -> list[dict[str, Any] | Exception]:
    """The record of each page, or the exception that page raised, in order. The pages' texts
    go through spaCy as one stream; each page's failure (its clock names the stage) is its own."""
    nlp = load_nlp(settings)
    articles: list[tuple[Document, Structure] | Exception] = []
    for page, clock in zip(pages, clocks, strict=True):
        try:
            with clock("clean"):
                document = clean(page, settings)
            with clock("segment"):
                structure = segment(document)
            with clock("tag"):
                _check_tag_budget(document, settings)
            articles.append((document, structure))
        except Exception as error:  # noqa: BLE001  (the page's own outcome, kept in its place)
            articles.append(error)
    ready = [index for index, article in enumerate(articles) if not isinstance(article, Exception)]
    with _memory_zone(nlp):
        tags = _tag_together([articles[index] for index in ready], [clocks[index] for index in ready], nlp)
    results: list[dict[str, Any] | Exception] = list(articles)
    for index, tagged in zip(ready, tags, strict=True):
        results[index] = tagged if isinstance(tagged, Exception) else _record(articles[index], tagged, clocks[index], nlp)
    return results


def _memory_zone(nlp: Language) -> AbstractContextManager[object]:
    """Where a batch of pages is tagged: a spaCy memory zone, which frees the strings and
    lexemes the batch added to the vocab when it ends, so a long run's memory stays flat.

    The tokenizer caches how it split a word only outside a zone, so the first pages a process
    tags (until its vocab holds WARM_LEXEMES lexemes) go without one: the common words they
    bring stay cached and known, a bounded amount, and later pages tokenize at full speed.
    Nothing spaCy made leaves the zone: the tag stage returns plain values.
    """
    return nlp.memory_zone() if len(nlp.vocab) >= WARM_LEXEMES else nullcontext()


def _tag_together(articles: list, clocks: list[StageClock], nlp: Language) -> list[Tags | Exception]:
    """Tag the articles in one stream, each charged its share of the time by its text's length;
    if the stream fails, tag them one by one, so only the article at fault fails."""
    start = time.perf_counter()
    try:
        tags: list[Tags | Exception] = list(tag_many(articles, nlp))
    except Exception:  # noqa: BLE001  (found again below, page by page)
        return [_tag_alone(article, clock, nlp) for article, clock in zip(articles, clocks, strict=True)]
    lengths = [sum(len(block.text) for block in document.blocks) or 1 for document, _ in articles]
    elapsed = time.perf_counter() - start
    for clock, length in zip(clocks, lengths, strict=True):
        clock.charge("tag", elapsed * length / sum(lengths))
    return tags


def _tag_alone(article: tuple[Document, Structure], clock: StageClock, nlp: Language) -> Tags | Exception:
    try:
        with clock("tag"):
            return tag(*article, nlp)
    except Exception as error:  # noqa: BLE001  (this article's outcome)
        return error


def _record(article: tuple[Document, Structure], tags: Tags, clock: StageClock, nlp: Language) -> dict[str, Any] | Exception:
    document, structure = article
    try:
        with clock("validate"):
            record = build_record(document, structure, tags, pipeline_info(nlp))
            check_record(record, document.source.name)
    except Exception as error:  # noqa: BLE001  (this page's outcome)
        return error
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
