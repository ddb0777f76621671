"""Dates as pages write them, to one ISO 8601 shape: the calendar date, `YYYY-MM-DD`.

The date is the day the page states, in the page's own time zone: `2019-11-19T23:30:00-05:00`
is `2019-11-19`. Times are dropped, so every record's dates compare and sort alike whether the
page gave a time, a time zone, or neither.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

# Every form below (ISO, written, RFC 2822) needs a digit: text without one is no date.
_DIGIT = re.compile(r"\d")
_ISO_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_WRITTEN_FORMATS = (
    "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b. %d, %Y", "%Y/%m/%d", "%m/%d/%Y",
    "%A, %B %d, %Y", "%a, %b %d, %Y", "%A, %d %B %Y",
)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"(?P<{}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A calendar date written in running text: "March 5, 2024", "5th Mar 2024", "2024-03-05".
_DATE_IN_TEXT = re.compile(
    r"\b" + _MONTH.format("month") + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b"
    r"|\b(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.format("month2") + r",?\s+(?P<year2>\d{4})\b"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)


def date_in_text(text: str) -> tuple[str, int] | None:
    """The first calendar date written in `text` ("Published March 5, 2024 by ..."), as `YYYY-MM-DD`,
    and where it starts in `text`."""
    for match in _DATE_IN_TEXT.finditer(text):
        if match.group("iso"):
            found = _from_iso(match.group("iso"))
        else:
            month = (match.group("month") or match.group("month2"))[:3].lower()
            day, year = match.group("day") or match.group("day2"), match.group("year") or match.group("year2")
            found = _valid(int(year), _MONTHS.index(month) + 1, int(day)) if month in _MONTHS else None
        if found:
            return found, match.start()
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def to_iso_date(value: str | None) -> str | None:
    """`value` as an ISO 8601 calendar date (`YYYY-MM-DD`), or None when it is not a date."""
    if not value or not _DIGIT.search(value):
        return None
    value = value.strip()
    match = _ISO_PREFIX.match(value)
    if match:
        return _from_iso(match.group())
    return _from_written(value)


def _from_iso(text: str) -> str | None:
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        return None
    return moment.date().isoformat()


def _from_written(text: str) -> str | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for pattern in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date().isoformat()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def looks_like_date(text: str) -> bool:
    """True for strings such as '2024-08-27' or 'August 27, 2024' that are dates, not names."""
    return to_iso_date(text) is not None or bool(re.search(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", text))
