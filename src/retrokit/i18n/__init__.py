"""Agendas in the team's language: translations contributed by plugins (``retrokit_translations``) and
translation files (TOML, docs/translations.md), applied to a planned agenda and to the templates' text.

English is the source language: every prompt, section and template string is written in English and is
looked up by its id (prompts, kinds, sections, behaviours) or by its English text (template and planner
strings). A prompt keeps its id in every language, so plans, history and rotation are shared.
"""

ENGLISH = "en"
