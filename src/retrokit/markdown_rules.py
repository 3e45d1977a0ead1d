r"""Block rules that make the shared markdown-it parser read Markdown as GitHub does, and lose nothing.

- ``table``: GFM takes a table's header row from a paragraph line only, so a list item, a quote, a
  heading, a fence, a thematic break or an HTML block followed by ``---|---`` is that block, not a table
  (markdown-it tries its table rule first and made a table of it).
- GFM autolinks keep a backslash escape as written (``https://x/a\_b`` shows ``a\_b``, on GitHub too);
  retrokit's own templates escape every ``_`` and ``*`` of a text they print, so an autolink reads its
  escapes as escapes: ``https://x/a_b`` again, text and address.
- ``retrokit_flatten``: markdown-it stops reading at its nesting limit (``maxNesting``) and silently drops
  the rest of the container (a 10-level list, a 25-deep quote). Just before a list or quote would open
  past the limit, the lines that are left are read as plain paragraphs instead: their text and inline
  markup stay, their nesting markers go. The paragraph is marked ``meta["flattened"] = True`` and
  ``env["retrokit_flattened"]`` counts such paragraphs, so renderers and ``ingest`` can say so.
"""

from __future__ import annotations

import re

#: What opens a container at the start of a line (after its indentation): a quote or a list marker.
_CONTAINER = re.compile(r"(?:>|[-+*](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$))")
#: Every leading quote and list marker of a line (with a task box), removed when it is flattened.
_MARKERS = re.compile(r"^[ \t]*(?:(?:>|[-+*](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$))[ \t]*)+")

#: The block rules whose start makes a line something other than a paragraph line (GFM's table test).
_NOT_PARAGRAPH = ("fence", "blockquote", "hr", "list", "html_block", "heading")


def install(md) -> None:
    """Put the rules above into ``md`` (a MarkdownIt with the table rule enabled)."""
    rules = {rule.name: rule.fn for rule in md.block.ruler.__rules__}
    table, others = rules["table"], [rules[name] for name in _NOT_PARAGRAPH if name in rules]

    def gfm_table(state, start_line, end_line, silent):
        if not _delimiter_next(state, start_line, end_line):
            return False  # the table rule's own first test, before asking five rules about this line
        if any(rule(state, start_line, end_line, True) for rule in others):
            return False
        return table(state, start_line, end_line, silent)

    md.block.ruler.at("table", gfm_table)
    md.block.ruler.before("table", "retrokit_flatten", _flatten)
    inline_rules = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
    for name in ("gfm_autolink_protocol", "gfm_autolink_www"):
        if name in inline_rules:
            md.inline.ruler.at(name, _unescaping(inline_rules[name]))


def _delimiter_next(state, start_line: int, end_line: int) -> bool:
    """Whether the line after ``start_line`` could be a table's delimiter row (starts with ``|``, ``-`` or
    ``:``, not indented as code): markdown-it's table rule refuses every other line the same way."""
    following = start_line + 1
    if following + 1 > end_line or state.sCount[following] < state.blkIndent:
        return False
    if state.is_code_block(following):
        return False
    start = state.bMarks[following] + state.tShift[following]
    return start < state.eMarks[following] and state.src[start] in "|-:"


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def _cut(text: str) -> bool:
    """Whether ``text`` ends in an odd number of backslashes (the last one escapes what follows it)."""
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def _unescaping(rule):
    def autolink(state, silent):
        found = rule(state, silent)
        if found and not silent and "\\" in state.tokens[-2].content:
            text = state.tokens[-2]
            # an escape the autolink's end cut in two (``a\_`` ends it before ``_``): the ``_`` follows as text
            text.content = _ESCAPED.sub(r"\1", text.content.removesuffix("\\") if _cut(text.content) else text.content)
            www = text.content[:4].lower() == "www."
            state.tokens[-3].attrs["href"] = state.md.normalizeLink(("http://" if www else "") + text.content)
        return found

    return autolink


def _flatten(state, start_line, end_line, silent) -> bool:
    limit = state.md.options["maxNesting"]
    if state.level + 2 < limit:  # a list opens two levels (list, item), a quote one
        return False
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    if not _CONTAINER.match(state.src, start, state.eMarks[start_line]):
        return False
    if silent:
        return True
    lines: list[str] = []
    line = start_line
    while line < end_line and (line == start_line or state.isEmpty(line) or state.sCount[line] >= state.blkIndent):
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        lines.append(_MARKERS.sub("", text).strip())
        line += 1
    state.line = end_line = line
    state.env["retrokit_flattened"] = state.env.get("retrokit_flattened", 0) + 1
    paragraph: list[str] = []
    for text in lines + [""]:
        if text:
            paragraph.append(text)
        elif paragraph:
            _paragraph(state, "\n".join(paragraph), start_line, end_line)
            paragraph = []
    return True


def _paragraph(state, content: str, start_line: int, end_line: int) -> None:
    token = state.push("paragraph_open", "p", 1)
    token.map = [start_line, end_line]
    token.meta["flattened"] = True
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start_line, end_line]
    token.children = []
    state.push("paragraph_close", "p", -1)
