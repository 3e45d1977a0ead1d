"""Doctor's ``templates`` check: the template search path (names that shadow each other) and syntax."""

from __future__ import annotations

import re
from pathlib import Path

from retrokit.authoring.doctor.findings import NOTICE, PROBLEM, Report
from retrokit.host.loader import PluginInfo


def _template_names(folder: Path) -> dict[str, Path]:
    return {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*.j2")) if path.is_file()}


def _extends_default(path: Path, name: str) -> bool:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(rf"""\{{%-?\s*extends\s+(["'])default:{re.escape(name)}\1""", source) is not None


def check_templates(report: Report, session, plugin_dirs: list[tuple[PluginInfo, Path]]) -> None:
    """The template search path: team folder, plugin folders (in load order), then the defaults.

    The first folder holding a name wins, so a plugin folder hides a later plugin's template silently."""
    import jinja2

    from retrokit.host.paths import builtin_dir

    team_folder = session.config.templates_folder
    team = _template_names(team_folder) if team_folder else {}
    # A folder already on the path (a team plugin may return the team's own templates folder) adds nothing.
    seen = {team_folder.resolve()} if team_folder else set()
    plugins = []
    for info, folder in plugin_dirs:
        if folder.resolve() not in seen:
            seen.add(folder.resolve())
            plugins.append((info, folder, _template_names(folder)))
    defaults = _template_names(builtin_dir("templates"))

    for name, path in team.items():
        owners = [(info, names[name]) for info, _, names in plugins if name in names]
        if owners:
            info, hidden = owners[0]
            report.add(NOTICE, "templates", f"team template {path} overrides plugin '{info.name}' template {hidden}")
        elif name in defaults:
            how = (
                f"extends it through default:{name}"
                if _extends_default(path, name)
                else f"replaces it whole (use {{% extends \"default:{name}\" %}} to build on it)"
            )
            report.add(NOTICE, "templates", f"team template {path} overrides built-in {name}; it {how}")
    for index, (info, folder, names) in enumerate(plugins):
        for name, path in names.items():
            earlier = [(first, names_[name]) for first, _, names_ in plugins[:index] if name in names_]
            if earlier:
                first, shown = earlier[0]
                if first.name != info.name:
                    report.add(
                        PROBLEM, "templates",
                        f"template {name} of plugin '{info.name}' ({path}) is hidden by plugin '{first.name}' "
                        f"({shown}), which comes first in the template search path",
                    )
            elif name in defaults and not _extends_default(path, name):
                report.add(
                    NOTICE, "templates",
                    f"plugin '{info.name}' template {path} replaces built-in {name} without "
                    f"{{% extends \"default:{name}\" %}}",
                )

    # Syntax: every template a team or plugin brings, used or not, with its file and line.
    env = jinja2.Environment()
    for path in [*team.values(), *(path for _, _, names in plugins for path in names.values())]:
        try:
            env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            report.add(PROBLEM, "templates", f"{exc.filename}:{exc.lineno}: template syntax error: {exc.message}")
        except (OSError, UnicodeDecodeError) as exc:
            report.add(PROBLEM, "templates", f"cannot read {path}: {exc}")
