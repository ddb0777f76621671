"""`make bench-validate`: what the contract check costs, in `validate` and inside `run`.

1. Throughput: `advice-pipeline validate` in a child process (one core when make pins it) over
   a .jsonl of copies of the seed page's record, median of --runs, per second of the child's
   CPU time (the machine is shared, so wall-clock time is printed beside it); and, in the same
   run, the check it replaced (json.loads, then jsonschema's Draft202012Validator).
2. Memory: peak resident memory of `validate` over a --memory-gb .jsonl of the same records,
   written under --work-dir and removed afterwards.
3. Inside run: for every corpus page, the time of extract_page (clean, segment, tag, build and
   check) against the time of check_record alone on its record; the share is the ratio of sums.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from jsonschema import Draft202012Validator

from pipeline.record_schema import load_schema
from pipeline.settings import Settings
from pipeline.sources import iter_source_paths, read_page
from pipeline.validation import check_record

SEED_NAME = "enotalone-12-crucial-steps-to-get-your-ex-back.html"


def main(argv: list[str] | None = None) -> None:
    """Print validate's MB/s and records/s, its peak memory on a large file, and the check's share of run."""
    options = _options(argv)
    line = _seed_line(options.corpus / SEED_NAME)
    options.work_dir.mkdir(parents=True, exist_ok=True)
    _throughput(line, options)
    _memory(line, options)
    pages = list(iter_source_paths([str(options.corpus)]))
    page_seconds, check_seconds = _inside_run(pages, Settings.from_env())
    share = check_seconds / page_seconds
    print(f"inside run: {len(pages)} corpus pages, {page_seconds / len(pages) * 1000:.1f} ms a page, "
          f"of which the check {check_seconds / len(pages) * 1000:.2f} ms ({share:.2%})")


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate.validate_bench", description=main.__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="directory of .html pages")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/advice-pipeline-bench-validate"),
                        help="where the generated .jsonl files go (removed afterwards)")
    parser.add_argument("--throughput-mb", type=int, default=220, help="size of the throughput file")
    parser.add_argument("--memory-gb", type=float, default=2.0, help="size of the memory file")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the median counts")
    return parser.parse_args(argv)


def _seed_line(page: Path) -> bytes:
    """The seed page's record as one JSON line, made by `run` in a child process, so that this
    process stays small while it starts the children whose memory is measured."""
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(page), "-o", "-"],
                          capture_output=True, check=True)
    return done.stdout


def _inside_run(pages: list[str], settings: Settings) -> tuple[float, float]:
    # Imported here, after the children whose memory is measured: a child forked from a
    # process holding spaCy would count spaCy's pages in its peak resident memory.
    from pipeline.extraction import extract_page, prepare

    prepare(settings)
    page_seconds, check_seconds = 0.0, 0.0
    for page in pages:
        started = time.perf_counter()
        record = extract_page(read_page(page, settings), settings)
        page_seconds += time.perf_counter() - started
        check_seconds += _median_seconds(lambda record=record, page=page: check_record(record, page), 5)
    return page_seconds, check_seconds


def _throughput(line: bytes, options: argparse.Namespace) -> None:
    copies = max(1, options.throughput_mb * 10**6 // len(line))
    path = _write_copies(options.work_dir / "throughput.jsonl", line, copies)
    try:
        runs = [_validate(path) for _ in range(options.runs)]
    finally:
        path.unlink()
    wall = statistics.median(run[0] for run in runs)
    cpu = statistics.median(run[1] for run in runs)
    megabytes = copies * len(line) / 1e6
    before = _before_records_per_second(line)
    print(f"validate: {copies:,} records of {len(line) / 1000:.0f} KB ({megabytes:,.0f} MB), median of {options.runs} runs: "
          f"{megabytes / cpu:,.0f} MB/s, {copies / cpu:,.0f} records/s of CPU time ({cpu:.2f} s); wall clock "
          f"{megabytes / wall:,.0f} MB/s ({wall:.2f} s)")
    print(f"before: json + jsonschema on the same records, same run: {before:,.1f} records/s ({copies / cpu / before:,.0f}x)")


def _memory(line: bytes, options: argparse.Namespace) -> None:
    copies = max(1, int(options.memory_gb * 2**30) // len(line))
    path = _write_copies(options.work_dir / "memory.jsonl", line, copies)
    try:
        wall, cpu, peak_kib = _validate(path)
    finally:
        path.unlink()
    print(f"validate: {copies:,} records, a {copies * len(line) / 2**30:.2f} GiB .jsonl: {wall:.1f} s, "
          f"peak memory (max RSS) {peak_kib / 1024:,.0f} MiB")


def _write_copies(path: Path, line: bytes, copies: int) -> Path:
    with path.open("wb") as out:
        for _ in range(copies):
            out.write(line)
    return path


def _validate(path: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak resident KiB of `advice-pipeline validate PATH`, a child process."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "pipeline", "validate", str(path)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"validate found problems in {path} or failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def _before_records_per_second(line: bytes) -> float:
    validator = Draft202012Validator(load_schema())
    text = line.decode("utf-8")
    count = 20
    started = time.perf_counter()
    for _ in range(count):
        errors = list(validator.iter_errors(json.loads(text)))
        assert not errors
    return count / (time.perf_counter() - started)


def _median_seconds(work: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


if __name__ == "__main__":
    main()
