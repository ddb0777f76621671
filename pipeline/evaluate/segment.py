"""Score the segmenter against the gold files of a corpus: precision, recall and F1 per field.

Each `<page>.gold.json` names its page (relative to the gold file) and lists the steps,
takeaways, quotes and resources a careful reader finds there. Every page is run through the
real clean and segment stages; each field is compared as a multiset of normalised values,
summed over the corpus (micro average).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.clean import clean
from pipeline.errors import PipelineError, UsageError
from pipeline.evaluate import CHECKOUT
from pipeline.model import Structure
from pipeline.segment import segment
from pipeline.settings import Settings
from pipeline.sources import read_page

FIELDS = ("step titles", "step count", "takeaways", "quote text", "quote speaker", "resources")
_FOLDS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})
DEFAULT_CORPUS = CHECKOUT / "corpus"


@dataclass(slots=True)
class Tally:
    """Matched, predicted and gold counts of one field."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

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

    def add(self, predicted: Counter[object], gold: Counter[object]) -> None:
        self.matched += sum((predicted & gold).values())
        self.predicted += sum(predicted.values())
        self.gold += sum(gold.values())


@dataclass(slots=True)
class SegmentReport:
    """The tallies of every field over the corpus, and the pages that could not be scored."""

    pages: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in FIELDS})
    failures: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def table(self) -> str:
        """The figures as an aligned plain-text table, one field a row."""
        rows = [("field", "precision", "recall", "F1", "matched", "predicted", "gold")]
        for name, tally in self.tallies.items():
            rows.append((name, f"{tally.precision:.3f}", f"{tally.recall:.3f}", f"{tally.f1:.3f}",
                         str(tally.matched), str(tally.predicted), str(tally.gold)))
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        lines = ["  ".join(cell.ljust(width) if column == 0 else cell.rjust(width)
                           for column, (cell, width) in enumerate(zip(row, widths))) for row in rows]
        return "\n".join([*lines, f"pages: {self.pages}"])


def evaluate_corpus(corpus: Path, settings: Settings) -> SegmentReport:
    """Run clean and segment on every page of `corpus` that has a gold file, and score the fields."""
    gold_files = sorted(corpus.glob("*.gold.json"))
    if not gold_files:
        raise UsageError(str(corpus), "no *.gold.json files in the corpus directory")
    report = SegmentReport()
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        page_path = gold_file.parent / gold["page"]
        try:
            document = clean(read_page(str(page_path), settings), settings)
        except PipelineError as error:
            report.failures.append(str(error))
            continue
        score_page(segment(document), gold, report, page_path.name)
    return report


def score_page(structure: Structure, gold: dict, report: SegmentReport, name: str) -> None:
    """Add one page's comparison to the report's tallies, noting each disagreement in `misses`."""
    report.pages += 1
    predicted, expected = _fields(structure), _gold_fields(gold)
    for field_name in FIELDS:
        found, wanted = Counter(predicted[field_name]), Counter(expected[field_name])
        report.tallies[field_name].add(found, wanted)
        report.misses.extend(f"{name}: {field_name}: missed {value!r}" for value in (wanted - found).elements())
        report.misses.extend(f"{name}: {field_name}: extra {value!r}" for value in (found - wanted).elements())


def _fields(structure: Structure) -> dict[str, list[object]]:
    return _compare_values(
        steps=[(step.number, step.title) for step in structure.steps],
        takeaways=[takeaway.text for takeaway in structure.takeaways],
        quotes=[(quote.text, quote.speaker) for quote in structure.quotes],
        resources=[(item.author, item.title, item.subtitle) for item in structure.resources],
    )


def _gold_fields(gold: dict) -> dict[str, list[object]]:
    return _compare_values(
        steps=[(step["number"], step["title"]) for step in gold.get("steps", [])],
        takeaways=list(gold.get("takeaways", [])),
        quotes=[(quote["text"], quote["speaker"]) for quote in gold.get("quotes", [])],
        resources=[(item["author"], item["title"], item["subtitle"]) for item in gold.get("resources", [])],
    )


def _compare_values(steps: list, takeaways: list, quotes: list, resources: list) -> dict[str, list[object]]:
    """Normalised values per field; a page's step count counts as that many units of count."""
    fold = _normalise
    return {
        "step titles": [(number, fold(title)) for number, title in steps],
        "step count": [(position,) for position in range(len(steps))],
        "takeaways": [fold(text) for text in takeaways],
        "quote text": [fold(text) for text, _ in quotes],
        "quote speaker": [(fold(text), fold(speaker)) for text, speaker in quotes],
        "resources": [tuple(fold(part) for part in item) for item in resources],
    }


def _normalise(value: object) -> object:
    """Casefolded text with curly marks, dashes and spacing made plain, so style is not scored.

    A standalone "&" reads as the word "and" ("P. Vantongeren & M. Lusk"), and a serial comma
    before it is dropped ("A, B, & C" = "A, B and C"), in every field of every page: citations
    and sites spell the same author list all these ways.
    """
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).translate(_FOLDS)
    text = re.sub(r"\s+", " ", text).strip().strip(".,;:").casefold()
    return re.sub(r",? (?:&|and)(?= )", " and", text)
