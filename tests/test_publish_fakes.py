"""The fakes are as strict as the references: paginated lists, malformed storage refused, rate limits
with Retry-After; and retrokit copes with each (real HTTP on 127.0.0.1)."""

from __future__ import annotations

import pytest

from test_publish import NESTED, TOKEN, USER, cloud_args, expected_tree, one_line, team_here, no_proxies  # noqa: F401
from test_publish import cloud, datacenter, notion_api, notes  # noqa: F401  (fixtures)


@pytest.mark.parametrize("is_cloud", [True, False])
def test_a_title_lookup_follows_the_next_link_of_a_paginated_answer(run, cloud, datacenter, notes, is_cloud):
    fake = cloud if is_cloud else datacenter
    fake.default_limit = 1
    fake.add_page("Retro notes", status="archived")
    current = fake.add_page("Retro notes")  # the fake lets both hold the title: one per answer page
    flag = "--cloud" if is_cloud else "--data-center"
    result = run("publish", "confluence", "--url", fake.base, flag, "--space", "ENG", str(notes))
    assert result.exit_code == 1
    assert f"already has a page titled 'Retro notes' (id {current}," in one_line(result)
    lookups = [r for r in fake.requests if r["path"].endswith(("/pages", "/content")) and r["method"] == "GET"]
    assert len(lookups) == 2 and ("cursor" if is_cloud else "start") in lookups[1]["query"]


def test_the_fake_refuses_malformed_storage_as_confluence_does(cloud):
    from retrokit.publish.client import ApiError, Client, basic_auth

    with Client("confluence", headers={"Authorization": basic_auth(USER, TOKEN)}, secrets=[TOKEN]) as client:
        body = {"spaceId": "98765", "status": "current", "title": "Broken",
                "body": {"representation": "storage", "value": "<p>line<br>break</p>"}}
        with pytest.raises(ApiError) as caught:
            client.call("POST", f"{cloud.base}/api/v2/pages", json_body=body, what="create page 'Broken'")
    assert caught.value.status == 400 and "Error parsing xhtml" in caught.value.message
    assert [p["title"] for p in cloud.pages.values()] == ["Team home"]


def test_rate_limited_answers_are_waited_out_and_the_page_is_whole(run, notion_api, cloud, notes):
    notion_api.limit_every = 3
    result = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.exit_code == 0, result.stderr
    [page] = notion_api.pages("Retro notes")
    assert notion_api.tree(page) == expected_tree(NESTED)
    assert len(notion_api.requests) == 10  # seven requests, and every third answer was a 429 (three)
    cloud.limit_every = 2
    assert run(*cloud_args(cloud, str(notes))).exit_code == 0
    assert [p["title"] for p in cloud.pages.values()].count("Retro notes") == 1
