"""`retrokit render`: the agenda document a user gets, its time boxes, its seed and its empathy coverage."""

from __future__ import annotations

import os
import re
import shlex
import stat

import pytest
from markdown_it import MarkdownIt

RETRO_SECTIONS = ["Set the stage", "Gather data", "Generate insights", "Decide what to do", "Close"]
ONE_ON_ONE_SECTIONS = [
    "Check-in and well-being",
    "Their topics first",
    "Feedback both ways",
    "Growth",
    "Follow-ups",
    "Commitments",
]
SECTIONS = {"retro": RETRO_SECTIONS, "one-on-one": ONE_ON_ONE_SECTIONS}
TITLES = {"retro": "Retrospective", "one-on-one": "One-on-one"}
DEFAULT_MINUTES = {"retro": 60, "one-on-one": 30}
CORE_TITLES = [
    "Active listening",
    "Validation",
    "Reflective responding",
    "Perspective-taking",
    "Problem-solving support",
    "Follow-up",
]
SEED_ALPHABET = set("abcdefghjkmnpqrstuvwxyz23456789")

HEADING = re.compile(r"^## (.+) · (\d+) min$")
ITEM = re.compile(r"^- \*\*(.+?) · (\d+) min:\*\* \S")
COVERAGE = re.compile(r"^\*\*Empathy coverage:\*\* (.+)\.$")

KICKOFF_PLUGIN = '''
from retrokit import hookimpl


@hookimpl
def retrokit_prompts():
    return [
        {"id": "kickoff.hopes-and-fears", "text": "Each person writes one hope and one fear for the project.",
         "behavior": "listening", "kinds": ["kickoff"], "phase": "hopes", "minutes": 5,
         "note": "Read every note aloud before anyone responds."},
        {"id": "kickoff.thank-a-teammate", "text": "Thank one teammate for something specific they did.",
         "behavior": "validation", "kinds": ["retro", "kickoff"], "phase": "close", "minutes": 3},
    ]


@hookimpl
def retrokit_meeting_kinds():
    return [{
        "name": "kickoff", "title": "Project kickoff", "default_minutes": 40,
        "prompt_kinds": ["kickoff", "retro"],
        "sections": [
            {"id": "hopes", "title": "Hopes and fears", "phases": ["hopes"], "min_minutes": 5, "max_items": 1},
            {"id": "working", "title": "Working together",
             "phases": ["check-in", "follow-up", "gather", "insight", "decide"],
             "weight": 3, "min_minutes": 10, "max_items": 5},
            {"id": "wrap-up", "title": "Wrap up", "phases": ["close"], "min_minutes": 3, "max_items": 1},
        ],
    }]
'''

STAMINA_PLUGIN = '''
from retrokit import hookimpl


@hookimpl
def retrokit_behaviors():
    return [{"name": "stamina", "title": "Stamina"}]


@hookimpl
def retrokit_prompts():
    return [{"id": "stamina.pace", "text": "How sustainable was our pace?", "behavior": "stamina",
             "kinds": ["one-on-one"], "phase": "check-in", "minutes": 3}]
'''

FAILING_FORMAT_PLUGIN = '''
from retrokit import hookimpl


def render(request):
    raise ValueError("renderer exploded")


@hookimpl
def retrokit_formats():
    return [{"name": "boom", "render": render}]
'''


# -- helpers ------------------------------------------------------------------------------------------


def ok(result, room_note: bool = False) -> str:
    """The document of a successful render: exit 0 and nothing at all on stderr (with ``room_note``, at
    most the planner's note that a core behaviour found no room)."""
    assert result.exit_code == 0, result.stderr
    if room_note and result.stderr:
        assert result.stderr.startswith("retrokit: note: no room for ") and result.stderr.count("\n") == 1
        return result.stdout
    assert result.stderr == ""
    return result.stdout


def sections(doc: str) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """[(section title, time box, [(behaviour title, item minutes), ...]), ...] in document order."""
    found = []
    for line in doc.splitlines():
        if line.startswith("## "):
            heading = HEADING.match(line)
            assert heading, f"heading without a '· N min' time box: {line!r}"
            found.append((heading.group(1), int(heading.group(2)), []))
        elif line.startswith("- ") and found:
            item = ITEM.match(line)
            if item:
                found[-1][2].append((item.group(1), int(item.group(2))))
            else:
                assert line == "- Open discussion.", f"unexpected list item: {line!r}"
    return found


#: The labels of the items with no prompt: spare time, shown as such (never a stretched activity).
SPARE_LABELS = {"Open discussion", "Buffer"}


def item_behaviors(doc: str) -> set[str]:
    return {behavior for _, _, items in sections(doc) for behavior, _ in items if behavior not in SPARE_LABELS}


def coverage(doc: str) -> list[str]:
    """The behaviours named on the document's last line."""
    last = doc.rstrip("\n").splitlines()[-1]
    match = COVERAGE.match(last)
    assert match, f"last line is not the coverage line: {last!r}"
    return match.group(1).split(", ")


def shown_seed_and_command(doc: str) -> tuple[str, list[str]]:
    """The seed and the regenerate command as a reader sees them (the NOTE's code spans: the seed, the
    plan id, the command)."""
    for token in MarkdownIt("commonmark").parse(doc):
        if token.type == "inline" and "regenerate with" in token.content:
            spans = [child.content for child in token.children if child.type == "code_inline"]
            assert len(spans) == 3, token.content
            return spans[0], shlex.split(spans[2])
    raise AssertionError("no 'regenerate with' note in the document")


def rerun_shown_command(run, doc: str):
    seed, argv = shown_seed_and_command(doc)
    assert argv[:2] == ["retrokit", "render"]
    return run(*argv[1:])


def check_agenda(doc: str, kind: str, minutes: int) -> None:
    """The time-box contract: the kind's sections in order, boxes adding up to exactly ``minutes``."""
    found = sections(doc)
    assert [title for title, _, _ in found] == SECTIONS[kind]
    assert sum(box for _, box, _ in found) == minutes
    for title, box, items in found:
        assert box >= 1, title
        if items:  # the items of a section fill its time box exactly
            assert sum(m for _, m in items) == box, (title, box, items)
    assert set(coverage(doc)) == item_behaviors(doc)


def write_plugin(folder, name: str, source: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.py").write_text(source, encoding="utf-8")
    return folder


def stderr_line(result) -> str:
    """The single line a failure writes to stderr."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


# -- the document ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
def test_default_render_is_a_complete_markdown_document(run, kind):
    doc = ok(run("render", kind, "--seed", "abc"))
    assert doc.startswith(f"# {TITLES[kind]}\n\n> [!NOTE]\n> {DEFAULT_MINUTES[kind]} min · seed `abc` · ")
    assert doc.endswith(".\n") and not doc.endswith("\n\n")
    assert "{{" not in doc and "{%" not in doc
    check_agenda(doc, kind, DEFAULT_MINUTES[kind])

    tokens = MarkdownIt("commonmark").parse(doc)
    h1 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    h2 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert h1 == [TITLES[kind]]
    assert [h.rsplit(" · ", 1)[0] for h in h2] == SECTIONS[kind]


@pytest.mark.parametrize("minutes", range(23, 121))
def test_retro_time_boxes_add_up_to_every_length(run, minutes):
    for seed in ("fixed", f"s{minutes}"):
        # at the 23-minute minimum five small boxes may not hold all six core behaviours; the note says so
        doc = ok(run("render", "retro", "--minutes", str(minutes), "--seed", seed), room_note=minutes < 25)
        check_agenda(doc, "retro", minutes)


@pytest.mark.parametrize("minutes", range(15, 91))
def test_one_on_one_time_boxes_add_up_to_every_length(run, minutes):
    for seed in ("fixed", f"s{minutes}"):
        doc = ok(run("render", "one-on-one", "-m", str(minutes), "--seed", seed), room_note=minutes < 20)
        check_agenda(doc, "one-on-one", minutes)


@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
@pytest.mark.parametrize("minutes", [121, 180, 240, 480])
def test_long_meetings_still_add_up_exactly(run, kind, minutes):
    check_agenda(ok(run("render", kind, "-m", str(minutes), "--seed", "long")), kind, minutes)


def test_the_note_states_length_and_seed(run):
    doc = ok(run("render", "one-on-one", "-m", "45", "--seed", "sprint-12"))
    plan = re.search(r"plan `(one-on-one-45:[^`]+)`", doc).group(1)
    assert doc.splitlines()[3] == (
        f"> 45 min · seed `sprint-12` · plan `{plan}` · regenerate with "
        f"`retrokit render one-on-one --seed sprint-12 --plan {plan}`"
    )


# -- determinism and seeds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("render", "retro", "--seed", "a"),
        ("render", "one-on-one", "--seed", "a"),
        ("render", "retro", "-m", "90", "--seed", "x y", "-b", "safety", "-x", "validation"),
    ],
)
def test_same_arguments_and_seed_give_byte_identical_output(run, args):
    first = run(*args)
    assert first.exit_code == 0
    assert run(*args).stdout_bytes == first.stdout_bytes


def test_output_is_identical_across_separate_processes(run, installed):
    args = ("render", "retro", "--seed", "cross-process", "-b", "partnership")
    outputs = [installed(*args, env={"PYTHONHASHSEED": str(h)}) for h in (1, 2)]
    for result in outputs:
        assert result.returncode == 0 and result.stderr == ""
    assert outputs[0].stdout == outputs[1].stdout == run(*args).stdout


@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
def test_different_seeds_give_different_agendas(run, kind):
    bodies = set()
    for n in range(12):
        doc = ok(run("render", kind, "--seed", f"seed-{n}"))
        bodies.add(doc.split("\n", 4)[4])  # everything after the NOTE line that names the seed
    assert len(bodies) == 12


@pytest.mark.parametrize(
    "args",
    [
        ("render", "retro"),
        ("render", "one-on-one"),
        ("render", "retro", "-m", "37", "-b", "shared-metrics", "-x", "validation"),
        ("render", "one-on-one", "--minutes", "50", "--behavior", "well-being"),
    ],
)
def test_a_drawn_seed_is_shown_and_its_command_reproduces_the_document(run, args):
    doc = ok(run(*args))
    seed, argv = shown_seed_and_command(doc)
    assert len(seed) == 8 and set(seed) <= SEED_ALPHABET
    assert argv[argv.index("--seed") + 1] == seed
    again = rerun_shown_command(run, doc)
    assert again.exit_code == 0 and again.stderr == ""
    assert again.stdout_bytes == doc.encode("utf-8")


def test_each_run_without_seed_draws_a_new_one(run):
    seeds = {shown_seed_and_command(ok(run("render", "retro")))[0] for _ in range(3)}
    assert len(seeds) == 3


@pytest.mark.parametrize("seed", ["sprint 12", "it's", "`tick`", "a*b_c|d", "$HOME", "back\\slash", "ünï"])
def test_a_seed_with_special_characters_is_shown_exactly_and_reproduces(run, seed):
    doc = ok(run("render", "retro", "--seed", seed))
    shown, _ = shown_seed_and_command(doc)
    assert shown == seed
    assert rerun_shown_command(run, doc).stdout == doc


def test_a_seed_with_repeated_spaces_is_shown_exactly(run):
    doc = ok(run("render", "retro", "--seed", "sprint  12"))
    assert shown_seed_and_command(doc)[0] == "sprint  12"
    assert rerun_shown_command(run, doc).stdout == doc


@pytest.mark.parametrize("option", ["--title", "--team", "--plugins-dir", "--disable-plugin"])
def test_the_regenerate_command_keeps_every_option_that_shapes_the_document(run, tmp_path, option):
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text('[team]\nname = "Platform"\n', encoding="utf-8")
    value = {
        "--title": "Sprint 12 retro",
        "--team": str(team),
        "--plugins-dir": str(write_plugin(tmp_path / "plugins", "kickoff", KICKOFF_PLUGIN)),
        "--disable-plugin": "shared-metrics",
    }[option]
    # seed 'b' puts a shared-metrics prompt in the default retro, so disabling the plugin shows
    doc = ok(run("render", "retro", "--seed", "b", option, value))
    _, argv = shown_seed_and_command(doc)
    assert argv[argv.index(option) + 1] == value
    assert rerun_shown_command(run, doc).stdout == doc


# -- empathy coverage ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
def test_every_core_behaviour_is_exercised_at_the_default_length(run, kind):
    for n in range(30):
        doc = ok(run("render", kind, "--seed", f"core-{n}"))
        named = coverage(doc)
        assert named[:6] == CORE_TITLES, (n, named)  # the core six lead, in their fixed order
        assert set(CORE_TITLES) <= item_behaviors(doc)


@pytest.mark.parametrize("kind,minutes", [("retro", 25), ("one-on-one", 20)])  # shorter: see the next test
def test_core_behaviours_fit_even_the_shortest_meeting(run, kind, minutes):
    for n in range(10):
        doc = ok(run("render", kind, "-m", str(minutes), "--seed", f"short-{n}"))
        assert set(CORE_TITLES) <= item_behaviors(doc)


@pytest.mark.parametrize("kind,minutes", [("retro", 23), ("one-on-one", 15)])
def test_a_meeting_too_short_for_all_six_says_which_are_missing_rather_than_cramming_activities(run, kind, minutes):
    # at the shortest lengths no box may hold two activities at their suggested length, so a core
    # behaviour can stay out; then stderr names exactly the missing ones and why, and nothing else
    for n in range(10):
        result = run("render", kind, "-m", str(minutes), "--seed", f"short-{n}")
        assert result.exit_code == 0
        missing = [title for title in CORE_TITLES if title not in item_behaviors(result.stdout)]
        expected = (
            f"retrokit: note: no room for {', '.join(missing)} in {minutes} minutes (one activity per section, a "
            "second only where both fit at their suggested length); a longer meeting has room\n"
        ) if missing else ""
        assert result.stderr == expected
        check_agenda(result.stdout, kind, minutes)


@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
def test_excluding_validation_removes_it_from_items_and_coverage(run, kind):
    for n in range(15):
        doc = ok(run("render", kind, "--exclude-behavior", "validation", "--seed", f"x-{n}"))
        assert "Validation" not in item_behaviors(doc)
        assert "Validation" not in coverage(doc)
        assert set(CORE_TITLES) - {"Validation"} <= set(coverage(doc))


@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
def test_asking_for_shared_metrics_makes_it_appear(run, kind):
    for n in range(15):
        doc = ok(run("render", kind, "--behavior", "shared-metrics", "--seed", f"b-{n}"))
        assert "Shared metrics" in item_behaviors(doc)
        assert "Shared metrics" in coverage(doc)
        assert set(CORE_TITLES) <= set(coverage(doc))


@pytest.mark.parametrize(
    "behavior,title",
    [
        ("safety", "Psychological safety"),
        ("well-being", "Well-being check-ins"),
        ("partnership", "Cross-team partnership"),
        ("listening", "Active listening"),
    ],
)
def test_any_behaviour_can_be_asked_for_in_both_kinds(run, behavior, title):
    for kind in ("retro", "one-on-one"):
        for n in range(3):
            assert title in item_behaviors(ok(run("render", kind, "-b", behavior, "--seed", f"{kind}{n}")))


def test_when_asked_behaviours_do_not_fit_stderr_says_which_and_the_document_stays_whole(run):
    result = run(
        "render", "retro", "-m", "23", "--seed", "a",
        "-b", "shared-metrics", "-b", "well-being", "-b", "safety", "-b", "partnership",
    )
    assert result.exit_code == 0
    asked = ("Shared metrics", "Well-being check-ins", "Psychological safety", "Cross-team partnership",
             "Active listening", "Validation", "Reflective responding", "Perspective-taking",
             "Problem-solving support", "Follow-up")  # the asked ones, then the core six, as the note orders them
    missing = [title for title in asked if title not in coverage(result.stdout)]
    assert missing  # four asked behaviours and the core six cannot all fit five small sections
    assert result.stderr == (
        f"retrokit: note: no room for {', '.join(missing)} in 23 minutes (one activity per section, a second "
        "only where both fit at their suggested length); a longer meeting has room\n"
    )
    check_agenda(result.stdout, "retro", 23)


def test_an_asked_behaviour_without_prompts_for_the_kind_is_a_note_not_a_room_problem(run, tmp_path):
    plugins = write_plugin(tmp_path / "plugins", "stamina", STAMINA_PLUGIN)
    result = run("render", "retro", "--seed", "a", "-b", "stamina", "--plugins-dir", str(plugins))
    assert result.exit_code == 0
    assert result.stderr == "retrokit: note: no Stamina prompts suit a retro\n"
    check_agenda(result.stdout, "retro", 60)
    assert "Stamina" not in coverage(result.stdout)


# -- writing a file --------------------------------------------------------------------------------------


def test_output_file_holds_the_document_and_stdout_stays_empty(run, isolated):
    expected = run("render", "retro", "--seed", "file").stdout_bytes
    result = run("render", "retro", "--seed", "file", "-o", "agenda.md")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "retrokit: wrote agenda.md\n"
    assert (isolated / "agenda.md").read_bytes() == expected
    assert sorted(p.name for p in isolated.iterdir()) == ["agenda.md"]


def test_output_dash_means_stdout(run, isolated):
    result = run("render", "retro", "--seed", "dash", "-o", "-")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == run("render", "retro", "--seed", "dash").stdout
    assert list(isolated.iterdir()) == []


def test_output_file_is_replaced_whole_and_keeps_its_permissions(run, isolated):
    target = isolated / "agenda.md"
    target.write_text("old notes that are longer than nothing\n" * 500, encoding="utf-8")
    target.chmod(0o640)
    result = run("render", "one-on-one", "--seed", "over", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == run("render", "one-on-one", "--seed", "over").stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in isolated.iterdir()) == ["agenda.md"]  # no temporary file left behind


def test_a_new_output_file_gets_the_usual_permissions(run, isolated):
    umask = os.umask(0)
    os.umask(umask)
    assert run("render", "retro", "-o", "new.md").exit_code == 0
    assert stat.S_IMODE((isolated / "new.md").stat().st_mode) == 0o666 & ~umask


def test_output_into_a_missing_folder_is_one_error_line(run, isolated):
    result = run("render", "retro", "-o", "missing/agenda.md")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert stderr_line(result) == "retrokit: error: cannot write missing/agenda.md: the folder missing does not exist"
    assert list(isolated.iterdir()) == []


def test_output_below_a_file_fails_and_leaves_that_file_alone(run, isolated):
    (isolated / "notes.md").write_text("keep me\n", encoding="utf-8")
    result = run("render", "retro", "-o", "notes.md/agenda.md")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert stderr_line(result) == "retrokit: error: cannot write notes.md/agenda.md: notes.md is not a folder"
    assert (isolated / "notes.md").read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in isolated.iterdir()) == ["notes.md"]


def test_output_onto_a_directory_is_exit_1_and_leaves_it_alone(run, isolated):
    (isolated / "out").mkdir()
    (isolated / "out" / "agenda.md").write_text("keep me\n", encoding="utf-8")
    result = run("render", "retro", "-o", "out")
    assert result.stdout == ""
    assert stderr_line(result) == "retrokit: error: cannot write out: it is a folder"
    assert (isolated / "out" / "agenda.md").read_text(encoding="utf-8") == "keep me\n"
    assert result.exit_code == 1


def test_output_through_a_symlink_updates_the_linked_file(run, isolated):
    (isolated / "shared").mkdir()
    real = isolated / "shared" / "agenda.md"
    real.write_text("old\n", encoding="utf-8")
    (isolated / "agenda.md").symlink_to(real)
    result = run("render", "retro", "--seed", "link", "-o", "agenda.md")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "retrokit: wrote agenda.md\n")
    assert (isolated / "agenda.md").is_symlink()
    assert real.read_text(encoding="utf-8") == run("render", "retro", "--seed", "link").stdout


def test_a_failed_render_leaves_the_existing_output_file_untouched(run, isolated, tmp_path):
    plugins = write_plugin(tmp_path / "plugins", "exploding", FAILING_FORMAT_PLUGIN)
    (isolated / "agenda.md").write_text("last week's agenda\n", encoding="utf-8")
    result = run("render", "retro", "--plugins-dir", str(plugins), "-f", "boom", "-o", "agenda.md")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert stderr_line(result) == (
        "retrokit: error: format 'boom' (plugin 'exploding') failed: ValueError: renderer exploded"
    )
    assert (isolated / "agenda.md").read_text(encoding="utf-8") == "last week's agenda\n"
    assert sorted(p.name for p in isolated.iterdir()) == ["agenda.md"]


# -- team, title, plugins --------------------------------------------------------------------------------


@pytest.fixture
def team(tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "retrokit.toml").write_text(
        '[team]\nname = "Platform"\n\n[minutes]\nretro = 45\n', encoding="utf-8"
    )
    return folder


def test_team_name_is_in_the_title_and_its_retro_length_is_the_default(run, team):
    doc = ok(run("render", "retro", "--team", str(team), "--seed", "t"))
    assert doc.startswith("# Retrospective · Platform\n\n> [!NOTE]\n> 45 min · seed `t` ·")
    check_agenda(doc, "retro", 45)


def test_minutes_option_beats_the_team_default_and_other_kinds_keep_theirs(run, team):
    check_agenda(ok(run("render", "retro", "--team", str(team), "-m", "70", "--seed", "t")), "retro", 70)
    doc = ok(run("render", "one-on-one", "--team", str(team), "--seed", "t"))
    assert doc.startswith("# One-on-one · Platform\n")
    check_agenda(doc, "one-on-one", 30)


def test_team_from_the_environment(run, team, monkeypatch):
    monkeypatch.setenv("RETROKIT_TEAM", str(team))
    assert ok(run("render", "retro", "--seed", "t")) == ok(run("render", "retro", "--team", str(team), "--seed", "t"))


@pytest.mark.parametrize(
    "title", ["Sprint 12 retro", "Sprint *12* <b>bold</b> `code` [link](x) # & 1. | {{ 7*7 }}", "1. Q3 wrap-up"]
)
def test_title_replaces_the_heading_and_reads_literally(run, team, title):
    doc = ok(run("render", "retro", "--team", str(team), "--title", title, "--seed", "t"))
    tokens = MarkdownIt("commonmark").parse(doc)
    assert (tokens[0].type, tokens[0].tag) == ("heading_open", "h1")
    assert "".join(child.content for child in tokens[1].children) == title
    assert "Platform" not in doc.splitlines()[0]
    assert "49" not in doc.splitlines()[0]


def test_disabling_shared_metrics_removes_that_behaviour(run):
    for n in range(10):
        doc = ok(run("render", "retro", "--disable-plugin", "shared-metrics", "--seed", f"d-{n}"))
        assert "Shared metrics" not in doc
        assert set(CORE_TITLES) <= set(coverage(doc))
    asked = run("render", "retro", "--disable-plugin", "shared-metrics", "-b", "shared-metrics")
    assert asked.exit_code == 2 and asked.stdout == ""
    assert stderr_line(asked).startswith("retrokit: error: unknown behavior 'shared-metrics'; known: ")


def test_a_plugin_folder_adds_a_meeting_kind_that_renders(run, tmp_path):
    plugins = write_plugin(tmp_path / "plugins", "kickoff", KICKOFF_PLUGIN)
    for seed in ("k1", "k2", "k3"):
        # three sections hold at most four activities (one each, a second in "Working together" where both
        # fit), whatever max_items says: two core behaviours stay out, and the note says so
        doc = ok(run("render", "kickoff", "--plugins-dir", str(plugins), "--seed", seed), room_note=True)
        assert doc.startswith("# Project kickoff\n")
        found = sections(doc)
        assert [title for title, _, _ in found] == ["Hopes and fears", "Working together", "Wrap up"]
        assert sum(box for _, box, _ in found) == 40
        # the kind's own phase is fed by the plugin's prompt, rendered with its facilitator note
        hopes = doc.split("## Hopes and fears")[1].split("## ")[0]
        assert "Each person writes one hope and one fear for the project." in hopes
        assert "  - *Facilitator:* Read every note aloud before anyone responds." in hopes
        assert len(set(CORE_TITLES) & set(coverage(doc))) >= 3
        assert sum(1 for _, _, items in found for label, _ in items if label not in SPARE_LABELS) <= 4
    short = run("render", "kickoff", "--plugins-dir", str(plugins), "-m", "17")
    assert short.exit_code == 2
    assert "the shortest sensible one is 18 minutes" in stderr_line(short)


def test_plugin_prompts_join_the_built_in_kinds(run, tmp_path):
    plugins = write_plugin(tmp_path / "plugins", "kickoff", KICKOFF_PLUGIN)
    texts = set()
    for n in range(10):
        doc = ok(run("render", "retro", "--plugins-dir", str(plugins), "-b", "validation", "--seed", f"p{n}"))
        texts.add(doc.split("## Close")[1])
    assert any("Thank one teammate for something specific they did." in text for text in texts)
    without = ok(run("render", "retro", "--seed", "p0"))
    assert "Thank one teammate" not in without
