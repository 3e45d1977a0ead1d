"""The pytest plugin retrokit installs for plugin authors (entry point pytest11 -> retrokit.testing):
a fresh pytest process finds its fixtures, they are isolated, strict by default, and render in memory."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from retrokit import hookimpl

PLUGIN = """
    from retrokit import hookimpl

    RETROKIT_API = "1.1"


    @hookimpl
    def retrokit_prompts():
        return [{"id": "pulse.energy", "text": "Where did your energy go this sprint?", "behavior": "listening",
                 "kinds": ["retro"], "phase": "gather", "minutes": 5}]
    """

PLUGIN_TESTS = """
    import pulse


    def test_prompts_load(retrokit_session):
        session = retrokit_session(pulse)
        assert session.catalog.prompts["pulse.energy"].plugin == "pulse"
        assert [info.name for info in session.host.plugins][-1] == "pulse"


    def test_render(retrokit_render):
        result = retrokit_render("retro", pulse, builtins=True, seed="s1", format="confluence")
        assert result.format == "confluence" and result.text.startswith("<h1>Retrospective</h1>")
        assert result.agenda.kind == "retro"
    """


def pytest_in(folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(folder), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder)],
        cwd=folder, capture_output=True, text=True, env=env,
    )


def project(tmp_path: Path, plugin: str, tests: str) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "pulse.py").write_text(textwrap.dedent(plugin).lstrip(), encoding="utf-8")
    (folder / "test_pulse.py").write_text(textwrap.dedent(tests).lstrip(), encoding="utf-8")
    return folder


def test_a_plugin_project_tests_itself_with_the_fixtures_in_a_fresh_pytest(tmp_path):
    result = pytest_in(project(tmp_path, PLUGIN, PLUGIN_TESTS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_a_broken_plugin_fails_its_own_tests_with_retrokits_message(tmp_path):
    broken = PLUGIN.replace('"minutes": 5', '"minutes": 500')
    result = pytest_in(project(tmp_path, broken, PLUGIN_TESTS))
    assert result.returncode == 1
    assert "2 failed" in result.stdout
    assert (
        "retrokit.errors.RetrokitError: plugin 'pulse' retrokit_prompts item #1 ('pulse.energy'): prompt "
        "'pulse.energy' 'minutes' must be a whole number from 1 to 120; skipped (--strict)"
    ) in result.stdout


class Pulse:
    @hookimpl
    def retrokit_prompts():
        return [{"id": "pulse.energy", "text": "Where did your energy go?", "behavior": "listening",
                 "kinds": ["retro"], "phase": "gather", "minutes": 500}]


def test_strict_false_collects_the_warnings(retrokit_session, retrokit_render):
    session = retrokit_session(Pulse, strict=False)
    session.catalog.prompts  # noqa: B018 (the hooks run on first use)
    assert session.reporter.warnings == [
        "plugin 'pulse' retrokit_prompts item #1 ('pulse.energy'): prompt 'pulse.energy' 'minutes' must be a "
        "whole number from 1 to 120; skipped"
    ]
    result = retrokit_render("retro", Pulse, strict=False)
    assert result.warnings == session.reporter.warnings
    assert result.text.startswith("# Retrospective")


def test_only_the_chosen_plugins_load(retrokit_session, tmp_path, monkeypatch):
    # a team folder in the working directory and installed plugins are both ignored
    (tmp_path / "retrokit.toml").write_text("[plugins]\ndisabled = ['listening']\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RETROKIT_LOAD_PLUGINS", raising=False)
    with_builtins = retrokit_session()
    assert "listening" in [info.name for info in with_builtins.host.plugins]
    assert {info.source for info in with_builtins.host.plugins} == {"built-in"}
    alone = retrokit_session(("pulse", Pulse), builtins=False, strict=False)
    assert [(info.name, info.source) for info in alone.host.plugins] == [("pulse", "given")]
    assert alone.host.pm.get_plugin("pulse") is Pulse


def test_team_as_a_dict_or_a_folder(retrokit_render, tmp_path):
    team = {"team": {"name": "Ops", "members": [{"name": "Ana"}]}, "minutes": {"retro": 45}}
    result = retrokit_render("retro", team=team)
    assert result.agenda.minutes == 45 and result.agenda.team == "Ops"
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "retrokit.toml").write_text('[team]\nname = "Platform"\n', encoding="utf-8")
    assert retrokit_render("one-on-one", team=folder, person="Sam").agenda.title == "One-on-one · Sam"


def test_render_is_repeatable_and_matches_the_cli(retrokit_render, run):
    first = retrokit_render("retro", seed="abc", minutes=50)
    assert retrokit_render("retro", seed="abc", minutes=50).text == first.text
    assert run("render", "retro", "--seed", "abc", "--minutes", "50").stdout == first.text


CSV_PLUGIN = """
    import csv

    from retrokit import hookimpl


    @hookimpl
    def retrokit_template_globals(config):
        with open(config.folder / config.plugin_settings("scores")["file"], encoding="utf-8") as handle:
            return {"scores": [row["score"] for row in csv.DictReader(handle)]}
    """


def test_files_are_written_into_the_isolated_team_folder(retrokit_render, tmp_path):
    (tmp_path / "scores.py").write_text(textwrap.dedent(CSV_PLUGIN).lstrip(), encoding="utf-8")
    from retrokit.testing import load_plugin

    scores = load_plugin(tmp_path / "scores.py")
    team = {"plugin": {"scores": {"file": "data/scores.csv"}}}
    files = {
        "data/scores.csv": "week,score\n48,4\n49,2\n",
        "templates/retro.md.j2": '{% extends "default:retro.md.j2" %}{% block title %}# Scores {{ scores|join("/") }}\n{% endblock %}',
    }
    result = retrokit_render("retro", scores, team=team, files=files)
    assert result.text.startswith("# Scores 4/2\n")


def test_files_without_a_team_make_a_team_folder_and_may_hold_retrokit_toml(retrokit_session):
    session = retrokit_session(files={"notes/a.txt": b"\x00bytes"})
    assert (session.config.folder / "notes" / "a.txt").read_bytes() == b"\x00bytes"
    named = retrokit_session(files={"retrokit.toml": '[team]\nname = "Ops"\n'})
    assert named.config.name == "Ops"


def test_files_refuse_what_they_cannot_do(retrokit_session, tmp_path):
    import pytest

    with pytest.raises(ValueError, match=r"files: '\.\./out\.txt' must be a path inside the team folder"):
        retrokit_session(files={"../out.txt": "x"})
    with pytest.raises(ValueError, match="give team as a dict"):
        retrokit_session(team=tmp_path, files={"a.txt": "x"})
    with pytest.raises(ValueError, match="not both"):
        retrokit_session(team={}, files={"retrokit.toml": ""})


def test_disable_leaves_plugins_out(retrokit_session, retrokit_render):
    session = retrokit_session(disable=["listening", "shared-metrics"])
    names = [info.name for info in session.host.plugins]
    assert "listening" not in names and "shared-metrics" not in names and "validation" in names
    result = retrokit_render("retro", disable="listening")
    assert all(not item.prompt_id.startswith("listening.") for s in result.agenda.sections for item in s.items)
    from retrokit.errors import RetrokitUsageError
    import pytest

    with pytest.raises(RetrokitUsageError, match="unknown plugin 'listenin' \\(did you mean 'listening'\\?\\)"):
        retrokit_session(disable=["listenin"])


def test_load_plugin_names_the_plugin_after_its_file(retrokit_session, tmp_path):
    from retrokit.testing import load_plugin
    import pytest

    (tmp_path / "team_pulse.py").write_text(textwrap.dedent(PLUGIN).lstrip(), encoding="utf-8")
    module = load_plugin(tmp_path / "team_pulse.py")
    session = retrokit_session(module)
    assert session.catalog.prompts["pulse.energy"].plugin == "team-pulse"
    assert module.RETROKIT_API == "1.1"
    with pytest.raises(FileNotFoundError, match="no plugin file"):
        load_plugin(tmp_path / "missing.py")
