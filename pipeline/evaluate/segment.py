"""Score what `advice-pipeline run` gives against hand-written gold: precision, recall, F1 per field.

A gold set is a directory of `<name>.gold.json` files. Each names its page in `page`: for the
corpus pages a file beside the gold file; for the real pages (`corpus/real/<set>/`) a benchmark
page, "wcxb-dev-articles/<id>", read from `<bench>/wcxb-dev-articles/html/<id>.html.gz`. Every page
goes through the same stages as `advice-pipeline run` (clean, segment, tag, emit with validation)
and the record it yields is compared with the gold, field by field.

Matching: each field of a page is a multiset of normalised values, and a predicted value counts
as matched when an equal gold value is left to pair it with; the counts are summed over the set
(micro average). Values are
- page titles: the record's `title` against the gold `title` (one value a page);
- step titles: the titles in page order, matched as the longest common subsequence of the two
  sequences, so a step counts when its title equals a gold step's title in the same order, and
  one missed step does not shift every step after it (the record numbers its steps 1..n by its
  contract, the gold keeps the numbers the page shows, so numbers are not compared);
- step count: one unit per step, so it scores how many were found;
- takeaways: the text; quote text: the text; quote speaker: (text, speaker) together;
- resources: (author, title, subtitle).
When textacy is installed, two more rows score its `direct_quotations` on the same cleaned text
(`pipeline.evaluate.textacy_quotes`), the floor quote attribution is held to.
The last column, "gold in text", counts the gold values whose text the record's cleaned main text
(`body_text`) holds at all, normalised: what the segment stage could have found after cleaning
(a quotation broken by its cue is not one run of text, so it counts as absent).
Text is normalised by `normalise`: Unicode NFKC, curly quotes and dashes made plain, quotation
marks dropped, spacing collapsed, surrounding punctuation stripped, casefolded, and "&" read as
"and" (with a serial comma before it dropped). Nothing else is forgiven: a title cut short or
run into its text is a miss and an extra.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError, UsageError
from pipeline.evaluate import CHECKOUT, SHARED
from pipeline.evaluate.textacy_quotes import Baseline
from pipeline.extraction import extract_page, prepare
from pipeline.settings import Settings
from pipeline.sources import read_page

FIELDS = ("page titles", "step titles", "step count", "takeaways", "quote text", "quote speaker", "resources")
BASELINE_FIELDS = ("quote text (textacy)", "quote speaker (textacy)")
DEFAULT_CORPUS = CHECKOUT / "corpus"
DEFAULT_REAL = CHECKOUT / "corpus" / "real"
DEFAULT_BENCH = SHARED / "bench"
# The real pages' sets: `dev` is worked on; `aside` is kept for one final measurement.
REAL_SETS = ("dev", "aside")
_FOLDS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})
_EDGE_PUNCTUATION = " .,;:!?'\"()…-"
# Fields compared as sequences in page order rather than as multisets.
_SEQUENCES = frozenset({"step titles"})


@dataclass(slots=True)
class Tally:
    """Matched, predicted and gold counts of one field."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    # Gold values whose text the cleaned main text holds at all: what segment could find.
    in_text: int | None = None

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else float(self.predicted == 0)

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def add(self, matched: int, predicted: int, gold: int) -> None:
        self.matched += matched
        self.predicted += predicted
        self.gold += gold


@dataclass(slots=True)
class SegmentReport:
    """The tallies of every field over one set, every disagreement by page, and unscored pages."""

    name: str = "corpus"
    pages: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in FIELDS})
    failures: list[str] = field(default_factory=list)
    page_misses: dict[str, list[str]] = field(default_factory=dict)

    @property
    def misses(self) -> list[str]:
        """Every missed and extra value, "page: field: missed 'value'", page by page."""
        return [line for lines in self.page_misses.values() for line in lines]

    def table(self) -> str:
        """The figures as an aligned plain-text table, one field a row."""
        rows = [("field", "precision", "recall", "F1", "matched", "predicted", "gold", "gold in text")]
        for name, tally in self.tallies.items():
            rows.append((name, f"{tally.precision:.3f}", f"{tally.recall:.3f}", f"{tally.f1:.3f}",
                         str(tally.matched), str(tally.predicted), str(tally.gold),
                         "-" if tally.in_text is None else str(tally.in_text)))
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        lines = ["  ".join(cell.ljust(width) if column == 0 else cell.rjust(width)
                           for column, (cell, width) in enumerate(zip(row, widths))) for row in rows]
        return "\n".join([*lines, f"pages: {self.pages}"])

    def worst(self, count: int) -> list[tuple[str, int]]:
        """The `count` pages with the most missed and extra values, most first."""
        ranked = sorted(self.page_misses.items(), key=lambda item: (-len(item[1]), item[0]))
        return [(page, len(lines)) for page, lines in ranked[:count] if lines]


def evaluate_corpus(
    corpus: Path, settings: Settings, name: str = "corpus", baseline: Baseline | None = None
) -> SegmentReport:
    """Score every corpus page that has a gold file beside it (and the `baseline`'s quotes, if given)."""
    return evaluate_pages(name, ((gold_file, gold_file.parent / _read_gold(gold_file)["page"])
                                 for gold_file in _gold_files(corpus)), settings, baseline)


def evaluate_real(real_set: Path, bench: Path, settings: Settings, baseline: Baseline | None = None) -> SegmentReport:
    """Score every benchmark page of a real set (`corpus/real/dev`), read from `bench`."""
    return evaluate_pages(real_set.name, ((gold_file, bench_page(bench, _read_gold(gold_file)["page"]))
                                          for gold_file in _gold_files(real_set)), settings, baseline)


def bench_page(bench: Path, page: str) -> Path:
    """Where the benchmark keeps the page a real gold file names ("wcxb-dev-articles/0214")."""
    dataset, _, page_id = page.partition("/")
    return bench / dataset / "html" / f"{page_id}.html.gz"


def evaluate_pages(
    name: str, pages: Iterable[tuple[Path, Path]], settings: Settings, baseline: Baseline | None = None
) -> SegmentReport:
    """Run each (gold file, page) pair's page through the pipeline and score its record, and the
    quotes `baseline` finds in the record's body_text when given.

    A page the pipeline refuses is scored as an empty record, as a user gets nothing for it.
    """
    prepare(settings)
    report = SegmentReport(name=name)
    if baseline is not None:
        report.tallies.update((field_name, Tally()) for field_name in BASELINE_FIELDS)
    for gold_file, page_path in pages:
        try:
            record = extract_page(read_page(str(page_path), settings), settings)
        except PipelineError as error:
            report.failures.append(str(error))
            record = {}
        gold = _read_gold(gold_file)
        score_record(record, gold, report, gold_file.name.removesuffix(".gold.json"))
        if baseline is not None:
            score_baseline(baseline(record.get("body_text") or ""), gold, report)
    return report


def _gold_files(directory: Path) -> list[Path]:
    files = sorted(directory.glob("*.gold.json"))
    if not files:
        raise UsageError(str(directory), "no *.gold.json files in the directory")
    return files


def _read_gold(gold_file: Path) -> dict[str, Any]:
    return json.loads(gold_file.read_text(encoding="utf-8"))


def score_record(record: dict[str, Any], gold: dict[str, Any], report: SegmentReport, page: str) -> None:
    """Add one page's comparison to the report's tallies, noting each disagreement under the page."""
    report.pages += 1
    predicted, expected = _values(record), _values(gold)
    lines = report.page_misses.setdefault(page, [])
    for field_name in FIELDS:
        found, wanted = predicted[field_name], expected[field_name]
        matched = _in_order(found, wanted) if field_name in _SEQUENCES else _as_multisets(found, wanted)
        report.tallies[field_name].add(len(matched), len(found), len(wanted))
        lines.extend(f"{page}: {field_name}: missed {value!r}" for value in _without(wanted, matched))
        lines.extend(f"{page}: {field_name}: extra {value!r}" for value in _without(found, matched))
    body = normalise(record.get("body_text") or "")
    for field_name, texts in _gold_texts(gold).items():
        tally = report.tallies[field_name]
        tally.in_text = (tally.in_text or 0) + sum(1 for text in texts if text and normalise(text) in body)


def score_baseline(quotes: list[tuple[str, str]], gold: dict[str, Any], report: SegmentReport) -> None:
    """Add a baseline's (text, speaker) quotes of one page to the report's baseline rows."""
    expected = _values(gold)
    found = {
        "quote text (textacy)": [normalise(text) for text, _ in quotes],
        "quote speaker (textacy)": [(normalise(text), normalise(speaker)) for text, speaker in quotes],
    }
    for field_name, values in found.items():
        wanted = expected[field_name.removesuffix(" (textacy)")]
        report.tallies[field_name].add(len(_as_multisets(values, wanted)), len(values), len(wanted))


def _gold_texts(gold: dict[str, Any]) -> dict[str, list[str]]:
    """The text each gold value is found by in the page's cleaned text."""
    quotes = [quote["text"] for quote in gold.get("quotes", [])]
    return {
        "step titles": [step["title"] for step in gold.get("steps", [])],
        "takeaways": list(gold.get("takeaways", [])),
        "quote text": quotes,
        "quote speaker": quotes,
        "resources": [item.get("title") or item.get("text") or "" for item in gold.get("resources", [])],
    }


def _as_multisets(found: list[object], wanted: list[object]) -> list[object]:
    """The values both sides hold, as many times as both hold them."""
    return list((Counter(found) & Counter(wanted)).elements())


def _in_order(found: list[object], wanted: list[object]) -> list[object]:
    """The longest common subsequence of two sequences (dynamic programming, O(len * len))."""
    lengths = [[0] * (len(wanted) + 1) for _ in range(len(found) + 1)]
    for i, value in enumerate(found):
        for j, other in enumerate(wanted):
            lengths[i + 1][j + 1] = lengths[i][j] + 1 if value == other else max(lengths[i][j + 1], lengths[i + 1][j])
    common, i, j = [], len(found), len(wanted)
    while i and j:
        if found[i - 1] == wanted[j - 1]:
            common.append(found[i - 1])
            i, j = i - 1, j - 1
        elif lengths[i - 1][j] >= lengths[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return common[::-1]


def _without(values: list[object], matched: list[object]) -> list[object]:
    """`values` less one of each matched value."""
    return list((Counter(values) - Counter(matched)).elements())


def _values(fields: dict[str, Any]) -> dict[str, list[object]]:
    """The normalised values of a record or a gold file (they share these keys)."""
    fold = normalise
    steps = fields.get("steps", [])
    quotes = fields.get("quotes", [])
    takeaways = [item if isinstance(item, str) else item["text"] for item in fields.get("takeaways", [])]
    return {
        "page titles": [fold(fields["title"])] if fields.get("title") else [],
        "step titles": [fold(step["title"]) for step in steps],
        "step count": [(position,) for position in range(len(steps))],
        "takeaways": [fold(text) for text in takeaways],
        "quote text": [fold(quote["text"]) for quote in quotes],
        "quote speaker": [(fold(quote["text"]), fold(quote["speaker"])) for quote in quotes],
        "resources": [tuple(fold(item[part]) for part in ("author", "title", "subtitle"))
                      for item in fields.get("resources", [])],
    }


def normalise(value: object) -> object:
    """Casefolded text with curly marks, dashes, quotation marks and spacing made plain.

    A standalone "&" reads as the word "and" ("P. Vantongeren & M. Lusk"), and a serial comma
    before it is dropped ("A, B, & C" = "A, B and C"), in every field of every page: citations
    and sites spell the same author list all these ways.
    """
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).translate(_FOLDS).replace('"', "")
    text = re.sub(r"\s+", " ", text).strip(_EDGE_PUNCTUATION).casefold()
    return re.sub(r",? (?:&|and)(?= )", " and", text)

