"""Every error the pipeline raises on purpose, grouped by cause.

Lower-level errors (OSError, gzip, httpx, jsonschema) are mapped into these where they are
caught, so callers handle one hierarchy. Each carries the input it concerns (`source`) and a
one-line reason; `str(error)` is the message a user sees.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base class of every error the pipeline raises on purpose."""

    exit_code = 1

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[PipelineError], tuple[str, str]]:
        # Sent between processes (worker results) as the two arguments it was made from.
        return type(self), (self.source, self.reason)


# Input: what the user handed us cannot be read as a page.


class InputError(PipelineError):
    """A source cannot be read as an HTML page (missing, empty, binary, bad gzip, not HTML)."""


class UsageError(PipelineError):
    """Options or arguments are inconsistent; raised before any work starts."""

    exit_code = 2


# Fetch: the network would not give us the page.


class FetchError(PipelineError):
    """A URL could not be fetched (refused by policy, HTTP error, timeout, too large)."""


class RobotsDenied(FetchError):
    """robots.txt forbids fetching the URL for our user agent."""


class UnsafeURL(FetchError):
    """A URL has a non-http(s) scheme or resolves to a private address without opt-in."""


class FetchDeferred(FetchError):
    """The host asked us to wait longer than the retry cap; the URL is left for a later run."""


# Content: the page was read but holds nothing we can extract.


class NoArticleError(PipelineError):
    """A page was read but holds no article text to extract."""


# Output: a record we made does not meet the schema.


class InvalidRecord(PipelineError):
    """A record fails schema validation; it is never written."""


class ModelError(PipelineError):
    """The spaCy pipeline or a shipped model file cannot be loaded."""


# Budget: a page that would cost more than one page may.


class PageTooCostly(PipelineError):
    """A page's main text is over the tagging cap or its extraction ran past the time budget."""


class WorkerLost(PipelineError):
    """The worker process extracting a page died before returning a result."""


# Output: where records go cannot take them; this stops the run, it is no page's fault.


class OutputError(PipelineError):
    """The output cannot be written (not a directory, read-only, disk full, stream closed)."""

    exit_code = 2
