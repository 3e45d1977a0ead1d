"""Reading one prompt pack: a TOML file of prompts (and behaviours) that needs no Python.

```toml
[pack]
name = "coaching"               # optional; the plugin's name is the file's (or the entry point's) name
title = "Coaching questions"
description = "Questions our coaches ask."
api = "1.2"                     # optional: the hook API whose prompt fields the pack uses

[pack.defaults]                 # optional: fields every [[prompt]] gets unless it gives its own
kinds = ["retro"]

[[pack.behaviors]]              # optional: behaviours of the pack's own
name = "curiosity"
title = "Curiosity"

[[prompt]]                      # one table per prompt: the fields a plugin's retrokit_prompts returns
id = "coaching.first-question"
text = "..."
```

A file that cannot be read, is not TOML or has no ``[pack]`` table is skipped whole (``PluginError``, which
the host reports). Anything else is one line ``path:LINE: ...`` in ``Pack.problems`` that skips only the
prompt or behaviour at fault (an unknown key: only that key). tomllib gives no line numbers, so a line is
found from the text: the header of the Nth ``[[prompt]]`` table, then the key inside it.
"""

from __future__ import annotations

import re
from pathlib import Path

from retrokit import hookimpl
from retrokit.errors import PluginError, RetrokitError, did_you_mean, shown
from retrokit.fields import DataError
from retrokit.memory.store import line_of, table_lines
from retrokit.model import Behavior, Prompt

PACK_KEYS = ("name", "title", "description", "api", "defaults", "behaviors")
PROMPT_KEYS = tuple(name for name in Prompt._fields if name != "plugin")
#: What [pack.defaults] may give: any prompt field but the two that make a prompt itself.
DEFAULT_KEYS = tuple(name for name in PROMPT_KEYS if name not in ("id", "text"))
BEHAVIOR_KEYS = tuple(name for name in Behavior._fields if name != "plugin")  # as _items reads them
_NEXT_TABLE = re.compile(r"[ \t]*\[")


class Pack:
    """A read pack, as the plugin object the host registers: its hooks return its prompts and behaviours."""

    def __init__(self, prompts: list[Prompt], behaviors: list[Behavior], api: str, problems: list[str]):
        self.prompts, self.behaviors = prompts, behaviors
        self.RETROKIT_API = api  # the host checks it as it checks a Python plugin's
        self.__retrokit_problems__ = problems  # the host reports each one as a warning (host/loader.py)

    @hookimpl
    def retrokit_behaviors(self):
        return list(self.behaviors)

    @hookimpl
    def retrokit_prompts(self):
        return list(self.prompts)


class Source:
    """A pack file's text, for pointing at lines."""

    def __init__(self, text: str):
        self.text = text
        self.lines = text.split("\n")
        self._headers: dict[str, list[int]] = {}

    def table(self, name: str, index: int | None = None) -> int | None:
        """The line of ``[name]`` (or, with ``index``, of the index-th ``[[name]]``); None if absent."""
        if index is not None:
            if name not in self._headers:
                self._headers[name] = table_lines(self.text, name)
            return self._headers[name][index] if index < len(self._headers[name]) else None
        found = re.search(rf"^[ \t]*\[[ \t]*{re.escape(name)}[ \t]*\]", self.text, re.MULTILINE)
        return self.text.count("\n", 0, found.start()) + 1 if found else None

    def key(self, key: str, start: int | None) -> int:
        """The line of ``key = ...`` in the table whose header is on line ``start`` (the top-level keys
        when None); the header's line (else where ``key`` first appears) when it is not there."""
        written = rf"""[ \t]*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')[ \t]*="""
        for number in range(start or 0, len(self.lines)):
            if _NEXT_TABLE.match(self.lines[number]):
                break
            if re.match(written, self.lines[number]):
                return number + 1
        return start or line_of(self.text, key)


def read_pack(path: Path, plugin: str, named: str) -> Pack:
    """The pack in ``path`` as plugin ``plugin``; ``named`` says where that name comes from ("the file
    name", "the entry point's name")."""
    from retrokit.files import read_document

    try:
        text = read_document(str(path), str(path))
    except RetrokitError as exc:
        raise PluginError(exc.message) from None
    data = _toml(path, text)
    source = Source(text)
    problems: list[str] = []

    def warn(line: int, message: str) -> None:
        problems.append(f"{path}:{line}: {message}")

    pack = data.get("pack")
    if not isinstance(pack, dict):
        where = line_of(text, "pack") if "pack" in data else 1
        raise PluginError(
            f"{path}:{where}: not a prompt pack: it needs a [pack] table (title, description) before its "
            "[[prompt]] tables"
        )
    for key in data:
        if key not in ("pack", "prompt"):
            where = source.table(key, 0) or source.table(key) or source.key(key, None)
            warn(where, f"unknown table '{key}'{did_you_mean(key, ('pack', 'prompt'))}; ignored")
    head = source.table("pack")
    _unknown_keys(pack, PACK_KEYS, "[pack]", lambda key: source.key(key, head), warn)
    if "name" in pack and pack["name"] != plugin:
        warn(source.key("name", head), f"[pack] name {shown(pack['name'])} is not the plugin's name '{plugin}' "
             f"({named}); using '{plugin}'")
    for key in ("title", "description", "api"):
        if key in pack and not isinstance(pack[key], str):
            warn(source.key(key, head), f"[pack] {key} must be text; ignored")
    api = pack.get("api") if isinstance(pack.get("api"), str) else ""
    defaults = _defaults(pack.get("defaults", {}), source, warn)
    behaviors = _behaviors(pack.get("behaviors", []), plugin, source, head, warn)
    prompts = _prompts(data.get("prompt", []), plugin, source, defaults, warn)
    return Pack(prompts, behaviors, api.strip(), problems)


def _toml(path: Path, text: str) -> dict:
    from retrokit.files import load_toml

    try:
        return load_toml(path, text)
    except RetrokitError as exc:
        raise PluginError(exc.message) from None


def _unknown_keys(table: dict, known, what: str, locate, warn) -> None:
    for key in table:
        if key == "prompt" and what == "[pack]":  # `prompt = ...` under [pack] belongs to [pack] in TOML
            warn(locate(key), "[pack] has a key 'prompt': write each prompt as a [[prompt]] table of its own, "
                 "after the [pack] tables; ignored")
        elif key not in known:
            warn(locate(key), f"{what} has unknown key '{key}'{did_you_mean(key, known)}; ignored")


def _defaults(table, source: Source, warn) -> tuple[dict, int | None]:
    """[pack.defaults]: the fields every prompt gets unless it gives its own, and the table's line."""
    start = source.table("pack.defaults")
    if not isinstance(table, dict):
        warn(start or line_of(source.text, "defaults"), "[pack] defaults must be a table, like [pack.defaults]; ignored")
        return {}, start
    for key in table:
        if key in ("id", "text"):
            warn(source.key(key, start), f"[pack.defaults] cannot give '{key}': each prompt has its own; ignored")
        elif key not in DEFAULT_KEYS:
            warn(source.key(key, start), f"[pack.defaults] has unknown key '{key}'{did_you_mean(key, DEFAULT_KEYS)}; ignored")
    return {key: value for key, value in table.items() if key in DEFAULT_KEYS}, start


def _tables(value, name: str, shown: str, line: int, warn) -> list[dict]:
    """``value`` as a list of tables, else a warning (the entries are ignored) and []."""
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return value
    warn(line, f"'{name}' must be {shown} tables (two brackets), one per entry; ignored")
    return []


def _behaviors(value, plugin: str, source: Source, head: int | None, warn) -> list[Behavior]:
    tables = _tables(value, "behaviors", "[[pack.behaviors]]", source.key("behaviors", head), warn)
    starts = [source.table("pack.behaviors", index) or source.key("behaviors", head) for index in range(len(tables))]
    return _items(Behavior, "behavior", tables, starts, plugin, source, ({}, None), warn)


def _prompts(value, plugin: str, source: Source, defaults: tuple[dict, int | None], warn) -> list[Prompt]:
    tables = _tables(value, "prompt", "[[prompt]]", source.table("prompt") or line_of(source.text, "prompt"), warn)
    starts = [source.table("prompt", index) or line_of(source.text, "prompt") for index in range(len(tables))]
    return _items(Prompt, "prompt", tables, starts, plugin, source, defaults, warn)


def _items(cls, noun: str, tables: list[dict], starts: list[int], plugin: str, source: Source, defaults, warn) -> list:
    """Each table (whose header is on the line in ``starts``) as ``cls``, with the ``(defaults, their
    table's line)`` filled in: a bad one, or the second with one id or name, is a warning and skipped."""
    keys = tuple(name for name in cls._fields if name != "plugin")
    defaults, defaults_line = defaults
    found: dict[str, int] = {}
    items = []
    for index, (table, start) in enumerate(zip(tables, starts)):

        def locate(key, table=table, start=start):
            return source.key(key, start if key in table or key not in defaults else defaults_line)

        label = f"{noun} {shown(table[keys[0]])}" if isinstance(table.get(keys[0]), str) else f"{noun} #{index + 1}"
        _unknown_keys(table, keys, label, locate, warn)
        data = {**defaults, **{k: v for k, v in table.items() if k in keys}}
        try:
            item = cls.from_data(data, plugin)
        except DataError as exc:
            reason = str(exc).replace(f"{noun} has ", f"{label} has ", 1)
            warn(_blame(reason, data, locate, start), f"{reason}; skipped")
            continue
        if item[0] in found:
            warn(start, f"{noun} {keys[0]} '{item[0]}' is already used at line {found[item[0]]}; this one is skipped")
            continue
        found[item[0]] = start
        items.append(item)
    return items


def _blame(message: str, data: dict, locate, fallback: int) -> int:
    """The line of the key a DataError names (the first ``'key'`` of ``data`` in ``message``), else ``fallback``."""
    named = [(message.find(f"'{key}'"), key) for key in data if f"'{key}'" in message]
    return locate(min(named)[1]) if named else fallback
