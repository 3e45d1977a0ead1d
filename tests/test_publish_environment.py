"""The settings publishing reads from the environment (RETROKIT_PUBLISH_BACKOFF, RETROKIT_PUBLISH_MAX_WAIT,
RETROKIT_NOTION_RATE, RETROKIT_NOTION_API): any value either works or is one line naming the variable and
its range, before anything is rendered or sent; and values in messages are shown, never as Python reprs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from test_publish import cloud_args, notes, one_line, team_here, no_proxies  # noqa: F401
from test_publish import cloud, notion_api  # noqa: F401  (fixtures)

RANGES = {
    "RETROKIT_PUBLISH_BACKOFF": "a number from 0 to 600 (seconds)",
    "RETROKIT_PUBLISH_MAX_WAIT": "a number from 0 to 86400 (seconds)",
    "RETROKIT_NOTION_RATE": "0 (no pacing) or a number from 0.01 to 1000 (requests a second)",
}


@pytest.mark.parametrize("variable", sorted(RANGES))
@pytest.mark.parametrize("value, shown", [
    ("nan", "'nan'"), ("inf", "'inf'"), ("-1", "'-1'"), ("1e400", "'1e400'"), ("1e-300", "'1e-300'"),
    ("100000", "'100000'"), ("fast", "'fast'"), ("dré\x1b[0m", "'dré\\x1b[0m'"),
    ("9" * 60, "'" + "9" * 40 + "…'"),
])
def test_a_bad_number_setting_is_one_line_naming_the_variable_and_its_range(run, notion_api, notes, monkeypatch,
                                                                            variable, value, shown):
    if variable != "RETROKIT_NOTION_RATE" and value == "1e-300":
        value, shown = "-1e-300", "'-1e-300'"  # a tiny wait is a fine wait
    monkeypatch.setenv(variable, value)
    result = run("--debug", "publish", "notion", str(notes), "--parent", notion_api.root)
    assert result.exit_code == 1
    assert one_line(result) == f"retrokit: error: {variable} must be {RANGES[variable]}, not {shown}"
    assert notion_api.requests == []


def test_settings_in_range_are_used(run, notion_api, notes, monkeypatch):
    monkeypatch.setenv("RETROKIT_NOTION_RATE", "1000")
    monkeypatch.setenv("RETROKIT_PUBLISH_BACKOFF", " 0.0 ")
    monkeypatch.setenv("RETROKIT_PUBLISH_MAX_WAIT", "1e1")
    notion_api.inject("GET", r"/children$", 429, headers={"Retry-After": "11"})
    result = run("publish", "notion", str(notes), "--parent", notion_api.root)
    assert one_line(result).endswith("(the server asks to wait 11 s, more than RETROKIT_PUBLISH_MAX_WAIT=10 s: "
                                     "re-run later, or raise it)")
    notion_api.inject("GET", r"/children$", 500, times=2)  # retried at once: a backoff of 0
    assert run("publish", "notion", str(notes), "--parent", notion_api.root).exit_code == 0


def test_a_bad_setting_stops_confluence_and_ingest_before_anything_is_sent(run, cloud, notes, monkeypatch):
    monkeypatch.setenv("RETROKIT_PUBLISH_MAX_WAIT", "-inf")
    expected = f"retrokit: error: RETROKIT_PUBLISH_MAX_WAIT must be {RANGES['RETROKIT_PUBLISH_MAX_WAIT']}, not '-inf'"
    assert one_line(run("publish", "confluence", "--url", cloud.base, "--space", "ENG", str(notes))) == expected
    assert one_line(run("ingest", "--from", "confluence", "123")) == expected
    assert cloud.requests == []


@pytest.mark.parametrize("args, message", [
    (("publish", "notion", "notes.md", "--parent", "nope\x1b]0;x\x07"),
     "--parent: not a Notion page id or page URL: 'nope\\x1b]0;x\\x07'"),
    (("publish", "confluence", "notes.md", "--url", "ftp://wiki\n", "--space", "ENG"),
     "--url must be an https:// URL, not 'ftp://wiki\\n'"),
    (("ingest", "--from", "confluence", "page\u202e1"), "PAGE: not a Confluence page id or page URL: 'page\\u202e1'"),
])
def test_a_bad_page_or_url_is_shown_as_written_not_as_a_repr(run, notes, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert one_line(result).startswith(f"retrokit: error: {message}")


NUMBERS = st.floats(allow_nan=True, allow_infinity=True).flatmap(
    lambda x: st.sampled_from([repr(x), f"{x:g}", f"{x:e}", f" {x} "]))
VALUES = st.one_of(NUMBERS, st.text(max_size=50).filter(lambda v: "\x00" not in v),
                   st.sampled_from(["٣", "１٠", "1_000", "0x10", "1e-320", "-0", "+3", "3.", ".5", "\udcff"]))
ENVIRONMENT = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def in_range(variable: str, value: float) -> bool:
    low, high = {"RETROKIT_PUBLISH_BACKOFF": (0, 600), "RETROKIT_PUBLISH_MAX_WAIT": (0, 86400),
                 "RETROKIT_NOTION_RATE": (0.01, 1000)}[variable]
    return low <= value <= high or (value == 0 and variable == "RETROKIT_NOTION_RATE")


@ENVIRONMENT
@given(variable=st.sampled_from(sorted(RANGES)), value=VALUES, service=st.sampled_from(["notion", "confluence"]))
def test_every_setting_works_or_is_one_clear_line(run, notion_api, cloud, notes, monkeypatch, variable, value,
                                                  service):
    for name, default in (("RETROKIT_PUBLISH_BACKOFF", "0"), ("RETROKIT_NOTION_RATE", "0")):
        monkeypatch.setenv(name, default)  # as the fixtures set them, whatever the example before set
    monkeypatch.delenv("RETROKIT_PUBLISH_MAX_WAIT", raising=False)
    try:
        monkeypatch.setenv(variable, value)
    except (UnicodeEncodeError, ValueError):  # not something an environment can hold
        return
    if service == "notion":
        result = run("publish", "notion", str(notes), "--parent", notion_api.root, "--dry-run")
    else:
        result = run(*cloud_args(cloud, str(notes), "--dry-run"))
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    try:
        works = in_range(variable, float(value.strip())) if value.strip() else True
    except ValueError:
        works = False
    if works:
        assert result.exit_code == 0, result.stderr
    else:
        assert result.exit_code == 1
        assert one_line(result).startswith(f"retrokit: error: {variable} must be {RANGES[variable]}, not '")
    assert notion_api.requests == [] and cloud.requests == []  # a dry run sends nothing


URLS = st.one_of(st.text(max_size=30), st.builds(lambda scheme, rest: scheme + rest,
                 st.sampled_from(["https://", "http://", "http://127.0.0.1", "https://[", "ftp://", "https://u:p@"]),
                 st.text(max_size=30)))


@ENVIRONMENT
@given(value=URLS)
def test_every_notion_api_base_works_or_is_one_clear_line(run, notion_api, notes, monkeypatch, value):
    try:
        monkeypatch.setenv("RETROKIT_NOTION_API", value)
    except (UnicodeEncodeError, ValueError):  # not something an environment can hold
        return
    result = run("publish", "notion", str(notes), "--parent", notion_api.root, "--dry-run")
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    if result.exit_code:
        assert result.exit_code == 2
        assert one_line(result).startswith("retrokit: error: RETROKIT_NOTION_API must ")
        assert "u:p@" not in result.stderr  # a password in the URL is never shown
    assert notion_api.requests == []  # a dry run sends nothing


def test_a_url_with_a_password_or_a_bad_port_is_refused_without_showing_it(run, notes):
    result = run("publish", "confluence", str(notes), "--url", "https://ana:hunter2@wiki.acme.com", "--space", "ENG")
    assert one_line(result) == ("retrokit: error: --url must not hold a user name or password (credentials are "
                                "read only from the environment) (see 'retrokit publish confluence --help')")
    result = run("publish", "confluence", str(notes), "--url", "https://[wiki", "--space", "ENG")
    assert one_line(result).startswith("retrokit: error: --url must be an https:// URL, not 'https://[wiki'")
