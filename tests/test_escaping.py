"""User text is data: md_escape and md_code make any text come back exactly when the Markdown is parsed.

"Exactly" means, for md_escape: the text with runs of ASCII whitespace collapsed to one space and stripped
(an agenda line is one line); for md_code: the text itself, with line breaks as spaces (a code span is
one line). Parsing uses markdown-it-py with the GFM table and strikethrough rules.
"""

from __future__ import annotations

import re
import shlex

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from retrokit.planning.templating import Escaped, escaped, md_code, md_escape

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
ASCII_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
LINE_BREAK = re.compile(r"\r\n?|\n")
EDGE_CONTROLS = "\x1c\x1d\x1e\x1f\x85"  # control characters that str.isspace() counts as whitespace

#: Pieces that mean something to Markdown, HTML or Jinja, mixed with arbitrary text by ``texts``.
SPECIALS = [
    *"\\`*_[]<>|~#&!-+=.():;{}\"' \t\n\r", "0", "1", "42",
    "&amp;", "&#35;", "&#x41;", "&copy;", "&nosuchentity;", "<script>", "</div>", "<!-- c -->",
    "***", "---", "___", "===", "1.", "1)", "```", "~~~", "~~", "**", "__", "    ", "\\\n", "  \n",
    "http://example.com", "www.example.com", "<https://x.y>", "<a@b.co>", "[x](http://y)", "![i](s.png)",
    "[x]: /url", "[^1]", "> [!NOTE]", "- [ ] task", "| a | b |", "{{ 7*7 }}", "{% raw %}",
    "🚀", "チーム", "שלום", "العربية", "\u200f", "\u00e9", "e\u0301",
]


def normalize(text: str) -> str:
    """What a reader should see: ASCII whitespace runs collapsed to one space, stripped."""
    return ASCII_WHITESPACE.sub(" ", text).strip(" ")


def plain_inline(markdown: str) -> list[list[tuple[str, str]]]:
    """(type, content) of the children of every inline token in ``markdown``."""
    return [[(c.type, c.content) for c in t.children] for t in MD.parse(markdown) if t.type == "inline"]


def readable(text: str) -> bool:
    """Text the property can hold for; the two exclusions are documented by the tests below.

    - U+0000: CommonMark requires parsers to replace it with U+FFFD, so no escaping can keep it.
    - a control character that Python counts as whitespace (U+001C-U+001F, U+0085) at either end:
      see test_edge_control_whitespace_does_not_become_a_replacement_character. Other Unicode whitespace
      at the ends (NBSP, U+3000 ...) is kept: see test_edge_unicode_whitespace_survives.
    """
    shown = normalize(text)
    return "\0" not in text and not any(c in EDGE_CONTROLS for c in shown[:1] + shown[-1:])


texts = (
    st.lists(st.one_of(st.sampled_from(SPECIALS), st.text(max_size=4)), max_size=14)
    .map("".join)
    .filter(readable)
)
nonempty_texts = texts.filter(lambda t: normalize(t) != "")

CONTEXTS = {
    "paragraph": lambda s: s,
    "list item": lambda s: f"- {s}",
    "ordered item": lambda s: f"1. {s}",
    "heading": lambda s: f"## {s}",
    "quote": lambda s: f"> {s}",
    "table cell": lambda s: f"| head |\n| --- |\n| {s} |",
}

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


# -- md_escape ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("context", sorted(CONTEXTS))
@PROPERTY
@given(text=nonempty_texts)
@example(text="1. not a list")
@example(text="- not a bullet")
@example(text="# not a heading #")
@example(text="===")
@example(text="<script>alert('x')</script> &amp; &copy;")
@example(text="**bold** _it_ ~~del~~ `code` [link](http://x) | a | b |")
@example(text="line one\n\n- line two\r\n\tthree  ")
@example(text="ends with a backslash \\")
def test_md_escape_shows_any_text_literally(context, text):
    inlines = plain_inline(CONTEXTS[context](md_escape(text)))
    if context == "table cell":
        inlines = inlines[1:]  # skip the header row
    assert len(inlines) == 1
    [children] = inlines
    # one plain text run: no emphasis, links, HTML, code, entities or line breaks were made of it
    assert children == [("text", normalize(text))]


@PROPERTY
@given(before=texts, after=texts)
def test_md_escape_between_other_words(before, after):
    markdown = f"Start {md_escape(before)} middle {md_escape(after)} end"
    assert plain_inline(markdown) == [[("text", f"Start {normalize(before)} middle {normalize(after)} end")]]


@PROPERTY
@given(text=texts)
def test_md_escape_is_one_line(text):
    escaped = md_escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert escaped == escaped.strip(" ")


@given(text=texts)
@example(text="Plain words, (and) punctuation: fine!")
@example(text="2. not a list")
def test_md_escape_takes_its_shortcut_only_where_the_full_escape_changes_nothing(text):
    """A leading tab always takes md_escape's full path (and is stripped): both paths agree."""
    assert md_escape(text) == md_escape("\t" + text)


def test_md_escape_of_whitespace_only_is_empty():
    assert md_escape(" \t\r\n ") == ""
    assert plain_inline(f"| head |\n| --- |\n| {md_escape(' ')} |")[1] == []


@pytest.mark.parametrize("text", ["\u00a0Ana", "Ana\u3000", "\u2003indented"])
def test_edge_unicode_whitespace_survives(text):
    """Non-ASCII whitespace at the ends is kept as a character reference, so parsing does not trim it."""
    assert plain_inline(md_escape(text)) == [[("text", text)]]
    assert md_escape("\u00a0Ana\u3000") == "&#xA0;Ana&#x3000;"
    assert md_escape(" \t\u00a0Ana \n") == "&#xA0;Ana"  # ASCII whitespace is still stripped


@pytest.mark.parametrize("text", ["\x1fAna", "Ana\x85"])
def test_edge_control_whitespace_does_not_become_a_replacement_character(text):
    [[(kind, shown)]] = plain_inline(md_escape(text))
    assert kind == "text" and shown in {text, text.strip()}


# -- md_code ------------------------------------------------------------------------------------------


@PROPERTY
@given(text=nonempty_texts)
@example(text="`")
@example(text="a `` b ` c")
@example(text="``` fence")
@example(text=" `padded` ")
@example(text="back\\slash \\* \\\\")
def test_md_code_of_template_values_shows_the_exact_text(text):
    """Templates get escaped copies of every string; ``|code`` turns them back into the exact text."""
    value = escaped(text)
    assert isinstance(value, Escaped) and value == md_escape(text) and value.raw == text
    assert plain_inline(md_code(value)) == [[("code_inline", LINE_BREAK.sub(" ", text))]]


@PROPERTY
@given(text=nonempty_texts)
@example(text="`")
@example(text="a `` b ` c")
@example(text="*not* <b>html</b> &amp;")
@example(text="C:\\*.md \\\\server")
def test_md_code_shows_plain_text_exactly(text):
    """A plain str (never escaped) shows exactly too, backslashes and edge spaces included."""
    assert plain_inline(md_code(text)) == [[("code_inline", LINE_BREAK.sub(" ", text))]]


@pytest.mark.parametrize("text", ["C:\\*.md", "a\\_b", "\\\\server\\share"])
def test_md_code_keeps_backslashes(text):
    assert plain_inline(md_code(text)) == [[("code_inline", text)]]


@pytest.mark.parametrize("text", [" a", "a ", "\ta", " a ", "  a  ", " `a` "])
def test_md_code_keeps_edge_whitespace(text):
    """Edge spaces show as they are, also when both ends have one (which CommonMark would strip)."""
    assert plain_inline(md_code(text)) == [[("code_inline", text)]]
    assert plain_inline(md_code(escaped(text))) == [[("code_inline", text)]]


# -- end to end ---------------------------------------------------------------------------------------

TEAM = "R&D <script>alert(1)</script> *not bold* _x_ `tick` [l](http://x) ~~s~~ | # &amp; 🚀 チーム שלום العربية \\"
SECTION = "# Talk & <b>think</b> | 1. [ ]"
BEHAVIOR = "Care *for* <others> & &copy;"
TEXT = "1. Say __why__ <em>now</em> &amp; &lt; `code` ![img](x.png) [ref]: /u | a | b | 🎉 你好 مرحبا\nsecond  line"
NOTE = "- Not a bullet; > not a quote; {{ 7*7 }} {% raw %} \\* stays"
SEED = "s`*<&amp;> 'q'"

PLUGIN = f"""
from retrokit import hookimpl


@hookimpl
def retrokit_behaviors():
    return [{{"name": "care", "title": {BEHAVIOR!r}}}]


@hookimpl
def retrokit_meeting_kinds():
    return [{{"name": "esc", "title": "Escapes", "default_minutes": 10,
             "sections": [{{"id": "talk", "title": {SECTION!r}, "phases": ["talk"]}}]}}]


@hookimpl
def retrokit_prompts():
    return [{{"id": "esc.one", "text": {TEXT!r}, "note": {NOTE!r}, "behavior": "care", "kinds": ["esc"],
             "phase": "talk", "minutes": 5}}]
"""


def test_user_and_plugin_text_render_escaped_and_parse_back_exactly(run, tmp_path):
    team = tmp_path / "team"
    (team / "plugins").mkdir(parents=True)
    (team / "retrokit.toml").write_text(tomli_w.dumps({"team": {"name": TEAM}}), encoding="utf-8")
    (team / "plugins" / "escapes.py").write_text(PLUGIN, encoding="utf-8")
    result = run("render", "esc", "--seed", SEED, "--team", str(team))
    assert result.exit_code == 0, result.stderr
    doc = result.stdout

    # nothing is live markup: no HTML, links, images, strikethrough or tables (emphasis is the template's)
    tokens = MD.parse(doc)
    kinds = {t.type for t in tokens} | {c.type for t in tokens if t.children for c in t.children}
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "s_open", "table_open"}
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2"]
    assert "<script>" not in doc and "<em>" not in doc and "&copy;" not in doc.replace("\\&copy;", "")

    inlines = [[child for child in children if child != ("text", "")] for children in plain_inline(doc)]
    texts_of = ["".join(content for _, content in children) for children in inlines]
    assert texts_of[0] == f"Escapes · {normalize(TEAM)}"  # the page title
    assert inlines[0] == [("text", f"Escapes · {normalize(TEAM)}")]
    assert f"{SECTION} · 10 min" in texts_of  # the section heading
    # a 5-minute prompt runs at most its 7 (minutes and a half); the rest of the box is open discussion
    item = next(children for children in inlines if ("text", f"{BEHAVIOR} · 7 min:") in children)
    assert item == [
        ("strong_open", ""),
        ("text", f"{BEHAVIOR} · 7 min:"),
        ("strong_close", ""),
        ("text", f" {normalize(TEXT)}"),
    ]
    note = next(children for children in inlines if ("text", "Facilitator:") in children)
    assert note == [("em_open", ""), ("text", "Facilitator:"), ("em_close", ""), ("text", f" {NOTE}")]
    assert inlines[-1][-1] == ("text", f" {BEHAVIOR}.")  # the coverage line
    # the seed and the command to regenerate come back exactly from their code spans
    codes = [content for children in inlines for kind, content in children if kind == "code_inline"]
    assert codes == [
        SEED,
        "esc-10:esc.one",
        shlex.join(["retrokit", "render", "esc", "--seed", SEED, "--plan", "esc-10:esc.one", "--team", str(team)]),
    ]
