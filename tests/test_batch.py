"""`retrokit render KIND --team A --team B ... --output-dir DIR`: one file per team, each what the single
render prints; a broken team is one line and the others still render; clashes and misuse are usage errors."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import retrokit_executable


def make_team(root, folder, name, extra=""):
    path = root / folder
    path.mkdir(parents=True)
    (path / "retrokit.toml").write_text(f'[team]\nname = "{name}"\n{extra}', encoding="utf-8")
    return path


@pytest.fixture
def teams(tmp_path):
    root = tmp_path / "teams"
    return [make_team(root, "alpha", "Alpha"), make_team(root, "beta", "Beta", "\n[minutes]\nretro = 45\n"),
            make_team(root, "gamma", "Gamma")]


def team_args(folders):
    return [arg for folder in folders for arg in ("--team", str(folder))]


def single(run, folder, *args):
    result = run("render", "retro", "--team", str(folder), *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_each_team_gets_the_file_its_single_render_prints(run, teams, tmp_path):
    out = tmp_path / "agendas"
    result = run("render", "retro", "--seed", "s1", *team_args(teams), "--output-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert sorted(path.name for path in out.iterdir()) == ["alpha.md", "beta.md", "gamma.md"]
    for folder in teams:
        assert (out / f"{folder.name}.md").read_text(encoding="utf-8") == single(run, folder, "--seed", "s1")
    assert (out / "beta.md").read_text(encoding="utf-8").startswith("# Retrospective · Beta\n\n> [!NOTE]\n> 45 min")
    assert result.stderr == f"retrokit: wrote 3 agendas to {out}\n"  # not a terminal: no progress line


@pytest.mark.parametrize("format_name, extension", [("notion", "json"), ("confluence", "xml"), ("html", "html")])
def test_the_file_extension_is_the_formats(run, teams, tmp_path, format_name, extension):
    out = tmp_path / "out"
    result = run("render", "retro", "--seed", "x", "-f", format_name, *team_args(teams[:2]), "--output-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(path.name for path in out.iterdir()) == [f"alpha.{extension}", f"beta.{extension}"]
    assert (out / f"alpha.{extension}").read_text(encoding="utf-8") == single(
        run, teams[0], "--seed", "x", "-f", format_name
    )


def test_a_broken_team_is_one_line_and_the_others_still_render(run, teams, tmp_path):
    broken = make_team(tmp_path / "teams", "broken", "Broken")
    (broken / "retrokit.toml").write_text("schema = [\n", encoding="utf-8")
    missing = tmp_path / "teams" / "missing"
    out = tmp_path / "out"
    result = run("render", "retro", *team_args([teams[0], broken, missing, teams[2]]), "--output-dir", str(out))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"retrokit: error: team {broken}: {broken / 'retrokit.toml'}:1: invalid TOML")
    assert lines[1] == f"retrokit: error: team {missing}: no retrokit.toml in {missing}"
    assert lines[2:] == [
        f"retrokit: wrote 2 agendas to {out}",
        "retrokit: error: 2 of 4 teams failed (named above); the others were written",
    ]
    assert sorted(path.name for path in out.iterdir()) == ["alpha.md", "gamma.md"]  # nothing half-written


def test_a_strict_warning_fails_that_team_only_and_warnings_name_the_team(run, teams, tmp_path):
    noisy = make_team(tmp_path / "teams", "noisy", "Noisy", '\n[plugins]\ndisabled = ["nope"]\n')
    out = tmp_path / "out"
    warned = run("render", "retro", *team_args([teams[0], noisy]), "--output-dir", str(out))
    assert warned.exit_code == 0
    assert warned.stderr.splitlines()[0] == (
        f"retrokit: warning: {noisy}: {noisy / 'retrokit.toml'}:5: plugins.disabled names unknown plugin 'nope'"
    )
    strict = run("render", "retro", "--strict", *team_args([noisy, teams[0]]), "--output-dir", str(tmp_path / "s"))
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[0].startswith(f"retrokit: error: team {noisy}: ")
    assert sorted(path.name for path in (tmp_path / "s").iterdir()) == ["alpha.md"]


def test_usage_errors_write_nothing(run, teams, tmp_path):
    out = tmp_path / "out"
    other_alpha = make_team(tmp_path / "elsewhere", "alpha", "Other alpha")
    cases = [
        (["render", "retro", *team_args([teams[0], other_alpha]), "--output-dir", str(out)],
         f"--team {teams[0]} and --team {other_alpha} would both write {out / 'alpha'}.*"),
        (["render", "retro", *team_args(teams)], "several --team options need --output-dir DIR"),
        (["render", "retro", *team_args(teams), "--output-dir", str(out), "-o", "x.md"], "--output is one file"),
        (["render", "retro", "--output-dir", str(out)], "--output-dir needs the teams to render"),
        (["render", "retr", *team_args(teams), "--output-dir", str(out)], "unknown meeting kind 'retr'"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert result.stderr.startswith(f"retrokit: error: {message}"), result.stderr
        assert not out.exists() or not list(out.iterdir())


def test_record_records_each_teams_meeting(run, teams, tmp_path):
    out = tmp_path / "out"
    result = run("render", "retro", "--seed", "r", "--record", *team_args(teams[:2]), "--output-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"retrokit: wrote 2 agendas to {out} and recorded 2 in the teams' history.toml\n"
    for folder in teams[:2]:
        assert 'seed = "r"' in (folder / "history.toml").read_text(encoding="utf-8")
    assert not (teams[2] / "history.toml").exists()


def test_one_team_with_output_dir_and_the_single_team_forms_are_unchanged(run, teams, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run("render", "retro", "--seed", "a", "--team", str(teams[0]), "--output-dir", str(out)).exit_code == 0
    assert (out / "alpha.md").read_text(encoding="utf-8") == single(run, teams[0], "--seed", "a")
    colon = make_team(tmp_path / "teams", "a:b c", "Colon")  # RETROKIT_TEAM is one folder, never split
    monkeypatch.setenv("RETROKIT_TEAM", str(colon))
    result = run("render", "retro", "--seed", "a")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Retrospective · Colon\n")


def test_the_installed_command_renders_a_batch_and_shows_progress_only_on_a_terminal(installed, teams, tmp_path):
    out = tmp_path / "out"
    result = installed("render", "retro", "--seed", "e", "-f", "notion", *team_args(teams), "--output-dir", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"retrokit: wrote 3 agendas to {out}\n"
    single_render = installed("render", "retro", "--seed", "e", "-f", "notion", "--team", str(teams[1]))
    assert (out / "beta.json").read_text(encoding="utf-8") == single_render.stdout

    import pty

    leader, follower = pty.openpty()  # stderr a terminal: the progress line appears, then is cleared
    env = {**os.environ, "RETROKIT_LOAD_PLUGINS": ""}
    process = subprocess.run(
        [retrokit_executable(), "render", "retro", *team_args(teams), "--output-dir", str(tmp_path / "tty")],
        stdout=subprocess.PIPE, stderr=follower, env=env,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.returncode == 0 and process.stdout == b""
    text = shown.decode("utf-8")
    assert f"retrokit: 1/3 {teams[0]}" in text and f"retrokit: 3/3 {teams[2]}" in text
    assert text.endswith(f"\r\x1b[Kretrokit: wrote 3 agendas to {tmp_path / 'tty'}\r\n")


def test_a_format_without_an_extension_names_the_files_after_itself(run, teams, tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "plain.py").write_text(
        "import retrokit\n\n@retrokit.hookimpl\ndef retrokit_formats():\n"
        "    return [{'name': 'plain', 'render': lambda request: request.markdown.upper()}]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("render", "retro", "-f", "plain", "--seed", "p", "--plugins-dir", str(plugins),
                 *team_args(teams[:2]), "--output-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(path.name for path in out.iterdir()) == ["alpha.plain", "beta.plain"]
    assert (out / "alpha.plain").read_text(encoding="utf-8") == single(
        run, teams[0], "-f", "plain", "--seed", "p", "--plugins-dir", str(plugins)
    )


def test_what_is_already_in_the_output_folder_is_replaced_as_render_o_would(run, teams, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "alpha.md").write_text("old\n", encoding="utf-8")
    (out / "alpha.md").chmod(0o600)  # a file of ours: replaced, keeping its mode
    (tmp_path / "target.md").write_text("old\n", encoding="utf-8")
    (out / "beta.md").symlink_to(tmp_path / "target.md")  # a symlink: the file it names is written
    (out / "gamma.md").mkdir()  # a folder: that team fails, the others are written
    late = make_team(tmp_path / "teams", "late", "Late")
    (out / "late.md").write_text("kept\n", encoding="utf-8")
    (out / "late.md").chmod(0o444)  # read-only: that team fails, the file is kept
    result = run("render", "retro", "--seed", "w", *team_args([*teams, late]), "--output-dir", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"retrokit: error: team {teams[2]}: cannot write {out / 'gamma.md'}: it is a folder",
        f"retrokit: error: team {late}: cannot write {out / 'late.md'}: it is read-only (make it writable "
        "to let retrokit replace it)",
        f"retrokit: wrote 2 agendas to {out}",
        "retrokit: error: 2 of 4 teams failed (named above); the others were written",
    ]
    assert (out / "alpha.md").read_text(encoding="utf-8") == single(run, teams[0], "--seed", "w")
    assert (out / "alpha.md").stat().st_mode & 0o777 == 0o600
    assert (out / "beta.md").is_symlink()
    assert (tmp_path / "target.md").read_text(encoding="utf-8") == single(run, teams[1], "--seed", "w")
    assert (out / "late.md").read_text(encoding="utf-8") == "kept\n"
    assert sorted(path.name for path in out.iterdir()) == ["alpha.md", "beta.md", "gamma.md", "late.md"]
