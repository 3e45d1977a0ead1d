"""Rich-text items: text cut to Notion's length limit, annotations, links, and runs that fit one array."""

from __future__ import annotations

import re

from retrokit.formats.notion.limits import HEAD_BYTES, ITEMS_LIMIT, TEXT_LIMIT, URL_LIMIT
from retrokit.formats.notion.sizes import size_bound

_URL = re.compile(r"https?://[^\s/?#]+(?:[/?#][^\s]*)?\Z", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _utf16_chunks(text: str, limit: int = TEXT_LIMIT):
    """``text`` in consecutive pieces of at most ``limit`` UTF-16 code units each, as the API counts.

    A piece ends after a whitespace character when one is near the limit, and never inside a surrogate
    pair; joined, the pieces are ``text``."""
    if len(text) * 2 <= limit:  # a code point is at most two code units
        yield text
        return
    data = text.encode("utf-16-le", "surrogatepass")
    start, size = 0, len(data)
    while start < size:
        end = min(start + 2 * limit, size)
        if end < size and 0xD800 <= int.from_bytes(data[end - 2 : end], "little") <= 0xDBFF:
            end -= 2  # keep a surrogate pair together
        piece = data[start:end].decode("utf-16-le", "surrogatepass")
        if end < size:
            tail = piece[-200:]
            found = max(tail.rfind(" "), tail.rfind("\n"), tail.rfind("\t"))
            if found > 0:
                piece = piece[: len(piece) - len(tail) + found + 1]
                end = start + len(piece.encode("utf-16-le", "surrogatepass"))
        yield piece
        start = end


def text_annotations(bold=False, italic=False, strikethrough=False, code=False) -> dict:
    return {"bold": bold, "italic": italic, "strikethrough": strikethrough, "code": code}


def text_items(text: str, bold=False, italic=False, strikethrough=False, code=False, url=None) -> list[dict]:
    link = {"url": url} if url else None
    return [
        {
            "type": "text",
            "text": {"content": piece, "link": link},
            "annotations": text_annotations(bold, italic, strikethrough, code),
        }
        for piece in _utf16_chunks(text)
        if piece
    ]


def plain(text: str) -> list[dict]:
    return text_items(text)

def fit_items(items: list[dict], limit: int = ITEMS_LIMIT, budget: int = HEAD_BYTES) -> list[list[dict]]:
    """``items`` in consecutive runs that one rich-text array holds (at least one run, maybe empty)."""
    runs, current, used = [], [], 0
    for item in items:
        size = size_bound(item)
        if current and (len(current) >= limit or used + size > budget):
            runs.append(current)
            current, used = [], 0
        current.append(item)
        used += size
    runs.append(current)
    return runs


def merge_items(items: list[dict]) -> list[dict]:
    """``items`` with neighbouring text items of the same look joined (then split at the limit again)."""
    merged: list = []  # items, or [pieces, annotations, link] for text
    for item in items:
        if item["type"] != "text":
            merged.append(item)
            continue
        text, annotations = item["text"], item["annotations"]
        last = merged[-1] if merged else None
        if isinstance(last, list) and last[1] == annotations and last[2] == text["link"]:
            last[0].append(text["content"])
        else:
            merged.append([[text["content"]], annotations, text["link"]])
    result = []
    for entry in merged:
        if isinstance(entry, dict):
            result.append(entry)
        else:
            pieces, annotations, link = entry
            result += text_items("".join(pieces), url=link["url"] if link else None, **annotations)
    return result


def text_of(items: list[dict]) -> str:
    return "".join(item["text"]["content"] for item in items if item["type"] == "text")


def web_url(url: str) -> bool:
    """Whether Notion accepts ``url`` as a link: absolute http(s) (no mailto:), at most 2000 characters."""
    return len(url) <= URL_LIMIT and not _CONTROL.search(url) and bool(_URL.match(url))


def linked(items: list[dict], url: str) -> list[dict]:
    """``items`` with every text item that has no link linked to ``url``."""
    for item in items:
        if item["type"] == "text" and not item["text"]["link"]:
            item["text"]["link"] = {"url": url}
    return items


def new_block(kind: str, rich_text: list[dict], **extra) -> dict:
    """A block of type ``kind`` whose text is ``rich_text`` (``extra``: the rest of its payload)."""
    return {"type": kind, kind: {"rich_text": rich_text, **extra}}
