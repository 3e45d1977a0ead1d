"""The block tree: markdown-it-py's block tokens as nested Notion blocks (``build_blocks``)."""

from __future__ import annotations

import re

from retrokit.formats.notion.collector import collector_paused
from retrokit.formats.notion.html import html_block
from retrokit.formats.notion.inline import Inline
from retrokit.formats.notion.languages import LANGUAGE_ALIASES, LANGUAGES
from retrokit.formats.notion.limits import HEAD_BYTES, URL_LIMIT
from retrokit.formats.notion.rich_text import (
    fit_items, merge_items, new_block, plain, text_annotations, text_of, web_url,
)
from retrokit.formats.notion.sizes import size_bound
from retrokit.rendering import is_date

#: GitHub alert -> (icon emoji, callout colour)
ALERTS = {
    "note": ("ℹ️", "blue_background"),
    "tip": ("💡", "green_background"),
    "important": ("❗", "purple_background"),
    "warning": ("⚠️", "yellow_background"),
    "caution": ("🛑", "red_background"),
}

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_USER_ID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\Z", re.IGNORECASE)


def build_blocks(request) -> list[dict]:
    """The document as Notion blocks: the full tree, every object within Notion's limits, any depth."""
    tokens = request.tokens  # parsed before the collector pauses: markdown-it-py is not ours to tune
    with collector_paused():
        return Builder(request).build(tokens)


class _Frame:
    """An open block whose nested blocks go into ``children``; ``awaiting`` until it has its text."""

    __slots__ = ("block", "children", "awaiting", "parent", "task")

    def __init__(self, block, children, parent=None, awaiting=False, task=None):
        self.block, self.children, self.parent, self.awaiting, self.task = block, children, parent, awaiting, task


class _Table:
    __slots__ = ("block", "rows", "row", "aligned")

    def __init__(self, block):
        self.block, self.rows, self.row, self.aligned = block, [], [], False


class Builder:
    """Walks markdown-it-py's flat block tokens (as RendererHTML does, one method per token type) and
    builds the nested block tree."""

    def __init__(self, request):
        self.request = request
        self.blocks: list[dict] = []
        self.frames = [_Frame(None, self.blocks)]
        self.lists: list[str] = []  # block type of each open list
        self.target = None  # what the next inline token becomes
        self.heading = 1
        self.table: _Table | None = None
        self.footnote: str | None = None  # "[n] " until the footnote's first paragraph takes it
        self.toggles: list = []  # (frame, toggle block) of each open <details> (notion.html)

    def build(self, tokens) -> list[dict]:
        for token in tokens:
            getattr(self, token.type, self.unknown)(token)
        return self.blocks

    # -- helpers

    def checked_url(self, url: str, what: str) -> str | None:
        """``url`` when Notion takes it, else None and a loss (the text stays, without the URL)."""
        if web_url(url):
            return url
        kept = "its text and address kept as text"
        if len(url) > URL_LIMIT:
            self.request.lose(f"{what} URL longer than {URL_LIMIT} characters: {kept}")
        else:
            why = " (Notion links only http(s))" if what == "link" else ""
            self.request.lose(f"{what} to a relative or non-web URL{why}: {kept}")
        return None

    def add(self, *blocks: dict) -> None:
        frame = self.frames[-1]
        frame.children.extend(blocks)
        frame.awaiting = False

    def text_blocks(self, kind: str, items: list[dict], **extra) -> list[dict]:
        runs = fit_items(items)
        if len(runs) > 1:
            self.request.lose("text too long for one Notion block continued in the next block of its kind")
        return [new_block(kind, run, **extra) for run in runs]

    def host_text(self, parts) -> tuple[list[dict], list[dict]]:
        """A heading's or a list item's text and the image blocks that must follow it."""
        items, blocks = [], []
        for kind, value in parts:
            if kind == "blocks":
                blocks += value
            else:
                if blocks and text_of(value).strip():
                    self.request.lose("inline image moved below the text it was in")
                items += value
        return (merge_items(items) if blocks else items), blocks

    def open_container(self, kind: str, task=None, **extra) -> None:
        block = new_block(kind, [], **extra)
        parent = self.frames[-1]
        self.add(block)
        self.frames.append(_Frame(block, [], parent, awaiting=True, task=task))

    def close_container(self) -> None:
        frame = self.frames.pop()
        if frame.children:
            frame.block[frame.block["type"]]["children"] = frame.children

    def inline(self, token) -> None:
        target, self.target = self.target or self.paragraph, None
        builder = Inline(self, "cell" if target == self.cell else "blocks")
        if self.footnote is not None and target == self.paragraph:
            builder.run(self.footnote)
            self.footnote = None
        target(builder.build(token.children or []))

    # -- inline targets

    def paragraph(self, parts) -> None:
        around_images = len(parts) > 1
        for kind, value in parts:
            if kind == "blocks":
                self.add(*value)
            elif value and not (around_images and not text_of(value).strip()):
                self.add(*self.text_blocks("paragraph", value))

    def container_text(self, parts) -> None:
        frame = self.frames[-1]
        items, images = self.host_text(parts)
        if frame.task is not None:
            items = self.task_items(frame.task, items)
        kind = frame.block["type"]
        payload = frame.block[kind]
        runs = fit_items(items)
        if len(runs) > 1:
            self.request.lose("text too long for one Notion block continued in the next block of its kind")
            extra = {key: value for key, value in payload.items() if key != "rich_text"}
            frame.parent.children[-1:-1] = [new_block(kind, run, **extra) for run in runs[:-1]]
        payload["rich_text"] = runs[-1]
        frame.children.extend(images)
        frame.awaiting = False

    def task_items(self, meta: dict, items: list[dict]) -> list[dict]:
        """A task's text with its owner in front and its due date after, as mentions where possible."""
        owner, due = meta.get("owner"), meta.get("due")
        before, after = [], []
        if owner:
            member = self.request.member(owner) or {}
            user = member.get("notion")
            if isinstance(user, str) and _USER_ID.match(user):
                before.append({"type": "mention", "mention": {"type": "user", "user": {"id": user}},
                               "annotations": text_annotations()})
            else:
                if user:
                    self.request.lose("owner whose Notion user id is not a UUID kept as text")
                before += plain(f"@{owner}")
            if items:
                before += plain(" ")
        if due:
            after += plain(" (due " if (items or before) else "(due ")
            if _DATE.match(due) and is_date(due):
                after.append({"type": "mention", "mention": {"type": "date", "date": {"start": due}},
                              "annotations": text_annotations()})
            else:
                self.request.lose("due date that is not a calendar date kept as text")
                after += plain(due)
            after += plain(")")
        return merge_items(before + items + after)

    def heading_text(self, parts) -> None:
        items, images = self.host_text(parts)
        self.add(*self.text_blocks(f"heading_{self.heading}", items), *images)

    def cell(self, parts) -> None:
        self.table.row.append(parts[0][1] if parts else [])

    # -- block token types

    def heading_open(self, token) -> None:
        level = int(token.tag[1:])
        if level > 3:
            self.request.lose("heading levels 4-6 shown as heading 3 (Notion has three levels)")
        self.heading = min(level, 3)
        self.target = self.heading_text

    def heading_close(self, token) -> None:
        pass

    def paragraph_open(self, token) -> None:
        self.target = self.container_text if self.frames[-1].awaiting else self.paragraph

    def paragraph_close(self, token) -> None:
        pass

    def bullet_list_open(self, token) -> None:
        self.lists.append("bulleted_list_item")

    def ordered_list_open(self, token) -> None:
        if int(token.attrs.get("start", 1)) != 1:
            self.request.lose("numbered list start number dropped (Notion numbers from 1)")
        siblings = self.frames[-1].children
        if siblings and siblings[-1]["type"] == "numbered_list_item":
            self.request.lose("numbered list right after another joined to it (Notion continues the numbering)")
        self.lists.append("numbered_list_item")

    def bullet_list_close(self, token) -> None:
        self.lists.pop()

    ordered_list_close = bullet_list_close

    def list_item_open(self, token) -> None:
        meta = token.meta or {}
        if "task" in meta:
            if self.lists[-1] == "numbered_list_item":
                self.request.lose("numbered task shown as a to-do without its number")
            self.open_container("to_do", task=meta, checked=bool(meta["task"]))
        else:
            self.open_container(self.lists[-1])

    def list_item_close(self, token) -> None:
        self.close_container()

    def blockquote_open(self, token) -> None:
        alert = (token.meta or {}).get("alert")
        if alert in ALERTS:
            emoji, color = ALERTS[alert]
            self.open_container("callout", icon={"type": "emoji", "emoji": emoji}, color=color)
        else:
            self.open_container("quote")

    def blockquote_close(self, token) -> None:
        self.close_container()

    def fence(self, token) -> None:
        words = token.info.split(maxsplit=1)
        name = words[0].lower() if words else ""
        language = LANGUAGE_ALIASES.get(name, name) if name else "plain text"
        if language not in LANGUAGES:
            self.request.lose("code language not in Notion's list shown as plain text")
            language = "plain text"
        if len(words) > 1:
            self.request.lose("code block info after the language dropped")
        self.code(token.content, language)

    def code_block(self, token) -> None:
        self.code(token.content, "plain text")

    def code(self, content: str, language: str) -> None:
        content = content[:-1] if content.endswith("\n") else content
        self.add(*self.text_blocks("code", plain(content), language=language))

    def hr(self, token) -> None:
        self.add({"type": "divider", "divider": {}})

    def html_block(self, token) -> None:
        html_block(self, token)

    def table_open(self, token) -> None:
        block = {"type": "table", "table": {"table_width": 1, "has_column_header": True,
                                            "has_row_header": False, "children": []}}
        self.add(block)
        self.table = _Table(block)

    def thead_open(self, token) -> None:
        pass

    thead_close = tbody_open = tbody_close = th_close = td_close = thead_open

    def tr_open(self, token) -> None:
        self.table.row = []

    def tr_close(self, token) -> None:
        self.table.rows.append(self.table.row)

    def th_open(self, token) -> None:
        if token.attrs.get("style"):
            self.table.aligned = True
        self.target = self.cell

    td_open = th_open

    def table_close(self, token) -> None:
        table, self.table = self.table, None
        width = max(1, max((len(row) for row in table.rows), default=1))
        budget = max(HEAD_BYTES // width, 1)
        rest: list[dict] = []
        rows = []
        for row in table.rows:
            cells = []
            for items in row + [[]] * (width - len(row)):
                runs = fit_items(items, budget=budget)
                cell, overflow = runs[0], [item for run in runs[1:] for item in run]
                if cell and sum(size_bound(item) for item in cell) > budget:
                    cell, overflow = [], items  # one piece alone is more than a narrow column's share
                if overflow:
                    self.request.lose("table cell too long for Notion: the rest follows the table")
                    rest += overflow
                cells.append(cell)
            rows.append({"type": "table_row", "table_row": {"cells": cells}})
        payload = table.block["table"]
        payload["table_width"] = width
        payload["children"] = rows
        if table.aligned:
            self.request.lose("table column alignment dropped")
        if rest:
            self.add(*self.text_blocks("paragraph", rest))

    def footnote_block_open(self, token) -> None:
        pass

    footnote_block_close = footnote_anchor = footnote_block_open

    def footnote_open(self, token) -> None:
        self.footnote = f"[{token.meta['id'] + 1}] "

    def footnote_close(self, token) -> None:
        if self.footnote is not None:  # a note that did not start with a paragraph
            self.add(new_block("paragraph", plain(self.footnote.strip())))
            self.footnote = None

    def unknown(self, token) -> None:
        self.request.lose(f"unsupported Markdown element '{token.type}' kept as text")
        if token.content and token.type != "inline":
            self.add(*self.text_blocks("paragraph", plain(token.content)))
