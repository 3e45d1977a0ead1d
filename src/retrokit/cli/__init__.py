"""The ``retrokit`` command line.

Only the document goes to stdout; warnings and errors go to stderr as one line each. Exit codes: 0 ok,
1 failure, 2 usage error. Tracebacks only with ``--debug`` or ``RETROKIT_DEBUG=1``.
Modules beyond click are imported inside the commands that need them, to keep start-up fast.
"""

from __future__ import annotations

import click

from retrokit import __version__
from retrokit.cli.group import LAZY_COMMANDS, RetrokitGroup
from retrokit.cli.options import CONTEXT_SETTINGS, eager_flag, help_option
from retrokit.cli.render import render

__all__ = ["LAZY_COMMANDS", "cli", "main"]


@click.group(name="retrokit", cls=RetrokitGroup, context_settings=CONTEXT_SETTINGS, add_help_option=False)
@eager_flag(
    "-V", "--version", help="Show the version and exit.",
    action=lambda ctx: click.echo(f"retrokit, version {__version__}", color=ctx.color),
)
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors (also RETROKIT_DEBUG=1).")
@help_option
def cli(debug):
    """Plan retrospectives and 1:1s that make empathy behaviours a practice.

    \b
    retrokit render retro                 a 60-minute retro agenda, as Markdown
    retrokit render one-on-one -m 45      a 45-minute 1:1
    retrokit publish notion retro         create or update the agenda's Notion page
    retrokit prompts --behavior validation
    retrokit plugins
    retrokit doctor                       check the team's config, plugins and templates
    """



cli.add_command(render)


def main():
    import gc

    # A command creates thousands of long-lived objects (modules, classes, templates) and few cycles:
    # collecting every 700 allocations, the default, costs a few per cent of a render for nothing.
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    cli(prog_name="retrokit")

