"""Tokens never shown and server text shown safely: a token no header can carry is refused up front (the
line names the variable, never the value); a server's echo of a token is masked in every encoding, before
anything is cut; an error body is one escaped line, a binary one described (real HTTP on 127.0.0.1)."""

from __future__ import annotations

import base64
import html
import json
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fake_services import FakeConfluence, FakeNotion
from test_publish import USER, cloud_args, notes, one_line, team_here, no_proxies  # noqa: F401

#: a token with the characters that HTML, URL and JSON encode differently
ODD = "Zq9-secret_a+b/c=d&e<f>'g\"h%i\\j"
FAKES = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def notion_odd(monkeypatch):
    fake = FakeNotion(ODD)
    monkeypatch.setenv("RETROKIT_NOTION_API", fake.url)
    monkeypatch.setenv("RETROKIT_NOTION_TOKEN", ODD)
    monkeypatch.setenv("RETROKIT_NOTION_RATE", "0")
    yield fake
    fake.close()
    assert fake.problems == [], fake.problems


@pytest.fixture
def cloud_odd(monkeypatch):
    fake = FakeConfluence(ODD, cloud=True, user=USER)
    monkeypatch.setenv("RETROKIT_CONFLUENCE_TOKEN", ODD)
    monkeypatch.setenv("RETROKIT_CONFLUENCE_USER", USER)
    yield fake
    fake.close()
    assert fake.problems == [], fake.problems


def basic(token):
    return base64.b64encode(f"{USER}:{token}".encode()).decode()


#: the ways a server (or a library) may echo a token back
ENCODINGS = {
    "raw": lambda t: t,
    "html": html.escape,
    "html-numeric": lambda t: "".join(f"&#{ord(c)};" for c in t),
    "url": lambda t: quote(t, safe=""),
    "url-plus": quote_plus,
    "url-lower-hex": lambda t: "".join(f"%{b:02x}" for b in t.encode()),
    "json": lambda t: json.dumps(t)[1:-1],
    "json-unicode": lambda t: "".join(f"\\u{ord(c):04x}" for c in t),
    "repr": lambda t: repr(t.encode())[2:-1],
    "html-in-url": lambda t: quote(html.escape(t), safe=""),
    "base64": lambda t: base64.b64encode(t.encode()).decode(),
    "basic": basic,
}


def leaks(output: str, token: str) -> list[str]:
    """Every form of ``token`` (or of its start: a cut echo) that ``output`` shows."""
    forms = {name: encode(token) for name, encode in ENCODINGS.items()}
    found = [name for name, form in forms.items() if form in output]
    found += ["a cut echo"] if token[:3] in output or forms["base64"][:4] in output else []
    found += ["a cut Basic value"] if forms["basic"][20:24] in output else []  # after base64(USER + ":")
    return found


def echo_failure(fake, body, content_type=None):
    """The next lookup fails with ``body`` (the first request of either publish)."""
    headers = {"Content-Type": content_type} if content_type else None
    path = r"/children$" if isinstance(fake, FakeNotion) else r"/spaces$"
    fake.inject("GET", path, 400, body=body, headers=headers)


def publish(run, fake, notes, *more):
    if isinstance(fake, FakeNotion):
        return run("publish", "notion", str(notes), "--parent", fake.root, *more)
    return run(*cloud_args(fake, str(notes), *more))


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_a_token_the_server_echoes_is_masked_in_every_encoding(run, notion_odd, cloud_odd, notes, encoding):
    echo = ENCODINGS[encoding](ODD)
    echo_failure(notion_odd, {"object": "error", "status": 400, "code": "validation_error",
                              "message": f"header was Bearer {echo}, which is not valid"})
    result = publish(run, notion_odd, notes, "--debug")
    assert result.exit_code == 1
    error = result.stderr.splitlines()[-1]
    assert error.endswith("failed: 400 Bad Request: header was Bearer ***, which is not valid"), error
    assert leaks(result.stdout + result.stderr, ODD) == []
    echo_failure(cloud_odd, f"<html><body><p>Authorization: Basic {echo}</p></body></html>".encode(), "text/html")
    result = publish(run, cloud_odd, notes)
    assert one_line(result).endswith("failed: 400 Bad Request: <html><body><p>Authorization: Basic ***</p></body></html>")
    assert leaks(result.stderr, ODD) == []


def test_a_long_body_is_cut_after_the_token_is_masked(run, notion_odd, notes):
    echo_failure(notion_odd, ("x" * 190 + f" {ODD} and more").encode(), "text/plain")
    result = publish(run, notion_odd, notes)
    assert one_line(result).endswith(": 400 Bad Request: " + "x" * 190 + " *** and m…")  # 200 characters
    assert leaks(result.stderr, ODD) == []


@pytest.mark.parametrize("variable, value, holds", [
    ("RETROKIT_NOTION_TOKEN", "secret_abc\nsecret_def", "a line break"),
    ("RETROKIT_NOTION_TOKEN", "secret_äbc", "a non-ASCII character"),
    ("RETROKIT_NOTION_TOKEN", "secret abc", "a space"),
    ("RETROKIT_NOTION_TOKEN", "secret\x1b[2Jabc", "a control character"),
    ("RETROKIT_NOTION_TOKEN", "secret\u200babc", "an invisible character"),
    ("RETROKIT_NOTION_TOKEN", "secret\udcffabc", "a byte that is not UTF-8"),
])
@pytest.mark.parametrize("debug", [(), ("--debug",)])
def test_a_token_no_header_can_carry_is_one_line_naming_the_variable(run, notion_odd, notes, monkeypatch,
                                                                   variable, value, holds, debug):
    monkeypatch.setenv(variable, value)
    result = run(*debug, "publish", "notion", str(notes), "--parent", notion_odd.root)
    assert result.exit_code == 1
    assert one_line(result) == (
        f"retrokit: error: publish: {variable} holds {holds}, which a token (one line of visible ASCII "
        "characters, no spaces) cannot: set it again from the credential itself (its value is not shown)")
    assert "abc" not in result.stderr and notion_odd.requests == []


def test_a_confluence_user_with_a_line_break_or_colon_is_refused_before_the_site_is_asked(run, cloud_odd, notes,
                                                                                          monkeypatch):
    for value, holds in (("ana@example.com\nX-Evil: 1", "a line break"), ("ana:x@example.com", "a ':'")):
        monkeypatch.setenv("RETROKIT_CONFLUENCE_USER", value)
        result = run("publish", "confluence", "--url", cloud_odd.base, "--space", "ENG", str(notes))
        assert one_line(result) == (
            f"retrokit: error: publish: RETROKIT_CONFLUENCE_USER holds {holds}, which a user name (an email "
            "address) on one line, without ':' cannot: set it again from the credential itself (its value is not shown)")
    assert cloud_odd.requests == []  # not even the question whether the site is Cloud
    monkeypatch.setenv("RETROKIT_CONFLUENCE_USER", "anä@example.com")  # base64 carries any user name
    cloud_odd.user = "anä@example.com"
    assert publish(run, cloud_odd, notes).exit_code == 0


def test_ingest_from_a_page_checks_the_token_first(run, notion_odd, monkeypatch):
    monkeypatch.setenv("RETROKIT_NOTION_TOKEN", "ntn_abc\r\n")  # a trailing line break is trimmed
    result = run("ingest", "--from", "notion", notion_odd.root)
    assert "RETROKIT_NOTION_TOKEN" not in result.stderr
    monkeypatch.setenv("RETROKIT_NOTION_TOKEN", "ntn_ab\rc")
    result = run("ingest", "--from", "notion", notion_odd.root)
    assert result.exit_code == 1
    assert one_line(result).startswith("retrokit: error: publish: RETROKIT_NOTION_TOKEN holds a line break")
    assert "ab" not in result.stderr.split("holds")[0]


@pytest.mark.parametrize("body, content_type, shown", [
    (b"bad \x1b[31mred\x1b[0m and a bell\x07 here", "text/plain", "bad \\x1b[31mred\\x1b[0m and a bell\\x07 here"),
    (b"line one\r\nline two\n\n  line three", "text/plain", "line one line two line three"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "image/png", "<binary body, 1040 bytes>"),
    (bytes(range(128, 256)) * 3, "text/plain", "<binary body, 384 bytes>"),
    ("caf\u00e9 ferm\u00e9".encode("latin-1"), "text/plain; charset=latin-1", "caf\u00e9 ferm\u00e9"),
    ("na\u00efve \u2014 ok".encode(), "text/plain; charset=no-such-charset", "na\u00efve \u2014 ok"),
    (json.dumps({"message": "two\nlines\u202eand an override"}).encode(), "application/json",
     "two lines\\u202eand an override"),
    (b"[" * 100_000, "application/json", "[" * 200 + "\u2026"),
])
def test_server_error_text_is_one_escaped_line_and_binary_is_described(run, notion_odd, notes, body,
                                                                       content_type, shown):
    echo_failure(notion_odd, body, content_type)
    result = publish(run, notion_odd, notes)
    assert result.exit_code == 1
    assert one_line(result).endswith(f"failed: 400 Bad Request: {shown}")


def test_a_success_answer_nested_too_deep_is_not_json_not_a_crash(run, notion_odd, notes):
    notion_odd.inject("GET", r"/children$", 200, body=b"[" * 100_000)
    result = publish(run, notion_odd, notes)
    assert result.exit_code == 1
    assert "the answer is not JSON" in one_line(result) and "unexpected" not in result.stderr


FILLER = st.text(alphabet="abcdefghij klm.,:;!?\n\t\x1b\x07\u00e9\u00df\u20ac", max_size=400)
VISIBLE = st.characters(min_codepoint=0x21, max_codepoint=0x7E)
ANY = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")  # what an environment holds
TOKENS = st.builds(lambda middle: "Zq9" + middle, st.one_of(  # about as long as real tokens (Notion's: 50)
    st.text(VISIBLE, min_size=9, max_size=40), st.text(st.one_of(VISIBLE, ANY), min_size=9, max_size=40)))
BODIES = st.sampled_from(["notion json", "confluence json", "text", "html", "binary"])


def echo_body(kind, text):
    if kind == "notion json":
        return {"object": "error", "status": 400, "code": "validation_error", "message": text}, None
    if kind == "confluence json":
        return {"errors": [{"status": 400, "title": "Bad request", "detail": text}]}, None
    if kind == "binary":
        return b"\x00\x01\x02" + text.encode(), "application/octet-stream"
    return text.encode(), "text/html; charset=utf-8" if kind == "html" else "text/plain"


@FAKES
@given(token=TOKENS, before=FILLER, after=FILLER, encoding=st.sampled_from(sorted(ENCODINGS)), kind=BODIES,
       service=st.sampled_from(["notion", "confluence"]))
def test_no_token_and_no_echo_of_it_is_ever_shown(run, notion_odd, cloud_odd, notes, monkeypatch, token, before,
                                                  after, encoding, kind, service):
    """Every token is refused up front in one line naming its variable, or else used, and the server's
    echo of it (any encoding, anywhere in any body, cut or not) is masked."""
    fake = notion_odd if service == "notion" else cloud_odd
    variable = f"RETROKIT_{service.upper()}_TOKEN"
    monkeypatch.setenv(variable, token)
    fake.token = token.strip()
    sent = len(fake.requests)
    body, content_type = echo_body(kind, f"{before}{ENCODINGS[encoding](token.strip())}{after}")
    echo_failure(fake, body, content_type)
    result = publish(run, fake, notes, "--debug")
    fake.injected.clear()
    output = result.stdout + result.stderr
    assert result.exit_code == 1 and "Traceback" not in output and "unexpected" not in output
    error = result.stderr.splitlines()[-1]
    if len(fake.requests) == sent:  # refused up front
        assert error.startswith(f"retrokit: error: publish: {variable} holds ") and "Zq9" not in output
    else:
        assert error.startswith(f"retrokit: error: {service}: ") and " failed: 400 Bad Request" in error
        assert leaks(output, token.strip()) == []


def test_the_page_url_a_server_answers_is_shown_escaped(run, cloud_odd, notes):
    cloud_odd.inject("POST", r"/pages$", 200, body={"id": "100001", "version": {"number": 1},
                                                    "_links": {"webui": "/x\x1b]0;owned\x07\n"}})
    result = publish(run, cloud_odd, notes)
    assert result.exit_code == 0, result.stderr
    assert one_line(result).endswith("(created): http://" + cloud_odd.base.split("://")[1] + "/x\\x1b]0;owned\\x07\\n")


def test_a_huge_body_is_searched_in_its_first_part_and_no_cut_end_can_show(run, notion_odd, notes):
    echo_failure(notion_odd, ("&#32;" * 60_000 + ODD).encode(), "text/html")
    result = publish(run, notion_odd, notes)  # the echo lies past the part searched
    assert one_line(result).endswith("failed: 400 Bad Request: " + "&#32;" * 40 + "…")
    echo_failure(notion_odd, (f"{html.escape(ODD)} " + "&#32;" * 60_000 + ODD).encode(), "text/html")
    result = publish(run, notion_odd, notes)  # decoded, the first part is short: its cut end would show
    assert one_line(result).endswith("failed: 400 Bad Request: <a message of over 262144 characters, not shown: "
                                     "too long to search for credentials>")
    assert leaks(result.stderr, ODD) == []
