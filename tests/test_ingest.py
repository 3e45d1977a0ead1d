"""`retrokit ingest NOTES.md`: task items in meeting notes become action items; checked ones close them;
running it twice changes nothing."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrokit.planning.templating import md_escape

TODAY = "2026-11-21"

NOTES = """\
# Retro — Platform

## Decide · 10 min

- [ ] @ana.lopez Ask payments how the retry change landed (due 2026-12-01)
- [ ] @Sam Write the on-call handbook
- A plain bullet, no task.

```
- [ ] @sam a task inside a code block is only text
```
"""


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RETROKIT_TODAY", TODAY)


@pytest.fixture
def team(isolated) -> Path:
    (isolated / "retrokit.toml").write_text(
        '[team]\nname = "Platform"\nmembers = [{ name = "Ana Lopez" }, { name = "Sam" }, { name = "山田" }]\n',
        encoding="utf-8",
    )
    return isolated


def write(folder: Path, text: str, name: str = "notes.md") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def ingest(run, *args, input=None):
    result = run("ingest", *args, input=input)
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    return result


def items(run) -> list[dict]:
    result = run("actions", "list", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def warnings(result) -> list[str]:
    return [line.removeprefix("retrokit: warning: ") for line in result.stderr.splitlines()]


# -- adding and idempotence ------------------------------------------------------------------------


def test_new_tasks_become_open_items_from_this_meeting(run, team):
    write(team, NOTES)
    result = ingest(run, "notes.md")
    assert result.stdout == (
        "added 1: Ask payments how the retry change landed (owner Ana Lopez, due 2026-12-01)\n"
        "added 2: Write the on-call handbook (owner Sam)\n"
    )
    assert result.stderr == ""
    assert items(run) == [
        {"id": 1, "text": "Ask payments how the retry change landed", "owner": "Ana Lopez", "due": "2026-12-01",
         "status": "open", "created": TODAY, "closed": None, "meeting": f"Retro — Platform {TODAY}"},
        {"id": 2, "text": "Write the on-call handbook", "owner": "Sam", "due": None,
         "status": "open", "created": TODAY, "closed": None, "meeting": f"Retro — Platform {TODAY}"},
    ]


def test_ingesting_the_same_notes_twice_changes_nothing(run, team, monkeypatch):
    write(team, NOTES + "- [x] @sam Write the on-call handbook\n- [ ] @nobody-here Check the pager\n")
    ingest(run, "notes.md")
    before = (team / "actions.toml").read_bytes()
    monkeypatch.setenv("RETROKIT_TODAY", "2026-11-30")  # even on another day
    again = ingest(run, "notes.md")
    assert again.stdout == "nothing changed\n"
    assert (team / "actions.toml").read_bytes() == before


def test_a_task_matches_ignoring_case_spacing_and_how_the_owner_is_written(run, team):
    ok = run("actions", "add", "Ask payments how the retry change landed", "--owner", "Ana Lopez")
    assert ok.exit_code == 0
    write(team, "- [ ] @ANA-LOPEZ ask  Payments how the\n  retry change LANDED\n")
    assert ingest(run, "notes.md").stdout == "nothing changed\n"


def test_the_meeting_label_is_the_first_heading_and_today_or_the_option(run, team):
    write(team, "Intro\n\n# Sprint 42 retro\n\n# Another heading\n\n- [ ] @sam One\n")
    ingest(run, "notes.md")
    write(team, "# Planning 2026-11-20\n\n- [ ] @sam Two\n", "dated.md")
    ingest(run, "dated.md")
    write(team, "no heading\n\n- [ ] @sam Three\n", "1on1-sam.md")
    ingest(run, "1on1-sam.md")
    ingest(run, "-", input="- [ ] @sam Four\n")
    write(team, "# Ignored\n- [ ] @sam Five\n", "labelled.md")
    ingest(run, "labelled.md", "--meeting", "ops sync")
    assert [item["meeting"] for item in items(run)] == [
        f"Sprint 42 retro {TODAY}", "Planning 2026-11-20", f"1on1-sam {TODAY}", f"notes {TODAY}", "ops sync",
    ]


def test_nested_and_loose_task_lists_count_too(run, team):
    write(
        team,
        """\
        - Topics
          - [ ] @sam Nested task

        > [!TIP]
        > - [ ] @sam Task in a callout

        1. [ ] @sam Ordered task
        """,
    )
    ingest(run, "notes.md")
    assert [item["text"] for item in items(run)] == ["Nested task", "Task in a callout", "Ordered task"]


def test_the_text_is_what_a_reader_sees(run, team):
    write(
        team,
        r"""
        - [ ] @sam Read **the** [runbook](https://wiki.example/run) and `make *check*` R&amp;D \<ops\> \*now\*
        - [ ] @sam See <https://status.example>
        - [ ] @sam A line that goes on
          on the next line (due 2026-12-24)
        """,
    )
    ingest(run, "notes.md")
    assert [(item["text"], item["due"]) for item in items(run)] == [
        ("Read the runbook (https://wiki.example/run) and make *check* R&D <ops> *now*", None),
        ("See https://status.example", None),
        ("A line that goes on on the next line", "2026-12-24"),
    ]


# -- closing, moving due dates ------------------------------------------------------------------------------


def test_a_checked_task_closes_the_open_item(run, team, monkeypatch):
    write(team, NOTES)
    ingest(run, "notes.md")
    monkeypatch.setenv("RETROKIT_TODAY", "2026-12-02")
    write(team, "# Next retro\n\n- [x] @Ana.Lopez Ask payments how the retry change landed (due 2026-12-01)\n")
    result = ingest(run, "notes.md")
    assert result.stdout == "closed 1: Ask payments how the retry change landed (owner Ana Lopez, due 2026-12-01)\n"
    assert [(i["status"], i["closed"]) for i in items(run)] == [("done", "2026-12-02"), ("open", None)]
    assert ingest(run, "notes.md").stdout == "nothing changed\n"


def test_old_notes_do_not_reopen_or_duplicate_closed_items(run, team):
    write(team, NOTES)
    ingest(run, "notes.md")
    assert run("actions", "done", "1").exit_code == 0
    assert run("actions", "drop", "2").exit_code == 0
    assert ingest(run, "notes.md").stdout == "nothing changed\n"
    assert [item["status"] for item in items(run)] == ["done", "dropped"]


def test_a_checked_task_that_matches_nothing_is_a_warning_not_an_item(run, team):
    write(team, "# Retro\n\n- [x] @sam Fixed the build during the meeting\n")
    result = ingest(run, "notes.md")
    assert result.stdout == "nothing changed\n"
    assert warnings(result) == ["notes.md:3: checked task for @sam matches no open action item; nothing to close"]
    assert not (team / "actions.toml").exists()


def test_a_new_due_date_in_the_notes_moves_the_open_item(run, team):
    write(team, NOTES)
    ingest(run, "notes.md")
    write(team, "- [ ] @ana.lopez Ask payments how the retry change landed (due 2026-12-15)\n"
                "- [ ] @sam Write the on-call handbook\n", "next.md")
    result = ingest(run, "next.md")
    assert result.stdout == (
        "moved the due date (2026-12-01 → 2026-12-15) of 1: Ask payments how the retry change landed "
        "(owner Ana Lopez, due 2026-12-15)\n"
    )
    assert [item["due"] for item in items(run)] == ["2026-12-15", None]  # no date in the notes keeps none


def test_the_open_item_wins_when_several_match(run, team):
    for _ in range(3):
        assert run("actions", "add", "Rotate the keys", "--owner", "Sam").exit_code == 0
    assert run("actions", "done", "1").exit_code == 0
    write(team, "- [x] @sam Rotate the keys\n")
    assert ingest(run, "notes.md").stdout == "closed 2: Rotate the keys (owner Sam)\n"
    assert ingest(run, "notes.md").stdout == "closed 3: Rotate the keys (owner Sam)\n"
    assert ingest(run, "notes.md").stdout == "nothing changed\n"


def test_a_hand_edited_item_no_longer_matches_its_old_notes(run, team):
    """Matching is by content (decided, see docs/actions.md): after an edit the old wording is new again."""
    write(team, "- [ ] @sam Write the handbook\n")
    ingest(run, "notes.md")
    assert run("actions", "edit", "1", "--text", "Write the on-call handbook").exit_code == 0
    assert ingest(run, "notes.md").stdout == "added 2: Write the handbook (owner Sam)\n"


# -- what is skipped, with a warning naming the line -------------------------------------------------------


def test_tasks_without_owner_or_text_are_skipped_naming_the_line(run, team):
    write(
        team,
        """\
        # Retro

        - [ ] Someone should fix the build
        - [ ] @sam
        - [ ] @sam Check the pager (due 2026-02-30)
        - [ ] @Kim Visit the payments team
        """,
    )
    result = ingest(run, "notes.md")
    assert warnings(result) == [
        "notes.md:3: task has no @owner; skipped (write it as '- [ ] @name what to do')",
        "notes.md:4: task for @sam has no text; skipped",
        "notes.md:5: '(due 2026-02-30)' is not a real date (write it like (due 2026-12-01)); it stays in the text",
        "notes.md:6: @Kim is not a member of the team in retrokit.toml; the item is theirs as written",
    ]
    assert result.stdout == (
        "added 1: Check the pager (due 2026-02-30) (owner Sam)\n"
        "added 2: Visit the payments team (owner Kim)\n"
    )


def test_strict_turns_a_warning_into_an_error_and_writes_nothing(run, team):
    write(team, NOTES + "- [ ] nobody owns this\n")
    result = run("ingest", "notes.md", "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "retrokit: error: notes.md:12: task has no @owner; skipped (write it as '- [ ] @name what to do') (--strict)\n"
    )
    assert not (team / "actions.toml").exists()


def test_strict_fails_on_a_warning_found_while_applying_without_writing(run, team):
    write(team, NOTES)
    ingest(run, "notes.md")
    before = (team / "actions.toml").read_bytes()
    write(team, "- [ ] @sam New task\n- [x] @sam Never tracked\n", "more.md")
    result = run("ingest", "more.md", "--strict")
    assert result.exit_code == 1
    assert result.stderr.endswith("matches no open action item; nothing to close (--strict)\n")
    assert (team / "actions.toml").read_bytes() == before


def test_dry_run_shows_the_changes_and_writes_nothing(run, team):
    write(team, NOTES)
    result = ingest(run, "notes.md", "--dry-run")
    assert result.stdout == (
        "would add 1: Ask payments how the retry change landed (owner Ana Lopez, due 2026-12-01)\n"
        "would add 2: Write the on-call handbook (owner Sam)\n"
    )
    assert result.stderr == "retrokit: dry run: nothing written\n"
    assert not (team / "actions.toml").exists()


# -- round trips ---------------------------------------------------------------------------------------------

AWKWARD = [
    'Say "no" to <script>alert(1)</script> & R&D',
    "Back\\slash *stars* _under_ `tick` [link](x) #hash | pipe ~tilde",
    "1. looks like a list",
    "- looks like a bullet",
    "🎉 celebrate 日本語のテキスト 한국어",
    "&amp; stays &amp; and &#x41; stays too",
]


def test_items_the_agenda_prints_escaped_read_back_exactly(run, team):
    """An agenda prints an item as '- [ ] @owner <escaped text> (due …)'; ingesting it finds the item."""
    for text in AWKWARD:
        assert run("actions", "add", "--owner", "Ana Lopez", "--due", "2026-12-01", "--", text).exit_code == 0
    agenda = "# Retro\n\n## Set the stage · 10 min\n\n" + "".join(
        f"- [{'x' if i % 2 else ' '}] @AnaLopez {md_escape(text)} (due 2026-12-01)\n  - How is that situation now?\n"
        for i, text in enumerate(AWKWARD)
    )
    write(team, agenda)
    result = ingest(run, "notes.md")
    assert result.stdout == "".join(
        f"closed {i + 1}: {text} (owner Ana Lopez, due 2026-12-01)\n" for i, text in enumerate(AWKWARD) if i % 2
    )
    assert result.stderr == ""
    assert [item["text"] for item in items(run)] == AWKWARD


def test_new_awkward_texts_are_stored_as_shown(run, team):
    write(team, "".join(f"- [ ] @sam {md_escape(text)}\n" for text in AWKWARD))
    ingest(run, "notes.md")
    assert [item["text"] for item in items(run)] == AWKWARD


def test_an_owner_in_another_script_is_taken(run, team):
    write(team, "- [ ] @山田 日本語のタスク\n- [ ] @Zoë Check the café 🎉\n")
    result = ingest(run, "notes.md")
    assert [(item["owner"], item["text"]) for item in items(run)] == [
        ("山田", "日本語のタスク"), ("Zoë", "Check the café 🎉"),
    ]
    assert warnings(result) == [
        "notes.md:2: @Zoë is not a member of the team in retrokit.toml; the item is theirs as written"
    ]


# -- reading the notes -----------------------------------------------------------------------------------------


def test_notes_from_stdin(run, team):
    result = ingest(run, "-", input=NOTES)
    assert result.stdout.startswith("added 1: ")


def test_a_missing_file_is_one_error_line(run, team):
    result = run("ingest", "missing.md")
    assert result.exit_code == 1
    assert result.stderr == "retrokit: error: cannot read missing.md: No such file or directory\n"


def test_notes_that_are_not_utf8_name_line_and_column(run, team):
    (team / "notes.md").write_bytes(b"# Retro\n\n- [ ] @sam caf\xe9\n")
    result = run("ingest", "notes.md")
    assert result.exit_code == 1
    assert result.stderr == "retrokit: error: notes.md:3:15: not valid UTF-8 (byte 23)\n"
    assert not (team / "actions.toml").exists()


def test_notes_without_tasks_change_nothing(run, team):
    write(team, "# Retro\n\nWe talked. Nobody took an action.\n")
    result = ingest(run, "notes.md")
    assert (result.stdout, result.stderr) == ("nothing changed\n", "")
    assert not (team / "actions.toml").exists()


def test_ingest_needs_a_team_folder(run, isolated):
    write(isolated, NOTES)
    result = run("ingest", "notes.md")
    assert result.exit_code == 1
    assert "create one with 'retrokit init'" in result.stderr


def test_ingest_through_the_installed_command(installed, team):
    write(team, NOTES)
    result = installed("ingest", "notes.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("added 1: Ask payments")
    assert installed("ingest", "notes.md").stdout == "nothing changed\n"


any_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1).filter(lambda t: t.strip() and md_escape(t))


HANDLES = [("Sam", "@sam"), ("Ana Lopez", "@Ana Lopez"), ("Ana Lopez", "@ana.lopez"), ("山田", "@山田")]


@settings(max_examples=int(os.environ.get("RETROKIT_TEST_EXAMPLES", 80)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text, handle=st.sampled_from(HANDLES))
def test_any_item_an_agenda_prints_is_found_again(run, team, text, handle):
    """Whatever the text, '- [x] @owner <escaped text>' closes the item (owner as a name or a handle)."""
    owner, at = handle
    (team / "actions.toml").unlink(missing_ok=True)
    added = run("actions", "add", "--owner", owner, "--", text)
    assert added.exit_code == 0, added.stderr
    write(team, f"# Retro\n\n- [x] {at} {md_escape(text)}\n")
    result = ingest(run, "notes.md")
    assert result.stdout.startswith("closed 1: "), (text, md_escape(text), result.stdout)


def test_a_member_name_with_spaces_may_follow_the_at_sign(run, team):
    (team / "retrokit.toml").write_text(
        '[team]\nmembers = [{ name = "Ana" }, { name = "Ana Lopez" }, { name = "Mary Jo Kim" }]\n', encoding="utf-8"
    )
    write(team, "- [ ] @Ana Lopez Ask payments\n- [ ] @Ana Review the doc\n- [ ] @mary jo kim Book the room\n")
    result = ingest(run, "notes.md")
    assert result.stderr == ""
    assert [(item["owner"], item["text"]) for item in items(run)] == [
        ("Ana Lopez", "Ask payments"), ("Ana", "Review the doc"), ("Mary Jo Kim", "Book the room"),
    ]
    write(team, "- [x] @AnaLopez Ask payments\n- [x] @Mary Jo Kim Book the room\n")
    assert ingest(run, "notes.md").stdout.splitlines() == [
        "closed 1: Ask payments (owner Ana Lopez)", "closed 3: Book the room (owner Mary Jo Kim)",
    ]


def test_an_item_whose_own_text_ends_in_a_due_date_is_found_again(run, team):
    assert run("actions", "add", "Ship it (due 2026-12-01)", "--owner", "Sam").exit_code == 0
    write(team, f"- [ ] @sam {md_escape('Ship it (due 2026-12-01)')}\n")
    assert ingest(run, "notes.md").stdout == "nothing changed\n"
    write(team, f"- [x] @sam {md_escape('Ship it (due 2026-12-01)')}\n")
    assert ingest(run, "notes.md").stdout == "closed 1: Ship it (due 2026-12-01) (owner Sam)\n"


def test_a_rendered_agenda_with_its_items_checked_closes_them(run, team, monkeypatch):
    """The whole loop: items -> `render retro` lists them as tasks -> check them off -> ingest closes them."""
    texts = [('Say "no" to <b>&amp; R&D *now*', "ana lopez"), ("日本語 🎉", "山田"), ("Ship it (due 2026-12-01)", "Sam")]
    for text, owner in texts:
        assert run("actions", "add", "--owner", owner, "--", text).exit_code == 0
    monkeypatch.setenv("RETROKIT_TODAY", "2026-11-25")
    rendered = run("render", "retro", "--seed", "loop")
    assert rendered.exit_code == 0, rendered.stderr
    write(team, rendered.stdout, "agenda.md")
    assert ingest(run, "agenda.md").stdout == "nothing changed\n"  # the open items, as they are
    write(team, rendered.stdout.replace("- [ ] ", "- [x] "), "done.md")
    assert ingest(run, "done.md").stdout.splitlines() == [
        "closed 1: Say \"no\" to <b>&amp; R&D *now* (owner Ana Lopez)",
        "closed 2: 日本語 🎉 (owner 山田)",
        "closed 3: Ship it (due 2026-12-01) (owner Sam)",
    ]
