"""Every CommonMark and GFM spec example converts to Confluence and to Notion with every visible
character and every link of the spec's own HTML kept: as text, as a link, or (for an address Notion
cannot link) as text after the link. The examples come from a package on PyPI (see spec_examples.py)."""

from __future__ import annotations

import json
import os
from collections import Counter
from functools import lru_cache
from urllib.parse import unquote

import pytest
from lxml import etree

import retrokit
from spec_examples import examples, spec_texts, visible

WRAP = (
    '<ac:root xmlns:ac="http://atlassian.com/content" xmlns:ri="http://atlassian.com/resource/identifier">'
    "{}</ac:root>"
)
AC, RI = "http://atlassian.com/content", "http://atlassian.com/resource/identifier"


@lru_cache(maxsize=1)
def specs():
    found = spec_texts()
    if isinstance(found, str):
        if os.environ.get("CI") == "true":
            pytest.fail(found)
        pytest.skip(found)
    return {name: examples(text) for name, text in found.items()}


@lru_cache(maxsize=1)
def session():
    return retrokit.open_session()


def confluence_view(markdown: str) -> tuple[str, set[str]]:
    root = etree.fromstring(WRAP.format(session().convert(markdown, to="confluence")).encode("utf-8"))
    text = ["".join(root.itertext())]
    links = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        text.append(element.get(f"{{{AC}}}alt") or "")
        if element.get("href") is not None:
            links.add(element.get("href"))
        if element.get(f"{{{RI}}}value") is not None:
            links.add(element.get(f"{{{RI}}}value"))
    return "".join(text), links


def notion_view(markdown: str) -> tuple[str, set[str]]:
    data = json.loads(session().convert(markdown, to="notion"))
    text, links = [], set()

    def walk(blocks):
        for block in blocks:
            payload = block[block["type"]]
            items = payload.get("rich_text", []) + payload.get("caption", [])
            items += [item for row in payload.get("cells", []) for cell in [row] for item in cell]
            for item in items:
                if item["type"] == "text":
                    text.append(item["text"]["content"])
                    if item["text"]["link"]:
                        links.add(item["text"]["link"]["url"])
            if block["type"] == "image":
                links.add(payload["external"]["url"])
            if block["type"] == "table_row":
                for cell in payload["cells"]:
                    walk_items(cell)
            walk(payload.get("children", []))

    def walk_items(items):
        for item in items:
            if item["type"] == "text":
                text.append(item["text"]["content"])
                if item["text"]["link"]:
                    links.add(item["text"]["link"]["url"])

    for body in data if isinstance(data, list) else [data]:
        walk(body["children"])
    return "".join(text), links


def missing(expected_html: str, view) -> list[str]:
    """What of the spec's HTML the view does not show: characters (white space aside), then links."""
    text, links = visible(expected_html)
    shown, kept = view
    lost = Counter(c for c in text if not c.isspace()) - Counter(c for c in shown if not c.isspace())
    found = {unquote(link) for link in kept}
    return sorted(lost.elements()) + [
        link for link in links
        if unquote(link) not in found and unquote(link.removeprefix("mailto:")) not in unquote(shown)
    ]


def cases():
    try:
        loaded = specs()
    except BaseException:  # skipped or failed: one placeholder case reports it
        return [pytest.param("unavailable", 0, "", "", id="unavailable")]
    return [pytest.param(name, number, md, html, id=f"{name}-{number}")
            for name, found in loaded.items() for number, _, md, html in found]


@pytest.mark.parametrize(("spec", "number", "markdown", "html"), cases())
def test_spec_example_keeps_every_visible_text_and_link(spec, number, markdown, html):
    specs()
    assert missing(html, confluence_view(markdown)) == [], "confluence"
    assert missing(html, notion_view(markdown)) == [], "notion"
