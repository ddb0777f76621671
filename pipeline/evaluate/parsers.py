"""Why the clean stage parses with lxml.html and not BeautifulSoup: the time each takes to build
a page's tree, beside trafilatura's whole extraction and our whole clean stage, on the
ScrapingHub pages.

Every tool gets the same decoded text of every page (decoding is not timed). A round times each
tool over all pages, the tools taking turns within the round so that they share the machine's
load; the figure is the median of the rounds. Run by `make bench-parse`; needs the bench extra
(beautifulsoup4, trafilatura).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import lxml.html

from pipeline.clean import clean, decode_html
from pipeline.errors import PipelineError, UsageError
from pipeline.evaluate import SHARED
from pipeline.extraction import page_from_html
from pipeline.settings import Settings

DEFAULT_BENCH_DIR = SHARED / "bench" / "scrapinghub"

Parse = Callable[[str], object]


def tools() -> list[tuple[str, Parse]]:
    """(name, call on a page's text) of every contender, ours last."""
    try:
        import trafilatura
        from bs4 import BeautifulSoup
    except ImportError as error:
        raise UsageError(error.name or "bench extra", "not installed: pip install -e '.[bench]'") from None
    settings = Settings()
    return [
        ("BeautifulSoup(html.parser) tree", lambda text: BeautifulSoup(text, "html.parser")),
        ("BeautifulSoup(lxml) tree", lambda text: BeautifulSoup(text, "lxml")),
        ("lxml.html tree", lxml.html.document_fromstring),
        ("trafilatura.extract, whole", lambda text: trafilatura.extract(text, include_comments=False)),
        ("advice-pipeline clean, whole", lambda text: _clean(text, settings)),
    ]


def _clean(text: str, settings: Settings) -> object:
    try:
        return clean(page_from_html(text), settings)
    except PipelineError:
        return None  # a page with no article costs its time all the same


def load_texts(bench_dir: Path) -> list[str]:
    """The decoded text of every page of a ScrapingHub bench folder, in name order."""
    files = sorted((bench_dir / "html").glob("*.html.gz"))
    if not files:
        raise UsageError(str(bench_dir), "no html/*.html.gz: not a ScrapingHub benchmark directory")
    return [decode_html(gzip.decompress(path.read_bytes()), None) for path in files]


def time_rounds(texts: Sequence[str], contenders: Sequence[tuple[str, Parse]], rounds: int) -> dict[str, float]:
    """Median seconds over all pages per contender, the contenders taking turns each round."""
    seconds: dict[str, list[float]] = {name: [] for name, _ in contenders}
    for _ in range(rounds):
        for name, parse in contenders:
            started = time.perf_counter()
            for text in texts:
                parse(text)
            seconds[name].append(time.perf_counter() - started)
    return {name: statistics.median(times) for name, times in seconds.items()}


def table(medians: dict[str, float], pages: int, rounds: int) -> str:
    baseline = medians["lxml.html tree"]
    lines = [
        f"{pages} pages, median of {rounds} rounds",
        "| what | ms per page | x lxml.html tree |",
        "|---|---|---|",
    ]
    lines += [
        f"| {name} | {seconds / pages * 1000:.2f} | {seconds / baseline:.1f} |" for name, seconds in medians.items()
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR, help="ScrapingHub benchmark folder")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds; the median is reported")
    arguments = parser.parse_args(argv)
    try:
        texts, contenders = load_texts(arguments.bench_dir), tools()
    except PipelineError as error:
        sys.exit(f"error: {error}")
    print(table(time_rounds(texts, contenders, arguments.rounds), len(texts), arguments.rounds))


if __name__ == "__main__":
    main()
