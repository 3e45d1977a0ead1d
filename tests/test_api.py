"""The Python API (retrokit.open_session, Session.render/convert, retrokit.convert): the same documents as
the command line, a session that really reuses what it loaded, and the command line's errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

import retrokit
from retrokit.errors import RetrokitError, RetrokitUsageError


@pytest.fixture
def team(tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "retrokit.toml").write_text(
        '[team]\nname = "Platform"\nmembers = [{ name = "Ana" }, { name = "Sam" }]\n\n[minutes]\nretro = 45\n',
        encoding="utf-8",
    )
    return folder


def cli_output(run, *args) -> str:
    result = run("render", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("format_name", ["markdown", "confluence", "notion", "json", "html"])
@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
def test_render_is_what_the_command_line_prints(run, kind, format_name):
    session = retrokit.open_session()
    for seed in ("s1", "other seed"):
        expected = cli_output(run, kind, "--seed", seed, "--format", format_name)
        assert session.render(kind, seed=seed, format=format_name) == expected


def test_render_options_and_a_team_folder_give_the_command_line_document(run, team):
    session = retrokit.open_session(team)
    text = session.render(
        "retro", seed="t9", minutes=50, behavior="safety", exclude_behavior=["well-being"], title="Sprint 12",
    )
    expected = cli_output(
        run, "retro", "--team", str(team), "--seed", "t9", "--minutes", "50", "--behavior", "safety",
        "--exclude-behavior", "well-being", "--title", "Sprint 12",
    )
    assert text == expected
    assert text.startswith("# Sprint 12\n") and f"--team {team}`" in text  # the regenerate command names it
    one = session.render("one-on-one", seed=7, person="ana", topic="the move", format="notion")
    assert one == cli_output(
        run, "one-on-one", "--team", str(team), "--seed", "7", "--with", "ana", "--topic", "the move", "-f", "notion"
    )


def test_a_session_reuses_its_environment_and_catalog(team):
    session = retrokit.open_session(team)
    first = session.render("retro", seed="a")
    environment, prompts = session.environment, session.prompts
    compiled = dict(environment.cache)
    assert compiled  # the first render compiled the templates into this environment
    session.render("retro", seed="b", format="notion")
    assert session.render("retro", seed="a") == first
    assert session.environment is environment
    assert dict(environment.cache).keys() == compiled.keys()
    assert all(environment.cache[key] is template for key, template in compiled.items())  # not recompiled
    assert session.prompts == prompts and len(session.prompts) >= 252
    assert {"retro", "one-on-one"} <= set(session.kinds)
    assert {"markdown", "confluence", "notion", "json", "html"} <= set(session.formats)
    assert "validation" in session.behaviors


def test_a_team_template_changed_on_disk_is_used_by_the_next_render(team):
    templates = team / "templates"
    templates.mkdir()
    (templates / "retro.md.j2").write_text('{% extends "default:retro.md.j2" %}\n', encoding="utf-8")
    session = retrokit.open_session(team)
    before = session.render("retro", seed="a")
    import os

    path = templates / "retro.md.j2"
    path.write_text("# Our own retro, {{ agenda.minutes }} min\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime + 5))  # a later mtime even on coarse clocks
    assert before.startswith("# Retrospective")
    assert session.render("retro", seed="a") == "# Our own retro, 45 min\n"


def test_errors_are_retrokit_errors_with_the_command_line_message(run, team):
    session = retrokit.open_session()
    cases = [
        (lambda: session.render("retr"), ["render", "retr"]),
        (lambda: session.render("retro", format="pdf"), ["render", "retro", "-f", "pdf"]),
        (lambda: session.render("retro", behavior="listen"), ["render", "retro", "-b", "listen"]),
        (lambda: session.render("retro", minutes=5), ["render", "retro", "-m", "5"]),
        (lambda: session.convert("# x", to="pdf"), ["convert", "-", "--to", "pdf"]),
    ]
    for call, args in cases:
        with pytest.raises(RetrokitError) as caught:
            call()
        result = run(*args, input="# x\n")
        assert result.exit_code == caught.value.exit_code
        assert result.stderr.startswith(f"retrokit: error: {caught.value}")
    with pytest.raises(RetrokitUsageError, match="minutes must be a whole number of at least 1, not 0"):
        session.render("retro", minutes=0)
    (team / "retrokit.toml").write_text("[team]\nname = 3\n", encoding="utf-8")
    with pytest.raises(RetrokitError) as caught:
        retrokit.open_session(team)
    result = run("render", "retro", "--team", str(team))
    assert result.exit_code == 1 and result.stderr == f"retrokit: error: {caught.value}\n"
    with pytest.raises(RetrokitUsageError, match="unknown plugin 'nope'"):
        retrokit.open_session(disabled=["nope"])


def test_warnings_are_collected_not_printed_and_strict_raises(team, capfd):
    (team / "retrokit.toml").write_text(
        '[team]\nname = "Platform"\n\n[plugins]\ndisabled = ["no-such-plugin"]\n', encoding="utf-8"
    )
    session = retrokit.open_session(team)
    text = session.render("retro", seed="a", format="notion")
    assert text.startswith("{")
    assert session.warnings == [f"{team / 'retrokit.toml'}:5: plugins.disabled names unknown plugin 'no-such-plugin'"]
    assert capfd.readouterr().err == ""
    with pytest.raises(RetrokitError, match=r"no-such-plugin.*\(--strict\)"):
        retrokit.open_session(team, strict=True)


def test_notes_are_collected(tmp_path, capfd):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "longer.py").write_text(
        "import retrokit\n\n@retrokit.hookimpl\ndef retrokit_adjust_agenda(agenda):\n"
        "    agenda.sections[0].minutes += 5\n    return agenda\n",
        encoding="utf-8",
    )
    session = retrokit.open_session(plugins_dirs=[plugins])
    session.render("retro", seed="a")
    assert session.notes == ["plugin 'longer' changed the meeting from 60 to 65 minutes"]
    assert capfd.readouterr().err == ""


def test_record_records_the_meeting_in_the_teams_history(run, team):
    session = retrokit.open_session(team)
    session.render("retro", seed="r1", record=True)
    history = (team / "history.toml").read_text(encoding="utf-8")
    assert 'seed = "r1"' in history
    assert run("render", "retro", "--team", str(team)).exit_code == 0


def test_convert_is_what_the_convert_command_writes(run, team):
    markdown = (
        "# Notes\n\n> [!TIP]\n> Listen first.\n\n- [ ] @ana ship it (due 2026-01-31)\n- [x] done\n\n"
        "See [the guide][g] and [^1].\n\n[g]: https://example.com\n[^1]: a note\n"
    )
    for to in ("confluence", "notion", "html", "markdown"):
        expected = run("convert", "-", "--to", to, "--team", str(team), input=markdown)
        assert expected.exit_code == 0, expected.stderr
        assert retrokit.convert(markdown, to=to, team=team) == expected.stdout
        session = retrokit.open_session(team)
        assert session.convert(markdown, to=to) == expected.stdout
        assert session.convert(markdown, to=to) == expected.stdout  # the second parse gives the same
    titled = retrokit.convert(markdown, to="html", title="Our notes")
    assert "<title>Our notes</title>" in titled
    with pytest.raises(RetrokitUsageError, match="str, not bytes"):
        retrokit.convert(b"# x", to="html")


def test_a_renderer_changing_its_tokens_does_not_change_the_next_document():
    from retrokit.rendering import RenderRequest

    markdown = "Some **bold** text and `code`.\n"
    request = RenderRequest(markdown)
    for token in request.tokens[1].children:
        token.content = "changed"
        token.attrs["x"] = "y"
    again = RenderRequest(markdown).tokens[1].children
    assert [token.content for token in again] == ["Some ", "", "bold", "", " text and ", "code", "."]
    assert all("x" not in token.attrs for token in again)


def test_import_retrokit_stays_cheap():
    code = (
        "import sys, retrokit, retrokit.cli\n"
        "print(sorted(m for m in ('retrokit.api', 'jinja2', 'markdown_it', 'retrokit.host.session') if m in sys.modules))\n"
        "print(callable(retrokit.open_session), callable(retrokit.convert), 'retrokit.api' in sys.modules)"
    )
    lines = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert lines[0] == "[]"
    assert lines[1] == "True True True"
    assert {"open_session", "convert", "Session"} <= set(dir(retrokit))
    with pytest.raises(AttributeError):
        retrokit.no_such_name


def test_the_readme_example_runs(capsys):
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use from Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("['health-check', 'one-on-one', 'retro'] ['confluence', 'html', 'json', 'markdown', 'notion']")
    assert printed[1] == "[] []"
    assert printed[2] == "unknown meeting kind 'retros' (did you mean 'retro'?); known: health-check, one-on-one, retro"
