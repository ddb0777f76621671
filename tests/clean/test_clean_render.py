"""The cleaned article as text, Markdown and JSON (`advice-pipeline clean --format`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.clean import as_json, clean, markdown, render
from pipeline.model import Block, Document, Metadata, Source
from pipeline.settings import Settings
from pipeline.sources import read_page

CLEAN_DATA = Path(__file__).resolve().parents[1] / "data" / "clean"
PLANTS = str(CLEAN_DATA / "markdown.html")
BANNERS = str(CLEAN_DATA / "banners.html")

PLANTS_MARKDOWN = """\
# How to Keep a Plant Alive Through Winter

Winter is hard on houseplants. The air is dry, the days are short and the radiator bakes everything near it. Most plants that die in January were watered too much in December, not too little.

## What Changes in Winter

Growth slows down when the light fades, so a plant drinks far less than it did in summer. The soil stays wet for longer and the roots sit in cold water.

> Water less, wait longer, and move closer to the window.

**Start with the light.**

Put the plant in the brightest spot you have, away from the heater.\\
Turn it a quarter every week so that it grows evenly on all sides.

## Four Steps for the Cold Months

3. Check the soil with a finger before you water, every time, and only water when the top inch is dry.
4. Group plants together so that they keep the air around them a little more humid.
    - A tray of wet pebbles under the pots helps as well.
5. Stop feeding until spring, because a resting plant cannot use the fertiliser and it burns the roots.

## Things to Avoid

- Cold draughts from windows that are opened for airing every morning.
- Leaves touching frosty glass on the coldest nights of the year.

1999 was the year I lost my first fern to a radiator, and I have been careful ever since. Be patient with your plants and they will reward you in spring."""


def plants():
    settings = Settings()
    return clean(read_page(PLANTS, settings), settings)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_markdown_keeps_title_headings_lists_numbers_nesting_quotes_and_bold():
    assert markdown(plants()) == PLANTS_MARKDOWN


def document(*blocks: Block) -> Document:
    return Document(Source("0" * 64, path="x.html"), Metadata(), blocks)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("- not an item", "\\- not an item"),
        ("2024. A year", "2024\\. A year"),
        ("3) not an item", "3\\) not an item"),
        ("---", "\\---"),
        ("-10 degrees outside", "-10 degrees outside"),
        ("A plain sentence.", "A plain sentence."),
    ],
)
def test_markdown_escapes_text_that_would_start_a_block_of_its_own(text, expected):
    assert markdown(document(Block("paragraph", text))) == expected


def test_markdown_line_breaks_stay_inside_their_list_item_and_quote():
    blocks = (Block("list_item", "one\ntwo", level=2, ordered=True, number=10, list_id=1), Block("quote", "a\nb"))
    assert markdown(document(*blocks)) == "    10. one\\\n        two\n\n> a\\\n> b"


def test_json_holds_metadata_text_and_blocks():
    record = as_json(plants())
    assert record["title"] == "How to Keep a Plant Alive Through Winter"
    assert record["source"] == {"url": None, "path": PLANTS}
    assert record["blocks"][3] == {"kind": "quote", "text": "Water less, wait longer, and move closer to the window."}
    assert {"kind": "list_item", "text": "A tray of wet pebbles under the pots helps as well.",
            "level": 2, "ordered": False, "number": None} in record["blocks"]
    assert json.loads(render(plants(), "json")) == record


def test_clean_prints_text_by_default():
    result = invoke("clean", BANNERS)
    assert result.exit_code == 0
    assert result.stdout.startswith("Most sleep advice asks for a new mattress")


def test_clean_format_markdown_prints_markdown():
    result = invoke("clean", PLANTS, "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout == PLANTS_MARKDOWN + "\n"


def test_several_pages_on_stdout_each_open_with_a_header_line():
    result = invoke("clean", PLANTS, BANNERS)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"==> {PLANTS} <=="
    assert lines[1].startswith("Winter is hard on houseplants.")
    second = lines.index(f"==> {BANNERS} <==")
    assert lines[second - 1] == "" and lines[second + 1].startswith("Most sleep advice")


def test_several_pages_as_json_are_json_lines():
    result = invoke("clean", PLANTS, BANNERS, "--format", "json")
    assert [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()] == [PLANTS, BANNERS]


@pytest.mark.parametrize(("output_format", "suffix"), [("text", ".txt"), ("markdown", ".md"), ("json", ".json")])
def test_clean_out_writes_one_file_per_page_in_the_format(tmp_path, output_format, suffix):
    result = invoke("clean", PLANTS, BANNERS, "--format", output_format, "-o", str(tmp_path))
    assert result.exit_code == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [f"banners{suffix}", f"markdown{suffix}"]
    assert (tmp_path / f"markdown{suffix}").read_text(encoding="utf-8") == render(plants(), output_format) + "\n"


def test_the_old_text_flag_still_means_text():
    assert invoke("clean", "--text", BANNERS).stdout == invoke("clean", BANNERS).stdout
