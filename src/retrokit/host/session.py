"""One command's view of the world: the team config, the loaded plugins and what they contribute.

A session also holds what is worth keeping between agendas: the jinja2 Environment (compiled templates)
is made once per session, on first use. ``retrokit.open_session`` (the public API) wraps one. Sessions
for many teams in one process (``render --team A --team B``) share a ``Shared``: teams with the same
plugin setup share one plugin host and catalog, and teams with the same template folders one Environment.
"""

from dataclasses import field
from functools import cached_property
from pathlib import Path

import click

from retrokit.host.catalog import Catalog
from retrokit.config import TeamConfig
from retrokit.config import load as load_config
from retrokit.errors import RetrokitUsageError, did_you_mean
from retrokit.host.loader import PluginHost, Reporter, normalize
from retrokit.records import record


class Shared:
    """Plugin hosts (with their catalogs) by plugin setup, and template environments by folders."""

    def __init__(self):
        self.hosts: dict[tuple, tuple[PluginHost, Catalog]] = {}
        self.environments: dict[tuple, object] = {}


@record
class Session:
    """The team config, the plugin host and its catalog, and where notes go (see ``open_session``)."""

    config: TeamConfig
    reporter: Reporter
    host: PluginHost
    catalog: Catalog
    #: Planner and adjust-plugin notes: printed to stderr (``None``), or collected in this list.
    notes: list[str] | None = field(default=None)
    shared: Shared | None = field(default=None, repr=False)

    def __init__(self, config: TeamConfig, reporter: Reporter, host: PluginHost, catalog: Catalog,
                 notes: list[str] | None = None, shared: Shared | None = None):
        self.config, self.reporter, self.host, self.catalog = config, reporter, host, catalog
        self.notes, self.shared = notes, shared

    @cached_property
    def templates(self):
        """The template environment for this team and its plugins, made once and reused by every agenda
        (jinja2 checks a template file's mtime before reusing its compiled code)."""
        from retrokit.planning.templating import environment

        key = (self.config.templates_folder, tuple(self.catalog.template_dirs))
        if self.shared is not None and key in self.shared.environments:
            return self.shared.environments[key]
        env = environment(*key)
        if self.shared is not None:
            self.shared.environments[key] = env
        return env

    @cached_property
    def translations(self):
        """Every language the plugins and the team's translations/ folder translate into (read on first use)."""
        from retrokit.i18n.catalog import collect

        return collect(self.host, self.config.folder, self.reporter.warn)

    def language(self, code: str | None = None):
        """The language to render in: ``code`` (--lang, RETROKIT_LANG), else [team] lang, else English."""
        from retrokit.i18n.catalog import choose

        return choose(self, code)

    def note(self, message: str) -> None:
        """Something the planner or an adjust plugin could not do: not a warning, but worth knowing."""
        if self.notes is None:
            click.echo(f"retrokit: note: {message}", err=True)
        else:
            self.notes.append(message)


def open_session(
    *,
    team: Path | None = None,
    plugins_dirs: tuple[Path, ...] = (),
    disabled: tuple[str, ...] = (),
    strict: bool = False,
    debug: bool = False,
    quiet: bool = False,
    builtins: bool = True,
    installed: bool = True,
    extra: tuple = (),
    config: TeamConfig | None = None,
    reporter: Reporter | None = None,
    notes: list[str] | None = None,
    shared: Shared | None = None,
) -> Session:
    """``builtins``, ``installed`` and ``extra`` as for ``PluginHost``; ``config`` instead of finding one;
    ``reporter`` instead of a new one (doctor passes one that records); ``notes`` a list to collect notes
    in instead of printing them; ``shared`` what sessions for several teams share (see ``Shared``)."""
    reporter = reporter or Reporter(strict=strict, debug=debug, quiet=quiet)
    config = load_config(team, warn=reporter.warn) if config is None else config
    folders = ((config.plugins_folder,) if config.plugins_folder else ()) + tuple(plugins_dirs)
    setup = (folders, config.disabled + tuple(disabled), config.enabled, builtins, installed, tuple(extra), config.packs)
    if shared is not None and setup in shared.hosts:
        host, catalog = shared.hosts[setup]
    else:
        host = PluginHost(
            plugin_dirs=folders, disabled=setup[1], enabled=config.enabled, reporter=reporter,
            builtins=builtins, installed=installed, extra=tuple(extra), packs=config.packs,
        )
        catalog = Catalog(host)
        if shared is not None:
            shared.hosts[setup] = host, catalog
    for name in disabled:
        if normalize(name) not in host.known_names:
            raise RetrokitUsageError(
                f"unknown plugin '{name}'{did_you_mean(normalize(name), host.known_names)}"
            )
    for name in config.disabled:
        if normalize(name) not in host.known_names:
            reporter.warn(f"{config.where('disabled', 'plugins')}: plugins.disabled names unknown plugin '{name}'")
    return Session(config, reporter, host, catalog, notes, shared)
