"""retrokit doctor: every finding is one line naming the plugin or file:line; exit 1 on a problem.

Each test writes a real team folder (retrokit.toml, plugin files, templates, memory files) in tmp_path.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLES

BUILTIN_PROMPT = "listening.one-word-no-replies"  # a built-in prompt id (plugins/listening.py)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def prompt_plugin(prompt_id: str, text: str = "A team prompt.") -> str:
    return f"""
        from retrokit import hookimpl


        @hookimpl
        def retrokit_prompts():
            return [{{"id": {prompt_id!r}, "text": {text!r}, "behavior": "listening", "kinds": ["retro"],
                      "phase": "gather", "minutes": 5}}]
        """


def template_dir_plugin(folder: Path) -> str:
    return f"""
        from retrokit import hookimpl


        @hookimpl
        def retrokit_template_dirs():
            return [{str(folder)!r}]
        """


@pytest.fixture
def team(tmp_path):
    """A clean team folder: retrokit.toml with two members, an empty plugins/ and templates/."""
    folder = tmp_path / "team"
    write(
        folder / "retrokit.toml",
        """
        [team]
        name = "Platform"
        members = [{ name = "Ana" }, { name = "Sam" }]

        [minutes]
        retro = 45
        """,
    )
    (folder / "plugins").mkdir()
    (folder / "templates").mkdir()
    return folder


def findings(result) -> list[tuple[str, str, str]]:
    """(severity, check, message) per finding line of the text output (the summary line left out)."""
    rows = []
    for line in result.stdout.splitlines()[:-1]:
        severity, check, message = line.split(maxsplit=2)
        rows.append((severity, check, message))
    return rows


def problems(result) -> list[tuple[str, str]]:
    return [(check, message) for severity, check, message in findings(result) if severity == "problem"]


def notices(result) -> list[tuple[str, str]]:
    return [(check, message) for severity, check, message in findings(result) if severity == "notice"]


def summary(result) -> str:
    return result.stdout.splitlines()[-1]


# -- clean setups --------------------------------------------------------------------------------------


def test_a_clean_team_folder_has_no_findings_and_exits_0(run, team):
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # nothing printed as a warning, not even the planner's notes
    assert result.stdout == "no problems found: 18 plugins, 393 prompts, 3 meeting kinds, 5 formats\n"


def test_without_a_team_folder_a_notice_says_what_was_checked(run):
    result = run("doctor")
    assert result.exit_code == 0
    assert notices(result) == [
        ("config", "no retrokit.toml here or above (pass --team DIR): checked the plugins and templates only")
    ]
    assert summary(result) == "no problems, 1 notice: 18 plugins, 393 prompts, 3 meeting kinds, 5 formats"


def test_strict_fails_on_a_notice(run):
    assert run("doctor", "--strict").exit_code == 1


def test_the_platform_team_example_has_only_notices(run, tmp_path):
    team = tmp_path / "platform-team"
    shutil.copytree(EXAMPLES / "platform-team", team)
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 0, result.stdout
    assert problems(result) == []
    assert notices(result) == [
        (
            "templates",
            f"team template {team / 'templates' / 'retro.md.j2'} overrides built-in retro.md.j2; "
            "it extends it through default:retro.md.j2",
        )
    ]
    assert summary(result) == "no problems, 1 notice: 19 plugins, 410 prompts, 4 meeting kinds, 5 formats"


# -- config and memory files ---------------------------------------------------------------------------


def test_an_unknown_config_key_is_a_problem_with_file_and_line(run, team):
    config = team / "retrokit.toml"
    config.write_text(config.read_text() + '\n[history]\nrotaton = 2\n')
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    assert problems(result) == [
        ("config", f"{config}:9: unknown key 'history.rotaton' (did you mean 'rotation'?); ignored")
    ]
    assert summary(result) == "1 problem, 0 notices"


def test_a_config_that_does_not_parse_skips_the_team_checks_with_a_notice(run, team):
    config = team / "retrokit.toml"
    config.write_text('[team]\nname = "Platform\n')
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    assert findings(result)[0][:2] == ("problem", "config")
    assert findings(result)[0][2].startswith(f"{config}:2:")
    assert ("config", "skipped the team's plugins folder, templates, minutes and memory files until retrokit.toml loads") in notices(result)


def test_two_members_with_the_same_name_are_a_problem(run, team):
    config = team / "retrokit.toml"
    config.write_text(config.read_text().replace('{ name = "Sam" }', '{ name = "ana" }'))
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    assert problems(result) == [
        ("config", f"{config}:3: members 'Ana' and 'ana' look the same to @owner mentions; the first one is used")
    ]


def test_a_corrupt_actions_file_is_a_problem_with_file_and_line(run, team):
    write(team / "actions.toml", 'schema = 1\n\n[[item]]\nid = 1\ntext = "unclosed\n')
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    assert problems(result) == [
        ("config", f"{team / 'actions.toml'}:5:17: invalid TOML: Illegal character '\\n'; the file was left as it is")
    ]


def test_an_invalid_history_file_is_a_problem_and_the_kinds_still_render(run, team):
    write(team / "history.toml", 'schema = 1\n\n[[meeting]]\nkind = "retro"\ndate = "yesterday"\n')
    write(team / "templates" / "retro.md.j2", '{% extends "default:retro.md.j2" %}\n{% block preamble %}{{ oops }}{% endblock %}\n')
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    checks = [check for check, _ in problems(result)]
    assert checks == ["config", "render"]  # the history once; the template error is still found
    assert problems(result)[0][1].startswith(f"{team / 'history.toml'}:3: ")
    assert f"{team / 'templates' / 'retro.md.j2'}:2: template error: 'oops' is undefined" in problems(result)[1][1]


# -- plugins -------------------------------------------------------------------------------------------


def test_broken_plugins_are_problems_naming_plugin_file_and_line(run, team):
    plugins = team / "plugins"
    broken = write(plugins / "broken.py", "x = 1\ndef f(:\n    pass\n")
    typo = write(
        plugins / "typo.py",
        """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_prompt():
            return []


        def retrokit_behaviors():
            return []
        """,
    )
    write(
        plugins / "failing.py",
        """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_register_commands(cli):
            raise RuntimeError("no commands today")


        @hookimpl
        def retrokit_prompts():
            return [{"id": "team.no-text", "behavior": "listening", "kinds": ["retro"], "phase": "gather", "minutes": 5}]
        """,
    )
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    assert result.stderr == ""
    assert problems(result) == [
        ("plugins", f"plugin 'broken' ({broken}) failed to load: SyntaxError: invalid syntax (broken.py line 2); skipped"),
        (
            "plugins",
            f"plugin 'typo' ({typo}) implements unknown hook 'retrokit_prompt' (did you mean 'retrokit_prompts'?); ignored",
        ),
        ("plugins", f"plugin 'typo' ({typo}) defines retrokit_behaviors() without @retrokit.hookimpl; ignored"),
        ("plugins", "plugin 'failing' retrokit_prompts item #1 ('team.no-text'): prompt 'team.no-text' has no 'text'; skipped"),
        ("plugins", "plugin 'failing' failed in retrokit_register_commands: RuntimeError: no commands today (failing.py line 6); skipped"),
    ]
    assert summary(result) == "5 problems, 0 notices"


def test_a_plugin_command_that_takes_a_built_in_name_is_a_problem(run, team):
    path = write(
        team / "plugins" / "clash.py",
        """
        import click
        from retrokit import hookimpl


        @hookimpl
        def retrokit_register_commands(cli):
            @cli.command()
            def doctor():
                pass
        """,
    )
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    assert problems(result) == [
        ("commands", f"plugin 'clash' ({path}) registers command 'doctor', which clashes with the built-in command of that name")
    ]


def test_two_plugins_defining_one_prompt_id_is_a_problem(run, team):
    first = write(team / "plugins" / "alpha.py", prompt_plugin("team.same-id", "From alpha."))
    second = write(team / "plugins" / "beta.py", prompt_plugin("team.same-id", "From beta."))
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    assert problems(result) == [
        (
            "prompts",
            f"prompt 'team.same-id' is defined by plugins 'alpha' ({first}) and 'beta' ({second}); "
            "'beta' wins only because it loads last",
        )
    ]


def test_a_plugin_overriding_a_built_in_prompt_is_a_notice(run, team):
    path = write(team / "plugins" / "ours.py", prompt_plugin(BUILTIN_PROMPT, "Our wording."))
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 0, result.stdout
    assert notices(result) == [
        ("prompts", f"plugin 'ours' ({path}) overrides built-in prompt '{BUILTIN_PROMPT}' from plugin 'listening'")
    ]
    assert summary(result) == "no problems, 1 notice: 19 plugins, 393 prompts, 3 meeting kinds, 5 formats"


def test_a_plugins_dir_plugin_is_checked_too(run, tmp_path):
    extra = tmp_path / "extra"
    write(extra / "one.py", prompt_plugin("team.same-id"))
    write(extra / "two.py", prompt_plugin("team.same-id"))
    result = run("doctor", "--plugins-dir", str(extra), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["problems"] == 1 and data["notices"] == 1
    assert [f["check"] for f in data["findings"]] == ["config", "prompts"]
    assert set(data["findings"][1]) == {"severity", "check", "message"}
    assert data["findings"][1]["severity"] == "problem"


# -- templates -----------------------------------------------------------------------------------------


def test_two_plugin_template_folders_with_one_name_is_a_problem(run, team, tmp_path):
    for name in ("first", "second"):
        write(tmp_path / name / "retro.md.j2", '{% extends "default:retro.md.j2" %}\n')
        write(team / "plugins" / f"{name}.py", template_dir_plugin(tmp_path / name))
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    assert problems(result) == [
        (
            "templates",
            f"template retro.md.j2 of plugin 'second' ({tmp_path / 'second' / 'retro.md.j2'}) is hidden by plugin "
            f"'first' ({tmp_path / 'first' / 'retro.md.j2'}), which comes first in the template search path",
        )
    ]
    assert notices(result) == []  # 'first' extends the default: an intended override


def test_team_templates_overriding_are_notices(run, team, tmp_path):
    write(tmp_path / "kit" / "one-on-one.md.j2", '{% extends "default:one-on-one.md.j2" %}\n')
    write(team / "plugins" / "kit.py", template_dir_plugin(tmp_path / "kit"))
    write(team / "templates" / "one-on-one.md.j2", '{% extends "default:one-on-one.md.j2" %}\n')
    write(team / "templates" / "retro.md.j2", "# {{ agenda.title }}\n")
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 0, result.stdout
    templates = team / "templates"
    assert notices(result) == [
        ("templates", f"team template {templates / 'one-on-one.md.j2'} overrides plugin 'kit' template {tmp_path / 'kit' / 'one-on-one.md.j2'}"),
        (
            "templates",
            f"team template {templates / 'retro.md.j2'} overrides built-in retro.md.j2; it replaces it whole "
            '(use {% extends "default:retro.md.j2" %} to build on it)',
        ),
    ]


def test_a_template_syntax_error_is_a_problem_with_file_and_line(run, team):
    path = write(
        team / "templates" / "retro.md.j2",
        """
        {% extends "default:retro.md.j2" %}
        {% block preamble %}
        {{ super() }
        {% endblock %}
        """,
    )
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    # found once (the render of the retro fails the same way and is not repeated)
    assert problems(result) == [("templates", f"{path}:3: template syntax error: unexpected '}}'")]


def test_a_template_error_at_render_time_names_the_kind_and_the_line(run, team):
    path = write(team / "templates" / "agenda.md.j2", "# {{ agenda.title }}\n\n{{ agenda.missing_thing }}\n")
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    rendered = [message for check, message in problems(result) if check == "render"]
    assert rendered == [
        f"meeting kind '{kind}' (plugin '{plugin}') does not render: {path}:3: template error: "
        "'types.SimpleNamespace object' has no attribute 'missing_thing'"
        for kind, plugin in (("health-check", "health-check"), ("one-on-one", "meeting-kinds"), ("retro", "meeting-kinds"))
    ]


def test_minutes_too_short_for_a_kind_is_found_by_rendering(run, team):
    config = team / "retrokit.toml"
    config.write_text(config.read_text().replace("retro = 45", "retro = 10"))
    result = run("doctor", "--team", str(team))
    assert result.exit_code == 1
    assert problems(result) == [
        (
            "render",
            f"meeting kind 'retro' (plugin 'meeting-kinds') does not render: {config}:6: minutes.retro = 10 is too "
            "short for a retro: the shortest sensible one is 23 minutes",
        )
    ]


# -- the installed command -----------------------------------------------------------------------------


def test_the_installed_command_finds_the_team_by_walking_up(installed, team):
    write(team / "plugins" / "broken.py", "raise RuntimeError('kaboom')\n")
    (team / "sub").mkdir()
    result = installed("doctor", cwd=team / "sub")
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"problem  plugins    plugin 'broken' ({team / 'plugins' / 'broken.py'}) failed to load: "
        "RuntimeError: kaboom (broken.py line 1); skipped",
        "1 problem, 0 notices",
    ]
    assert "doctor" in installed("--help").stdout
