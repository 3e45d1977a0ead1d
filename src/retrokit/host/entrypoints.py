"""Installed plugins (the ``retrokit`` entry-point group), found without importing importlib.metadata.

Importing importlib.metadata and walking every distribution costs more than the rest of a render, so
retrokit reads ``entry_points.txt`` (a small INI file) itself, and only for distributions that mention
the group. The result matches ``importlib.metadata.entry_points(group=...)``; a test checks that.

Even that scan opens a file per distribution, so its result is kept in the per-user cache
(host/cache.py), keyed by every sys.path folder and its modification time: installing, upgrading or
removing a distribution adds or removes a ``*.dist-info`` folder, which changes the folder's mtime. A
folder changed in the last two seconds is never cached (a second change within the file system's
timestamp granularity would keep its mtime: git's "racy" entries), and a ``*.dist-info`` folder edited
in place by hand is not noticed (reinstall the package).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import time
import zlib

from retrokit.host.cache import cache_dir, read_private, write_private
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


#: A sys.path folder modified this recently (nanoseconds) is not cached; see the module docstring.
SETTLED_NS = 2_000_000_000
FORMAT = 1  # bump when what the cache holds changes


def entry_points(group: str) -> list[EntryPoint]:
    """Entry points of ``group`` from distributions on sys.path; the first distribution of a name wins.
    Served from the per-user cache while no sys.path folder changed (see the module docstring)."""
    key, settled = _path_key(group)
    root = cache_dir()
    path = None if root is None else root / f"entry-points-{zlib.crc32(repr(key[:3]).encode()):08x}.pickle"
    cached = read_private(path)
    if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == key:
        return [EntryPoint(*fields) for fields in cached[1]]
    found = _scan(group)
    if path is not None and settled <= time.time_ns() - SETTLED_NS:
        write_private(path, (key, [(e.name, e.value, e.dist_name, e.dist_version) for e in found]))
    return found


def _path_key(group: str) -> tuple[tuple, int]:
    """(the cache key: the group, this interpreter and every sys.path folder with its mtime; the latest
    of those mtimes). ``""`` on sys.path is the current folder, named as such in the key."""
    folders = []
    latest = 0
    for entry in sys.path:
        folder = entry or os.getcwd()
        try:
            mtime = os.stat(folder).st_mtime_ns
        except OSError:
            mtime = None
        folders.append((folder, mtime))
        latest = max(latest, mtime or 0)
    return (FORMAT, group, sys.executable, sys.version, tuple(folders)), latest


def _scan(group: str) -> list[EntryPoint]:
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
