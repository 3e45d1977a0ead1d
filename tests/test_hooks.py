"""One test per hook, named test_hook_<hook> (tests/test_plugin_docs.py checks that every hook has one),
each through what a user sees: a team plugin in a folder and the ``retrokit`` command. Then the hook API
version check and the adjust hook's safety rules."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from retrokit import __version__, hookspecs


def plugin(folder: Path, name: str, source: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    return folder


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("## ")]


BEHAVIOR_AND_PROMPT = """
    from retrokit import hookimpl


    @hookimpl
    def retrokit_behaviors():
        return [{"name": "appreciation", "title": "Appreciation", "description": "Naming unseen help."}]


    @hookimpl
    def retrokit_prompts():
        return [{"id": "thanks.unseen-help", "text": "Whose help did not show up on any board?",
                 "behavior": "appreciation", "kinds": ["retro"], "phase": "close", "minutes": 4,
                 "note": "Ask what the help made possible."}]
    """


def test_hook_retrokit_behaviors(run, tmp_path):
    folder = plugin(tmp_path / "p", "thanks", BEHAVIOR_AND_PROMPT)
    result = run("render", "retro", "--plugins-dir", str(folder), "--behavior", "appreciation", "--seed", "1")
    assert result.exit_code == 0, result.stderr
    item = next(line for line in result.stdout.splitlines() if "Whose help" in line)
    assert item.startswith("- **Appreciation · ") and item.endswith(" min:** Whose help did not show up on any board?")
    assert "Follow-up, Appreciation" in result.stdout.splitlines()[-1]  # focus behaviours follow the core ones


def test_hook_retrokit_prompts(run, tmp_path):
    folder = plugin(tmp_path / "p", "thanks", BEHAVIOR_AND_PROMPT)
    listed = run("prompts", "--json", "--plugins-dir", str(folder), "--behavior", "appreciation")
    assert json.loads(listed.stdout) == [{
        "id": "thanks.unseen-help", "text": "Whose help did not show up on any board?", "behavior": "appreciation",
        "kinds": ["retro"], "phase": "close", "minutes": 4, "note": "Ask what the help made possible.",
        "plugin": "thanks",
        # hook API 1.2 metadata, at its defaults for a prompt that does not give it
        "audience": "any", "needs": [], "max_minutes": 6, "technique": "", "prepare": "", "source": "",
    }]


def test_hook_retrokit_meeting_kinds(run, tmp_path):
    folder = plugin(tmp_path / "p", "health", """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_meeting_kinds():
            return [{"name": "health-check", "title": "Team health check", "default_minutes": 30,
                     "prompt_kinds": ["retro"],
                     "sections": [{"id": "arrive", "title": "Arrive", "phases": ["check-in"], "max_items": 1},
                                  {"id": "look", "title": "How it feels", "phases": ["gather"], "weight": 3}]}]
        """)
    result = run("render", "health-check", "--plugins-dir", str(folder), "--seed", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Team health check\n")
    assert [h.rsplit(" · ", 1)[0] for h in headings(result.stdout)] == ["## Arrive", "## How it feels"]


def test_hook_retrokit_formats(run, tmp_path):
    folder = plugin(tmp_path / "p", "shout", """
        from retrokit import hookimpl


        def render(request):
            request.lose("quiet text")
            return request.markdown.upper()


        @hookimpl
        def retrokit_formats():
            return [{"name": "shout", "render": render, "extension": "txt"}]
        """)
    result = run("render", "retro", "--plugins-dir", str(folder), "--format", "shout", "--seed", "1")
    assert result.exit_code == 0
    assert result.stdout.startswith("# RETROSPECTIVE")
    assert result.stderr == "retrokit: warning: shout: quiet text\n"


def test_hook_retrokit_metric_rules(run, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text('[metrics]\nfile = "metrics.toml"\n', encoding="utf-8")
    (team / "metrics.toml").write_text(
        '[[metric]]\nname = "Build time"\nvalue = 14\nbetter = "lower"\nunit = "min"\n', encoding="utf-8"
    )
    plugin(team / "plugins", "builds", """
        from retrokit import hookimpl


        def slow_build(metric):
            if metric.value > 10:
                return f"{metric.name} is {metric.show()}. Who waits on it most, and when?"
            return None


        @hookimpl
        def retrokit_metric_rules():
            return [slow_build]
        """)
    result = run("render", "retro", "--team", str(team), "--seed", "1")
    assert result.exit_code == 0, result.stderr
    assert "Build time is 14 min. Who waits on it most, and when?" in result.stdout


def test_hook_retrokit_template_dirs(run, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "retro.md.j2").write_text(
        '{% extends "default:retro.md.j2" %}\n{% block closing %}*Thanks for coming.*\n\n{% endblock %}\n',
        encoding="utf-8",
    )
    folder = plugin(tmp_path / "p", "closing", f"""
        from retrokit import hookimpl


        @hookimpl
        def retrokit_template_dirs():
            return [{str(templates)!r}]
        """)
    result = run("render", "retro", "--plugins-dir", str(folder), "--seed", "1")
    assert result.exit_code == 0, result.stderr
    assert "*Thanks for coming.*\n\n---\n" in result.stdout


def test_hook_retrokit_register_commands(installed, tmp_path):
    folder = plugin(tmp_path / "p", "icebreaker", """
        import click

        from retrokit import hookimpl


        @hookimpl
        def retrokit_register_commands(cli):
            @cli.command(name="icebreaker")
            def icebreaker():
                \"\"\"Print one check-in question.\"\"\"
                click.echo("What was the best part of your week so far?")
        """)
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text(f'[plugins]\nfolder = {str(folder)!r}\n', encoding="utf-8")
    result = installed("icebreaker", cwd=team)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "What was the best part of your week so far?\n", ""
    )


ADJUSTER = """
    from retrokit import hookimpl
    from retrokit.model import AgendaItem, AgendaSection


    @hookimpl
    def retrokit_adjust_agenda(agenda, meeting, prompts, behaviors, config):
        settings = config.plugin_settings("warm_up")
        minutes = settings.get("minutes", 5)
        prompt = sorted((p for p in prompts.values() if p.behavior == "listening"), key=lambda p: p.id)[0]
        item = AgendaItem.from_prompt(prompt, behaviors, minutes)
        agenda.sections.insert(0, AgendaSection("warm-up", "Warm-up for " + meeting.title, minutes, items=[item]))
        for section in agenda.sections:
            if section.id == "decide-what-to-do":
                section.items.clear()  # dropped: the section becomes open discussion
    """


def test_hook_retrokit_adjust_agenda(run, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text("[plugin.warm-up]\nminutes = 6\n", encoding="utf-8")
    plugin(team / "plugins", "warm_up", ADJUSTER)
    plain = run("render", "retro", "--seed", "1", "--disable-plugin", "warm-up", "--team", str(team))
    result = run("render", "retro", "--seed", "1", "--team", str(team))
    assert result.exit_code == 0
    assert result.stderr == "retrokit: note: plugin 'warm-up' changed the meeting from 60 to 66 minutes\n"
    assert headings(result.stdout)[0] == "## Warm-up for Retrospective · 6 min"
    assert headings(result.stdout)[1:] == headings(plain.stdout)
    assert "> 66 min · seed `1`" in result.stdout
    decide = result.stdout.split("## Decide")[1].split("## ")[0]
    assert "- Open discussion." in decide
    assert "- Open discussion." not in plain.stdout.split("## Decide")[1].split("## ")[0]



def test_hook_retrokit_context_tags(run, tmp_path):
    folder = plugin(tmp_path / "p", "oncall", """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_context_tags():
            return [{"name": "on-call-handover", "description": "The person coming off on-call is here."}]


        @hookimpl
        def retrokit_prompts():
            return [{"id": "oncall.handover", "text": "What did the last on-call week leave behind?",
                     "behavior": "follow-up", "kinds": ["retro"], "phase": "gather", "minutes": 5,
                     "needs": ["on-call-handover"]}]
        """)
    rows = {row["name"]: row for row in json.loads(run("plugins", "--json", "--plugins-dir", str(folder)).stdout)}
    assert rows["oncall"]["tags"] == ["on-call-handover"] and rows["oncall"]["hooks"] == [
        "retrokit_context_tags", "retrokit_prompts"]
    result = run("render", "retro", "--plugins-dir", str(folder), "--context", "on-call-handover", "--seed", "1",
                 "--strict", "--format", "json")
    assert result.exit_code == 0, result.stderr
    agenda = json.loads(result.stdout)
    assert agenda["context"] == ["on-call-handover"]
    assert agenda["command"].endswith("--context on-call-handover --format json --plugins-dir " + str(folder))
    listed = run("prompts", "--json", "--plugins-dir", str(folder), "--context", "on-call-handover", "-b", "follow-up")
    assert "oncall.handover" in [p["id"] for p in json.loads(listed.stdout)]
    unknown = run("render", "retro", "--plugins-dir", str(folder), "--context", "on-call")
    assert unknown.exit_code == 2 and unknown.stdout == ""
    assert "unknown context tag 'on-call' (did you mean 'on-call-handover'?); known: cross-team, " in unknown.stderr


PULSE_GLOBALS = """
    from retrokit import hookimpl

    RETROKIT_API = "1.3"


    @hookimpl
    def retrokit_template_globals(agenda, meeting, config):
        if meeting.name != "retro":
            return None
        settings = config.plugin_settings("pulse")
        return {"pulse": {"scale": settings.get("scale", 5), "label": "*loud* {{ x }}", "sections": len(agenda.sections)}}
    """


def test_hook_retrokit_template_globals(run, tmp_path):
    team = tmp_path / "team"
    (team / "templates").mkdir(parents=True)
    (team / "retrokit.toml").write_text("[plugin.pulse]\nscale = 10\n", encoding="utf-8")
    plugin(team / "plugins", "pulse", PULSE_GLOBALS)
    (team / "templates" / "retro.md.j2").write_text(
        '{% extends "default:retro.md.j2" %}\n{% block closing %}\nScore 1-{{ pulse.scale }} '
        '({{ pulse.sections }} sections), {{ pulse.label }}, {{ pulse.label|code }}\n\n{% endblock %}\n',
        encoding="utf-8",
    )
    result = run("render", "retro", "--seed", "1", "--team", str(team), "--strict")
    assert result.exit_code == 0, result.stderr
    assert "\nScore 1-10 (5 sections), \\*loud\\* {{ x }}, `*loud* {{ x }}`\n\n---\n" in result.stdout
    listed = {row["name"]: row for row in json.loads(run("plugins", "--json", "--team", str(team)).stdout)}
    assert listed["pulse"]["hooks"] == ["retrokit_template_globals"]
    # the 1:1 gets nothing from it; its default template does not ask
    assert run("render", "one-on-one", "--seed", "1", "--team", str(team), "--strict").exit_code == 0


@pytest.mark.parametrize("given, warning", [
    ('{"agenda": 1}', "plugin 'pulse' retrokit_template_globals: 'agenda' is one of retrokit's own template names; choose another (ignored)"),
    ('{"range": 1}', "plugin 'pulse' retrokit_template_globals: 'range' is one of retrokit's own template names; choose another (ignored)"),
    ('{"9lives": 1}', "plugin 'pulse' retrokit_template_globals: '9lives' is not a template variable name (letters, digits and _); ignored"),
    ('{"for": 1}', "plugin 'pulse' retrokit_template_globals: 'for' is not a template variable name (letters, digits and _); ignored"),
    ('[1]', "plugin 'pulse' returned list from retrokit_template_globals, not a dict; ignored"),
])
def test_a_template_global_retrokit_cannot_take_is_one_warning(run, tmp_path, given, warning):
    folder = plugin(tmp_path / "p", "pulse", f"""
        from retrokit import hookimpl


        @hookimpl
        def retrokit_template_globals():
            return {given}
        """)
    result = run("render", "retro", "--seed", "1", "--plugins-dir", str(folder))
    assert result.exit_code == 0
    assert result.stderr == f"retrokit: warning: {warning}\n"
    assert result.stdout.startswith("# Retrospective\n")
    strict = run("render", "retro", "--seed", "1", "--plugins-dir", str(folder), "--strict")
    assert strict.exit_code == 1 and strict.stderr == f"retrokit: error: {warning} (--strict)\n"


def test_two_plugins_giving_one_template_global_the_later_wins_with_a_warning(run, tmp_path):
    for name, value in (("aa_first", "first"), ("bb_second", "second")):
        plugin(tmp_path / "p", name, f"""
            from retrokit import hookimpl


            @hookimpl
            def retrokit_template_globals():
                return {{"shared": "{value}"}}
            """)
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "retro.md.j2").write_text("{{ shared }}\n", encoding="utf-8")
    (tmp_path / "retrokit.toml").write_text('[templates]\nfolder = "t"\n', encoding="utf-8")
    result = run("render", "retro", "--team", str(tmp_path), "--plugins-dir", str(tmp_path / "p"))
    assert result.stdout == "second\n"
    assert result.stderr == (
        "retrokit: warning: plugin 'bb-second' retrokit_template_globals: 'shared' is also given by plugin "
        "'aa-first'; plugin 'bb-second' wins\n"
    )


def test_a_format_gets_the_team_config_and_its_plugins_settings(run, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text(
        '[team]\nname = "Ops"\nmembers = [{ name = "Ana Lopez", slack = "U024BE7LH" }]\n\n'
        '[plugin.slack-text]\nchannel = "#ops-retro"\n', encoding="utf-8")
    plugin(team / "plugins", "slack_text", """
        from retrokit import hookimpl


        def render(request):
            ana = request.member("ana.lopez")
            return f"{request.settings['channel']} {request.config.name} <@{ana['slack']}>\\n"


        @hookimpl
        def retrokit_formats():
            return [{"name": "slack-text", "render": render}]
        """)
    rendered = run("render", "retro", "--seed", "1", "--team", str(team), "--format", "slack-text", "--strict")
    assert rendered.stdout == "#ops-retro Ops <@U024BE7LH>\n", rendered.stderr
    converted = run("convert", "-", "--to", "slack-text", "--team", str(team), input="# Notes\n")
    assert converted.stdout == rendered.stdout
    doctor = run("doctor", "--team", str(team))  # renders every format the same way: with its settings
    assert doctor.exit_code == 0 and "slack-text" not in doctor.stdout, doctor.stdout


def test_adjusted_agenda_renders_in_every_format_and_recounts_coverage(retrokit_render, tmp_path):
    module = plugin(tmp_path / "p", "warm_up", ADJUSTER) / "warm_up.py"
    import importlib.util

    spec = importlib.util.spec_from_file_location("warm_up_test_plugin", module)
    warm_up = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(warm_up)
    for name in ("markdown", "confluence", "notion", "json", "html"):
        # the planner leaves listening out; the warm-up brings it back, and the coverage says so
        result = retrokit_render("retro", ("warm-up", warm_up), format=name, exclude_behavior=["listening"])
        assert result.agenda.sections[0].id == "warm-up"
        assert result.agenda.minutes == 65
        assert "Warm-up for Retrospective" in result.text
        assert "Active listening" in result.agenda.coverage
        if name == "json":
            assert json.loads(result.text)["minutes"] == 65
    assert result.notes == ["plugin 'warm-up' changed the meeting from 60 to 65 minutes"]


BROKEN_ADJUSTERS = {
    "raises": ("agenda.sections.clear()\nraise RuntimeError('no agenda today')",
               "plugin 'bad' failed in retrokit_adjust_agenda: RuntimeError: no agenda today (bad.py line 7); skipped"),
    "empties": ("agenda.sections.clear()",
                "plugin 'bad' retrokit_adjust_agenda: the agenda must keep a list of at least one section; "
                "its change is undone"),
    "wrong-return": ("agenda.sections.pop()\nreturn 'done'",
                     "plugin 'bad' returned str from retrokit_adjust_agenda, not an Agenda or None; "
                     "its change is undone"),
    "bad-minutes": ("agenda.sections[0].minutes = 2.5",
                    "plugin 'bad' retrokit_adjust_agenda: section 'set-the-stage' minutes must be a positive whole "
                    "number, not 2.5; its change is undone"),
    "same-ids": ("agenda.sections.append(agenda.sections[0])",
                 "plugin 'bad' retrokit_adjust_agenda: two sections have the id 'set-the-stage'; its change is undone"),
    "item-type": ("agenda.sections[1].items.insert(0, 'talk')",
                  "plugin 'bad' retrokit_adjust_agenda: section 'gather-data' item #1 is a str, not an AgendaItem; "
                  "its change is undone"),
}


@pytest.mark.parametrize("body, warning", BROKEN_ADJUSTERS.values(), ids=BROKEN_ADJUSTERS.keys())
def test_a_broken_adjustment_is_undone_with_one_warning(run, tmp_path, body, warning):
    folder = tmp_path / "p"
    folder.mkdir()
    source = "from retrokit import hookimpl\n\n\n@hookimpl\ndef retrokit_adjust_agenda(agenda):\n"
    (folder / "bad.py").write_text(source + "".join(f"    {line}\n" for line in body.split("\n")), encoding="utf-8")
    plain = run("render", "retro", "--seed", "7")
    result = run("render", "retro", "--seed", "7", "--plugins-dir", str(folder))
    assert result.exit_code == 0
    assert result.stderr == f"retrokit: warning: {warning}\n"
    plan = re.search(r"--plan (\S+)`", plain.stdout).group(1)
    assert result.stdout == plain.stdout.replace(f"--plan {plan}`", f"--plan {plan} --plugins-dir {folder}`")
    strict = run("render", "retro", "--seed", "7", "--plugins-dir", str(folder), "--strict")
    assert strict.exit_code == 1 and strict.stdout == ""
    assert strict.stderr == f"retrokit: error: {warning} (--strict)\n"


def test_adjust_plugins_run_in_load_order_and_see_each_others_changes(retrokit_render):
    from retrokit import hookimpl

    seen = []

    class First:
        @hookimpl
        def retrokit_adjust_agenda(agenda):
            agenda.title = "First"
            seen.append("first")

    class Second:
        @hookimpl
        def retrokit_adjust_agenda(agenda):
            seen.append(("second saw", agenda.title))
            agenda.title += " and second"

    result = retrokit_render("retro", ("a-first", First), ("b-second", Second))
    assert seen == ["first", ("second saw", "First")]
    assert result.text.startswith("# First and second\n")


def test_an_overfull_section_is_a_note(retrokit_render):
    from retrokit import hookimpl

    class Crowd:
        @hookimpl
        def retrokit_adjust_agenda(agenda):
            close = agenda.sections[-1]
            close.items.append(type(close.items[0])("x.more", "One more thing.", "listening", "Active listening",
                                                    9, "", "crowd"))

    result = retrokit_render("retro", Crowd)
    close = result.agenda.sections[-1]
    assert result.notes == [f"section 'Close' holds {close.minutes + 9} min of prompts in its {close.minutes}-min box"]
    assert "- **Active listening · 9 min:** One more thing." in result.text


# -- the hook API version ------------------------------------------------------------------------------

def api_plugin(tmp_path, declared: str) -> Path:
    return plugin(tmp_path / "p", "needy", f"""
        from retrokit import hookimpl

        RETROKIT_API = {declared!r}


        @hookimpl
        def retrokit_prompts():
            return [{{"id": "needy.one", "text": "One.", "behavior": "listening", "kinds": ["retro"],
                      "phase": "gather", "minutes": 3}}]
        """)


def test_the_hook_api_version_is_major_minor():
    major, minor = hookspecs.HOOK_API.split(".")
    assert major.isdigit() and minor.isdigit()


@pytest.mark.parametrize("declared", ["1.0", "1.1", hookspecs.HOOK_API])
def test_a_plugin_needing_this_api_or_older_loads(run, tmp_path, declared):
    result = run("plugins", "--json", "--plugins-dir", str(api_plugin(tmp_path, declared)))
    assert result.stderr == ""
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["needy"]["api"] == declared


def newer(minor_step: int, major_step: int = 0) -> str:
    major, minor = (int(part) for part in hookspecs.HOOK_API.split("."))
    return f"{major + major_step}.{0 if major_step else minor + minor_step}"


@pytest.mark.parametrize("declared", [newer(1), newer(0, major_step=1)])
def test_a_plugin_needing_a_newer_api_is_skipped_in_one_line(run, tmp_path, declared):
    folder = api_plugin(tmp_path, declared)
    result = run("prompts", "--json", "--plugins-dir", str(folder))
    assert result.exit_code == 0
    assert result.stderr == (
        f"retrokit: warning: plugin 'needy' ({folder / 'needy.py'}) needs retrokit hook API {declared}, but "
        f"retrokit {__version__} has {hookspecs.HOOK_API} (upgrade retrokit: pip install -U retrokit); skipped\n"
    )
    assert "needy.one" not in result.stdout
    strict = run("prompts", "--plugins-dir", str(folder), "--strict")
    assert strict.exit_code == 1 and strict.stderr.count("\n") == 1


def test_a_plugin_written_for_an_older_major_api_is_skipped(run, tmp_path):
    folder = api_plugin(tmp_path, "0.9")
    result = run("prompts", "--plugins-dir", str(folder))
    assert result.stderr == (
        f"retrokit: warning: plugin 'needy' ({folder / 'needy.py'}) was written for retrokit hook API 0.9, but "
        f"retrokit {__version__} has {hookspecs.HOOK_API}, which changed since (see docs/plugins.md for what "
        "changed); skipped\n"
    )


@pytest.mark.parametrize("declared", ["1", "v1.1", "1.1.0", "one"])
def test_a_malformed_api_declaration_is_named(run, tmp_path, declared):
    folder = api_plugin(tmp_path, declared)
    result = run("prompts", "--plugins-dir", str(folder))
    assert result.stderr == (
        f"retrokit: warning: plugin 'needy' ({folder / 'needy.py'}) declares RETROKIT_API = {declared!r}: use a "
        f'"MAJOR.MINOR" string such as "{hookspecs.HOOK_API}"; skipped\n'
    )


# -- a plugin's own settings ---------------------------------------------------------------------------

def test_plugin_settings_must_be_a_table(run, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text('[team]\nname = "Ops"\n\n[plugin]\nwarm-up = 5\n', encoding="utf-8")
    result = run("render", "retro", "--team", str(team))
    assert result.exit_code == 1
    assert result.stderr == (
        f"retrokit: error: {team / 'retrokit.toml'}:5: plugin.warm-up must be a table of that plugin's "
        "settings, like [plugin.warm-up]\n"
    )


def test_a_plugin_error_is_shown_in_the_plugins_own_words(run, tmp_path):
    folder = plugin(tmp_path / "p", "data", """
        from retrokit import hookimpl
        from retrokit.errors import PluginError


        @hookimpl
        def retrokit_adjust_agenda(agenda, config):
            raise PluginError(f"{config.where('file', 'plugin.data')}: [plugin.data] has no file\\nsecond line")
        """)
    result = run("render", "retro", "--seed", "1", "--plugins-dir", str(folder))
    assert result.exit_code == 0
    assert result.stderr == (
        "retrokit: warning: plugin 'data' failed in retrokit_adjust_agenda: retrokit.toml (none found): "
        "[plugin.data] has no file; skipped\n"
    )


def test_hook_retrokit_translations(run, tmp_path):
    folder = plugin(tmp_path / "p", "german_open", """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_translations():
            return [{"lang": "de", "string": "Open discussion: whatever anyone wants to bring up here.",
                     "text": "Offener Austausch: alles, was jemand ansprechen will."},
                    {"lang": "de", "prompt": "listening.hardest-part-tell-more", "text": "Was war zuletzt schwer?"}]
        """)
    rows = {row["name"]: row for row in json.loads(run("plugins", "--json", "--plugins-dir", str(folder)).stdout)}
    assert rows["german-open"]["hooks"] == ["retrokit_translations"]
    listed = run("prompts", "--plugins-dir", str(folder), "--lang", "de", "-s", "hardest part tell more")
    assert "    Was war zuletzt schwer?\n" in listed.stdout
    english = run("render", "one-on-one", "--plugins-dir", str(folder), "--seed", "1")
    assert "Offener Austausch" not in english.stdout and english.stderr == ""  # English never asks the hook
