"""Every error the pipeline raises on purpose, grouped by cause.

Lower-level errors (OSError, gzip, httpx, jsonschema) are mapped into these where they are
caught, so callers handle one hierarchy. Each carries the input it concerns (`source`) and a
one-line reason; `str(error)` is the message a user sees, always one line, and `exit_code` is
the process exit code it stands for in the command line's table (pipeline.exit_codes).
"""

from __future__ import annotations

import unicodedata

# Characters that break a line or hide in a terminal, as Python escapes them; the rest of
# category Cc (and the line and paragraph separators) become \xNN or \uNNNN.
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """`text` with control characters and line separators escaped, so a message or a file
    name holding a newline prints as one line."""
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    return char


class PipelineError(Exception):
    """Base class of every error the pipeline raises on purpose."""

    exit_code = 1

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(one_line(f"{source}: {reason}"))
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[PipelineError], tuple[str, str]]:
        # Sent between processes (worker results) as the two arguments it was made from.
        return type(self), (self.source, self.reason)


# Input: what the user handed us cannot be read as a page.


class InputError(PipelineError):
    """A source cannot be read as an HTML page (empty, binary, bad gzip, not HTML)."""


class UnreadablePath(InputError):
    """A path the user named does not exist or cannot be opened (permissions, a directory)."""

    exit_code = 2


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

    exit_code = 2


# Budget: a page that would cost more than one page may.


class PageTooCostly(PipelineError):
    """A page's main text is over the tagging cap or its extraction ran past the time budget."""


class WorkerLost(PipelineError):
    """The worker process extracting a page died before returning a result."""


# Output: where results go cannot take them; no later page could be written either.


class OutputError(PipelineError):
    """The output cannot be written (not a directory, read-only, full disk); the run stops at once."""

    exit_code = 2
