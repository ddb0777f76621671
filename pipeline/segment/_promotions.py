"""Calls to action: the newsletter and subscribe blurbs that close boxes and lists on many pages."""

from __future__ import annotations

import re

_CALL_TO_ACTION = re.compile(
    r"\b(?:subscribe|sign up|newsletter|mailing list|enjoyed this|join [\d,.]+k? (?:readers|subscribers|others)"
    r"|if (?:this|you found this) (?:was|is) (?:useful|helpful)|follow (?:me|us) on|tell me in the comments"
    r"|sponsored by|(?-i:a [A-Z][\w&]*[A-Z] partner)|our (?:affiliate |trusted )?partners?)\b",
    re.IGNORECASE,
)


def is_call_to_action(text: str) -> bool:
    """True for "Enjoyed this? Join 12,000 readers ...", "You can subscribe here" or "Check out X, a
    WCI partner": the site talking."""
    return bool(_CALL_TO_ACTION.search(text))
