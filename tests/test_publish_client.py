"""What the shared client does for both services: checked answers, 529 and long Retry-After, progress,
and asking the site whether it is Confluence Cloud (against the fakes over real HTTP)."""

from __future__ import annotations

from test_publish import NESTED, TOKEN, cloud_args, one_line, team_here, no_proxies  # noqa: F401
from test_publish import cloud, datacenter, notion_api, notes  # noqa: F401  (fixtures)


def test_a_create_answered_without_an_id_says_the_page_may_exist(run, cloud, notion_api, notes):
    cloud.inject("POST", r"/pages$", 200, body={})
    result = run(*cloud_args(cloud, str(notes)))
    assert result.exit_code == 1
    assert one_line(result) == (
        "retrokit: error: confluence: create page 'Retro notes' succeeded, but the answer has no id: the page may "
        "have been created: re-run the same command (it finds the page by title and takes it, never duplicates it)"
    )
    notion_api.inject("POST", r"/v1/pages$", 200, body={"object": "page"})
    result = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.exit_code == 1
    assert one_line(result).startswith(
        "retrokit: error: notion: create page 'Retro notes' succeeded, but the answer has no id: the page may have "
        f"been created under {notion_api.root}: re-run the same command"
    )


def test_an_update_answered_without_a_version_says_what_may_have_been_written(run, cloud, notes):
    assert run(*cloud_args(cloud, str(notes))).exit_code == 0
    notes.write_text(NESTED + "\nmore\n", encoding="utf-8")
    cloud.inject("PUT", r"/pages/\d+$", 200, body={"id": "100001"})
    result = run(*cloud_args(cloud, str(notes)))
    assert result.exit_code == 1
    assert one_line(result) == (
        "retrokit: error: confluence: update page 'Retro notes' (id 100001) to version 2 succeeded, but the answer "
        "has no version.number: version 2 may have been written; re-run the same command to check (a page that "
        "already holds this is left alone)"
    )


def test_529_is_retried_like_429_and_a_wait_is_announced(run, notion_api, notes):
    notion_api.inject("PATCH", r"/children$", 529, headers={"Retry-After": "0"}, times=2)
    notion_api.inject("GET", r"/children$", 429, headers={"Retry-After": "1"})
    result = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.exit_code == 0, result.stderr
    assert (f"retrokit: note: notion: list the pages under {notion_api.root}: 429 Too Many Requests; waiting 1 s "
            "before retry 1 of 5") in result.stderr.splitlines()
    assert "529" not in result.stderr  # a wait of 0 s goes unannounced
    assert notion_api.count("PATCH") == 5 + 2


def test_a_retry_after_longer_than_the_max_wait_stops_with_what_to_do(run, notion_api, notes, monkeypatch):
    monkeypatch.setenv("RETROKIT_PUBLISH_MAX_WAIT", "30")
    notion_api.inject("GET", r"/children$", 429, headers={"Retry-After": "120"})
    result = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.exit_code == 1
    assert one_line(result) == (
        f"retrokit: error: notion: list the pages under {notion_api.root} failed: 429 Too Many Requests: injected "
        "failure (the server asks to wait 120 s, more than RETROKIT_PUBLISH_MAX_WAIT=30 s: re-run later, or raise it)"
    )
    assert notion_api.count("GET") == 1


def test_progress_is_shown_when_asked_and_never_with_no_progress(run, notion_api, notes):
    result = run("publish", "notion", str(notes), "--parent", notion_api.root, "--progress")
    assert result.exit_code == 0, result.stderr
    shown = [line for line in result.stderr.splitlines() if " request " in line]
    sent = len(notion_api.requests)
    assert shown[0] == f"retrokit: notion: request 1 of {sent}"
    assert shown[-1] == f"retrokit: notion: request {sent} of {sent}" and len(shown) == sent
    quiet = run("publish", "notion", str(notes), "--parent", notion_api.root, "--no-progress")
    assert " request " not in quiet.stderr
    assert " request " not in run("publish", "notion", str(notes), "--parent", notion_api.root).stderr  # no terminal


def test_cloud_is_asked_of_the_site_and_the_flags_and_config_still_win(run, cloud, datacenter, notes, team_here):
    assert run("publish", "confluence", "--url", cloud.base, "--space", "ENG", str(notes)).exit_code == 0
    [probe] = [r for r in cloud.requests if r["path"] == "/_edge/tenant_info"]
    assert "Authorization" not in probe["headers"]  # asking costs no credential
    assert cloud.count("POST", r"/api/v2/pages$") == 1
    # a custom domain: only the site's answer says Cloud; /wiki is added as for *.atlassian.net
    assert run("publish", "confluence", "--url", cloud.url, "--space", "ENG", str(notes),
               "--title", "Other").exit_code == 0
    assert cloud.count("POST", r"/api/v2/pages$") == 2
    result = run("publish", "confluence", "--url", datacenter.base, "--space", "ENG", str(notes))
    assert result.exit_code == 0, result.stderr
    assert datacenter.count("POST", r"/rest/api/content$") == 1
    (team_here / "retrokit.toml").write_text("[publish.confluence]\ncloud = false\n", encoding="utf-8")
    result = run("publish", "confluence", "--url", cloud.base, "--space", "ENG", str(notes), "--title", "Third")
    assert result.exit_code == 1 and "401" in one_line(result)  # config said Data Center: a bearer token, refused
    assert run(*cloud_args(cloud, str(notes), "--title", "Third")).exit_code == 0  # --cloud beats the config
    assert cloud.count("GET", "/_edge/tenant_info") == 2
