"""Text normalisation every block goes through, so downstream offsets and matching can rely on it."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and invisible formatting characters, the soft hyphen, and C0/C1 controls other than
# whitespace: none of them is ever part of the words a reader sees.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2060\ufeff]+")
_WHITESPACE = re.compile(r"\s+")
# What the walk writes for a `<br>`: a character the page's own source whitespace (newlines
# included) is never taken for, so only the lines a reader sees survive as "\n".
LINE_BREAK = "\u2028"


def normalize_text(text: str) -> str:
    """NFC, invisible characters dropped, runs of whitespace (nbsp included) made one space.

    A run holding a LINE_BREAK becomes one "\n": lines split by `<br>` stay lines.
    """
    text = _INVISIBLE.sub("", text)
    text = _WHITESPACE.sub(_space_or_newline if LINE_BREAK in text else " ", text).strip()
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _space_or_newline(run: re.Match[str]) -> str:
    return "\n" if LINE_BREAK in run.group() else " "


def strip_controls(text: str) -> str:
    """Drop the control and invisible characters (lxml refuses some), keeping the rest as it is."""
    return _INVISIBLE.sub("", text)
