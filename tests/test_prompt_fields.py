"""Hook API 1.2 prompt fields from a plugin's side: a Prompt built in Python (positionally, without the new
fields) and an explicit empty optional field load like a dict that leaves them out."""

from __future__ import annotations

import json
import textwrap


PLUGIN = '''
from retrokit import hookimpl
from retrokit.model import Prompt

@hookimpl
def retrokit_prompts():
    return [
        Prompt("pulse.positional", "What moved you this week?", "pulse", ("retro",), "gather", 4, "Listen."),
        {"id": "pulse.empty-fields", "text": "One word for the sprint.", "behavior": "pulse",
         "kinds": ["retro"], "phase": "check-in", "minutes": 2, "technique": "", "prepare": "", "source": "",
         "needs": []},
    ]
'''


def test_prompt_tuples_and_empty_optional_fields_load_without_a_warning(run, tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "pulse.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    result = run("prompts", "--json", "--strict", "--behavior", "pulse", "--plugins-dir", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    listed = {p["id"]: p for p in json.loads(result.stdout)}
    assert listed["pulse.positional"]["max_minutes"] == 6  # the default: minutes and a half
    assert listed["pulse.positional"]["audience"] == "any" and listed["pulse.positional"]["needs"] == []
    assert listed["pulse.empty-fields"]["technique"] == "" and listed["pulse.empty-fields"]["max_minutes"] == 3


def test_an_explicit_zero_max_minutes_in_a_dict_is_still_an_error(run, tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "pulse.py").write_text(textwrap.dedent('''
        from retrokit import hookimpl

        @hookimpl
        def retrokit_prompts():
            return [{"id": "pulse.zero", "text": "t", "behavior": "pulse", "kinds": ["retro"],
                     "phase": "gather", "minutes": 4, "max_minutes": 0}]
    '''), encoding="utf-8")
    result = run("prompts", "--strict", "--plugins-dir", str(folder))
    assert result.exit_code == 1
    assert "plugin 'pulse' retrokit_prompts item #1 ('pulse.zero'): prompt 'pulse.zero' 'max_minutes' must be a positive number" in result.stderr


def test_nan_or_infinite_minutes_skip_only_that_prompt_and_name_the_plugin(run, tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "pulse.py").write_text(textwrap.dedent('''
        from retrokit import hookimpl

        def prompt(slug, **minutes):
            return {"id": f"pulse.{slug}", "text": "What moved you?", "behavior": "pulse", "kinds": ["retro"],
                    "phase": "gather", **minutes}

        @hookimpl
        def retrokit_prompts():
            return [prompt("nan", minutes=float("nan")), prompt("inf", minutes=float("inf")),
                    prompt("long", minutes=4, max_minutes=float("inf")), prompt("fine", minutes=4)]
    '''), encoding="utf-8")
    result = run("prompts", "--json", "--behavior", "pulse", "--plugins-dir", str(folder))
    assert result.exit_code == 0, result.stderr
    assert [p["id"] for p in json.loads(result.stdout)] == ["pulse.fine"]
    assert result.stderr.splitlines() == [
        f"retrokit: warning: plugin 'pulse' retrokit_prompts item #{n} ('pulse.{slug}'): prompt 'pulse.{slug}' "
        f"'{key}' must be a positive number; skipped"
        for n, slug, key in ((1, "nan", "minutes"), (2, "inf", "minutes"), (3, "long", "max_minutes"))
    ]
    assert run("render", "retro", "--plugins-dir", str(folder)).exit_code == 0
