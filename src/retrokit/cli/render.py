"""``retrokit render`` and ``retrokit convert``: plan and render an agenda, or convert any Markdown."""

from __future__ import annotations

import click

from retrokit.cli.options import command_session, complete, plugin_options, render_options, write_output


@click.command()
@click.argument("kind", shell_complete=complete("kinds"))
@render_options
@click.option(
    "-f", "--format", "format_name", default="markdown", show_default=True,
    shell_complete=complete("formats"), help="Output format.",
)
@click.option("-o", "--output", help="Write here, not stdout (atomically; '-' is stdout).")
@plugin_options
def render(kind, format_name, output, **options):
    """Plan a KIND agenda (retro, one-on-one, or a plugin's kind) and print it.

    It opens its follow-up section with the team's open action items (with --with NAME: that person's,
    and the topics they raised last time) and does not repeat prompts from the series' last meetings.
    A plain render changes nothing on disk; --record (or [history] record = true) records it.
    """
    from retrokit.planning.compose import compose, plugin_args, record_meeting, regenerate_args, render_format
    from retrokit.rendering import RenderRequest

    plugin = plugin_args(options)
    session = command_session(**plugin)
    output_format = session.catalog.format(format_name)
    composed = compose(session, kind, format_name=format_name, command_args=regenerate_args(**plugin), **options)
    request = RenderRequest(
        composed.markdown, agenda=composed.agenda, members=session.config.members, title=options["title"] or ""
    )
    write_output(render_format(session, output_format, request), output)
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
    request = RenderRequest(markdown, members=session.config.members, title=title or "")
    write_output(render_format(session, output_format, request), output)

