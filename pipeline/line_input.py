"""Free text for `classify`: lines as `wc -l` counts them, each tagged whole however long.

A line ends at "\n" and nothing else; a "\r" before it is dropped, while a lone "\r", "\x0b",
"\x0c", "\x1c"-"\x1e", "\x85", U+2028 and U+2029 stay inside the line (Python's splitlines
would break there). Bytes that are not UTF-8 become U+FFFD. A line longer than spaCy takes at
once is tagged in chunks and answered once; one over the per-line cap is not tagged and is
answered with its reason, so output line N always answers input line N.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from spacy.language import Language

from pipeline.tag import classify_lines

# Characters handed to spaCy at once: a chunk's parse stays small and fast.
CHUNK_CHARS = 100_000
# How much of a line over the cap is echoed back as its text.
PREVIEW_CHARS = 200
_UTF8_MAX = 4  # bytes per character


@dataclass(frozen=True, slots=True)
class Line:
    """One input line: its 1-based number, its text, and why it is not tagged (if so)."""

    number: int
    text: str
    too_long: str | None = None


def read_lines(stream: IO[bytes], max_chars: int) -> Iterator[Line]:
    """The lines of a binary stream; a last line without "\n" counts too. Never holds more
    than about `max_chars` characters of one line in memory."""
    limit = _UTF8_MAX * max_chars + 2
    number = 0
    while raw := stream.readline(limit):
        number += 1
        if len(raw) == limit and not raw.endswith(b"\n"):
            size = len(raw) + _skip_rest_of_line(stream)
            yield Line(number, _decode(raw)[:PREVIEW_CHARS],
                       f"line of {size:,} bytes is over the {max_chars:,} characters tagged per line")
            continue
        text = _decode(raw.removesuffix(b"\n").removesuffix(b"\r"))
        if len(text) > max_chars:
            yield Line(number, text[:PREVIEW_CHARS],
                       f"line of {len(text):,} characters is over the {max_chars:,} tagged per line")
        else:
            yield Line(number, text)


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _skip_rest_of_line(stream: IO[bytes]) -> int:
    skipped = 0
    while chunk := stream.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def classify_stream(
    lines: Iterable[Line], nlp: Language, chunk_chars: int = CHUNK_CHARS
) -> Iterator[tuple[Line, dict[str, Any]]]:
    """Each line with its one result: a long line's chunks are tagged in turn and the line
    takes its strongest advice; a line over the cap gets a non-advice result with `error`."""
    owners: deque[tuple[Line, bool]] = deque()

    def chunks() -> Iterator[str]:
        for line in lines:
            parts = [""] if line.too_long else _chunks(line.text, chunk_chars)
            for index, part in enumerate(parts):
                owners.append((line, index == len(parts) - 1))
                yield part

    results: list[dict[str, Any]] = []
    for result in classify_lines(chunks(), nlp):
        line, last = owners.popleft()
        results.append(result)
        if last:
            yield line, _merged(line, results)
            results = []


def _chunks(text: str, size: int) -> list[str]:
    """`text` in pieces of at most `size` characters, cut at a space where there is one."""
    pieces, start = [], 0
    while len(text) - start > size:
        cut = text.rfind(" ", start + size // 2, start + size)
        end = cut + 1 if cut > 0 else start + size
        pieces.append(text[start:end])
        start = end
    return [*pieces, text[start:]]


def _merged(line: Line, results: list[dict[str, Any]]) -> dict[str, Any]:
    best = max(results, key=lambda result: (result["advice"], result["score"]))
    merged = {**best, "text": line.text}
    if line.too_long:
        merged["error"] = line.too_long
    return merged
