"""``retrokit render`` and ``retrokit convert``: plan and render an agenda, or convert any Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from retrokit.cli.options import (
    Folder, command_session, complete, help_option, plugin_options, render_options, write_output,
)


@click.command(add_help_option=False)
@click.argument("kind", shell_complete=complete("kinds"))
@render_options
@click.option(
    "-f", "--format", "format_name", default="markdown", show_default=True,
    shell_complete=complete("formats"), help="Output format.",
)
@click.option("-o", "--output", help="Write here, not stdout (atomically; '-' is stdout).")
@click.option(
    "--output-dir", type=Folder(), metavar="DIR",
    help="With --team (repeatable): write each team's agenda to DIR/<team folder name>.<format extension>.",
)
@plugin_options(many_teams=True)
@help_option
def render(kind, format_name, output, output_dir, **options):
    """Plan a KIND agenda (retro, one-on-one, or a plugin's kind) and print it.

    It opens its follow-up section with the team's open action items (with --with NAME: that person's,
    and the topics they raised last time) and does not repeat prompts from the series' last meetings.
    A plain render changes nothing on disk; --record (or [history] record = true) records it.

    \b
    Many teams in one process, one file each:
      retrokit render retro --team teams/a --team teams/b --output-dir agendas
    """
    from retrokit.api import render_document
    from retrokit.planning.compose import plugin_args, record_meeting, regenerate_args

    plugin = plugin_args(options)
    teams = plugin["team"]
    if output_dir is not None or len(teams) > 1:
        from retrokit.cli.batch import render_teams

        render_teams(kind, format_name, output, output_dir, plugin, options)
        return
    plugin["team"] = teams[0] if teams else None
    session = command_session(**plugin)
    text, composed = render_document(
        session, kind, format_name=format_name, command_args=regenerate_args(**plugin), **options
    )
    write_output(text, output)
    if composed.record:
        record_meeting(session.config, composed)


@click.command()
@click.argument("source", metavar="FILE|-")
@click.option(
    "-t", "--to", "format_name", required=True, shell_complete=complete("formats"), help="Output format."
)
@click.option("-o", "--output", help="Write here, not stdout (atomically; '-' is stdout).")
@click.option("--title", help="Page title (default: the first level-1 heading).")
@plugin_options
def convert(source, format_name, output, title, **plugin_args):
    """Convert any Markdown FILE (or - for stdin) to another format, e.g. --to confluence."""
    from retrokit.planning.compose import render_format
    from retrokit.files import read_document
    from retrokit.rendering import RenderRequest

    session = command_session(**plugin_args)
    output_format = session.catalog.format(format_name)
    markdown = read_document(source, "stdin" if source == "-" else source)
    request = RenderRequest(markdown, config=session.config, title=title or "")
    write_output(render_format(session, output_format, request), output)

