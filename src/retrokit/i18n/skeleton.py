"""A translation file to fill in: ``retrokit prompts --lang es --untranslated -b safety --toml``.

One ``[[prompt]]`` per prompt, each field's English above it as a comment and its translation (or "",
to write) as the value, in the format ``i18n/files.py`` reads. A field left "" is a warning when the
file is read, so an unfinished file says what it still lacks."""

from __future__ import annotations

import json

from retrokit.i18n.agenda import PROMPT_FIELDS


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def translation_file(prompts, language) -> str:
    name = f"{language.name} ({language.code})" if language.name else language.code
    lines = [f"# {name}: {len(prompts)} prompts; each field's English is the comment above it.",
             "# docs/translations.md describes this file.", "", "[translation]", f"lang = {_string(language.code)}"]
    for prompt in prompts:
        done = language.prompts.get(prompt.id, {})
        lines += ["", "[[prompt]]", f"id = {_string(prompt.id)}"]
        for field, _ in PROMPT_FIELDS:
            english = getattr(prompt, field)
            if english:
                lines += [f"# {' '.join(english.split())}", f"{field} = {_string(done.get(field, ''))}"]
    return "\n".join(lines) + "\n"
