"""The built-in health check (plugins/health_check.py): `retrokit render health-check` with and without a
votes file, in every format and through doctor; `retrokit health init|next`; bad votes files; its action
items through the ledger like a retro's."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from retrokit import hookspecs

TODAY = "2026-12-02"
FORMATS = ["markdown", "confluence", "notion", "json", "html"]

VOTES = """\
schema = 1
round = "2026-12"
previous_round = "2026-11"

[[card]]
id = "learning"
green = 5
amber = 2
red = 0
previous = { green = 4, amber = 3, red = 0 }

[[card]]
id = "ease-of-release"
green = 1
amber = 2
red = 4
previous = { green = 3, amber = 3, red = 1 }

[[card]]
id = "sustainable-pace"
green = 2
amber = 3
red = 2
previous = { green = 6, amber = 1, red = 0 }

[[card]]
id = "on-call"
title = "On-call | nights"
awesome = "A quiet week on call is the *normal* week."
awful = "Nobody sleeps through a week on call."
green = 0
amber = 3
red = 4
"""


#: The results table reaches the template through retrokit_template_globals (hook API 1.3, templates).
#: TODO: drop this mark once that hook is on main; every test below then runs (they pass with it).
TABLE = hasattr(hookspecs, "retrokit_template_globals")
needs_table = pytest.mark.skipif(not TABLE, reason="the results table needs retrokit_template_globals")


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RETROKIT_TODAY", TODAY)


@pytest.fixture
def team(isolated) -> Path:
    (isolated / "retrokit.toml").write_text(
        '[team]\nname = "Platform"\nmembers = [{ name = "Ana" }, { name = "Sam" }]\n', encoding="utf-8"
    )
    return isolated


def votes(folder: Path, text: str = VOTES, name: str = "health.toml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def render(run, *args):
    result = run("render", "health-check", "--seed", "hc", *args)
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and "warning" not in result.stderr, result.stderr
    return result


def section(markdown: str, title: str) -> str:
    return markdown.split(f"## {title} · ", 1)[1].split("\n## ", 1)[0]


# -- the agenda --------------------------------------------------------------------------------------


def test_the_worst_and_most_declining_cards_lead_the_discussion(run, team):
    votes(team)
    markdown = render(run).stdout
    talk = section(markdown, "Talk about the cards")
    cards = [line.split(":** ", 1)[1].split(":", 1)[0] for line in talk.splitlines() if line.startswith("- **")]
    # concern = 100 - score + points lost: ease of release 71 + 35, pace 50 + 43, on-call 79 (no last
    # round); learning scores 86 and rose: healthy
    assert cards == ["Ease of release", "Sustainable pace", "On-call \\| nights"]
    assert "1 green, 2 amber, 4 red, score 29, down from 64 last round." in talk
    assert "Learning" not in talk
    # each card practises another empathy behaviour, which the planner chose for the section
    labels = [line.split(" · ")[0].removeprefix("- **") for line in talk.splitlines() if line.startswith("- **")]
    assert len(set(labels)) == 3 and set(labels) <= {
        "Validation", "Perspective-taking", "Reflective responding", "Active listening", "Problem-solving support",
        "Follow-up", "Psychological safety", "Well-being check-ins", "Shared metrics", "Cross-team partnership",
        "Inclusion", "Candour with care",
    }, labels
    assert "A quiet week on call is the \\*normal\\* week." in talk  # the team's words, escaped


@needs_table
def test_the_results_table_holds_every_card_with_its_trend(run, team):
    votes(team)
    results = section(render(run).stdout, "The results")
    assert "Votes from **`health.toml`** (2026-12), last round 2026-11" in results
    rows = [line for line in results.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Card | Green | Amber | Red | Score | Last round | Trend | Talk |"
    assert rows[1:] == [
        "| Learning | 5 | 2 | 0 | 86 | 79 | → |  |",
        "| Ease of release | 1 | 2 | 4 | 29 | 64 | ↓ 35 | 1 |",
        "| Sustainable pace | 2 | 3 | 2 | 50 | 93 | ↓ 43 | 2 |",
        "| On-call \\| nights | 0 | 3 | 4 | 21 |  |  | 3 |",
    ]
    assert "Read the table in silence" in results


@needs_table
def test_without_a_votes_file_the_meeting_votes_and_says_how_to_start_one(run, team):
    result = render(run)
    results = section(result.stdout, "The results")
    assert "No votes file yet" in results and "`retrokit health init` writes `health.toml`" in results
    rows = [line for line in results.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 12 and rows[0] == "| Card | Awesome | Awful | Green | Amber | Red |"
    assert "Vote on each card in the table, all at once" in results
    assert "The card with the most red votes." in section(result.stdout, "Talk about the cards")
    assert "health.toml" not in result.stderr  # the agenda says it; nothing is wrong
    # with no team folder at all, the same agenda
    assert "No votes file yet" in render(run, "--team", str(team)).stdout


def test_when_every_card_is_healthy_the_discussion_thanks_who_keeps_it_so(run, team):
    votes(team, '[[card]]\nid = "learning"\ngreen = 6\n\n[[card]]\nid = "one-team"\ngreen = 5\namber = 1\n')
    talk = section(render(run).stdout, "Talk about the cards")
    assert "Every card is green or close to it." in talk


def test_a_short_meeting_talks_about_fewer_cards_and_says_which_waited(run, team):
    votes(team)
    result = render(run, "--minutes", "30")
    talk = section(result.stdout, "Talk about the cards")
    assert " · 12 min:** Ease of release: " in [line for line in talk.splitlines() if line.startswith("- **")][0]
    assert talk.count("\n- **") == 1  # one card, at its longest
    assert "2 more cards need talk than 12 minutes hold (Sustainable pace, On-call | nights)" in result.stderr and "the results table shows them" in result.stderr


@pytest.mark.parametrize("minutes", [26, 30, 45, 90, 180])
@pytest.mark.parametrize("with_votes", [True, False], ids=["votes", "no-votes"])
def test_every_length_from_the_shortest_keeps_its_time_boxes(run, team, minutes, with_votes):
    if with_votes:
        votes(team)
    markdown = render(run, "--minutes", str(minutes), "--strict").stdout
    boxes = [int(line.rsplit(" · ", 1)[1].removesuffix(" min")) for line in markdown.splitlines()
             if line.startswith("## ")]
    assert sum(boxes) == minutes
    for part in markdown.split("\n## ")[1:]:
        box = int(part.split(" min", 1)[0].rsplit(" · ", 1)[1])
        items = [int(line.split(" · ", 1)[1].split(" min", 1)[0]) for line in part.splitlines()
                 if line.startswith("- **") or line.startswith("**Open action items")]
        assert sum(items) == box, part
    short = run("render", "health-check", "--minutes", "25")
    assert short.exit_code == 2 and "the shortest sensible one is 26 minutes" in short.stderr


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("with_votes", [True, False], ids=["votes", "no-votes"])
def test_it_renders_in_every_format_with_strict(run, team, fmt, with_votes):
    if with_votes:
        votes(team)
    text = render(run, "--format", fmt, "--strict").stdout
    if fmt == "confluence":
        from lxml import etree

        root = etree.fromstring(f"<root xmlns:ac='a' xmlns:ri='r'>{text}</root>".encode())
        assert "Talk about the cards" in text and root.findall(".//{a}structured-macro")  # the panels
        assert root.findall(".//table") or not TABLE
    elif fmt == "notion":
        blocks = json.loads(text)
        kinds = {block["type"] for block in blocks["children"]}
        assert "callout" in kinds and ("table" in kinds or not TABLE)
    elif fmt == "json":
        agenda = json.loads(text)
        assert agenda["kind"] == "health-check"
        cards = next(s for s in agenda["sections"] if s["id"] == "cards")
        assert all(item["plugin"] == "health-check" for item in cards["items"])
    elif fmt == "html":
        assert "<h2>Talk about the cards" in text and ("<table>" in text or not TABLE)
    else:
        assert text.startswith("# Team health check · Platform\n")


def test_doctor_renders_it_and_names_a_bad_votes_file(run, team):
    votes(team)
    good = run("doctor")
    assert good.exit_code == 0, good.stdout + good.stderr
    votes(team, VOTES.replace("red = 4\nprevious", "red = -4\nprevious"))
    bad = run("doctor")
    assert bad.exit_code == 1
    assert "health.toml:16: card 'ease-of-release' red must be a whole number of 0 or more, not -4" in bad.stdout


# -- bad votes files ---------------------------------------------------------------------------------


BAD = [
    ("schema = 1\n[[card]\nid = 'x'\n", "health.toml:2:", "invalid TOML"),
    ("schema = 2\n[[card]]\nid = 'learning'\n", "health.toml:1:", "schema = 2, but this retrokit reads schema 1"),
    ("rounds = 'x'\n[[card]]\nid = 'learning'\n", "health.toml:1:", "unknown entry 'rounds' (did you mean 'round'?)"),
    ("[[card]]\nid = 'learning'\n\n[[card]]\nid = 'learnin'\ngreen = 1\n", "health.toml:4:",
     "unknown card 'learnin' (did you mean 'learning'?)"),
    ("[[card]]\nid = 'learning'\ngren = 1\n", "health.toml:3:", "unknown key 'gren' (did you mean 'green'?)"),
    ("[[card]]\nid = 'learning'\ngreen = 'three'\n", "health.toml:3:", "green must be a whole number of 0 or more"),
    ("[[card]]\nid = 'learning'\n\n[[card]]\nid = 'learning'\n", "health.toml:4:",
     "card 'learning' is listed twice (first at line 1)"),
    ("[[card]]\nid = 'learning'\nprevious = { green = 1, ambr = 2 }\n", "health.toml:3:",
     "previous has unknown key 'ambr'"),
    ("round = 3\n", "health.toml:1:", "round must be text"),
    ("schema = 1\n", "health.toml:1:", "the file needs [[card]] tables"),
]


@pytest.mark.parametrize("text, where, what", BAD, ids=[b[2][:30] for b in BAD])
def test_a_bad_votes_file_is_one_line_naming_file_and_line(run, team, text, where, what):
    votes(team, text)
    strict = run("render", "health-check", "--seed", "hc", "--strict")
    assert strict.exit_code == 1 and strict.stdout == ""
    lines = strict.stderr.strip().splitlines()
    error = [line for line in lines if line.startswith("retrokit: error:")]
    assert len(error) == 1 and where in error[0] and what in error[0], strict.stderr
    assert "Traceback" not in strict.stderr
    lenient = run("render", "health-check", "--seed", "hc")
    assert lenient.exit_code == 0 and lenient.stdout.startswith("# Team health check")
    assert [line for line in lenient.stderr.splitlines() if "warning" in line] == [
        line.replace("retrokit: error:", "retrokit: warning:").removesuffix(" (--strict)") for line in error
    ]


@needs_table
def test_the_settings_name_another_votes_file(run, team):
    (team / "retrokit.toml").write_text('[plugin.health-check]\nfile = "votes/q4.toml"\n', encoding="utf-8")
    (team / "votes").mkdir()
    votes(team, VOTES, "votes/q4.toml")
    assert "Votes from **`votes/q4.toml`**" in render(run).stdout
    (team / "retrokit.toml").write_text('[plugin.health-check]\nfile = 3\n', encoding="utf-8")
    bad = run("render", "health-check", "--strict")
    assert bad.exit_code == 1 and "retrokit.toml:2: [plugin.health-check] file must name the votes file" in bad.stderr


# -- retrokit health init | next ---------------------------------------------------------------------


@needs_table
def test_init_writes_a_file_with_every_card_and_never_replaces_one(run, team):
    first = run("health", "init")
    assert first.exit_code == 0 and first.stdout == "", first.stderr
    text = (team / "health.toml").read_text(encoding="utf-8")
    assert text.count("[[card]]") == 12 and "#   awesome: " in text
    again = run("health", "init")
    assert again.exit_code == 1 and "already exists; it was left as it is" in again.stderr
    assert (team / "health.toml").read_text(encoding="utf-8") == text
    # a file with no votes yet: the agenda still runs the vote in the meeting
    assert "No votes in `health.toml` yet" in render(run).stdout


@needs_table
def test_next_makes_this_rounds_votes_last_rounds(run, team):
    votes(team)
    result = run("health", "next", "--round", "2027-01")
    assert result.exit_code == 0, result.stderr
    text = (team / "health.toml").read_text(encoding="utf-8")
    assert 'round = "2027-01"\nprevious_round = "2026-12"' in text
    assert 'id = "ease-of-release"\n# Ease of release\n' in text
    assert "green = 0\namber = 0\nred = 0\nprevious = { green = 1, amber = 2, red = 4 }" in text
    assert 'title = "On-call | nights"' in text  # the team's own card keeps its words
    markdown = render(run).stdout
    assert "| Ease of release | " in markdown and " | 29 |  |  |  |" in markdown  # last round's score, no votes
    again = run("health", "next")
    assert again.exit_code == 1 and "has no votes this round; nothing was moved" in again.stderr
    assert (team / "health.toml").read_text(encoding="utf-8") == text


def test_next_leaves_a_bad_file_alone_and_needs_a_team_folder(run, team, isolated, tmp_path, monkeypatch):
    path = votes(team, "[[card]]\nid = 'learning'\ngreen = -1\n")
    result = run("health", "next")
    assert result.exit_code == 1 and "health.toml:3: card 'learning' green" in result.stderr
    assert "the file was left as it is" in result.stderr and path.read_text(encoding="utf-8").endswith("-1\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    alone = run("health", "init")
    assert alone.exit_code == 1 and "no retrokit.toml here or above" in alone.stderr


def test_the_installed_command_has_the_health_commands(installed, team):
    result = installed("health", "init", "--team", str(team), env={"RETROKIT_LOAD_PLUGINS": ""})
    assert result.returncode == 0, result.stderr
    assert (team / "health.toml").is_file()
    listed = installed("--help", env={"RETROKIT_LOAD_PLUGINS": ""})
    assert "health" in listed.stdout


# -- the ledger ----------------------------------------------------------------------------------------


def test_its_action_items_reach_the_ledger_and_open_the_next_health_check(run, team):
    votes(team)
    render(run, "-o", "notes.md")
    notes = (team / "notes.md").read_text(encoding="utf-8")
    decide = "## Decide what to change · "
    head, tail = notes.split(decide, 1)
    filled = head + decide + tail.replace("\n\n", "\n\n- [ ] @Ana Pair on the release checklist (due 2026-12-16)\n"
                                          "- [ ] @Sam Ask the platform team about release windows\n\n", 1)
    (team / "notes.md").write_text(filled, encoding="utf-8")
    ingested = run("ingest", "notes.md")
    assert ingested.exit_code == 0, ingested.stderr
    items = json.loads(run("actions", "list", "--json").stdout)
    assert [(item["owner"], item["text"], item["meeting"]) for item in items] == [
        ("Ana", "Pair on the release checklist", f"Team health check · Platform {TODAY}"),
        ("Sam", "Ask the platform team about release windows", f"Team health check · Platform {TODAY}"),
    ]
    arrive = section(render(run).stdout, "Arrive")
    assert "- [ ] @Ana Pair on the release checklist (due 2026-12-16)" in arrive
    assert "- [ ] @Sam Ask the platform team about release windows" in arrive
    run("ingest", "notes.md")  # twice changes nothing
    assert json.loads(run("actions", "list", "--json").stdout) == items


# -- RETROKIT_KINDS ------------------------------------------------------------------------------------


def test_a_plugin_declaring_its_kinds_adjusts_only_those(run, tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "pairs_only.py").write_text(textwrap.dedent('''\
        from retrokit import hookimpl

        RETROKIT_KINDS = ["one-on-one"]


        @hookimpl
        def retrokit_adjust_agenda(agenda):
            agenda.sections[0].title = "Touched"
    '''), encoding="utf-8")
    retro = run("render", "retro", "--plugins-dir", str(folder), "--seed", "k", "--strict")
    pair = run("render", "one-on-one", "--plugins-dir", str(folder), "--seed", "k", "--strict")
    assert retro.exit_code == pair.exit_code == 0, retro.stderr + pair.stderr
    assert "\n## Touched · " not in retro.stdout and "\n## Touched · " in pair.stdout
    (folder / "pairs_only.py").write_text(
        (folder / "pairs_only.py").read_text(encoding="utf-8").replace('["one-on-one"]', '"one-on-one"'), encoding="utf-8"
    )
    loose = run("render", "retro", "--plugins-dir", str(folder), "--seed", "k")
    assert loose.exit_code == 0 and "\n## Touched · " in loose.stdout  # not a list: every kind, with a warning
    assert "declares RETROKIT_KINDS = 'one-on-one': use a list of meeting kind names" in loose.stderr
