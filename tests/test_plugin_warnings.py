"""``retrokit.warn`` (hook API 1.3): a plugin reports a problem and carries on. The warning keeps the
plugin's change, names the plugin and the hook, and counts like retrokit's own: one line on stderr, an
error with --strict, a problem for doctor, a failure in the strict test fixtures."""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path

import pytest

import retrokit
from retrokit.errors import RetrokitError
from retrokit.reporting import PluginWarning

ROWS = """
    import retrokit
    from retrokit import hookimpl

    ROWS = [("rows.first", "What surprised you this sprint?"), ("rows.second", ""), ("rows.third", "What helped?")]


    @hookimpl
    def retrokit_prompts():
        prompts = []
        for line, (pid, text) in enumerate(ROWS, 1):
            if not text:
                retrokit.warn(f"prompts.csv:{line}: {pid} has no text;\\n row skipped")
                continue
            prompts.append({"id": pid, "text": text, "behavior": "listening", "kinds": ["retro"],
                            "phase": "gather", "minutes": 5})
        return prompts


    @hookimpl
    def retrokit_adjust_agenda(agenda):
        agenda.title = "Sprint 12 retro"
        retrokit.warn("the sprint number came from a guess")
    """

WARNING = "plugin 'rows' (retrokit_prompts): prompts.csv:2: rows.second has no text; row skipped"
ADJUST_WARNING = "plugin 'rows' (retrokit_adjust_agenda): the sprint number came from a guess"


def plugin_dir(tmp_path: Path, name: str, source: str) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    return folder


def test_a_warning_keeps_the_hooks_result_and_names_the_plugin_and_hook(run, tmp_path):
    folder = plugin_dir(tmp_path, "rows", ROWS)
    result = run("render", "retro", "--seed", "w", "--plugins-dir", str(folder))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"retrokit: warning: {WARNING}", f"retrokit: warning: {ADJUST_WARNING}"]
    assert result.stdout.startswith("# Sprint 12 retro\n")  # the adjust hook's change is kept
    listed = run("prompts", "--plugins-dir", str(folder), "--search", "rows")
    ids = [line.split()[0] for line in listed.stdout.splitlines() if line.startswith("rows.")]
    assert ids == ["rows.first", "rows.third"]  # the bad row only is skipped


def test_strict_makes_the_first_warning_an_error(run, tmp_path):
    folder = plugin_dir(tmp_path, "rows", ROWS)
    result = run("render", "retro", "--seed", "w", "--strict", "--plugins-dir", str(folder))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [f"retrokit: error: {WARNING} (--strict)"]


def test_doctor_lists_each_warning_as_a_problem(run, tmp_path):
    folder = plugin_dir(tmp_path, "rows", ROWS)
    result = run("doctor", "--plugins-dir", str(folder))
    assert result.exit_code == 1
    problems = [line.split(None, 2) for line in result.stdout.splitlines() if line.startswith("problem")]
    assert ["problem", "plugins", WARNING] in problems
    assert ["problem", "render", ADJUST_WARNING] in problems


def test_the_strict_fixtures_raise_and_the_lenient_ones_collect(tmp_path, retrokit_render):
    folder = plugin_dir(tmp_path, "rows", ROWS)
    import importlib.util

    spec = importlib.util.spec_from_file_location("rows", folder / "rows.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(RetrokitError, match="rows.second has no text"):
        retrokit_render("retro", ("rows", module))
    result = retrokit_render("retro", ("rows", module), strict=False)
    assert result.warnings == [WARNING, ADJUST_WARNING]
    assert result.agenda.title == "Sprint 12 retro"


def test_a_warning_while_the_module_loads_is_attributed_to_it(run, tmp_path):
    folder = plugin_dir(tmp_path, "early", """
        import retrokit

        retrokit.warn("settings.toml not found; using the defaults")
        """)
    result = run("plugins", "--plugins-dir", str(folder))
    assert result.exit_code == 0
    assert result.stderr == "retrokit: warning: plugin 'early' (loading): settings.toml not found; using the defaults\n"
    assert any(line.startswith("early ") for line in result.stdout.splitlines())  # it still loaded


def test_a_warning_then_a_failure_reports_both_in_order(run, tmp_path):
    folder = plugin_dir(tmp_path, "half", """
        import retrokit
        from retrokit import hookimpl
        from retrokit.errors import PluginError


        @hookimpl
        def retrokit_adjust_agenda(agenda):
            retrokit.warn("row 3 skipped")
            agenda.title = "changed"
            raise PluginError("data.csv: no rows left")
        """)
    result = run("render", "retro", "--seed", "w", "--plugins-dir", str(folder))
    assert result.exit_code == 0 and result.stdout.startswith("# Retrospective")  # the change is undone
    assert result.stderr.splitlines() == [
        "retrokit: warning: plugin 'half' (retrokit_adjust_agenda): row 3 skipped",
        "retrokit: warning: plugin 'half' failed in retrokit_adjust_agenda: data.csv: no rows left; skipped",
    ]


def test_a_format_and_a_metric_rule_can_warn_too(run, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text('[metrics]\nfile = "metrics.toml"\n', encoding="utf-8")
    (team / "metrics.toml").write_text('[[metric]]\nname = "Deploys"\nvalue = 12\nbetter = "higher"\n',
                                       encoding="utf-8")
    folder = plugin_dir(tmp_path, "loud", """
        import retrokit
        from retrokit import hookimpl


        def plain(request):
            retrokit.warn("bold is dropped")
            return request.markdown.replace("**", "")


        def deploys(metric):
            retrokit.warn(f"{metric.name} has no target")
            return None


        @hookimpl
        def retrokit_formats():
            return [{"name": "plain", "render": plain}]


        @hookimpl
        def retrokit_metric_rules():
            return [deploys]
        """)
    result = run("render", "retro", "--seed", "w", "--team", str(team), "--plugins-dir", str(folder), "--format", "plain")
    assert result.exit_code == 0, result.stderr
    assert "**" not in result.stdout
    assert result.stderr.splitlines() == [
        "retrokit: warning: plugin 'loud' metric rule 'deploys' on metric 'Deploys': Deploys has no target",
        "retrokit: warning: plugin 'loud' (format 'plain'): bold is dropped",
    ]


def test_outside_a_hook_it_is_a_python_warning():
    with pytest.warns(PluginWarning, match="^row 3 skipped$"):
        retrokit.warn("row 3\n skipped")
    with pytest.raises(ValueError):
        retrokit.warn("  ")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(PluginWarning):
            retrokit.warn("an error in a test run with -W error")
