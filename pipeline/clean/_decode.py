"""Bytes to text: the declared charset first, then the page's own say, then detection."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HEAD_BYTES = 4096
# Browsers read these labels as windows-1252, which is what such pages are really written in.
_WINDOWS_1252_ALIASES = {"latin_1", "iso8859-1", "ascii", "cp1252"}
# Undecodable bytes, as surrogateescape leaves them.
_SURROGATE = re.compile("[\udc80-\udcff]")
# A non-ASCII character that UTF-8 decoding produced (not an escaped undecodable byte).
_DECODED_NON_ASCII = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")


def decode_html(content: bytes, declared_encoding: str | None) -> str:
    """Decode page bytes: declared (HTTP) charset, BOM, `<meta charset>`, UTF-8, then detection.

    A declaration the bytes do not satisfy is skipped rather than trusted, and pages mixing
    UTF-8 with stray windows-1252 bytes keep both, so decoding never fails.
    """
    for candidate in _declared_candidates(content, declared_encoding):
        text = _strict_decode(content, candidate)
        if text is not None:
            return text.removeprefix("\ufeff")
    return _decode_undeclared(content)


def _declared_candidates(content: bytes, declared: str | None) -> list[str]:
    candidates = [declared] if declared else []
    candidates += [name for bom, name in _BOMS if content.startswith(bom)]
    meta = _META_CHARSET.search(content[:_HEAD_BYTES])
    if meta:
        label = meta.group(1).decode("ascii", "ignore")
        # A page whose own bytes declare UTF-16 or UTF-32 is not in it (those would not show the
        # declaration as ASCII): browsers read it as UTF-8, and so do we.
        candidates.append("utf-8" if label.lower().startswith(("utf-16", "utf16", "utf-32", "utf32")) else label)
    candidates.append("utf-8")
    return candidates


def _strict_decode(content: bytes, encoding: str) -> str | None:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    names = ("cp1252", "latin-1") if name in _WINDOWS_1252_ALIASES else (name,)
    for codec in names:
        try:
            return content.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def _decode_undeclared(content: bytes) -> str:
    """Mostly-UTF-8 pages keep their UTF-8; pages with no UTF-8 at all get a detected charset."""
    text = content.decode("utf-8", "surrogateescape")
    if not _DECODED_NON_ASCII.search(text):
        detected = _detect(content)
        if detected is not None:
            return detected
    return _SURROGATE.sub(_as_windows_1252, text)


def _detect(content: bytes) -> str | None:
    """charset-normalizer's guess; on a tie, windows-1252, the web's default legacy charset."""
    matches = charset_normalizer.from_bytes(content)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.encoding == "cp1252" and (match.chaos, -match.coherence) <= (best.chaos, -best.coherence):
            return str(match)
    return str(best)


def _as_windows_1252(match: re.Match[str]) -> str:
    return bytes([ord(match.group()) - 0xDC00]).decode("cp1252", "replace")
