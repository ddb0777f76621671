"""`python -m pipeline.tag.train.import_labels`: turn annotators' page labels into corpus/labels records.

The annotators' directory holds `pages.tsv` (id, split, url, title), the sentences of each page in
`pages/<id>.tsv` (sid, kind H/P, under_heading, text) and, for each finished page,
`labels/<id>.tsv` (sid, advice 1/0, form, comma-separated types; `-` for none). Each labelled
sentence of the pages of one split becomes a JSON line in the record shape of
docs/annotation-guide.md, with `source` "wcxb-dev-articles/<id>", the page's `url`, the
`heading` it sits under (null for none) and its `kind` ("heading" or "sentence"). Pages without
a finished label file are left out and counted.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.atomic_file import write_atomically
from pipeline.errors import InputError, PipelineError, UnreadablePath

SOURCE_PREFIX = "wcxb-dev-articles/"
FORMS = frozenset({"directive", "prohibition", "suggestion", "question"})
KINDS = {"H": "heading", "P": "sentence"}


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """How many pages of the split were converted, and how many still lack labels."""

    pages: int
    missing: int
    sentences: int
    advice: int


def read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a tab-separated file with a header line (no quoting)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as error:
        raise UnreadablePath(str(path), f"cannot read: {error.strerror}") from error


def page_records(annotations: Path, page: dict[str, str]) -> Iterator[dict]:
    """The labelled records of one page; InputError when its labels do not match its sentences."""
    sentences = read_tsv(annotations / "pages" / f"{page['id']}.tsv")
    label_path = annotations / "labels" / f"{page['id']}.tsv"
    labels = {row["sid"]: row for row in read_tsv(label_path)}
    if set(labels) != {row["sid"] for row in sentences}:
        raise InputError(str(label_path), "its sids are not those of the page's sentences")
    for row in sentences:
        label = labels[row["sid"]]
        advice = label["advice"].strip() == "1"
        form = label["form"].strip() if advice else None
        types = sorted({name.strip() for name in label["types"].split(",") if name.strip() not in ("", "-")})
        if advice and (form not in FORMS or not types):
            raise InputError(f"{label_path}:{row['sid']}", "advice needs a form and at least one type")
        yield {
            "text": row["text"],
            "source": SOURCE_PREFIX + page["id"],
            "url": page["url"],
            "heading": row["under_heading"] or None,
            "kind": KINDS.get(row["kind"], "sentence"),
            "advice": int(advice),
            "form": form,
            "types": types if advice else [],
        }


def import_split(annotations: Path, split: str, output: Path) -> ImportSummary:
    """Write the labelled sentences of every finished page of `split` to `output` (JSON Lines)."""
    pages = [page for page in read_tsv(annotations / "pages.tsv") if page["split"] == split]
    finished = [page for page in pages if (annotations / "labels" / f"{page['id']}.tsv").exists()]
    records = [record for page in sorted(finished, key=lambda p: p["id"]) for record in page_records(annotations, page)]
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    write_atomically(output, text.encode("utf-8"))
    advice = sum(record["advice"] for record in records)
    return ImportSummary(len(finished), len(pages) - len(finished), len(records), advice)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.tag.train.import_labels", description=__doc__)
    parser.add_argument("annotations", type=Path, help="the annotators' directory (pages.tsv, pages/, labels/)")
    parser.add_argument("--split", required=True, help="the split of pages.tsv to convert (dev or aside)")
    parser.add_argument("-o", "--out", type=Path, required=True, help="the JSON Lines file to write")
    args = parser.parse_args(argv)
    try:
        summary = import_split(args.annotations, args.split, args.out)
    except PipelineError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    print(f"{summary.pages} pages ({summary.missing} not labelled yet), {summary.sentences} sentences, "
          f"{summary.advice} advice; written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
