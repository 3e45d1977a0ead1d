"""``retrokit init``: a team folder whose retrokit.toml reads back exactly as given, written atomically,
never over an existing one without --force, asking questions only in a terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrokit.config import load
from retrokit.memory.metrics_file import load as load_metrics
from retrokit.rendering import member_key

from conftest import retrokit_executable

NASTY = ['Ops "R&D" <team>', "Line one\nline two", "Équipe 😀", "山田 太郎", "back\\slash = 'quoted'", "tab\there"]


def read_back(folder: Path):
    """config.load of the folder, failing on any warning."""
    warnings = []
    config = load(folder, warn=warnings.append)
    assert warnings == []
    return config


def tree(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))
    } if folder.exists() else {}


def one_error(result, code: int) -> str:
    """Exit ``code``, nothing on stdout, exactly one error line (returned without its prefix)."""
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("retrokit: error: ")
    return line.removeprefix("retrokit: error: ")


# -- what it writes ------------------------------------------------------------------------------------------


DEFAULT_TOML = """\
schema = 1

[team]
name = "Platform"
members = [
    { name = "Ana" },
    { name = "Sam" },
]

[minutes]
health-check = 60
retro = 60
one-on-one = 30

[plugins]
folder = "plugins"
disabled = []

[templates]
folder = "templates"

[metrics]
file = "metrics.toml"

[history]
rotation = 3
record = false

# The meeting's usual context. A prompt that needs a tag (cross-team, dashboards, hybrid, in-person,
# incident, remote, or one a plugin declares) is drawn only when the tag is here or given with --context TAG.
# [context]
# tags = ["remote"]
"""


def test_init_writes_a_complete_stable_layout_and_reports_on_stderr(run, isolated):
    result = run("init", "--name", "Platform", "--member", "Ana", "--member", "Sam")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "retrokit: created plugins/",
        "retrokit: created templates/",
        "retrokit: wrote metrics.toml",
        "retrokit: wrote .gitignore",
        "retrokit: wrote retrokit.toml",
    ]
    assert (isolated / "retrokit.toml").read_text(encoding="utf-8") == DEFAULT_TOML
    assert (isolated / ".gitignore").read_text(encoding="utf-8").splitlines()[1:] == ["*.lock", ".*.tmp", "__pycache__/"]
    assert sorted(tree(isolated)) == [
        ".gitignore", "metrics.toml", "plugins", "plugins/README.md", "retrokit.toml", "templates", "templates/README.md"
    ]
    config = read_back(isolated)
    assert config.name == "Platform"
    assert config.members == [{"name": "Ana"}, {"name": "Sam"}]
    assert config.minutes == {"health-check": 60, "retro": 60, "one-on-one": 30}
    assert (config.disabled, config.enabled, config.rotation, config.record) == ((), None, 3, False)
    assert config.plugins_folder == isolated / "plugins"
    assert config.templates_folder == isolated / "templates"
    assert config.metrics_file == isolated / "metrics.toml"
    assert load_metrics(config.metrics_file) == []  # the starter file explains itself and holds no numbers


def test_the_same_options_write_the_same_bytes(run, tmp_path):
    args = ["--name", "Ops", "--member", "Ana", "--minutes", "retro=45", "--rotation", "5"]
    assert run("init", str(tmp_path / "a"), *args).exit_code == 0
    assert run("init", str(tmp_path / "b"), *args).exit_code == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_every_setting_reads_back_exactly(run, tmp_path):
    team = tmp_path / "deep" / "new" / "team"  # created, with its parents
    result = run(
        "init", str(team), "--name", NASTY[0], *[arg for name in NASTY for arg in ("--member", name)],
        "--confluence-id", "Ops \"R&D\" <team>=557058:f58131cb-b67d-43c7-b30d-6b58d40bd077",
        "--notion-id", "back\\slash = 'quoted'=c2f20311-9e54-4d6a-8a8a-7a5b5c1e0d2f",
        "--confluence-id", "山田 太郎=5b10ac8d82e05b22cc7d4ef5",
        "--minutes", "one-on-one=45", "--minutes", "retro=90",
        "--disable-plugin", "shared-metrics", "--disable-plugin", "Well_Being",
        "--plugins-folder", "team-plugins", "--templates-folder", "look/templates",
        "--metrics-file", "numbers/metrics.csv", "--rotation", "0", "--record",
    )
    assert result.exit_code == 0, result.stderr
    config = read_back(team)
    assert config.name == NASTY[0]
    assert config.members == [
        {"name": NASTY[0], "confluence": "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077"},
        {"name": NASTY[1]},
        {"name": NASTY[2]},
        {"name": NASTY[3], "confluence": "5b10ac8d82e05b22cc7d4ef5"},
        {"name": NASTY[4], "notion": "c2f20311-9e54-4d6a-8a8a-7a5b5c1e0d2f"},
        {"name": NASTY[5]},
    ]
    assert config.minutes == {"health-check": 60, "retro": 90, "one-on-one": 45}
    assert config.disabled == ("shared-metrics", "Well_Being")
    assert config.plugins_folder == team / "team-plugins"
    assert config.templates_folder == team / "look" / "templates"
    assert config.metrics_file == team / "numbers" / "metrics.csv"
    assert (team / "numbers" / "metrics.csv").read_text(encoding="utf-8") == "name,value,previous,target,better,owner,unit\n"
    assert (config.rotation, config.record) == (0, True)


def test_no_metrics_leaves_the_table_out(run, isolated):
    assert run("init", "--name", "Ops", "--member", "Ana", "--no-metrics").exit_code == 0
    assert "[metrics]" not in (isolated / "retrokit.toml").read_text(encoding="utf-8")
    assert not (isolated / "metrics.toml").exists()
    assert read_back(isolated).metrics_file is None


def test_existing_folders_and_files_beside_it_are_kept(run, isolated):
    (isolated / "plugins").mkdir()
    (isolated / "plugins" / "celebrate.py").write_text("# ours\n", encoding="utf-8")
    metrics = 'schema = 1\n[[metric]]\nname = "Lead time"\nvalue = 3\nbetter = "lower"\n'
    (isolated / "metrics.toml").write_text(metrics, encoding="utf-8")
    result = run("init", "--name", "Ops", "--member", "Ana")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "retrokit: created templates/", "retrokit: wrote .gitignore", "retrokit: wrote retrokit.toml"
    ]
    assert (isolated / "metrics.toml").read_text(encoding="utf-8") == metrics
    assert sorted(p.name for p in (isolated / "plugins").iterdir() if p.name != "__pycache__") == ["celebrate.py"]


def test_a_team_plugin_folder_is_seen_for_kinds_and_plugin_names(run, tmp_path):
    team = tmp_path / "team"
    (team / "plugins").mkdir(parents=True)
    (team / "plugins" / "incident.py").write_text(
        "from retrokit import hookimpl\n\n@hookimpl\ndef retrokit_meeting_kinds():\n"
        "    return [{'name': 'incident-review', 'title': 'Incident review', 'default_minutes': 50,\n"
        "             'sections': [{'id': 'facts', 'title': 'Facts', 'phases': ['gather']}]}]\n",
        encoding="utf-8",
    )
    result = run("init", str(team), "--name", "Ops", "--member", "Ana", "--minutes", "incident-review=40")
    assert result.exit_code == 0, result.stderr
    assert read_back(team).minutes == {"health-check": 60, "retro": 60, "one-on-one": 30, "incident-review": 40}
    # Disabled, the plugin's kind is gone: minutes for it would never be used.
    disabled = run("init", str(team), "--force", "--name", "Ops", "--member", "Ana", "--disable-plugin", "incident")
    assert disabled.exit_code == 0, disabled.stderr
    config = read_back(team)
    assert config.disabled == ("incident",)
    assert config.minutes == {"health-check": 60, "retro": 60, "one-on-one": 30}
    both = run("init", str(team), "--force", "--name", "Ops", "--member", "Ana", "--disable-plugin", "incident",
               "--minutes", "incident-review=40")
    assert one_error(both, 2).startswith("--minutes incident-review=40: unknown meeting kind 'incident-review'")


# -- the folder works for the other commands ---------------------------------------------------------------


def test_the_new_folder_drives_render_from_any_subfolder(installed, tmp_path):
    team = tmp_path / "team"
    done = installed("init", str(team), "--name", "R&D <ops> 😀", "--member", "Ana", "--minutes", "retro=45")
    assert done.returncode == 0, done.stderr
    (team / "src" / "deep").mkdir(parents=True)
    result = installed("render", "retro", "--seed", "i1", cwd=team / "src" / "deep")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("# Retrospective · R&D \\<ops\\> 😀\n\n> [!NOTE]\n> 45 min · seed `i1`")
    html = installed("render", "retro", "--seed", "i1", "--format", "html", "--team", str(team))
    assert "R&amp;D &lt;ops&gt; 😀" in html.stdout


def test_installed_plugin_choice_is_written_and_obeyed(installed, tmp_path, monkeypatch):
    site = tmp_path / "site"
    for name in ("teamkit", "otherkit"):
        info = site / f"{name}-1.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(f"[retrokit]\n{name} = {name}_plugin\n", encoding="utf-8")
        (site / f"{name}_plugin.py").write_text(
            "from retrokit import hookimpl\n\n@hookimpl\ndef retrokit_prompts():\n"
            f"    return [{{'id': '{name}.hello', 'text': 'Hello.', 'behavior': 'support', 'kinds': ['retro'],"
            " 'phase': 'close', 'minutes': 2}]\n",
            encoding="utf-8",
        )
    monkeypatch.delenv("RETROKIT_LOAD_PLUGINS")
    env = {"PYTHONPATH": str(site)}
    team = tmp_path / "team"
    done = installed("init", str(team), "--name", "Ops", "--member", "Ana", "--enable-plugin", "teamkit", env=env)
    assert done.returncode == 0, done.stderr
    assert read_back(team).enabled == ("teamkit",)
    listed = installed("prompts", "--json", "--team", str(team), env=env)
    assert listed.returncode == 0, listed.stderr
    assert '"teamkit.hello"' in listed.stdout and "otherkit" not in listed.stdout
    unknown = installed("init", str(tmp_path / "x"), "--name", "Ops", "--member", "Ana", "--enable-plugin", "teamkt", env=env)
    assert unknown.returncode == 2
    assert "unknown installed plugin 'teamkt' (did you mean 'teamkit'?)" in unknown.stderr


# -- never over an existing file ---------------------------------------------------------------------------


def test_an_existing_config_is_left_untouched_without_force(run, isolated):
    (isolated / "retrokit.toml").write_bytes(b'[team]\nname = "Ours"  # hand-written\n')
    before = tree(isolated)
    message = one_error(run("init", "--name", "Ops", "--member", "Ana"), 1)
    assert message == "retrokit.toml already exists; use --force to replace it"
    assert tree(isolated) == before  # nothing else was created either


def test_force_replaces_the_config_atomically_and_keeps_the_rest(run, isolated):
    (isolated / "retrokit.toml").write_text('[team]\nname = "Old"\n', encoding="utf-8")
    (isolated / "actions.toml").write_text("schema = 1\n", encoding="utf-8")
    result = run("init", "--name", "New", "--member", "Ana", "--force")
    assert result.exit_code == 0, result.stderr
    assert "retrokit: replaced retrokit.toml" in result.stderr.splitlines()
    assert read_back(isolated).name == "New"
    assert (isolated / "actions.toml").read_text(encoding="utf-8") == "schema = 1\n"
    assert [p.name for p in isolated.iterdir() if p.name.startswith(".")] == [".gitignore"]  # no temp files


def test_parallel_inits_leave_exactly_one_whole_config(tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "plugins").mkdir()
    (team / "templates").mkdir()
    procs = [
        subprocess.Popen(
            [retrokit_executable(), "init", str(team), "--name", f"Team {n}", "--member", "Ana", "--no-metrics"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for n in range(8)
    ]
    results = [(p.wait(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    winners = [err for code, err in results if code == 0]
    assert len(winners) == 1
    assert all(code == 1 and "already exists; use --force" in err for code, err in results if code != 0)
    name = read_back(team).name
    assert f"retrokit: wrote {team / 'retrokit.toml'}" in winners[0] and name.startswith("Team ")


def test_a_file_where_a_folder_belongs_is_an_error_before_anything_is_written(run, isolated):
    (isolated / "team").write_text("not a folder", encoding="utf-8")
    assert one_error(run("init", "team", "--name", "Ops", "--member", "Ana"), 1) == "team is not a folder"
    (isolated / "templates").write_text("not a folder", encoding="utf-8")
    before = tree(isolated)
    message = one_error(run("init", "--name", "Ops", "--member", "Ana"), 1)
    assert message == "templates (--templates-folder) is not a folder"
    assert tree(isolated) == before


# -- bad input: one line, exit 2, nothing written -------------------------------------------------------------


USAGE_ERRORS = [
    ((), "missing --name: the team's name (retrokit asks for it only in a terminal)"),
    (("--name", "Ops"), "missing --member: give at least one (retrokit asks only in a terminal)"),
    (("--name", " \n", "--member", "Ana"), "--name is empty"),
    (("--name", "Ops", "--member", ""), "--member is empty"),
    (("--name", "Ops", "--member", "Ana", "--member", "Ana"), '--member "Ana" is given twice'),
    (("--name", "Ops", "--member", "Ana Lee", "--member", "ana-lee"),
     '--member "Ana Lee" and "ana-lee" look the same to @owner mentions; give one of them a distinct name'),
    (("--name", "Ops", "--member", "Ana", "--confluence-id", "Ana"),
     '--confluence-id "Ana": write NAME=ID, with NAME one of the --member names'),
    (("--name", "Ops", "--member", "Ana", "--notion-id", "Anna=c2f2"),
     "--notion-id \"Anna=c2f2\": no --member is named \"Anna\" (did you mean 'Ana'?)"),
    (("--name", "Ops", "--member", "Ana", "--notion-id", "Ana="), '--notion-id "Ana=": the id is empty'),
    (("--name", "Ops", "--member", "Ana", "--notion-id", "Ana=c2 f2"), '--notion-id "Ana=c2 f2": the id is not one word'),
    (("--name", "Ops", "--member", "Ana", "--notion-id", "Ana=a", "--notion-id", "Ana=b"), '--notion-id is given twice for "Ana"'),
    (("--name", "Ops", "--member", "Ana", "--minutes", "retro"), '--minutes "retro": write KIND=N, like retro=45'),
    (("--name", "Ops", "--member", "Ana", "--minutes", "retro=0"), '--minutes "retro=0": write KIND=N, like retro=45'),
    (("--name", "Ops", "--member", "Ana", "--minutes", "retro=4.5"), '--minutes "retro=4.5": write KIND=N, like retro=45'),
    (("--name", "Ops", "--member", "Ana", "--minutes", "rerto=45"),
     "--minutes rerto=45: unknown meeting kind 'rerto' (did you mean 'retro'?); known: health-check, one-on-one, retro"),
    (("--name", "Ops", "--member", "Ana", "--minutes", "retro=10"),
     "--minutes retro=10: too short for a retro; the shortest sensible one is 23 minutes"),
    (("--name", "Ops", "--member", "Ana", "--minutes", "retro=40", "--minutes", "retro=45"), "--minutes is given twice for retro"),
    (("--name", "Ops", "--member", "Ana", "--disable-plugin", "shared-metric"),
     "--disable-plugin: unknown plugin 'shared-metric' (did you mean 'shared-metrics'?); known: candour, context-tags, follow-up, "
     "formats, health-check, inclusion, languages, listening, meeting-kinds, partnership, perspective-taking, reflecting, safety, "
     "shared-metrics, support, validation, warm-ups, well-being"),
    (("--name", "Ops", "--member", "Ana", "--enable-plugin", "kudos"),
     "--enable-plugin: unknown installed plugin 'kudos'; there is no installed plugin"),
    (("--name", "Ops", "--member", "Ana", "--metrics-file", "metrics.json"), '--metrics-file "metrics.json" must end in .toml or .csv'),
    (("--name", "Ops", "--member", "Ana", "--plugins-folder", ""), "--plugins-folder is empty"),
    (("--name", "Ops", "--member", "Ana", "--rotation", "-1"),
     "Invalid value for '--rotation': -1 is not in the range x>=0."),
]


@pytest.mark.parametrize("args, message", USAGE_ERRORS, ids=[m.split(":")[0][:40] for _, m in USAGE_ERRORS])
def test_bad_input_is_one_usage_error_and_writes_nothing(run, isolated, args, message):
    assert one_error(run("init", "team", *args), 2) == f"{message} (see 'retrokit init --help')"
    assert tree(isolated) == {}


def test_an_argument_that_is_not_utf8_is_a_usage_error(tmp_path):
    done = subprocess.run(
        [retrokit_executable().encode(), b"init", str(tmp_path / "t").encode(), b"--name", b"Caf\xe9", b"--member", b"Ana"],
        capture_output=True,
    )
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr == b"retrokit: error: --name is not valid UTF-8 text (see 'retrokit init --help')\n"
    assert not (tmp_path / "t").exists()


def test_a_broken_existing_metrics_file_stops_init_before_the_config_is_written(run, isolated):
    (isolated / "metrics.csv").write_text("name,value,better\nLead time,3,sideways\n", encoding="utf-8")
    message = one_error(run("init", "--name", "Ops", "--member", "Ana", "--metrics-file", "metrics.csv"), 1)
    assert message.startswith("metrics.csv:2: metric 'Lead time': better must be ")
    assert not (isolated / "retrokit.toml").exists()


# -- names round-trip exactly --------------------------------------------------------------------------------

names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    team_name=names,
    members=st.lists(names, min_size=1, max_size=4, unique_by=lambda s: member_key(s) or s),
    confluence=st.text("0123456789abcdef:-", min_size=1, max_size=30),
)
def test_any_names_round_trip_exactly(run, team_name, members, confluence):
    with tempfile.TemporaryDirectory() as folder:
        team = Path(folder) / "team"
        result = run(
            "init", str(team), "--name", team_name, *[a for m in members for a in ("--member", m)],
            "--confluence-id", f"{members[-1]}={confluence}",
        )
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        config = load(team)
        assert config.name == team_name
        assert [m["name"] for m in config.members] == members
        assert config.members[-1]["confluence"] == confluence


def test_nasty_names_round_trip_through_the_installed_command(installed, tmp_path):
    team = tmp_path / "team"
    done = installed("init", str(team), "--name", NASTY[1], *[a for m in NASTY for a in ("--member", m)])
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    config = read_back(team)
    assert config.name == NASTY[1]
    assert [m["name"] for m in config.members] == NASTY


# -- asking, only in a terminal ------------------------------------------------------------------------------


def run_in_terminal(args: list[str], answers: str, cwd: Path) -> tuple[int, str]:
    """Run the installed command with a pseudo-terminal as stdin; returns (exit code, stderr)."""
    controller, terminal = pty.openpty()
    env = dict(os.environ, RETROKIT_LOAD_PLUGINS="")
    proc = subprocess.Popen(
        [retrokit_executable(), *args], stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=cwd, env=env, text=True, encoding="utf-8",
    )
    os.close(terminal)
    os.write(controller, answers.encode("utf-8"))
    try:
        out, err = proc.communicate(timeout=120)
    finally:
        while select.select([controller], [], [], 0)[0]:  # drain the terminal's echo
            try:
                if not os.read(controller, 4096):
                    break
            except OSError:
                break
        os.close(controller)
    assert out == ""
    return proc.returncode, err


def test_in_a_terminal_it_asks_for_the_name_and_members(tmp_path):
    code, err = run_in_terminal(["init", "team"], "Ops 😀\n \nAna\nana\nBo\n\n", tmp_path)
    assert code == 0, err
    assert err.startswith("Team name: Member: Error: a member's name cannot be empty\nMember: ")
    assert 'retrokit: "ana" is already a member' in err
    config = read_back(tmp_path / "team")
    assert config.name == "Ops 😀"
    assert config.members == [{"name": "Ana"}, {"name": "Bo"}]


def test_in_a_terminal_it_asks_only_for_what_is_missing(tmp_path):
    code, err = run_in_terminal(["init", "team", "--name", "Ops"], "Ana\n\n", tmp_path)
    assert code == 0, err
    assert "Team name" not in err and err.startswith("Member: Another member (empty to finish): ")
    code, err = run_in_terminal(["init", "other", "--name", "Ops", "--member", "Ana"], "", tmp_path)
    assert code == 0, err
    assert "Member" not in err and "Team name" not in err


def test_in_a_terminal_an_existing_config_is_refused_before_asking(tmp_path):
    (tmp_path / "retrokit.toml").write_text('[team]\nname = "Ours"\n', encoding="utf-8")
    code, err = run_in_terminal(["init"], "Ops\nAna\n\n", tmp_path)
    assert code == 1
    assert err == "retrokit: error: retrokit.toml already exists; use --force to replace it\n"


def test_end_of_input_at_a_question_aborts_cleanly(tmp_path):
    code, err = run_in_terminal(["init", "team"], "Ops\n\x04", tmp_path)
    assert code == 1
    assert err.endswith("retrokit: aborted\n") and "Traceback" not in err
    assert not (tmp_path / "team" / "retrokit.toml").exists()


@pytest.mark.parametrize("option", ["--metrics-file", "--plugins-folder", "--templates-folder"])
def test_init_creates_nothing_outside_the_team_folder(run, isolated, option):
    value = "../../outside.toml" if option == "--metrics-file" else "../../outside"
    result = run("init", "team", "--name", "Platform", "--member", "Ana", option, value)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"retrokit: error: {option} \"{value}\" is outside team and does not exist; ")
    assert list(isolated.iterdir()) == [] and not (isolated.parent / "outside").exists()
    assert not (isolated.parent / "outside.toml").exists()


def test_init_may_point_at_a_shared_folder_that_already_exists(run, isolated):
    (isolated / "shared-plugins").mkdir()
    result = run("init", "team", "--name", "Platform", "--member", "Ana", "--plugins-folder", "../shared-plugins")
    assert result.exit_code == 0, result.stderr
    assert 'folder = "../shared-plugins"' in (isolated / "team" / "retrokit.toml").read_text(encoding="utf-8")
