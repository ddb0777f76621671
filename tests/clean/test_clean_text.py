"""normalize_text: what every block's text looks like."""

from __future__ import annotations

from pipeline.clean._text import LINE_BREAK, normalize_text


def test_whitespace_runs_become_one_space_and_ends_are_trimmed():
    assert normalize_text("  a\u00a0\u00a0b\t\n c  ") == "a b c"


def test_zero_width_soft_hyphen_and_control_characters_are_removed():
    assert normalize_text("culpa\u00adbilité sans\u200b peur\ufeff\x07!") == "culpabilité sans peur!"


def test_text_is_nfc_and_curly_quotes_and_dashes_are_kept():
    assert normalize_text("Cafe\u0301 “vrai” — ‘ok’ …") == "Café “vrai” — ‘ok’ …"


def test_a_page_comes_out_normalised(clean_file):
    blocks = clean_file("normalisation.html").blocks
    assert blocks[0].text == "Café & crème : le “vrai” repos — sans culpabilité, même quand la journée est longue … écrit ‘simplement’."


def test_a_line_break_mark_becomes_one_newline_and_source_newlines_stay_spaces():
    assert normalize_text(f"Key points {LINE_BREAK}\n  • A\nstill A{LINE_BREAK}• B{LINE_BREAK}") == "Key points\n• A still A\n• B"


def test_lines_split_by_br_stay_lines_inside_their_block(clean_file):
    blocks = clean_file("br-lines.html").blocks
    assert blocks[0].text == "Key points\n• Cook a double batch on Sunday.\n• Turn the leftovers into a different dish."
    assert "\n" not in blocks[1].text
    assert blocks[2].text == "Recommended reading:\nThe Thrifty Kitchen by Wilhelmina Strand\nFeed Five on Fifty by Augustin Pellew"
