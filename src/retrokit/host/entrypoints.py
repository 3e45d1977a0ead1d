"""Installed plugins (the ``retrokit`` entry-point group), found without importing importlib.metadata.

Importing importlib.metadata and walking every distribution costs more than the rest of a render, so
retrokit reads ``entry_points.txt`` (a small INI file) itself, and only for distributions that mention
the group. The result matches ``importlib.metadata.entry_points(group=...)``; a test checks that.
"""

from __future__ import annotations

import importlib
import os
import re
import sys

from retrokit.patterns import lazy_compile

_SECTION = lazy_compile(r"^\s*\[([^\]]+)\]\s*$")


class EntryPoint:
    """One entry point and the distribution that declares it (a plain class: no code made at import)."""

    __slots__ = ("name", "value", "dist_name", "dist_version")

    def __init__(self, name: str, value: str, dist_name: str, dist_version: str):
        self.name, self.value, self.dist_name, self.dist_version = name, value, dist_name, dist_version

    def __repr__(self) -> str:
        return f"EntryPoint({self.name!r}, {self.value!r}, {self.dist_name!r}, {self.dist_version!r})"

    def load(self):
        module_name, _, attrs = self.value.partition(":")
        target = importlib.import_module(module_name.strip())
        for attr in filter(None, attrs.strip().split(".")):
            target = getattr(target, attr)
        return target


def _metadata(folder: str) -> tuple[str, str]:
    name = version = ""
    for filename in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(folder, filename), encoding="utf-8") as handle:
                for line in handle:
                    if not line.strip():
                        break
                    key, _, value = line.partition(":")
                    if key == "Name":
                        name = value.strip()
                    elif key == "Version":
                        version = value.strip()
            break
        except OSError:
            continue
    return name, version


def _parse(text: str, group: str) -> list[tuple[str, str]]:
    found, inside = [], False
    for line in text.splitlines():
        section = _SECTION.match(line)
        if section:
            inside = section.group(1).strip() == group
        elif inside and "=" in line and not line.lstrip().startswith(("#", ";")):
            name, _, value = line.partition("=")
            found.append((name.strip(), value.strip()))
    return found


def entry_points(group: str) -> list[EntryPoint]:
    """Entry points of ``group`` from distributions on sys.path; the first distribution of a name wins."""
    seen: set[str] = set()
    result = []
    for entry in sys.path:
        try:
            listing = sorted(os.scandir(entry or "."), key=lambda d: d.name)
        except OSError:
            continue
        for item in listing:
            if not item.name.endswith((".dist-info", ".egg-info")):
                continue
            # Like importlib.metadata: the first distribution of a name on sys.path hides later ones,
            # whether or not it has entry points; the name comes from the folder's name.
            key = re.sub(r"[-_.]+", "_", item.name.rsplit(".", 1)[0].split("-")[0]).lower()
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(item.path, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            if f"[{group}]" not in text.replace(" ", ""):
                continue
            name, version = _metadata(item.path)
            result += [EntryPoint(n, v, name, version) for n, v in _parse(text, group)]
    return result
