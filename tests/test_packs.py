"""Prompt packs: TOML files of prompts that load as plugins (host/packs.py, host/pack_file.py).

Each test writes a real team folder with a prompts/ folder in tmp_path and runs the CLI through click's
runner or the installed ``retrokit`` command. Installed packs come from a site folder on PYTHONPATH
holding a package with a .toml file and the dist-info folder an installer writes for it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from test_doctor import write
from test_plugins import fake_distribution, plugin_rows, prompt_ids
from test_startup_cache import RUN

PACK = """\
# Questions our coaches ask.
[pack]
name = "coaching"
title = "Coaching questions"
description = "Questions our coaches ask in retros and 1:1s."

[pack.defaults]
kinds = ["retro"]
behavior = "curiosity"
minutes = 5

[[pack.behaviors]]
name = "curiosity"
title = "Curiosity"
description = "Asking before assuming."

[[prompt]]
id = "coaching.what-surprised-you"
text = "What surprised you this sprint, and what had you assumed before it did?"
phase = "gather"
audience = "group"
max_minutes = 8
technique = "surprise-round"
note = "Collect the assumptions on the board; they are the real output."
prepare = "Bring the sprint goal as it was written at planning."
source = "Our own coaching practice."

[[prompt]]
id = "coaching.more-of-from-me"
text = "What is one thing you would like more of from me over the next two weeks?"
behavior = "listening"
kinds = ["one-on-one"]
phase = "feedback"
audience = "pair"
minutes = 4
"""
PACK_IDS = {"coaching.what-surprised-you", "coaching.more-of-from-me"}


@pytest.fixture
def team(tmp_path):
    """A team folder whose prompts/coaching.toml is PACK; ``team.pack`` is that file."""
    folder = tmp_path / "team"
    write(folder / "retrokit.toml", 'schema = 1\n[team]\nname = "Platform"\n')
    write(folder / "prompts" / "coaching.toml", PACK)
    return folder


def pack_file(team: Path) -> Path:
    return (team / "prompts" / "coaching.toml").resolve()


def line_of(text: str, needle: str, start: str = "") -> int:
    """The line of ``needle`` in ``text`` (after ``start`` when given), 1-based."""
    offset = text.index(start) if start else 0
    return text.count("\n", 0, text.index(needle, offset)) + 1


def warnings_of(stderr: str) -> list[str]:
    return [line.removeprefix("retrokit: warning: ") for line in stderr.splitlines()]


# -- a pack in a team folder, end to end --------------------------------------------------------------


def test_a_pack_is_listed_as_a_plugin_with_its_file(run, team):
    result = run("plugins", "--json", "--team", str(team))
    assert result.exit_code == 0 and result.stderr == ""
    row = plugin_rows(result.stdout)["coaching"]
    assert row["source"] == "folder" and row["origin"] == str(pack_file(team))
    assert row["prompts"] == 2 and row["hooks"] == ["retrokit_behaviors", "retrokit_prompts"]
    assert row["pack"] == {"file": str(pack_file(team)), "title": "Coaching questions",
                           "description": "Questions our coaches ask in retros and 1:1s."}
    assert plugin_rows(result.stdout)["listening"]["pack"] is None
    text = run("plugins", "--team", str(team)).stdout
    [line] = [line for line in text.splitlines() if line.startswith("coaching ")]
    assert f"2 prompts; pack {pack_file(team)}" in line


def test_pack_prompts_keep_every_field_and_the_defaults(run, team):
    result = run("prompts", "--json", "--team", str(team))
    assert result.exit_code == 0 and result.stderr == ""
    mine = {p["id"]: p for p in json.loads(result.stdout) if p["plugin"] == "coaching"}
    assert set(mine) == PACK_IDS
    surprised = mine["coaching.what-surprised-you"]
    assert surprised | {"text": ""} == {
        "id": "coaching.what-surprised-you", "text": "", "behavior": "curiosity", "kinds": ["retro"],
        "phase": "gather", "minutes": 5, "note": "Collect the assumptions on the board; they are the real output.",
        "plugin": "coaching", "audience": "group", "needs": [], "max_minutes": 8, "technique": "surprise-round",
        "prepare": "Bring the sprint goal as it was written at planning.", "source": "Our own coaching practice.",
    }
    assert mine["coaching.more-of-from-me"]["kinds"] == ["one-on-one"]  # its own fields win over the defaults
    assert mine["coaching.more-of-from-me"]["behavior"] == "listening"


def test_pack_prompts_and_behaviours_go_into_agendas(run, team):
    result = run("render", "retro", "--seed", "p", "--behavior", "curiosity", "--team", str(team))
    assert result.exit_code == 0 and result.stderr == ""
    assert "What surprised you this sprint" in result.stdout and "Curiosity" in result.stdout
    assert "Bring the sprint goal as it was written at planning." in result.stdout  # its prepare line


def test_a_pack_works_through_the_installed_command(installed, team, tmp_path):
    env = {"RETROKIT_CACHE_DIR": str(tmp_path / "cache")}
    listed = installed("prompts", "--json", cwd=team, env=env)
    assert listed.returncode == 0 and listed.stderr == ""
    assert PACK_IDS <= prompt_ids(listed.stdout)
    rendered = installed("render", "retro", "--seed", "p", "--behavior", "curiosity", cwd=team, env=env)
    assert rendered.returncode == 0 and "What surprised you this sprint" in rendered.stdout
    pack = pack_file(team)
    pack.write_text(PACK.replace('minutes = 4\n', 'minutes = "four"\n'), encoding="utf-8")
    warned = installed("prompts", "--json", cwd=team, env=env)
    where = f"{pack}:{line_of(PACK, 'minutes = 4')}"
    assert warned.returncode == 0
    assert warnings_of(warned.stderr) == [
        f"{where}: prompt 'coaching.more-of-from-me' 'minutes' must be a positive number; skipped"
    ]
    assert "coaching.what-surprised-you" in prompt_ids(warned.stdout)
    strict = installed("render", "retro", "--strict", cwd=team, env=env)
    assert strict.returncode == 1 and strict.stdout == ""
    assert strict.stderr.startswith(f"retrokit: error: {where}: ") and "(--strict)" in strict.stderr
    assert "Traceback" not in strict.stderr


def test_packs_named_in_the_config_load_after_the_prompts_folder(run, team, tmp_path):
    shared = write(tmp_path / "shared" / "more.toml", PACK.replace("coaching.", "more.").replace('"coaching"', '"more"'))
    write(team / "retrokit.toml", 'schema = 1\n[plugins]\npacks = ["../shared/more.toml", "prompts"]\n')
    result = run("plugins", "--json", "--team", str(team))
    assert result.exit_code == 0 and result.stderr == ""  # prompts/ named again: loaded once
    rows = [row["name"] for row in json.loads(result.stdout)]
    assert rows[-2:] == ["coaching", "more"]
    assert plugin_rows(result.stdout)["more"]["pack"]["file"] == str(shared.resolve())


@pytest.mark.parametrize("setting, message", [
    ('packs = ["nowhere.toml"]', "plugins.packs: no prompt-pack file or folder {team}/nowhere.toml (a pack is a .toml file)"),
    ('packs = "prompts"', 'plugins.packs must be a list of prompt-pack files or folders, like ["../shared/coaching.toml"]'),
])
def test_a_bad_packs_setting_names_its_line(run, team, setting, message):
    write(team / "retrokit.toml", f"schema = 1\n[plugins]\n{setting}\n")
    result = run("prompts", "--team", str(team))
    assert result.exit_code == 1
    assert result.stderr == f"retrokit: error: {team / 'retrokit.toml'}:3: {message.format(team=team)}\n"


# -- bad packs: one line naming the file and line; only the bad prompt is skipped ---------------------

BAD_PACKS = {
    "unknown-field": (
        ('technique = "surprise-round"', 'techniqe = "surprise-round"'), "techniqe",
        "prompt 'coaching.what-surprised-you' has unknown key 'techniqe' (did you mean 'technique'?); ignored",
        PACK_IDS,
    ),
    "duplicate-id": (
        ('id = "coaching.more-of-from-me"', 'id = "coaching.what-surprised-you"'),
        '[[prompt]]\nid = "coaching.what-surprised-you"\ntext = "What is one',
        f"prompt id 'coaching.what-surprised-you' is already used at line {line_of(PACK, 'id = ') - 1}; this one is skipped",
        {"coaching.what-surprised-you"},
    ),
    "wrong-type": (
        ("max_minutes = 8", "max_minutes = 8.5"), "max_minutes",
        "prompt 'coaching.what-surprised-you' 'max_minutes' must be a whole number from 1 to 120; skipped",
        {"coaching.more-of-from-me"},
    ),
    "wrong-list": (
        ('kinds = ["one-on-one"]', "kinds = 3"), "kinds = 3",
        "prompt 'coaching.more-of-from-me' 'kinds' must be a list, not int; skipped", {"coaching.what-surprised-you"},
    ),
    "wrong-default": (
        ("minutes = 5", 'minutes = "five"'), 'minutes = "five"',
        "prompt 'coaching.what-surprised-you' 'minutes' must be a positive number; skipped",
        {"coaching.more-of-from-me"},  # the other gives its own minutes
    ),
    "bad-value": (
        ('audience = "pair"', 'audience = "duo"'), 'audience = "duo"',
        "prompt 'coaching.more-of-from-me' 'audience' must be one of any, group, pair, not 'duo'; skipped",
        {"coaching.what-surprised-you"},
    ),
    "missing-field": (
        ('phase = "feedback"\n', ""), '[[prompt]]\nid = "coaching.more-of-from-me"',
        "prompt 'coaching.more-of-from-me' has no 'phase'; skipped", {"coaching.what-surprised-you"},
    ),
    "name-mismatch": (
        ('name = "coaching"', 'name = "coach"'), 'name = "coach"',
        "[pack] name 'coach' is not the plugin's name 'coaching' (the file name); using 'coaching'", PACK_IDS,
    ),
    "unknown-pack-key": (
        ("title = ", "titel = "), "titel",
        "[pack] has unknown key 'titel' (did you mean 'title'?); ignored", PACK_IDS,
    ),
    "unknown-default": (
        ("behavior = \"curiosity\"\n", "behaviour = \"curiosity\"\n"), "behaviour",
        "[pack.defaults] has unknown key 'behaviour' (did you mean 'behavior'?); ignored",
        {"coaching.more-of-from-me"},  # and the other prompt has no behaviour now: a second line
    ),
    "unknown-table": (
        ("[[prompt]]\nid = \"coaching.more", "[[prompts]]\nid = \"coaching.more"), "[[prompts]]",
        "unknown table 'prompts' (did you mean 'prompt'?); ignored", {"coaching.what-surprised-you"},
    ),
    "duplicate-behaviour": (
        ('[[prompt]]\nid = "coaching.what', '[[pack.behaviors]]\nname = "curiosity"\ntitle = "Again"\n\n[[prompt]]\nid = "coaching.what'),
        '[[pack.behaviors]]\nname = "curiosity"\ntitle = "Again"',
        f"behavior name 'curiosity' is already used at line {line_of(PACK, '[[pack.behaviors]]')}; this one is skipped",
        PACK_IDS,
    ),
    "prompt-inside-pack": (
        ('description = "Questions our coaches ask in retros and 1:1s."\n',
         'description = "Questions our coaches ask in retros and 1:1s."\nprompt = [{ id = "coaching.lost" }]\n'),
        "prompt = [",
        "[pack] has a key 'prompt': write each prompt as a [[prompt]] table of its own, after the [pack] tables; ignored",
        PACK_IDS,
    ),
    "bad-behaviour": (
        ('name = "curiosity"', 'name = "Curiosity!"'), 'name = "Curiosity!"',
        "behavior 'name' 'Curiosity!' must be lowercase letters, digits and hyphens; skipped", PACK_IDS,
    ),
}


@pytest.mark.parametrize("case", BAD_PACKS, ids=list(BAD_PACKS))
def test_a_bad_prompt_is_one_warning_naming_file_and_line_and_only_it_is_skipped(run, team, case):
    (old, new), needle, message, kept = BAD_PACKS[case]
    text = PACK.replace(old, new, 1)
    pack_file(team).write_text(text, encoding="utf-8")
    result = run("prompts", "--json", "--team", str(team))
    assert result.exit_code == 0
    found = warnings_of(result.stderr)
    assert found[0] == f"{pack_file(team)}:{line_of(text, needle)}: {message}"
    assert len(found) == (2 if case == "unknown-default" else 1), found
    assert {p for p in prompt_ids(result.stdout) if p.startswith("coaching.")} == kept
    strict = run("prompts", "--strict", "--team", str(team))
    assert strict.exit_code == 1 and strict.stderr == f"retrokit: error: {pack_file(team)}:{line_of(text, needle)}: {message} (--strict)\n"


@pytest.mark.parametrize("text, where, reason", [
    pytest.param(PACK.replace("minutes = 4", "minutes = = 4"), "{line}:11", "invalid TOML: Invalid value",
                 id="toml-syntax"),
    pytest.param(PACK[PACK.index("[[prompt]]"):], "1",
                 "not a prompt pack: it needs a [pack] table (title, description) before its [[prompt]] tables",
                 id="no-pack-table"),
    pytest.param(PACK.encode().replace(b"sprint,", b"sprint\xff,"), "{surprised}:{column}", "not valid UTF-8 (byte {byte})",
                 id="not-utf8"),
])
def test_a_pack_that_does_not_read_is_skipped_whole_with_its_line(run, team, text, where, reason):
    data = text if isinstance(text, bytes) else text.encode()
    pack_file(team).write_bytes(data)
    result = run("prompts", "--json", "--team", str(team))
    assert result.exit_code == 0
    bad = data.find(b"\xff")
    where = where.format(line=line_of(PACK, "minutes = 4"), surprised=line_of(PACK, "What surprised"),
                         column=bad - data.rfind(b"\n", 0, bad))
    reason = reason.format(byte=bad)
    [warning] = warnings_of(result.stderr)
    assert warning == f"plugin 'coaching' ({pack_file(team)}) failed to load: {pack_file(team)}:{where}: {reason}; skipped"
    assert not {p for p in prompt_ids(result.stdout) if p.startswith("coaching.")}
    assert "coaching" not in plugin_rows(run("plugins", "--json", "--team", str(team)).stdout)


def test_a_pack_that_needs_a_newer_hook_api_is_skipped(run, team):
    pack_file(team).write_text(PACK.replace('title = "Coaching', 'api = "9.0"\ntitle = "Coaching'), encoding="utf-8")
    result = run("prompts", "--team", str(team))
    [warning] = warnings_of(result.stderr)
    assert warning.startswith(f"plugin 'coaching' ({pack_file(team)}) needs retrokit hook API 9.0, but retrokit ")


# -- a pack is a plugin: disable, doctor, names ----------------------------------------------------------


def test_disable_plugin_switches_a_pack_off(run, team):
    result = run("prompts", "--json", "--team", str(team), "--disable-plugin", "coaching")
    assert result.exit_code == 0 and result.stderr == ""
    assert not PACK_IDS & prompt_ids(result.stdout)
    write(team / "retrokit.toml", 'schema = 1\n[plugins]\ndisabled = ["coaching"]\n')
    assert not PACK_IDS & prompt_ids(run("prompts", "--json", "--team", str(team)).stdout)
    unknown = run("prompts", "--team", str(team), "--disable-plugin", "coachin")
    assert unknown.exit_code == 2 and "unknown plugin 'coachin' (did you mean 'coaching'?)" in unknown.stderr


def test_a_pack_and_a_python_plugin_of_one_name_is_a_warning(run, team):
    write(team / "plugins" / "coaching.py", "RETROKIT_API = '1.0'\n")
    result = run("plugins", "--json", "--team", str(team))
    assert warnings_of(result.stderr) == [
        f"plugin 'coaching' ({pack_file(team)}) has the same name as the one from {(team / 'plugins' / 'coaching.py').resolve()}; skipped"
    ]


def test_doctor_checks_packs(run, team):
    clean = run("doctor", "--json", "--team", str(team))
    assert clean.exit_code == 0 and json.loads(clean.stdout)["problems"] == 0, clean.stdout
    bad = 'minutes = "four"'
    text = PACK.replace("minutes = 4", bad)
    pack_file(team).write_text(text, encoding="utf-8")
    write(team / "prompts" / "empty.toml", '[pack]\ntitle = "Nothing yet"\n')
    write(team / "prompts" / "notes.md", "ideas for prompts\n")
    write(team / "prompts" / "README.md", "Our packs.\n")  # not reported
    result = run("doctor", "--json", "--team", str(team))
    assert result.exit_code == 1
    findings = [(f["severity"], f["check"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    where = f"{pack_file(team)}:{line_of(text, bad)}"
    assert ("problem", "plugins", f"{where}: prompt 'coaching.more-of-from-me' 'minutes' must be a positive number; skipped") in findings
    notes, empty = (team / "prompts" / "notes.md").resolve(), (team / "prompts" / "empty.toml").resolve()
    assert ("notice", "packs", f"{team / 'prompts' / 'notes.md'} is not a prompt pack (a pack is a .toml file); ignored") in findings
    assert ("notice", "packs", f"prompt pack 'empty' ({empty}) contributes no prompts") in findings
    assert not [f for f in findings if "README" in f[2]]
    assert notes.exists()  # doctor changes nothing


# -- the cache: packs are plain data, cached like the built-in plugin files -------------------------------


def run_served(team: Path, cache: Path, *args) -> subprocess.CompletedProcess:
    """The CLI in a subprocess; ``.served`` is "cached" when pluggy (so no plugin and no pack) was loaded."""
    marker = team.parent / "served.txt"
    env = dict(os.environ, RETROKIT_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT / "src"))
    result = subprocess.run([sys.executable, "-c", RUN, str(marker), *args], capture_output=True, text=True,
                            encoding="utf-8", env=env, cwd=team)
    result.served = marker.read_text()
    return result


def test_a_pack_comes_from_the_cache_until_its_file_changes(team, tmp_path):
    cache = tmp_path / "cache"
    first = run_served(team, cache, "prompts", "--json")
    second = run_served(team, cache, "prompts", "--json")
    assert (first.served, second.served) == ("live", "cached")
    assert first.stdout == second.stdout and PACK_IDS <= prompt_ids(second.stdout)
    assert len(list(cache.glob("packs-*.pickle"))) == 1
    pack_file(team).write_text(PACK.replace("What is one thing", "What is the one thing"), encoding="utf-8")
    edited = run_served(team, cache, "prompts", "--json")
    assert edited.served == "live" and "What is the one thing" in edited.stdout
    pack_file(team).write_text(PACK.replace("max_minutes = 8", "max_minutes = 2"), encoding="utf-8")
    for _ in range(2):  # a pack that warns is never cached: its warning shows every time
        warned = run_served(team, cache, "prompts", "--json")
        assert warned.served == "live" and "'max_minutes' 2 is below its 'minutes' 5; skipped" in warned.stderr


# -- installed packs: an entry point naming a .toml file in a package -------------------------------------


@pytest.fixture
def pack_site(tmp_path):
    """A site folder with the distribution retrokit-coaching as an installer lays it out: package
    retrokit_coaching holding coaching.toml, and the entry point ``coaching = retrokit_coaching:coaching.toml``
    (written directly, so a test may change the files)."""
    site = tmp_path / "site"
    write(site / "retrokit_coaching" / "__init__.py", "")
    write(site / "retrokit_coaching" / "coaching.toml", PACK)
    fake_distribution(site, "retrokit-coaching", "1.4.0", "[retrokit]\ncoaching = retrokit_coaching:coaching.toml\n")
    return site


PACK_PROJECT = {
    "pyproject.toml": """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "retrokit-coaching"
version = "1.4.0"

[project.entry-points.retrokit]
coaching = "retrokit_coaching:coaching.toml"

[tool.hatch.build.targets.wheel]
packages = ["src/retrokit_coaching"]
""",
    "src/retrokit_coaching/__init__.py": "",
    "src/retrokit_coaching/coaching.toml": PACK,
}


@pytest.fixture(scope="module")
def built_pack_site(tmp_path_factory):
    """A package that ships PACK, built and pip-installed (offline) into a site folder, as docs/packs.md says."""
    source = tmp_path_factory.mktemp("pack-src")
    for name, text in PACK_PROJECT.items():
        write(source / name, text)
    site = tmp_path_factory.mktemp("pack-site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "--no-input", "--target", str(site), str(source)],
        check=True, capture_output=True, text=True,
    )
    return site


def test_an_installed_pack_loads_through_the_entry_point(installed, built_pack_site, tmp_path):
    pack_site = built_pack_site
    env = {"PYTHONPATH": str(pack_site), "RETROKIT_LOAD_PLUGINS": "coaching", "RETROKIT_CACHE_DIR": str(tmp_path / "c")}
    result = installed("plugins", "--json", cwd=tmp_path, env=env)
    assert result.returncode == 0 and result.stderr == ""
    row = plugin_rows(result.stdout)["coaching"]
    assert (row["source"], row["origin"], row["version"], row["prompts"]) == ("installed", "retrokit-coaching 1.4.0", "1.4.0", 2)
    assert row["pack"]["file"] == str(pack_site / "retrokit_coaching" / "coaching.toml")
    rendered = installed("render", "retro", "--seed", "p", "--behavior", "curiosity", cwd=tmp_path, env=env)
    assert rendered.returncode == 0 and "What surprised you this sprint" in rendered.stdout
    off = installed("prompts", "--json", "--disable-plugin", "coaching", cwd=tmp_path, env=env)
    assert off.returncode == 0 and not PACK_IDS & prompt_ids(off.stdout)


def test_an_installed_pack_in_process_and_its_errors(run, pack_site, monkeypatch):
    monkeypatch.syspath_prepend(str(pack_site))
    monkeypatch.setenv("RETROKIT_LOAD_PLUGINS", "coaching")
    assert PACK_IDS <= prompt_ids(run("prompts", "--json").stdout)
    toml = pack_site / "retrokit_coaching" / "coaching.toml"
    toml.write_text(PACK.replace('name = "coaching"', 'name = "coach"'), encoding="utf-8")
    [warning] = warnings_of(run("prompts", "--json").stderr)
    assert warning.endswith(
        "[pack] name 'coach' is not the plugin's name 'coaching' (the entry point's name); using 'coaching'")
    toml.unlink()
    [warning] = warnings_of(run("prompts", "--json").stderr)
    assert warning == (
        "plugin 'coaching' (retrokit-coaching 1.4.0) failed to load: entry point 'coaching = "
        f"retrokit_coaching:coaching.toml': no pack file {toml}; skipped"
    )


# -- the starter pack ---------------------------------------------------------------------------------------


def test_plugin_new_pack_writes_a_starter_pack_into_the_teams_prompts_folder(run, team, monkeypatch):
    (team / "sub").mkdir()
    monkeypatch.chdir(team / "sub")
    result = run("plugin", "new", "team-habits", "--pack")
    written = team / "prompts" / "team-habits.toml"
    assert result.exit_code == 0 and f"retrokit: wrote {written} (prompt pack 'team-habits')" in result.stderr
    text = written.read_text(encoding="utf-8")
    assert "$" not in text and text.count("\n[[prompt]]\n") == 2
    listed = run("prompts", "--json", "--strict")
    assert listed.exit_code == 0, listed.stderr
    mine = [p for p in json.loads(listed.stdout) if p["plugin"] == "team-habits"]
    assert {p["audience"] for p in mine} == {"group", "pair"} and {p["kinds"][0] for p in mine} == {"retro", "one-on-one"}
    doctor = run("doctor", "--json")
    assert doctor.exit_code == 0 and json.loads(doctor.stdout)["findings"] == [], doctor.stdout
    again = run("plugin", "new", "team-habits", "--pack")
    assert again.exit_code == 1 and again.stderr == f"retrokit: error: {written} already exists; use --force to overwrite it\n"
    written.write_text("changed", encoding="utf-8")
    assert run("plugin", "new", "team-habits", "--pack", "--force").exit_code == 0
    assert written.read_text(encoding="utf-8") == text


def test_plugin_new_pack_outside_a_team_and_with_dir(run, isolated, tmp_path):
    result = run("plugin", "new", "coaching", "--pack")
    assert result.exit_code == 0 and (isolated / "coaching.toml").is_file()
    assert "move it into a team's prompts/ folder" in result.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert run("plugin", "new", "coaching", "--pack", "--dir", str(elsewhere)).exit_code == 0
    assert (elsewhere / "coaching.toml").read_text() == (isolated / "coaching.toml").read_text()
    reserved = run("plugin", "new", "listening", "--pack")
    assert reserved.exit_code == 2 and "a built-in plugin has that name" in reserved.stderr


# -- docs/packs.md ------------------------------------------------------------------------------------------


def toml_blocks(text: str) -> list[str]:
    return re.findall(r"```toml\n(.*?)```", text, re.S)


def test_the_docs_example_pack_loads_cleanly_and_lists_every_field(run, team):
    from retrokit.host.pack_file import BEHAVIOR_KEYS, PACK_KEYS, PROMPT_KEYS

    doc = (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")
    [example] = [block for block in toml_blocks(doc) if block.startswith("[pack]")]
    pack_file(team).write_text(example, encoding="utf-8")
    result = run("prompts", "--json", "--strict", "--team", str(team))
    assert result.exit_code == 0, result.stderr
    assert any(p["plugin"] == "coaching" for p in json.loads(result.stdout))
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", doc, re.M))
    assert documented == {f"pack.{k}" for k in PACK_KEYS} | set(PROMPT_KEYS) | {f"behaviors.{k}" for k in BEHAVIOR_KEYS}


def test_a_pack_can_replace_a_built_in_prompt_and_doctor_notes_it(run, team):
    from test_doctor import BUILTIN_PROMPT

    text = PACK.replace('id = "coaching.what-surprised-you"', f'id = "{BUILTIN_PROMPT}"')
    pack_file(team).write_text(text, encoding="utf-8")
    listed = {p["id"]: p for p in json.loads(run("prompts", "--json", "--team", str(team)).stdout)}
    assert listed[BUILTIN_PROMPT]["plugin"] == "coaching"
    findings = json.loads(run("doctor", "--json", "--team", str(team)).stdout)["findings"]
    assert {"severity": "notice", "check": "prompts", "message":
            f"plugin 'coaching' ({pack_file(team)}) overrides built-in prompt '{BUILTIN_PROMPT}' from plugin 'listening'"} in findings


NO_PACKS = """
import sys
sys.argv = ["retrokit", "render", "retro", "--seed", "s"]
from retrokit.cli import main
try:
    main()
finally:
    print(sorted(name for name in sys.modules if name.startswith("retrokit.host.pack")), file=sys.stderr)
"""


def test_a_team_without_packs_never_imports_the_pack_modules(tmp_path):
    team = tmp_path / "plain"
    write(team / "retrokit.toml", "schema = 1\n")
    env = dict(os.environ, RETROKIT_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", NO_PACKS], capture_output=True, text=True, cwd=team, env=env)
    assert done.returncode == 0 and "## " in done.stdout
    assert done.stderr.splitlines()[-1] == "[]"
