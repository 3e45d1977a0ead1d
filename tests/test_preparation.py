"""What to prepare and whom to credit (hook API 1.2): an agenda whose items have ``prepare`` opens with a
**Before the meeting** task list, an item's ``source`` is shown with its facilitator note, every format
renders both without loss under --strict, and ``ingest`` does not take preparation for action items."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from lxml import etree

PREPARED = """
    from retrokit import hookimpl


    @hookimpl
    def retrokit_prompts():
        return [
            {"id": "prep.timeline", "text": "Build the timeline of the sprint together.", "behavior": "prep-a",
             "kinds": ["retro", "one-on-one"], "phase": "gather", "minutes": 6, "technique": "timeline",
             "prepare": "Export the sprint's tickets & incidents from the tracker.",
             "source": "Timeline, after Derby & Larsen, *Agile Retrospectives* (2006)",
             "note": "Facts first, feelings second."},
            {"id": "prep.fist", "text": "Show how sure you are, zero to five fingers.", "behavior": "prep-b",
             "kinds": ["retro", "one-on-one"], "phase": "close", "minutes": 2, "technique": "rating-round",
             "prepare": "Ask the partner team for their top two pain points.", "source": "Fist of five"},
        ]
    """


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "p"
    path.mkdir()
    (path / "prep.py").write_text(textwrap.dedent(PREPARED).lstrip(), encoding="utf-8")
    return path


def render(run, folder, *args, kind="retro"):
    result = run("render", kind, "--plugins-dir", str(folder), "-b", "prep-a", "-b", "prep-b", "--seed", "p1",
                 "--strict", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
def test_prepared_items_open_the_agenda_with_a_task_list(run, folder, kind):
    markdown = render(run, folder, kind=kind)
    before, rest = markdown.split("**Before the meeting:**\n\n", 1)
    assert "\n## " not in before  # before the first section
    checklist = rest.split("\n\n", 1)[0].splitlines()
    assert all(line.startswith("- [ ] ") for line in checklist)
    assert "- [ ] Export the sprint's tickets & incidents from the tracker. *(" + section(markdown, "prep.timeline") + ")*" in checklist
    assert "- [ ] Ask the partner team for their top two pain points. *(" + section(markdown, "prep.fist") + ")*" in checklist
    agenda = json.loads(render(run, folder, "--format", "json", kind=kind))
    prepared = [item["prepare"] for s in agenda["sections"] for item in s["items"] if item["prepare"]]
    assert len(checklist) == len(prepared)  # one task per prepared item, in agenda order


def section(markdown: str, prompt_id: str) -> str:
    """The title of the section that holds the item of ``prompt_id`` (by its text)."""
    text = {"prep.timeline": "Build the timeline", "prep.fist": "Show how sure"}[prompt_id]
    title = ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            title = line[3:].rsplit(" · ", 1)[0]
        if text in line:
            return title
    raise AssertionError(f"{prompt_id} not in the agenda")


@pytest.mark.parametrize("seed", ["p1", "p2", "p3", "p4", "p5", "p6"])
def test_the_list_is_there_exactly_when_an_item_has_something_to_prepare(run, seed):
    markdown = run("render", "retro", "--seed", seed).stdout
    agenda = json.loads(run("render", "retro", "--seed", seed, "--format", "json").stdout)
    prepared = [item for s in agenda["sections"] for item in s["items"] if item["prepare"]]
    assert ("**Before the meeting:**" in markdown) == bool(prepared)


def test_the_source_is_credited_with_the_facilitator_note(run, folder):
    lines = render(run, folder).splitlines()
    timeline = lines.index(next(line for line in lines if "Build the timeline" in line))
    assert lines[timeline + 1] == (
        "  - *Facilitator:* Facts first, feelings second. "
        "*(Adapted from: Timeline, after Derby & Larsen, \\*Agile Retrospectives\\* (2006))*"
    )
    fist = lines.index(next(line for line in lines if "Show how sure" in line))
    assert lines[fist + 1] == "  - *Adapted from: Fist of five*"  # no note: the credit alone


def test_confluence_makes_the_list_tasks_and_keeps_the_credits(run, folder):
    xml = render(run, folder, "--format", "confluence")
    root = etree.fromstring(f'<r xmlns:ac="http://atlassian.com/content" xmlns:ri="http://atlassian.com/resource">{xml}</r>')
    ns = {"ac": "http://atlassian.com/content"}
    first = root.find(".//ac:task-list", ns)
    bodies = ["".join(task.find("ac:task-body", ns).itertext()) for task in first.findall("ac:task", ns)]
    assert any(body.startswith("Export the sprint's tickets & incidents from the tracker. (") for body in bodies)
    assert any(body.startswith("Ask the partner team for their top two pain points. (") for body in bodies)
    assert all(task.findtext("ac:task-status", namespaces=ns) == "incomplete" for task in first.findall("ac:task", ns))
    text = "".join(root.itertext())
    assert "(Adapted from: Timeline, after Derby & Larsen, *Agile Retrospectives* (2006))" in text
    assert "Adapted from: Fist of five" in text


def test_notion_makes_the_list_to_dos_and_keeps_the_credits(run, folder):
    blocks = json.loads(render(run, folder, "--format", "notion"))["children"]

    def text(block):
        return "".join(part["text"]["content"] for part in block[block["type"]]["rich_text"])

    to_dos = [block for block in blocks if block["type"] == "to_do"]
    assert {
        "Export the sprint's tickets & incidents from the tracker.",
        "Ask the partner team for their top two pain points.",
    } <= {text(block).rsplit(" (", 1)[0] for block in to_dos}
    assert all(block["to_do"]["checked"] is False for block in to_dos)
    dumped = json.dumps(blocks, ensure_ascii=False)
    assert "Adapted from: Timeline, after Derby & Larsen, *Agile Retrospectives* (2006)" in dumped


def test_html_and_json_carry_them_too(run, folder):
    html = render(run, folder, "--format", "html")
    assert 'type="checkbox"' in html and "Export the sprint" in html
    assert "Adapted from: Fist of five" in html
    agenda = json.loads(render(run, folder, "--format", "json"))
    items = {item["prompt_id"]: item for s in agenda["sections"] for item in s["items"]}
    assert items["prep.timeline"]["prepare"] == "Export the sprint's tickets & incidents from the tracker."
    assert items["prep.timeline"]["technique"] == "timeline"
    assert items["prep.fist"]["source"] == "Fist of five"


def test_ingest_leaves_the_preparation_list_out(run, folder, isolated):
    (isolated / "retrokit.toml").write_text('[team]\nname = "Ops"\nmembers = [{ name = "Ana" }]\n', encoding="utf-8")
    markdown = render(run, folder)
    # Filled in after the meeting: the preparation ticked (one even with an owner), one real action item.
    notes = markdown.replace("- [ ] Export", "- [x] Export").replace("- [ ] Ask the partner", "- [ ] @ana Ask the partner")
    notes += "\n- [ ] @ana Write the on-call handbook (due 2026-12-01)\n"
    (isolated / "notes.md").write_text(notes, encoding="utf-8")
    result = run("ingest", "notes.md", "--strict")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == "added 1: Write the on-call handbook (owner Ana, due 2026-12-01)\n"


def test_a_task_list_after_another_paragraph_is_still_read(run, isolated):
    (isolated / "retrokit.toml").write_text('[team]\nname = "Ops"\n', encoding="utf-8")
    (isolated / "notes.md").write_text(
        "# Notes\n\n**After the meeting:**\n\n- [ ] @ana Book the room\n- [ ] nobody owns this\n", encoding="utf-8"
    )
    result = run("ingest", "notes.md")
    assert result.exit_code == 0
    assert result.stdout == "added 1: Book the room (owner ana)\n"
    assert "notes.md:6: task has no @owner; skipped" in result.stderr
