"""The contract's checks on one record: the schema of its version, then the semantic rules."""

import copy
import json

import orjson
import pytest

from pipeline.errors import InvalidRecord
from pipeline.problems import Problem
from pipeline.validation import check, check_record, parse, validate_record

from corpus_files import REPO

GOLDEN = json.loads((REPO / "tests" / "golden" / "versions" / "1.1.json").read_text(encoding="utf-8"))


def broken(change) -> dict:
    record = copy.deepcopy(GOLDEN)
    change(record)
    return record


def test_the_golden_record_has_no_problems():
    assert validate_record(GOLDEN) == []


def _repeat_step(record):
    record["steps"].append(dict(record["steps"][0], title="Give them space", text=""))


def _swap_steps(record):
    record["steps"].append(dict(record["steps"][0], number=2, title="Give", text="Give them space."))
    record["steps"].reverse()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r: r["steps"][0].update(number=2), [
            Problem("/quotes/0/step", "names no step of the record (it has 1)", "1"),
            Problem("/advice/0/step", "names no step of the record (it has 1)", "1"),
        ]),
        (_swap_steps, [
            Problem("/steps/1/number", "step numbers rise in document order: this one follows number 2", "1"),
            Problem("/steps/1/title", "steps are in document order: this one's title appears in body_text only "
                    "before the previous one's", '"Wait"'),
        ]),
        (_repeat_step, [
            Problem("/steps/1/number", "step numbers rise in document order: this one follows number 1", "1"),
        ]),
        (lambda r: r["quotes"][0].update(step=7), [Problem("/quotes/0/step", "names no step of the record (it has 1)", "7")]),
        (lambda r: r["advice"][0].update(step=3), [Problem("/advice/0/step", "names no step of the record (it has 1)", "3")]),
        (lambda r: r["advice"][0].update(start=15, end=31), [
            Problem("/advice/0/text", 'body_text[15:31] is "ive them space. ", not the entry\'s text', '"Give them space."'),
        ]),
        (lambda r: r["advice"][0].update(start=40, end=400), [
            Problem("/advice/0", "start 40 and end 400 do not lie inside body_text (0..57) in order"),
        ]),
        (lambda r: r["advice"][0].update(start=1e30), [
            Problem("/advice/0", "start 1000000000000000019884624838656 and end 30 do not lie inside body_text "
                    "(0..57) in order"),
        ]),
        (lambda r: r["advice"][0].update(start=30, end=14), [
            Problem("/advice/0", "start 30 and end 14 do not lie inside body_text (0..57) in order"),
        ]),
        (lambda r: r["sections"].insert(0, {"heading": "As Ana says", "level": 2, "text": ""}), [
            Problem("/sections/1/heading", "sections are in document order: this one's heading appears in body_text "
                    "only before the previous one's", '"Step 1: Wait"'),
        ]),
        (lambda r: r["takeaways"][0].update(text="Wait <br/> now."), [
            Problem("/takeaways/0/text", 'text holds an HTML tag "<br/>"', '"Wait <br/> now."'),
        ]),
        (lambda r: r["resources"][0].update(title="<!-- ad -->Waiting"), [
            Problem("/resources/0/title", 'text holds an HTML tag "<!-- ad -->"', '"<!-- ad -->Waiting"'),
        ]),
        (lambda r: r.update(title="Give It\x00 Time"), [
            Problem("/title", "text holds the control character U+0000", '"Give It\\u0000 Time"'),
        ]),
        (lambda r: r["authors"].append("Bo\x85b"), [
            Problem("/authors/1", "text holds the control character U+0085", '"Bo\x85b"'),
        ]),
        (lambda r: r.update(published="2024-02-30"), [
            Problem("/published", "is no real ISO 8601 date or date-time", '"2024-02-30"'),
        ]),
        (lambda r: r.update(canonical_url="example.org/page"), [
            Problem("/canonical_url", '"example.org/page" is not a "iri"', '"example.org/page"'),
        ]),
        (lambda r: r["advice"][0].update(score=float("nan")), [
            Problem("/advice/0/score", "nan is not a finite number", "NaN"),
        ]),
        (lambda r: r["steps"][0]["types"][0].update(score=float("inf")), [
            Problem("/steps/0/types/0/score", "inf is not a finite number", "Infinity"),
        ]),
    ],
    ids=["step-numbers-from-2", "steps-2-1", "steps-1-1", "quote-step", "advice-step", "advice-slice", "advice-outside", "advice-huge-start",
         "advice-reversed", "section-order", "html-tag", "html-comment", "nul", "c1-control", "date",
         "uri", "nan-score", "infinite-type-score"],
)
def test_each_semantic_rule_reports_the_record_that_breaks_it(change, expected):
    assert validate_record(broken(change)) == expected


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r["takeaways"][0].update(text="Keep costs < 5% and gains > 2%."),
        lambda r: r["takeaways"][0].update(text="Use a List<String> and ask for <username>."),
        lambda r: r.update(body_text=r["body_text"] + "\n\nWrap it in <p> and </p>."),
        lambda r: r.update(title="Wait, <br> Then Give", body_text="Wait, <br> Then Give\n\n" + r["body_text"]),
    ],
    ids=["comparison", "generic-and-placeholder", "tag-shown-in-body", "title-shown-in-body"],
)
def test_angle_brackets_that_are_no_markup_left_over_are_no_problem(change):
    record = broken(change)
    for entry in record["advice"]:  # keep the offsets pointing at the same text
        shift = record["body_text"].find(entry["text"]) - entry["start"]
        entry.update(start=entry["start"] + shift, end=entry["end"] + shift)
    assert validate_record(record) == []


def test_check_record_raises_naming_the_source_and_first_problem():
    with pytest.raises(InvalidRecord) as raised:
        check_record(broken(lambda r: r.pop("title")), "page.html")
    assert str(raised.value) == 'page.html: invalid record at /: "title" is a required property'


def test_a_record_is_checked_against_the_schema_its_version_names():
    extra = broken(lambda r: r.update(reading_time=3))
    assert validate_record(extra) == []  # 1.1 and later: consumers ignore unknown fields
    closed = broken(lambda r: r.update(reading_time=3, schema_version="1.0.0"))
    assert validate_record(closed) == [
        Problem("", "Additional properties are not allowed ('reading_time' was unexpected)"),
    ]


def test_a_newer_minor_is_checked_against_the_newest_schema_of_its_major_with_a_note():
    verdict = check(broken(lambda r: r.update(schema_version="1.9.2", reading_time=3)))
    assert verdict.problems == []
    assert verdict.note == ("record is schema 1.9.2, newer than this tool's 1.1; checked against 1.1, "
                            "ignoring fields it does not know")


def test_a_newer_major_cannot_be_checked():
    assert validate_record(broken(lambda r: r.update(schema_version="2.0.0"))) == [
        Problem("/schema_version", "schema_version 2.0.0 is newer than this tool, which knows up to 1.1; "
                "upgrade advice-pipeline to check it", '"2.0.0"'),
    ]


def test_an_unknown_older_major_cannot_be_checked():
    assert validate_record(broken(lambda r: r.update(schema_version="0.9.0")))[0].message == (
        "schema_version 0.9.0 is no version this tool knows (1.0, 1.1)"
    )


def test_a_version_that_is_no_string_is_reported_by_the_current_schema():
    assert validate_record(broken(lambda r: r.update(schema_version=[1, 1]))) == [
        Problem("/schema_version", '[1,1] is not of type "string"'),
    ]


def test_a_malformed_version_is_reported_by_the_current_schema():
    assert validate_record(broken(lambda r: r.update(schema_version="one"))) == [
        Problem("/schema_version", r'"one" does not match "^1\.\d+\.\d+$"', '"one"'),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "not JSON: nested deeper than 1024 levels (column 1026)"),
        (b'{"start": 1' + b"0" * 5000 + b"}\n", "not JSON: a number too large to read (beyond a double's range) (column 11)"),
        (b'{"score": NaN}\n', "not JSON: NaN and Infinity are not JSON numbers (column 11)"),
        (b'{"score": -Infinity}\n', "not JSON: NaN and Infinity are not JSON numbers (column 12)"),
        (b'{"title": "cut', 'not JSON: unexpected end of data (column 15); the data ends inside this record: truncated?'),
    ],
    ids=["deep", "huge-integer", "nan", "minus-infinity", "truncated"],
)
def test_json_this_tool_will_not_read_is_a_problem_not_a_crash(text, reason):
    with pytest.raises(ValueError) as raised:
        parse(text)
    assert str(raised.value) == reason


@pytest.mark.parametrize(
    "text",
    ["A <b>tag</b>", "A \x00 nul", "A \x7f del", "A \x85 next line", "A \r return", "A \x0c form feed", "A \x08 back",
     "plain < text > here", "café"],
)
def test_the_raw_text_shortcut_finds_what_the_full_text_check_finds(text):
    record = broken(lambda r: r["takeaways"][0].update(text=text))
    expected = validate_record(record)
    for raw in (orjson.dumps(record), json.dumps(record).encode(), json.dumps(record, ensure_ascii=False).encode("utf-8")):
        assert validate_record(orjson.loads(raw), raw) == expected


def test_mangled_records_give_findings_never_an_exception():
    """Cut, flipped, spliced and retyped copies of a valid record: each is reported, none raises."""
    import random

    from pipeline.record_files import Entry
    from pipeline.validation import entry_findings

    rng = random.Random(15)
    raw = orjson.dumps(GOLDEN)
    values = [None, True, -1, 0, 2**70, 1.5, float("1e300"), "", "<p>x</p>", "\x00", [], {}, [[[]]]]
    for _ in range(400):
        mangled = bytearray(raw)
        kind = rng.randrange(3)
        if kind == 0:
            mangled = mangled[: rng.randrange(len(mangled))]
        elif kind == 1:
            for _ in range(rng.randint(1, 8)):
                mangled[rng.randrange(len(mangled))] = rng.randrange(256)
        else:
            record = copy.deepcopy(GOLDEN)
            target = rng.choice([record, record["steps"][0], record["advice"][0], record["quotes"][0], record["source"]])
            target[rng.choice(list(target))] = rng.choice(values)
            mangled = bytearray(json.dumps(record).encode())
        findings = entry_findings(Entry("x.jsonl", 1, raw=bytes(mangled)))
        assert all(finding.kind == "invalid" for finding in findings)
