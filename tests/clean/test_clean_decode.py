"""decode_html: the declared charset when the bytes agree with it, then the page's own say, then detection."""

from __future__ import annotations

import codecs
from pathlib import Path

from pipeline.clean import decode_html

CLEAN_DATA = Path(__file__).resolve().parents[1] / "data" / "clean"
WINDOWS_1252_PAGE = (CLEAN_DATA / "windows-1252.html").read_bytes()
SENTENCE = "Café owners say the “slow morning” is back – and customers naïvely love it, at € 3 a cup."


def test_windows_1252_served_as_utf8_is_read_as_windows_1252():
    assert SENTENCE in decode_html(WINDOWS_1252_PAGE, "utf-8")


def test_undeclared_windows_1252_is_detected():
    assert SENTENCE in decode_html(WINDOWS_1252_PAGE, None)


def test_an_unknown_declared_charset_is_skipped():
    assert SENTENCE in decode_html(WINDOWS_1252_PAGE, "x-no-such-charset")


def test_mixed_utf8_and_windows_1252_bytes_keep_both():
    text = decode_html((CLEAN_DATA / "mixed-encoding.html").read_bytes(), "utf-8")
    assert "Café owners say the “slow morning” is back — and naïve customers love it, at € 3 a cup" in text
    assert "said the owner of the café." in text


def test_meta_charset_is_used_when_nothing_is_declared():
    content = '<meta charset="koi8-r"><p>Привет</p>'.encode("koi8-r")
    assert decode_html(content, None) == '<meta charset="koi8-r"><p>Привет</p>'


def test_declared_charset_wins_over_meta_charset():
    content = '<meta charset="utf-8"><p>Grüße</p>'.encode("latin-1")
    assert decode_html(content, "iso-8859-1") == '<meta charset="utf-8"><p>Grüße</p>'


def test_byte_order_mark_decides_and_is_dropped():
    assert decode_html(codecs.BOM_UTF16_LE + "<p>naïve</p>".encode("utf-16-le"), None) == "<p>naïve</p>"
    assert decode_html(codecs.BOM_UTF8 + "<p>naïve</p>".encode(), None) == "<p>naïve</p>"
