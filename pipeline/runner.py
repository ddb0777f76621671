"""The batch: read or fetch each source, extract its record, write it, account for every one.

One bad page never stops a batch: its error becomes an outcome and the run goes on. Only
whole, validated records reach the writer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from pipeline.errors import PipelineError
from pipeline.extraction import extract_page, prepare
from pipeline.fetch import fetch_page
from pipeline.model import Page
from pipeline.settings import Settings
from pipeline.sources import is_url, read_page

log = logging.getLogger(__name__)


class RecordWriter(Protocol):
    def write(self, record: dict[str, Any]) -> str:
        """Write one record; return where it went."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one source: where its record went, or why there is none."""

    source: str
    written_to: str | None = None
    error: PipelineError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(slots=True)
class RunSummary:
    written: int = 0
    failed: list[Outcome] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """The highest exit code of the failures (pipeline.exit_codes), 0 when none failed."""
        return max((outcome.error.exit_code for outcome in self.failed if outcome.error), default=0)

    def line(self) -> str:
        return f"{self.written} written, {len(self.failed)} failed"


def run(
    sources: Iterable[str],
    writer: RecordWriter,
    settings: Settings,
    report: Callable[[Outcome], None] | None = None,
) -> RunSummary:
    """Extract and write a record for every source (path or URL); report each outcome.

    Raises ModelError before any source is read when the spaCy pipeline cannot be loaded:
    that is no page's fault, and no page could succeed.
    """
    prepare(settings)
    summary = RunSummary()
    for source in sources:
        outcome = process_source(source, writer, settings)
        if outcome.ok:
            summary.written += 1
        else:
            summary.failed.append(outcome)
        if report:
            report(outcome)
    return summary


def process_source(source: str, writer: RecordWriter, settings: Settings) -> Outcome:
    """Extract and write one source; a failure of the page is its outcome, while a failure of
    the writer (a closed stdout, a full disk) is no page's fault and ends the run."""
    try:
        record = extract_page(load_page(source, settings), settings)
    except PipelineError as error:
        return Outcome(source, error=error)
    except Exception as error:  # a bug on one page must not cost the rest of the batch
        log.exception("unexpected error on %s", source)
        return Outcome(source, error=PipelineError(source, f"internal error: {type(error).__name__}: {error}"))
    return Outcome(source, written_to=writer.write(record))


def load_page(source: str, settings: Settings) -> Page:
    return fetch_page(source, settings) if is_url(source) else read_page(source, settings)
