"""Errors as a user meets them: exit codes, one line on stderr, nothing on stdout, tracebacks only on --debug."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import retrokit_executable

FAILING_FORMAT_PLUGIN = '''
from retrokit import hookimpl


def explode(request):
    raise ValueError("renderer exploded")


def not_text(request):
    return 42


@hookimpl
def retrokit_formats():
    return [{"name": "boom", "render": explode}, {"name": "number", "render": not_text}]
'''

FAILING_COMMAND_PLUGIN = '''
from retrokit import hookimpl


@hookimpl
def retrokit_register_commands(cli):
    @cli.command()
    def kaput():
        """A team command with a bug in it."""
        raise RuntimeError("the team command broke")
'''


# -- helpers ------------------------------------------------------------------------------------------


def error_line(result) -> str:
    """A failed run's single stderr line, after checking stdout is empty and there is no traceback."""
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("retrokit: error: ")
    return lines[0].removeprefix("retrokit: error: ")


def usage_error(result, command: str = "render") -> str:
    """The message of a usage error (exit 2), without the '(see ... --help)' hint."""
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    message = error_line(result)
    hint = re.search(rf" \(see '\S+ {command} --help'\)$", message)
    assert hint, message
    return message[: hint.start()]


@pytest.fixture
def plugins(tmp_path):
    """A plugin folder with two broken output formats: 'boom' raises, 'number' returns an int."""
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "exploding.py").write_text(FAILING_FORMAT_PLUGIN, encoding="utf-8")
    return folder


def shell(command: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, encoding="utf-8", cwd=cwd
    )


# -- unknown names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args,message",
    [
        (("render", "retor"), "unknown meeting kind 'retor' (did you mean 'retro'?); known: health-check, one-on-one, retro"),
        (("render", "one-on-on"), "unknown meeting kind 'one-on-on' (did you mean 'one-on-one'?); "
                                  "known: health-check, one-on-one, retro"),
        (("render", "standup"), "unknown meeting kind 'standup'; known: health-check, one-on-one, retro"),
        (("render", "retro", "-f", "markdwon"), "unknown format 'markdwon' (did you mean 'markdown'?); known: confluence, html, json, markdown, notion"),
        (("render", "retro", "--format", "pdf"), "unknown format 'pdf'; known: confluence, html, json, markdown, notion"),
        (("render", "retro", "--disable-plugin", "shared-metric"),
         "unknown plugin 'shared-metric' (did you mean 'shared-metrics'?)"),
        (("render", "retro", "--disable-plugin", "zzz"), "unknown plugin 'zzz'"),
    ],
)
def test_unknown_kind_format_or_plugin_is_a_usage_error(run, args, message):
    assert usage_error(run(*args)) == message


@pytest.mark.parametrize(
    "args,start",
    [
        (("render", "retro", "-b", "validaton"), "unknown behavior 'validaton' (did you mean 'validation'?); known: "),
        (("render", "retro", "--exclude-behavior", "listenin"),
         "unknown behavior 'listenin' (did you mean 'listening'?); known: "),
        (("render", "one-on-one", "--behavior", "empathy"), "unknown behavior 'empathy'; known: "),
    ],
)
def test_unknown_behavior_is_a_usage_error_listing_the_known_ones(run, args, start):
    message = usage_error(run(*args))
    assert message.startswith(start)
    known = message.removeprefix(start).split(", ")
    assert {"listening", "validation", "reflecting", "perspective-taking", "support", "follow-up"} <= set(known)
    assert known == sorted(known)


@pytest.mark.parametrize(
    "args,command,message",
    [
        (("prompts", "-b", "validaton"), "prompts", "unknown behavior 'validaton' (did you mean 'validation'?)"),
        (("prompts", "--kind", "retor"), "prompts", "unknown meeting kind 'retor' (did you mean 'retro'?)"),
        (("plugins", "--disable-plugin", "formtas"), "plugins", "unknown plugin 'formtas' (did you mean 'formats'?)"),
    ],
)
def test_listings_reject_unknown_names_too(run, args, command, message):
    assert usage_error(run(*args), command).startswith(message)


# -- bad numbers and option combinations -----------------------------------------------------------------


@pytest.mark.parametrize(
    "value,message",
    [
        ("0", "Invalid value for '-m' / '--minutes': 0 is not in the range x>=1."),
        ("-5", "Invalid value for '-m' / '--minutes': -5 is not in the range x>=1."),
        ("abc", "Invalid value for '-m' / '--minutes': 'abc' is not a valid integer range."),
    ],
)
def test_minutes_must_be_a_positive_whole_number(run, value, message):
    assert usage_error(run("render", "retro", "--minutes", value)) == message


@pytest.mark.parametrize("kind,minimum", [("retro", 23), ("one-on-one", 15)])
def test_too_short_a_meeting_names_the_minimum(run, kind, minimum):
    message = usage_error(run("render", kind, "-m", str(minimum - 1)))
    assert message == (
        f"--minutes {minimum - 1} is too short for a {kind}: the shortest sensible one is {minimum} minutes"
    )
    assert run("render", kind, "-m", str(minimum)).exit_code == 0


def test_a_short_team_default_is_exit_1_naming_the_config_line(run, tmp_path):
    config = tmp_path / "retrokit.toml"
    config.write_text("[minutes]\nretro = 20\n", encoding="utf-8")
    result = run("render", "retro", "--team", str(tmp_path))
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert error_line(result) == (
        f"{config}:2: minutes.retro = 20 is too short for a retro: the shortest sensible one is 23 minutes"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("render", "retro", "--behavior", "safety", "--exclude-behavior", "safety"),
        ("render", "retro", "-x", "safety", "-b", "listening", "-b", "safety"),
    ],
)
def test_wanting_and_excluding_the_same_behaviour_is_a_usage_error(run, args):
    assert usage_error(run(*args)) == (
        "behavior 'safety' is both wanted (--behavior) and excluded (--exclude-behavior)"
    )


@pytest.mark.parametrize(
    "args,command,message",
    [
        (("render", "retro", "--bogus"), "render", "No such option '--bogus'."),
        (("render", "retro", "--minuts", "30"), "render", "No such option '--minuts'. (Did you mean one of: '--minutes', '--pin'?)"),
        (("prompts", "--jsn"), "prompts", "No such option '--jsn'. Did you mean '--json'?"),
        (("render",), "render", "Missing argument 'KIND'."),
        (("render", "retro", "--plugins-dir", "nowhere"), "render",
         "Invalid value for '--plugins-dir': Directory 'nowhere' does not exist."),
    ],
)
def test_bad_command_lines_are_usage_errors(run, args, command, message):
    assert usage_error(run(*args), command) == message


def test_unknown_command_suggests_the_close_one(run):
    result = run("rendr", "retro")
    assert result.exit_code == 2
    assert re.fullmatch(r"No such command 'rendr'\. Did you mean 'render'\? \(see '\S+ --help'\)", error_line(result))


def test_an_option_missing_its_value_is_a_usage_error(run):
    result = run("render", "retro", "--team")
    assert result.exit_code == 2
    assert error_line(result) == "Option '--team' requires an argument."


# -- failures (exit 1) and --debug -----------------------------------------------------------------------


def test_a_format_that_raises_is_one_line_naming_format_and_plugin(run, plugins):
    result = run("render", "retro", "--plugins-dir", str(plugins), "--format", "boom")
    assert result.exit_code == 1
    assert error_line(result) == "format 'boom' (plugin 'exploding') failed: ValueError: renderer exploded"


def test_a_format_that_returns_no_text_is_one_line_naming_format_and_plugin(run, plugins):
    result = run("render", "retro", "--plugins-dir", str(plugins), "-f", "number")
    assert result.exit_code == 1
    assert error_line(result) == "format 'number' (plugin 'exploding') did not return text"


@pytest.mark.parametrize(
    "args,env",
    [
        (("render", "retro", "--format", "boom", "--debug"), {}),
        (("render", "retro", "--format", "boom"), {"RETROKIT_DEBUG": "1"}),
    ],
)
def test_debug_shows_the_traceback_of_a_failing_format(installed, plugins, args, env):
    result = installed(*args, "--plugins-dir", str(plugins), env=env)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert f'File "{plugins / "exploding.py"}", line 6, in explode' in result.stderr
    assert result.stderr.rstrip("\n").endswith("ValueError: renderer exploded")


def test_debug_before_the_command_also_shows_the_traceback(installed, plugins):
    """`retrokit --debug render ...` counts as much as `render ... --debug`."""
    result = installed("--debug", "render", "retro", "--plugins-dir", str(plugins), "-f", "boom")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Traceback (most recent call last):\n")


@pytest.fixture
def team_with_broken_command(tmp_path):
    team = tmp_path / "team"
    (team / "plugins").mkdir(parents=True)
    (team / "retrokit.toml").write_text('[team]\nname = "Platform"\n', encoding="utf-8")
    (team / "plugins" / "tools.py").write_text(FAILING_COMMAND_PLUGIN, encoding="utf-8")
    return team


def test_an_unexpected_error_is_one_line_and_points_to_debug(installed, team_with_broken_command):
    result = installed("kaput", cwd=team_with_broken_command)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "retrokit: error: unexpected RuntimeError: the team command broke (run with --debug for the traceback)\n"
    )


@pytest.mark.parametrize("args,env", [(("--debug", "kaput"), {}), (("kaput",), {"RETROKIT_DEBUG": "yes"})])
def test_debug_shows_the_traceback_of_an_unexpected_error(installed, team_with_broken_command, args, env):
    result = installed(*args, cwd=team_with_broken_command, env=env)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert result.stderr.rstrip("\n").endswith("RuntimeError: the team command broke")


# -- the installed command -------------------------------------------------------------------------------


def test_the_installed_command_prints_only_the_document(installed, run):
    result = installed("render", "retro", "--seed", "installed")
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith("# Retrospective\n")
    assert sum(int(m) for m in re.findall(r"^## .* · (\d+) min$", result.stdout, re.MULTILINE)) == 60
    assert result.stdout == run("render", "retro", "--seed", "installed").stdout


@pytest.mark.parametrize(
    "args,code",
    [
        (("render", "one-on-one", "--seed", "x"), 0),
        (("render", "retor"), 2),
        (("render", "retro", "-m", "0"), 2),
        (("render", "retro", "--nope"), 2),
        (("render", "retro", "-o", "missing/agenda.md"), 1),
    ],
)
def test_the_installed_command_exits_like_the_cli(installed, run, args, code):
    result = installed(*args)
    assert result.returncode == code == run(*args).exit_code
    if code:
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith("retrokit: error: ")
    if code == 2:
        assert result.stderr.endswith(" (see 'retrokit render --help')\n")


@pytest.mark.parametrize(
    "pipeline,expected",
    [
        ("render retro --seed p 2>err.txt | head -1", "# Retrospective\n"),
        ("prompts --json 2>err.txt | head -c 1", "["),
        ("prompts 2>err.txt | head -n 1", "candour."),
        ("render retro 2>err.txt | true", ""),
    ],
)
def test_closing_stdout_early_prints_no_traceback(isolated, pipeline, expected):
    result = shell(f'"{retrokit_executable()}" {pipeline}', cwd=isolated)
    assert result.returncode == 0
    assert result.stdout.startswith(expected)
    assert len(result.stdout.splitlines()) <= 1
    assert (isolated / "err.txt").read_text(encoding="utf-8") == ""
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


# -- values that are well-formed but no sensible meeting, seed or config -----------------------------

@pytest.mark.parametrize("args", [
    ("--minutes", "481"), ("--minutes", "99999999999999999999999"), ("--plan", "retro-100000:_:_:_:_:_"),
])
def test_a_meeting_longer_than_a_working_day_is_a_usage_error(run, args):
    message = usage_error(run("render", "retro", *args))
    assert message.endswith("minutes is longer than retrokit plans (at most 480, a working day)") or \
        message.startswith("--plan"), message
    assert run("render", "retro", "--minutes", "480").exit_code == 0


def test_a_team_default_longer_than_a_working_day_names_the_config_line(run, tmp_path):
    config = tmp_path / "retrokit.toml"
    config.write_text("[minutes]\nretro = 100000\n", encoding="utf-8")
    result = run("render", "retro", "--team", str(tmp_path))
    assert result.exit_code == 1
    assert error_line(result) == (f"{config}:2: minutes.retro = 100000: a meeting of 100000 minutes is longer "
                                  "than retrokit plans (at most 480, a working day)")


@pytest.mark.parametrize("seed,shown", [("a\nb", "a\\nb"), ("x\x1b[31m", "x\\x1b[31m"), ("r\u202eevil", "r\\u202eevil")])
def test_a_seed_that_would_not_print_as_itself_is_refused_and_shown_escaped(run, seed, shown):
    message = usage_error(run("render", "retro", "--seed", seed))
    assert message == f"--seed '{shown}' holds a line break or control character; use printable text"


def test_a_minutes_table_naming_no_meeting_kind_is_a_warning_and_strict_fails(run, tmp_path):
    config = tmp_path / "retrokit.toml"
    config.write_text("[minutes]\nretro = 45\nretrox = 30\n", encoding="utf-8")
    result = run("render", "retro", "--team", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == (f"retrokit: warning: {config}:3: [minutes] retrox is not a meeting kind "
                             "(did you mean 'retro'?); it is ignored\n")
    assert "45 min" in result.stdout
    assert run("render", "retro", "--team", str(tmp_path), "--strict").exit_code == 1


@pytest.mark.parametrize("name,args", [
    ("retrokit.toml", ("render", "retro")),
    ("actions.toml", ("actions", "list")),
    ("metrics.toml", ("render", "retro")),
])
def test_a_toml_file_nested_absurdly_deep_is_one_line_naming_it(run, isolated, name, args):
    metrics = '\n[metrics]\nfile = "metrics.toml"\n' if name == "metrics.toml" else ""
    if name != "retrokit.toml":
        (isolated / "retrokit.toml").write_text('[team]\nname = "T"\n' + metrics, encoding="utf-8")
    (isolated / name).write_text("schema = 1\nx = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 1
    assert error_line(result).startswith(f"{isolated / name}: invalid TOML: arrays or tables nested too deeply")
