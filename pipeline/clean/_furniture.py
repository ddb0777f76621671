"""Blocks that are page furniture whatever markup holds them: dates, datelines, notices and labels.

Besides dates and cookie notices, three kinds of short line that pages put between the paragraphs
of an article, in whatever markup (an old table layout's `<font>`, a WordPress `<p>`), and
that a reader skips: the label of an ad slot ("Advertisement", "Story continues below"); the
credit of a photo ("Image: Jane Doe / Unsplash", "Getty Images / ..."), a caption that stays
out like one, or a rights line ("© 2024 Example Media"); and a disclosure of how the page was
made or paid for ("AI disclosure: ...", "This post contains affiliate links"). They are told
by what they say, in the words sites at large use for them, never by one site's markup.
"""

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
_MAX_CREDIT_CHARS = 120
# An ad slot's label, alone on its line; a few may run together ("Advertisement - Scroll to continue").
_AD_LABEL_WORDS = (
    r"(?:advertisements?|advertising|advert|ads?|sponsored(?:\s+(?:content|post|ad|ads|links?|stories))?"
    r"|paid\s+(?:content|post|partnership)|promoted(?:\s+(?:content|stories))?|partner\s+content"
    r"|(?:the\s+)?(?:story|article|content|text|post)\s+continues\s+(?:below|after\s+(?:this\s+|the\s+)?(?:ad|advertisement))"
    r"|continue\s+reading\s+(?:below|after\s+(?:the\s+)?(?:ad|advertisement))"
    r"|scroll\s+(?:down\s+)?to\s+continue(?:\s+(?:reading|with\s+content))?|skip\s+(?:ad|advertisement))"
)
_AD_LABEL = re.compile(rf"\W*{_AD_LABEL_WORDS}(?:\W+{_AD_LABEL_WORDS})*\W*", re.IGNORECASE)
# A photo credit: "Photo: ...", "Image credit: ...", "Courtesy of ...", "Getty Images / ...", or a
# caption ending in one ("... | Photo by Jane Doe"); a rights line ("© 2024 Example Media").
_CREDIT = re.compile(
    r"^[(\[]?(?:(?:photos?|images?|pictures?|illustrations?|screenshots?|artwork)"
    r"(?:\s+credits?)?\s*(?::|by\b|via\b|from\b|courtesy\b|provided\s+by\b|©)"
    r"|credits?\s*:\s*\S|courtesy(?:\s+of)?\s+\w|source\s*:\s*\S|getty\s+images\b|©)"
    r"|\|\s*(?:photos?|images?)(?:\s+credits?)?\s*(?::|by\b|via\b|courtesy\b)[^.!?]*$",
    re.IGNORECASE,
)
# How the page was made or paid for: AI use, affiliate links and commissions.
_DISCLOSURE = re.compile(
    r"\b(?:ai|artificial\s+intelligence)\s+disclosure\b|\baffiliate\s+disclosure\b"
    r"|\b(?:contains?|may\s+contain|includes?|uses?)\s+(?:some\s+)?affiliate\s+links?\b"
    r"|\b(?:may|might|will)\s+(?:earn|receive|get)\s+(?:us\s+)?(?:a\s+)?(?:small\s+)?(?:commission|compensation|kick\s?back)\b"
    r"|\b(?:written|created|generated|drafted|produced)\s+(?:with|using|by)\s+(?:the\s+(?:help|assistance)\s+of\s+)?"
    r"(?:an?\s+)?(?:ai\b|artificial\s+intelligence|chatgpt|generative\s+ai)",
    re.IGNORECASE,
)


# One of these is in every disclosure _DISCLOSURE finds: a cheap test that spares most blocks the regex.
_DISCLOSURE_WORDS = ("disclos", "affiliate", "commission", "compensation", "kick", "written", "created", "generated",
                     "drafted", "produced")


def _discloses(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _DISCLOSURE_WORDS) and _DISCLOSURE.search(text) is not None


def is_furniture(block: Block) -> bool:
    """True for a date alone, a dateline ("Updated 1:39 am EST, November 20, 2019"), a cookie
    notice, an ad slot's label, a photo credit, a disclosure."""
    text = block.text
    if len(text) <= _MAX_DATE_CHARS and to_iso_date(text) is not None:
        return True
    if block.kind not in ("paragraph", "quote"):
        return False
    # In bold it may be a section's name ("Advertising") in an article on marketing.
    if not block.emphasis and _AD_LABEL.fullmatch(text):
        return True
    if block.kind == "paragraph" and len(text) < _MAX_DATELINE_CHARS and not text.endswith(".") and _DATE.search(text):
        return True
    if len(text) <= _MAX_CREDIT_CHARS and _CREDIT.search(text):
        return True
    return len(text) < _MAX_NOTICE_CHARS and (_COOKIE_NOTICE.search(text) is not None or _discloses(text))
