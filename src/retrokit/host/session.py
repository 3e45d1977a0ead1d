"""One command's view of the world: the team config, the loaded plugins and what they contribute."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from retrokit.host.catalog import Catalog
from retrokit.config import TeamConfig
from retrokit.config import load as load_config
from retrokit.errors import RetrokitUsageError, did_you_mean
from retrokit.host.loader import PluginHost, Reporter, normalize


@dataclass
class Session:
    config: TeamConfig
    reporter: Reporter
    host: PluginHost
    catalog: Catalog


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
) -> Session:
    """``builtins``, ``installed`` and ``extra`` as for ``PluginHost``; ``config`` instead of finding one;
    ``reporter`` instead of a new one (doctor passes one that records)."""
    reporter = reporter or Reporter(strict=strict, debug=debug, quiet=quiet)
    config = load_config(team, warn=reporter.warn) if config is None else config
    folders = ((config.plugins_folder,) if config.plugins_folder else ()) + tuple(plugins_dirs)
    host = PluginHost(
        plugin_dirs=folders, disabled=config.disabled + tuple(disabled), enabled=config.enabled, reporter=reporter,
        builtins=builtins, installed=installed, extra=tuple(extra),
    )
    for name in disabled:
        if normalize(name) not in host.known_names:
            raise RetrokitUsageError(
                f"unknown plugin '{name}'{did_you_mean(normalize(name), host.known_names)}"
            )
    for name in config.disabled:
        if normalize(name) not in host.known_names:
            reporter.warn(f"{config.where('disabled', 'plugins')}: plugins.disabled names unknown plugin '{name}'")
    return Session(config, reporter, host, Catalog(host))
