"""The ``notion`` format: Notion API blocks for an append-block-children request.

Every output is checked by ``check``: valid against tests/notion_schema.json (a JSON Schema of exactly the
API subset retrokit emits, written from the API reference and the SDK's request types), plus the limits a
schema cannot express (UTF-16 length of text, table row width, 1000 blocks and 500 KB per request).

Golden files: tests/golden/NAME.notion.json beside NAME.md; ``RETROKIT_UPDATE_GOLDEN=1 pytest
tests/test_notion.py`` rewrites them (read every change before you keep it).
"""

from __future__ import annotations

import gc
import json
import os
import re
import sys
import tracemalloc
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from retrokit.formats import html_subset, notion
from retrokit.formats.notion import blocks as notion_blocks, json_writer, limits, sizes
from retrokit.rendering import RenderRequest, visible_address
from retrokit.planning.templating import md_escape

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
ANA_NOTION = "c2f20311-9e54-4d11-8c79-7398424ae41e"
MEMBERS = [{"name": "Ana", "confluence": "5b10ac8d82e05b22cc7d4ef5", "notion": ANA_NOTION}]
NAMES = {ANA_NOTION: "Ana"}
UPDATE = os.environ.get("RETROKIT_UPDATE_GOLDEN") == "1"

SCHEMA = json.loads((HERE / "notion_schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


# -- what every output must be ------------------------------------------------------------------------


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def walk(blocks, level=0):
    """(block, level) for every block, depth first, in document order (table rows included)."""
    for block in blocks:
        yield block, level
        yield from walk(block[block["type"]].get("children", []), level + 1)


def rich_texts(block):
    """Every rich-text array of a block itself (not of its children), in reading order."""
    payload = block[block["type"]]
    if "rich_text" in payload:
        yield payload["rich_text"]
    if "caption" in payload:
        yield payload["caption"]
    yield from payload.get("cells", [])


def bodies_of(data):
    return data if isinstance(data, list) else [data]


def body_bytes(body, several=True) -> int:
    """Bytes of a request body as it appears in the output (one level in when there are several)."""
    text = json.dumps(body, indent=2, ensure_ascii=False)
    return len(text.encode("utf-8")) + ((text.count("\n") + 1) * 2 if several else 0)


def check(output: str):
    """Parse and validate one output of the format; returns the parsed JSON."""
    assert output.endswith("}\n") or output.endswith("]\n")
    data = json.loads(output)
    error = jsonschema.exceptions.best_match(VALIDATOR.iter_errors(data))
    assert error is None, f"{error.message} at {list(error.absolute_path)}"
    assert output == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    for body in bodies_of(data):
        assert body_bytes(body, several=isinstance(data, list)) <= notion.REQUEST_BYTES
        blocks = list(walk(body["children"]))
        assert len(blocks) <= notion.REQUEST_BLOCKS
        for block, _ in blocks:
            for items in rich_texts(block):
                for item in items:
                    if item["type"] == "text":
                        assert 1 <= utf16(item["text"]["content"]) <= notion.TEXT_LIMIT
            if block["type"] == "table":
                for row in block["table"]["children"]:
                    assert len(row["table_row"]["cells"]) == block["table"]["table_width"]
    return data


def render(markdown: str, members=MEMBERS):
    request = RenderRequest(markdown, members=members)
    return check(notion.render(request)), request.losses


def blocks_of(data):
    return [block for body in bodies_of(data) for block in body["children"]]


def plain(items) -> str:
    """The text a reader sees in a rich-text array (a user mention shows as @Name)."""
    out = []
    for item in items:
        if item["type"] == "text":
            out.append(item["text"]["content"])
        elif item["mention"]["type"] == "user":
            out.append("@" + NAMES[item["mention"]["user"]["id"]])
        else:
            out.append(item["mention"]["date"]["start"])
    return "".join(out)


def text_of(data) -> str:
    """All text of an output, in document order."""
    return "".join(plain(items) for block, _ in walk(blocks_of(data)) for items in rich_texts(block))


def outline(data):
    """(level, type, text) per block: the shape of a document, for readable assertions."""
    return [(lvl, b["type"], "".join(plain(i) for i in rich_texts(b))) for b, lvl in walk(blocks_of(data))]


def links(data):
    return [
        item["text"]["link"]["url"]
        for block, _ in walk(blocks_of(data))
        for items in rich_texts(block)
        for item in items
        if item["type"] == "text" and item["text"]["link"]
    ]


def parsed_text(request) -> str:
    """What markdown-it parsed, as the format should show it: inline text (soft break = space, hard
    break = newline), a task's owner (a member's name when mentioned) and due date, code block content
    without its last newline."""
    out = []
    task = None
    for token in request.tokens:
        if token.type == "list_item_open" and "task" in token.meta:
            task = token.meta
        elif token.type in ("fence", "code_block"):
            out.append(token.content.removesuffix("\n"))
        elif token.type == "inline":
            parts, opened = [], []
            for c in token.children:
                if c.type in ("text", "code_inline", "softbreak", "hardbreak"):
                    parts.append({"softbreak": " ", "hardbreak": "\n"}.get(c.type, c.content))
                elif c.type == "link_open":
                    opened.append((c.attrs["href"], len(parts)))
                elif c.type == "link_close":
                    href, start = opened.pop()
                    if href and not notion.web_url(href):  # not a link in Notion: the address is shown
                        parts.append(visible_address(href, "".join(parts[start:])))
            text = "".join(parts)
            if task is not None:
                owner, due = task.get("owner"), task.get("due")
                member = request.member(owner) if owner else None
                if member and member.get("notion") in NAMES:
                    owner = NAMES[member["notion"]]  # a mention shows the member's name
                head = " ".join(part for part in (owner and "@" + owner, text) if part)
                text = head + (f"{' ' if head else ''}(due {due})" if due else "")
                task = None
            out.append(text)
    return "".join(out)


# -- golden files -------------------------------------------------------------------------------------

GOLDEN_LOSSES = {
    "agenda": {},
    "alerts": {},
    "unicode": {},
    "basics": {
        "link title dropped (Notion links have none)": 1,
        "link to a relative or non-web URL (Notion links only http(s)): its text and address kept as text": 1,
        "heading levels 4-6 shown as heading 3 (Notion has three levels)": 3,
    },
    "code": {"code language not in Notion's list shown as plain text": 1},
    "lists": {
        "blocks nested deeper than one Notion request allows moved up to the third level": 1,
        "numbered list start number dropped (Notion numbers from 1)": 1,
    },
    "losses": {
        "image title dropped (the caption is its alt text)": 1,
        html_subset.LOSS_TAGS: 1,
        "footnote kept as plain text ([n] in the text, the note at the end)": 1,
    },
    "tables": {"table column alignment dropped": 1},
}


def test_every_golden_input_has_its_losses_listed():
    assert sorted(GOLDEN_LOSSES) == sorted(path.stem for path in GOLDEN.glob("*.md"))


@pytest.mark.parametrize("name", sorted(GOLDEN_LOSSES))
def test_golden(name):
    markdown = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    request = RenderRequest(markdown, members=MEMBERS)
    output = notion.render(request)
    check(output)
    expected_file = GOLDEN / f"{name}.notion.json"
    if UPDATE:
        expected_file.write_text(output, encoding="utf-8")
    assert output == expected_file.read_text(encoding="utf-8")
    assert request.losses == GOLDEN_LOSSES[name]


@pytest.mark.parametrize("name", ["agenda", "alerts", "basics", "code", "lists", "tables", "unicode"])
def test_golden_text_survives(name):
    request = RenderRequest((GOLDEN / f"{name}.md").read_text(encoding="utf-8"), members=MEMBERS)
    assert text_of(json.loads(notion.render(request))) == parsed_text(request)


# -- blocks -------------------------------------------------------------------------------------------


def test_native_elements_report_no_loss():
    markdown = (
        "# One\n\n## Two\n\n### Three\n\nSome **bold**, *italic*, ~~struck~~, `code`, [a link](https://x.example/a?b=1)"
        " and <https://ops.example.com>.\\\nNext line.\n\n- a\n  - b\n    1. c\n- [ ] @Ana task (due 2026-12-01)\n"
        "- [x] done\n\n> quote\n\n> [!WARNING]\n> careful\n\n```python\nx = 1\n```\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "---\n\n![alt](https://img.example/x.png)\n"
    )
    data, losses = render(markdown)
    assert losses == {}
    assert [kind for _, kind, _ in outline(data)] == [
        "heading_1", "heading_2", "heading_3", "paragraph", "bulleted_list_item", "bulleted_list_item",
        "numbered_list_item", "to_do", "to_do", "quote", "callout", "code", "table", "table_row", "table_row",
        "divider", "image",
    ]


def test_rich_text_items_carry_annotations_and_links_the_sdk_accepts():
    data, _ = render("A **b** *i* ~~s~~ `c` ***bi*** [l](https://x.example/?a=1&b=2)")
    items = blocks_of(data)[0]["paragraph"]["rich_text"]
    seen = [(i["text"]["content"], {k for k, v in i["annotations"].items() if v}, i["text"]["link"]) for i in items]
    assert seen == [
        ("A ", set(), None), ("b", {"bold"}, None), (" ", set(), None), ("i", {"italic"}, None),
        (" ", set(), None), ("s", {"strikethrough"}, None), (" ", set(), None), ("c", {"code"}, None),
        (" ", set(), None), ("bi", {"bold", "italic"}, None), (" ", set(), None),
        ("l", set(), {"url": "https://x.example/?a=1&b=2"}),  # no "type": "url" key, unlike martian's
    ]


def test_soft_break_is_a_space_and_hard_break_a_line_break():
    data, _ = render("one\ntwo  \nthree")
    assert plain(blocks_of(data)[0]["paragraph"]["rich_text"]) == "one two\nthree"


@pytest.mark.parametrize(
    ("marker", "emoji", "color"),
    [("NOTE", "ℹ️", "blue_background"), ("TIP", "💡", "green_background"), ("IMPORTANT", "❗", "purple_background"),
     ("WARNING", "⚠️", "yellow_background"), ("CAUTION", "🛑", "red_background")],
)
def test_alerts_are_callouts_with_an_icon_and_a_colour(marker, emoji, color):
    data, losses = render(f"> [!{marker}]\n> Mind **this**.\n>\n> - and this\n")
    [callout] = blocks_of(data)
    assert callout["type"] == "callout"
    payload = callout["callout"]
    assert payload["icon"] == {"type": "emoji", "emoji": emoji} and payload["color"] == color
    assert plain(payload["rich_text"]) == "Mind this."
    assert outline(data)[1:] == [(1, "bulleted_list_item", "and this")]
    assert losses == {}


def test_plain_quote_stays_a_quote_with_nested_blocks():
    data, _ = render("> first\n> line\n>\n> > inner\n")
    assert outline(data) == [(0, "quote", "first line"), (1, "quote", "inner")]


def test_thematic_break_is_a_divider():
    data, losses = render("a\n\n---\n\nb\n\n***\n")
    assert [b["type"] for b in blocks_of(data)] == ["paragraph", "divider", "paragraph", "divider"]
    assert blocks_of(data)[1] == {"type": "divider", "divider": {}}
    assert losses == {}


def test_deep_headings_fold_to_heading_3_with_a_loss():
    data, losses = render("#### four\n\n###### six\n")
    assert outline(data) == [(0, "heading_3", "four"), (0, "heading_3", "six")]
    assert losses == {"heading levels 4-6 shown as heading 3 (Notion has three levels)": 2}


def test_tasks_become_to_dos_with_a_user_mention_and_a_date_mention():
    data, losses = render("- [ ] @ana call **them** (due 2026-12-01)\n- [x] @Bob done\n- [ ] (due 2026-01-31)\n")
    first, second, third = blocks_of(data)
    assert first["to_do"]["checked"] is False and second["to_do"]["checked"] is True
    items = first["to_do"]["rich_text"]
    assert items[0] == {
        "type": "mention", "mention": {"type": "user", "user": {"id": ANA_NOTION}},
        "annotations": {"bold": False, "italic": False, "strikethrough": False, "code": False},
    }
    assert items[-2]["mention"] == {"type": "date", "date": {"start": "2026-12-01"}}
    assert plain(items) == "@Ana call them (due 2026-12-01)"
    assert [item["type"] for item in second["to_do"]["rich_text"]] == ["text"]  # Bob is not a member
    assert plain(second["to_do"]["rich_text"]) == "@Bob done"
    assert plain(third["to_do"]["rich_text"]) == "(due 2026-01-31)"
    assert losses == {}


def test_owner_without_a_notion_id_stays_text():
    data, losses = render("- [ ] @Ana x\n", members=[{"name": "Ana", "confluence": "abc"}])
    assert [i["type"] for i in blocks_of(data)[0]["to_do"]["rich_text"]] == ["text"]
    assert losses == {}
    data, losses = render("- [ ] @Ana x\n", members=[{"name": "Ana", "notion": "not-a-uuid"}])
    assert plain(blocks_of(data)[0]["to_do"]["rich_text"]) == "@Ana x"
    assert losses == {"owner whose Notion user id is not a UUID kept as text": 1}


@pytest.mark.parametrize("due", ["2026-02-30", "\u0662\u0660\u0662\u0666-\u0661\u0662-\u0660\u0661"])
def test_due_date_that_is_not_a_date_stays_text(due):
    """The API takes only a real ISO date: no date mention for Feb 30 or for non-ASCII digits."""
    data, losses = render(f"- [ ] pay (due {due})\n")
    items = blocks_of(data)[0]["to_do"]["rich_text"]
    assert [i["type"] for i in items] == ["text"] and plain(items) == f"pay (due {due})"
    # the parser no longer marks these as due dates; the format double-checks what it is given
    assert set(losses) <= {"due date that is not a calendar date kept as text"}


def test_numbered_task_loses_its_number():
    data, losses = render("1. [ ] first\n")
    assert outline(data) == [(0, "to_do", "first")]
    assert losses == {"numbered task shown as a to-do without its number": 1}


def test_nested_lists_and_loose_items():
    data, losses = render("1. one\n\n   more about one\n2. two\n   - sub\n")
    assert outline(data) == [
        (0, "numbered_list_item", "one"), (1, "paragraph", "more about one"),
        (0, "numbered_list_item", "two"), (1, "bulleted_list_item", "sub"),
    ]
    assert losses == {}


@pytest.mark.parametrize(
    ("info", "language", "lost"),
    [("python", "python", False), ("py", "python", False), ("JS", "javascript", False), ("ts", "typescript", False),
     ("C++", "c++", False), ("sh", "shell", False), ("Dockerfile", "docker", False), ("yml", "yaml", False),
     ("text", "plain text", False), ("", "plain text", False), ("brainfuck", "plain text", True)],
)
def test_code_language_from_notions_list(info, language, lost):
    data, losses = render(f"```{info}\nx\n```\n")
    [block] = blocks_of(data)
    assert block["code"]["language"] == language and plain(block["code"]["rich_text"]) == "x"
    assert losses == ({"code language not in Notion's list shown as plain text": 1} if lost else {})


def test_code_keeps_every_character():
    code = 'a\n\n  <b> & "c" ]]> \\ `\t\x01\n'
    data, _ = render(f"~~~\n{code}~~~\n")
    assert plain(blocks_of(data)[0]["code"]["rich_text"]) == code.removesuffix("\n")
    data, _ = render("    indented\n      more\n")
    assert blocks_of(data)[0]["code"]["language"] == "plain text"
    assert plain(blocks_of(data)[0]["code"]["rich_text"]) == "indented\n  more"


def test_tables_have_a_header_and_rows_of_equal_width():
    data, losses = render("| a | b | c |\n|---|---|---|\n| 1 |\n| **x** | `y` | [z](https://z.example) |\n")
    [table] = blocks_of(data)
    payload = table["table"]
    assert payload["table_width"] == 3 and payload["has_column_header"] is True
    rows = [[plain(cell) for cell in row["table_row"]["cells"]] for row in payload["children"]]
    assert rows == [["a", "b", "c"], ["1", "", ""], ["x", "y", "z"]]
    assert losses == {}
    _, losses = render("| a |\n|:-:|\n| 1 |\n")
    assert losses == {"table column alignment dropped": 1}


LOSS_LINK = "link to a relative or non-web URL (Notion links only http(s)): its text and address kept as text"


@pytest.mark.parametrize(
    ("markdown", "url", "loss"),
    [
        ("[t](https://x.example/p?q=1#f)", "https://x.example/p?q=1#f", None),
        ("[t](HTTP://X.EXAMPLE)", "HTTP://X.EXAMPLE", None),
        ("<ops@example.com>", None, LOSS_LINK),
        ("[t](/relative/path)", None, LOSS_LINK),
        ("[t](#anchor)", None, LOSS_LINK),
        ("[t](ftp://x.example/f)", None, LOSS_LINK),
        (
            f"[t](https://x.example/{'a' * 2000})", None,
            "link URL longer than 2000 characters: its text and address kept as text",
        ),
        ('[t](https://x.example "title")', "https://x.example", "link title dropped (Notion links have none)"),
    ],
)
def test_link_urls(markdown, url, loss):
    data, losses = render(markdown)
    assert links(data) == ([url] if url else [])
    assert losses == ({loss: 1} if loss else {})
    if "@" in markdown:
        assert text_of(data) == "ops@example.com"  # the address is the text: nothing added
    else:
        assert text_of(data) == ("t" if url else "t (" + markdown[markdown.index("(") + 1 : -1] + ")")


def test_unsafe_links_are_text_already():
    data, losses = render("[t](javascript:alert(1))")
    assert links(data) == [] and text_of(data) == "[t](javascript:alert(1))" and losses == {}


def test_image_is_an_image_block_that_splits_its_paragraph():
    data, losses = render("Before ![the *team*](https://img.example/t.png) after\n")
    assert [b["type"] for b in blocks_of(data)] == ["paragraph", "image", "paragraph"]
    image = blocks_of(data)[1]["image"]
    assert image["type"] == "external" and image["external"] == {"url": "https://img.example/t.png"}
    assert plain(image["caption"]) == "the team"
    assert text_of(data) == "Before the team after"
    assert losses == {}


def test_image_in_a_list_item_follows_its_text():
    data, losses = render("- see ![x](https://i.example/a.png)\n- ![y](https://i.example/b.png) then text\n")
    assert outline(data) == [
        (0, "bulleted_list_item", "see "), (1, "image", "x"),
        (0, "bulleted_list_item", " then text"), (1, "image", "y"),
    ]
    assert losses == {"inline image moved below the text it was in": 1}


def test_images_that_notion_cannot_show():
    data, losses = render("![rel](img/a.png)\n\n| h |\n|---|\n| ![c](https://i.example/c.png) |\n")
    assert outline(data)[0] == (0, "paragraph", "rel (img/a.png)")
    assert links(data) == ["https://i.example/c.png"]
    assert losses == {
        "image to a relative or non-web URL: its text and address kept as text": 1,
        "image in a table cell kept as its alt text, linked": 1,
    }


def test_raw_html_safe_subset_is_native_and_the_rest_its_text():
    data, losses = render('<div class="x">\n<b>hi</b>\n</div>\n\nA <i>b</i> <span style="x">c</span>\n')
    assert outline(data) == [(0, "paragraph", "hi"), (0, "paragraph", "A b c")]
    items = [item for block in blocks_of(data) for item in block["paragraph"]["rich_text"]]
    assert [(i["text"]["content"], i["annotations"]["bold"], i["annotations"]["italic"]) for i in items] == [
        ("hi", True, False), ("A ", False, False), ("b", False, True), (" c", False, False),
    ]
    assert losses == {html_subset.LOSS_TAGS: 1}


def test_html_details_become_a_toggle_and_links_images_breaks_map():
    data, losses = render(
        '<details>\n<summary>More <b>info</b></summary>\n\nInside **md**\n\n- a list\n\n</details>\n\n'
        'x<br>y <kbd>Ctrl</kbd> <a href="https://x.example/">l</a> <a href="javascript:alert(1)">j</a>'
        ' <img src="https://i.example/a.png" alt="pic">\n'
    )
    assert outline(data) == [
        (0, "toggle", "More info"), (1, "paragraph", "Inside md"), (1, "bulleted_list_item", "a list"),
        (0, "paragraph", "x\ny Ctrl l j "), (0, "image", "pic"),
    ]
    assert links(data) == ["https://x.example/"]
    assert losses == {html_subset.LOSS_URL: 1}


def test_a_details_summary_too_long_for_one_toggle_continues_inside_it():
    data, losses = render("<details><summary>" + "word " * 80000 + "</summary>\n\nx\n\n</details>\n")
    assert [kind for _, kind, _ in outline(data)][:2] == ["toggle", "paragraph"]
    assert text_of(data) == ("word " * 80000).strip() + "x"
    assert losses == {"text too long for one Notion block continued in the next block of its kind": 1}


def test_footnotes_are_kept_as_text_with_a_loss():
    data, losses = render("Claim[^a] and more[^b].\n\n[^a]: First note.\n[^b]: Second note.\n")
    assert outline(data) == [
        (0, "paragraph", "Claim[1] and more[2]."),
        (0, "paragraph", "[1] First note."),
        (0, "paragraph", "[2] Second note."),
    ]
    assert losses == {"footnote kept as plain text ([n] in the text, the note at the end)": 2}


def test_empty_document():
    data, losses = render("")
    assert data == {"children": []} and losses == {}


# -- limits -------------------------------------------------------------------------------------------


def test_long_text_is_split_across_items_without_splitting_a_surrogate_pair():
    text = "🎉" * 2500 + "x" + "末" * 3000  # 5000 + 1 + 3000 UTF-16 code units
    data, losses = render(text)
    [block] = blocks_of(data)
    items = block["paragraph"]["rich_text"]
    assert len(items) > 1 and all(utf16(i["text"]["content"]) <= 2000 for i in items)
    assert plain(items) == text and losses == {}


def test_long_text_prefers_to_split_after_a_space():
    text = " ".join(["word"] * 1000)  # 4999 characters
    data, _ = render(text)
    contents = [i["text"]["content"] for i in blocks_of(data)[0]["paragraph"]["rich_text"]]
    assert all(c.endswith(" ") for c in contents[:-1]) and "".join(contents) == text


def test_more_than_100_rich_text_items_split_the_block():
    text = " ".join(f"**b{i}** p{i}" for i in range(60))  # 120 items
    data, losses = render(f"- {text}\n  - child\n")
    assert [(lvl, kind) for lvl, kind, _ in outline(data)] == [
        (0, "bulleted_list_item"), (0, "bulleted_list_item"), (1, "bulleted_list_item"),
    ]  # the child stays with the end of the text
    assert text_of(data) == text.replace("**", "") + "child"
    assert losses == {"text too long for one Notion block continued in the next block of its kind": 1}


def test_table_cell_too_long_continues_below_the_table():
    text = " ".join(f"**b{i}** p{i}" for i in range(60))  # 120 items
    data, losses = render(f"| h |\n|---|\n| {text} |\n")
    assert [kind for _, kind, _ in outline(data)] == ["table", "table_row", "table_row", "paragraph"]
    assert text_of(data) == "h" + text.replace("**", "")
    assert losses == {"table cell too long for Notion: the rest follows the table": 1}


def test_more_than_100_top_level_blocks_become_several_requests():
    data, losses = render("\n\n".join(f"p{i}" for i in range(250)))
    assert isinstance(data, list) and [len(body["children"]) for body in data] == [100, 100, 50]
    assert text_of(data) == "".join(f"p{i}" for i in range(250))
    assert losses == {}  # the page is the same


def test_nesting_deeper_than_one_request_moves_up_to_the_third_level():
    markdown = "- l0\n  - l1\n    - l2\n      - l3\n        - l4\n      - l3b\n    - l2b\n- next\n"
    request = RenderRequest(markdown)
    full = notion.build_blocks(request)  # for the publisher: the whole tree, any depth
    assert max(level for _, level in walk(full)) == 4
    data = check(notion.render(request))
    assert outline(data) == [
        (0, "bulleted_list_item", "l0"), (1, "bulleted_list_item", "l1"), (2, "bulleted_list_item", "l2"),
        (2, "bulleted_list_item", "l3"), (2, "bulleted_list_item", "l4"), (2, "bulleted_list_item", "l3b"),
        (2, "bulleted_list_item", "l2b"), (0, "bulleted_list_item", "next"),
    ]
    assert request.losses == {"blocks nested deeper than one Notion request allows moved up to the third level": 2}


def test_table_too_deep_for_one_request_moves_up_after_its_parent():
    data, losses = render("- a\n  - b\n\n    | x |\n    |---|\n    | 1 |\n  - c\n")
    assert outline(data) == [
        (0, "bulleted_list_item", "a"), (1, "bulleted_list_item", "b"), (1, "table", ""), (2, "table_row", "x"),
        (2, "table_row", "1"), (1, "bulleted_list_item", "c"),
    ]
    assert losses == {"table nested deeper than one Notion request allows moved up after its parent": 1}


def test_more_than_100_children_split_the_parent():
    markdown = "- parent\n" + "".join(f"  - c{i}\n" for i in range(150))
    data, losses = render(markdown)
    top = blocks_of(data)
    assert [len(b["bulleted_list_item"]["children"]) for b in top] == [100, 50]
    assert plain(top[1]["bulleted_list_item"]["rich_text"]) == ""
    assert text_of(data) == "parent" + "".join(f"c{i}" for i in range(150))
    assert losses == {"block with more nested blocks than one Notion request allows split into consecutive blocks": 1}


def test_long_tables_split_into_consecutive_tables():
    markdown = "| h |\n|---|\n" + "".join(f"| r{i} |\n" for i in range(150))
    data, _ = render(markdown)
    tables = [b["table"] for b in blocks_of(data)]
    assert [len(t["children"]) for t in tables] == [100, 51]
    assert [t["has_column_header"] for t in tables] == [True, False]


def test_requests_hold_at_most_1000_blocks():
    item = "- item\n" + "  ***\n" * 60  # small blocks, so that the block count binds before the size
    data, losses = render("\n".join([item] * 20))  # 20 x 61 blocks
    assert isinstance(data, list) and [len(body["children"]) for body in data] == [16, 4] and losses == {}
    big = "- top\n" + ("  - child\n" + "    ***\n" * 50) * 30
    request = RenderRequest(big)
    assert len(list(walk(notion.build_blocks(request)))) == 1531  # one top-level block
    data = check(notion.render(request))
    assert isinstance(data, list) and len(blocks_of(data)) == 2
    assert text_of(data) == "top" + "child" * 30
    assert list(request.losses) == [
        "block with more nested blocks than one Notion request allows split into consecutive blocks"
    ]


def test_requests_stay_under_500_kb():
    paragraph = "変" * 60_000  # 180 KB of UTF-8 each
    data, _ = render("\n\n".join([paragraph] * 8))
    assert isinstance(data, list) and len(data) >= 3
    assert text_of(data) == paragraph * 8


PACKED = {
    # paragraphs of many short rich-text items: the bytes bind (such bodies once held about 30 of them)
    "bytes": "\n\n".join(" ".join(f"**w{i}** [l{j}](https://example.com/{i}/{j}) `c`" for j in range(15))
                          for i in range(150)),
    "100 children": "\n\n".join(f"p{i}" for i in range(450)),
    "1000 blocks": "\n".join("- item\n" + "  ***\n" * (i % 40) for i in range(200)),
}


@pytest.mark.parametrize("name", sorted(PACKED))
def test_request_bodies_are_filled_to_a_limit(name):
    """Every body but the last is full: the next body's first block would break one of a request's limits
    (100 children, 1000 blocks, 500 KB less 2 KB of room), and none is broken (``check``)."""
    data, losses = render(PACKED[name])
    assert isinstance(data, list) and len(data) >= 3 and losses == {}
    for body, following in zip(data, data[1:]):
        children, first = body["children"], following["children"][0]
        with_next = {"children": [*children, first]}
        assert (len(children) == notion.CHILDREN_LIMIT
                or len(list(walk(with_next["children"]))) > notion.REQUEST_BLOCKS
                or body_bytes(with_next) > notion.REQUEST_BYTES - 2_000), (name, len(children), body_bytes(body))


def test_one_huge_paragraph_is_split_into_blocks_that_fit():
    text = "\x01" * 300_000  # JSON writes each as \u0001: 6 bytes
    data, losses = render(text)
    assert text_of(data) == text
    assert len(blocks_of(data)) > 1
    assert losses == {"text too long for one Notion block continued in the next block of its kind": 1}


# -- the schema can fail ------------------------------------------------------------------------------


def _text(content="x", **link):
    return {"type": "text", "text": {"content": content, "link": link or None},
            "annotations": {"bold": False, "italic": False, "strikethrough": False, "code": False}}


def _para(*children, items=None):
    payload = {"rich_text": items if items is not None else [_text()]}
    if children:
        payload["children"] = list(children)
    return {"type": "paragraph", "paragraph": payload}


@pytest.mark.parametrize(
    "body",
    [
        {"children": [_para(_para(_para(_para())))]},  # three levels below the sent block
        {"children": [_para(_para({"type": "table", "table": {"table_width": 1, "has_column_header": True,
                                                               "has_row_header": False, "children": []}}))]},
        {"children": [_para(items=[_text(url="https://x.example", type="url")])]},  # martian's link
        {"children": [_para(items=[_text("x" * 2001)])]},
        {"children": [_para(items=[_text()] * 101)]},
        {"children": [_para()] * 101},
        {"children": [_para(items=[_text(url="/relative")])]},
        {"children": [{"type": "paragraph", "paragraph": {"rich_text": [], "color": "red"}}]},
        {"children": [{"type": "heading_3", "heading_1": {"rich_text": []}}]},
        {"children": [{"type": "code", "code": {"rich_text": [], "language": "brainfuck"}}]},
        {"children": [], "after": "x"},
    ],
)
def test_schema_rejects_what_the_api_rejects(body):
    assert not VALIDATOR.is_valid(body)


# -- any text in any field ----------------------------------------------------------------------------

SPECIALS = [
    *"\\`*_[]<>|~#&!-+=.():;{}\"' \t\n\r", "]]>", "<script>", "&amp;", "&copy;", "\x00", "\x01", "\x1f", "\x7f",
    "🎉", "👩🏽‍💻", "🇳🇿", "振り返り", "שלום", "مرحبا", "\u200f", "e\u0301", "\ufeff", "(due 2026-12-01)", "@Ana ",
    "[!NOTE]", "[^1]", "https://x.example", "\u2028",
]
texts = st.one_of(
    st.lists(st.one_of(st.sampled_from(SPECIALS), st.text(max_size=6)), max_size=12).map("".join),
    st.builds(lambda piece, times: piece * times, st.sampled_from(["🎉", "a b", "変", "\x01", "é"]),
              st.integers(1000, 3000)),
)
owners = st.sampled_from(["", "@Ana ", "@ana ", "@Sam "])
dues = st.sampled_from(["", " (due 2026-12-01)", " (due 2026-02-30)"])


def fence(text: str, info: str = "") -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}{info}\n{text}\n{marks}"


FIELDS = {
    "heading": lambda t, **_: f"## {md_escape(t)}",
    "paragraph": lambda t, **_: md_escape(t),
    "list item": lambda t, **_: f"- {md_escape(t)}\n  1. {md_escape(t)}",
    "task": lambda t, owner, due, **_: f"- [x] {owner}{md_escape(t)}{due}",
    "table cell": lambda t, **_: f"| {md_escape(t)} | h |\n|---|---|\n| {md_escape(t)} |",
    "code block": lambda t, info, **_: fence(t, info),
    "link": lambda t, url, **_: f"[{md_escape(t)}](<{md_escape(url)}>)",
    "alert": lambda t, **_: f"> [!CAUTION]\n> {md_escape(t)}",
    "quote": lambda t, **_: f"> {md_escape(t)}",
    "formatted": lambda t, n, **_: " ".join(f"**{md_escape(t)}** `{i}` *x*" for i in range(n)),
    "nested list": lambda t, depth, **_: "".join(f"{'  ' * d}- {md_escape(t)} {d}\n" for d in range(depth)),
    "nested quote": lambda t, depth, **_: "> " * depth + md_escape(t),
    "table in a list": lambda t, depth, **_: "".join(f"{'  ' * d}- {d}\n" for d in range(depth))
    + f"\n{'  ' * depth}| {md_escape(t)} |\n{'  ' * depth}|---|\n{'  ' * depth}| x |",
}
infos = st.sampled_from(["", "python", "PY", "c++", "brainfuck", "js title=x"]) | st.text(
    alphabet=st.characters(blacklist_characters="`\n\r"), max_size=8
)
urls = st.builds(lambda scheme, t: scheme + t, st.sampled_from(["https://x.example/", "mailto:", "", "ftp://"]), texts)

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(
    fields=st.lists(st.sampled_from(sorted(FIELDS)), min_size=1, max_size=4),
    text=texts, owner=owners, due=dues, info=infos, url=urls, n=st.integers(1, 80), depth=st.integers(1, 7),
)
@example(fields=["paragraph"], text="]]> <b>&amp;</b>", owner="", due="", info="", url="", n=1, depth=1)
@example(fields=["code block"], text="```\n]]>\n\x00", owner="", due="", info="python", url="", n=1, depth=1)
@example(fields=["task"], text="", owner="@Ana ", due=" (due 2026-12-01)", info="", url="", n=1, depth=1)
@example(fields=["link"], text="t", owner="", due="", info="", url="https://x.example/" + "a" * 2100, n=1, depth=1)
def test_any_text_in_any_field_renders_valid_and_survives(fields, text, owner, due, info, url, n, depth):
    values = dict(owner=owner, due=due, info=info, url=url, n=n, depth=depth)
    markdown = "\n\n".join(FIELDS[f](text, **values) for f in fields) + "\n"
    request = RenderRequest(markdown, members=MEMBERS)
    data = check(notion.render(request))
    assert text_of(data) == parsed_text(request)
    assert set(links(data)) == kept_links(request)


def kept_links(request) -> set[str]:
    """The URLs of the links markdown-it parsed that have text and that Notion accepts."""
    kept, open_links = set(), []
    for token in request.tokens:
        for child in token.children or []:
            if child.type == "link_open":
                open_links.append(child.attrs["href"])
            elif child.type == "link_close":
                open_links.pop()
            elif open_links and child.content and notion.web_url(open_links[-1]):
                kept.add(open_links[-1])
    return kept


# -- the command line ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
@pytest.mark.parametrize("seed", ["a", "m4rt9q2k", "seed-3"])
def test_both_meeting_kinds_render(run, kind, seed):
    result = run("render", kind, "--seed", seed, "-f", "notion")
    assert result.exit_code == 0, result.stderr
    data = check(result.stdout)
    assert "notion:" not in result.stderr  # an agenda is all native elements
    kinds = {block["type"] for block, _ in walk(blocks_of(data))}
    assert {"heading_1", "heading_2", "callout", "bulleted_list_item", "divider"} <= kinds
    markdown = run("render", kind, "--seed", seed).stdout
    request = RenderRequest(markdown)
    converted = json.loads(notion.render(request))
    assert text_of(converted) == parsed_text(request)


def test_convert_file_and_stdin(run):
    path = GOLDEN / "alerts.md"
    from_file = run("convert", str(path), "--to", "notion")
    from_stdin = run("convert", "-", "--to", "notion", input=path.read_bytes())
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout == from_stdin.stdout == (GOLDEN / "alerts.notion.json").read_text(encoding="utf-8")
    assert from_file.stderr == ""


def test_losses_are_one_line_per_kind_on_stderr(run):
    result = run("convert", str(GOLDEN / "basics.md"), "--to", "notion")
    assert result.exit_code == 0
    check(result.stdout)
    assert result.stderr.splitlines() == [
        "retrokit: warning: notion: link title dropped (Notion links have none)",
        "retrokit: warning: notion: link to a relative or non-web URL (Notion links only http(s)): its text and"
        " address kept as text",
        "retrokit: warning: notion: heading levels 4-6 shown as heading 3 (Notion has three levels) (3 places)",
    ]


def test_strict_turns_a_loss_into_an_error(run):
    result = run("convert", str(GOLDEN / "basics.md"), "--to", "notion", "--strict")
    assert result.exit_code == 1 and result.stdout == ""
    assert "link title dropped" in result.stderr
    assert run("convert", str(GOLDEN / "alerts.md"), "--to", "notion", "--strict").exit_code == 0


def test_team_members_become_mentions(run, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text(
        f'[team]\nname = "Platform"\nmembers = [{{ name = "Ana", confluence = "5b10ac8d82e05b22cc7d4ef5", '
        f'notion = "{ANA_NOTION}" }}]\n',
        encoding="utf-8",
    )
    result = run("convert", str(GOLDEN / "lists.md"), "--to", "notion", "--team", str(team))
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / "lists.notion.json").read_text(encoding="utf-8")
    without = run("convert", str(GOLDEN / "lists.md"), "--to", "notion")
    assert ANA_NOTION in result.stdout and ANA_NOTION not in without.stdout


# -- size ---------------------------------------------------------------------------------------------


def megabyte() -> str:
    """About a megabyte of Markdown: every golden input, repeated."""
    parts = [(GOLDEN / f"{name}.md").read_text(encoding="utf-8") for name in sorted(GOLDEN_LOSSES)]
    unit = "\n\n".join(parts) + "\n\n"
    return unit * (1_000_000 // len(unit) + 1)


def test_a_megabyte_of_markdown_converts():
    """Linear by design (one pass over the tokens, items joined once, sizes added up from their parts);
    this checks that a large input stays within every limit, not how fast it is."""
    request = RenderRequest(megabyte(), members=MEMBERS)
    data = json.loads(notion.render(request))
    assert isinstance(data, list) and all(len(body["children"]) <= 100 for body in data)
    for body in data[:3] + data[-3:]:
        check(json.dumps(body, indent=2, ensure_ascii=False) + "\n")


def test_a_megabyte_of_markdown_converts_holding_its_output_about_once():
    """``render`` writes each request body as soon as it is complete and lets its blocks go, and gathers
    the text as UTF-8 to decode once: its peak is the output (as ``str``) and a fraction more. Holding the
    block tree, a second copy of it cut into bodies and every piece of JSON text before joining them, as
    it once did, took over 3.5 times the output. Memory as Python traces it, not time: deterministic."""
    request = RenderRequest(megabyte(), members=MEMBERS)
    request.tokens  # parsed first: markdown-it-py's memory is not the format's
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        output = notion.render(request)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        if not tracing:
            tracemalloc.stop()
    assert output.startswith("[\n")  # several bodies
    assert peak < 2.5 * sys.getsizeof(output)


SEVERAL_BODIES = {
    "250 paragraphs": "\n\n".join(f"p{i}" for i in range(250)),
    "1531 blocks under one": "- top\n" + ("  - child\n" + "    ***\n" * 50) * 30,
    "8 paragraphs of 180 KB": "\n\n".join(["変" * 60_000] * 8),
    "deep and long": "".join(f"{'  ' * (i % 6)}- item {i} 🎉\n" for i in range(1500)),
    "a long table": "| a | b |\n|:--|--:|\n" + "".join(f"| {i} **x** | {'y' * (i % 50)} |\n" for i in range(800)),
}

ONE_BODY = {
    # either side of the most that render writes in one go (packing.one_body) rather than piece by piece
    **{f"{count} paragraphs of 8 KB": "\n\n".join(["y" * 8_000] * count) for count in (35, 36)},
    "100 items of 2 children": "".join("- item\n" + "  - child\n" * 2 for _ in range(100)),
    "100 items of 10 children": "".join("- item\n" + "  - child\n" * 10 for _ in range(100)),
}


def assert_render_is_request_bodies_of_build_blocks(markdown: str):
    """``render`` streams body by body; a publisher's ``request_bodies(build_blocks(...))`` must be the same
    bodies, with the same losses in the same order, and leave the tree it was given as it was."""
    streamed, built = RenderRequest(markdown, members=MEMBERS), RenderRequest(markdown, members=MEMBERS)
    output = notion.render(streamed)
    blocks = notion.build_blocks(built)
    tree = json.dumps(blocks)
    bodies = notion.request_bodies(blocks, built)
    assert json.dumps(blocks) == tree
    assert output == json.dumps(bodies[0] if len(bodies) == 1 else bodies, indent=2, ensure_ascii=False) + "\n"
    assert list(streamed.losses.items()) == list(built.losses.items())
    return output


@pytest.mark.parametrize("name", sorted(SEVERAL_BODIES))
def test_render_is_request_bodies_of_build_blocks(name):
    output = assert_render_is_request_bodies_of_build_blocks(SEVERAL_BODIES[name])
    assert output.startswith("[\n")
    check(output)


@pytest.mark.parametrize("name", sorted(ONE_BODY))
def test_render_in_one_go_is_request_bodies_of_build_blocks(name):
    assert_render_is_request_bodies_of_build_blocks(ONE_BODY[name])


@pytest.mark.parametrize("name", sorted(GOLDEN_LOSSES))
def test_golden_render_is_request_bodies_of_build_blocks(name):
    assert_render_is_request_bodies_of_build_blocks((GOLDEN / f"{name}.md").read_text(encoding="utf-8"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.sampled_from(SPECIALS),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)
text_items = st.fixed_dictionaries({
    "type": st.just("text"),
    "text": st.fixed_dictionaries({
        "content": st.text(max_size=8) | st.sampled_from(SPECIALS),
        "link": st.none() | st.fixed_dictionaries({"url": st.text(max_size=8)}) | json_values,
    }),
    "annotations": st.fixed_dictionaries({"bold": st.booleans(), "italic": st.booleans()}) | st.dictionaries(
        st.text(max_size=4), json_values, max_size=3),
})


@settings(max_examples=300, deadline=None)
@given(st.recursive(json_values | text_items, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=30))
@example([{"type": "text", "text": {"content": "x", "link": None}, "annotations": {"bold": value}}
          for value in (False, 0, 0.0, True, 1, 1.0, [1])])  # equal as keys, written differently
def test_json_writers_are_json_dumps(value):
    """The format's own JSON writer (templates for text items) writes exactly what json.dumps does, at any
    depth; its size bound adds up, part by part, what it says it measures from the compact JSON, and its
    exact size is what the writer writes."""
    assert json_writer.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert json_writer.dumps(value, "  ") == json.dumps([value], indent=2, ensure_ascii=False)[4:-2]
    compact = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    lines = 2 * (compact.count("{") + compact.count("[")) + compact.count(",") + 1
    indented = len(compact.encode("utf-8")) + lines * (limits.INDENT_PER_LINE + 1) + compact.count(":")
    assert sizes.size_bound(value) == indented  # the bound, from parts, without writing the compact text
    for depth in (0, 1, 3, 7):  # the exact size the packing uses, at any depth, without writing the text
        assert sizes.size_at(value, depth) == len(json_writer.dumps(value, "  " * depth).encode("utf-8"))


@pytest.mark.parametrize("enabled", [True, False])
def test_render_leaves_the_garbage_collector_as_it_was(enabled, monkeypatch):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        notion.render(RenderRequest("# x\n\n- a\n  - b\n"))
        assert gc.isenabled() == enabled

        def broken(self, tokens):
            raise RuntimeError("boom")

        monkeypatch.setattr(notion_blocks.Builder, "build", broken)
        with pytest.raises(RuntimeError):
            notion.render(RenderRequest("x"))
        assert gc.isenabled() == enabled
    finally:
        (gc.enable if was else gc.disable)()


MARKDOWN_PIECES = [
    "\n", "\n\n", "\n- ", "\n  - ", "\n    - ", "\n      - ", "\n> ", "\n> > ", "\n1. ", "\n3) ", "\n    ", "\n```py\n",
    "\n```\n", "\n~~~\n", "\n| a | b |\n|:--|--:|\n| ", " | ", "\n---\n", "\n# ", "\n#### ", "\nSetext\n===\n",
    "**", "*", "_", "~~", "`", "\\", "  \n", "![alt *x*](https://i.example/a.png \"t\")", "![](rel.png)",
    "[l](https://x.example/q?a=1&b=2)", "[l](/rel)", "[](https://x.example)", "<https://x.example>",
    "<a@b.example>", "[^1]", "\n[^1]: note\n", "<div>\n", "<span>", "&amp;", "&#0;", "- [ ] ", "- [x] @Ana ",
    "@Sam ", " (due 2026-12-01)", "> [!NOTE]\n> ", "> [!WARNING]\n", "\x00", "\r\n", "\t", "🎉", "変", "ש",
]
markdown_texts = st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(max_size=5)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown=markdown_texts)
@example(markdown="- a\n  - b\n    - c\n      - d\n\n        | x |\n        |---|\n        | 1 |\n")
@example(markdown="> [!NOTE]\n> - ![i](https://i.example/a.png) x\n>   - y\n>     - z\n")
@example(markdown="# ![i](https://i.example/a.png) after\n\n| ![c](/rel.png) |\n|---|\n")
def test_any_markdown_renders_valid_output(markdown):
    check(assert_render_is_request_bodies_of_build_blocks(markdown))


def test_adjacent_numbered_lists_are_reported_as_joined():
    data, losses = render("1. a\n2. b\n\n1) c\n")
    assert [kind for _, kind, _ in outline(data)] == ["numbered_list_item"] * 3
    assert losses == {"numbered list right after another joined to it (Notion continues the numbering)": 1}
    _, losses = render("1. a\n\npara\n\n1. c\n")
    assert losses == {}


def test_link_without_text_is_reported():
    data, losses = render("see [](https://x.example) here")
    assert text_of(data) == "see  here" and links(data) == []
    assert losses == {"link without text dropped (nothing to click)": 1}
