"""The command line: each command parses options and hands them to one library call.

Data goes to stdout, progress and errors to stderr. Exit codes: 0 success, 1 some input
failed, 2 usage error.
"""

from __future__ import annotations

import click

from pipeline import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="advice-pipeline")
def cli() -> None:
    """Turn self-help and advice articles into structured, schema-validated JSON."""


@cli.group(name="eval")
def eval_group() -> None:
    """Measure a stage against gold data and print the figures."""
