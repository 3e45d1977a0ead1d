"""The translations every plugin contributes, by language: what ``retrokit_translations`` returns
(entries, and translation files or folders of them) and the team's ``translations/`` folder.

Built on first use, and only when a language other than English is asked for (or by ``doctor``): an
English render never calls the hook or reads a translation file. Later plugins win, entry by entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from retrokit.errors import PluginError, RetrokitUsageError, did_you_mean, shown
from retrokit.i18n import ENGLISH

HOOK = "retrokit_translations"
#: The languages' own names, for the languages retrokit ships (a file's [translation] name adds others).
NAMES = {"en": "English", "de": "Deutsch", "es": "Español", "fr": "Français"}


@dataclass
class Language:
    code: str
    name: str = ""
    prompts: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> {text, note, prepare}
    kinds: dict[str, dict] = field(default_factory=dict)  # name -> {title, sections: {id: {title, intro}}}
    behaviors: dict[str, str] = field(default_factory=dict)  # name -> title
    strings: dict[str, object] = field(default_factory=dict)  # English text -> text or {one, other}

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
    """Every language some plugin or file translates into, by code (English is always there, empty)."""

    def __init__(self):
        self.languages: dict[str, Language] = {ENGLISH: Language(ENGLISH, NAMES[ENGLISH])}

    def language(self, code: str) -> Language:
        if code not in self.languages:
            self.languages[code] = Language(code, NAMES.get(code, ""))
        return self.languages[code]

    def codes(self) -> list[str]:
        return sorted(self.languages)

    def check(self, code: str, where: str = "--lang") -> Language:
        """The language ``code`` names; one that nothing translates into is a usage error listing them."""
        if code in self.languages:
            return self.languages[code]
        raise RetrokitUsageError(
            f"{where}: no translations for language {shown(code)}{did_you_mean(code, self.codes())}; "
            f"available: {', '.join(self.codes())}"
        )


ENGLISH_LANGUAGE = Language(ENGLISH, NAMES[ENGLISH])


def choose(session, code: str | None) -> Language:
    """``code`` (from --lang or RETROKIT_LANG), else the team's ``[team] lang``, else English; a code
    nothing translates into is a usage error naming where it came from."""
    where = "--lang (or RETROKIT_LANG)"
    if code is not None and not isinstance(code, str):
        raise RetrokitUsageError(f"lang must be a language code such as \"de\", not {shown(code)}")
    if not code:
        code, where = session.config.lang, session.config.where("lang", "team")
    code = (code or ENGLISH).strip()
    if code == ENGLISH:
        return ENGLISH_LANGUAGE
    return session.translations.check(code, where)


@lru_cache(maxsize=None)
def builtin_string_translations(english: str) -> tuple[str, ...]:
    """What the built-in translation files make of the template string ``english``, in every language
    (``ingest`` knows a translated agenda's "Before the meeting:" list by it, without loading plugins)."""
    from retrokit.host.paths import builtin_dir
    from retrokit.i18n.files import read_translation

    found = []
    for path in sorted((builtin_dir("plugins") / "translations").rglob("*.toml")):
        try:
            text = read_translation(path)[1]["strings"].get(english)
        except PluginError:
            continue
        found += [text] if isinstance(text, str) else []
    return tuple(found)


def collect(host, team_folder: Path | None, warn) -> Translations:
    """What every plugin's ``retrokit_translations`` gives, then the team's ``translations/`` folder."""
    translations = Translations()
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
    from retrokit.i18n.files import read_translation

    if path.is_dir():
        files = sorted(p for p in path.rglob("*.toml") if not p.name.startswith(("_", ".")))
    elif path.is_file():
        files = [path]
    else:
        warn(f"{who} {HOOK}: no translation file or folder {path}; ignored")
        return
    for file in files:
        try:
            lang, entries, problems = read_translation(file)
        except PluginError as exc:
            warn(f"{exc}; skipped")
            continue
        for problem in problems:
            warn(problem)
        translations.language(lang).add(entries)


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
    allowed = {"prompt": ("text", "note", "prepare"), "kind": ("title", "sections"),
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
    language = translations.language(lang)
    if what == "prompt":
        language.add({"prompts": {name: texts}})
    elif what == "kind":
        language.add({"kinds": {name: {**texts, "sections": sections}}})
    elif what == "behavior" and "title" in texts:
        language.add({"behaviors": {name: texts["title"]}})
    elif what == "string" and "text" in texts:
        language.add({"strings": {" ".join(name.split()): texts["text"]}})
    return ""
