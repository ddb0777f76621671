"""Text normalisation every block goes through, so downstream offsets and matching can rely on it."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and invisible formatting characters, the soft hyphen, and C0/C1 controls other than
# whitespace: none of them is ever part of the words a reader sees.
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF]
    + [code for code in range(0x20) if chr(code) not in "\t\n\r\f\v"]
    + list(range(0x7F, 0xA0))
)
_WHITESPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFC, invisible characters dropped, runs of whitespace (nbsp included) made one space."""
    text = text.translate(_INVISIBLE)
    text = _WHITESPACE.sub(" ", text).strip()
    return unicodedata.normalize("NFC", text) if not text.isascii() else text


def strip_controls(text: str) -> str:
    """Drop the control characters lxml refuses, keeping the text otherwise as it is."""
    return text.translate(_INVISIBLE)
