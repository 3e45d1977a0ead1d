"""The person leads a 1:1: their topics get at least 5 minutes each, taken from the library prompts'
share of the meeting; topics from earlier meetings stay on the agenda, with their age, until closed
(`retrokit topics close`); history files written before topics.toml keep working."""

from __future__ import annotations

import json
import re
import textwrap
import tomllib
from pathlib import Path

import pytest

HEADING = re.compile(r"^## (.+) · (\d+) min$")
GROUP = re.compile(r"^\*\*(Their topics|Still open from earlier|Open action items) · (\d+) min:\*\*")
ENTRY = re.compile(r"^- (?!\*\*)(.+)$")
NOTE = re.compile(r"^  - topic (\d+) · raised (.+) · how is that situation now\?$")
MINIMUMS = {"Check-in and well-being": 2, "Their topics first": 4, "Feedback both ways": 2, "Growth": 2,
            "Follow-ups": 2, "Commitments": 3}


@pytest.fixture
def team(tmp_path, run, monkeypatch) -> Path:
    folder = tmp_path / "team"
    result = run("init", str(folder), "--name", "Platform", "--member", "Ana", "--member", "Sam")
    assert result.exit_code == 0, result.stderr
    monkeypatch.chdir(folder)
    return folder


def render(run, today: str, *args: str):
    result = run("render", "one-on-one", "--seed", "s", *args, env={"RETROKIT_TODAY": today})
    assert result.exit_code == 0, result.stderr
    return result


def sections(markdown: str) -> dict[str, dict]:
    """Section title -> its box and its remembered groups (label -> minutes, entries, notes)."""
    found: dict[str, dict] = {}
    current = group = None
    for line in markdown.splitlines():
        if heading := HEADING.match(line):
            current = found[heading[1]] = {"minutes": int(heading[2]), "groups": {}}
            group = None
        elif current is None:
            continue
        elif match := GROUP.match(line):
            group = current["groups"][match[1]] = {"minutes": int(match[2]), "entries": [], "notes": []}
        elif line.startswith("**Prompts") or line.startswith("- **"):
            group = None
        elif group is not None and (note := NOTE.match(line)):
            group["notes"].append((int(note[1]), note[2]))
        elif group is not None and (entry := ENTRY.match(line)):
            group["entries"].append(entry[1])
    return found


def topic_args(*texts: str) -> list[str]:
    return [arg for text in texts for arg in ("--topic", text)]


def topics_notes(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "their topics need" in line]


# -- time --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("minutes,count", [(30, 1), (30, 2), (30, 3), (45, 4), (45, 6), (60, 8), (20, 1)])
def test_every_topic_gets_at_least_five_minutes_and_the_boxes_still_add_up(run, team, minutes, count):
    texts = [f"Topic {n}" for n in range(1, count + 1)]
    result = render(run, "2026-11-21", "-m", str(minutes), "--with", "Ana", *topic_args(*texts))
    found = sections(result.stdout)
    theirs = found["Their topics first"]["groups"]["Their topics"]
    assert theirs["entries"] == texts
    assert theirs["minutes"] >= 5 * count
    assert sum(s["minutes"] for s in found.values()) == minutes
    assert all(found[title]["minutes"] >= least for title, least in MINIMUMS.items())
    assert topics_notes(result.stderr) == []


def test_three_topics_in_a_30_minute_one_on_one_take_the_prompts_share_not_one_box(run, team):
    plain = sections(render(run, "2026-11-21", "--with", "Ana").stdout)
    result = render(run, "2026-11-21", "--with", "Ana", *topic_args("Promotion", "On-call load", "Team move"))
    found = sections(result.stdout)
    theirs = found["Their topics first"]
    assert theirs["groups"]["Their topics"]["minutes"] >= 15  # was 6: 4 each, capped at 2/3 of a 9-minute box
    assert "about 5 minutes each" in result.stdout
    assert plain["Their topics first"]["minutes"] == 9 and theirs["minutes"] >= 15
    # The minutes came from the other sections, which shrink toward (never below) their minimums.
    others = [title for title in found if title != "Their topics first"]
    assert sum(found[t]["minutes"] for t in others) < sum(plain[t]["minutes"] for t in others)
    assert all(found[t]["minutes"] >= MINIMUMS[t] for t in others)
    assert sum(s["minutes"] for s in found.values()) == 30 and topics_notes(result.stderr) == []


def test_without_topics_the_agenda_is_as_before(run, team):
    """No topic, no change: the time boxes of a plain 1:1 do not move."""
    found = sections(render(run, "2026-11-21", "--with", "Ana").stdout)
    assert [s["minutes"] for s in found.values()] == [4, 9, 4, 4, 4, 5]


def test_too_many_topics_say_so_and_name_the_length_that_fits(run, team):
    texts = [f"Topic {n}" for n in range(1, 6)]
    result = render(run, "2026-11-21", "--with", "Ana", *topic_args(*texts))
    assert topics_notes(result.stderr) == [
        "retrokit: note: their topics need 25 minutes (5 each for 5 raised for this meeting), but a 30-minute "
        "one-on-one has 19 beside its other sections; --minutes 36 gives every topic its time"
    ]
    assert sections(result.stdout)["Their topics first"]["groups"]["Their topics"]["minutes"] == 19
    longer = render(run, "2026-11-21", "-m", "36", "--with", "Ana", *topic_args(*texts))
    assert topics_notes(longer.stderr) == []
    assert sections(longer.stdout)["Their topics first"]["groups"]["Their topics"]["minutes"] >= 25


# -- topics stay open until closed -------------------------------------------------------------------


def test_topics_stay_on_every_later_agenda_with_their_age_until_closed(run, team):
    render(run, "2026-11-01", "--with", "Ana", *topic_args("Promotion timeline", "On-call load"), "--record")
    render(run, "2026-11-08", "--with", "ana", *topic_args("Mentoring"), "--record")
    render(run, "2026-11-15", "--with", "Ana", "--record")  # a meeting without new topics
    result = render(run, "2026-11-22", "--with", "Ana", *topic_args("Pay review"))
    theirs = sections(result.stdout)["Their topics first"]
    # This meeting's topics lead; the ones still open follow at once, oldest first, with real minutes.
    assert list(theirs["groups"]) == ["Their topics", "Still open from earlier"]
    still = theirs["groups"]["Still open from earlier"]
    assert still["entries"] == ["Promotion timeline", "On-call load", "Mentoring"]
    assert still["notes"] == [(1, "3 weeks ago (2026-11-01)"), (2, "3 weeks ago (2026-11-01)"),
                              (3, "2 weeks ago (2026-11-08)")]
    assert still["minutes"] >= 9  # 3 each
    lines = result.stdout.splitlines()
    assert lines.index("**Their topics · 5 min:** in their order.") < lines.index(
        next(line for line in lines if line.startswith("**Still open from earlier")))
    assert "Still open" not in result.stdout.split("## Follow-ups")[1]

    closed = run("topics", "close", "1", "on-call LOAD", "--with", "Ana", env={"RETROKIT_TODAY": "2026-11-22"})
    assert closed.exit_code == 0 and closed.stdout == ""
    assert closed.stderr == ("retrokit: closed topic 1: Promotion timeline (with Ana)\n"
                             "retrokit: closed topic 2: On-call load (with Ana)\n")
    later = sections(render(run, "2026-11-29", "--with", "Ana").stdout)["Their topics first"]["groups"]
    assert later["Still open from earlier"]["entries"] == ["Mentoring"]
    assert later["Still open from earlier"]["notes"] == [(3, "3 weeks ago (2026-11-08)")]

    assert run("topics", "reopen", "2").exit_code == 0
    again = sections(render(run, "2026-11-29", "--with", "Ana").stdout)["Their topics first"]["groups"]
    assert again["Still open from earlier"]["entries"] == ["On-call load", "Mentoring"]
    # Closing keeps the topic: nothing the person said is lost.
    stored = tomllib.loads((team / "topics.toml").read_text(encoding="utf-8"))["topic"]
    assert [(t["id"], t["text"], t["status"]) for t in stored] == [
        (1, "Promotion timeline", "closed"), (2, "On-call load", "open"), (3, "Mentoring", "open")]
    assert stored[0]["closed"].isoformat() == "2026-11-22" and "closed" not in stored[1]


def test_other_series_do_not_see_a_person_s_topics(run, team):
    render(run, "2026-11-01", "--with", "Ana", *topic_args("Promotion timeline"), "--record")
    for args in (("--with", "Sam"), ()):
        assert "Promotion timeline" not in render(run, "2026-11-08", *args).stdout
    retro = run("render", "retro", "--with", "Ana", env={"RETROKIT_TODAY": "2026-11-08"})
    assert "Promotion timeline" not in retro.stdout  # a retro with Ana is a series of its own


def test_a_topic_raised_again_is_one_topic_shown_with_this_meeting_s(run, team):
    render(run, "2026-11-01", "--with", "Ana", *topic_args("On-call load", "Growth"), "--record")
    result = render(run, "2026-11-08", "--with", "Ana", *topic_args("on-call  load"), "--record")
    groups = sections(result.stdout)["Their topics first"]["groups"]
    assert groups["Their topics"]["entries"] == ["on-call load"]  # shown on one line, runs of spaces as one
    assert groups["Still open from earlier"]["entries"] == ["Growth"]
    listed = json.loads(run("topics", "list", "--json").stdout)
    assert [(t["id"], t["text"], t["raised"]) for t in listed] == [
        (1, "On-call load", "2026-11-01"), (2, "Growth", "2026-11-01")]
    # Once closed, raising it again opens a new topic.
    assert run("topics", "close", "1").exit_code == 0
    render(run, "2026-11-15", "--with", "Ana", *topic_args("On-call load"), "--record")
    listed = json.loads(run("topics", "list", "--json", "--all").stdout)
    assert [(t["id"], t["status"], t["raised"]) for t in listed] == [
        (1, "closed", "2026-11-01"), (2, "open", "2026-11-01"), (3, "open", "2026-11-15")]


def test_topics_list_shows_ids_people_and_age(run, team):
    render(run, "2026-11-01", "--with", "Ana", *topic_args("Promotion timeline"), "--record")
    render(run, "2026-11-10", "--with", "Sam", *topic_args("Pairing 🚀"), "--record")
    listing = run("topics", "list", env={"RETROKIT_TODAY": "2026-11-22"})
    assert listing.exit_code == 0 and listing.stderr == ""
    assert listing.stdout == (
        "ID  STATUS  WITH  RAISED                    TEXT\n"
        "1   open    Ana   2026-11-01 (3 weeks ago)  Promotion timeline\n"
        "2   open    Sam   2026-11-10 (12 days ago)  Pairing 🚀\n"
    )
    only_sam = run("topics", "list", "--with", "sam", env={"RETROKIT_TODAY": "2026-11-22"})
    assert only_sam.stdout.splitlines()[1:] == ["2   open    Sam   2026-11-10 (12 days ago)  Pairing 🚀"]
    assert run("topics", "close", "2").exit_code == 0
    none = run("topics", "list", "--with", "Sam")
    assert none.stdout == "" and none.stderr == "retrokit: no open topics for Sam\n"
    assert json.loads(run("topics", "list", "--all", "--json", "--with", "Sam").stdout)[0]["status"] == "closed"


# -- history.toml written before topics.toml ---------------------------------------------------------

LEGACY = """\
schema = 1

[[meeting]]
kind = "one-on-one"
date = 2026-10-04
with = "Ana"
topics = ["Hand-written 🌱", "Conference talk"]

[[meeting]]
kind = "one-on-one"
series = "one-on-one with Ana"
date = 2026-10-18
seed = "x"
minutes = 30
with = "Ana"
prompts = []
topics = ["Team move"]
"""


def test_an_existing_history_keeps_its_topics_open_without_a_migration(run, team):
    (team / "history.toml").write_text(LEGACY, encoding="utf-8")
    still = sections(render(run, "2026-11-01", "--with", "Ana").stdout)["Their topics first"]["groups"]
    assert still["Still open from earlier"]["entries"] == ["Hand-written 🌱", "Conference talk", "Team move"]
    assert still["Still open from earlier"]["notes"][0] == (1, "4 weeks ago (2026-10-04)")
    assert not (team / "topics.toml").exists()  # reading writes nothing
    listed = json.loads(run("topics", "list", "--json").stdout)
    assert [(t["id"], t["text"]) for t in listed] == [(1, "Hand-written 🌱"), (2, "Conference talk"), (3, "Team move")]

    assert run("topics", "close", "Conference talk", "--with", "Ana").exit_code == 0
    assert (team / "history.toml").read_text(encoding="utf-8") == LEGACY  # the history is left as written
    stored = tomllib.loads((team / "topics.toml").read_text(encoding="utf-8"))["topic"]
    assert [(t["id"], t["status"], t["raised"].isoformat()) for t in stored] == [
        (1, "open", "2026-10-04"), (2, "closed", "2026-10-04"), (3, "open", "2026-10-18")]
    still = sections(render(run, "2026-11-01", "--with", "Ana").stdout)["Their topics first"]["groups"]
    assert still["Still open from earlier"]["entries"] == ["Hand-written 🌱", "Team move"]


def test_a_topic_reworded_in_topics_toml_does_not_come_back_from_history(run, team):
    render(run, "2026-11-01", "--with", "Ana", *topic_args("Promotion"), "--record")
    path = team / "topics.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"Promotion"', '"Promotion to senior"'), encoding="utf-8")
    still = sections(render(run, "2026-11-08", "--with", "Ana").stdout)["Their topics first"]["groups"]
    assert still["Still open from earlier"]["entries"] == ["Promotion to senior"]


# -- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args,code,message",
    [
        (("close", "7"), 1, "no topic 7 in {topics} (see 'retrokit topics list')"),
        (("close", "7", "--with", "Sam"), 1, "no topic 7 for Sam in {topics} (see 'retrokit topics list --with Sam')"),
        (("close", "Never said", "--with", "Ana"), 1,
         "no open topic 'Never said' for Ana (see 'retrokit topics list --with Ana')"),
        (("close", "Shared"), 1, "'Shared' is more than one topic: 2 (Ana), 3 (Sam); give its id or --with NAME"),
        (("reopen", "Growth"), 1, "no closed topic 'Growth' (see 'retrokit topics list --all')"),
        (("close", " "), 2, "a topic (its id or its text) must not be empty (see 'retrokit topics close --help')"),
        (("close",), 2, "Missing argument 'ID|TEXT...'. (see 'retrokit topics close --help')"),
    ],
)
def test_bad_topics_are_one_line_and_change_nothing(run, team, args, code, message):
    render(run, "2026-11-01", "--with", "Ana", *topic_args("Growth", "Shared"), "--record")
    render(run, "2026-11-01", "--with", "Sam", *topic_args("Shared"), "--record")
    before = (team / "topics.toml").read_bytes()
    result = run("topics", *args)
    assert result.exit_code == code and result.stdout == ""
    assert result.stderr == f"retrokit: error: {message.format(topics=team / 'topics.toml')}\n"
    assert (team / "topics.toml").read_bytes() == before


def test_without_a_team_folder_topics_say_so_in_one_line(run, tmp_path):
    for args in (("list",), ("close", "1"), ("reopen", "1")):
        result = run("topics", *args)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith("retrokit: error: no retrokit.toml in ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("change,problem", [
    (('status = "open"', 'status = "parked"'), "topic status 'parked' must be one of open, closed"),
    (('status = "open"', 'status = "closed"'), "a closed topic needs 'closed', the date it was closed"),
    (('status = "open"', 'status = "open"\nclosed = 2026-11-02'),
     "an open topic has 'closed' = 2026-11-02 (remove it, or set the status)"),
    (('id = 1', 'id = -1'), "topic 'id' must be a whole number from 1 to 999999999, not -1"),
    (('text = "Growth"', 'text = ""'), "topic 'text' is empty"),
])
def test_a_broken_topics_file_is_one_line_naming_file_and_line_and_stays_untouched(run, team, change, problem):
    path = team / "topics.toml"
    text = textwrap.dedent("""\
        schema = 1

        [[topic]]
        id = 1
        text = "Growth"
        with = "Ana"
        series = "one-on-one with Ana"
        status = "open"
        raised = 2026-11-01
        """).replace(*change)
    path.write_text(text, encoding="utf-8")
    for args in (("render", "one-on-one", "--with", "Ana"), ("topics", "list"), ("topics", "close", "1"),
                 ("render", "one-on-one", "--with", "Ana", "--topic", "New", "--record")):
        result = run(*args)
        assert result.exit_code == 1 and result.stdout == "", args
        assert result.stderr == f"retrokit: error: {path}:3: {problem}; the file was left as it is\n"
        assert path.read_text(encoding="utf-8") == text
