"""How every command ends: the exit-code table and the click group that holds every command to it.

Commands raise errors of the one hierarchy (pipeline.errors) or exit with a batch's code; this
group turns an error into its one-line message and code, Ctrl-C into 130, and a closed stdout
(`... | head`) into a quiet stop. No command handles these itself.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from pipeline.errors import PipelineError

DONE, FAILED, USAGE, INTERRUPTED = 0, 1, 2, 130

EXIT_CODES: tuple[tuple[int, str], ...] = (
    (DONE, "done: every input was handled"),
    (FAILED, "some inputs failed or were invalid, each reported as 'error: INPUT: reason'"),
    (USAGE, "usage error, a path that cannot be read, or an output that cannot be written"),
    (INTERRUPTED, "interrupted (Ctrl-C); what finished is kept"),
)
CLOSED_STDOUT = "A closed stdout (`... | head`) stops the run at once, quietly, with 0."

# "\b" keeps click from rewrapping the table.
EPILOG = "\b\nExit codes:\n" + "\n".join(f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES) + (
    f"\n{CLOSED_STDOUT}"
)


class Commands(click.Group):
    """A click group whose commands (and sub-groups) all end by the EXIT_CODES table."""

    group_class = type  # sub-groups are Commands too

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.epilog = cmd.epilog or EPILOG
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # a pipe closed early shows here, not at interpreter exit
        except PipelineError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted: what finished is kept", err=True)
            ctx.exit(INTERRUPTED)
        except BrokenPipeError:
            _discard_stdout()
            ctx.exit(DONE)


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so nothing buffered for the closed pipe fails again at exit."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test runner's buffer): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
