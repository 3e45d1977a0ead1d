"""`retrokit convert`, the shared parsing conventions, and the json and html formats."""

import json
import re

import pytest
from markdown_it import MarkdownIt

from retrokit.formats import html_subset
from retrokit.rendering import RenderRequest, parse


def one_line(result):
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


# -- conventions marked on the tokens -------------------------------------------------------------


def test_alerts_are_marked_and_their_marker_line_removed():
    tokens = parse("> [!WARNING]\n> Time is short.\n\n> [!tip]\n> lower case\n\n> plain [!NOTE]\n")
    quotes = [t for t in tokens if t.type == "blockquote_open"]
    assert [q.meta.get("alert") for q in quotes] == ["warning", "tip", None]
    inlines = [t.content for t in tokens if t.type == "inline"]
    assert inlines == ["Time is short.", "lower case", "plain [!NOTE]"]


def test_tasks_are_marked_with_owner_and_due_date():
    tokens = parse(
        "- [ ] @ana call payments (due 2026-12-01)\n- [x] done\n- plain\n- [ ]\n- [y] not a task\n"
    )
    items = [t for t in tokens if t.type == "list_item_open"]
    assert [dict(i.meta) for i in items] == [
        {"task": False, "owner": "ana", "due": "2026-12-01"},
        {"task": True},
        {},
        {"task": False},
        {},
    ]
    inlines = [t.content for t in tokens if t.type == "inline"]
    assert inlines == ["call payments", "done", "plain", "", "[y] not a task"]


def test_a_task_marker_inside_a_code_span_or_later_in_the_line_is_text():
    tokens = parse("- `[ ]` code first\n- text then [ ] box\n")
    assert not any("task" in t.meta for t in tokens if t.type == "list_item_open")


def test_members_match_owners_ignoring_case_spaces_and_punctuation():
    request = RenderRequest("", members=[{"name": "Ana Lopez", "confluence": "a1"}, {"name": "Sam"}])
    assert request.member("analopez")["confluence"] == "a1"
    assert request.member("Ana.Lopez")["name"] == "Ana Lopez"
    assert request.member("sam") == {"name": "Sam"}
    assert request.member("kenji") is None


def test_document_title_comes_from_option_agenda_or_first_h1():
    assert RenderRequest("## two\n# One *x* \\# `y`\n").document_title() == "One x # y"
    assert RenderRequest("# One\n", title="Given").document_title() == "Given"
    assert RenderRequest("no heading\n").document_title() == ""


# -- the convert command --------------------------------------------------------------------------


def test_convert_reads_a_file_and_stdin_alike(run, tmp_path):
    source = tmp_path / "notes.md"
    source.write_text("# Notes\n\n- [ ] @ana check *this*\n", encoding="utf-8")
    from_file = run("convert", str(source), "--to", "html")
    from_stdin = run("convert", "-", "--to", "html", input=source.read_bytes())
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout == from_stdin.stdout
    assert "<title>Notes</title>" in from_file.stdout
    assert '<li class="task"><input type="checkbox" disabled> <span class="owner">@ana</span> check <em>this</em>' in from_file.stdout


def test_convert_to_markdown_is_the_identity(run, tmp_path):
    text = "# Tëst\n\n> [!NOTE]\n> x & <y>\n"
    source = tmp_path / "a.md"
    source.write_bytes(b"\xef\xbb\xbf" + text.encode())  # a BOM is not part of the document
    result = run("convert", str(source), "--to", "markdown")
    assert result.exit_code == 0 and result.stdout == text


def test_convert_writes_atomically_to_output(run, tmp_path):
    source = tmp_path / "a.md"
    source.write_text("# A\n", encoding="utf-8")
    out = tmp_path / "a.html"
    result = run("convert", str(source), "--to", "html", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.parametrize(
    "args, stdin, code, message",
    [
        (("convert", "missing.md", "--to", "html"), None, 1, "retrokit: error: cannot read missing.md: No such file or directory"),
        (("convert", "-", "--to", "html"), b"# ok\nline two \xff\xfe\n", 1, "retrokit: error: stdin:2:10: not valid UTF-8 (byte 14)"),
        (("convert", "-", "--to", "pdf"), b"# ok\n", 2, "retrokit: error: unknown format 'pdf'; known: confluence, html, json, markdown, notion (see 'retrokit convert --help')"),
        (("convert", "-"), b"# ok\n", 2, "retrokit: error: Missing option '-t' / '--to'. (see 'retrokit convert --help')"),
        (("convert", "-", "--to", "json"), b"# ok\n", 1, "retrokit: error: the json format describes a planned agenda: use it with 'retrokit render'"),
    ],
)
def test_convert_bad_input_is_one_clear_line(run, args, stdin, code, message):
    result = run(*args, input=stdin)
    assert result.exit_code == code
    assert result.stdout == ""
    assert one_line(result) == message


def test_a_loss_is_one_warning_per_kind_and_an_error_with_strict(run):
    source = b"# A\n\n<div>block</div>\n\nInline <b onclick='x()'>bold</b>, <span>s</span> and <u>u</u>.\n"
    result = run("convert", "-", "--to", "html", input=source)
    assert result.exit_code == 0
    assert one_line(result) == f"retrokit: warning: html: {html_subset.LOSS_TAGS} (2 places)"
    assert "<p>block</p>" in result.stdout and "<strong>bold</strong>, s and u." in result.stdout
    assert "onclick" not in result.stdout and "<span" not in result.stdout
    strict = run("convert", "-", "--to", "html", "--strict", input=source)
    assert strict.exit_code == 1 and strict.stdout == ""
    assert one_line(strict) == f"retrokit: error: html: {html_subset.LOSS_TAGS} (2 places) (--strict)"


# -- json and html formats of a planned agenda ----------------------------------------------------


def test_json_format_is_the_versioned_agenda_model(run):
    result = run("render", "retro", "--seed", "j1", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "retrokit.agenda" and data["version"] == 1
    assert set(data) == {
        "schema", "version", "kind", "kind_title", "title", "team", "minutes", "seed", "command",
        "sections", "coverage", "notes", "plan", "context",
    }
    assert data["kind"] == "retro" and data["minutes"] == 60 and data["seed"] == "j1"
    assert sum(s["minutes"] for s in data["sections"]) == 60
    for section in data["sections"]:
        assert set(section) == {"id", "title", "minutes", "intro", "items", "memory",
                                "phases", "min_minutes", "max_items"}  # the last three: hook API 1.3
        assert section["memory"] == []  # no team folder: nothing remembered (tests/test_memory.py has more)
        assert sum(i["minutes"] for i in section["items"]) in (0, section["minutes"])
        for item in section["items"]:
            assert set(item) == {"prompt_id", "text", "behavior", "behavior_title", "minutes", "note", "plugin",
                                 "technique", "prepare", "source", "min_minutes", "max_minutes"}
    markdown = run("render", "retro", "--seed", "j1").stdout
    for section in data["sections"]:
        assert f"## {section['title']} · {section['minutes']} min" in markdown


@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
def test_html_format_is_a_standalone_page_with_the_agenda(run, kind):
    result = run("render", kind, "--seed", "h1", "-f", "html")
    assert result.exit_code == 0 and result.stderr == ""
    page = result.stdout
    assert page.startswith("<!doctype html>\n<html lang=\"en\">") and page.endswith("</html>\n")
    markdown = run("render", kind, "--seed", "h1").stdout
    expected_body = MarkdownIt("commonmark").render(markdown)
    headings = re.findall(r"<h2>(.*?)</h2>", expected_body)
    assert headings and re.findall(r"<h2>(.*?)</h2>", page) == headings
    assert '<div class="alert alert-note">' in page and '<div class="alert alert-tip">' in page
