"""Rotation: prompts used in the last N recorded meetings of a series are not drawn again until the
library runs out, then the least recently used come back first; the seed still reproduces a run given
the same history."""

from __future__ import annotations

import json
import textwrap
import tomllib
from pathlib import Path

import pytest

TODAY = "2026-11-21"

#: A meeting kind with one section of one item and a library of three prompts: which one is drawn is
#: decided by rotation alone once the history has them.
STANDUP = '''
from retrokit import hookimpl


@hookimpl
def retrokit_behaviors():
    return [{"name": "talk", "title": "Talk"}]


@hookimpl
def retrokit_prompts():
    return [
        {"id": f"talk.{name}", "text": f"Prompt {name}", "behavior": "talk", "kinds": ["standup"],
         "phase": "talk", "minutes": 5}
        for name in ("a", "b", "c")
    ]


@hookimpl
def retrokit_meeting_kinds():
    return [{"name": "standup", "title": "Standup", "default_minutes": 5,
             "sections": [{"id": "talk", "title": "Talk", "phases": ["talk"], "min_minutes": 5, "max_items": 1}]}]
'''


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RETROKIT_TODAY", TODAY)


def make_team(folder: Path, rotation: int | None = None) -> Path:
    (folder / "plugins").mkdir(parents=True, exist_ok=True)
    (folder / "plugins" / "standup.py").write_text(STANDUP, encoding="utf-8")
    config = '[team]\nname = "Platform"\nmembers = [{ name = "Ana" }, { name = "Sam" }]\n'
    if rotation is not None:
        config += f"\n[history]\nrotation = {rotation}\n"
    (folder / "retrokit.toml").write_text(config, encoding="utf-8")
    return folder


@pytest.fixture
def team(isolated) -> Path:
    return make_team(isolated)


def render(run, *args: str, day: str = TODAY):
    result = run("render", *args, env={"RETROKIT_TODAY": day})
    assert result.exit_code == 0, result.stderr
    return result


def prompts_of(run, *args: str, day: str = TODAY) -> list[str]:
    data = json.loads(render(run, *args, "-f", "json", day=day).stdout)
    return [item["prompt_id"] for section in data["sections"] for item in section["items"]]


def recorded(folder: Path) -> list[list[str]]:
    meetings = tomllib.loads((folder / "history.toml").read_text(encoding="utf-8"))["meeting"]
    return [m["prompts"] for m in meetings]


def day(n: int) -> str:
    return f"2026-11-{n:02d}"


# -- the rule, on a library small enough to run out -----------------------------------------------------


def test_when_the_library_runs_out_the_least_recently_used_come_back_first(run, team):
    drawn = []
    for n in range(1, 8):
        [prompt] = prompts_of(run, "standup", "--seed", f"s{n}", "--record", day=day(n))
        drawn.append(prompt)
    assert sorted(drawn[:3]) == ["talk.a", "talk.b", "talk.c"]  # three meetings, three different prompts
    assert drawn[3:] == drawn[:4]  # then the least recently used, every time, whatever the seed


def test_only_the_last_n_meetings_count(run, isolated):
    make_team(isolated, rotation=1)
    drawn = [prompts_of(run, "standup", "--seed", "same", "--record", day=day(n))[0] for n in range(1, 7)]
    assert all(a != b for a, b in zip(drawn, drawn[1:]))  # never the previous meeting's prompt
    assert len(set(drawn)) > 1


def test_rotation_zero_turns_it_off(run, isolated):
    team = make_team(isolated, rotation=0)
    for n in range(1, 4):
        render(run, "retro", "--seed", f"r{n}", "--record", day=day(n))
    with_history = render(run, "retro", "--seed", "same", day=day(10)).stdout
    (team / "history.toml").unlink()
    assert render(run, "retro", "--seed", "same", day=day(10)).stdout == with_history


# -- the built-in library -------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("retro",), ("one-on-one", "--with", "Ana")])
def test_prompts_of_the_last_three_meetings_are_not_drawn_again(run, team, args):
    for n in range(1, 7):
        render(run, *args, "--seed", "same", "--record", day=day(n))
    history = recorded(team)
    assert len(history) == 6
    for index, prompts in enumerate(history):
        earlier = {p for meeting in history[max(0, index - 3) : index] for p in meeting}
        assert prompts and not earlier & set(prompts), (index, earlier & set(prompts))


def test_series_rotate_separately(run, team):
    alone = {
        args: render(run, *args, "--seed", "sep", day=day(20)).stdout
        for args in (("retro",), ("one-on-one", "--with", "Sam"), ("one-on-one", "--with", "Ana"))
    }
    for n in range(1, 4):
        render(run, "one-on-one", "--with", "Ana", "--seed", f"a{n}", "--record", day=day(n))
    assert render(run, "retro", "--seed", "sep", day=day(20)).stdout == alone[("retro",)]
    assert render(run, "one-on-one", "--with", "sam", "--seed", "sep", day=day(20)).stdout == alone[
        ("one-on-one", "--with", "Sam")
    ]
    assert render(run, "one-on-one", "--with", "ANA", "--seed", "sep", day=day(20)).stdout != alone[
        ("one-on-one", "--with", "Ana")
    ]


# -- reproducibility ------------------------------------------------------------------------------------


def test_the_seed_reproduces_the_agenda_given_the_same_history(run, team):
    for n in range(1, 4):
        render(run, "retro", "--seed", f"r{n}", "--record", day=day(n))
    first = render(run, "retro", "--seed", "again").stdout
    assert render(run, "retro", "--seed", "again").stdout == first
    # Recording today's agenda does not change today's plan: today's record is a draft of this meeting.
    render(run, "retro", "--seed", "again", "--record")
    assert render(run, "retro", "--seed", "again").stdout == first
    # The next meeting sees it, and draws none of its prompts.
    today = set(recorded(team)[-1])
    assert not today & set(prompts_of(run, "retro", "--seed", "again", day="2026-11-28"))


def test_hand_written_and_future_records(run, team):
    (team / "history.toml").write_text(
        textwrap.dedent(
            """\
            schema = 1

            [[meeting]]
            kind = "standup"
            date = 2026-11-01
            prompts = ["talk.a", "talk.b"]

            [[meeting]]
            kind = "standup"
            date = 2026-12-01
            prompts = ["talk.c"]
            """
        ),
        encoding="utf-8",
    )
    # talk.a and talk.b were used (a hand-written record counts); the record dated after today does not.
    assert {prompts_of(run, "standup", "--seed", f"h{n}")[0] for n in range(8)} == {"talk.c"}


def test_a_record_for_another_person_or_kind_does_not_rotate_this_series(run, team):
    (team / "history.toml").write_text(
        'schema = 1\n\n[[meeting]]\nkind = "standup"\nseries = "standup with Sam"\nwith = "Sam"\n'
        'date = 2026-11-01\nprompts = ["talk.a", "talk.b"]\n',
        encoding="utf-8",
    )
    team_draws = {prompts_of(run, "standup", "--seed", f"x{n}")[0] for n in range(12)}
    assert team_draws == {"talk.a", "talk.b", "talk.c"}
    assert {prompts_of(run, "standup", "--with", "Sam", "--seed", f"x{n}")[0] for n in range(8)} == {"talk.c"}
