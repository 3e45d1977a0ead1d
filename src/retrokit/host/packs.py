"""Prompt packs as plugins: where they are found and how the host caches them.

A pack is a TOML file (host/pack_file.py reads one) that the host loads like any plugin: its name is the
file's name (``prompts/coaching.toml`` is plugin ``coaching``) or, for an installed pack, its entry
point's name. Packs come from:

- the team's ``prompts/`` folder and the files or folders ``[plugins] packs = [...]`` names (source
  ``folder``);
- installed distributions: an entry point in the ``retrokit`` group whose value names a ``.toml`` file
  in a package, ``coaching = "retrokit_coaching:coaching.toml"`` (source ``installed``).

A pack is plain data, so like the first-party plugin files it is cached validated (host/cache.py), one
cache file per folder of packs, each entry keyed by its file's stat data; a pack that warned is not.
This module is imported only when a team has packs or an installed pack exists, so start-up without
packs does not pay for it; reading a pack file (tomllib, pluggy) happens only on a cache miss.
"""

from __future__ import annotations

import os
from pathlib import Path

from retrokit.host.discovery import PluginInfo, normalize


def is_pack(info: PluginInfo) -> bool:
    """Whether ``info`` is a prompt pack (the host's loader makes the same test inline, to stay lazy)."""
    return info.file.endswith(".toml")


def pack_summary(path: str) -> dict:
    """The [pack] title and description of a pack file that loaded (``retrokit plugins`` shows them)."""
    from retrokit.errors import RetrokitError
    from retrokit.files import load_toml

    try:
        pack = load_toml(Path(path), Path(path).read_text(encoding="utf-8-sig")).get("pack", {})
    except (OSError, ValueError, RetrokitError):  # changed since it loaded: no title then
        pack = {}
    return {key: pack.get(key) if isinstance(pack.get(key), str) else "" for key in ("title", "description")}


def pack_candidates(paths) -> list[PluginInfo]:
    """The packs in ``paths`` (pack files, or folders whose ``*.toml`` files are packs), each file once."""
    found, seen = [], set()
    for path in paths:
        path = Path(path)
        files = sorted(p for p in path.glob("*.toml") if not p.name.startswith(("_", "."))) if path.is_dir() else [path]
        for file in files:
            file = file.resolve()
            if file in seen:
                continue
            seen.add(file)
            name = normalize(file.stem)
            found.append(PluginInfo(
                name, "folder", str(file), "", lambda file=file, name=name: load_pack(file, name, "the file name"),
                file=str(file),
            ))
    return found


def installed_pack(ep) -> PluginInfo:
    """The pack an entry point names (``package:file.toml``, the file inside the package's folder)."""
    name = normalize(ep.name)
    file, problem = _package_file(ep.value)

    def load():
        if problem:
            from retrokit.errors import PluginError

            raise PluginError(f"entry point '{ep.name} = {ep.value}': {problem}")
        return load_pack(Path(file), name, "the entry point's name")

    return PluginInfo(name, "installed", f"{ep.dist_name} {ep.dist_version}", ep.dist_version, load, file=file)


def _package_file(value: str) -> tuple[str, str]:
    """(the pack file, "") for ``module:relative/path.toml``, else ("" or the path, what is wrong)."""
    import importlib.util

    module, _, relative = value.partition(":")
    module = module.strip()
    try:
        spec = importlib.util.find_spec(module) if module else None
    except (ImportError, ValueError) as exc:
        return "", f"cannot find module '{module}': {exc}"
    if spec is None or (spec.origin is None and not spec.submodule_search_locations):
        return "", f"no module '{module}' is installed"
    folder = list(spec.submodule_search_locations or [])[:1] or [os.path.dirname(spec.origin)]
    path = os.path.join(folder[0], *relative.strip().split("/"))
    return (path, "") if os.path.isfile(path) else (path, f"no pack file {path}")


def load_pack(path: Path, name: str, named: str):
    from retrokit.host.pack_file import read_pack

    return read_pack(path, name, named)


class PackCaches:
    """The host's caches of validated packs: one ``ContributionCache`` per folder that holds packs."""

    def __init__(self):
        self.by_folder: dict[str, object] = {}

    def cache(self, file: str):
        from retrokit.host.cache import ContributionCache

        folder = os.path.dirname(file)
        if folder not in self.by_folder:
            self.by_folder[folder] = ContributionCache(Path(folder), prefix="packs")
        return self.by_folder[folder]

    def save(self) -> None:
        for cache in self.by_folder.values():
            cache.save()
