"""Blocks that are page furniture whatever markup holds them: dates, datelines, cookie notices."""

from __future__ import annotations

import re

from pipeline.clean._dates import to_iso_date
from pipeline.model import Block

_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
_COOKIE_NOTICE = re.compile(r"\bcookies?\b.*\b(?:accept|consent|agree|opt[- ]out|browsing|settings|experience)", re.IGNORECASE)
# A dateline or byline is a short line; a sentence that mentions a date ends with a full stop.
_MAX_DATELINE_CHARS = 100
_MAX_DATE_CHARS = 40
_MAX_NOTICE_CHARS = 400


def is_furniture(block: Block) -> bool:
    """True for a date alone, a dateline ("Updated 1:39 am EST, November 20, 2019"), a cookie notice."""
    text = block.text
    if len(text) <= _MAX_DATE_CHARS and to_iso_date(text) is not None:
        return True
    if block.kind != "paragraph":
        return False
    if len(text) < _MAX_DATELINE_CHARS and not text.endswith(".") and _DATE.search(text):
        return True
    return len(text) < _MAX_NOTICE_CHARS and _COOKIE_NOTICE.search(text) is not None
