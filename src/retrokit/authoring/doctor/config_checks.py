"""Doctor's ``config`` check: retrokit.toml, then the memory files (actions, history, metrics)."""

from __future__ import annotations

from retrokit.authoring.doctor.findings import NOTICE, PROBLEM, Recorder, Report
from retrokit.errors import RetrokitError
from retrokit.host.loader import PluginHost


def open_checked(report: Report, recorder: Recorder, team, plugins_dirs, disabled):
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
        from retrokit.memory.metrics_file import load

        checks.append(lambda: load(config.metrics_file))
    ok = True
    for check in checks:
        try:
            check()
        except RetrokitError as exc:
            report.add(PROBLEM, "config", exc.format_message())
            ok = False
    return ok
