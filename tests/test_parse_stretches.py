"""The shared parser reads a document stretch by stretch (top-level blocks between blank lines) and
remembers what each stretch parses to: the tokens are the same as markdown-it's for the whole document,
wherever a stretch appears and however often. A document holding HTML or a fence at a line start is
parsed whole, so comparing a document with the same document after an HTML comment compares the two
ways (the comment a block of its own, every line after it two lines further down)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrokit.rendering import parse

PARSED_WHOLE = "<!-- parsed whole -->\n\n"


def shape(tokens, up: int = 0) -> list[tuple]:
    """Every field of every token, its lines ``up`` lines higher."""
    return [
        (t.type, t.tag, t.nesting, t.attrs, t.map and [line - up for line in t.map], t.level, t.content, t.markup,
         t.info, t.meta, t.block, t.hidden, None if t.children is None else shape(t.children, up))
        for t in tokens
    ]


def parsed_whole(markdown: str) -> list[tuple]:
    tokens = shape(parse(PARSED_WHOLE + markdown), up=2)
    assert tokens[0][0] == "html_block"
    return tokens[1:]


def test_a_list_goes_on_across_a_blank_line():
    for markdown in ("- a\n\n- b\n", "1. a\n\n2. b\n", "intro\n\n- a\n\n- b\n\nafter\n"):
        tokens = [t.type for t in parse(markdown)]
        assert tokens.count("bullet_list_open") + tokens.count("ordered_list_open") == 1, markdown
        assert shape(parse(markdown)) == parsed_whole(markdown)


def test_a_remembered_stretch_has_the_lines_of_where_it_is():
    first = parse("## Gather data\n\nWhat happened?\n")
    again = parse("# Retro\n\n> [!NOTE]\n> 60 min\n\n## Gather data\n\nWhat happened?\n")
    assert [t.map for t in first if t.type == "heading_open"] == [[0, 1]]
    assert [t.map for t in again if t.type == "heading_open"] == [[0, 1], [5, 6]]
    assert [t.map for t in again if t.type == "paragraph_open"][-1] == [7, 8]


def test_references_and_footnotes_reach_across_stretches():
    markdown = "See [the guide] and a note[^1].\n\n[the guide]: https://example.org/guide\n\n[^1]: The note.\n"
    types = [t.type for t in parse(markdown)]
    assert "footnote_block_open" in types
    children = [child for token in parse(markdown) if token.type == "inline" for child in token.children]
    link = next(child for child in children if child.type == "link_open")
    assert link.attrs["href"] == "https://example.org/guide"


FRAGMENTS = [
    "# Title", "## Section · 10 min", "*An intro.*", "text", "more text", "- a", "- b", "* c", "+ d", "1. one",
    "2) two", "  - nested", "  indented on", "    code", "\tcode", "> quote", "> - quoted item", ">", "---", "***",
    "===", "| a | b |", "|---|---|", "| 1 | 2 |", "- [ ] @ana a task (due 2025-01-02)", "[^1]: a note",
    "a note[^1]", "[ref]: https://example.org", "[ref]", "**Before the meeting:**", "", "", "", "  ", "\t",
    "> " * 12 + "deep", "- " * 8 + "deep", "10. ten", "-", "1.", "#", "a\\", "\f", "\u00a0space",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=30), st.sampled_from(["", "\n", "\n\n"]))
def test_stretch_by_stretch_is_the_whole_document(lines, end):
    markdown = "\n".join(lines) + end
    expected = parsed_whole(markdown)
    assert shape(parse(markdown)) == expected
    assert shape(parse(markdown)) == expected  # again, from what the parser remembers
