"""The clean-stage benchmark: our extractor and trafilatura side by side, page by page, in one run.

Two bench layouts are read, each scored by its own README's metric:

- ScrapingHub (`ground-truth.json` beside `html/`): multisets of 4-word shingles per page,
  precision and recall averaged over pages, F1 from the two means.
- WCXB (`ground-truth/<id>.json` beside `html/`): multisets of lower-cased words per page,
  precision, recall and F1 each averaged over pages; the gold also has title, author, date and
  `with` / `without` snippets.

What is scored is what users get: `clean()` then `main_text()`, the code path of
`advice-pipeline clean --text` (and the record's `body_text`). trafilatura (the `test` extra) runs
with comments off, its metadata from the same call.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.clean import clean, main_text
from pipeline.errors import PipelineError, UsageError
from pipeline.evaluate import SHARED
from pipeline.model import Page, Source
from pipeline.settings import Settings

DEFAULT_BENCH_DIRS = (SHARED / "bench" / "wcxb-dev-articles", SHARED / "bench" / "scrapinghub")
_WORD = re.compile(r"\w+")
_SHINGLE = 4
# A page is cut short when a tool keeps less than this share of the gold words...
_CUT_BELOW = 0.5
# ... while the other tool keeps more than this share.
_OTHER_ABOVE = 0.8
_LONG_GOLD_WORDS = 200
_NAME_FILLERS = frozenset(("and", "by"))


@dataclass(frozen=True, slots=True)
class BenchPage:
    """One page and its gold: the main text, and (WCXB only) metadata and snippets."""

    page_id: str
    html: bytes
    expected: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BenchSet:
    """A bench folder's pages and the metric its README defines ("shingles" or "words")."""

    name: str
    metric: str
    pages: tuple[BenchPage, ...]
    has_metadata: bool = False


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a tool gave for one page; `text` is None when it refused the page."""

    text: str | None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class PageScore:
    precision: float | None
    recall: float
    f1: float
    kept: float


@dataclass(frozen=True, slots=True)
class ToolScore:
    """One tool's figures over a whole bench set."""

    tool: str
    precision: float
    recall: float
    f1: float
    pages_per_second: float
    refused: int = 0
    refused_long: int = 0
    cut_short: int = 0
    with_kept: float | None = None
    without_dropped: float | None = None
    title: float | None = None
    author: float | None = None
    date: float | None = None


@dataclass(frozen=True, slots=True)
class SetReport:
    """Both tools' figures on one bench set, and the pages where we trail most."""

    bench: BenchSet
    scores: tuple[ToolScore, ...]
    worst: tuple[tuple[BenchPage, PageScore, PageScore, Extraction], ...] = field(default=())


Extractor = Callable[[bytes], Extraction]


@dataclass(frozen=True, slots=True)
class Tool:
    """A named extractor, timed; `metadata` (untimed) fills in title, author and date afterwards."""

    name: str
    extract: Extractor
    metadata: Callable[[bytes, Extraction], Extraction] | None = None


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-word shingles of `text`; shorter texts are one shorter shingle."""
    words = _WORD.findall(text)
    if len(words) < _SHINGLE:
        return Counter([tuple(words)] if words else [])
    return Counter(tuple(words[index : index + _SHINGLE]) for index in range(len(words) - _SHINGLE + 1))


def words(text: str) -> Counter[str]:
    """The multiset of lower-cased words of `text`."""
    return Counter(_WORD.findall(text.lower()))


def page_precision_recall(predicted: str, expected: str, metric: str = "shingles") -> tuple[float | None, float]:
    """Precision (None when nothing was predicted) and recall of one page under `metric`."""
    bag = shingles if metric == "shingles" else words
    got, want = bag(predicted), bag(expected)
    true_positive = sum((got & want).values())
    false_positive = sum(got.values()) - true_positive
    false_negative = sum(want.values()) - true_positive
    if false_positive == false_negative == 0:
        return 1.0, 1.0
    precision = true_positive / (true_positive + false_positive) if got else None
    recall = true_positive / (true_positive + false_negative) if want else 1.0
    return precision, recall


def page_score(predicted: str | None, page: BenchPage, metric: str) -> PageScore:
    """One page's precision, recall, F1 and the share of gold words kept."""
    precision, recall = page_precision_recall(predicted or "", page.expected, metric)
    if metric == "words" and precision is None:
        precision = 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    if precision == recall == 1.0:
        f1 = 1.0
    want = words(page.expected)
    kept = sum((words(predicted or "") & want).values()) / sum(want.values()) if want else 1.0
    return PageScore(precision, recall, f1, kept)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _folded_words(text: str | None) -> tuple[str, ...]:
    return tuple(_WORD.findall((text or "").casefold()))


def same_title(predicted: str | None, gold: str | None) -> bool:
    """Titles match when their words match, case and punctuation aside."""
    return _folded_words(predicted) == _folded_words(gold)


def same_author(predicted: str | None, gold: str | None) -> bool:
    """Authors match when they name the same words, in any order, 'and' and 'by' aside."""
    return set(_folded_words(predicted)) - _NAME_FILLERS == set(_folded_words(gold)) - _NAME_FILLERS


def same_date(predicted: str | None, gold: str | None) -> bool:
    """Dates match on the day (the first ten characters of their ISO 8601 form)."""
    return (predicted or "")[:10] == (gold or "")[:10]


def _snippet_share(pages: Sequence[BenchPage], texts: Sequence[str | None], *, wanted: bool) -> float | None:
    hits = total = 0
    for page, text in zip(pages, texts, strict=True):
        found = " ".join(_folded_words(text))
        for snippet in page.with_snippets if wanted else page.without_snippets:
            needle = " ".join(_folded_words(snippet))
            if needle:
                total += 1
                hits += (needle in found) == wanted
    return hits / total if total else None


def score_tool(
    tool: str, bench: BenchSet, extractions: Sequence[Extraction], seconds: float, others: Sequence[PageScore] | None,
) -> tuple[ToolScore, list[PageScore]]:
    """A tool's figures on a set; `others` (the other tool's page scores) defines "cut short"."""
    pages = bench.pages
    scores = [page_score(extraction.text, page, bench.metric) for extraction, page in zip(extractions, pages, strict=True)]
    precisions = [page.precision for page in scores if page.precision is not None]
    precision, recall = _mean(precisions), _mean([page.recall for page in scores])
    if bench.metric == "shingles":
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    else:
        f1 = _mean([page.f1 for page in scores])
    refused = [page for extraction, page in zip(extractions, pages, strict=True) if not extraction.text]
    cut = 0
    if others is not None:
        cut = sum(1 for ours, theirs in zip(scores, others, strict=True)
                  if ours.kept < _CUT_BELOW and theirs.kept > _OTHER_ABOVE)
    texts = [extraction.text for extraction in extractions]

    def accuracy(same: Callable[[str | None, str | None], bool], gold: Callable[[BenchPage], str | None],
                 got: Callable[[Extraction], str | None]) -> float | None:
        if not bench.has_metadata:
            return None
        return _mean([float(same(got(e), gold(p))) for e, p in zip(extractions, pages, strict=True)])

    return ToolScore(
        tool, precision, recall, f1, len(pages) / seconds if seconds else 0.0,
        refused=len(refused),
        refused_long=sum(1 for page in refused if sum(words(page.expected).values()) >= _LONG_GOLD_WORDS),
        cut_short=cut,
        with_kept=_snippet_share(pages, texts, wanted=True),
        without_dropped=_snippet_share(pages, texts, wanted=False),
        title=accuracy(same_title, lambda p: p.title, lambda e: e.title),
        author=accuracy(same_author, lambda p: p.author, lambda e: e.author),
        date=accuracy(same_date, lambda p: p.date, lambda e: e.date),
    ), scores


def load_bench(bench_dir: Path) -> BenchSet:
    """A bench folder in either layout, its pages in id order."""
    if (bench_dir / "ground-truth.json").is_file():
        return BenchSet(bench_dir.name, "shingles", tuple(_scrapinghub_pages(bench_dir)))
    if (bench_dir / "ground-truth").is_dir():
        return BenchSet(bench_dir.name, "words", tuple(_wcxb_pages(bench_dir)), has_metadata=True)
    raise UsageError(str(bench_dir), "neither ground-truth.json (ScrapingHub) nor ground-truth/ (WCXB): not a bench folder")


def load_pages(bench_dir: Path) -> list[BenchPage]:
    """The pages of a bench folder, in id order."""
    return list(load_bench(bench_dir).pages)


def _scrapinghub_pages(bench_dir: Path) -> list[BenchPage]:
    truth = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        BenchPage(page_id, _html(bench_dir, page_id), entry["articleBody"], url=entry.get("url"))
        for page_id, entry in sorted(truth.items())
    ]


def _wcxb_pages(bench_dir: Path) -> list[BenchPage]:
    pages = []
    for path in sorted((bench_dir / "ground-truth").glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        gold = entry["ground_truth"]
        pages.append(BenchPage(
            path.stem, _html(bench_dir, path.stem), gold.get("main_content") or "", url=entry.get("url"),
            title=gold.get("title"), author=gold.get("author"), date=gold.get("publish_date"),
            with_snippets=tuple(gold.get("with") or ()), without_snippets=tuple(gold.get("without") or ()),
        ))
    return pages


def _html(bench_dir: Path, page_id: str) -> bytes:
    return gzip.decompress((bench_dir / "html" / f"{page_id}.html.gz").read_bytes())


def run_tools(tools: Sequence[Tool], pages: Sequence[BenchPage]) -> tuple[list[list[Extraction]], list[float]]:
    """Every tool's extraction of every page, and the seconds each spent extracting.

    The tools take turns page by page, so a shared machine's load falls on all of them alike.
    """
    extractions: list[list[Extraction]] = [[] for _ in tools]
    seconds = [0.0] * len(tools)
    for page in pages:
        for index, tool in enumerate(tools):
            started = time.perf_counter()
            extraction = tool.extract(page.html)
            seconds[index] += time.perf_counter() - started
            extractions[index].append(tool.metadata(page.html, extraction) if tool.metadata else extraction)
    return extractions, seconds


def our_extractor(settings: Settings) -> Extractor:
    """clean() and main_text(): what `advice-pipeline clean --text` prints."""

    def extract(html: bytes) -> Extraction:
        try:
            document = clean(Page(Source(content_sha256=""), html), settings)
        except PipelineError as error:
            return Extraction(None, reason=error.reason)
        metadata = document.metadata
        return Extraction(main_text(document), metadata.title, metadata.author, metadata.published)

    return extract


def trafilatura_tool() -> Tool:
    """trafilatura's default extraction without comments (timed), then its metadata (untimed).

    Its default `extract()` skips metadata, so its pages/s are those of the text alone.
    """
    import trafilatura
    from trafilatura.metadata import extract_metadata

    def extract(html: bytes) -> Extraction:
        return Extraction(trafilatura.extract(html, include_comments=False) or None)

    def metadata(html: bytes, extraction: Extraction) -> Extraction:
        found = extract_metadata(html)
        return Extraction(extraction.text, found.title, found.author, found.date)

    return Tool(f"trafilatura {trafilatura.__version__}", extract, metadata)


def evaluate(bench_dirs: Sequence[Path], settings: Settings, worst: int = 0) -> list[SetReport]:
    """Score our clean stage and trafilatura in one run on every bench folder."""
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        raise UsageError("trafilatura", "not installed: pip install -e '.[test]'") from None
    benches = [load_bench(bench_dir) for bench_dir in bench_dirs]
    tools = [Tool("advice-pipeline clean", our_extractor(settings)), trafilatura_tool()]
    return [compare(bench, tools, worst) for bench in benches]


def compare(bench: BenchSet, tools: Sequence[Tool], worst: int = 0) -> SetReport:
    """Run our tool and the reference (in that order) on a set and score both."""
    (ours, theirs), (our_seconds, their_seconds) = run_tools(tools, bench.pages)
    _, their_pages = score_tool(tools[1].name, bench, theirs, their_seconds, None)
    our_score, our_pages = score_tool(tools[0].name, bench, ours, our_seconds, their_pages)
    their_score, _ = score_tool(tools[1].name, bench, theirs, their_seconds, our_pages)
    order = sorted(range(len(bench.pages)), key=lambda index: our_pages[index].f1 - their_pages[index].f1)
    trailing = [index for index in order[:worst] if our_pages[index].f1 < their_pages[index].f1]
    return SetReport(
        bench, (our_score, their_score),
        tuple((bench.pages[index], our_pages[index], their_pages[index], ours[index]) for index in trailing),
    )


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_report(report: SetReport) -> str:
    """A Markdown table of both tools' figures on one set, the speed ratio and the worst pages."""
    bench = report.bench
    metric = "4-word shingles, F1 of the mean P and R" if bench.metric == "shingles" else "words, mean of per-page F1"
    lines = [
        f"## {bench.name}: {len(bench.pages)} pages ({metric})",
        "| tool | P | R | F1 | refused (>= 200 gold words) | cut short | with kept | without dropped"
        " | title | author | date | pages/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {s.tool} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.refused} ({s.refused_long}) | {s.cut_short}"
        f" | {_figure(s.with_kept)} | {_figure(s.without_dropped)} | {_figure(s.title)} | {_figure(s.author)}"
        f" | {_figure(s.date)} | {s.pages_per_second:.1f} |"
        for s in report.scores
    ]
    ours, reference = report.scores
    if reference.pages_per_second:
        lines.append(f"\nspeed ratio ({ours.tool} / {reference.tool}): {ours.pages_per_second / reference.pages_per_second:.2f}x")
    if report.worst:
        lines.append(f"\nwhere we trail {reference.tool} most (page: our F1 / theirs, gold words, url):")
        lines += [
            f"- {page.page_id}: {our.f1:.3f} / {their.f1:.3f}, {sum(words(page.expected).values())} words,"
            f" kept {our.kept:.0%}{f' (refused: {extraction.reason})' if extraction.text is None else ''}, {page.url}"
            for page, our, their, extraction in report.worst
        ]
    return "\n".join(lines)
