"""`retrokit actions`: add, list, done, drop, reopen and edit action items in the team's actions.toml."""

from __future__ import annotations

import json
import textwrap
import tomllib
from pathlib import Path

import pytest

TODAY = "2026-11-21"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RETROKIT_TODAY", TODAY)


@pytest.fixture
def team(isolated) -> Path:
    """The current folder as a team folder with three members."""
    (isolated / "retrokit.toml").write_text(
        textwrap.dedent(
            """\
            [team]
            name = "Platform"
            members = [{ name = "Ana Lopez" }, { name = "Sam" }, { name = "José Núñez" }]
            """
        ),
        encoding="utf-8",
    )
    return isolated


def ok(result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stdout


def error(result, code: int = 1) -> str:
    """The one stderr line of a failed run (without 'retrokit: error: '); stdout must be empty."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("retrokit: error: ")
    return line.removeprefix("retrokit: error: ")


def items(run, *args) -> list[dict]:
    return json.loads(ok(run("actions", "list", "--json", *args)))


# -- add --------------------------------------------------------------------------------------------


def test_add_prints_the_new_id_on_stdout_and_what_it_did_on_stderr(run, team):
    first = run("actions", "add", "Ask payments how the retry landed", "--owner", "Ana Lopez", "--due", "2026-12-01")
    assert ok(first) == "1\n"
    assert first.stderr == "retrokit: added 1: Ask payments how the retry landed (owner Ana Lopez, due 2026-12-01)\n"
    assert ok(run("actions", "add", "Write the on-call handbook", "--owner", "Sam")) == "2\n"
    assert (team / "actions.toml").read_text(encoding="utf-8") == textwrap.dedent(
        """\
        schema = 1

        [[item]]
        id = 1
        text = "Ask payments how the retry landed"
        owner = "Ana Lopez"
        due = 2026-12-01
        status = "open"
        created = 2026-11-21

        [[item]]
        id = 2
        text = "Write the on-call handbook"
        owner = "Sam"
        status = "open"
        created = 2026-11-21
        """
    )


def test_add_with_a_meeting_label(run, team):
    ok(run("actions", "add", "Fix the flaky deploy", "--owner", "Sam", "--meeting", "retro 2026-11-21"))
    [item] = items(run)
    assert item["meeting"] == "retro 2026-11-21"


def test_the_script_can_capture_the_id(installed, team):
    result = installed("actions", "add", "Book the room", "--owner", "Sam")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1\n"
    result = installed("actions", "done", result.stdout.strip())
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "given,stored",
    [("ana lopez", "Ana Lopez"), ("ANA-LOPEZ", "Ana Lopez"), ("ana.lopez", "Ana Lopez"), ("sam", "Sam"),
     ("jose.nunez", "José Núñez"), ("JOSÉ NÚÑEZ", "José Núñez")],
)
def test_an_owner_is_matched_to_a_member_ignoring_case_accents_spaces_and_punctuation(run, team, given, stored):
    result = run("actions", "add", "Check the alerts", "--owner", given)
    ok(result)
    assert "warning" not in result.stderr
    assert items(run)[0]["owner"] == stored


def test_an_owner_who_is_no_member_is_kept_with_a_warning(run, team):
    result = run("actions", "add", "Check the alerts", "--owner", "Sma")
    assert ok(result) == "1\n"
    assert result.stderr.splitlines()[0] == (
        f"retrokit: warning: owner 'Sma' is not a member of the team in {team / 'retrokit.toml'} "
        "(did you mean 'Sam'?); the item is theirs as written"
    )
    assert items(run)[0]["owner"] == "Sma"


def test_strict_refuses_an_owner_who_is_no_member_and_writes_nothing(run, team):
    message = error(run("actions", "add", "Check the alerts", "--owner", "Payments team", "--strict"))
    assert message.startswith("owner 'Payments team' is not a member of the team")
    assert message.endswith("(--strict)")
    assert not (team / "actions.toml").exists()


def test_a_team_without_members_takes_any_owner_quietly(run, isolated):
    (isolated / "retrokit.toml").write_text('[team]\nname = "Ops"\n', encoding="utf-8")
    result = run("actions", "add", "Rotate the keys", "--owner", "anyone")
    assert ok(result) == "1\n"
    assert "warning" not in result.stderr


@pytest.mark.parametrize(
    "args,message",
    [
        (("", "--owner", "Sam"), "the text is empty"),
        (("  \n ", "--owner", "Sam"), "the text is empty"),
        (("Do it", "--owner", " "), "--owner is empty"),
        (("caf\udce9", "--owner", "Sam"), "the text is not valid UTF-8"),  # undecodable bytes in argv
        (("Do it", "--owner", "Jos\udce9"), "--owner is not valid UTF-8"),
        (("Do it",), "Missing option '--owner'."),
        (("Do it", "--owner", "Sam", "--due", "2026-02-30"),
         "Invalid value for '--due': '2026-02-30' is not a date like 2026-12-01"),
        (("Do it", "--owner", "Sam", "--due", "next week"),
         "Invalid value for '--due': 'next week' is not a date like 2026-12-01"),
        (("Do it", "--owner", "Sam", "--due", "20261201"),
         "Invalid value for '--due': '20261201' is not a date like 2026-12-01"),
    ],
)
def test_bad_add_command_lines_are_usage_errors(run, team, args, message):
    assert error(run("actions", "add", *args), 2) == f"{message} (see 'retrokit actions add --help')"
    assert not (team / "actions.toml").exists()


def test_a_past_due_date_is_kept_with_a_warning(run, team):
    result = run("actions", "add", "Send the summary", "--owner", "Sam", "--due", "2026-11-01")
    assert ok(result) == "1\n"
    assert "retrokit: warning: due date 2026-11-01 is already past" in result.stderr
    assert items(run)[0]["due"] == "2026-11-01"


# -- finding the team folder ---------------------------------------------------------------------------


def test_the_team_folder_is_found_by_walking_up(run, team, monkeypatch):
    deep = team / "docs" / "retros"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert ok(run("actions", "add", "Tidy the board", "--owner", "Sam")) == "1\n"
    assert (team / "actions.toml").is_file()
    assert not (deep / "actions.toml").exists()


def test_team_and_the_environment_variable_point_at_a_team_folder(run, tmp_path):
    other = tmp_path / "other-team"
    other.mkdir()
    (other / "retrokit.toml").write_text('[team]\nname = "Other"\n', encoding="utf-8")
    ok(run("actions", "add", "One", "--owner", "Kim", "--team", str(other)))
    ok(run("actions", "add", "Two", "--owner", "Kim", env={"RETROKIT_TEAM": str(other)}))
    assert [item["text"] for item in items(run, "--team", str(other))] == ["One", "Two"]


@pytest.mark.parametrize(
    "args",
    [("list",), ("list", "--json"), ("add", "Do it", "--owner", "Sam"), ("done", "1"), ("drop", "1"),
     ("reopen", "1"), ("edit", "1", "--text", "x")],
)
def test_without_a_team_folder_every_command_says_to_run_init(run, isolated, args):
    message = error(run("actions", *args))
    assert message == (
        f"no retrokit.toml in {isolated} or any folder above it; create one with 'retrokit init' "
        "(or point to the team folder with --team DIR)"
    )
    assert list(isolated.iterdir()) == []


def test_a_team_option_without_retrokit_toml_says_to_run_init_there(run, tmp_path):
    folder = tmp_path / "my team"
    message = error(run("actions", "list", "--team", str(folder)))
    assert message == f"no retrokit.toml in {folder}; create one with: retrokit init '{folder}'"


# -- list -----------------------------------------------------------------------------------------------


@pytest.fixture
def three(run, team):
    """Three items: 1 Ana (due), 2 Sam (done), 3 José (open)."""
    ok(run("actions", "add", "Ask payments how the retry landed", "--owner", "Ana Lopez", "--due", "2026-12-01"))
    ok(run("actions", "add", "Write the on-call handbook", "--owner", "Sam", "--meeting", "retro 2026-11-14"))
    ok(run("actions", "add", "Pair on the 日本語 docs 🎉", "--owner", "José Núñez"))
    ok(run("actions", "done", "2"))
    return team


def test_list_is_a_readable_table_one_item_a_line(run, three):
    result = run("actions", "list")
    assert ok(result) == (
        "ID  STATUS  OWNER       DUE         TEXT\n"
        "1   open    Ana Lopez   2026-12-01  Ask payments how the retry landed\n"
        "2   done    Sam         -           Write the on-call handbook\n"
        "3   open    José Núñez  -           Pair on the 日本語 docs 🎉\n"
    )
    assert result.stderr == ""


def test_list_open_and_by_owner(run, three):
    assert [line.split()[0] for line in ok(run("actions", "list", "--open")).splitlines()] == ["ID", "1", "3"]
    assert [item["id"] for item in items(run, "--owner", "SAM")] == [2]
    assert [item["id"] for item in items(run, "--owner", "jose.nunez", "--open")] == [3]
    assert [item["id"] for item in items(run, "--owner", "Sam", "--open")] == []


def test_list_json_has_every_field(run, three):
    assert items(run) == [
        {"id": 1, "text": "Ask payments how the retry landed", "owner": "Ana Lopez", "due": "2026-12-01",
         "status": "open", "created": TODAY, "closed": None, "meeting": ""},
        {"id": 2, "text": "Write the on-call handbook", "owner": "Sam", "due": None,
         "status": "done", "created": TODAY, "closed": TODAY, "meeting": "retro 2026-11-14"},
        {"id": 3, "text": "Pair on the 日本語 docs 🎉", "owner": "José Núñez", "due": None,
         "status": "open", "created": TODAY, "closed": None, "meeting": ""},
    ]


def test_an_empty_listing_prints_nothing_on_stdout(run, team):
    result = run("actions", "list")
    assert ok(result) == ""
    assert result.stderr == "retrokit: no action items\n"
    result = run("actions", "list", "--open", "--owner", "Sam")
    assert result.stderr == "retrokit: no open action items for Sam\n"
    assert ok(run("actions", "list", "--json")) == "[]\n"


def test_list_is_ordered_by_id_whatever_the_file_order(run, team):
    (team / "actions.toml").write_text(
        textwrap.dedent(
            """\
            schema = 1

            [[item]]
            id = 7
            text = "Later"
            owner = "Sam"
            status = "open"
            created = 2026-11-20

            [[item]]
            id = 2
            text = "Earlier"
            owner = "Sam"
            status = "dropped"
            created = 2026-11-01
            closed = 2026-11-10
            """
        ),
        encoding="utf-8",
    )
    assert [item["id"] for item in items(run)] == [2, 7]


def test_list_shows_line_breaks_and_control_characters_on_one_line(run, team):
    ok(run("actions", "add", "first line\nsecond\tline \x1b[31mred", "--owner", "Sam"))
    [header, row] = ok(run("actions", "list")).splitlines()
    assert row.endswith("first line↵second line \\x1b[31mred")
    assert items(run)[0]["text"] == "first line\nsecond\tline \x1b[31mred"  # the file keeps the exact text


# -- done, drop, reopen ------------------------------------------------------------------------------


def test_done_and_drop_close_items_today(run, three, monkeypatch):
    monkeypatch.setenv("RETROKIT_TODAY", "2026-11-28")
    result = run("actions", "done", "1")
    assert ok(result) == ""
    assert result.stderr == "retrokit: done 1: Ask payments how the retry landed (owner Ana Lopez, due 2026-12-01)\n"
    result = run("actions", "drop", "3")
    assert result.stderr == "retrokit: dropped 3: Pair on the 日本語 docs 🎉 (owner José Núñez)\n"
    state = {item["id"]: (item["status"], item["closed"]) for item in items(run)}
    assert state == {1: ("done", "2026-11-28"), 2: ("done", TODAY), 3: ("dropped", "2026-11-28")}


def test_done_takes_several_ids(run, three):
    ok(run("actions", "done", "1", "3"))
    assert {item["status"] for item in items(run)} == {"done"}


def test_an_unknown_id_changes_nothing_at_all(run, three):
    before = (three / "actions.toml").read_bytes()
    message = error(run("actions", "done", "1", "99"))
    assert message == f"no action item 99 in {three / 'actions.toml'} (see 'retrokit actions list')"
    assert (three / "actions.toml").read_bytes() == before


def test_an_id_must_be_a_number(run, three):
    assert error(run("actions", "done", "one"), 2) == (
        "Invalid value for 'ID...': 'one' is not a valid integer. (see 'retrokit actions done --help')"
    )


def test_done_twice_says_so_and_keeps_the_first_date(run, three, monkeypatch):
    monkeypatch.setenv("RETROKIT_TODAY", "2026-12-05")
    before = (three / "actions.toml").read_bytes()
    result = run("actions", "done", "2")
    assert ok(result) == ""
    assert result.stderr == f"retrokit: 2 is already done ({TODAY}); nothing changed\n"
    assert (three / "actions.toml").read_bytes() == before


def test_a_dropped_item_can_be_marked_done_and_reopened(run, three):
    ok(run("actions", "drop", "1"))
    ok(run("actions", "done", "1"))
    assert items(run)[0]["status"] == "done"
    result = run("actions", "reopen", "1")
    assert result.stderr == (
        "retrokit: reopened 1: Ask payments how the retry landed (owner Ana Lopez, due 2026-12-01)\n"
    )
    assert (items(run)[0]["status"], items(run)[0]["closed"]) == ("open", None)
    assert run("actions", "reopen", "1").stderr == "retrokit: 1 is already open; nothing changed\n"


# -- edit -----------------------------------------------------------------------------------------------


def test_edit_changes_text_owner_and_due(run, three):
    result = run(
        "actions", "edit", "1", "--text", "Ask payments about retries", "--owner", "sam", "--due", "2026-12-15"
    )
    assert ok(result) == ""
    assert result.stderr == (
        "retrokit: edited 1: text 'Ask payments how the retry landed' → 'Ask payments about retries'; "
        "owner Ana Lopez → Sam; due 2026-12-01 → 2026-12-15\n"
    )
    item = items(run)[0]
    assert (item["text"], item["owner"], item["due"]) == ("Ask payments about retries", "Sam", "2026-12-15")
    assert (item["created"], item["status"]) == (TODAY, "open")


def test_edit_no_due_removes_the_date(run, three):
    assert run("actions", "edit", "1", "--no-due").stderr == "retrokit: edited 1: due 2026-12-01 → none\n"
    assert items(run)[0]["due"] is None
    assert "due" not in tomllib.loads((three / "actions.toml").read_text(encoding="utf-8"))["item"][0]


def test_edit_to_the_same_values_writes_nothing(run, three):
    before = (three / "actions.toml").read_bytes()
    result = run("actions", "edit", "1", "--owner", "ana lopez", "--due", "2026-12-01")
    assert result.stderr == "retrokit: 1 already says that; nothing changed\n"
    assert (three / "actions.toml").read_bytes() == before


@pytest.mark.parametrize(
    "args,message",
    [
        (("1",), "nothing to change: give --text, --owner, --due or --no-due"),
        (("1", "--due", "2026-12-01", "--no-due"), "--due and --no-due contradict each other"),
        (("1", "--text", " "), "--text is empty"),
    ],
)
def test_bad_edits_are_usage_errors(run, three, args, message):
    before = (three / "actions.toml").read_bytes()
    assert error(run("actions", "edit", *args), 2) == f"{message} (see 'retrokit actions edit --help')"
    assert (three / "actions.toml").read_bytes() == before


def test_edit_warns_about_an_owner_who_is_no_member(run, three):
    result = run("actions", "edit", "3", "--owner", "Payments")
    assert ok(result) == ""
    assert result.stderr.startswith("retrokit: warning: owner 'Payments' is not a member of the team")
    assert items(run)[2]["owner"] == "Payments"


def test_actions_help_lists_the_subcommands(run):
    out = ok(run("actions", "--help"))
    for name in ("add", "list", "done", "drop", "reopen", "edit"):
        assert f"  {name} " in out
