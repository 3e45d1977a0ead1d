"""The delivery team's setup and its delivery-signals plugin, through retrokit's plugin-testing fixtures.

Tests that change the data work on a copy of the example folder in tmp_path, never on the checkout.
tests/test_examples.py runs the folder through the installed ``retrokit`` command."""

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest

from retrokit import PluginWarning
from retrokit.errors import RetrokitError
from retrokit.editing import activities

EXAMPLE = Path(__file__).resolve().parent.parent
HEADER = "week,deploys,lead_time_hours,change_failure_pct,incidents,pages_out_of_hours\n"


def load_plugin():
    path = EXAMPLE / "plugins" / "delivery_signals.py"
    spec = importlib.util.spec_from_file_location("delivery_signals_under_test", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


signals = load_plugin()


@pytest.fixture
def team(tmp_path):
    """A copy of the example folder; ``team(csv=…, settings=…, disabled=True)`` changes the copy."""

    def make(csv=None, settings="", disabled=False, name="team"):
        folder = tmp_path / name
        shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("tests"))
        if csv is not None:
            (folder / "delivery.csv").write_text(csv, encoding="utf-8")
        toml = (folder / "retrokit.toml").read_text(encoding="utf-8")
        if disabled:
            toml = toml.replace('folder = "plugins"\n', 'folder = "plugins"\ndisabled = ["delivery-signals"]\n')
        if settings:  # "key = value" replaces that key's line in [plugin.delivery-signals]
            key = settings.split("=")[0].strip()
            toml, count = re.subn(rf"^{key} = .*$", settings, toml, flags=re.MULTILINE)
            assert count == 1
        (folder / "retrokit.toml").write_text(toml, encoding="utf-8")
        return folder

    return make


def gather(agenda):
    return next(section for section in agenda.sections if section.id == "gather-data")


def asked(agenda):
    return [item for section in agenda.sections for item in section.items if item.plugin == "delivery-signals"]


def assert_boxes_hold(result, minutes):
    for section in result.agenda.sections:
        used = sum(item.minutes for item in section.items) + sum(group.minutes for group in section.memory)
        assert used == section.minutes, section.title
    boxes = [int(m) for m in re.findall(r"^## .* · (\d+) min$", result.markdown, re.MULTILINE)]
    assert sum(boxes) == minutes == result.agenda.minutes
    # no "holds N min of prompts in its M-min box", no changed length; a short retro may say honestly that a
    # core behaviour has no room (the planner keeps its rules before coverage)
    assert [note for note in result.notes if not note.startswith("no room for ")] == []


def test_the_plugin_loads_cleanly_and_declares_its_api(retrokit_session):
    session = retrokit_session(team=EXAMPLE)  # strict: any warning fails
    info = session.host.info("delivery-signals")
    assert info.source == "folder" and info.api == "1.3" and info.hooks == ["retrokit_adjust_agenda"]
    assert session.config.plugin_settings("delivery-signals")["file"] == "delivery.csv"


def test_the_questions_that_moved_lead_gather_data_with_their_numbers(retrokit_render):
    result = retrokit_render("retro", team=EXAMPLE, seed="ex")  # strict: no warning
    section = gather(result.agenda)
    first, second = section.items[:2]
    # delivery.csv, week 2026-03-09 against the 4 weeks before: pages 1,2,1,0 -> 5; lead time 21,20,20... -> 31
    assert first.plugin == second.plugin == "delivery-signals"
    assert first.text.startswith(
        "Out-of-hours pages went from 1 a week (the average of the 4 weeks before) to 5 in the week of 2026-03-09."
    )
    assert first.behavior == "well-being" and first.behavior_title == "Well-being check-ins"
    assert second.text.startswith(
        "Median lead time went from 20 h (the average of the 4 weeks before) to 31 h in the week of 2026-03-09."
    )
    assert second.behavior == "perspective-taking"
    assert len(asked(result.agenda)) == 2  # deploys, change failure rate and incidents stayed within the rule
    assert "- **Well-being check-ins · 4 min:** Out-of-hours pages went from 1 a week" in result.markdown
    assert "Well-being check-ins" in result.agenda.coverage  # coverage is recounted after the plugin


@pytest.mark.parametrize("minutes", [23, 30, 45, 60, 90])
@pytest.mark.parametrize("seed", ["ex", "a1", "b2", "c3"])
def test_time_boxes_hold(retrokit_render, minutes, seed):
    result = retrokit_render("retro", team=EXAMPLE, seed=seed, minutes=minutes)
    assert asked(result.agenda)
    assert_boxes_hold(result, minutes)
    section = gather(result.agenda)
    assert len(activities(section)) <= section.max_items or all(  # max_items, unless a behaviour would be lost
        item.plugin == "delivery-signals" or item.behavior not in {
            i.behavior for s in result.agenda.sections if s.id != "gather-data" for i in activities(s)
        }
        for item in activities(section)
    )
    for item in activities(section):  # the planner's prompts shrank no further than their shortest
        assert item.plugin == "delivery-signals" or item.minutes >= item.min_minutes


def test_nothing_moved_leaves_the_agenda_exactly_as_planned(retrokit_render, team):
    steady = HEADER + "".join(f"2026-02-{day:02d},12,20,8,1,1\n" for day in (2, 9, 16, 23)) + "2026-03-02,13,22,9,1,2\n"
    with_plugin = retrokit_render("retro", team=team(csv=steady), seed="ex")
    without = retrokit_render("retro", team=team(csv=steady, disabled=True, name="off"), seed="ex")
    assert asked(with_plugin.agenda) == []
    assert with_plugin.markdown == without.markdown
    assert with_plugin.agenda == without.agenda
    assert with_plugin.warnings == with_plugin.notes == []


def test_an_improvement_gets_a_question_too(retrokit_render, team):
    faster = HEADER + "".join(f"2026-02-{day:02d},12,30,8,1,1\n" for day in (2, 9, 16, 23)) + "2026-03-02,12,18,8,1,1\n"
    result = retrokit_render("retro", team=team(csv=faster), seed="ex")
    (item,) = asked(result.agenda)
    assert item.text.startswith("Median lead time went from 30 h (the average of the 4 weeks before) to 18 h")
    assert item.behavior == "shared-metrics" and item.prompt_id == "delivery-signals.lead-time-hours-better"


def test_max_questions_keeps_the_biggest_moves(retrokit_render, team):
    result = retrokit_render("retro", team=team(settings="max_questions = 1"), seed="ex")
    (item,) = asked(result.agenda)
    assert item.text.startswith("Out-of-hours pages went from 1 a week")


def test_min_change_keeps_small_counts_quiet():
    weeks = signals.read_weeks(EXAMPLE / "delivery.csv")
    settings = dict(signals.SETTINGS, file="delivery.csv", min_change={})
    columns = [move.metric.column for move in signals.find_moves(weeks, settings)]
    assert columns == ["pages_out_of_hours", "lead_time_hours"]  # incidents 0.75 -> 2 is below min 2
    settings["min_change"] = {"incidents": 1}
    columns = [move.metric.column for move in signals.find_moves(weeks, settings)]
    assert columns == ["pages_out_of_hours", "incidents", "lead_time_hours"]


@pytest.mark.parametrize("format", ["confluence", "notion"])
def test_renders_in_confluence_and_notion_without_loss(retrokit_render, format):
    result = retrokit_render("retro", team=EXAMPLE, format=format)
    assert result.warnings == [] and "Out-of-hours pages went from 1 a week" in result.text


def test_a_one_on_one_is_left_alone(retrokit_render):
    result = retrokit_render("one-on-one", team=EXAMPLE)
    assert asked(result.agenda) == [] and result.warnings == []


def test_a_malformed_row_is_one_warning_naming_file_and_line_and_the_other_rows_still_count(retrokit_render, team):
    folder = team()
    path = folder / "delivery.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[7] = "2026-02-16,12,twenty,8,0,2\n"  # line 8
    path.write_text("".join(lines), encoding="utf-8")
    result = retrokit_render("retro", team=folder, seed="ex", strict=False)
    (warning,) = result.warnings
    assert warning == (f"plugin 'delivery-signals' (retrokit_adjust_agenda): {path}:8: lead_time_hours "
                       "'twenty' is not a number of 0 or more; row skipped")
    assert "Traceback" not in warning and "\n" not in warning
    # the other nine weeks still make the questions; without 2026-02-16 the baseline reaches back to 2026-02-02
    first, second = asked(result.agenda)
    assert first.text.startswith("Out-of-hours pages went from 1 a week (the average of the 4 weeks before) to 5")
    assert second.text.startswith("Median lead time went from 20 h (the average of the 4 weeks before) to 31 h")
    assert_boxes_hold(result, 60)
    with pytest.raises(RetrokitError, match="row skipped"):  # strict: the warning fails the render
        retrokit_render("retro", team=folder, seed="ex")


@pytest.mark.parametrize(
    "csv, line, problem",
    [
        ("week,deploys,lead_time\n2026-03-02,1,2\n", 1, "unknown column 'lead_time'"),
        ("deploys,incidents\n1,2\n", 1, "the header has no 'week' column"),
        ("", 1, "the file is empty"),
    ],
)
def test_a_file_that_cannot_be_read_names_the_file_and_line(tmp_path, csv, line, problem):
    path = tmp_path / "delivery.csv"
    path.write_text(csv, encoding="utf-8")
    with pytest.raises(signals.DeliveryDataError) as caught:
        signals.read_weeks(path)
    assert str(caught.value).startswith(f"{path}:{line}: {problem}")


@pytest.mark.parametrize(
    "rows, line, problem",
    [
        ("2026-03-02,1,2,3,4,5\n2026-03-02,1,2,3,4,5\n", 3, "week 2026-03-02 is already on line 2"),
        ("2026-03-02,1,2,3,4\n", 2, "5 cells, but the header has 6 columns"),
        ("2 March,1,2,3,4,5\n", 2, "week '2 March' is not a date like 2026-03-09"),
        ("2026-03-02,1,2,120,4,5\n", 2, "change_failure_pct '120' is above 100"),
        ("\n2026-03-02,-1,2,3,4,5\n", 3, "deploys '-1' is not a number of 0 or more"),
    ],
)
def test_a_bad_row_is_a_warning_naming_the_file_and_line_and_is_skipped(tmp_path, rows, line, problem):
    path = tmp_path / "delivery.csv"
    path.write_text(HEADER + rows + "2026-03-16,1,2,3,4,5\n", encoding="utf-8")
    with pytest.warns(PluginWarning) as caught:  # retrokit.warn outside a hook: a Python warning
        weeks = signals.read_weeks(path)
    assert [str(w.message) for w in caught] == [f"{path}:{line}: {problem}; row skipped"]
    assert weeks[-1][0].isoformat() == "2026-03-16"  # the rows after it still count


def test_a_missing_file_is_a_clear_warning(retrokit_render, team):
    folder = team()
    (folder / "delivery.csv").unlink()
    result = retrokit_render("retro", team=folder, seed="ex", strict=False)
    (warning,) = result.warnings
    config_line = next(n for n, text in enumerate((folder / "retrokit.toml").read_text().splitlines(), 1)
                       if text.startswith("file = "))
    assert f"no file {folder / 'delivery.csv'} (named by [plugin.delivery-signals] file at " \
           f"{folder / 'retrokit.toml'}:{config_line})" in warning
    assert asked(result.agenda) == [] and "## Gather data" in result.markdown


def test_a_bad_setting_names_retrokit_toml_and_its_line(retrokit_render, team):
    folder = team(settings='threshold_percent = "lots"')
    result = retrokit_render("retro", team=folder, seed="ex", strict=False)
    (warning,) = result.warnings
    assert f"{folder / 'retrokit.toml'}:" in warning and "threshold_percent must be a positive number" in warning


def test_without_a_team_folder_it_says_what_it_needs(retrokit_render):
    result = retrokit_render("retro", load_plugin(), strict=False)  # e.g. loaded with --plugins-dir
    (warning,) = result.warnings
    assert "needs a team folder with a retrokit.toml that has a [plugin.delivery-signals] table" in warning
    assert asked(result.agenda) == []
