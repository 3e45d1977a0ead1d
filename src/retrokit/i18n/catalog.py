"""The translations every plugin contributes, by language: what ``retrokit_translations`` returns
(entries, and translation files or folders of them) and the team's ``translations/`` folder.

Built on first use, and only when a language other than English is asked for (or by ``doctor``): an
English render never calls the hook or reads a translation file. Later plugins win, entry by entry.
"""

from __future__ import annotations

from dataclasses import field
from functools import lru_cache
from pathlib import Path

from retrokit.errors import PluginError, RetrokitUsageError, did_you_mean, shown
from retrokit.i18n import ENGLISH
from retrokit.records import record

HOOK = "retrokit_translations"
#: The languages' own names, for the languages retrokit ships (a file's [translation] name adds others).
NAMES = {"en": "English", "de": "Deutsch", "es": "Español", "fr": "Français"}


@record
class Language:
    """One language: its code and name and what it translates (prompts, kinds, behaviours, strings)."""

    code: str
    name: str = ""
    prompts: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> {text, note, prepare}
    kinds: dict[str, dict] = field(default_factory=dict)  # name -> {title, sections: {id: {title, intro}}}
    behaviors: dict[str, str] = field(default_factory=dict)  # name -> title
    strings: dict[str, object] = field(default_factory=dict)  # English text -> text or {one, other}

    def __init__(self, code: str, name: str = "", prompts: dict[str, dict[str, str]] | None = None,
                 kinds: dict[str, dict] | None = None, behaviors: dict[str, str] | None = None,
                 strings: dict[str, object] | None = None):
        self.code, self.name = code, name
        self.prompts = {} if prompts is None else prompts
        self.kinds = {} if kinds is None else kinds
        self.behaviors = {} if behaviors is None else behaviors
        self.strings = {} if strings is None else strings

    def add(self, entries: dict) -> None:
        self.name = entries.get("name") or self.name
        for pid, texts in entries.get("prompts", {}).items():
            self.prompts.setdefault(pid, {}).update(texts)
        for name, kind in entries.get("kinds", {}).items():
            known = self.kinds.setdefault(name, {"sections": {}})
            if kind.get("title"):
                known["title"] = kind["title"]
            for sid, texts in kind.get("sections", {}).items():
                known["sections"].setdefault(sid, {}).update(texts)
        self.behaviors.update(entries.get("behaviors", {}))
        self.strings.update(entries.get("strings", {}))


class Translations:
    """Every language some plugin or file translates into, by code (English is always there, empty).

    What each language is made of is kept in load order (``sources``): entries already read, and folders
    of one language's files (``de/`` in a plugin's translations folder), read only when that language is
    first asked for, so a German render never parses the Spanish files. A later source wins."""

    def __init__(self):
        self.sources: list[tuple[str, str, object]] = []  # (code, "entries" | "folder", dict | Path)
        self.built: dict[str, Language] = {ENGLISH: Language(ENGLISH, NAMES[ENGLISH])}
        self.warn = lambda message: None

    def add(self, code: str, entries: dict) -> None:
        self.sources.append((code, "entries", entries))

    def codes(self) -> list[str]:
        return sorted({ENGLISH, *(code for code, _, _ in self.sources)})

    def language(self, code: str) -> Language:
        """The language ``code``, read on first use (an empty one when nothing translates into it)."""
        if code not in self.built:
            language = self.built[code] = Language(code, NAMES.get(code, ""))
            for source_code, kind, value in self.sources:
                if source_code != code:
                    continue
                if kind == "entries":
                    language.add(value)
                else:
                    for lang, entries in _read_folder(value, self.warn):
                        if lang == code:
                            language.add(entries)
                        else:
                            self.warn(f"{entries['path']}: [translation] lang = \"{lang}\" in the folder of "
                                      f"language '{code}'; skipped (move it to {lang}/)")
        return self.built[code]

    @property
    def languages(self) -> dict[str, Language]:
        return {code: self.language(code) for code in self.codes()}

    def check(self, code: str, where: str = "--lang") -> Language:
        """The language ``code`` names; one that nothing translates into is a usage error listing them."""
        if code in self.codes():
            return self.language(code)
        raise RetrokitUsageError(
            f"{where}: no translations for language {shown(code)}{did_you_mean(code, self.codes())}; "
            f"available: {', '.join(self.codes())}"
        )


ENGLISH_LANGUAGE = Language(ENGLISH, NAMES[ENGLISH])


def choose(session, code: str | None) -> Language:
    """``code`` (from --lang or RETROKIT_LANG), else the team's ``[team] lang``, else English; a code
    nothing translates into is a usage error naming where it came from."""
    if code is not None and not isinstance(code, str):
        raise RetrokitUsageError(f"lang must be a language code such as \"de\", not {shown(code)}")
    given = bool(code)
    code = ((code if given else session.config.lang) or ENGLISH).strip().lower()  # DE is de, everywhere
    if code == ENGLISH:
        return ENGLISH_LANGUAGE
    where = "--lang (or RETROKIT_LANG)" if given else session.config.where("lang", "team")  # only for errors
    return session.translations.check(code, where)


@lru_cache(maxsize=None)
def builtin_string_translations(english: str) -> tuple[str, ...]:
    """What the built-in translation files make of the template string ``english``, in every language
    (``ingest`` knows a translated agenda's "Before the meeting:" list by it, without loading plugins)."""
    from retrokit.host.paths import builtin_dir
    from retrokit.i18n.files import read_translation

    found = []
    for path in sorted((builtin_dir("plugins") / "translations").glob("*/ui.toml")):  # where template text lives
        try:
            text = read_translation(path)[1]["strings"].get(english)
        except PluginError:
            continue
        found += [text] if isinstance(text, str) else []
    return tuple(found)


def collect(host, team_folder: Path | None, warn) -> Translations:
    """What every plugin's ``retrokit_translations`` gives, then the team's ``translations/`` folder."""
    translations = Translations()
    translations.warn = warn
    for info, impl in host.impls(HOOK):
        ok, result = host.call_one(info, impl, HOOK, {})
        if not ok or result is None:
            continue
        if not isinstance(result, (list, tuple)):
            warn(f"plugin '{info.name}' returned {type(result).__name__} from {HOOK}, not a list; ignored")
            continue
        code = getattr(impl.function, "__code__", None)  # a relative path is relative to the plugin's file
        base = Path(code.co_filename).parent if code else Path.cwd()
        for entry in result:
            if isinstance(entry, (str, Path)):
                _read_files(translations, base / entry, f"plugin '{info.name}'", warn)
            else:
                problem = _add_entry(translations, entry)
                if problem:
                    warn(f"plugin '{info.name}' {HOOK}: {problem}; skipped")
    if team_folder is not None and (team_folder / "translations").is_dir():
        _read_files(translations, team_folder / "translations", "the team's translations/ folder", warn)
    return translations


def _read_files(translations: Translations, path: Path, who: str, warn) -> None:
    """A translation file, or a folder of them: its ``<lang>/`` folders are read when that language is
    asked for, its other files (any depth) now."""
    from retrokit.i18n.files import LANG

    if path.is_file():
        files, folders = [path], []
    elif path.is_dir():
        folders = sorted(p for p in path.iterdir() if p.is_dir() and LANG.match(p.name))
        files = sorted(p for p in path.rglob("*.toml") if not p.name.startswith(("_", "."))
                       and not any(folder in p.parents for folder in folders))
    else:
        warn(f"{who} {HOOK}: no translation file or folder {path}; ignored")
        return
    for lang, entries in _read_folder(files, warn):
        translations.add(lang, entries)
    for folder in folders:
        translations.sources.append((folder.name, "folder", folder))


def _read_folder(where, warn):
    """``(lang, entries)`` of each translation file in ``where`` (a folder, read recursively, or a list of
    files); a file that cannot be read is a warning and skipped."""
    from retrokit.i18n.files import read_translation

    files = where if isinstance(where, list) else sorted(
        p for p in Path(where).rglob("*.toml") if not p.name.startswith(("_", ".")))
    for file in files:
        try:
            lang, entries, problems = read_translation(file)
        except PluginError as exc:
            warn(f"{exc}; skipped")
            continue
        for problem in problems:
            warn(problem)
        yield lang, dict(entries, path=str(file))


def _add_entry(translations: Translations, entry) -> str:
    """Add one entry a plugin returned; what is wrong with it ("" when nothing)."""
    from retrokit.i18n.files import LANG, SECTION_KEYS

    if not isinstance(entry, dict):
        return f"an entry must be a dict or a translation file's path, not {type(entry).__name__}"
    lang = entry.get("lang")
    if not isinstance(lang, str) or not LANG.match(lang):
        return f"entry {shown(entry)} needs 'lang', a language code such as \"de\""
    kinds = [key for key in ("prompt", "kind", "behavior", "string") if key in entry]
    if len(kinds) != 1 or not isinstance(entry[kinds[0]], str):
        return f"entry {shown(entry)} needs exactly one of 'prompt', 'kind', 'behavior', 'string' (text)"
    what, name = kinds[0], entry[kinds[0]]
    texts = {k: v for k, v in entry.items() if k not in ("lang", what)}
    allowed = {"prompt": ("text", "note", "prepare", "source"), "kind": ("title", "sections"),
               "behavior": ("title",), "string": ("text",)}[what]
    unknown = sorted(set(texts) - set(allowed))
    if unknown:
        return f"{what} entry '{name}' has unknown key '{unknown[0]}'{did_you_mean(unknown[0], allowed)}"
    sections = texts.pop("sections", {})
    if not all(isinstance(v, str) and v.strip() for v in texts.values()) or not isinstance(sections, dict) or not all(
        isinstance(s, dict) and set(s) <= set(SECTION_KEYS) and all(isinstance(v, str) for v in s.values())
        for s in sections.values()
    ):
        return f"{what} entry '{name}': every translation must be non-empty text"
    if what == "prompt":
        translations.add(lang, {"prompts": {name: texts}})
    elif what == "kind":
        translations.add(lang, {"kinds": {name: {**texts, "sections": sections}}})
    elif what == "behavior" and "title" in texts:
        translations.add(lang, {"behaviors": {name: texts["title"]}})
    elif what == "string" and "text" in texts:
        translations.add(lang, {"strings": {" ".join(name.split()): texts["text"]}})
    return ""
