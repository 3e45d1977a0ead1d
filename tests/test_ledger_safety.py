"""Nothing a user wrote is lost: parallel writers, killed writers, broken ledgers, hand edits and awkward
text, all through the real command line and real processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import retrokit_executable

TODAY = "2026-11-21"
SAFETY_TIMEOUT = 120  # seconds; only so that a stuck lock fails the test instead of hanging it


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RETROKIT_TODAY", TODAY)


@pytest.fixture
def team(isolated) -> Path:
    (isolated / "retrokit.toml").write_text('[team]\nname = "Platform"\n', encoding="utf-8")
    return isolated


def retrokit(*args, cwd=None, input=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [retrokit_executable(), *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd,
        input=input, timeout=SAFETY_TIMEOUT,
    )


def listed(team: Path) -> list[dict]:
    result = retrokit("actions", "list", "--json", cwd=team)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# -- concurrency ----------------------------------------------------------------------------------------


def test_twenty_parallel_adds_keep_twenty_items_with_distinct_ids(team):
    processes = [
        subprocess.Popen(
            [retrokit_executable(), "actions", "add", f"Parallel item {n}", "--owner", f"Owner {n}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=team,
        )
        for n in range(20)
    ]
    outputs = [process.communicate(timeout=SAFETY_TIMEOUT) for process in processes]
    assert [process.returncode for process in processes] == [0] * 20, [err for _, err in outputs]
    printed = sorted(int(out) for out, _ in outputs)
    assert printed == list(range(1, 21))
    items = listed(team)
    assert sorted(item["id"] for item in items) == list(range(1, 21))
    assert sorted(item["text"] for item in items) == sorted(f"Parallel item {n}" for n in range(20))
    for out, _ in outputs:  # each process printed the id of its own item
        item = next(i for i in items if i["id"] == int(out))
        assert item["owner"] == item["text"].replace("Parallel item", "Owner")


# -- killed writers -------------------------------------------------------------------------------------

HOLDER = """
import datetime, sys, time
from retrokit.memory.ledger import ActionItem, Ledger

ledger = Ledger(sys.argv[1])
with ledger.update() as items:
    items.append(ActionItem(id=Ledger.next_id(items), text="never written", owner="Ghost", status="open",
                            created=datetime.date(2026, 11, 21)))
    print("locked", flush=True)
    time.sleep(600)
"""

LOOPER = """
import datetime, sys
from retrokit.memory.ledger import ActionItem, Ledger

ledger = Ledger(sys.argv[1])
n = 0
while True:
    with ledger.update() as items:
        items.append(ActionItem(id=Ledger.next_id(items), text="long text " * 400 + str(n), owner="Loop",
                                status="open", created=datetime.date(2026, 11, 21)))
    n += 1
    print(n, flush=True)
"""


def start(script: str, ledger: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(ledger)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=SAFETY_TIMEOUT)
    assert process.returncode == -signal.SIGKILL


def test_a_writer_killed_while_holding_the_lock_leaves_the_ledger_whole_and_the_lock_free(team):
    assert retrokit("actions", "add", "Before the crash", "--owner", "Ana", cwd=team).returncode == 0
    ledger = team / "actions.toml"
    before = ledger.read_bytes()
    holder = start(HOLDER, ledger)
    try:
        assert holder.stdout.readline() == "locked\n", holder.stderr.read()
    finally:
        kill(holder)
    assert ledger.read_bytes() == before
    result = retrokit("actions", "add", "After the crash", "--owner", "Sam", cwd=team)  # the lock is free
    assert (result.returncode, result.stdout) == (0, "2\n"), result.stderr

    # A writer that arrives while the lock is held waits for it, and gets it when the holder dies.
    holder = start(HOLDER, ledger)
    try:
        assert holder.stdout.readline() == "locked\n", holder.stderr.read()
        waiting = subprocess.Popen(
            [retrokit_executable(), "actions", "add", "While it was locked", "--owner", "Kim"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=team,
        )
    finally:
        kill(holder)
    out, err = waiting.communicate(timeout=SAFETY_TIMEOUT)
    assert (waiting.returncode, out) == (0, "3\n"), err
    assert [(item["id"], item["text"]) for item in listed(team)] == [
        (1, "Before the crash"), (2, "After the crash"), (3, "While it was locked"),
    ]  # and never the holder's item


def test_a_writer_killed_midway_through_a_write_leaves_a_whole_ledger(team):
    ledger = team / "actions.toml"
    looper = start(LOOPER, ledger)
    try:
        for _ in range(25):  # let it write 25 times, then kill it wherever it is
            assert looper.stdout.readline().strip(), looper.stderr.read()
    finally:
        kill(looper)
    items = listed(team)  # parses: the file is a whole version, never a torn one
    assert len(items) >= 25
    assert [item["id"] for item in items] == list(range(1, len(items) + 1))
    assert all(item["text"] == "long text " * 400 + str(item["id"] - 1) for item in items)
    result = retrokit("actions", "add", "Still works", "--owner", "Sam", cwd=team)  # the lock is free
    assert (result.returncode, result.stdout) == (0, f"{len(items) + 1}\n"), result.stderr


# -- broken ledgers: one error line naming file and line; the file untouched ---------------------------

GOOD_ITEM = 'id = 1\ntext = "First"\nowner = "Ana"\nstatus = "open"\ncreated = 2026-11-20\n'

BROKEN = [
    pytest.param('schema = 1\n\n[[item]]\nid = 1\ntext = "First\nowner = "Ana"\n', 5, "invalid TOML: ",
                 id="bad-toml"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM + "\n[[item]]\n" + GOOD_ITEM.replace("id = 1", 'id = "two"'),
                 10, "item 'id' must be a whole number", id="wrong-type"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM.replace("2026-11-20", '"2026-11-20"'), 3,
                 "item 'created' must be a date like 2026-12-01", id="date-as-text"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM.replace('"open"', '"finished"'), 3,
                 "item status 'finished' must be one of open, done, dropped", id="unknown-status"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM + "\n[[item]]\n" + GOOD_ITEM.replace("First", "Second"), 10,
                 "two items have id 1", id="duplicate-id"),
    pytest.param("schema = 2\n\n[[item]]\n" + GOOD_ITEM, 1,
                 "schema = 2, but this retrokit reads schema 1", id="newer-schema"),
    pytest.param("[[item]]\n" + GOOD_ITEM, 1, "no 'schema = N' line, but this retrokit reads schema 1", id="no-schema"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM + "priority = 3\n", 3,
                 "unknown key 'priority' in an item", id="unknown-key"),
    pytest.param("schema = 1\nitem = 3\n", 2, "'item' must be [[item]] tables", id="item-not-tables"),
    pytest.param("schema = 1\n\n[[items]]\n" + GOOD_ITEM, 3, "unknown entry 'items'", id="wrong-table"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM.replace("id = 1", "id = -4"), 3,
                 "item 'id' must be a whole number from 1 to 999999999, not -4", id="negative-id"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM.replace("id = 1", "id = 0"), 3,
                 "item 'id' must be a whole number from 1", id="zero-id"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM.replace("id = 1", "id = 99999999999999999999"), 3,
                 "item 'id' must be a whole number from 1 to 999999999, not 99999999999999999999", id="huge-id"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM.replace('"First"', '"  "'), 3,
                 "item 'text' is empty", id="blank-text"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM + "closed = 2026-11-21\n", 3,
                 "an open item has 'closed' = 2026-11-21 (remove it, or set the status)", id="open-but-closed"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM.replace('"open"', '"done"'), 3,
                 "a done item needs 'closed', the date it was closed", id="done-never-closed"),
    pytest.param("schema = 1\n\n[[item]]\n" + GOOD_ITEM.replace('"open"', '"dropped"') + "closed = 2026-11-01\n",
                 3, "item 'closed' = 2026-11-01 is before 'created' = 2026-11-20", id="closed-before-created"),
]


def broken_commands(tmp: Path) -> list[tuple[str, ...]]:
    notes = tmp / "notes.md"
    notes.write_text("- [ ] @ana New task\n- [x] @ana First\n", encoding="utf-8")
    return [
        ("actions", "list"), ("actions", "list", "--json"), ("actions", "add", "New", "--owner", "Ana"),
        ("actions", "done", "1"), ("actions", "drop", "1"), ("actions", "reopen", "1"),
        ("actions", "edit", "1", "--text", "Changed"), ("ingest", str(notes)), ("ingest", str(notes), "--dry-run"),
    ]


@pytest.mark.parametrize("text,line,problem", BROKEN)
def test_a_hand_broken_ledger_is_one_error_naming_file_and_line_and_stays_untouched(
    run, team, tmp_path, text, line, problem
):
    ledger = team / "actions.toml"
    ledger.write_bytes(text.encode("utf-8"))
    for command in broken_commands(tmp_path):
        result = run(*command)
        assert result.exit_code == 1, (command, result.stderr)
        assert result.stdout == ""
        [message] = result.stderr.splitlines()
        assert message.startswith(f"retrokit: error: {ledger}:{line}"), (command, message)
        assert problem in message, (command, message)
        assert message.endswith("the file was left as it is") or "invalid TOML" not in message
        assert ledger.read_bytes() == text.encode("utf-8"), command
    assert sorted(path.name for path in team.iterdir() if path.name.endswith(".tmp")) == []


def test_a_broken_item_deep_in_a_long_ledger_is_named_by_its_own_line(run, team):
    # the line of each record comes from one scan of the file (reading stays linear: benchmarks/memory.py)
    items = [GOOD_ITEM.replace("id = 1", f"id = {i}") for i in range(1, 3001)]
    items[2499] = items[2499].replace('"First"', '""')
    text = "schema = 1\n" + "".join("\n[[item]]\n" + item for item in items)
    (team / "actions.toml").write_text(text, encoding="utf-8")
    result = run("actions", "list")
    assert result.exit_code == 1
    line = 2 + 2499 * 7 + 1  # schema, blank; each record is a blank, a header and 5 keys
    assert text.splitlines()[line - 1] == "[[item]]" and text.splitlines()[line] == "id = 2500"
    assert result.stderr == f"retrokit: error: {team / 'actions.toml'}:{line}: item 'text' is empty\n"


def test_a_ledger_that_is_not_utf8_is_an_error_and_stays_untouched(run, team):
    ledger = team / "actions.toml"
    data = ("schema = 1\n\n[[item]]\n" + GOOD_ITEM.replace("First", "Caf")).encode("utf-8").replace(b"Caf", b"Caf\xe9")
    ledger.write_bytes(data)
    result = run("actions", "add", "New", "--owner", "Ana")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"retrokit: error: {ledger}: not UTF-8 text (byte ")
    assert ledger.read_bytes() == data


def test_a_ledger_that_cannot_be_read_is_an_error(run, team):
    (team / "actions.toml").mkdir()
    result = run("actions", "list")
    assert result.exit_code == 1
    assert result.stderr == f"retrokit: error: cannot read {team / 'actions.toml'}: Is a directory\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_ledger_without_read_permission_is_an_error_and_stays_untouched(run, team):
    ledger = team / "actions.toml"
    ledger.write_text("schema = 1\n", encoding="utf-8")
    ledger.chmod(0)
    try:
        result = run("actions", "add", "New", "--owner", "Ana")
        assert result.exit_code == 1
        assert result.stderr == f"retrokit: error: cannot read {ledger}: Permission denied\n"
    finally:
        ledger.chmod(0o644)
    assert ledger.read_text(encoding="utf-8") == "schema = 1\n"


# -- valid hand edits survive ------------------------------------------------------------------------------


def test_valid_hand_edits_survive_a_later_add(run, team):
    ledger = team / "actions.toml"
    ledger.write_text(
        textwrap.dedent(
            """\
            schema = 1

            [[item]]
            id = 5
            text = 'Edited by hand: a literal string with "quotes"'
            meeting = "retro 2026-11-14"
            owner = "Sam"
            status = "open"
            created = 2026-11-14

            [[item]]
            id = 2
            text = \"\"\"
            Two lines,
            written by hand\"\"\"
            owner = "Ana"
            status = "dropped"
            created = 2026-11-01
            closed = 2026-11-10
            due = 2026-11-30

            [[item]]
            id = 3
            status = "done"
            owner = "Kim"
            text = "Reordered keys"
            created = 2026-11-02
            closed = 2026-11-03
            """
        ),
        encoding="utf-8",
    )
    result = run("actions", "add", "Added after the edits", "--owner", "Ana")
    assert (result.exit_code, result.stdout) == (0, "6\n"), result.stderr
    # Every record and value kept, in the hand-chosen order; the layout becomes the canonical one.
    assert ledger.read_text(encoding="utf-8") == textwrap.dedent(
        """\
        schema = 1

        [[item]]
        id = 5
        text = "Edited by hand: a literal string with \\"quotes\\""
        owner = "Sam"
        status = "open"
        created = 2026-11-14
        meeting = "retro 2026-11-14"

        [[item]]
        id = 2
        text = "Two lines,\\nwritten by hand"
        owner = "Ana"
        due = 2026-11-30
        status = "dropped"
        created = 2026-11-01
        closed = 2026-11-10

        [[item]]
        id = 3
        text = "Reordered keys"
        owner = "Kim"
        status = "done"
        created = 2026-11-02
        closed = 2026-11-03

        [[item]]
        id = 6
        text = "Added after the edits"
        owner = "Ana"
        status = "open"
        created = 2026-11-21
        """
    )


def test_the_layout_is_one_item_table_per_record_even_for_short_items(run, team):
    assert run("actions", "add", "Short", "--owner", "Ana").exit_code == 0
    assert (team / "actions.toml").read_text(encoding="utf-8") == (
        'schema = 1\n\n[[item]]\nid = 1\ntext = "Short"\nowner = "Ana"\nstatus = "open"\ncreated = 2026-11-21\n'
    )


def test_a_hand_edited_text_is_what_ingest_then_matches(run, team):
    (team / "actions.toml").write_text(
        'schema = 1\n\n[[item]]\nid = 1\ntext = "Wording fixed by hand"\nowner = "Ana"\nstatus = "open"\n'
        "created = 2026-11-14\n",
        encoding="utf-8",
    )
    (team / "notes.md").write_text("- [x] @ana Wording fixed by hand\n", encoding="utf-8")
    result = run("ingest", "notes.md")
    assert result.stdout == "closed 1: Wording fixed by hand (owner Ana)\n"


# -- awkward text round-trips exactly -----------------------------------------------------------------------

AWKWARD = [
    ('She said "ship it" & left <early>', "O'Brien \"OB\""),
    ("line one\nline two\r\nline three\ttabbed", "Ana\nLopez"),
    ("🎉 emoji 👩‍👩‍👧 and 日本語のテキスト 中文 한국어", "山田 太郎"),
    ("  padded both ends  ", " spaced owner "),
    ("back\\slash \\n not a newline, \\u0041 not an A", "Back\\slash"),
    ('"""triple""" \'\'\'single\'\'\' [[item]] schema = 2', "[[owner]]"),
    ("\x00 nul \x07 bell \x1b escape \u2028 separator \ufeff bom", "\u200bzero-width"),
    ("<script>alert('x')</script> &amp; &lt;", "<b>&amp;</b>"),
]


@pytest.mark.parametrize("text,owner", AWKWARD)
def test_awkward_texts_and_owners_round_trip_exactly(run, team, text, owner):
    result = run("actions", "add", "--owner", owner, "--due", "2026-12-01", "--meeting", text, "--", text)
    assert result.exit_code == 0, result.stderr
    data = json.loads(run("actions", "list", "--json").stdout)
    assert [(item["text"], item["owner"], item["meeting"]) for item in data] == [(text, owner, text)]
    stored = tomllib.loads((team / "actions.toml").read_text(encoding="utf-8"))["item"]
    assert [(item["text"], item["owner"]) for item in stored] == [(text, owner)]
    # and they survive a rewrite by another command
    assert run("actions", "done", "1").exit_code == 0
    data = json.loads(run("actions", "list", "--json").stdout)
    assert [(item["text"], item["owner"], item["status"]) for item in data] == [(text, owner, "done")]


def test_awkward_text_round_trips_through_the_installed_command(team):
    for n, (text, owner) in enumerate(AWKWARD[:4], start=1):
        result = retrokit("actions", "add", "--owner", owner, "--", text, cwd=team)
        assert (result.returncode, result.stdout) == (0, f"{n}\n"), result.stderr
    assert [(item["text"], item["owner"]) for item in listed(team)] == AWKWARD[:4]


any_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text, owner=any_text)
def test_any_text_and_owner_round_trip_exactly(run, team, text, owner):
    result = run("actions", "add", "--owner", owner, "--", text)
    assert result.exit_code == 0, result.stderr
    new_id = int(result.stdout)
    data = json.loads(run("actions", "list", "--json").stdout)
    item = next(item for item in data if item["id"] == new_id)
    assert (item["text"], item["owner"]) == (text, owner)
