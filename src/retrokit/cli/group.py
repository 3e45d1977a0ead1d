"""The ``retrokit`` click group: built-in commands imported when used, plugin commands added lazily, and
every failure turned into one line on stderr."""

from __future__ import annotations

import os
import sys

import click

from retrokit.cli.options import debug_requested
from retrokit.errors import one_line

#: Built-in commands kept in their own modules, imported only when used (start-up stays fast).
LAZY_COMMANDS = {
    "convert": "retrokit.cli.render:convert",
    "prompts": "retrokit.cli.library:prompts",
    "plugins": "retrokit.cli.library:plugins",
    "init": "retrokit.cli.init:init",
    "actions": "retrokit.cli.actions:actions",
    "ingest": "retrokit.cli.actions:ingest",
    "topics": "retrokit.cli.topics:topics",
    "doctor": "retrokit.cli.doctor:doctor",
    "publish": "retrokit.cli.publish:publish",
    "plugin": "retrokit.cli.plugin:plugin",
}


class RetrokitGroup(click.Group):
    """A group that adds plugin commands lazily and turns every failure into one line on stderr."""

    _plugin_commands_loaded = False
    #: The commands plugins added (in this process): not built-in, even though ``commands`` holds them.
    plugin_command_names: frozenset[str] = frozenset()

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
        before = set(self.commands)
        for _ in session.host.call("retrokit_register_commands", cli=self):
            pass
        RetrokitGroup.plugin_command_names = frozenset(set(self.commands) - before)

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
        debug = debug_requested(args)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            click.echo(f"retrokit: error: {one_line(exc.format_message())}{hint}", err=True)
            code = 2
        except click.ClickException as exc:
            click.echo(f"retrokit: error: {one_line(exc.format_message())}", err=True)
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
                f"retrokit: error: unexpected {type(exc).__name__}: {one_line(str(exc))} "
                "(run with --debug for the traceback)",
                err=True,
            )
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code

