"""The follow-up loop through the wiki: publish the agenda, tick and add tasks on the page, then
``retrokit ingest --from confluence|notion`` brings them to the ledger, exactly as Markdown ingest does
(against the fakes over real HTTP)."""

from __future__ import annotations

import tomllib

import pytest

from test_publish import TOKEN, USER, one_line, team_here, no_proxies  # noqa: F401
from test_publish import cloud, datacenter, notion_api  # noqa: F401  (fixtures)

ANA_CONFLUENCE = "5b10ac8d82e05b22cc7d4ef5"
ANA_NOTION = "c2f2a3b4-1234-4abc-8def-0123456789ab"


@pytest.fixture
def team(run, team_here):
    (team_here / "retrokit.toml").write_text(
        '[team]\nname = "Platform"\nmembers = [{ name = "Ana", confluence = "%s", notion = "%s" }, { name = "Sam" }]\n'
        % (ANA_CONFLUENCE, ANA_NOTION), encoding="utf-8")
    assert run("actions", "add", "Ask payments how the retry change landed", "--owner", "Ana",
               "--due", "2026-12-20").exit_code == 0
    assert run("actions", "add", "Write the on-call handbook", "--owner", "Sam").exit_code == 0
    return team_here


def items(folder):
    return {i["id"]: i for i in tomllib.loads((folder / "actions.toml").read_text(encoding="utf-8"))["item"]}


def ingest(run, *args):
    result = run("ingest", *args, env={"RETROKIT_TODAY": "2026-12-03"})
    assert result.exit_code == 0, result.stderr
    return result


def test_confluence_round_trip_ticks_adds_and_is_idempotent(run, cloud, team):
    args = ("publish", "confluence", "retro", "--seed", "rt", "--url", cloud.base, "--space", "ENG")
    assert run(*args).exit_code == 0
    [record] = tomllib.loads((team / "published.toml").read_text(encoding="utf-8"))["page"]
    assert [(t["item"], t["owner"]) for t in record["task"]] == [(1, "Ana"), (2, "Sam")]
    page = cloud.pages[record["page"]]
    body = page["body"]
    assert f'ri:account-id="{ANA_CONFLUENCE}"' in body
    # During the meeting: Ana's task is ticked, its text edited; a new task for Sam with a date is added.
    first = body.index("<ac:task-status>incomplete</ac:task-status>", body.index("Ask payments") - 200)
    body = body[:first] + body[first:].replace("incomplete", "complete", 1)
    body = body.replace("Ask payments how the retry change landed", "Ask payments how the retry change went")
    new = ('<ac:task-list><ac:task><ac:task-id>9</ac:task-id><ac:task-status>incomplete</ac:task-status>'
           '<ac:task-body>@Sam Book the <strong>game day</strong> room <time datetime="2026-12-10" /></ac:task-body>'
           '</ac:task></ac:task-list>')
    page["body"] = body + new
    result = ingest(run, "--from", "confluence")
    assert result.stdout.splitlines() == [
        "closed 1: Ask payments how the retry change landed (owner Ana, due 2026-12-20)",  # matched by task id
        "added 3: Book the game day room (owner Sam, due 2026-12-10)",
    ]
    ledger = items(team)
    assert ledger[1]["status"] == "done" and ledger[3]["meeting"] == "Retrospective · Platform 2026-12-03"
    assert ingest(run, "--from", "confluence").stdout == "nothing changed\n"
    assert ingest(run, "--from", "confluence", record["page"]).stdout == "nothing changed\n"
    assert "nothing changed" in ingest(run, "--from", "confluence", "--series", "retro").stdout


def test_data_center_round_trip_reads_v1(run, datacenter, team):
    args = ("publish", "confluence", "retro", "--seed", "rt", "--url", datacenter.base, "--space", "ENG")
    assert run(*args).exit_code == 0
    [page] = [p for p in datacenter.pages.values() if p["title"].startswith("Retro")]
    page["body"] = page["body"].replace("<ac:task-status>incomplete</ac:task-status><ac:task-body>@Sam",
                                        "<ac:task-status>complete</ac:task-status><ac:task-body>@Sam")
    result = ingest(run, "--from", "confluence", f"{datacenter.base}/pages/viewpage.action?pageId={page['id']}")
    assert result.stdout == "closed 2: Write the on-call handbook (owner Sam)\n"


def test_notion_round_trip_reads_to_dos_with_mentions(run, notion_api, team):
    assert run("publish", "notion", "retro", "--seed", "rt", "--parent", notion_api.root).exit_code == 0
    [page] = notion_api.pages("Retrospective · Platform")
    todos = [b for b in notion_api.blocks[page]["children"] if notion_api.blocks[b]["type"] == "to_do"]
    ana = next(b for b in todos if any(i.get("type") == "mention" for i in notion_api.blocks[b]["payload"]["rich_text"]))
    notion_api.blocks[ana]["payload"]["checked"] = True
    mention = {"type": "mention", "mention": {"type": "user", "user": {"id": ANA_NOTION}}}
    date = {"type": "mention", "mention": {"type": "date", "date": {"start": "2026-12-11"}}}
    text = {"type": "text", "text": {"content": " Draft the incident summary (due "}}
    close = {"type": "text", "text": {"content": ")"}}
    notion_api.add(notion_api.blocks[page], {"type": "to_do", "to_do": {"rich_text": [mention, text, date, close]}})
    notion_api.add(notion_api.blocks[page], {"type": "to_do", "to_do": {"rich_text": [
        {"type": "text", "text": {"content": "nobody's task"}}]}})
    result = ingest(run, "--from", "notion")
    assert (f"retrokit: warning: notion page 'Retrospective · Platform' (id {page}), task 4: task has no owner "
            "(a mention or @name first); skipped") in result.stderr.splitlines()
    assert result.stdout.splitlines() == [
        "closed 1: Ask payments how the retry change landed (owner Ana, due 2026-12-20)",
        "added 3: Draft the incident summary (owner Ana, due 2026-12-11)",
    ]
    assert "Before the meeting" not in result.stderr  # preparation tasks are left out
    assert ingest(run, "--from", "notion", page).stdout == "nothing changed\n"


def test_ingest_from_needs_a_published_page_and_markdown_ingest_is_unchanged(run, team, tmp_path):
    result = run("ingest", "--from", "notion")
    assert result.exit_code == 1
    assert one_line(result).startswith("retrokit: error: no page was published to notion from this team folder")
    assert run("ingest").exit_code == 2
    assert "--series applies only with --from" in one_line(run("ingest", "notes.md", "--series", "retro"))
    notes = tmp_path / "notes.md"
    notes.write_text("# Retro 2026-12-03\n\n- [x] @Sam Write the on-call handbook\n- [ ] @nobody\n", encoding="utf-8")
    result = run("ingest", str(notes))
    assert result.stdout == "closed 2: Write the on-call handbook (owner Sam)\n"
    assert f"{notes}:4: task for @nobody has no text; skipped" in result.stderr
