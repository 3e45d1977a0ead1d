"""Markdown as GitHub renders it, through the command line: autolinks, strikethrough, what is a table,
links Notion cannot hold, raw HTML, and Markdown nested past markdown-it's limit (never lost)."""

from __future__ import annotations

import json
import re
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from retrokit.formats import html_subset
from retrokit.rendering import LOSS_FLATTENED

WRAP = (
    '<ac:root xmlns:ac="http://atlassian.com/content" xmlns:ri="http://atlassian.com/resource/identifier">'
    "{}</ac:root>"
)


def convert(run, markdown: str, to: str, *extra):
    result = run("convert", "-", "--to", to, *extra, input=markdown.encode("utf-8"))
    assert "Traceback" not in result.stderr
    return result


def confluence(run, markdown: str):
    result = convert(run, markdown, "confluence")
    assert result.exit_code == 0, result.stderr
    return etree.fromstring(WRAP.format(result.stdout).encode("utf-8")), result


def notion_blocks(run, markdown: str):
    result = convert(run, markdown, "notion")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    bodies = data if isinstance(data, list) else [data]
    return [block for body in bodies for block in body["children"]], result


def walk(blocks):
    for block in blocks:
        yield block
        payload = block[block["type"]]
        yield from walk(payload.get("children", []))


def rich(blocks):
    for block in walk(blocks):
        payload = block[block["type"]]
        for item in payload.get("rich_text", []) + payload.get("caption", []):
            yield item
        for row in payload.get("cells", []):
            yield from row


def notion_text(blocks) -> str:
    return "".join(i["text"]["content"] for i in rich(blocks) if i["type"] == "text")


def notion_links(blocks) -> list[str]:
    return [i["text"]["link"]["url"] for i in rich(blocks) if i["type"] == "text" and i["text"]["link"]]


def page_links(root) -> list[str]:
    return [e.get("href") for e in root.iter() if isinstance(e.tag, str) and e.tag == "a"]


def page_text(root) -> str:
    return "".join(root.itertext())


# -- autolinks -------------------------------------------------------------------------------------


AUTOLINKS = "See https://x.example/a_b_c*d*e and www.example.org/p_q_r or mail ana@example.com today.\n"


def test_bare_urls_www_and_email_addresses_are_links_in_confluence(run):
    root, _ = confluence(run, AUTOLINKS)
    assert page_links(root) == [
        "https://x.example/a_b_c*d*e", "http://www.example.org/p_q_r", "mailto:ana@example.com",
    ]
    assert root.find(".//em") is None  # the URL's * and _ are not emphasis
    assert page_text(root).strip() == AUTOLINKS.strip()


def test_bare_urls_are_links_in_notion_and_an_email_address_stays_text(run):
    blocks, result = notion_blocks(run, AUTOLINKS)
    assert notion_links(blocks) == ["https://x.example/a_b_c*d*e", "http://www.example.org/p_q_r"]
    assert notion_text(blocks) == AUTOLINKS.strip()
    assert not any(i["annotations"]["italic"] for i in rich(blocks))
    assert "Notion links only http(s)" in result.stderr  # the mailto: link is reported, its text kept


# -- strikethrough and tables ----------------------------------------------------------------------


def test_strikethrough_follows_gfm(run):
    root, _ = confluence(run, "~one~ and ~~two~~ but ~~~~a~~ stays\n")
    assert [s.text for s in root.iter("s")] == ["one", "two"]
    assert "~~~~a~~" in page_text(root)
    blocks, _ = notion_blocks(run, "~one~ and ~~~~a~~\n")
    assert [i["text"]["content"] for i in rich(blocks) if i["annotations"]["strikethrough"]] == ["one"]


@pytest.mark.parametrize("first", ["- a|b", "# a|b", "> a|b", "```\na|b\n```"])
def test_a_block_that_is_no_paragraph_line_is_no_table_header(run, first):
    root, _ = confluence(run, f"{first}\n---|---\n")
    assert root.find(".//table") is None and "a|b" in page_text(root)
    blocks, _ = notion_blocks(run, f"{first}\n---|---\n")
    assert "table" not in {b["type"] for b in walk(blocks)}


def test_a_paragraph_line_still_heads_a_table(run):
    root, _ = confluence(run, "a|b\n---|---\n1|2\n")
    assert [c.text for c in root.iter("th", "td")] == ["a", "b", "1", "2"]


# -- Notion links ----------------------------------------------------------------------------------


def test_notion_sends_only_http_links_and_keeps_other_addresses_visible(run):
    blocks, result = notion_blocks(run, "[me](mailto:me@x.example), [doc](docs/a.md), <ana@x.example>\n")
    assert notion_links(blocks) == []
    assert notion_text(blocks) == "me (mailto:me@x.example), doc (docs/a.md), ana@x.example"
    assert "notion: link to a relative or non-web URL" in result.stderr


def test_a_linked_image_links_its_caption_in_notion(run):
    blocks, result = notion_blocks(
        run, "[![build](https://img.example/b.svg)](https://ci.example/p) [![](https://img.example/c.svg)](https://c.example)\n"
    )
    images = [b["image"] for b in blocks if b["type"] == "image"]
    assert [[(i["text"]["content"], i["text"]["link"]) for i in image["caption"]] for image in images] == [
        [("build", {"url": "https://ci.example/p"})],
        [("https://c.example", {"url": "https://c.example"})],
    ]
    assert "link around an image" not in result.stderr


# -- raw HTML --------------------------------------------------------------------------------------

README = textwrap.dedent(
    """\
    <p align="center">
      <a href="https://x.example"><img src="https://x.example/logo.png" alt="Logo" width="120" onerror="alert(1)"></a>
    </p>

    Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>, <b>bold</b><br>next <span class="c">line</span>.

    <details>
    <summary>Show more</summary>

    Hidden **text**.

    </details>

    <a href="javascript:alert(1)">click</a> <img src="data:text/html,x" alt="bad"> <script>alert(2)</script>
    """
)


def test_safe_html_is_native_in_confluence_and_nothing_is_live(run):
    root, result = confluence(run, README)
    tags = {etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)}
    assert {"a", "image", "code", "sub", "sup", "strong", "br", "structured-macro"} <= tags
    assert not tags & {"script", "span", "kbd", "img", "details", "summary"}
    [expand] = [e for e in root.iter("{http://atlassian.com/content}structured-macro")
                if e.get("{http://atlassian.com/content}name") == "expand"]
    assert expand.findtext("{http://atlassian.com/content}parameter") == "Show more"
    assert "Hidden text." in "".join(expand.itertext())
    assert page_links(root) == ["https://x.example"]
    every_value = [v for e in root.iter() for v in e.attrib.values()]
    assert not any(re.match(r"\s*(javascript|data):", v, re.I) for v in every_value)
    assert not any(name.startswith("on") for e in root.iter() for name in e.attrib)
    assert "alert(1)" not in result.stdout and "<script" not in result.stdout
    text = page_text(root)
    for shown in ("Press Ctrl+C, H2O, x2, bold", "next line.", "click", "bad", "<script>alert(2)</script>"):
        assert shown in text  # GFM's tag filter shows a script as text; nothing else is source any more
    assert text.count("<") == 2
    assert html_subset.LOSS_URL in result.stderr and html_subset.LOSS_TAGS in result.stderr
    strict = convert(run, README, "confluence", "--strict")
    assert strict.exit_code == 1 and strict.stdout == "" and "(--strict)" in strict.stderr


def test_safe_html_is_native_in_notion(run):
    blocks, result = notion_blocks(run, README)
    kinds = [b["type"] for b in blocks]
    assert kinds[0] == "image" and "toggle" in kinds
    toggle = blocks[kinds.index("toggle")]["toggle"]
    assert notion_text([{"type": "p", "p": {"rich_text": toggle["rich_text"]}}]) == "Show more"
    assert [b["type"] for b in toggle["children"]] == ["paragraph"]
    code = [i["text"]["content"] for i in rich(blocks) if i["annotations"]["code"]]
    assert code == ["Ctrl", "C"]
    assert notion_links(blocks) == ["https://x.example"]
    assert "alert(1)" not in result.stdout and notion_text(blocks).count("<") == 2  # <script>, </script>
    assert "sub- and superscript" in result.stderr


# -- nesting past markdown-it's limit ----------------------------------------------------------------


def deep_list(depth: int, word: str = "item") -> str:
    return "".join(f"{'  ' * level}- {word} {level}\n" for level in range(depth))


def deep_quote(depth: int, word: str = "quote") -> str:
    return "".join(">" * (level + 1) + f" {word} {level}\n\n" for level in range(depth))


@pytest.mark.parametrize("to", ["confluence", "notion", "html", "markdown"])
@pytest.mark.parametrize("markdown", [deep_list(12), deep_quote(25)], ids=["list", "quote"])
def test_nothing_past_the_nesting_limit_is_lost(run, to, markdown):
    result = convert(run, markdown, to)
    assert result.exit_code == 0
    words = re.findall(r"(?:item|quote) \d+", markdown)
    for word in words:
        assert word in result.stdout
    if to in ("confluence", "notion", "html"):
        assert LOSS_FLATTENED in result.stderr


def test_ingest_names_a_task_nested_past_the_limit(run, isolated):
    (isolated / "retrokit.toml").write_text('[team]\nname = "T"\nmembers = [{ name = "Sam" }]\n', encoding="utf-8")
    notes = deep_list(10) + "  " * 10 + "- [ ] @sam deep task\n"
    (isolated / "notes.md").write_text(notes, encoding="utf-8")
    result = run("ingest", "notes.md")
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    assert re.search(r"notes\.md:\d+: nested more than 20 levels deep", result.stderr)


NESTING = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])
markers = st.sampled_from(["- ", "* ", "1. ", "> ", "- [ ] ", "  "])


@NESTING
@given(lines=st.lists(st.tuples(st.lists(markers, max_size=30).map("".join), st.integers(0, 999)),
                      min_size=1, max_size=12))
def test_any_nesting_keeps_every_word_in_every_format(lines):
    """Property: whatever the nesting (lists, quotes, tasks, up to 30 levels on a line), every word of
    the source is in the Confluence, Notion and HTML output."""
    from retrokit.formats import confluence as confluence_format
    from retrokit.formats import html as html_format
    from retrokit.formats import notion as notion_format
    from retrokit.rendering import RenderRequest

    markdown = "".join(f"{prefix}w{number}x\n" for prefix, number in lines)
    words = [f"w{number}x" for _, number in lines]
    for render in (confluence_format.render, notion_format.render, html_format.render):
        output = render(RenderRequest(markdown))
        missing = [word for word in words if word not in output]
        assert not missing, (render.__module__, markdown, missing)


@pytest.mark.parametrize("text", ["see https://x.example/a_b*c", "www.example.org/a_b_ now", "https://x/(a)_[b]"])
def test_an_escaped_text_with_a_url_shows_as_written_and_links_it(text):
    """Templates print every text escaped (md_escape): its URL is a link, without backslashes."""
    from retrokit.formats import confluence as confluence_format
    from retrokit.planning.templating import md_escape
    from retrokit.rendering import RenderRequest, parse, plain_text

    markdown = md_escape(text)
    root = etree.fromstring(WRAP.format(confluence_format.render(RenderRequest(markdown))).encode("utf-8"))
    assert page_text(root).strip() == text
    [href] = page_links(root)
    assert "\\" not in href and "%5C" not in href
    [inline] = [token for token in parse(markdown) if token.type == "inline"]
    assert plain_text(inline, links=True) == text  # what ingest reads back


def test_safe_html_in_the_html_preview_and_nothing_is_live(run):
    result = convert(run, README, "html")
    assert result.exit_code == 0
    body = result.stdout.split("<body>", 1)[1]
    assert "<details><summary>Show more</summary>" in body and "<kbd>" not in body
    assert '<a href="https://x.example"><img src="https://x.example/logo.png" alt="Logo"></a>' in body
    assert "<sub>2</sub>" in body and "<code>Ctrl</code>" in body
    assert not re.search(r"<script|onerror|javascript:|data:|<span", body, re.I)
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in body
