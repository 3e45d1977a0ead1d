"""`retrokit publish confluence|notion`, against fake APIs on a real HTTP server on 127.0.0.1
(tests/fake_services.py: every request is checked against the documented shape)."""

from __future__ import annotations

import json

import pytest

from fake_services import FakeConfluence, FakeNotion
from retrokit.formats.notion import build_blocks
from retrokit.rendering import RenderRequest

TOKEN = "tok-SECRET-8c1f2e9d"
USER = "ana@example.com"

NESTED = """# Retro notes

Intro paragraph with **bold** and a [link](https://example.com).

- level 1
  - level 2
    - level 3
      - level 4
        - level 5
          - level 6
      - level 4 again
  - level 2 again

> [!TIP]
> A callout
>
> - inside it
>   - deeper
>     - deeper still

| a | b |
|---|---|
| 1 | 2 |

- [ ] @ana call payments (due 2026-12-01)
"""


def big_document(paragraphs=230):
    lines = ["# Big retro", ""]
    lines += [f"Paragraph {n} of the big retro." for n in range(paragraphs)]
    return "\n\n".join(lines) + "\n" + NESTED.split("\n", 1)[1]


def one_line(result):
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture(autouse=True)
def team_here(isolated):
    """Each test runs in a team folder (an empty retrokit.toml), where published.toml is kept."""
    (isolated / "retrokit.toml").write_text("", encoding="utf-8")
    return isolated


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RETROKIT_PUBLISH_BACKOFF", "0")


@pytest.fixture
def notion_api(monkeypatch):
    fake = FakeNotion(TOKEN)
    monkeypatch.setenv("RETROKIT_NOTION_API", fake.url)
    monkeypatch.setenv("RETROKIT_NOTION_TOKEN", TOKEN)
    monkeypatch.setenv("RETROKIT_NOTION_RATE", "0")  # no client-side pacing in tests
    yield fake
    fake.close()
    assert fake.problems == [], fake.problems


def confluence_fixture(monkeypatch, cloud):
    fake = FakeConfluence(TOKEN, cloud=cloud, user=USER)
    monkeypatch.setenv("RETROKIT_CONFLUENCE_TOKEN", TOKEN)
    monkeypatch.setenv("RETROKIT_CONFLUENCE_USER", USER)
    return fake


@pytest.fixture
def cloud(monkeypatch):
    fake = confluence_fixture(monkeypatch, True)
    yield fake
    fake.close()
    assert fake.problems == [], fake.problems


@pytest.fixture
def datacenter(monkeypatch):
    fake = confluence_fixture(monkeypatch, False)
    yield fake
    fake.close()
    assert fake.problems == [], fake.problems


@pytest.fixture
def notes(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(NESTED, encoding="utf-8")
    return path


def expected_tree(markdown, title=""):
    return build_blocks(RenderRequest(markdown, title=title))


def cloud_args(fake, *more):
    return ("publish", "confluence", "--url", fake.base, "--cloud", "--space", "ENG", *more)


# -- Confluence -----------------------------------------------------------------------------------------


def test_confluence_cloud_creates_the_agenda_page_under_its_parent(run, cloud):
    result = run(*cloud_args(cloud, "retro", "--seed", "s1", "--parent", "4242"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    [page] = [p for p in cloud.pages.values() if p["title"] == "Retrospective"]
    assert page["parentId"] == "4242" and page["version"]["number"] == 1
    assert "<h2>Set the stage" in page["body"]
    assert one_line(result).startswith("retrokit: published 'Retrospective' to Confluence (created): http://127.0.0.1:")
    post = [r for r in cloud.requests if r["method"] == "POST"]
    assert len(post) == 1 and post[0]["body"]["spaceId"] == "98765"


def test_confluence_republishing_the_same_content_makes_no_new_version(run, cloud, notes):
    args = cloud_args(cloud, str(notes))
    assert run(*args).exit_code == 0
    # The fake normalises storage on save (as Confluence does): the bodies differ as text, not as XML.
    again = run(*args)
    assert again.exit_code == 0, again.stderr
    assert "(unchanged)" in again.stderr and cloud.count("PUT") == 0
    notes.write_text(NESTED + "\nOne more line.  \nwith a hard break\n", encoding="utf-8")
    changed = run(*args)
    assert "(updated to version 2)" in changed.stderr
    [page] = [p for p in cloud.pages.values() if p["title"] == "Retro notes"]
    assert page["version"]["number"] == 2 and page["version"]["message"].startswith("retrokit sha256:")
    assert "<br/>" in page["body"]  # stored normalised
    assert "(unchanged)" in run(*args).stderr  # found by the hash in the version message
    assert cloud.count("PUT") == 1


def test_confluence_title_option_wins_and_stdin_is_a_source(run, cloud):
    result = run(*cloud_args(cloud, "-", "--title", "Retro 2026-11-22"), input="# Ignored\n\nhello\n")
    assert result.exit_code == 0, result.stderr
    assert [p["title"] for p in cloud.pages.values()][-1] == "Retro 2026-11-22"


def test_confluence_data_center_uses_v1_and_a_bearer_token(run, datacenter, notes):
    args = ("publish", "confluence", "--url", datacenter.base, "--data-center", "--space", "ENG", "--parent", "4242")
    assert run(*args, str(notes)).exit_code == 0
    notes.write_text(NESTED.replace("level 5", "level five"), encoding="utf-8")
    result = run(*args, str(notes))
    assert result.exit_code == 0, result.stderr
    assert "(updated to version 2)" in result.stderr
    assert "pages/viewpage.action?pageId=" in result.stderr
    puts = [r for r in datacenter.requests if r["method"] == "PUT"]
    assert [r["body"]["version"]["number"] for r in puts] == [2]
    assert all(r["headers"]["Authorization"] == f"Bearer {TOKEN}" for r in datacenter.requests)


@pytest.mark.parametrize("is_cloud", [True, False])
def test_confluence_409_rereads_the_version_and_retries_once(run, monkeypatch, is_cloud, notes):
    fake = confluence_fixture(monkeypatch, is_cloud)
    try:
        args = ("publish", "confluence", "--url", fake.base, "--cloud" if is_cloud else "--data-center",
                "--space", "ENG", str(notes))
        assert run(*args).exit_code == 0
        notes.write_text(NESTED + "\nchanged\n", encoding="utf-8")
        fake.concurrent_edits = 1  # Sam saves version 2 while we publish
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        assert "(updated to version 3)" in result.stderr
        notes.write_text(NESTED + "\nchanged again\n", encoding="utf-8")
        fake.concurrent_edits = 2
        failed = run(*args)
        assert failed.exit_code == 1
        line = one_line(failed)
        assert "409 version conflict twice" in line and "Version must be incremented" in line
        assert "re-run" in line
        assert fake.problems == []
    finally:
        fake.close()


def test_confluence_unknown_space_and_missing_parent_are_one_line(run, cloud, datacenter, notes):
    result = run("publish", "confluence", "--url", cloud.base, "--cloud", "--space", "NOPE", str(notes))
    assert result.exit_code == 1
    assert one_line(result) == "retrokit: error: confluence: no space with key 'NOPE' (or no permission to see it)"
    result = run("publish", "confluence", "--url", datacenter.base, "--data-center", "--space", "NOPE", str(notes))
    assert one_line(result) == "retrokit: error: confluence: look up space NOPE failed: 404 Not Found: No space with key : NOPE"
    result = run(*cloud_args(cloud, str(notes), "--parent", "777"))
    assert one_line(result) == (
        "retrokit: error: confluence: create page 'Retro notes' failed: 404 Not Found: Parent page 777 not found"
    )


def test_confluence_401_is_one_line_and_the_secret_is_never_shown_even_with_debug(run, cloud, notes, monkeypatch):
    monkeypatch.setenv("RETROKIT_CONFLUENCE_TOKEN", TOKEN + "-wrong")
    result = run("--debug", *cloud_args(cloud, str(notes), "--debug"))
    assert result.exit_code == 1
    assert "retrokit: error: confluence: look up space ENG failed: 401 Unauthorized: Unauthorized; scope does not match" in result.stderr
    assert TOKEN not in result.stdout + result.stderr
    assert "retrokit: debug: confluence: GET" in result.stderr  # --debug shows the requests, redacted
    assert "Traceback" not in result.stderr


def test_confluence_429_waits_retry_after_and_500_retries_only_safe_requests(run, cloud, notes):
    cloud.inject("GET", r"/spaces$", 429, headers={"Retry-After": "0"}, times=2)
    cloud.inject("GET", r"/pages$", 500, times=1)
    result = run(*cloud_args(cloud, str(notes)))
    assert result.exit_code == 0, result.stderr
    assert cloud.count("GET", r"/spaces$") == 3 and cloud.count("GET", r"/pages$") == 2
    notes.write_text(NESTED + "\nnew\n", encoding="utf-8")
    cloud.inject("POST", r"/pages$", 500)  # a create is not retried: it might have happened
    result = run(*cloud_args(cloud, str(notes), "--title", "Other"))
    assert result.exit_code == 1
    assert "create page 'Other' failed: 500 Internal Server Error: injected failure" in one_line(result)
    assert cloud.count("POST") == 2


def test_confluence_gives_up_after_bounded_retries(run, cloud, notes):
    cloud.inject("GET", r"/spaces$", 503, headers={"Retry-After": "0"}, times=100)
    result = run(*cloud_args(cloud, str(notes)))
    assert result.exit_code == 1
    assert "503 Service Unavailable: injected failure (after 5 retries)" in one_line(result)
    assert cloud.count("GET") == 6


def test_confluence_missing_credentials_name_the_variable(run, cloud, notes, monkeypatch):
    monkeypatch.delenv("RETROKIT_CONFLUENCE_USER")
    result = run(*cloud_args(cloud, str(notes)))
    assert result.exit_code == 1
    assert one_line(result) == (
        "retrokit: error: publish: set the environment variable RETROKIT_CONFLUENCE_USER "
        "(credentials are read only from the environment)"
    )
    assert cloud.requests == []


def test_http_is_refused_except_for_localhost(run, notes):
    result = run("publish", "confluence", "--url", "http://confluence.acme.com", "--space", "ENG", str(notes))
    assert result.exit_code == 2
    assert "must use https://" in one_line(result)


def test_confluence_dry_run_prints_the_requests_and_sends_nothing(run, cloud, notes):
    result = run(*cloud_args(cloud, str(notes), "--parent", "4242", "--dry-run"))
    assert result.exit_code == 0, result.stderr
    assert cloud.requests == []
    out = result.stdout
    assert f"GET {cloud.base}/api/v2/spaces?keys=ENG" in out
    assert f"POST {cloud.base}/api/v2/pages" in out
    assert "Authorization: Basic ***" in out and TOKEN not in out + result.stderr
    body = json.loads(out.split(f"POST {cloud.base}/api/v2/pages\n", 1)[1].split("\n\n", 1)[1])
    assert body["title"] == "Retro notes" and body["parentId"] == "4242"
    assert "dry run: nothing was sent" in result.stderr


def test_team_config_supplies_defaults_and_names_the_token_variable(run, cloud, notes, tmp_path, monkeypatch):
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text(
        f'[publish.confluence]\nurl = "{cloud.base}"\nspace = "ENG"\nparent = "4242"\ncloud = true\n'
        'token_env = "TEAM_WIKI_TOKEN"\nspcae = "x"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("RETROKIT_CONFLUENCE_TOKEN")
    monkeypatch.setenv("TEAM_WIKI_TOKEN", TOKEN)
    result = run("publish", "confluence", str(notes), "--team", str(team))
    assert result.exit_code == 0, result.stderr
    assert "unknown key 'publish.confluence.spcae' (did you mean 'space'?)" in result.stderr
    assert "retrokit.toml:7:" in result.stderr
    assert [p["parentId"] for p in cloud.pages.values() if p["title"] == "Retro notes"] == ["4242"]


@pytest.mark.parametrize(
    "line, message",
    [
        ('token = "ATATT3xFfGF0abc"', "publish.confluence.token: a credential must not be written in retrokit.toml"),
        ('token_env = "ATATT3xFfGF0abc"', "publish.confluence.token_env must be the NAME of an environment variable"),
    ],
)
def test_a_token_written_in_the_team_config_is_refused_with_file_and_line(run, tmp_path, notes, line, message):
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text(f'[team]\nname = "x"\n\n[publish.confluence]\n{line}\n', encoding="utf-8")
    result = run("publish", "confluence", str(notes), "--team", str(team), "--url", "https://x.atlassian.net",
                 "--space", "ENG")
    assert result.exit_code == 1
    error = one_line(result)
    assert error.startswith(f"retrokit: error: {team / 'retrokit.toml'}:5: {message}")
    assert "ATATT3xFfGF0abc" not in error


# -- Notion ---------------------------------------------------------------------------------------------


def test_notion_creates_a_page_with_the_whole_nested_tree(run, notion_api, notes):
    result = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    [page] = notion_api.pages("Retro notes")
    assert notion_api.tree(page) == expected_tree(NESTED)  # six levels deep, nothing flattened
    assert "published 'Retro notes' to Notion (created" in result.stderr
    create = [r for r in notion_api.requests if r["method"] == "POST"]
    assert len(create) == 1 and "children" not in create[0]["body"]


def test_notion_large_page_goes_in_batches_and_republishing_replaces_it(run, notion_api, tmp_path):
    source = tmp_path / "big.md"
    source.write_text(big_document(), encoding="utf-8")
    url = f"https://www.notion.so/acme/Team-space-{notion_api.root.replace('-', '')}"
    assert run("publish", "notion", str(source), "--parent", url).exit_code == 0
    [page] = notion_api.pages("Big retro")
    assert notion_api.tree(page) == expected_tree(big_document())
    appends = [r for r in notion_api.requests if r["method"] == "PATCH"]
    assert max(len(r["body"]["children"]) for r in appends) == 100
    source.write_text(big_document(120), encoding="utf-8")
    again = run("publish", "notion", str(source), "--parent", notion_api.root)
    assert again.exit_code == 0, again.stderr
    assert "(updated: 0 blocks added, 0 updated, 110 deleted, 126 kept; 110 write requests)" in again.stderr
    assert notion_api.pages("Big retro") == [page]  # the same page, no duplicate
    assert notion_api.tree(page) == expected_tree(big_document(120))
    listing = [r for r in notion_api.requests if r["method"] == "GET" and r["path"].endswith(f"{page}/children")]
    assert len(listing) == 3 and "start_cursor" in listing[1]["query"]  # 230+ blocks: paginated


def test_notion_page_option_replaces_that_page_and_sets_the_title_when_given(run, notion_api, notes):
    page = notion_api.new_page(notion_api.root, "Old title")
    old = {"type": "paragraph", "paragraph": {"rich_text": [], "children": [{"type": "divider", "divider": {}}]}}
    notion_api.add(notion_api.blocks[page], old)
    subpage = notion_api.new_page(page, "Kept sub-page")
    result = run("publish", "notion", str(notes), "--page", page.replace("-", ""), "--title", "Retro 11-22")
    assert result.exit_code == 0, result.stderr
    assert notion_api.blocks[page]["payload"]["title"] == "Retro 11-22"
    assert notion_api.tree(page) == expected_tree(NESTED, "Retro 11-22")  # the old paragraph is gone
    # the content stays above the kept sub-page
    assert notion_api.blocks[page]["children"][-1] == subpage and not notion_api.blocks[subpage]["archived"]


def test_notion_failure_midway_says_what_the_page_holds_and_rerunning_converges(run, notion_api, tmp_path):
    source = tmp_path / "big.md"
    source.write_text(big_document(), encoding="utf-8")
    notion_api.inject("PATCH", r"/children$", 500, skip=2)  # the third append request fails
    result = run("publish", "notion", str(source), "--parent", notion_api.root)
    assert result.exit_code == 1
    [page] = notion_api.pages("Big retro")
    line = one_line(result)
    assert line.startswith("retrokit: error: notion: append request 3 failed: 500 Internal Server Error: injected failure. ")
    assert f"Page 'Big retro' (id {page}) now holds 2 of " in line and "re-run the same command" in line
    assert notion_api.count("PATCH") == 3  # an append is never retried: it could add the blocks twice
    rerun = run("publish", "notion", str(source), "--parent", notion_api.root)
    assert rerun.exit_code == 0, rerun.stderr
    assert notion_api.pages("Big retro") == [page]
    assert notion_api.tree(page) == expected_tree(big_document())


def test_notion_create_failure_is_not_retried_and_rerunning_does_not_duplicate(run, notion_api, notes):
    notion_api.inject("POST", r"/v1/pages$", 502)
    result = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.exit_code == 1
    assert "re-run the same command (it finds the page by title" in one_line(result)
    assert notion_api.count("POST") == 1
    assert run("publish", "notion", str(notes), "--parent", notion_api.root).exit_code == 0
    assert len(notion_api.pages("Retro notes")) == 1


def test_notion_429_is_retried_for_any_request_after_retry_after(run, notion_api, notes):
    notion_api.inject("PATCH", r"/children$", 429, headers={"Retry-After": "0"}, times=2)
    notion_api.inject("POST", r"/v1/pages$", 429, headers={"Retry-After": "0"})
    notion_api.inject("GET", r"/children$", 500)
    result = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.exit_code == 0, result.stderr
    [page] = notion_api.pages("Retro notes")
    assert notion_api.tree(page) == expected_tree(NESTED)


def test_notion_401_and_404_are_one_line_with_the_api_message(run, notion_api, notes, monkeypatch):
    missing = "0123456789abcdef0123456789abcdef"
    result = run("publish", "notion", str(notes), "--parent", missing)
    assert one_line(result).startswith(
        "retrokit: error: notion: list the pages under 01234567-89ab-cdef-0123-456789abcdef failed: 404 Not Found: "
        "Could not find block with ID"
    )
    monkeypatch.setenv("RETROKIT_NOTION_TOKEN", "secret_wrong_" + TOKEN)
    result = run("publish", "notion", str(notes), "--parent", notion_api.root, "--debug")
    assert result.exit_code == 1
    assert "401 Unauthorized: API token is invalid." in result.stderr
    assert TOKEN not in result.stdout + result.stderr


def test_notion_dry_run_prints_every_request_and_sends_nothing(run, notion_api, notes):
    result = run("publish", "notion", str(notes), "--parent", notion_api.root, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert notion_api.requests == []
    out = result.stdout
    assert "Authorization: Bearer ***" in out and "Notion-Version: 2022-06-28" in out and TOKEN not in out
    assert out.count("\nPATCH ") == 5  # the page, then follow-ups: three for the deep list, one for the callout
    assert "PATCH " + notion_api.url + "/v1/blocks/{id of block 3 of request 1}/children" in out
    assert "lookups are not sent and are assumed to find nothing" in result.stderr


def test_notion_needs_a_parent_or_a_page(run, notion_api, notes):
    result = run("publish", "notion", str(notes))
    assert result.exit_code == 2
    assert "needs --parent PAGE or --page PAGE" in one_line(result)
    result = run("publish", "notion", str(notes), "--parent", "not-an-id")
    assert result.exit_code == 2 and "not a Notion page id or page URL" in one_line(result)


def test_notion_publishes_a_rendered_kind_and_records_it(run, notion_api, tmp_path):
    team = tmp_path / "team"
    assert run("init", str(team), "--name", "Platform", "--member", "Ana").exit_code == 0
    result = run("publish", "notion", "retro", "--seed", "pub1", "--team", str(team), "--record",
                 "--parent", notion_api.root)
    assert result.exit_code == 0, result.stderr
    assert "recorded retro" in result.stderr
    assert (team / "history.toml").read_text(encoding="utf-8").count("pub1") == 1
    [page] = notion_api.pages("Retrospective · Platform")
    assert notion_api.tree(page)[0]["type"] == "heading_1"


def test_render_options_need_a_kind_and_a_kind_name_beats_a_file(run, notion_api, notes, isolated):
    result = run("publish", "notion", str(notes), "--seed", "x", "--parent", notion_api.root)
    assert result.exit_code == 2 and "--seed applies only when SOURCE is a meeting kind" in one_line(result)
    (isolated / "retro").write_text("# A file called retro\n", encoding="utf-8")
    result = run("publish", "notion", "retro", "--parent", notion_api.root, "--dry-run")
    assert "'retro' is a meeting kind and a file here; publishing the retro agenda (write ./retro" in result.stderr
    result = run("publish", "notion", "./retro", "--parent", notion_api.root)
    assert result.exit_code == 0 and notion_api.pages("A file called retro")
    result = run("publish", "notion", "retr", "--parent", notion_api.root)
    assert result.exit_code == 2 and "(did you mean 'retro'?)" in one_line(result)


def test_installed_command_publishes_to_notion(installed, notion_api, notes):
    result = installed("publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    [page] = notion_api.pages("Retro notes")
    assert notion_api.tree(page) == expected_tree(NESTED)


def test_plan_sends_deep_content_in_follow_ups_within_the_limits():
    from retrokit.publish.notion import plan, requests_in

    request = RenderRequest(NESTED)
    batches = plan(build_blocks(request), request)
    assert requests_in(batches) == 5
    assert request.losses == {}


def test_an_unreachable_server_is_one_line_after_bounded_retries(run, notes, monkeypatch):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("RETROKIT_CONFLUENCE_TOKEN", TOKEN)
    result = run("publish", "confluence", "--url", f"http://127.0.0.1:{port}", "--data-center", "--space", "ENG",
                 str(notes))
    assert result.exit_code == 1
    assert one_line(result).startswith("retrokit: error: confluence: look up space ENG failed: ConnectError")


def test_a_bad_rate_setting_is_an_error(run, notion_api, notes, monkeypatch):
    monkeypatch.setenv("RETROKIT_NOTION_RATE", "fast")
    result = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.exit_code == 1
    assert one_line(result) == ("retrokit: error: RETROKIT_NOTION_RATE must be 0 (no pacing) or a number from 0.01 "
                                "to 1000 (requests a second), not 'fast'")
    assert notion_api.requests == []


def test_publish_is_listed_but_httpx_is_not_imported_at_start_up(run, installed):
    assert "publish" in run("--help").stdout
    import subprocess
    import sys

    probe = "import sys, retrokit.cli; print('httpx' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "False"
    assert "--cloud / --data-center" in installed("publish", "confluence", "--help").stdout


def test_notion_parent_and_token_variable_come_from_the_team_config(run, notion_api, notes, tmp_path, monkeypatch):
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text(
        f'[publish.notion]\nparent = "https://www.notion.so/acme/Space-{notion_api.root.replace("-", "")}"\n'
        'token_env = "TEAM_NOTION"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("RETROKIT_NOTION_TOKEN")
    result = run("publish", "notion", str(notes), "--team", str(team))
    assert result.exit_code == 1
    assert one_line(result) == (
        "retrokit: error: publish: set the environment variable TEAM_NOTION "
        "(credentials are read only from the environment)"
    )
    monkeypatch.setenv("TEAM_NOTION", TOKEN)
    assert run("publish", "notion", str(notes), "--team", str(team)).exit_code == 0
    assert len(notion_api.pages("Retro notes")) == 1
    (team / "retrokit.toml").write_text('[publish.notion]\nparent = "nope"\n', encoding="utf-8")
    result = run("publish", "notion", str(notes), "--team", str(team))
    assert "retrokit.toml:2: publish.notion.parent: not a Notion page id or page URL: 'nope'" in one_line(result)
