"""classify's input: one output line per input line as `wc -l` counts them, however odd the
bytes or long the line; a line over the cap is answered with its reason, never a traceback."""

from __future__ import annotations

import io
import json

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.line_input import Line, _chunks, classify_stream, read_lines

# Every character Python's str.splitlines breaks at, inside one line each.
INSIDE = ["\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def lines_of(data: bytes, max_chars: int = 1_000) -> list[Line]:
    return list(read_lines(io.BytesIO(data), max_chars))


def classify(data: bytes):
    return CliRunner().invoke(cli, ["classify", "-"], input=data, catch_exceptions=False)


def test_a_line_ends_at_newline_only_and_a_crlf_loses_its_cr():
    data = "".join(f"a{char}b\n" for char in INSIDE).encode() + b"crlf\r\n" + b"last"
    assert [line.text for line in lines_of(data)] == [f"a{char}b" for char in INSIDE] + ["crlf", "last"]


def test_classify_answers_each_line_once_however_it_breaks_inside():
    data = "".join(f"Give them space.{char}Rest now.\n" for char in INSIDE).encode()
    result = classify(data)
    assert result.exit_code == 0
    out = result.stdout.split("\n")
    assert out[-1] == "" and len(out) - 1 == data.count(b"\n") == len(INSIDE)
    assert [json.loads(line)["text"] for line in out[:-1]] == [f"Give them space.{char}Rest now." for char in INSIDE]
    assert all(json.loads(line)["advice"] for line in out[:-1])


def test_binary_input_gives_as_many_lines_out_as_newlines_in():
    data = bytes(range(256)) * 8 + b"\n" + bytes(reversed(range(256))) * 3 + b"\n"
    result = classify(data)
    assert result.exit_code == 0
    assert result.stdout.count("\n") == data.count(b"\n")
    assert all(isinstance(json.loads(line)["text"], str) for line in result.stdout.splitlines())


def test_a_line_over_the_cap_is_reported_in_its_place_and_the_others_are_tagged():
    long_line = b"word " * 250_000  # 1.25 MB, over the 1,000,000 characters tagged per line
    result = classify(b"Give them space.\n" + long_line + b"\nDon't force it.\n")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(item["advice"], item.get("error")) for item in out] == [
        (True, None),
        (False, "line of 1,250,000 characters is over the 1,000,000 tagged per line"),
        (True, None),
    ]
    assert out[1]["text"] == ("word " * 40)
    assert result.stderr == "error: <stdin>:2: line of 1,250,000 characters is over the 1,000,000 tagged per line\n"


def test_a_line_far_over_the_cap_is_skipped_without_being_held_in_memory():
    data = b"x" * 5_000 + b"\nshort\n"
    lines = lines_of(data, max_chars=1_000)
    assert lines[0].too_long == "line of 5,001 bytes is over the 1,000 characters tagged per line"
    assert len(lines[0].text) == 200
    assert lines[1] == Line(2, "short")


def test_long_lines_are_cut_at_spaces_into_chunks_that_join_back():
    text = "Give them space. " * 100
    pieces = _chunks(text, 170)
    assert "".join(pieces) == text
    assert all(len(piece) <= 170 for piece in pieces)
    assert all(piece.endswith(" ") for piece in pieces[:-1])
    assert _chunks("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_a_line_tagged_in_chunks_takes_its_strongest_advice(rules_nlp):
    text = "The sky is blue today. " * 20 + "Don't force it. " + "The sea is calm. " * 20
    [(line, result)] = classify_stream([Line(1, text)], rules_nlp, chunk_chars=100)
    assert (result["text"], result["advice"], result["form"]) == (text, True, "prohibition")
