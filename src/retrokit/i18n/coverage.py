"""What a language still lacks: per prompt, the fields with no translation; the meeting kinds', sections'
and behaviours' titles; the template and planner strings (``t("...")`` in the templates, the planner's
own items). ``retrokit prompts --untranslated``, ``doctor`` and the coverage test read it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

#: ``t("English text"`` in a template (the English text is the key; ``\\"`` inside is allowed).
_T_CALL = re.compile(r"""\bt\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""", re.DOTALL)


def template_strings(folders) -> list[str]:
    """The English text of every ``t("...")`` in the ``*.j2`` templates of ``folders``, in order, once."""
    found: dict[str, None] = {}
    for folder in folders:
        for path in sorted(Path(folder).glob("*.j2")):
            for match in _T_CALL.finditer(path.read_text(encoding="utf-8")):
                text = match.group(1) if match.group(1) is not None else match.group(2)
                found[" ".join(text.replace('\\"', '"').replace("\\'", "'").split())] = None
    return list(found)


def planner_strings() -> list[str]:
    from retrokit.planning import layout
    from retrokit.rendering import ALERT_TITLES

    return [layout.OPEN_AFTER, layout.OPEN_ALONE, layout.BUFFER, *ALERT_TITLES.values()]  # and formats' labels


def prompt_gaps(prompt, language) -> list[str]:
    """The fields of ``prompt`` (text, note, prepare, source) that ``language`` does not translate."""
    from retrokit.i18n.agenda import PROMPT_FIELDS

    texts = language.prompts.get(prompt.id, {})
    return [name for name, _ in PROMPT_FIELDS if getattr(prompt, name) and name not in texts]


@dataclass
class Coverage:
    language: object
    prompts: int = 0  # prompts in the catalog
    untranslated: dict[str, list[str]] = field(default_factory=dict)  # prompt id -> missing fields
    other: list[str] = field(default_factory=list)  # "kind retro: title", "string 'Buffer: …'", …
    unknown: list[str] = field(default_factory=list)  # translated prompt ids no plugin contributes

    @property
    def translated(self) -> int:
        return self.prompts - len(self.untranslated)

    def line(self) -> str:
        lang = self.language
        name = f"{lang.code} ({lang.name})" if lang.name else lang.code
        text = f"{name}: {self.translated} of {self.prompts} prompts translated"
        if self.untranslated:
            text += f", {len(self.untranslated)} to go (retrokit prompts --lang {lang.code} --untranslated)"
        if self.other:
            shown = ", ".join(self.other[:3]) + (", …" if len(self.other) > 3 else "")
            return text + f"; {len(self.other)} other texts missing: {shown}"
        return text + "; every meeting kind, section, behaviour and template text translated"


def coverage(catalog, language, template_folders) -> Coverage:
    """What ``language`` translates of ``catalog`` (and of the templates in ``template_folders``)."""
    result = Coverage(language, prompts=len(catalog.prompts))
    for prompt in sorted(catalog.prompts.values(), key=lambda p: p.id):
        missing = prompt_gaps(prompt, language)
        if missing:
            result.untranslated[prompt.id] = missing
    result.unknown = sorted(set(language.prompts) - set(catalog.prompts))
    for kind in sorted(catalog.kinds.values(), key=lambda k: k.name):
        known = language.kinds.get(kind.name, {})
        if not known.get("title"):
            result.other.append(f"kind {kind.name}: title")
        for section in kind.sections:
            texts = known.get("sections", {}).get(section.id, {})
            result.other += [f"kind {kind.name}: section {section.id} {name}" for name in ("title", "intro")
                             if getattr(section, name) and name not in texts]
    result.other += [f"behavior {name}: title" for name in sorted(catalog.behaviors) if name not in language.behaviors]
    result.other += [f"string {text!r}" for text in [*template_strings(template_folders), *planner_strings()]
                     if text not in language.strings]
    return result
