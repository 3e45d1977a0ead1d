"""The platform team's setup, through retrokit's plugin-testing fixtures (no subprocess, no install).

``team=EXAMPLE`` loads this folder as a user's team: its retrokit.toml, plugins/ and templates/.
tests/test_examples.py runs the same folder through the installed ``retrokit`` command."""

import re
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent
SECTIONS = ["Arrive", "Timeline", "Impact on people", "Contributing factors", "Repairs and owners", "Close"]


def headings(markdown):
    return re.findall(r"^## (.*) · \d+ min$", markdown, re.MULTILINE)


def test_the_plugin_loads_cleanly_and_declares_its_api(retrokit_session):
    session = retrokit_session(team=EXAMPLE)  # strict: any warning fails
    assert session.reporter.warnings == []
    info = session.host.info("incident-review")
    assert info.source == "folder" and info.api == "1.2" and info.version == "1.1.0"
    kind = session.catalog.kind("incident-review")
    assert [section.title for section in kind.sections] == SECTIONS
    assert kind.context == ("incident",)  # hook API 1.2: the kind implies its context
    own = [p for p in session.catalog.prompts.values() if p.plugin == "incident-review"]
    assert len(own) >= 15
    assert {p.phase for p in own} == {phase for section in kind.sections for phase in section.phases}


@pytest.mark.parametrize("seed", ["ex", "s1", "s2", "s3", "s4"])
def test_the_review_has_its_sections_in_order_and_only_its_own_prompts(retrokit_render, seed):
    result = retrokit_render("incident-review", team=EXAMPLE, seed=seed)
    assert headings(result.markdown) == SECTIONS
    items = [item for section in result.agenda.sections for item in section.items]
    # every activity is the review's own; spare time is an open-discussion or buffer item with no prompt
    assert items and all(item.prompt_id.startswith("incident.") for item in items if item.prompt_id)
    assert "sprint" not in result.markdown.lower()  # no retro prompts borrowed
    assert result.agenda.minutes == 60  # [minutes] incident-review = 60
    for section in result.agenda.sections:
        assert sum(item.minutes for item in section.items) == section.minutes
    core = {"Active listening", "Validation", "Reflective responding", "Perspective-taking",
            "Problem-solving support", "Follow-up"}
    assert core <= set(result.agenda.coverage)
    assert result.notes == []


def test_the_review_template_adds_its_own_parts(retrokit_render):
    doc = retrokit_render("incident-review", team=EXAMPLE).markdown
    assert doc.startswith("# Post-incident review · Platform & Developer Experience\n")
    assert "> [!IMPORTANT]\n> This review is blameless" in doc
    assert "**Fact sheet**" in doc and "| Started, detected, resolved | times with time zone |" in doc
    assert "> [!TIP]\n> After the meeting: publish the review" in doc
    # the fact sheet comes before the first section, the checklist after the last
    assert doc.index("**Fact sheet**") < doc.index("## Arrive") < doc.index("## Close") < doc.index("After the meeting")


@pytest.mark.parametrize("format", ["confluence", "notion"])
def test_the_review_renders_in_confluence_and_notion_without_loss(retrokit_render, format):
    result = retrokit_render("incident-review", team=EXAMPLE, format=format)  # strict: a loss fails
    assert result.warnings == []
    assert "Walk the timeline" in result.text or "decision point" in result.text or "Mark the stretches" in result.text
    if format == "confluence":
        assert '<ac:structured-macro ac:name="note"' in result.text  # the blameless rule, as a panel
        assert '<ac:structured-macro ac:name="tip"' in result.text  # the after-the-meeting checklist
        assert "<table>" in result.text  # the fact sheet, as a native table
    else:
        assert '"type": "table"' in result.text and '"type": "callout"' in result.text


def test_the_team_retro_extends_the_default_template(retrokit_render):
    result = retrokit_render("retro", team=EXAMPLE)
    doc = result.markdown
    assert "> [!TIP]\n> Listen to understand" in doc  # the default block, through super()
    assert "Dashboards to have open: **service health**, **deploy frequency**, **support queue**." in doc
    assert result.agenda.minutes == 45  # [minutes] retro = 45
    assert not any(item.prompt_id.startswith("incident.") for s in result.agenda.sections for item in s.items)
