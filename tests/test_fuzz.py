"""Property-based fuzzing: hostile inputs thrown at every stage and parser; only the pipeline's
own typed errors (pipeline.errors) may escape, and each input is done within a time bound.

Inputs are corpus pages mutated (slices cut, repeated, spliced with markup fragments, bytes
flipped, truncated, gzipped), HTML generated from tags, raw bytes, JSON (the seed record with
values replaced, and arbitrary documents), and URL lists. The suite runs a few examples each;
`make fuzz` runs many (FUZZ_EXAMPLES, default 300 there) and keeps hypothesis's database of
failures under .hypothesis/ to replay them.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from datetime import timedelta

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import cli
from pipeline.clean import clean
from pipeline.errors import PipelineError
from pipeline.extraction import page_from_html
from pipeline.fetch import collect_urls
from pipeline.fetch._safety import check_url
from pipeline.line_input import classify_stream, read_lines
from pipeline.segment import segment
from pipeline.settings import Settings
from pipeline.sources import read_page
from pipeline.tag import load_nlp, tag

from corpus_files import CORPUS, REPO, SEED_PAGE

GOLDEN = REPO / "tests" / "golden" / "corpus"

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
IN_SUITE = "FUZZ_EXAMPLES" not in os.environ
SETTINGS = Settings()
PAGES = [path.read_bytes() for path in sorted(CORPUS.glob("*.html"))]
FRAGMENTS = [
    b"<div>" * 300, b"</div>" * 50, b"<table><tr><td>", b"<!--", b"-->", b"<![CDATA[", b"<script>", b"</script>",
    b"<style>", b"&#xD800;", b"&#0;", b"&nbsp;" * 20, b"\x00", b"\xff\xfe", b"<meta charset=utf-16>",
    b'<meta charset="x-no-such">', b"<svg><foreignObject><p>", b"<math><mi>", b"<ol start=-5><li>",
    b"<li value=99999999999999999999>", b"<h1></h1>", b"<blockquote>", b"<br>" * 40, b"\r", "\u2028".encode(),
    b'<script type="application/ld+json">{"@type": "Article", "headline": [', b"<title>", b"<base href=//x>",
]


def fuzz(deadline_seconds: float):
    """Hypothesis settings: a few examples in the suite, many under `make fuzz`; each example
    must finish within `deadline_seconds`."""
    return settings(
        max_examples=EXAMPLES,
        deadline=timedelta(seconds=deadline_seconds),
        database=None if IN_SUITE else settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=IN_SUITE,
    )


@st.composite
def mutated_pages(draw) -> bytes:
    page = draw(st.sampled_from(PAGES))
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(page)))
        end = draw(st.integers(start, min(len(page), start + 4000)))
        operation = draw(st.sampled_from(["cut", "repeat", "splice", "flip", "truncate"]))
        if operation == "cut":
            page = page[:start] + page[end:]
        elif operation == "repeat":
            page = page[:end] + page[start:end] * draw(st.integers(1, 5)) + page[end:]
        elif operation == "splice":
            page = page[:start] + draw(st.sampled_from(FRAGMENTS) | st.binary(max_size=40)) + page[start:]
        elif operation == "flip" and start < len(page):
            page = page[:start] + bytes([page[start] ^ draw(st.integers(1, 255))]) + page[start + 1:]
        else:
            page = page[:start]
    return page


TAGS = ["p", "div", "h1", "h2", "h3", "ul", "ol", "li", "blockquote", "article", "main", "section", "span",
        "strong", "em", "a", "table", "td", "figure", "figcaption", "nav", "aside", "footer", "script"]


def generated_html():
    text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
    return st.recursive(
        text,
        lambda children: st.builds(
            lambda tag, attribute, inner: f"<{tag}{attribute}>{''.join(inner)}</{tag}>",
            st.sampled_from(TAGS),
            st.sampled_from(["", ' class="post-content"', ' id="comments"', ' start="3"', ' hidden', ' role="main"']),
            st.lists(children, max_size=5),
        ),
        max_leaves=40,
    ).map(lambda body: f"<html><head><title>t</title></head><body>{body}</body></html>")


def html_inputs():
    return mutated_pages() | generated_html() | st.binary(max_size=2000)


def only_typed_errors(call) -> object:
    """Run `call`; a PipelineError is a fine answer, anything else fails the test."""
    try:
        return call()
    except PipelineError as error:
        assert str(error) and "\n" not in str(error)
        return None


@fuzz(deadline_seconds=20)
@given(html_inputs())
def test_clean_and_segment_raise_only_typed_errors(html):
    document = only_typed_errors(lambda: clean(page_from_html(html, label="fuzzed"), SETTINGS))
    if document is not None:
        only_typed_errors(lambda: segment(document))


@fuzz(deadline_seconds=30)
@given(mutated_pages())
def test_tag_raises_only_typed_errors(html):
    document = only_typed_errors(lambda: clean(page_from_html(html, label="fuzzed"), SETTINGS))
    if document is not None:
        only_typed_errors(lambda: tag(document, segment(document), load_nlp(SETTINGS)))


@fuzz(deadline_seconds=20)
@given(html_inputs(), st.booleans(), st.integers(0, 64))
def test_reading_a_page_file_raises_only_input_errors(data, gzipped, cut):
    data = data.encode() if isinstance(data, str) else data
    content = gzip.compress(data) if gzipped else data
    with tempfile.NamedTemporaryFile(suffix=".html.gz" if gzipped else ".html") as handle:
        handle.write(content[: len(content) - cut] if gzipped and cut else content)
        handle.flush()
        page = only_typed_errors(lambda: read_page(handle.name, SETTINGS))
    if page is not None:
        only_typed_errors(lambda: clean(page, SETTINGS))


def json_values():
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
    return st.recursive(scalars, lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.text(max_size=12), children, max_size=4), max_leaves=25)


@st.composite
def damaged_records(draw) -> bytes:
    record = json.loads(json.dumps(draw(st.sampled_from([SEED_RECORD]))))
    for _ in range(draw(st.integers(1, 3))):
        parent, key, node = None, None, record
        for _ in range(draw(st.integers(1, 4))):
            keys = list(node) if isinstance(node, dict) else list(range(len(node))) if isinstance(node, list) else []
            if not keys:
                break
            parent, key = node, draw(st.sampled_from(keys))
            node = parent[key]
        if parent is not None:
            parent[key] = draw(json_values())
    return json.dumps(record).encode()


SEED_RECORD = json.loads((GOLDEN / f"{SEED_PAGE.stem}.json").read_text(encoding="utf-8"))


@fuzz(deadline_seconds=20)
@given(st.lists(damaged_records() | json_values().map(lambda value: json.dumps(value).encode())
                | st.binary(max_size=300), min_size=1, max_size=4))
def test_validate_answers_every_input_with_a_table_exit_code(documents):
    result = CliRunner().invoke(cli, ["validate", "-"], input=b"\n".join(documents), catch_exceptions=False)
    assert result.exit_code in (0, 1, 2)


@fuzz(deadline_seconds=30)
@given(st.binary(max_size=3000) | st.lists(st.text(max_size=200)).map(lambda lines: "\n".join(lines).encode()))
def test_classify_answers_each_line_once_and_raises_nothing(data):
    lines = list(read_lines(io.BytesIO(data), max_chars=2000))
    assert len(lines) == data.count(b"\n") + (not data.endswith(b"\n") and bool(data))
    results = list(classify_stream(lines, load_nlp(SETTINGS), chunk_chars=300))
    assert [line.number for line, _ in results] == list(range(1, len(lines) + 1))


def url_lines():
    host = st.text(max_size=20) | st.sampled_from(["example.org", "[::1", "[::1]", "127.0.0.1", "xn--", "a..b"])
    port = st.none() | st.integers(-5, 10**6)
    url = st.builds(
        lambda scheme, host, port, path: f"{scheme}://{host}{'' if port is None else f':{port}'}/{path}",
        st.sampled_from(["http", "https", "ftp", "", "HTTP"]), host, port, st.text(max_size=20),
    )
    return st.lists(url.map(str.encode) | st.binary(max_size=60), max_size=8)


@fuzz(deadline_seconds=10)
@given(url_lines())
def test_the_fetch_input_parser_rejects_bad_lines_one_by_one(lines):
    rejected: list[PipelineError] = []
    kept = only_typed_errors(lambda: collect_urls([], [line + b"\n" for line in lines], reject=rejected.append))
    assert all(isinstance(error, PipelineError) for error in rejected)
    for url in kept or []:
        only_typed_errors(lambda url=url: check_url(url, allow_private=True))


def test_found_by_fuzzing_a_step_that_is_a_list_is_a_problem_not_a_crash():
    record = json.loads(json.dumps(SEED_RECORD))
    record["advice"][0]["step"] = [1]
    record["steps"][0]["number"] = {"n": 1}
    result = CliRunner().invoke(cli, ["validate", "-"], input=json.dumps(record).encode(), catch_exceptions=False)
    assert result.exit_code == 1
    assert "/advice/0/step" in result.stdout


def test_found_by_fuzzing_a_path_too_long_for_the_system_is_that_paths_problem():
    result = CliRunner().invoke(cli, ["validate", "-"], input=b"x" * 5000 + b"\n", catch_exceptions=False)
    assert result.exit_code == 2
    assert "File name too long" in result.stderr
