"""Reading one translation file: TOML that needs no Python, one file per language and family.

```toml
[translation]
lang = "de"                       # required: the language code
name = "Deutsch"                  # optional: the language's own name (doctor shows it)

[strings]                         # template and planner text, by its English text
"Before the meeting:" = "Vor dem Treffen:"
"open {n} days" = { one = "seit {n} Tag offen", other = "seit {n} Tagen offen" }

[behaviors]                       # behaviour titles, by behaviour name
listening = "Aktives Zuhören"

[kinds.retro]                     # a meeting kind's title, and its sections' titles and intros
title = "Retrospektive"
sections.set-the-stage = { title = "Ankommen", intro = "..." }

[[prompt]]                        # one table per prompt, by id: text, and note, prepare, source if it has them
id = "listening.one-word-no-replies"
text = "..."
note = "..."
```

It is read with the prompt packs' machinery (``files.load_toml``, ``pack_file.Source`` for lines): a file
that cannot be read or parsed, or has no ``[translation] lang``, is one ``PluginError``; anything else is
a line ``path:LINE: ...`` in the returned problems that skips only the entry at fault.
"""

from __future__ import annotations

import re
from pathlib import Path

from retrokit.errors import PluginError, RetrokitError, did_you_mean, shown

TABLES = ("translation", "strings", "behaviors", "kinds", "prompt")
PROMPT_KEYS = ("id", "text", "note", "prepare", "source")
KIND_KEYS = ("title", "sections")
SECTION_KEYS = ("title", "intro")
PLURAL_KEYS = ("one", "other")
LANG = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?\Z")


def read_translation(path: Path) -> tuple[str, dict, list[str]]:
    """``(lang, entries, problems)`` for the file at ``path``: entries as ``catalog.add`` takes them."""
    from retrokit.files import load_toml, read_document
    from retrokit.host.pack_file import Source
    from retrokit.memory.store import line_of

    try:
        text = read_document(str(path), str(path))
        data = load_toml(path, text)
    except RetrokitError as exc:
        raise PluginError(exc.message) from None
    source = Source(text)
    head = source.table("translation")
    table = data.get("translation")
    lang = table.get("lang") if isinstance(table, dict) else None
    if not isinstance(lang, str) or not LANG.match(lang):
        where = source.key("lang", head) if head else 1
        raise PluginError(f"{path}:{where}: not a translation file: it needs [translation] lang = \"de\" "
                          "(a language code: two or three lowercase letters)")
    problems: list[str] = []

    def warn(line, message):
        problems.append(f"{path}:{line}: {message}")

    for key in data:
        if key not in TABLES:
            warn(source.table(key) or line_of(text, key), f"unknown table '{key}'{did_you_mean(key, TABLES)}; ignored")
    for key in table:
        if key not in ("lang", "name"):
            warn(source.key(key, head), f"[translation] has unknown key '{key}'{did_you_mean(key, ('lang', 'name'))}; ignored")
    entries = {
        "name": table.get("name") if isinstance(table.get("name"), str) else "",
        "strings": _strings(data.get("strings", {}), source, warn),
        "behaviors": _texts(data.get("behaviors", {}), "behaviors", source, warn),
        "kinds": _kinds(data.get("kinds", {}), source, warn),
        "prompts": _prompts(data.get("prompt", []), source, warn),
    }
    return lang, entries, problems


def _texts(table, name: str, source, warn) -> dict[str, str]:
    """A table of ``key = "text"``; anything that is not text is a warning and left out."""
    start = source.table(name)
    if not isinstance(table, dict):
        warn(start or 1, f"'{name}' must be a table, like [{name}]; ignored")
        return {}
    found = {}
    for key, value in table.items():
        if isinstance(value, str) and value.strip():
            found[key] = value
        else:
            warn(source.key(key, start), f"[{name}] {shown(key)} must be non-empty text; ignored")
    return found


def _strings(table, source, warn) -> dict[str, object]:
    """[strings]: text, or ``{one, other}`` for a string that depends on a number."""
    start = source.table("strings")
    if not isinstance(table, dict):
        warn(start or 1, "'strings' must be a table, like [strings]; ignored")
        return {}
    found = {}
    for key, value in table.items():
        if isinstance(value, dict) and set(value) <= set(PLURAL_KEYS) and "other" in value and all(
            isinstance(v, str) and v.strip() for v in value.values()
        ):
            found[" ".join(key.split())] = dict(value)
        elif isinstance(value, str) and value.strip():
            found[" ".join(key.split())] = value
        else:
            warn(source.key(key, start), f"[strings] {shown(key)} must be non-empty text, or "
                 "{ one = \"...\", other = \"...\" }; ignored")
    return found


def _kinds(table, source, warn) -> dict[str, dict]:
    if not isinstance(table, dict):
        warn(source.table("kinds") or 1, "'kinds' must be a table of meeting kinds, like [kinds.retro]; ignored")
        return {}
    kinds = {}
    for name, kind in table.items():
        start = source.table(f"kinds.{name}") or source.table("kinds")
        if not isinstance(kind, dict):
            warn(start or 1, f"kinds.{name} must be a table, like [kinds.{name}]; ignored")
            continue
        for key in kind:
            if key not in KIND_KEYS:
                warn(source.key(key, start), f"[kinds.{name}] has unknown key '{key}'{did_you_mean(key, KIND_KEYS)}; ignored")
        entry = {"title": kind["title"]} if isinstance(kind.get("title"), str) and kind["title"].strip() else {}
        if "title" in kind and not entry:
            warn(source.key("title", start), f"[kinds.{name}] title must be non-empty text; ignored")
        sections = kind.get("sections", {})
        entry["sections"] = {}
        for sid, section in (sections.items() if isinstance(sections, dict) else ()):
            texts = {k: v for k, v in section.items() if k in SECTION_KEYS and isinstance(v, str) and v.strip()} \
                if isinstance(section, dict) else {}
            if not isinstance(section, dict) or len(texts) != len(section):
                warn(source.key(f"sections.{sid}", start) if start else 1,
                     f"[kinds.{name}] section '{sid}' must be {{ title = \"...\", intro = \"...\" }} (non-empty text); "
                     "what is not is ignored")
            entry["sections"][sid] = texts
        kinds[name] = entry
    return kinds


def _prompts(value, source, warn) -> dict[str, dict]:
    from retrokit.memory.store import line_of

    if not (isinstance(value, list) and all(isinstance(item, dict) for item in value)):
        warn(source.table("prompt") or line_of(source.text, "prompt"), "'prompt' must be [[prompt]] tables (two brackets), one per prompt; ignored")
        return {}
    prompts: dict[str, dict] = {}
    for index, table in enumerate(value):
        start = source.table("prompt", index) or 1
        pid = table.get("id")
        if not isinstance(pid, str) or not pid.strip():
            warn(start, f"prompt #{index + 1} has no id (the id of the prompt it translates); skipped")
            continue
        for key in table:
            if key not in PROMPT_KEYS:
                warn(source.key(key, start), f"prompt '{pid}' has unknown key '{key}'{did_you_mean(key, PROMPT_KEYS)}; ignored")
        texts = {}
        for key in PROMPT_KEYS[1:]:
            if key in table and not (isinstance(table[key], str) and table[key].strip()):
                warn(source.key(key, start), f"prompt '{pid}' {key} must be non-empty text; ignored")
            elif key in table:
                texts[key] = table[key]
        if pid in prompts:
            warn(start, f"prompt '{pid}' is translated twice in this file; this one is skipped")
            continue
        prompts[pid] = texts
    return prompts
