"""``retrokit doctor``: check a team's setup and list what is wrong, one line per finding.

A finding is a ``problem`` (something is broken or ambiguous: a plugin that does not load, a typo'd hook,
two plugins claiming one prompt id, a template that does not render, a config or memory file that does
not read) or a ``notice`` (worth knowing, usually intended: a team plugin replacing a built-in prompt, a
team template overriding a default). No file is changed and nothing is printed as a warning: every
warning that loading plugins and config would print goes through ``Recorder.warn`` into the findings.

Checks, in order (a check that needs what an earlier one could not load is skipped with a notice):
``config`` retrokit.toml, actions.toml, history.toml, the metrics file;
``plugins`` loading, hook names, every hook called once, malformed contributions, plugin commands
(a prompt pack's bad prompts and keys, each with its file and line);
``packs`` files in a pack folder that are not packs, packs that contribute no prompt;
``prompts`` context tags no plugin declares, prompts no meeting kind can draw;
``prompts`` / ``kinds`` / ``formats`` / ``behaviors`` / ``tags`` the same id or name from two plugins;
``templates`` the search path: names that shadow each other, syntax errors;
``render`` every meeting kind rendered once in memory (seed "doctor"), then through every format;
``translations`` the translation files and entries, and each language's coverage (a line per language).

Each check has its module: ``config_checks``, ``plugin_checks``, ``pack_checks``, ``prompt_checks``,
``template_checks``, ``render_checks``, ``translation_checks``;
``findings`` holds the report they add to.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from retrokit.authoring.doctor.config_checks import open_checked
from retrokit.authoring.doctor.findings import NOTICE, PROBLEM, Finding, Recorder, Report
from retrokit.authoring.doctor.pack_checks import check_packs
from retrokit.authoring.doctor.prompt_checks import check_prompts
from retrokit.authoring.doctor.plugin_checks import QuietCatalog, call_hooks, check_duplicates
from retrokit.authoring.doctor.render_checks import SEED, check_render
from retrokit.authoring.doctor.template_checks import check_templates
from retrokit.authoring.doctor.translation_checks import check_translations

__all__ = ["NOTICE", "PROBLEM", "SEED", "Finding", "Recorder", "Report", "diagnose"]


def diagnose(
    *, team: Path | None = None, plugins_dirs=(), disabled=(), debug: bool = False, lang: str | None = None
) -> Report:
    """Run every check; the findings in the order the checks ran."""
    report = Report()
    recorder = Recorder(report, debug=debug)
    session, memory_ok = open_checked(report, recorder, team, tuple(plugins_dirs), tuple(disabled))
    session = dataclasses.replace(session, catalog=QuietCatalog(session.host))
    contributions = call_hooks(report, session)
    check_packs(report, session)
    recorder.check = "prompts"
    contributions["context tag"] = check_prompts(report, session.catalog, PROBLEM, NOTICE)
    for what, check in (("prompt", "prompts"), ("meeting kind", "kinds"), ("format", "formats"),
                        ("behavior", "behaviors"), ("context tag", "tags")):
        check_duplicates(report, check, what, contributions[what])
    catalog = session.catalog
    recorder.check = "templates"
    check_templates(report, session, contributions["template dir"])
    recorder.check = "render"
    if not memory_ok:  # already reported: render without the memory files, so the templates still get checked
        session = dataclasses.replace(session, config=dataclasses.replace(session.config, path=None))
    check_render(report, session, debug)
    recorder.check = "translations"
    check_translations(report, session, lang)
    report.counts = {
        "plugin": len(session.host.plugins),
        "prompt": len(catalog.prompts),
        "meeting kind": len(catalog.kinds),
        "format": len(catalog.formats),
    }
    return report
