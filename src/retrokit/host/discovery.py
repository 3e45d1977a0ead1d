"""Where plugins come from: the first-party plugin files, the package's own plugins, installed entry
points and plugin folders (prompt packs: host/packs.py), each as a ``PluginInfo`` that knows how to load it (host/loader.py loads them)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any, Callable

from retrokit import __version__

#: Default plugins that live inside the package rather than in plugins/: name -> (origin, module).
PACKAGE_PLUGINS = {"formats": ("retrokit.formats", "retrokit.formats.builtin")}
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/retrokit


def normalize(name: str) -> str:
    return name.strip().lower().replace("_", "-")


class PluginInfo:
    """One plugin: where it comes from and the hooks it implements (a plain class, so that start-up does
    not pay for a dataclass's generated code)."""

    __slots__ = ("name", "source", "origin", "version", "load", "hooks", "api", "file", "kinds")

    def __init__(self, name: str, source: str, origin: str, version: str, load: Callable[[], Any],
                 hooks: list[str] | None = None, api: str = "", file: str = ""):
        self.name = name
        self.source = source  # "built-in", "installed", "folder" or "given"
        self.origin = origin  # a file path, a module or "distribution version"
        self.version = version
        self.load = load
        self.hooks = [] if hooks is None else hooks
        self.api = api  # the hook API version the plugin declares it needs (RETROKIT_API), if any
        self.file = file  # a first-party plugin's source file: its contributions may come from the cache
        self.kinds: tuple[str, ...] | None = None  # RETROKIT_KINDS: the meeting kinds its agenda hooks serve

    def __repr__(self) -> str:
        return f"PluginInfo(name={self.name!r}, source={self.source!r}, origin={self.origin!r}, version={self.version!r})"


def _exec_file(path: Path, module_name: str):
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module


def folder_candidates(folder: Path, source: str, prefix: str) -> list[PluginInfo]:
    """Every ``*.py`` file in ``folder`` not starting with ``_``, by name (``Path.glob``'s matches, read
    with one ``os.scandir``: the glob and the Path comparisons of a sort cost more than the rest)."""
    folder = folder.resolve()
    found = []
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".py"))
    except OSError:
        names = []
    for name in names:
        if name.startswith("_"):
            continue
        path = folder / name
        module_name = f"{prefix}{abs(hash(str(folder))) % 10**8}_{path.stem}"
        found.append(
            PluginInfo(
                name=normalize(path.stem),
                source=source,
                origin=str(path),
                version=__version__ if source == "built-in" else "",
                load=lambda path=path, module_name=module_name: _exec_file(path, module_name),
                file=str(path) if source == "built-in" else "",
            )
        )
    return found


def entry_point_candidates(enabled: tuple[str, ...] | None, warn=None) -> list[PluginInfo]:
    """Installed plugins: those RETROKIT_LOAD_PLUGINS names, else those ``enabled`` names, else all. A name
    that matches no installed plugin is passed to ``warn`` (a typo would otherwise load nothing silently)."""
    from retrokit.host.entrypoints import entry_points

    wanted = os.environ.get("RETROKIT_LOAD_PLUGINS")
    if wanted is not None:
        names, where = [n.strip() for n in wanted.split(",") if n.strip()], "RETROKIT_LOAD_PLUGINS"
    else:
        names, where = list(enabled or ()), "[plugins] enabled in retrokit.toml"
    allowed = None if wanted is None and enabled is None else {normalize(n) for n in names}
    found, matched = [], set()
    for ep in sorted(entry_points(group="retrokit"), key=lambda ep: ep.name):
        keys = {normalize(ep.name), normalize(ep.dist_name)}
        if allowed is not None and not keys & allowed:
            continue
        matched |= keys
        if ep.value.strip().endswith(".toml"):  # a prompt pack in a package (host/packs.py)
            from retrokit.host.packs import installed_pack

            found.append(installed_pack(ep))
            continue
        found.append(
            PluginInfo(
                name=normalize(ep.name),
                source="installed",
                origin=f"{ep.dist_name} {ep.dist_version}",
                version=ep.dist_version,
                load=ep.load,
            )
        )
    if warn is not None and allowed:
        _warn_unmatched(names, matched, where, warn)
    return found


def _warn_unmatched(names, matched, where: str, warn) -> None:
    from retrokit.errors import did_you_mean
    from retrokit.host.entrypoints import entry_points

    installed = sorted({normalize(ep.name) for ep in entry_points(group="retrokit")})
    for name in names:
        if normalize(name) not in matched:
            known = f"installed: {', '.join(installed)}" if installed else "no plugin is installed"
            warn(f"{where} names '{name}', but no installed plugin has that name{did_you_mean(normalize(name), installed)} "
                 f"({known})")
