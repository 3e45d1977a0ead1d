"""German, Spanish and French for the built-in library, as translation files (plugins/translations/):
one folder per language, one file per prompt family, and ui.toml for the meeting kinds, behaviours and
the templates' and planner's text. docs/translations.md describes the files."""

from pathlib import Path

from retrokit import hookimpl

RETROKIT_API = "1.3"


@hookimpl
def retrokit_translations():
    return [Path(__file__).parent / "translations"]
