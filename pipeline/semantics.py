"""The rules a record meets beyond its JSON Schema, checked in one place for `validate` and `run`.

A schema cannot say that step numbers rise, that an advice entry's offsets slice `body_text` to
its text, or that a quote's `step` names a step. These checks can. They read the record
defensively (a part of the wrong shape is left to the schema's report) and return problems in
the order of the record's fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from pipeline.problems import Problem, cut_short, pointer

# A start, end or empty tag of an HTML element (by name: "<T>" or "<username>" in a code sample
# are not HTML), or an HTML comment.
_HTML_ELEMENTS = (
    "a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite "
    "code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main "
    "map mark meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt "
    "ruby s samp script section select small source span strong style sub summary sup svg table tbody td "
    "template textarea tfoot th thead time title tr track u ul var video wbr"
).split()
_HTML_TAG = re.compile(
    r"<(?:/?(?:" + "|".join(sorted(_HTML_ELEMENTS, key=len, reverse=True)) + r")(?=[\s/>])[^<>]*|!--.*?--)>",
    re.DOTALL | re.IGNORECASE,
)
# C0 and C1 control characters but tab and line feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A raw JSON text may hold a string that breaks the two rules above only if it holds "<" or DEL
# raw, a C1 control character in UTF-8, or an escape that makes "<" or a control character.
_RAW_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_RAW_ESCAPE = re.compile(rb"\\(?:[bfr]|u00(?:[01][0-9a-fA-F]|3[cC]|7[fF]|[89][0-9a-fA-F]))")

_TEXT_FIELDS = ("title", "author", "site_name", "description", "body_text")
_ITEM_TEXT_FIELDS = {
    "authors": None,
    "sections": ("heading", "text"),
    "takeaways": ("text",),
    "steps": ("title", "text", "section"),
    "quotes": ("text", "speaker", "speaker_description", "cue", "section"),
    "resources": ("text", "author", "title", "subtitle"),
    "advice": ("text", "evidence"),
}


def semantic_problems(record: Any, raw: bytes | None = None) -> list[Problem]:
    """Every semantic rule `record` breaks. `raw`, the JSON text it was read from, lets the
    text check skip records whose text holds nothing suspect."""
    if not isinstance(record, dict):
        return []
    problems = _step_numbers(record) + _step_references(record) + _advice_offsets(record)
    problems += _document_order(record, "sections", "heading") + _document_order(record, "steps", "title")
    if raw is None or _raw_text_suspect(raw):
        body = record.get("body_text") if isinstance(record.get("body_text"), str) else ""
        problems += [problem for where, text in _texts(record) for problem in _text_problems(where, text, body)]
    return problems + _dates(record)


def _raw_text_suspect(raw: bytes) -> bool:
    """Whether a string in the JSON text `raw` might hold an HTML tag or a control character;
    substring tests and one regular expression with a literal prefix, all near memory speed."""
    return (
        b"<" in raw or b"\x7f" in raw
        or (b"\xc2" in raw and _RAW_C1.search(raw) is not None)
        or _RAW_ESCAPE.search(raw) is not None
    )


def _items(record: dict[str, Any], field: str) -> list[tuple[int, dict[str, Any]]]:
    value = record.get(field)
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _integer(value: object) -> int | None:
    """What JSON Schema counts as an integer (1.0, or 1e30 as a JSON parser reads a long integer)
    as a Python int; None for anything else."""
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    return None


def _step_numbers(record: dict[str, Any]) -> list[Problem]:
    """Step numbers rise in document order. They are the page's own numbers, so a gap (a step the
    page numbers that was not found, a list that goes on from an earlier part) is no problem;
    going back or repeating a number is."""
    problems, previous = [], 0
    for index, step in _items(record, "steps"):
        number = _integer(step.get("number"))
        if number is None:
            continue
        if number <= previous:
            problems.append(Problem(pointer(("steps", index, "number")), f"step numbers rise in document "
                                    f"order: this one follows number {previous}", cut_short(number)))
        previous = max(previous, number)
    return problems


def _step_references(record: dict[str, Any]) -> list[Problem]:
    """A quote's or advice entry's integer `step` names a step (other values are the schema's to report)."""
    steps = _items(record, "steps")
    numbers = {_integer(step.get("number")) for _, step in steps}
    return [
        Problem(pointer((field, index, "step")), f"names no step of the record (it has {len(steps)})",
                cut_short(item["step"]))
        for field in ("quotes", "advice")
        for index, item in _items(record, field)
        if _integer(item.get("step")) is not None and _integer(item.get("step")) not in numbers
    ]


def _advice_offsets(record: dict[str, Any]) -> list[Problem]:
    body = record.get("body_text")
    if not isinstance(body, str):
        return []
    problems = []
    for index, entry in _items(record, "advice"):
        start, end, text = _integer(entry.get("start")), _integer(entry.get("end")), entry.get("text")
        if start is None or end is None or not isinstance(text, str):
            continue
        if not 0 <= start <= end <= len(body):
            problems.append(Problem(pointer(("advice", index)), f"start {start} and end {end} do not lie inside "
                                    f"body_text (0..{len(body)}) in order"))
        elif body[start:end] != text:
            problems.append(Problem(pointer(("advice", index, "text")), f"body_text[{start}:{end}] is "
                                    f"{cut_short(body[start:end])}, not the entry's text", cut_short(text)))
    return problems


def _document_order(record: dict[str, Any], field: str, key: str) -> list[Problem]:
    """Each item's `key` text must appear in body_text after the previous item's; text that
    appears nowhere (a title taken from page metadata) cannot be placed and is let pass."""
    body = record.get("body_text")
    if not isinstance(body, str):
        return []
    problems, position = [], 0
    for index, item in _items(record, field):
        text = item.get(key)
        if not isinstance(text, str) or not text:
            continue
        found = body.find(text, position)
        if found >= 0:
            position = found + len(text)
        elif text in body:
            problems.append(Problem(pointer((field, index, key)), f"{field} are in document order: this one's "
                                    f"{key} appears in body_text only before the previous one's", cut_short(text)))
    return problems


def _texts(record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for field in _TEXT_FIELDS:
        if isinstance(record.get(field), str):
            yield pointer((field,)), record[field]
    for field, keys in _ITEM_TEXT_FIELDS.items():
        values = record.get(field)
        if not isinstance(values, list):
            continue
        for index, item in enumerate(values):
            if keys is None and isinstance(item, str):
                yield pointer((field, index)), item
            elif keys is not None and isinstance(item, dict):
                yield from ((pointer((field, index, key)), item[key]) for key in keys if isinstance(item.get(key), str))


def _text_problems(where: str, text: str, body: str) -> list[Problem]:
    """An HTML tag is a problem where the page does not show it as text: a tag in body_text, or in
    text found in body_text, is a page showing code; one in metadata is markup left over."""
    problems = []
    if (tag := _HTML_TAG.search(text)) and where != "/body_text" and text not in body:
        problems.append(Problem(where, f"text holds an HTML tag {cut_short(tag.group())}", cut_short(text)))
    if control := _CONTROL.search(text):
        problems.append(Problem(where, f"text holds the control character U+{ord(control.group()):04X}",
                                cut_short(text)))
    return problems


def _dates(record: dict[str, Any]) -> list[Problem]:
    problems = []
    for field in ("published", "modified"):
        value = record.get(field)
        if not isinstance(value, str):
            continue
        try:
            datetime.fromisoformat(value)
        except ValueError:
            problems.append(Problem(pointer((field,)), "is no real ISO 8601 date or date-time", cut_short(value)))
    return problems
