"""``retrokit doctor``: check a team's setup and list what is wrong, one line per finding.

A finding is a ``problem`` (something is broken or ambiguous: a plugin that does not load, a typo'd hook,
two plugins claiming one prompt id, a template that does not render, a config or memory file that does
not read) or a ``notice`` (worth knowing, usually intended: a team plugin replacing a built-in prompt, a
team template overriding a default). No file is changed and nothing is printed as a warning: every
warning that loading plugins and config would print goes through ``Recorder.warn`` into the findings.

Checks, in order (a check that needs what an earlier one could not load is skipped with a notice):
``config`` retrokit.toml, actions.toml, history.toml, the metrics file;
``plugins`` loading, hook names, every hook called once, malformed contributions, plugin commands;
``prompts`` context tags no plugin declares, prompts no meeting kind can draw (authoring/reach.py);
``prompts`` / ``kinds`` / ``formats`` / ``behaviors`` / ``tags`` the same id or name from two plugins;
``templates`` the search path: names that shadow each other, syntax errors;
``render`` every meeting kind rendered once in memory (seed "doctor"), then through every format.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import click

from retrokit.authoring.reach import check_prompts
from retrokit.errors import RetrokitError
from retrokit.host.catalog import Catalog
from retrokit.host.loader import PluginHost, PluginInfo, Reporter, describe_error

PROBLEM = "problem"
NOTICE = "notice"
SEED = "doctor"


@dataclass(frozen=True)
class Finding:
    severity: str  # PROBLEM or NOTICE
    check: str  # config, plugins, commands, prompts, kinds, formats, behaviors, tags, templates, render
    message: str  # one line naming the plugin or file:line at fault

    def to_json(self) -> dict:
        return {"severity": self.severity, "check": self.check, "message": self.message}


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # plugins, prompts, meeting kinds, formats
    _seen: set[str] = field(default_factory=set, repr=False)

    def add(self, severity: str, check: str, message: str) -> None:
        message = " ".join(str(message).split())  # one line, whatever the source
        if message in self._seen:  # the same warning from a second pass, or an error seen earlier
            return
        self._seen.add(message)
        self.findings.append(Finding(severity, check, message))

    def seen(self, message: str) -> bool:
        return " ".join(str(message).split()) in self._seen

    @property
    def problems(self) -> int:
        return sum(f.severity == PROBLEM for f in self.findings)

    @property
    def notices(self) -> int:
        return sum(f.severity == NOTICE for f in self.findings)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.problems or (strict and self.notices))

    def to_json(self) -> dict:
        return {"problems": self.problems, "notices": self.notices, "findings": [f.to_json() for f in self.findings]}

    def summary(self) -> str:
        counts = ", ".join(_plural(n, what) for what, n in self.counts.items())
        if self.problems:
            return f"{_plural(self.problems, 'problem')}, {_plural(self.notices, 'notice')}"
        if self.notices:
            return f"no problems, {_plural(self.notices, 'notice')}" + (f": {counts}" if counts else "")
        return "no problems found" + (f": {counts}" if counts else "")

    def text(self) -> str:
        lines = [f"{f.severity:<8} {f.check:<10} {f.message}" for f in self.findings]
        return "\n".join([*lines, self.summary()]) + "\n"


def _plural(n: int, what: str) -> str:
    if n == 1:
        return f"1 {what}"
    return f"{n} {what[:-1] + 'ies' if what.endswith('y') else what + 's'}"


class Recorder(Reporter):
    """A Reporter that records every warning as a problem of the current check instead of printing it.

    A warning that names the team's config file (``path:LINE: …``) belongs to the ``config`` check."""

    def __init__(self, report: Report, *, debug: bool = False):
        super().__init__(strict=False, debug=debug, quiet=True)
        self.report = report
        self.check = "config"
        self.config_path: str | None = None

    def warn(self, message: str, exc: BaseException | None = None) -> None:
        check = "config" if self.config_path and message.startswith(self.config_path + ":") else self.check
        self.report.add(PROBLEM, check, message)


def diagnose(
    *, team: Path | None = None, plugins_dirs=(), disabled=(), debug: bool = False
) -> Report:
    """Run every check; the findings in the order the checks ran."""
    report = Report()
    recorder = Recorder(report, debug=debug)
    session, memory_ok = _open(report, recorder, team, tuple(plugins_dirs), tuple(disabled))
    session = dataclasses.replace(session, catalog=_Catalog(session.host))
    contributions = _call_hooks(report, session)
    recorder.check = "prompts"
    contributions["context tag"] = check_prompts(report, session.catalog, PROBLEM, NOTICE)
    for what, check in (("prompt", "prompts"), ("meeting kind", "kinds"), ("format", "formats"),
                        ("behavior", "behaviors"), ("context tag", "tags")):
        _check_duplicates(report, check, what, contributions[what])
    catalog = session.catalog
    recorder.check = "templates"
    _check_templates(report, session, contributions["template dir"])
    recorder.check = "render"
    if not memory_ok:  # already reported: render without the memory files, so the templates still get checked
        session = dataclasses.replace(session, config=dataclasses.replace(session.config, path=None))
    _check_render(report, session, debug)
    report.counts = {
        "plugin": len(session.host.plugins),
        "prompt": len(catalog.prompts),
        "meeting kind": len(catalog.kinds),
        "format": len(catalog.formats),
    }
    return report


# -- config --------------------------------------------------------------------------------------------


def _open(report: Report, recorder: Recorder, team, plugins_dirs, disabled):
    """The session doctor checks: the team's, or (when retrokit.toml does not load) the plugins alone."""
    from retrokit.host.catalog import Catalog
    from retrokit.config import TeamConfig
    from retrokit.config import load as load_config
    from retrokit.host.session import Session, open_session

    try:
        config = load_config(team, warn=recorder.warn)
    except RetrokitError as exc:
        report.add(PROBLEM, "config", exc.format_message())
        report.add(
            NOTICE, "config",
            "skipped the team's plugins folder, templates, minutes and memory files until retrokit.toml loads",
        )
        recorder.check = "plugins"
        host = PluginHost(plugin_dirs=plugins_dirs, disabled=disabled, reporter=recorder)
        return Session(TeamConfig(), recorder, host, Catalog(host)), True
    if config.path is None:
        report.add(
            NOTICE, "config",
            "no retrokit.toml here or above (pass --team DIR): checked the plugins and templates only",
        )
    else:
        recorder.config_path = str(config.path)
    memory_ok = config.path is None or _check_memory(report, config)
    recorder.check = "plugins"
    return open_session(team=team, plugins_dirs=plugins_dirs, disabled=disabled, reporter=recorder), memory_ok


def _check_memory(report: Report, config) -> bool:
    """actions.toml, history.toml and the metrics file read as the commands read them; False on a problem."""
    from retrokit.memory.history import History
    from retrokit.memory.ledger import Ledger

    checks = [lambda: Ledger(config.actions_file).items(), lambda: History(config.history_file).meetings()]
    if config.metrics_file is not None:
        from retrokit.metrics import load

        checks.append(lambda: load(config.metrics_file))
    ok = True
    for check in checks:
        try:
            check()
        except RetrokitError as exc:
            report.add(PROBLEM, "config", exc.format_message())
            ok = False
    return ok


# -- plugins -------------------------------------------------------------------------------------------


class _CommandRecorder(click.Group):
    """A throwaway group for ``retrokit_register_commands``: remembers each command added."""

    def __init__(self):
        super().__init__(name="retrokit")
        self.added: list[str] = []

    def add_command(self, cmd, name=None):
        super().add_command(cmd, name)
        self.added.append(name or cmd.name)


class _Catalog(Catalog):
    """The catalog, without its warnings about one plugin redefining another's item: _check_duplicates
    reports those in more detail (and tells an intended override of a built-in from a clash)."""

    def overridden(self, earlier, info: PluginInfo, what: str) -> None:
        pass


def _call_hooks(report: Report, session) -> dict[str, list]:
    """Call every hook once, through the catalog (a failure or a malformed item becomes a problem through
    the Recorder), and return every valid contribution in load order with the plugin that made it:
    ``{"prompt": [(info, Prompt)], ..., "template dir": [(info, Path)]}``."""
    from retrokit.metrics import collect_rules

    catalog, host = session.catalog, session.host
    catalog.behaviors, catalog.kinds, catalog.formats, catalog.template_dirs  # noqa: B018 (each runs its hooks)
    names = {"behavior": "retrokit_behaviors", "prompt": "retrokit_prompts", "meeting kind": "retrokit_meeting_kinds",
             "format": "retrokit_formats", "template dir": "retrokit_template_dirs"}
    found = {what: catalog.contributions.get(hook, []) for what, hook in names.items()}
    collect_rules(host)  # its own validation warns; the rules themselves run when a kind renders
    _check_commands(report, host)
    for _, fmt in found["format"]:
        try:
            fmt.renderer()
        except Exception as exc:
            report.add(
                PROBLEM, "formats",
                f"format '{fmt.name}' (plugin '{fmt.plugin}'): render {fmt.render!r} cannot be imported: "
                f"{type(exc).__name__}: {exc}",
            )
    return found


def _check_commands(report: Report, host: PluginHost) -> None:
    """Plugin commands: one that takes a built-in command's name, or another plugin's, hides one of them."""
    from retrokit.cli import LAZY_COMMANDS, cli

    builtin = set(cli.commands) | set(LAZY_COMMANDS)
    group = _CommandRecorder()
    owner: dict[str, str] = {}
    for info, _ in host.call("retrokit_register_commands", cli=group):
        for name in group.added:
            if name in builtin:
                report.add(
                    PROBLEM, "commands",
                    f"plugin '{info.name}' ({info.origin}) registers command '{name}', "
                    "which clashes with the built-in command of that name",
                )
            elif name in owner and owner[name] != info.name:
                report.add(
                    PROBLEM, "commands",
                    f"plugins '{owner[name]}' and '{info.name}' both register command '{name}'; '{info.name}' wins",
                )
            owner[name] = info.name
        group.added.clear()


def _check_duplicates(report: Report, check: str, what: str, items: list[tuple[PluginInfo, object]]) -> None:
    """The same id or name from more than one contribution; the last one loaded is the one used."""
    by_key: dict[str, list[tuple[PluginInfo, object]]] = {}
    for info, item in items:
        by_key.setdefault(item[0], []).append((info, item))  # a NamedTuple's first field: its id or name
    for key, claims in by_key.items():
        if len(claims) < 2:
            continue
        plugins = list(dict.fromkeys(info.name for info, _ in claims))
        infos = {info.name: info for info, _ in claims}
        winner = infos[claims[-1][0].name]
        for name in plugins:
            if sum(info.name == name for info, _ in claims) > 1:
                report.add(PROBLEM, check, f"plugin '{name}' ({infos[name].origin}) defines {what} '{key}' twice; the last one is used")
        if len(plugins) < 2:
            continue
        builtin = [name for name in plugins if infos[name].source == "built-in"]
        others = [name for name in plugins if infos[name].source != "built-in"]
        if len(others) == 1 and builtin:
            report.add(
                NOTICE, check,
                f"plugin '{winner.name}' ({winner.origin}) overrides built-in {what} '{key}' "
                f"from plugin '{builtin[-1]}'",
            )
        else:
            named = " and ".join(f"'{name}' ({infos[name].origin})" for name in plugins)
            report.add(
                PROBLEM, check,
                f"{what} '{key}' is defined by plugins {named}; '{winner.name}' wins only because it loads last",
            )


# -- templates -----------------------------------------------------------------------------------------


def _template_names(folder: Path) -> dict[str, Path]:
    return {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*.j2")) if path.is_file()}


def _extends_default(path: Path, name: str) -> bool:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(rf"""\{{%-?\s*extends\s+(["'])default:{re.escape(name)}\1""", source) is not None


def _check_templates(report: Report, session, plugin_dirs: list[tuple[PluginInfo, Path]]) -> None:
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


# -- rendering -----------------------------------------------------------------------------------------


def _check_render(report: Report, session, debug: bool) -> None:
    """Render every meeting kind once, in memory, with the team's config; then through every format."""
    from retrokit.planning.compose import compose
    from retrokit.rendering import RenderRequest

    catalog = session.catalog
    broken_formats: set[str] = set()
    for name in sorted(catalog.kinds):
        kind = catalog.kinds[name]
        try:
            with contextlib.redirect_stderr(io.StringIO()):  # the planner's notes: kept below as notices
                composed = compose(session, name, seed=SEED, record=False)
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
            request = RenderRequest(composed.markdown, agenda=composed.agenda, members=session.config.members)
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
