"""What every command shares: the plugin and render options, the command's session, writing the output."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

import click

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def debug_requested(args) -> bool:
    return "--debug" in args or os.environ.get("RETROKIT_DEBUG", "").lower() in {"1", "true", "yes"}



def eager_flag(*names: str, help: str, action):
    """An eager flag that runs ``action(ctx)`` and exits, as ``--help`` and ``--version`` do.

    click's own help and version options look their texts up with gettext even when given one, and the
    first lookup imports ``locale`` (about 5 M instructions of a render); these are the same options
    without it. Commands on the render path take ``help_option`` as their last option, with
    ``add_help_option=False``: the same option in the same place."""

    def callback(ctx, param, value):
        if value and not ctx.resilient_parsing:
            action(ctx)
            ctx.exit()

    return click.option(*names, is_flag=True, expose_value=False, is_eager=True, callback=callback, help=help)


#: ``-h/--help``.
help_option = eager_flag(
    *CONTEXT_SETTINGS["help_option_names"], help="Show this message and exit.",
    action=lambda ctx: click.echo(ctx.get_help(), color=ctx.color),
)


class Folder(click.ParamType):
    """A folder, as ``click.Path(file_okay=False, path_type=Path)`` takes it (``exists``: it must exist).

    The click.Path is made when a value comes: making one looks its name up with gettext (see
    ``help_option``). ``whole_envvar``: the environment variable is one folder even where the option
    is repeatable (RETROKIT_TEAM is never split)."""

    name = "directory"
    envvar_list_splitter = os.path.pathsep  # as click.Path splits a repeatable option's variable

    def __init__(self, *, exists: bool = False, whole_envvar: bool = False):
        self.exists, self.whole_envvar = exists, whole_envvar

    @cached_property
    def _path(self) -> click.Path:
        return click.Path(exists=self.exists, file_okay=False, path_type=Path)

    def convert(self, value, param, ctx):
        return self._path.convert(value, param, ctx)

    def shell_complete(self, ctx, param, incomplete):
        return self._path.shell_complete(ctx, param, incomplete)

    def to_info_dict(self) -> dict:
        return self._path.to_info_dict()

    def split_envvar_value(self, rv: str):
        if self.whole_envvar:
            return [rv] if rv else []
        return super().split_envvar_value(rv)


_TEAM_HELP = "Team folder holding retrokit.toml (default: the nearest one above the current folder)."

#: ``--team DIR``, for every command that works in a team folder.
team_option = click.option("--team", type=Folder(whole_envvar=True), envvar="RETROKIT_TEAM", help=_TEAM_HELP)

#: ``--team DIR`` repeatable (``render``: several teams with ``--output-dir``); a tuple, maybe empty.
teams_option = click.option(
    "--team", type=Folder(whole_envvar=True), envvar="RETROKIT_TEAM", multiple=True,
    help=_TEAM_HELP[:-1] + "; repeat it with --output-dir DIR to render for many teams.",
)


#: ``--lang CODE``, for every command that renders or lists prompts.
lang_option = click.option(
    "--lang", envvar="RETROKIT_LANG", metavar="CODE",
    help="The language of what participants read, e.g. de, es, fr (default: [team] lang, else en).",
)


def plugin_options(fn=None, *, many_teams: bool = False):
    """Options shared by every command that loads plugins (``many_teams``: ``--team`` is repeatable)."""
    if fn is None:
        return lambda fn: plugin_options(fn, many_teams=many_teams)
    options = [
        teams_option if many_teams else team_option,
        click.option(
            "--plugins-dir",
            multiple=True,
            type=Folder(exists=True),
            help="Load every *.py file in this folder as a plugin (repeatable).",
        ),
        click.option("--disable-plugin", multiple=True, metavar="NAME", help="Do not load this plugin (repeatable)."),
        click.option("--strict", is_flag=True, help="Treat plugin and config warnings as errors."),
        click.option("--debug", is_flag=True, help="Show tracebacks (also RETROKIT_DEBUG=1)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def render_options(fn):
    """The options that shape a planned agenda (``render``, and anything that renders first)."""
    options = [
        click.option("-m", "--minutes", type=click.IntRange(min=1), help="Length of the meeting (default per kind)."),
        click.option("--seed", help="Reproduce a plan: the same inputs, history and seed give the same agenda."),
        click.option(
            "-b", "--behavior", multiple=True, metavar="NAME", help="Make sure this behaviour leads (repeatable)."
        ),
        click.option(
            "-x", "--exclude-behavior", multiple=True, metavar="NAME", help="Leave this behaviour out (repeatable)."
        ),
        click.option("--title", help="Page title (default: the meeting kind and the person or team name)."),
        click.option(
            "--with", "person", metavar="NAME",
            help="The person a 1:1 is with: their open action items and what they raised last time.",
        ),
        click.option(
            "--topic", multiple=True, metavar="TEXT",
            help="A topic the person raised for this meeting; it leads their section and is recorded (repeatable).",
        ),
        click.option(
            "--context", multiple=True, metavar="TAG", shell_complete=complete("context_tags"),
            help="The meeting's situation, e.g. incident, cross-team, remote: prompts that need a tag are drawn "
            "only when it is given; adds to [context] tags in retrokit.toml (repeatable).",
        ),
        click.option(
            "--plan", "plan_id", metavar="ID",
            help="Rebuild exactly the agenda of this plan id (printed with every agenda).",
        ),
        click.option(
            "--pin", multiple=True, metavar="PROMPT",
            help="Put this prompt into its phase's section (repeatable).",
        ),
        click.option(
            "--swap", multiple=True, metavar="PROMPT",
            help="Redraw just this item of the plan and keep the rest (repeatable).",
        ),
        click.option(
            "--record/--no-record", default=None,
            help="Record this agenda in history.toml (default: [history] record in retrokit.toml, else no).",
        ),
        lang_option,
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def command_debug(debug: bool) -> bool:
    """Whether this command shows tracebacks: its --debug, the group's, or RETROKIT_DEBUG."""
    return debug or bool(click.get_current_context().find_root().params.get("debug")) or debug_requested([])


def command_session(team, plugins_dir, disable_plugin, strict, debug, **session_options):
    """The command's session; ``session_options`` go to ``host.session.open_session``."""
    from retrokit.host.session import open_session

    return open_session(
        team=team, plugins_dirs=tuple(plugins_dir), disabled=tuple(disable_plugin), strict=strict,
        debug=command_debug(debug), **session_options,
    )


def complete(attribute):
    def complete(ctx, param, incomplete):
        from retrokit.host.session import open_session

        try:
            names = getattr(open_session(quiet=True).catalog, attribute)  # completion must stay silent
        except Exception:
            return []
        return [name for name in sorted(names) if name.startswith(incomplete)]

    return complete


def write_output(text: str, output: str | None) -> None:
    data = text.encode("utf-8")
    if output is None or output == "-":
        click.echo(data, nl=False)
        return
    from retrokit.files import write_atomic

    write_atomic(output, data)
    click.echo(f"retrokit: wrote {output}", err=True)

