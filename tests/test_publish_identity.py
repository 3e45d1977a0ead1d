"""Page identity: published.toml remembers the page each publish made; a page retrokit did not make is
never overwritten without --overwrite (against the fakes over real HTTP, tests/fake_services.py)."""

from __future__ import annotations

import tomllib

import pytest

from test_publish import NESTED, TOKEN, USER, cloud_args, one_line, team_here, no_proxies  # noqa: F401
from test_publish import cloud, datacenter, notion_api, notes  # noqa: F401  (fixtures)


def published(folder):
    return tomllib.loads((folder / "published.toml").read_text(encoding="utf-8"))["page"]


def dc_args(fake, *more):
    return ("publish", "confluence", "--url", fake.base, "--data-center", "--space", "ENG", *more)


def test_confluence_remembers_the_page_and_republish_updates_it(run, cloud, notes, team_here):
    assert run(*cloud_args(cloud, str(notes), "--parent", "4242")).exit_code == 0
    [record] = published(team_here)
    assert (record["series"], record["service"], record["space"], record["version"]) == ("Retro notes", "confluence", "ENG", 1)
    page = record["page"]
    notes.write_text(NESTED + "\nmore\n", encoding="utf-8")
    result = run(*cloud_args(cloud, str(notes)))
    assert "(updated to version 2)" in result.stderr, result.stderr
    assert published(team_here)[0]["version"] == 2 and published(team_here)[0]["page"] == page
    # a kind's series is the kind; each week's title is a page of its own, the newest recorded last
    for title in ("Retro 2026-12-03", "Retro 2026-12-10", "Retro 2026-12-03"):
        assert run(*cloud_args(cloud, "retro", "--seed", "a", "--title", title)).exit_code == 0
    records = published(team_here)
    assert [(r["series"], r["title"]) for r in records[1:]] == [("retro", "Retro 2026-12-10"), ("retro", "Retro 2026-12-03")]
    assert cloud.count("POST") == 3


def test_a_recorded_page_renamed_by_hand_gets_its_title_back_unless_it_is_taken(run, cloud, notes, team_here):
    assert run(*cloud_args(cloud, str(notes))).exit_code == 0
    page = published(team_here)[0]["page"]
    cloud.pages[page]["title"] = "Renamed by hand"
    notes.write_text(NESTED + "\nmore\n", encoding="utf-8")
    assert run(*cloud_args(cloud, str(notes))).exit_code == 0
    assert cloud.pages[page]["title"] == "Retro notes"
    cloud.pages[page]["title"] = "Renamed again"
    cloud.add_page("Retro notes")  # someone took the title meanwhile
    notes.write_text(NESTED + "\neven more\n", encoding="utf-8")
    result = run(*cloud_args(cloud, str(notes)))
    assert result.exit_code == 1
    assert "A page with this title already exists" in one_line(result)


@pytest.mark.parametrize("is_cloud", [True, False])
def test_a_same_titled_page_retrokit_did_not_make_is_refused_until_overwrite(run, cloud, datacenter, notes, is_cloud,
                                                                           team_here):
    fake = cloud if is_cloud else datacenter
    args = cloud_args if is_cloud else dc_args
    theirs = fake.add_page("Retro notes", parent="4242")
    result = run(*args(fake, str(notes), "--parent", "4243"))
    assert result.exit_code == 1
    assert one_line(result) == (
        f"retrokit: error: confluence: space ENG already has a page titled 'Retro notes' (id {theirs}, version 1, "
        "under page 4242, not under --parent 4243) that retrokit did not publish from this team folder; pass "
        "--overwrite to publish over it, or --title to publish under another title"
    )
    assert fake.pages[theirs]["body"] == "<p>theirs</p>" and fake.count("PUT") == fake.count("POST") == 0
    assert run(*args(fake, str(notes), "--overwrite")).exit_code == 0
    assert fake.pages[theirs]["version"]["number"] == 2
    assert published(team_here)[0]["page"] == theirs
    notes.write_text(NESTED + "\nnext week\n", encoding="utf-8")
    assert run(*args(fake, str(notes))).exit_code == 0  # now it is ours: no flag needed
    assert fake.pages[theirs]["version"]["number"] == 3


def test_an_archived_page_of_the_title_is_reported_with_what_to_do(run, cloud, notes, team_here):
    archived = cloud.add_page("Retro notes", status="archived")
    result = run(*cloud_args(cloud, str(notes)))
    assert result.exit_code == 1
    assert one_line(result) == (
        f"retrokit: error: confluence: the page titled 'Retro notes' in space ENG (id {archived}) is archived, and "
        "it keeps the title; restore it in Confluence and re-run, or publish under another --title"
    )
    assert cloud.count("POST") == 0
    status = [r["query"]["status"] for r in cloud.requests if r["path"].endswith("/pages")]
    assert status == [["current", "archived"]]


def test_the_recorded_page_archived_later_is_named(run, cloud, notes, team_here):
    assert run(*cloud_args(cloud, str(notes))).exit_code == 0
    page = published(team_here)[0]["page"]
    cloud.pages[page]["status"] = "archived"
    result = run(*cloud_args(cloud, str(notes)))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (f"retrokit: note: confluence: the page retrokit published before (id {page}) is archived; "
                        "looking for 'Retro notes' in space ENG")
    assert f"(id {page}) is archived, and it keeps the title; restore it" in lines[1]
    cloud.pages[page]["status"] = "current"  # restored
    assert run(*cloud_args(cloud, str(notes))).exit_code == 0


def test_without_a_team_folder_a_found_page_needs_overwrite(run, cloud, notes, team_here):
    (team_here / "retrokit.toml").unlink()
    assert run(*cloud_args(cloud, str(notes))).exit_code == 0
    result = run(*cloud_args(cloud, str(notes)))
    assert result.exit_code == 1
    assert "that retrokit has no record of (no team folder: 'retrokit init' makes one" in one_line(result)
    assert "(unchanged)" in run(*cloud_args(cloud, str(notes), "--overwrite")).stderr


def test_notion_refuses_a_sub_page_it_did_not_make_and_reports_an_archived_one(run, notion_api, notes, team_here):
    theirs = notion_api.new_page(notion_api.root, "Retro notes")
    result = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.exit_code == 1
    assert one_line(result) == (
        f"retrokit: error: notion: page {notion_api.root} already has a sub-page titled 'Retro notes' (id {theirs}) "
        "that retrokit did not publish from this team folder; pass --overwrite to publish over it, or --title to "
        "publish under another title"
    )
    assert notion_api.count("PATCH") == 0
    notion_api.archive(theirs)  # gone to the trash: a new page of that title is ours
    assert run("publish", "notion", str(notes), "--parent", notion_api.root).exit_code == 0
    [ours] = notion_api.pages("Retro notes")
    assert published(team_here)[0]["page"] == ours
    notion_api.archive(ours)
    result = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.exit_code == 1
    assert one_line(result) == (
        f"retrokit: error: notion: the page retrokit published for this series (id {ours}) is archived (in the "
        "trash); restore it in Notion and re-run, or pass --overwrite to publish a new page instead"
    )
    result = run("publish", "notion", str(notes), "--parent", notion_api.root, "--overwrite")
    assert result.exit_code == 0, result.stderr
    [new] = notion_api.pages("Retro notes")
    assert new != ours and published(team_here)[0]["page"] == new


def test_notion_updates_the_recorded_page_after_a_rename_and_a_move(run, notion_api, notes, team_here):
    assert run("publish", "notion", str(notes), "--parent", notion_api.root).exit_code == 0
    [page] = notion_api.pages("Retro notes")
    notion_api.blocks[page]["payload"]["title"] = "Renamed by hand"
    assert run("publish", "notion", str(notes), "--parent", notion_api.root).exit_code == 0
    assert notion_api.blocks[page]["payload"]["title"] == "Retro notes"  # the title set back, same page
    elsewhere = notion_api.new_page(notion_api.root, "Archive")
    notion_api.blocks[notion_api.root]["children"].remove(page)
    notion_api.blocks[elsewhere]["children"].append(page)
    notion_api.blocks[page]["parent"] = elsewhere
    result = run("publish", "notion", str(notes) , "--parent", notion_api.root)
    assert result.exit_code == 0, result.stderr
    assert notion_api.pages("Retro notes") == [] and published(team_here)[0]["page"] == page
