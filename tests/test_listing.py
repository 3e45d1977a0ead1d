"""`retrokit prompts`, `retrokit plugins`, `--version` and the help of every command."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib.metadata import version

import pytest

FAMILIES = {
    "listening", "validation", "reflecting", "perspective-taking", "support", "follow-up",
    "safety", "well-being", "shared-metrics", "partnership", "inclusion", "candour", "warm-ups",
}
PROMPT_KEYS = {"id", "text", "behavior", "kinds", "phase", "minutes", "note", "plugin"}
COMMANDS = ["render", "prompts", "plugins"]

TEAM_PLUGIN = '''
from retrokit import hookimpl

__version__ = "2.3.4"


@hookimpl
def retrokit_prompts():
    return [
        {"id": "kudos.thank-you-round", "text": "Each person thanks one teammate for something specific.",
         "behavior": "validation", "kinds": ["retro"], "phase": "close", "minutes": 3},
        {"id": "kudos.unsung-work", "text": "What work of yours went unseen this month?",
         "behavior": "kudos", "kinds": ["one-on-one"], "phase": "growth", "minutes": 4, "note": "Just listen."},
    ]
'''


# -- helpers ------------------------------------------------------------------------------------------


def usage(text: str) -> str:
    """The usage line of a help text, without the program name (click's runner calls it 'cli')."""
    first = text.splitlines()[0]
    assert first.startswith("Usage: ")
    return first.split(" ", 2)[2]


def output(result) -> str:
    """stdout of a successful listing: exit 0 and nothing on stderr."""
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def prompts_json(run, *args) -> list[dict]:
    return json.loads(output(run("prompts", "--json", *args)))


def plugins_json(run, *args) -> dict[str, dict]:
    return {row["name"]: row for row in json.loads(output(run("plugins", "--json", *args)))}


def team_plugins(tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir(parents=True)
    (folder / "kudos.py").write_text(TEAM_PLUGIN, encoding="utf-8")
    return folder


@pytest.fixture
def library(run):
    return prompts_json(run)


# -- prompts ---------------------------------------------------------------------------------------------


def test_prompts_json_is_a_list_of_complete_prompt_objects(library):
    assert isinstance(library, list)
    for prompt in library:
        assert PROMPT_KEYS <= set(prompt), prompt
        assert isinstance(prompt["id"], str) and isinstance(prompt["text"], str) and prompt["text"]
        assert isinstance(prompt["kinds"], list) and set(prompt["kinds"]) <= {"retro", "one-on-one"}
        assert isinstance(prompt["minutes"], int) and 1 <= prompt["minutes"] <= 120
        assert isinstance(prompt["note"], str)
        assert prompt["plugin"] == prompt["behavior"]  # each family is its own plugin
    assert len({p["id"] for p in library}) == len(library)


def test_the_library_holds_200_prompts_and_20_per_family(library):
    per_family = Counter(p["behavior"] for p in library)
    assert set(per_family) == FAMILIES
    assert min(per_family.values()) >= 20
    assert len(library) >= 200


def test_prompts_text_lists_every_prompt_and_counts_them(run, library):
    lines = output(run("prompts")).splitlines()
    assert lines[-1] == f"{len(library)} prompts"
    by_id = {p["id"]: p for p in library}
    body = [line for line in lines[:-1] if not line.startswith(("    prepare: ", "    source: "))]
    assert len(body) == 2 * len(library)
    for header, text in zip(body[::2], body[1::2]):
        pid = header.split("  [", 1)[0]
        p = by_id[pid]
        minutes = f"{p['minutes']}-{p['max_minutes']}" if p["max_minutes"] > p["minutes"] else p["minutes"]
        shown = [p["behavior"], p["phase"], f"{minutes} min", ", ".join(p["kinds"])]
        shown += [f"for a {p['audience']}"] if p["audience"] != "any" else []
        shown += [p["technique"]] if p["technique"] else []
        shown += [f"needs {', '.join(p['needs'])}"] if p["needs"] else []
        assert header == f"{pid}  [{' · '.join(shown)}]"
        assert text == f"    {p['text']}"


def test_prompts_text_and_json_list_the_same_prompts_in_the_same_order(run, library):
    headers = [line for line in output(run("prompts")).splitlines()[:-1] if not line.startswith("    ")]
    assert [h.split("  [", 1)[0] for h in headers] == [p["id"] for p in library]


@pytest.mark.parametrize(
    "args,keep",
    [
        (("--behavior", "validation"), lambda p: p["behavior"] == "validation"),
        (("-b", "listening", "-b", "follow-up"), lambda p: p["behavior"] in {"listening", "follow-up"}),
        (("--kind", "one-on-one"), lambda p: "one-on-one" in p["kinds"]),
        (("-k", "retro"), lambda p: "retro" in p["kinds"]),
        (("--phase", "close"), lambda p: p["phase"] == "close"),
        (("--phase", "growth", "--phase", "feedback"), lambda p: p["phase"] in {"growth", "feedback"}),
        (
            ("-b", "validation", "-k", "retro", "--phase", "check-in"),
            lambda p: p["behavior"] == "validation" and "retro" in p["kinds"] and p["phase"] == "check-in",
        ),
    ],
)
def test_prompt_filters_select_exactly_the_matching_prompts(run, library, args, keep):
    selected = prompts_json(run, *args)
    assert selected == [p for p in library if keep(p)]
    assert selected  # every filter above matches something
    assert output(run("prompts", *args)).splitlines()[-1] == f"{len(selected)} prompts"


def test_filters_that_match_nothing_give_an_empty_list(run):
    assert prompts_json(run, "-b", "shared-metrics", "--phase", "feedback", "-k", "retro") == []
    assert output(run("prompts", "-b", "shared-metrics", "--phase", "feedback", "-k", "retro")) == "0 prompts\n"


def test_an_unknown_phase_is_a_usage_error_that_suggests_the_known_one(run):
    result = run("prompts", "--phase", "insigt")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("retrokit: error: unknown phase 'insigt' (did you mean 'insight'?); known: ")
    assert len(result.stderr.splitlines()) == 1


def test_prompts_from_a_plugin_folder_are_listed_with_their_plugin(run, library, tmp_path):
    extended = prompts_json(run, "--plugins-dir", str(team_plugins(tmp_path)))
    added = {p["id"]: p for p in extended if p["plugin"] == "kudos"}
    assert set(added) == {"kudos.thank-you-round", "kudos.unsung-work"}
    assert added["kudos.unsung-work"] == {
        "id": "kudos.unsung-work",
        "text": "What work of yours went unseen this month?",
        "behavior": "kudos",
        "kinds": ["one-on-one"],
        "phase": "growth",
        "minutes": 4,
        "note": "Just listen.",
        "plugin": "kudos",
        "audience": "any", "needs": [], "max_minutes": 6, "technique": "", "prepare": "", "source": "",
    }
    assert added["kudos.thank-you-round"]["note"] == ""
    assert len(extended) == len(library) + 2
    # a behaviour a plugin brings becomes a filter value
    only = prompts_json(run, "--plugins-dir", str(team_plugins(tmp_path / "again")), "-b", "kudos")
    assert [p["id"] for p in only] == ["kudos.unsung-work"]


def test_a_disabled_family_leaves_the_listing(run, library):
    remaining = prompts_json(run, "--disable-plugin", "shared-metrics")
    assert remaining == [p for p in library if p["behavior"] != "shared-metrics"]


# -- plugins ---------------------------------------------------------------------------------------------


def test_plugins_json_describes_every_built_in_plugin(run, library):
    rows = plugins_json(run)
    assert set(rows) == FAMILIES | {"meeting-kinds", "formats", "context-tags", "languages", "health-check"}
    counts = Counter(p["plugin"] for p in library)
    for name, row in rows.items():
        assert {"name", "version", "hooks", "prompts"} <= set(row)
        assert row["name"] == name
        assert row["version"] == version("retrokit")
        assert row["source"] == "built-in"
        assert row["prompts"] == counts.get(name, 0)
        assert row["hooks"] == sorted(row["hooks"]) and all(h.startswith("retrokit_") for h in row["hooks"])
    for family in FAMILIES - {"shared-metrics"}:
        assert rows[family]["hooks"] == ["retrokit_behaviors", "retrokit_prompts"]
    assert rows["shared-metrics"]["hooks"] == ["retrokit_behaviors", "retrokit_metric_rules", "retrokit_prompts"]
    assert rows["meeting-kinds"]["kinds"] == ["one-on-one", "retro"]
    assert rows["meeting-kinds"]["hooks"] == ["retrokit_meeting_kinds"]
    assert rows["formats"]["formats"] == ["confluence", "html", "json", "markdown", "notion"]
    assert rows["formats"]["hooks"] == ["retrokit_formats"]
    assert rows["context-tags"]["tags"] == ["cross-team", "dashboards", "hybrid", "in-person", "incident", "remote"]
    assert rows["languages"]["hooks"] == ["retrokit_translations"]
    assert rows["context-tags"]["hooks"] == ["retrokit_context_tags"]
    assert rows["health-check"]["kinds"] == ["health-check"]


def test_plugins_json_lists_a_folder_plugin_with_its_version_and_prompt_count(run, tmp_path):
    folder = team_plugins(tmp_path)
    row = plugins_json(run, "--plugins-dir", str(folder))["kudos"]
    assert row["source"] == "folder"
    assert row["version"] == "2.3.4"
    assert row["hooks"] == ["retrokit_prompts"]
    assert row["prompts"] == 2
    assert row["origin"] == str(folder / "kudos.py")


def test_plugins_text_has_one_line_per_plugin(run, library, tmp_path):
    validation = sum(p["behavior"] == "validation" for p in library)
    lines = output(run("plugins", "--plugins-dir", str(team_plugins(tmp_path)))).splitlines()
    rows = {line.split()[0]: line for line in lines}
    assert len(lines) == len(rows) == len(FAMILIES) + 6  # meeting-kinds, formats, context-tags, languages, health-check, kudos
    assert re.fullmatch(rf"validation +0\.1\.0 +built-in +{validation} prompts +\(behaviors, prompts\)", rows["validation"])
    assert re.fullmatch(r"meeting-kinds +\S+ +built-in +kinds: one-on-one, retro +\(meeting_kinds\)", rows["meeting-kinds"])
    assert re.fullmatch(
        r"formats +\S+ +built-in +formats: confluence, html, json, markdown, notion +\(formats\)", rows["formats"]
    )
    assert re.fullmatch(r"kudos +2\.3\.4 +folder +2 prompts +\(prompts\)", rows["kudos"])
    assert re.fullmatch(
        r"context-tags +\S+ +built-in +context tags: cross-team, dashboards, hybrid, in-person, incident, remote +\(context_tags\)",
        rows["context-tags"],
    )


def test_a_disabled_plugin_is_not_listed(run):
    assert "shared-metrics" not in plugins_json(run, "--disable-plugin", "shared-metrics")
    assert "shared-metrics" not in output(run("plugins", "--disable-plugin", "Shared_Metrics"))


# -- version and help ------------------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(run, flag):
    assert output(run(flag)) == f"retrokit, version {version('retrokit')}\n"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_top_level_help_lists_the_commands(run, flag):
    text = output(run(flag))
    assert usage(text) == "[OPTIONS] COMMAND [ARGS]..."
    listed = re.findall(r"^  (\w[\w-]*) ", text.split("Commands:\n", 1)[1], re.MULTILINE)
    assert set(COMMANDS) <= set(listed)
    assert "-h, --help" in text and "-V, --version" in text


@pytest.mark.parametrize("flag", ["--help", "-h"])
@pytest.mark.parametrize(
    "command,line,options",
    [
        (
            "render",
            "render [OPTIONS] KIND",
            ["--minutes", "--seed", "--format", "--output", "--behavior", "--exclude-behavior", "--title",
             "--context", "--team", "--plugins-dir", "--disable-plugin"],
        ),
        ("prompts", "prompts [OPTIONS]", ["--behavior", "--kind", "--phase", "--search", "--context", "--audience", "--json"]),
        ("plugins", "plugins [OPTIONS]", ["--json", "--plugins-dir", "--disable-plugin"]),
    ],
)
def test_every_command_has_help(run, command, line, options, flag):
    text = output(run(command, flag))
    assert usage(text) == line
    for option in options + ["-h, --help"]:
        assert option in text


def test_help_wins_over_a_broken_command_line(run):
    """--help answers even when the rest of the line would be an error."""
    text = output(run("render", "no-such-kind", "--minutes", "0", "--help"))
    assert usage(text) == "render [OPTIONS] KIND"


def test_the_installed_command_names_itself_retrokit_in_its_help(installed):
    expected = {
        ("-h",): "Usage: retrokit [OPTIONS] COMMAND [ARGS]...",
        ("render", "-h"): "Usage: retrokit render [OPTIONS] KIND",
    }
    for args, line in expected.items():
        result = installed(*args)
        assert result.returncode == 0 and result.stderr == ""
        assert result.stdout.splitlines()[0] == line


def test_listings_pipe_cleanly_from_the_installed_command(installed):
    result = installed("prompts", "--json", "-k", "one-on-one")
    assert result.returncode == 0 and result.stderr == ""
    assert all("one-on-one" in p["kinds"] for p in json.loads(result.stdout))
    result = installed("plugins", "--json")
    assert result.returncode == 0 and result.stderr == ""
    assert {row["name"] for row in json.loads(result.stdout)} == FAMILIES | {"meeting-kinds", "formats", "context-tags", "languages", "health-check"}
