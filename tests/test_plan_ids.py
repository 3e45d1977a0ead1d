"""Plan ids: every agenda names its plan (kind, length, the prompt in every slot); ``--plan`` rebuilds it
exactly even when the library grows, ``--pin`` puts a prompt in, ``--swap`` redraws one item."""

from __future__ import annotations

import json
import shlex

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrokit.errors import RetrokitUsageError
from retrokit.planning.compose import shell_join
from retrokit.planning.plan_id import Plan, decode, encode

EXTRA = '''
from retrokit import hookimpl


@hookimpl
def retrokit_prompts():
    return [{"id": f"extra.p{n}", "text": f"Extra question {n}?", "behavior": b, "kinds": ["retro"],
             "phase": phase, "minutes": 4}
            for n, (b, phase) in enumerate([(b, p) for b in ("listening", "validation", "support")
                                            for p in ("check-in", "gather", "insight", "decide", "close")])]
'''


def render_json(run, *args):
    result = run("render", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def slots(agenda: dict) -> list[list[tuple[str, int]]]:
    return [[(i["prompt_id"], i["minutes"]) for i in s["items"]] for s in agenda["sections"]]


def usage_error(result) -> str:
    assert result.exit_code == 2, result.stdout
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# -- the id itself --------------------------------------------------------------------------------------


def test_encode_and_decode_round_trip_with_empty_sections():
    sections = [("a.one", "b.two-three"), (), ("c.four.five",)]
    text = encode("one-on-one", 45, sections)
    assert text == "one-on-one-45:a.one+b.two-three:_:c.four.five"
    assert decode(text) == Plan("one-on-one", 45, tuple(sections))


@pytest.mark.parametrize("text", ["retro", "retro-60", "retro-x:a.b", "retro-60:a.b:listening", "retro-60:a.b++c.d",
                                  "Retro-60:a.b", "retro-60:a.b:"])
def test_a_malformed_plan_id_is_a_usage_error_that_shows_the_shape(text):
    with pytest.raises(RetrokitUsageError, match=r"is not a plan id: .*\(e\.g\. retro-60:"):
        decode(text)


@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
def test_every_agenda_carries_a_shell_safe_plan_id_in_the_note_and_the_json(run, kind):
    for n in range(10):
        doc = run("render", kind, "--seed", f"p{n}").stdout
        agenda = render_json(run, kind, "--seed", f"p{n}")
        plan = agenda["plan"]
        assert shlex.quote(plan) == plan  # no quoting needed in a shell
        assert f" · plan `{plan}` · " in doc.splitlines()[3]
        assert plan.startswith(f"{kind}-{agenda['minutes']}:")
        parsed = decode(plan)
        assert [list(ids) for ids in parsed.sections] == [
            [i for i, _ in section if i] for section in slots(agenda)
        ]
        assert f"--plan {plan}" in agenda["command"]


# -- --plan rebuilds exactly ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind,minutes", [("retro", "60"), ("retro", "90"), ("one-on-one", "30")])
def test_a_plan_rebuilds_the_same_items_and_minutes_after_the_library_grows(run, tmp_path, kind, minutes):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "extra.py").write_text(EXTRA, encoding="utf-8")
    for n in range(5):
        first = render_json(run, kind, "-m", minutes, "--seed", f"g{n}")
        again = render_json(run, kind, "--plan", first["plan"], "--seed", "other", "--plugins-dir", str(folder))
        assert slots(again) == slots(first)
        assert again["plan"] == first["plan"]


def test_the_regenerate_line_with_the_plan_reproduces_the_document(run):
    doc = run("render", "retro", "--seed", "r1").stdout
    command = doc.splitlines()[3].rsplit("regenerate with `", 1)[1].rstrip("`")
    argv = shlex.split(command)
    assert argv[:6] == ["retrokit", "render", "retro", "--seed", "r1", "--plan"] and "--minutes" not in argv
    assert run(*argv[1:]).stdout == doc


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=12) | st.sampled_from(["", "'", "a b", "--title", "Ana's 1:1", "ü", "$x", "é\n"])))
def test_the_regenerate_line_quotes_each_word_as_shlex_does(args):
    """The regenerate line is joined without importing shlex (start-up): the same text shlex.join gives."""
    assert shell_join(args) == shlex.join(args)
    assert shlex.split(shell_join(args)) == args


def test_a_plan_naming_a_prompt_that_no_longer_exists_is_one_usage_line_naming_it(run):
    plan = render_json(run, "retro", "--seed", "gone")["plan"]
    first = decode(plan).sections[1][0]
    broken = plan.replace(first, first + "x", 1)
    line = usage_error(run("render", "retro", "--plan", broken))
    assert f"--plan names prompt '{first}x', which no loaded plugin provides (did you mean '{first}'?)" in line


def test_a_plan_of_another_kind_or_length_or_shape_is_a_usage_error(run):
    plan = render_json(run, "retro", "--seed", "k")["plan"]
    assert "--plan is a plan for a retro, not a one-on-one" in usage_error(run("render", "one-on-one", "--plan", plan))
    assert "--minutes 45 contradicts --plan, which is for 60 minutes" in usage_error(
        run("render", "retro", "--plan", plan, "-m", "45"))
    assert "--plan has 4 sections; a retro has 5" in usage_error(run("render", "retro", "--plan", plan.rsplit(":", 1)[0]))
    assert "is not a plan id" in usage_error(run("render", "retro", "--plan", "retro-60;rm -rf"))
    moved = decode(plan)
    swapped = encode("retro", 60, [moved.sections[1], moved.sections[0], *moved.sections[2:]])
    assert "in section 'set-the-stage', which takes check-in, follow-up" in usage_error(
        run("render", "retro", "--plan", swapped))


# -- --pin and --swap ------------------------------------------------------------------------------------


def test_a_pinned_prompt_goes_into_its_phase_s_section(run):
    for n in range(8):
        agenda = render_json(run, "retro", "--seed", f"pin{n}", "--pin", "validation.unsigned-frustration-cards",
                             "--pin", "validation.thumbs-without-reasons")
        gather = [i["prompt_id"] for i in agenda["sections"][1]["items"]]
        stage = [i["prompt_id"] for i in agenda["sections"][0]["items"]]
        assert gather[0] == "validation.unsigned-frustration-cards"
        assert stage[0] == "validation.thumbs-without-reasons"


def test_a_pin_into_a_plan_keeps_the_rest_of_it(run):
    base = render_json(run, "retro", "--seed", "pp")
    pinned = render_json(run, "retro", "--plan", base["plan"], "--pin", "validation.unsigned-frustration-cards")
    assert pinned["sections"][1]["items"][0]["prompt_id"] == "validation.unsigned-frustration-cards"
    for index in (0, 2, 3, 4):
        assert slots(pinned)[index] == slots(base)[index]


def test_bad_pins_are_usage_errors_with_did_you_mean(run):
    assert "(did you mean 'validation.thumbs-without-reasons'?)" in usage_error(
        run("render", "retro", "--pin", "validation.thumbs-without-reason"))
    assert "is for a retro, not a one-on-one" in usage_error(
        run("render", "one-on-one", "--pin", "validation.thumbs-without-reasons"))


def test_a_swap_redraws_just_that_item_and_prints_the_new_plan(run):
    for n in range(6):
        base = render_json(run, "retro", "--seed", f"sw{n}")
        target = decode(base["plan"]).sections[2][0]
        result = run("render", "retro", "--plan", base["plan"], "--swap", target)
        assert result.exit_code == 0, result.stderr
        new_plan = result.stdout.splitlines()[3].split(" · plan `")[1].split("`")[0]
        assert new_plan != base["plan"] and target not in new_plan
        old, new = decode(base["plan"]).sections, decode(new_plan).sections
        assert [s for i, s in enumerate(new) if i != 2] == [s for i, s in enumerate(old) if i != 2]
        assert len(new[2]) == len(old[2]) and new[2][1:] == old[2][1:]
        again = render_json(run, "retro", "--plan", new_plan)
        assert again["plan"] == new_plan


def test_a_swap_of_a_prompt_not_in_the_plan_is_a_usage_error_with_did_you_mean(run):
    plan = render_json(run, "retro", "--seed", "x")["plan"]
    present = decode(plan).sections[0][0]
    line = usage_error(run("render", "retro", "--plan", plan, "--swap", present + "s"))
    assert line.startswith(f"retrokit: error: --swap {present}s: the plan has no such prompt (did you mean '{present}'?)")
