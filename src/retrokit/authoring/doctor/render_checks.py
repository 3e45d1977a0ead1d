"""Doctor's ``render`` check: every meeting kind rendered once in memory, then through every format."""

from __future__ import annotations

import contextlib
import io

import click

from retrokit.authoring.doctor.findings import NOTICE, PROBLEM, Report
from retrokit.host.loader import describe_error

SEED = "doctor"


def check_render(report: Report, session, debug: bool) -> None:
    """Render every meeting kind once, in memory, with the team's config; then through every format."""
    from retrokit.planning.compose import compose
    from retrokit.rendering import RenderRequest

    catalog = session.catalog
    broken_formats: set[str] = set()
    for name in sorted(catalog.kinds):
        kind = catalog.kinds[name]
        try:
            with contextlib.redirect_stderr(io.StringIO()):  # the planner's notes: kept below as notices
                composed = compose(session, name, seed=SEED, record=False, lang="en")  # gaps: the translations check
        except click.ClickException as exc:  # RetrokitError, and a usage error such as a kind's bad phase
            message = exc.format_message()
            if not report.seen(message):  # e.g. a broken actions.toml, already reported by config
                report.add(PROBLEM, "render", f"meeting kind '{name}' (plugin '{kind.plugin}') does not render: {message}")
            continue
        except Exception as exc:
            if debug:
                raise
            report.add(
                PROBLEM, "render",
                f"meeting kind '{name}' (plugin '{kind.plugin}') does not render: {type(exc).__name__}: {exc}",
            )
            continue
        for note in composed.agenda.notes:
            report.add(NOTICE, "render", f"meeting kind '{name}' ({composed.agenda.minutes} min): {note}")
        for fmt_name in sorted(catalog.formats):
            fmt = catalog.formats[fmt_name]
            if fmt_name in broken_formats:
                continue
            try:
                renderer = fmt.renderer()
            except Exception:
                continue  # reported when the plugins were checked
            request = RenderRequest(composed.markdown, agenda=composed.agenda, config=session.config)
            request.use_format(fmt)
            try:
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
