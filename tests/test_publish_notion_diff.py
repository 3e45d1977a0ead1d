"""Notion republish by difference: only what changed is written, at the right place, above kept
sub-pages (against the fake Notion over real HTTP; the fake answers blocks as the API does, with
plain_text, href and every default filled in)."""

from __future__ import annotations

from test_publish import NESTED, expected_tree, team_here, no_proxies  # noqa: F401
from test_publish import notion_api, notes  # noqa: F401  (fixtures)

WRITES = ("PATCH", "DELETE", "POST")


def writes(fake, since=0):
    return [(r["method"], r["path"]) for r in fake.requests[since:] if r["method"] in WRITES]


def publish(run, fake, notes, text):
    notes.write_text(text, encoding="utf-8")
    start = len(fake.requests)
    result = run("publish", "notion", str(notes), "--parent", fake.root)
    assert result.exit_code == 0, result.stderr
    [page] = fake.pages("Retro notes")
    assert fake.tree(page) == expected_tree(text)
    return page, writes(fake, start), result


def test_an_unchanged_republish_sends_no_write(run, notion_api, notes, team_here):
    publish(run, notion_api, notes, NESTED)
    start = len(notion_api.requests)
    page, sent, result = publish(run, notion_api, notes, NESTED)
    assert sent == []
    assert "(unchanged)" in result.stderr
    # the parent's sub-pages and the page's blocks; the nested lists are known from published.toml
    assert len(notion_api.requests) - start == 2
    (team_here / "published.toml").unlink()  # without the record: the children are read and compared
    start = len(notion_api.requests)
    result = run("publish", "notion", str(notes), "--page", page)
    assert "(unchanged)" in result.stderr and writes(notion_api, start) == []
    assert len(notion_api.requests) - start > 2


def test_every_kind_of_block_the_format_makes_compares_equal_as_the_api_returns_it(run, notion_api, notes):
    text = NESTED + ("\n> quoted\n\n```python\nx = 1\n```\n\n---\n\n![a chart](https://example.com/a.png)\n\n"
                     "1. first\n2. second\n\n### Small heading with `code` and ~~struck~~ *words*\n")
    publish(run, notion_api, notes, text)
    _, sent, result = publish(run, notion_api, notes, text)
    assert sent == [] and "(unchanged)" in result.stderr


def test_a_ticked_task_is_one_update_of_that_block(run, notion_api, notes):
    page, _, _ = publish(run, notion_api, notes, NESTED)
    before = list(notion_api.blocks[page]["children"])
    _, sent, result = publish(run, notion_api, notes, NESTED.replace("- [ ] @ana", "- [x] @ana"))
    task = before[-1]
    assert sent == [("PATCH", f"/v1/blocks/{task}")]  # the block keeps its id (and its comments)
    assert notion_api.blocks[page]["children"] == before
    assert "(updated: 0 blocks added, 1 updated, 0 deleted, 5 kept; 1 write requests)" in result.stderr


def test_a_new_block_is_inserted_after_its_predecessor_and_sub_pages_stay_last(run, notion_api, notes):
    page, _, _ = publish(run, notion_api, notes, NESTED)
    sub = notion_api.new_page(page, "Kept sub-page")
    intro = notion_api.blocks[page]["children"][1]
    text = NESTED.replace("Intro paragraph", "New paragraph.\n\nIntro paragraph")
    _, sent, _ = publish(run, notion_api, notes, text)
    assert sent == [("PATCH", f"/v1/blocks/{page}/children")]
    append = [r for r in notion_api.requests if r["method"] == "PATCH"][-1]
    heading = notion_api.blocks[page]["children"][0]
    assert append["body"]["after"] == heading and len(append["body"]["children"]) == 1
    assert notion_api.blocks[page]["children"][2] == intro and notion_api.blocks[page]["children"][-1] == sub
    # at the very start: nothing to insert after, so the first old block is sent again after the new ones
    text = "Before everything.\n\n" + text
    _, sent, _ = publish(run, notion_api, notes, text)
    assert sent == [("PATCH", f"/v1/blocks/{page}/children"), ("DELETE", f"/v1/blocks/{heading}")]
    assert notion_api.blocks[page]["children"][-1] == sub


def test_a_change_deep_in_a_list_replaces_only_that_top_level_block(run, notion_api, notes):
    page, _, _ = publish(run, notion_api, notes, NESTED)
    before = list(notion_api.blocks[page]["children"])
    _, sent, _ = publish(run, notion_api, notes, NESTED.replace("level 5", "level five"))
    deleted = [path for method, path in sent if method == "DELETE"]
    assert deleted == [f"/v1/blocks/{before[2]}"]  # the list; the others are kept
    after = notion_api.blocks[page]["children"]
    assert [b for b in after if b in before] == [b for b in before if b != before[2]]


def test_blocks_someone_added_are_removed_and_a_retry_after_a_failure_converges(run, notion_api, notes):
    page, _, _ = publish(run, notion_api, notes, NESTED)
    notion_api.add(notion_api.blocks[page], {"type": "paragraph", "paragraph": {"rich_text": []}})
    text = NESTED.replace("A callout", "A changed callout").replace("| 1 | 2 |", "| 1 | 3 |")
    notes.write_text(text, encoding="utf-8")
    notion_api.inject("DELETE", r"/v1/blocks/", 500, times=6)
    failed = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert failed.exit_code == 1 and "write requests; re-run the same command to finish it" in failed.stderr
    publish(run, notion_api, notes, text)
