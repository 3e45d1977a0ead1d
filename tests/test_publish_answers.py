"""Server answers of any shape: a success answer that is not what the API documents (a list, a string, a
field of the wrong type, nesting deeper than a parser goes) is one error line naming the step, never an
``unexpected`` error or a traceback (against the fakes over real HTTP)."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings, strategies as st

from test_publish import cloud_args, notes, one_line, team_here, no_proxies  # noqa: F401
from test_publish import cloud, datacenter, notion_api  # noqa: F401  (fixtures)

LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-2, 2**70), st.floats(), st.text(max_size=8),
                   st.sampled_from(["100001", "current", "child_page", "paragraph", "title", "page"]))
KEYS = st.sampled_from(["id", "results", "version", "number", "_links", "webui", "base", "next", "title",
                        "type", "child_page", "has_more", "next_cursor", "properties", "archived", "url",
                        "object", "message", "body", "storage", "value", "status", "parentId", "ancestors",
                        "paragraph", "rich_text", "children", "has_children", "plain_text", "in_trash"])
JSON = st.recursive(LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                    st.dictionaries(KEYS, inner, max_size=5)), max_leaves=12)
TITLES = itertools.count(1)
ANSWERS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@ANSWERS
@given(answer=JSON, which=st.integers(0, 6), service=st.sampled_from(["notion", "cloud", "datacenter"]))
def test_a_success_answer_of_any_shape_is_one_line_or_works(run, notion_api, cloud, datacenter, notes, answer,
                                                           which, service):
    fake = {"notion": notion_api, "cloud": cloud, "datacenter": datacenter}[service]
    fake.injected.clear()
    fake.inject("GET|POST|PUT|PATCH|DELETE", r".", 200, skip=which, body=answer)
    title = ("--title", f"Page {next(TITLES)}")  # a new page each time: the lookups, the create, the appends
    if service == "notion":
        result = run("publish", "notion", str(notes), "--parent", notion_api.root, *title)
    else:
        result = run("publish", "confluence", "--url", fake.base, "--cloud" if service == "cloud" else "--data-center",
                     "--space", "ENG", str(notes), *title)
    fake.injected.clear()
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    if result.exit_code:
        one_line(result)
