"""Doctor's ``translations`` check: every language the plugins and the team translate into, read once
(a bad translation file or entry is a problem, with its file and line), and how much of the library,
the meeting kinds and the templates each one covers (a line per language, not a finding: a partial
translation is a fact to know, and the gaps fall back to English): shown for --lang CODE or the team's
[team] lang, and for every language in --json. A translation of a prompt id nothing
contributes is a notice."""

from __future__ import annotations

from retrokit.authoring.doctor.findings import NOTICE, PROBLEM, Report
from retrokit.host.paths import builtin_dir


def check_translations(report: Report, session, lang: str | None = None) -> None:
    from retrokit.i18n import ENGLISH
    from retrokit.i18n.coverage import coverage

    from retrokit.errors import RetrokitUsageError

    translations = session.translations  # reading them reports what is wrong through the Recorder
    codes = translations.codes()
    if lang or session.config.lang:
        try:
            codes = [session.language(lang).code]
        except RetrokitUsageError as exc:
            if lang:  # --lang: the command line's mistake
                raise
            report.add(PROBLEM, "config", exc.format_message())
    folders = [f for f in (session.config.templates_folder, *session.catalog.template_dirs) if f and f.is_dir()]
    folders.append(builtin_dir("templates"))
    report.shown_languages = bool(lang or session.config.lang)
    for code in codes:
        if code != ENGLISH:
            found = report.languages[code] = coverage(session.catalog, translations.languages[code], folders)
            for pid in found.unknown:  # a typo in an id, or a prompt since renamed or removed
                report.add(NOTICE, "translations", f"the {code} translation of prompt '{pid}' translates no "
                           "loaded prompt (a typo in its id, or a prompt since renamed?)")
