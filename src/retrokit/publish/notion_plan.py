"""The append requests that build a block tree under one parent, within Notion's per-request limits.

One request carries blocks, their children and their grandchildren, no deeper. ``plan`` keeps the whole
tree instead of flattening it (as the ``notion`` format must): a top-level block of a batch whose content
does not fit one request (deeper than two levels, more than 100 children in an array, more than 1000
blocks or the byte budget) is sent *without* its children, and its children are appended afterwards to
the id the API returned for it, recursively, by the same rule. A table cannot be sent without its rows;
one with more rows than a request holds is split into consecutive tables (reported as a loss).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from retrokit.formats import notion as blocks_format

BODY_BYTES = 490_000  # a request body's budget, as sent (compact JSON, UTF-8), under Notion's 500 KB


@dataclass
class Batch:
    """One append request: ``children``, and for some of them (by index) the batches that append their
    own children afterwards, to the id the API returns for them."""

    children: list[dict]
    followups: dict[int, list[Batch]] = field(default_factory=dict)


def plan(blocks: list[dict], request) -> list[Batch]:
    """The append requests that build ``blocks`` (a tree from ``build_blocks``) under one parent."""
    batches: list[Batch] = []
    current, used, count = Batch([]), 0, 0
    for block, children in _sendable(blocks, request):
        size = _bytes(block) + 2
        blocks_in = _count(block)
        full = len(current.children) >= blocks_format.CHILDREN_LIMIT
        if current.children and (full or used + size > BODY_BYTES or count + blocks_in > blocks_format.REQUEST_BLOCKS):
            batches.append(current)
            current, used, count = Batch([]), 0, 0
        if children:
            current.followups[len(current.children)] = plan(children, request)
        current.children.append(block)
        used += size
        count += blocks_in
    if current.children:
        batches.append(current)
    return batches


def requests_in(batches: list[Batch]) -> int:
    return sum(1 + sum(requests_in(sub) for sub in batch.followups.values()) for batch in batches)


def _sendable(blocks: list[dict], request):
    """(block as sent, children to append to it afterwards or None) for each of ``blocks``."""
    for block in blocks:
        kind = block["type"]
        children = block[kind].get("children")
        if not children or _fits(block):
            yield block, None
        elif kind == "table":
            for piece in _split_table(block, request):
                yield piece, None
        else:
            bare = {**block, kind: {key: value for key, value in block[kind].items() if key != "children"}}
            yield bare, children


def _fits(block: dict) -> bool:
    """Whether ``block`` with all its content is one request's worth."""
    return _within(block, 0) and _count(block) <= blocks_format.REQUEST_BLOCKS and _bytes(block) + 16 <= BODY_BYTES


def _within(block: dict, level: int) -> bool:
    children = block[block["type"]].get("children") or []
    if not children:
        return True
    if level >= blocks_format.DEPTH_LIMIT or len(children) > blocks_format.CHILDREN_LIMIT:
        return False
    return all(_within(child, level + 1) for child in children)


def _count(block: dict) -> int:
    return 1 + sum(_count(child) for child in block[block["type"]].get("children") or [])


def _bytes(obj) -> int:
    """Bytes of ``obj`` as the client sends it (json.dumps, UTF-8)."""
    return len(json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def _split_table(block: dict, request) -> list[dict]:
    """A table too big for one request as consecutive tables (the first keeps the header row)."""
    payload = block["table"]
    pieces, rows, used = [], [], 0
    for row in payload["children"]:
        size = _bytes(row) + 2
        if rows and (len(rows) >= blocks_format.CHILDREN_LIMIT or used + size > BODY_BYTES - 1000):
            pieces.append(rows)
            rows, used = [], 0
        rows.append(row)
        used += size
    pieces.append(rows)
    request.lose("table with more rows than one Notion request holds split into consecutive tables")
    return [
        {**block, "table": {**payload, "has_column_header": payload["has_column_header"] and index == 0,
                            "children": rows}}
        for index, rows in enumerate(pieces)
    ]


