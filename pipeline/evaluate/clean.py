"""The clean-stage benchmark: our extractor and trafilatura side by side on the ScrapingHub pages.

The metric is the one in the benchmark's README: multisets of 4-word shingles per page, precision
and recall averaged over pages, F1 from the two means. trafilatura is imported here only, as the
optional `bench` extra.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.clean import clean, main_text
from pipeline.errors import PipelineError, UsageError
from pipeline.evaluate import SHARED
from pipeline.model import Page, Source
from pipeline.settings import Settings

DEFAULT_BENCH_DIR = SHARED / "bench" / "scrapinghub"
_WORD = re.compile(r"\w+")
_SHINGLE = 4

Extractor = Callable[[bytes], str]


@dataclass(frozen=True, slots=True)
class BenchPage:
    page_id: str
    html: bytes
    expected: str


@dataclass(frozen=True, slots=True)
class ToolScore:
    """One tool's figures over the whole set."""

    tool: str
    precision: float
    recall: float
    f1: float
    pages_per_second: float


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-word shingles of `text`; shorter texts are one shorter shingle."""
    words = _WORD.findall(text)
    if len(words) < _SHINGLE:
        return Counter([tuple(words)] if words else [])
    return Counter(tuple(words[index : index + _SHINGLE]) for index in range(len(words) - _SHINGLE + 1))


def page_precision_recall(predicted: str, expected: str) -> tuple[float | None, float]:
    """Precision (None when nothing was predicted) and recall of one page."""
    got, want = shingles(predicted), shingles(expected)
    true_positive = sum((got & want).values())
    false_positive = sum(got.values()) - true_positive
    false_negative = sum(want.values()) - true_positive
    if false_positive == false_negative == 0:
        return 1.0, 1.0
    precision = true_positive / (true_positive + false_positive) if got else None
    recall = true_positive / (true_positive + false_negative) if want else 1.0
    return precision, recall


def score(tool: str, predictions: Sequence[str], pages: Sequence[BenchPage], seconds: float) -> ToolScore:
    """Mean precision and recall over pages, and F1 of the two means."""
    pairs = [page_precision_recall(text, page.expected) for text, page in zip(predictions, pages, strict=True)]
    precisions = [precision for precision, _ in pairs if precision is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recall for _, recall in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ToolScore(tool, precision, recall, f1, len(pages) / seconds if seconds else 0.0)


def load_pages(bench_dir: Path) -> list[BenchPage]:
    """The benchmark pages with their hand-written article bodies, in id order."""
    truth_path = bench_dir / "ground-truth.json"
    if not truth_path.is_file():
        raise UsageError(str(bench_dir), "no ground-truth.json: not a ScrapingHub benchmark directory")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    return [
        BenchPage(page_id, gzip.decompress((bench_dir / "html" / f"{page_id}.html.gz").read_bytes()), entry["articleBody"])
        for page_id, entry in sorted(truth.items())
    ]


def run_tools(tools: Sequence[tuple[str, Extractor]], pages: Sequence[BenchPage]) -> list[ToolScore]:
    """Time every tool on every page and score what each returned.

    The tools take turns page by page, so a shared machine's load falls on all of them alike.
    """
    predictions: list[list[str]] = [[] for _ in tools]
    seconds = [0.0] * len(tools)
    for page in pages:
        for index, (_, extract) in enumerate(tools):
            started = time.perf_counter()
            predictions[index].append(extract(page.html))
            seconds[index] += time.perf_counter() - started
    return [
        score(name, predicted, pages, spent)
        for (name, _), predicted, spent in zip(tools, predictions, seconds, strict=True)
    ]


def our_extractor(settings: Settings) -> Extractor:
    def extract(html: bytes) -> str:
        try:
            document = clean(Page(Source(content_sha256=""), html), settings)
        except PipelineError:
            return ""
        return main_text(document)

    return extract


def trafilatura_extractor(favor_precision: bool, include_comments: bool = True) -> Extractor:
    import trafilatura

    def extract(html: bytes) -> str:
        return trafilatura.extract(html, favor_precision=favor_precision, include_comments=include_comments) or ""

    return extract


def benchmark(bench_dir: Path, settings: Settings) -> list[ToolScore]:
    """Score our clean stage and trafilatura (default and favor_precision, with and without
    comments) in one run."""
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        raise UsageError("trafilatura", "not installed: pip install -e '.[bench]'") from None
    pages = load_pages(bench_dir)
    # trafilatura keeps comments by default; the gold bodies never hold any, and the figures
    # published for this set are without them, so both settings are shown.
    tools = [
        ("advice-pipeline clean", our_extractor(settings)),
        ("trafilatura default", trafilatura_extractor(False)),
        ("trafilatura favor_precision", trafilatura_extractor(True)),
        ("trafilatura default, no comments", trafilatura_extractor(False, include_comments=False)),
        ("trafilatura favor_precision, no comments", trafilatura_extractor(True, include_comments=False)),
    ]
    return run_tools(tools, pages)


def format_table(scores: Sequence[ToolScore]) -> str:
    """A Markdown table of the figures, and our speed relative to trafilatura default."""
    lines = ["| tool | precision | recall | F1 | pages/s |", "|---|---|---|---|---|"]
    lines += [
        f"| {s.tool} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.pages_per_second:.1f} |" for s in scores
    ]
    ours, reference = scores[0], scores[1]
    if reference.pages_per_second:
        ratio = ours.pages_per_second / reference.pages_per_second
        lines.append(f"\nspeed ratio ({ours.tool} / {reference.tool}): {ratio:.2f}x")
    return "\n".join(lines)
