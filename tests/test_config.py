"""The team folder's retrokit.toml: found by walking up, every mistake one line naming file and line."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest


def write_config(folder: Path, text: str | bytes) -> Path:
    """folder/retrokit.toml with ``text`` (dedented when it is a str); returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "retrokit.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def render(run, team: Path, *args: str):
    return run("render", "retro", "--seed", "c", "--team", str(team), *args)


def one_error(result) -> str:
    """Exit 1, empty stdout, exactly one error line (returned without its prefix), no traceback."""
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("retrokit: error: ")
    return line.removeprefix("retrokit: error: ")


def time_boxes(markdown: str) -> list[int]:
    return [int(m) for m in re.findall(r"^## .* · (\d+) min$", markdown, re.MULTILINE)]


# -- invalid TOML -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, where",
    [
        pytest.param('[team]\nname = "Ops"\nsize = = 3\n', "3:8", id="bad-value"),
        pytest.param('# our team\n[team\nname = "Ops"\n', "2:6", id="unclosed-header"),
        pytest.param('[team]\nname = "Ops"\nname = "Dev"\n', "3:13", id="duplicate-key"),
        pytest.param('[team]\nname = "Ops\n', "2:12", id="unterminated-string"),
    ],
)
def test_malformed_toml_is_one_line_with_line_and_column(run, tmp_path, text, where):
    path = write_config(tmp_path / "team", text)
    message = one_error(render(run, path.parent))
    assert message.startswith(f"{path}:{where}: invalid TOML: ")
    assert "(at line" not in message  # the position is given once, up front


# -- wrong types ------------------------------------------------------------------------------------

WRONG_TYPES = [
    pytest.param('[team]\nname = "Ops"\n\n[minutes]\nretro = "x"\n', 5, "minutes.retro must be a positive whole number", id="minutes-text"),
    pytest.param('[team]\nname = "Ops"\n\n[minutes]\none-on-one = 30\nretro = -3\n', 6, "minutes.retro must be a positive whole number", id="minutes-negative"),
    pytest.param("[minutes]\nretro = 0\n", 2, "minutes.retro must be a positive whole number", id="minutes-zero"),
    pytest.param("[minutes]\nretro = 45.5\n", 2, "minutes.retro must be a positive whole number", id="minutes-float"),
    pytest.param("[minutes]\nretro = true\n", 2, "minutes.retro must be a positive whole number", id="minutes-bool"),
    pytest.param("# who we are\n[team]\n  name = 5\n", 3, "team.name must be a string", id="name-number"),
    pytest.param('[team]\nname = "Ops"\nmembers = ["Ana"]\n', 3, "team.members must be a list of tables with a name", id="members-strings"),
    pytest.param('[team]\nname = "Ops"\n\n[plugins]\ndisabled = "x"\n', 5, "plugins.disabled must be a list of plugin names", id="disabled-string"),
    pytest.param('[plugins]\n# turn off\ndisabled = ["safety", 3]\n', 3, "plugins.disabled must be a list of plugin names", id="disabled-mixed"),
    pytest.param("[templates]\nfolder = 7\n", 2, "templates.folder must be a string", id="folder-number"),
    pytest.param('[team]\nname = "Ops"\n\n[plugins]\nfolder = "nowhere"\n', 5, "plugins.folder: no folder ", id="folder-missing"),
    pytest.param('# ours\nteam = "Ops"\n', 2, "'team' must be a table", id="team-not-a-table"),
    # the same mistakes written in other valid TOML forms
    pytest.param('# defaults\n\nminutes.retro = "x"\n', 3, "minutes.retro must be a positive whole number", id="dotted-key"),
    pytest.param('# who we are\n\nteam.name = 5\n', 3, "team.name must be a string", id="dotted-name"),
    pytest.param('# defaults\nteam = { name = "Ops" }\nminutes = { retro = -3 }\n', 3, "minutes.retro must be a positive whole number", id="inline-table"),
    pytest.param('[team]\nname = "Ops"\n\n[[team.members]]\nname = 5\n', 4, "team.members must be a list of tables", id="array-of-tables"),
    pytest.param("[plugins]\n\n'disabled' = \"x\"\n", 3, "plugins.disabled must be a list of plugin names", id="literal-quoted-key"),
]


@pytest.mark.parametrize("text, line, problem", WRONG_TYPES)
def test_wrong_type_names_the_file_and_the_right_line(run, tmp_path, text, line, problem):
    path = write_config(tmp_path / "team", text)
    message = one_error(render(run, path.parent))
    assert message.startswith(f"{path}:{line}: {problem}")


def test_too_short_minutes_from_the_config_blames_the_config(run, tmp_path):
    path = write_config(tmp_path / "team", "# defaults\n[minutes]\n\nretro = 20\n")
    message = one_error(render(run, path.parent))
    assert message == (
        f"{path}:4: minutes.retro = 20 is too short for a retro: the shortest sensible one is 23 minutes"
    )
    assert render(run, path.parent, "--minutes", "23").exit_code == 0  # the command line still wins


# -- unknown keys and tables ------------------------------------------------------------------------

UNKNOWN = '[team]\nname = "Ops"\nnmae = "Typo"\n[minutes]\nretro = 45\n[teams]\nname = "Other"\n'


def test_unknown_keys_and_tables_warn_with_file_and_line(run, tmp_path):
    path = write_config(tmp_path / "team", UNKNOWN)
    result = render(run, path.parent)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Retrospective · Ops\n")
    assert sum(time_boxes(result.stdout)) == 45  # the known settings still apply
    assert result.stderr.splitlines() == [
        f"retrokit: warning: {path}:3: unknown key 'team.nmae' (did you mean 'name'?); ignored",
        f"retrokit: warning: {path}:6: unknown table 'teams' (did you mean 'team'?); ignored",
    ]


def test_unknown_keys_fail_with_strict(run, tmp_path):
    path = write_config(tmp_path / "team", UNKNOWN)
    message = one_error(render(run, path.parent, "--strict"))
    assert message == f"{path}:3: unknown key 'team.nmae' (did you mean 'name'?); ignored (--strict)"


def test_unknown_table_after_a_blank_line_names_its_own_line(run, tmp_path):
    path = write_config(tmp_path / "team", '[team]\nname = "Ops"\n\n[teams]\nname = "Other"\n')
    result = render(run, path.parent)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"retrokit: warning: {path}:4: unknown table 'teams' (did you mean 'team'?); ignored"
    ]


def test_wrong_type_after_a_blank_line_names_its_own_line(run, tmp_path):
    path = write_config(tmp_path / "team", "[minutes]\n\nretro = -3\n")
    assert one_error(render(run, path.parent)).startswith(f"{path}:3: minutes.retro must be")


# -- what the config does ---------------------------------------------------------------------------


def test_minutes_from_the_config_and_the_command_line_wins(run, tmp_path):
    team = write_config(tmp_path / "team", "[minutes]\nretro = 45\none-on-one = 40\n").parent
    assert sum(time_boxes(render(run, team).stdout)) == 45
    assert sum(time_boxes(render(run, team, "--minutes", "70").stdout)) == 70
    one = run("render", "one-on-one", "--seed", "c", "--team", str(team))
    assert one.exit_code == 0 and sum(time_boxes(one.stdout)) == 40


def test_disabled_plugins_in_the_config(run, tmp_path):
    path = write_config(tmp_path / "team", '[plugins]\ndisabled = ["listening", "no-such-plugin"]\n')
    result = run("prompts", "--json", "--team", str(path.parent))
    assert result.exit_code == 0
    assert not [p for p in json.loads(result.stdout) if p["plugin"] == "listening"]
    # an unknown name in the file is a warning naming the file, not a usage error
    assert result.stderr.splitlines() == [
        f"retrokit: warning: {path}:2: plugins.disabled names unknown plugin 'no-such-plugin'"
    ]


# -- finding the team folder ------------------------------------------------------------------------


def test_team_folder_is_found_by_walking_up(run, tmp_path, monkeypatch):
    team = tmp_path / "repo"
    write_config(team, '[team]\nname = "Walkers"\n')
    (team / "plugins").mkdir()
    (team / "plugins" / "local.py").write_text("__version__ = '3.1'\n", encoding="utf-8")
    deep = team / "services" / "api" / "src"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    result = run("render", "retro", "--seed", "c")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Retrospective · Walkers\n")
    rows = {r["name"]: r for r in json.loads(run("plugins", "--json").stdout)}
    assert rows["local"]["source"] == "folder" and rows["local"]["version"] == "3.1"


def test_nearest_config_wins(run, tmp_path, monkeypatch):
    write_config(tmp_path / "org", '[team]\nname = "Org"\n')
    write_config(tmp_path / "org" / "squad", '[team]\nname = "Squad"\n')
    (tmp_path / "org" / "squad" / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "org" / "squad" / "docs")
    assert run("render", "retro", "--seed", "c").stdout.startswith("# Retrospective · Squad\n")


def test_no_config_anywhere_is_fine(run):
    result = run("render", "retro", "--seed", "c")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("# Retrospective\n")


def test_team_option_without_a_config_fails(run, tmp_path):
    empty = tmp_path / "not-a-team"
    empty.mkdir()
    assert one_error(run("render", "retro", "--team", str(empty))) == f"no retrokit.toml in {empty}"
    missing = tmp_path / "missing"
    assert one_error(run("render", "retro", "--team", str(missing))) == f"no retrokit.toml in {missing}"


def test_team_from_the_environment(run, tmp_path, monkeypatch):
    write_config(tmp_path / "team", '[team]\nname = "From Env"\n')
    monkeypatch.setenv("RETROKIT_TEAM", str(tmp_path / "team"))
    assert run("render", "retro", "--seed", "c").stdout.startswith("# Retrospective · From Env\n")
    monkeypatch.setenv("RETROKIT_TEAM", str(tmp_path))
    assert one_error(run("render", "retro")) == f"no retrokit.toml in {tmp_path}"


# -- encoding ---------------------------------------------------------------------------------------


def test_non_utf8_config_is_a_clear_error(run, tmp_path):
    path = write_config(tmp_path / "team", '[team]\nname = "Caf\xe9"\n'.encode("latin-1"))
    assert one_error(render(run, path.parent)) == f"{path}: not UTF-8 text (byte 18)"


def test_utf8_config_with_non_ascii_text(run, tmp_path):
    path = write_config(tmp_path / "team", '[team]\nname = "Café チーム"\n')
    result = render(run, path.parent)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Retrospective · Café チーム\n")


def test_members_that_mentions_cannot_tell_apart_are_a_warning(run, tmp_path):
    (tmp_path / "retrokit.toml").write_text(
        '[team]\nname = "Ops"\nmembers = [{ name = "Ana Lopez" }, { name = "ana.lopez" }]\n', encoding="utf-8"
    )
    result = run("render", "retro", "--seed", "m", "--team", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == (
        f"retrokit: warning: {tmp_path / 'retrokit.toml'}:3: members 'Ana Lopez' and 'ana.lopez' look the same "
        "to @owner mentions; the first one is used\n"
    )


def test_members_keep_extra_ids_for_plugins_and_formats(run, tmp_path):
    (tmp_path / "retrokit.toml").write_text(
        '[team]\nname = "Ops"\nmembers = [{ name = "Ana", jira = "ana.l", slack = "U1", github = { login = "ana" } }]\n',
        encoding="utf-8",
    )
    result = run("render", "retro", "--seed", "m", "--team", str(tmp_path), "--strict")
    assert result.exit_code == 0 and result.stderr == ""
    from retrokit.config import load

    assert load(tmp_path).members == [{"name": "Ana", "jira": "ana.l", "slack": "U1", "github": {"login": "ana"}}]


@pytest.mark.parametrize("key, known", [("confluance", "confluence"), ("Notion", "notion"), ("notoin", "notion")])
def test_a_near_miss_of_a_member_key_is_a_warning_that_keeps_it(run, tmp_path, key, known):
    (tmp_path / "retrokit.toml").write_text(
        f'[team]\nname = "Ops"\nmembers = [\n  {{ name = "Sam" }},\n  {{ name = "Ana", {key} = "5b10" }},\n]\n',
        encoding="utf-8",
    )
    result = run("render", "retro", "--seed", "m", "--team", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == (
        f"retrokit: warning: {tmp_path / 'retrokit.toml'}:5: team.members: '{key}' of member 'Ana' is not a key "
        f"retrokit knows (did you mean '{known}'?); kept as an extra id\n"
    )
    strict = run("render", "retro", "--seed", "m", "--team", str(tmp_path), "--strict")
    assert strict.exit_code == 1 and "(did you mean" in strict.stderr


def test_a_member_key_retrokit_reads_must_still_be_text(run, tmp_path):
    (tmp_path / "retrokit.toml").write_text('[team]\nmembers = [{ name = "Ana", notion = 5 }]\n', encoding="utf-8")
    result = run("render", "retro", "--team", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"retrokit: error: {tmp_path / 'retrokit.toml'}:2: team.members: name, confluence and notion must be strings\n"
    )


def test_a_member_without_a_name_but_a_near_miss_says_so(run, tmp_path):
    (tmp_path / "retrokit.toml").write_text('[team]\nmembers = [{ jira = "a", nmae = "Ana" }]\n', encoding="utf-8")
    result = run("render", "retro", "--team", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.endswith("team.members must be a list of tables with a name, like "
                                  "[{ name = \"Ana\" }] (did you mean 'name'?)\n")
