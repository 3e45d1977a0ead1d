"""The meeting's context (hook API 1.2): --context TAG, [context] tags in retrokit.toml and the kind's own
context; the tags plugins declare; a tag a prompt needs that nobody declares; doctor's prompt checks."""

from __future__ import annotations

import json
import shlex
import textwrap
from pathlib import Path

import pytest

BUILT_IN = ["cross-team", "dashboards", "hybrid", "in-person", "incident", "remote"]


def plugin(folder: Path, name: str, source: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.py").write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    return folder


def team(folder: Path, toml: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "retrokit.toml").write_text(textwrap.dedent(toml).lstrip(), encoding="utf-8")
    return folder


def agenda_json(run, *args) -> dict:
    result = run("render", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


UNDECLARED = """
    from retrokit import hookimpl


    @hookimpl
    def retrokit_prompts():
        return [{"id": "odd.outage", "text": "What did the outage teach us?", "behavior": "listening",
                 "kinds": ["retro"], "phase": "gather", "minutes": 5, "needs": ["outage"]}]
    """


# -- the tags ------------------------------------------------------------------------------------------


def test_the_built_in_tags_are_declared_with_descriptions(retrokit_session):
    tags = retrokit_session().catalog.context_tags
    assert sorted(tags) == BUILT_IN
    assert all(tag.plugin == "context-tags" and tag.description.endswith(".") for tag in tags.values())


def test_an_unknown_tag_is_a_usage_error_listing_the_known_ones(run):
    result = run("render", "retro", "--context", "remote", "--context", "incidnet")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "retrokit: error: unknown context tag 'incidnet' (did you mean 'incident'?); known: "
        f"{', '.join(BUILT_IN)} (see 'retrokit render --help')\n"
    )


def test_a_malformed_tag_from_a_plugin_is_skipped_with_a_warning(run, tmp_path):
    folder = plugin(tmp_path / "p", "bad_tags", """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_context_tags():
            return [{"name": "On Call"}, {"name": "pager", "colour": "red"}, {"name": "ok", "description": "Fine."}]
        """)
    result = run("render", "retro", "--plugins-dir", str(folder), "--seed", "1", "--context", "ok")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "retrokit: warning: plugin 'bad-tags' retrokit_context_tags item #1 ('On Call'): context tag 'name' "
        "'On Call' must be lowercase letters, digits and hyphens; skipped",
        "retrokit: warning: plugin 'bad-tags' retrokit_context_tags item #2 ('pager'): context tag has unknown "
        "key 'colour' (known: description, name); skipped",
    ]


# -- where the context comes from -----------------------------------------------------------------------


def test_context_options_reach_the_agenda_and_the_regenerate_command(run):
    agenda = agenda_json(run, "retro", "--seed", "s1", "--context", "remote", "--context", "incident",
                         "--context", "remote")
    assert agenda["context"] == ["incident", "remote"]
    assert agenda["command"] == (
        f"retrokit render retro --seed s1 --plan {agenda['plan']} --context incident --context remote --format json"
    )
    plain = agenda_json(run, "retro", "--seed", "s1")
    assert plain["context"] == [] and "--context" not in plain["command"]


def test_the_printed_command_reproduces_the_agenda(run, tmp_path):
    folder = team(tmp_path / "team", '[context]\ntags = ["dashboards"]\n')
    first = run("render", "retro", "--seed", "s2", "--context", "remote", "--team", str(folder))
    assert first.exit_code == 0, first.stderr
    command = next(line for line in first.stdout.splitlines() if "regenerate with" in line)
    command = command.split("regenerate with `", 1)[1].rstrip("`")
    assert "--context dashboards --context remote" in command
    again = run(*shlex.split(command)[1:])
    assert again.stdout == first.stdout


def test_the_teams_tags_add_to_the_options(run, tmp_path):
    folder = team(tmp_path / "team", """
        [team]
        name = "Ops"

        [context]
        tags = ["remote", "dashboards", "remote"]
        """)
    assert agenda_json(run, "retro", "--team", str(folder), "--seed", "1")["context"] == ["dashboards", "remote"]
    both = agenda_json(run, "retro", "--team", str(folder), "--seed", "1", "--context", "incident")
    assert both["context"] == ["dashboards", "incident", "remote"]


@pytest.mark.parametrize(
    "value,line",
    [('"remote"', 4), ('["Remote"]', 4), ("[1]", 4), ('["remote", ""]', 4)],
)
def test_bad_context_config_names_the_file_and_line(run, tmp_path, value, line):
    folder = team(tmp_path / "team", f'[team]\nname = "Ops"\n[context]\ntags = {value}\n')
    result = run("render", "retro", "--team", str(folder))
    assert result.exit_code == 1
    assert result.stderr == (
        f"retrokit: error: {folder / 'retrokit.toml'}:{line}: context.tags must be a list of context tags "
        '(lowercase letters, digits and hyphens), like ["remote", "dashboards"]\n'
    )


def test_an_unknown_tag_in_the_config_names_its_line(run, tmp_path):
    folder = team(tmp_path / "team", '[team]\nname = "Ops"\n\n[context]\ntags = ["remote", "incidents"]\n')
    result = run("render", "retro", "--team", str(folder))
    assert result.exit_code == 1
    assert result.stderr == (
        f"retrokit: error: {folder / 'retrokit.toml'}:5: context.tags: unknown context tag 'incidents' "
        f"(did you mean 'incident'?); known: {', '.join(BUILT_IN)}\n"
    )


def test_an_unknown_config_key_in_context_is_a_did_you_mean_warning(run, tmp_path):
    folder = team(tmp_path / "team", '[context]\ntag = ["remote"]\n')
    result = run("render", "retro", "--team", str(folder), "--seed", "1")
    assert result.exit_code == 0
    assert result.stderr == (
        f"retrokit: warning: {folder / 'retrokit.toml'}:2: unknown key 'context.tag' (did you mean 'tags'?); ignored\n"
    )


def test_the_kinds_own_context_is_in_the_agenda_but_not_in_the_command(run, tmp_path):
    folder = plugin(tmp_path / "p", "review", """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_meeting_kinds():
            return [{"name": "incident-review", "title": "Incident review", "default_minutes": 30,
                     "prompt_kinds": ["retro"], "context": ["incident"],
                     "sections": [{"id": "look", "title": "Look back", "phases": ["gather"]}]}]
        """)
    agenda = agenda_json(run, "incident-review", "--plugins-dir", str(folder), "--seed", "1", "--context", "remote")
    assert agenda["context"] == ["incident", "remote"]
    assert "--context incident" not in agenda["command"] and "--context remote" in agenda["command"]


def test_publish_takes_context_for_a_kind_only(run, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n", encoding="utf-8")
    result = run("publish", "notion", str(notes), "--page", "0123456789abcdef0123456789abcdef", "--context", "remote",
                 "--dry-run")
    assert result.exit_code == 2
    assert "--context applies only when SOURCE is a meeting kind, not a file" in result.stderr


def test_the_testing_fixture_takes_a_context(retrokit_render):
    assert retrokit_render("retro", context=["cross-team"]).agenda.context == ["cross-team"]


# -- a tag nobody declares -----------------------------------------------------------------------------


def test_a_tag_no_plugin_declares_is_one_warning_and_still_known(run, tmp_path):
    folder = plugin(tmp_path / "p", "odd", UNDECLARED)
    result = run("render", "retro", "--plugins-dir", str(folder), "--seed", "1", "--context", "outage")
    assert result.exit_code == 0
    assert result.stderr == (
        "retrokit: warning: plugin 'odd' prompt 'odd.outage' needs context tag 'outage', which no plugin declares "
        "(declare it with retrokit_context_tags)\n"
    )
    assert "--context outage" in result.stdout
    strict = run("render", "retro", "--plugins-dir", str(folder), "--seed", "1", "--strict")
    assert strict.exit_code == 1 and strict.stdout == ""
    assert strict.stderr.endswith("(declare it with retrokit_context_tags) (--strict)\n")


def test_a_kind_implying_an_undeclared_tag_is_a_warning(run, tmp_path):
    folder = plugin(tmp_path / "p", "review", """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_meeting_kinds():
            return [{"name": "pager-review", "title": "Pager review", "default_minutes": 30, "prompt_kinds": ["retro"],
                     "context": ["pager", "incidnet"], "sections": [{"id": "look", "title": "Look", "phases": ["gather"]}]}]
        """)
    result = run("render", "pager-review", "--plugins-dir", str(folder), "--seed", "1")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] + "\n" == (
        "retrokit: warning: plugin 'review' meeting kind 'pager-review' implies context tags 'incidnet' (did you mean "
        "'incident'?), 'pager', which no plugin declares (declare them with retrokit_context_tags)\n"
    )


# -- doctor ----------------------------------------------------------------------------------------------


def test_doctor_reports_undeclared_tags_and_prompts_nothing_can_draw(run, tmp_path):
    folder = plugin(tmp_path / "p", "odd", """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_prompts():
            base = {"behavior": "listening", "kinds": ["retro"], "phase": "gather", "minutes": 5}
            return [
                {**base, "id": "odd.outage", "text": "What did the outage teach us?", "needs": ["outage"]},
                {**base, "id": "odd.pair", "text": "How are you, really?", "audience": "pair"},
                {**base, "id": "odd.group", "text": "Pairs swap notes.", "audience": "group", "kinds": ["one-on-one"]},
                {**base, "id": "odd.phase", "text": "What grows?", "phase": "growth"},
                {**base, "id": "odd.nokind", "text": "Stand up?", "kinds": ["standup"]},
            ]
        """)
    result = run("doctor", "--json", "--plugins-dir", str(folder))
    assert result.exit_code == 1
    findings = [(f["severity"], f["check"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert [f for f in findings if f[1] == "prompts"] == [
        ("problem", "prompts", "plugin 'odd' prompt 'odd.outage' needs context tag 'outage', which no plugin "
                               "declares (declare it with retrokit_context_tags)"),
        ("problem", "prompts", "prompt 'odd.pair' (plugin 'odd') is for a pair (a 1:1), but the meeting kinds that "
                               "take it (health-check, retro) are not; it is never drawn (change its audience or kinds)"),
        ("problem", "prompts", "prompt 'odd.group' (plugin 'odd') is for a group (three or more people), but the "
                               "meeting kinds that take it (one-on-one) are not; it is never drawn (change its "
                               "audience or kinds)"),
        ("problem", "prompts", "prompt 'odd.phase' (plugin 'odd') has phase 'growth', which no section of "
                               "health-check, retro takes; it is never drawn"),
        ("notice", "prompts", "prompt 'odd.nokind' (plugin 'odd') is for meeting kinds standup, which no loaded "
                              "meeting kind takes; it is never drawn"),
    ]


def test_doctor_finds_nothing_to_say_about_the_built_in_prompts(run):
    result = run("doctor", "--json")
    assert [f for f in json.loads(result.stdout)["findings"] if f["check"] in ("prompts", "tags")] == []


def test_two_team_plugins_declaring_one_tag_is_a_doctor_problem(run, tmp_path):
    source = """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_context_tags():
            return [{"name": "pager", "description": "Someone was paged."}]
        """
    folder = plugin(plugin(tmp_path / "p", "first", source), "second", source)
    findings = json.loads(run("doctor", "--json", "--plugins-dir", str(folder)).stdout)["findings"]
    assert [f["message"] for f in findings if f["check"] == "tags"] == [
        f"context tag 'pager' is defined by plugins 'first' ({folder / 'first.py'}) and 'second' "
        f"({folder / 'second.py'}); 'second' wins only because it loads last"
    ]


def test_init_writes_a_commented_example_that_works_uncommented(run, isolated):
    assert run("init", "--name", "Ops", "--member", "Ana").exit_code == 0
    path = isolated / "retrokit.toml"
    text = path.read_text(encoding="utf-8")
    assert "# [context]\n# tags = [\"remote\"]\n" in text
    assert agenda_json(run, "retro", "--seed", "1")["context"] == []  # commented out: no context
    path.write_text(text.replace("# [context]\n# tags", "[context]\ntags"), encoding="utf-8")
    assert agenda_json(run, "retro", "--seed", "1")["context"] == ["remote"]
