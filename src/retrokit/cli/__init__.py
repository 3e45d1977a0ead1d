"""The ``retrokit`` command line.

Only the document goes to stdout; warnings and errors go to stderr as one line each. Exit codes: 0 ok,
1 failure, 2 usage error. Tracebacks only with ``--debug`` or ``RETROKIT_DEBUG=1``.
Modules beyond click are imported inside the commands that need them, to keep start-up fast.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from retrokit import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def _debug_requested(args) -> bool:
    return "--debug" in args or os.environ.get("RETROKIT_DEBUG", "").lower() in {"1", "true", "yes"}


#: Built-in commands kept in their own modules, imported only when used (start-up stays fast).
LAZY_COMMANDS = {
    "init": "retrokit.cli.init:init",
    "actions": "retrokit.cli.actions:actions",
    "ingest": "retrokit.cli.actions:ingest",
    "doctor": "retrokit.cli.doctor:doctor",
    "publish": "retrokit.cli.publish:publish",
    "plugin": "retrokit.cli.plugin:plugin",
}


class RetrokitGroup(click.Group):
    """A group that adds plugin commands lazily and turns every failure into one line on stderr."""

    _plugin_commands_loaded = False

    def _lazy_command(self, name):
        import importlib

        module, _, attr = LAZY_COMMANDS[name].partition(":")
        return getattr(importlib.import_module(module), attr)

    def _load_plugin_commands(self) -> None:
        if RetrokitGroup._plugin_commands_loaded:
            return
        RetrokitGroup._plugin_commands_loaded = True
        from retrokit.host.session import open_session

        session = open_session()
        for _ in session.host.call("retrokit_register_commands", cli=self):
            pass

    def list_commands(self, ctx):
        self._load_plugin_commands()
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx, name):
        if name in LAZY_COMMANDS and name not in self.commands:
            return self._lazy_command(name)
        command = super().get_command(ctx, name)
        if command is None:
            self._load_plugin_commands()
            command = super().get_command(ctx, name)
        return command

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = list(sys.argv[1:] if args is None else args)
        debug = _debug_requested(args)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            click.echo(f"retrokit: error: {exc.format_message()}{hint}", err=True)
            code = 2
        except click.ClickException as exc:
            click.echo(f"retrokit: error: {exc.format_message()}", err=True)
            code = exc.exit_code
        except click.Abort:
            click.echo("retrokit: aborted", err=True)
            code = 1
        except BrokenPipeError:
            # The reader went away (e.g. `| head`); stay quiet and do not complain again at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            code = 1
        except Exception as exc:
            if debug:
                raise
            click.echo(
                f"retrokit: error: unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                err=True,
            )
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code


#: ``--team DIR``, for every command that works in a team folder.
team_option = click.option(
    "--team",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="RETROKIT_TEAM",
    help="Team folder holding retrokit.toml (default: the nearest one above the current folder).",
)


def plugin_options(fn):
    """Options shared by every command that loads plugins."""
    options = [
        team_option,
        click.option(
            "--plugins-dir",
            multiple=True,
            type=click.Path(exists=True, file_okay=False, path_type=Path),
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
            "--record/--no-record", default=None,
            help="Record this agenda in history.toml (default: [history] record in retrokit.toml, else no).",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _session(team, plugins_dir, disable_plugin, strict, debug):
    from retrokit.host.session import open_session

    return open_session(
        team=team,
        plugins_dirs=tuple(plugins_dir),
        disabled=tuple(disable_plugin),
        strict=strict,
        debug=debug or bool(click.get_current_context().find_root().params.get("debug")) or _debug_requested([]),
    )


def _complete(attribute):
    def complete(ctx, param, incomplete):
        from retrokit.host.session import open_session

        try:
            names = getattr(open_session(quiet=True).catalog, attribute)  # completion must stay silent
        except Exception:
            return []
        return [name for name in sorted(names) if name.startswith(incomplete)]

    return complete


def _write(text: str, output: str | None) -> None:
    data = text.encode("utf-8")
    if output is None or output == "-":
        click.echo(data, nl=False)
        return
    from retrokit.files import write_atomic

    write_atomic(output, data)
    click.echo(f"retrokit: wrote {output}", err=True)


@click.group(name="retrokit", cls=RetrokitGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="retrokit")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors (also RETROKIT_DEBUG=1).")
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


@cli.command()
@click.argument("kind", shell_complete=_complete("kinds"))
@render_options
@click.option(
    "-f", "--format", "format_name", default="markdown", show_default=True,
    shell_complete=_complete("formats"), help="Output format.",
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
    session = _session(**plugin)
    output_format = session.catalog.format(format_name)
    composed = compose(session, kind, format_name=format_name, command_args=regenerate_args(**plugin), **options)
    request = RenderRequest(
        composed.markdown, agenda=composed.agenda, members=session.config.members, title=options["title"] or ""
    )
    _write(render_format(session, output_format, request), output)
    if composed.record:
        record_meeting(session.config, composed)


@cli.command()
@click.argument("source", metavar="FILE|-")
@click.option(
    "-t", "--to", "format_name", required=True, shell_complete=_complete("formats"), help="Output format."
)
@click.option("-o", "--output", help="Write here, not stdout (atomically; '-' is stdout).")
@click.option("--title", help="Page title (default: the first level-1 heading).")
@plugin_options
def convert(source, format_name, output, title, **plugin_args):
    """Convert any Markdown FILE (or - for stdin) to another format, e.g. --to confluence."""
    from retrokit.planning.compose import render_format
    from retrokit.files import read_document
    from retrokit.rendering import RenderRequest

    session = _session(**plugin_args)
    output_format = session.catalog.format(format_name)
    markdown = read_document(source, "stdin" if source == "-" else source)
    request = RenderRequest(markdown, members=session.config.members, title=title or "")
    _write(render_format(session, output_format, request), output)


@cli.command()
@click.option("-b", "--behavior", multiple=True, metavar="NAME", help="Only this behaviour (repeatable).")
@click.option("-k", "--kind", multiple=True, metavar="KIND", help="Only prompts that suit this kind (repeatable).")
@click.option("--phase", multiple=True, metavar="PHASE", help="Only this phase (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of prompt objects.")
@plugin_options
def prompts(behavior, kind, phase, as_json, **plugin_args):
    """List the prompt library."""
    catalog = _session(**plugin_args).catalog
    wanted = set(catalog.check_behaviors(behavior))
    known_phases = {p.phase for p in catalog.prompts.values()}
    for name in phase:
        if name not in known_phases:
            from retrokit.cli.errors import RetrokitUsageError, did_you_mean

            raise RetrokitUsageError(
                f"unknown phase '{name}'{did_you_mean(name, known_phases)}; known: {', '.join(sorted(known_phases))}"
            )
    kinds = set()
    for name in kind:
        kinds |= set(catalog.kind(name).prompt_kinds)
    selected = [
        p
        for p in sorted(catalog.prompts.values(), key=lambda p: (p.behavior, p.id))
        if (not wanted or p.behavior in wanted)
        and (not kinds or kinds & set(p.kinds))
        and (not phase or p.phase in phase)
    ]
    if as_json:
        _write(json.dumps([p.to_json() for p in selected], indent=2, ensure_ascii=False) + "\n", None)
        return
    lines = []
    for p in selected:
        lines.append(f"{p.id}  [{p.behavior} · {p.phase} · {p.minutes} min · {', '.join(p.kinds)}]")
        lines.append(f"    {p.text}")
    lines.append(f"{len(selected)} prompts")
    _write("\n".join(lines) + "\n", None)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="A JSON list of plugin objects.")
@plugin_options
def plugins(as_json, **plugin_args):
    """List the loaded plugins: name, version, hooks and what each contributes.

    To start a plugin of your own, see 'retrokit plugin new --help'.
    """
    session = _session(**plugin_args)
    catalog = session.catalog
    counts = {}
    for prompt in catalog.prompts.values():
        counts[prompt.plugin] = counts.get(prompt.plugin, 0) + 1
    rows = [
        {
            "name": info.name,
            "version": info.version,
            "source": info.source,
            "origin": info.origin,
            "hooks": info.hooks,
            "api": info.api,
            "prompts": counts.get(info.name, 0),
            "kinds": sorted(k.name for k in catalog.kinds.values() if k.plugin == info.name),
            "formats": sorted(f.name for f in catalog.formats.values() if f.plugin == info.name),
        }
        for info in session.host.plugins
    ]
    if as_json:
        _write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", None)
        return
    width = max((len(r["name"]) for r in rows), default=4)
    lines = []
    for r in rows:
        extras = [f"{r['prompts']} prompts"] if r["prompts"] else []
        extras += [f"kinds: {', '.join(r['kinds'])}"] if r["kinds"] else []
        extras += [f"formats: {', '.join(r['formats'])}"] if r["formats"] else []
        lines.append(
            f"{r['name']:<{width}}  {r['version'] or '-':<8} {r['source']:<9}  {'; '.join(extras) or '-'}"
            f"  ({', '.join(h.removeprefix('retrokit_') for h in r['hooks'])})"
        )
    _write("\n".join(lines) + "\n", None)


def main():
    cli(prog_name="retrokit")
