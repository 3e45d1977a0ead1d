"""Doctor's ``render`` check: every meeting kind rendered once in memory, then through every format."""

from __future__ import annotations

import contextlib
import dataclasses
import io

import click

from retrokit.authoring.doctor.findings import NOTICE, PROBLEM, Report
from retrokit.host.loader import Reporter, describe_error

SEED = "doctor"


def check_render(report: Report, session, debug: bool, lang: str | None = None) -> None:
    """Render every meeting kind once, in memory, with the team's config; then through every format.
    With a language (``--lang``, else the team's ``[team] lang``) other than English, each kind is
    rendered in it too, so what the team prints is what is checked (its gaps are the translations check's)."""
    from retrokit.errors import RetrokitUsageError

    catalog = session.catalog
    broken_formats: set[str] = set()
    try:
        code = session.language(lang).code if (lang or session.config.lang) else "en"
    except RetrokitUsageError:
        code = "en"  # reported by the translations check
    for name in sorted(catalog.kinds):
        for language in dict.fromkeys(("en", code)):
            composed = _compose(report, session, name, language, debug)
            if composed is None:
                break
            if language == "en":
                for note in composed.agenda.notes:
                    report.add(NOTICE, "render", f"meeting kind '{name}' ({composed.agenda.minutes} min): {note}")
            _formats(report, session, composed, name, broken_formats, debug)


class _Gaps(Reporter):
    """Drops the warnings about translation gaps (the translations check counts them); keeps the rest."""

    def __init__(self, inner):
        super().__init__(strict=False, debug=inner.debug, quiet=True)
        self.inner = inner

    def warn(self, message: str, exc: BaseException | None = None) -> None:
        from retrokit.i18n.agenda import GAPS

        if message.split(" without a ")[0] not in GAPS:
            self.inner.warn(message, exc)


def _compose(report: Report, session, name: str, lang: str, debug: bool):
    """The kind ``name`` planned and rendered to Markdown in ``lang``; None (and a problem) when it fails."""
    from retrokit.planning.compose import compose

    kind = session.catalog.kinds[name]
    if lang != "en":
        session = dataclasses.replace(session, reporter=_Gaps(session.reporter))
    where = "" if lang == "en" else f" in language '{lang}'"
    try:
        with contextlib.redirect_stderr(io.StringIO()):  # the planner's notes: kept below as notices
            return compose(session, name, seed=SEED, record=False, lang=lang)
    except click.ClickException as exc:  # RetrokitError, and a usage error such as a kind's bad phase
        message = exc.format_message()
        if not report.seen(message):  # e.g. a broken actions.toml, already reported by config
            report.add(PROBLEM, "render", f"meeting kind '{name}' (plugin '{kind.plugin}') does not render{where}: {message}")
    except Exception as exc:
        if debug:
            raise
        report.add(
            PROBLEM, "render",
            f"meeting kind '{name}' (plugin '{kind.plugin}') does not render{where}: {type(exc).__name__}: {exc}",
        )
    return None


def _formats(report: Report, session, composed, name: str, broken_formats: set, debug: bool) -> None:
    """The rendered kind ``name`` through every format (in its language); a failing format once."""
    from retrokit.planning.compose import speaking_in
    from retrokit.rendering import RenderRequest

    catalog = session.catalog
    for fmt_name in sorted(catalog.formats):
        fmt = catalog.formats[fmt_name]
        if fmt_name in broken_formats:
            continue
        try:
            renderer = fmt.renderer()
        except Exception:
            continue  # reported when the plugins were checked
        request = RenderRequest(composed.markdown, agenda=composed.agenda, config=session.config,
                                language=composed.language)
        request.use_format(fmt)
        try:
            with speaking_in(composed.language):
                text = renderer(request)
        except Exception as exc:
            if debug:
                raise
            broken_formats.add(fmt_name)
            origin = getattr(getattr(renderer, "__code__", None), "co_filename", "")
            where = describe_error(exc, origin) if origin else f"{type(exc).__name__}: {exc}"
            report.add(PROBLEM, "formats", f"format '{fmt_name}' (plugin '{fmt.plugin}') fails on the {name} agenda: {where}")
            continue
        if not isinstance(text, str):
            broken_formats.add(fmt_name)
            report.add(
                PROBLEM, "formats",
                f"format '{fmt_name}' (plugin '{fmt.plugin}') returned {type(text).__name__}, not text",
            )
