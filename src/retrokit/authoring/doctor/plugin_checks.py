"""Doctor's ``plugins`` checks: every hook called once, plugin commands, the same id from two plugins."""

from __future__ import annotations

import click

from retrokit.authoring.doctor.findings import NOTICE, PROBLEM, Report
from retrokit.host.catalog import Catalog
from retrokit.host.loader import PluginHost, PluginInfo


class _CommandRecorder(click.Group):
    """A throwaway group for ``retrokit_register_commands``: remembers each command added."""

    def __init__(self):
        super().__init__(name="retrokit")
        self.added: list[str] = []

    def add_command(self, cmd, name=None):
        super().add_command(cmd, name)
        self.added.append(name or cmd.name)


class QuietCatalog(Catalog):
    """The catalog, without its warnings about one plugin redefining another's item: check_duplicates
    reports those in more detail (and tells an intended override of a built-in from a clash)."""

    def overridden(self, earlier, info: PluginInfo, what: str) -> None:
        pass


def call_hooks(report: Report, session) -> dict[str, list]:
    """Call every hook once, through the catalog (a failure or a malformed item becomes a problem through
    the Recorder), and return every valid contribution in load order with the plugin that made it:
    ``{"prompt": [(info, Prompt)], ..., "template dir": [(info, Path)]}``."""
    from retrokit.metrics import collect_rules

    catalog, host = session.catalog, session.host
    catalog.behaviors, catalog.kinds, catalog.formats, catalog.template_dirs  # noqa: B018 (each runs its hooks)
    names = {"behavior": "retrokit_behaviors", "prompt": "retrokit_prompts", "meeting kind": "retrokit_meeting_kinds",
             "format": "retrokit_formats", "template dir": "retrokit_template_dirs"}
    found = {what: catalog.contributions.get(hook, []) for what, hook in names.items()}
    collect_rules(host)  # its own validation warns; the rules themselves run when a kind renders
    _check_commands(report, host)
    for _, fmt in found["format"]:
        try:
            fmt.renderer()
        except Exception as exc:
            report.add(
                PROBLEM, "formats",
                f"format '{fmt.name}' (plugin '{fmt.plugin}'): render {fmt.render!r} cannot be imported: "
                f"{type(exc).__name__}: {exc}",
            )
    return found


def _check_commands(report: Report, host: PluginHost) -> None:
    """Plugin commands: one that takes a built-in command's name, or another plugin's, hides one of them."""
    from retrokit.cli import LAZY_COMMANDS, cli

    builtin = (set(cli.commands) - cli.plugin_command_names) | set(LAZY_COMMANDS)
    group = _CommandRecorder()
    owner: dict[str, str] = {}
    for info, _ in host.call("retrokit_register_commands", cli=group):
        for name in group.added:
            if name in builtin:
                report.add(
                    PROBLEM, "commands",
                    f"plugin '{info.name}' ({info.origin}) registers command '{name}', "
                    "which clashes with the built-in command of that name",
                )
            elif name in owner and owner[name] != info.name:
                report.add(
                    PROBLEM, "commands",
                    f"plugins '{owner[name]}' and '{info.name}' both register command '{name}'; '{info.name}' wins",
                )
            owner[name] = info.name
        group.added.clear()


def check_duplicates(report: Report, check: str, what: str, items: list[tuple[PluginInfo, object]]) -> None:
    """The same id or name from more than one contribution; the last one loaded is the one used."""
    by_key: dict[str, list[tuple[PluginInfo, object]]] = {}
    for info, item in items:
        by_key.setdefault(item[0], []).append((info, item))  # a NamedTuple's first field: its id or name
    for key, claims in by_key.items():
        if len(claims) < 2:
            continue
        plugins = list(dict.fromkeys(info.name for info, _ in claims))
        infos = {info.name: info for info, _ in claims}
        winner = infos[claims[-1][0].name]
        for name in plugins:
            if sum(info.name == name for info, _ in claims) > 1:
                report.add(PROBLEM, check, f"plugin '{name}' ({infos[name].origin}) defines {what} '{key}' twice; the last one is used")
        if len(plugins) < 2:
            continue
        builtin = [name for name in plugins if infos[name].source == "built-in"]
        others = [name for name in plugins if infos[name].source != "built-in"]
        if len(others) == 1 and builtin:
            report.add(
                NOTICE, check,
                f"plugin '{winner.name}' ({winner.origin}) overrides built-in {what} '{key}' "
                f"from plugin '{builtin[-1]}'",
            )
        else:
            named = " and ".join(f"'{name}' ({infos[name].origin})" for name in plugins)
            report.add(
                PROBLEM, check,
                f"{what} '{key}' is defined by plugins {named}; '{winner.name}' wins only because it loads last",
            )
