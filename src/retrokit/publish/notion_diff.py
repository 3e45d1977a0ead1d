"""Updating a Notion page by difference: which of its blocks to keep, update, delete, and where to insert.

Blocks compare in a canonical form (``block_key``, a hash), so a block as the API returns it (with
``plain_text``, ``href``, every annotation, ``color: "default"`` …) equals the block as ``build_blocks``
makes it. A block's key covers its own content and, recursively, its children's. The children of an old
block are only read (one GET per block with children) when its own content matches a new block's (any
other block is replaced whole anyway), and not even then when published.toml recorded this block as
written by the last publish with the same own content: its recorded key stands for its children
(``trusted``; so an edit someone made *inside* a nested list of an unchanged block is left alone).

``steps`` turns the old top-level blocks and the new ones into steps in page order (``difflib``'s
longest matching runs):

- ``keep``: the block is already there;
- ``update``: a changed block of the same type without children on either side (PATCH the block: its id
  and the comments on it stay);
- ``insert``: new blocks, sent after the last block kept, updated or inserted before them; at the very
  start of the page (no such block yet) they go after the first old block, which is then deleted: the API
  can only insert *after* a block, and appending to the page would put them below its sub-pages;
- ``delete``: an old block that is not in the new content, deleted after the inserts that follow it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher

RICH_KEYS = ("rich_text", "caption")
_COLOURED = {"paragraph", "heading_1", "heading_2", "heading_3", "bulleted_list_item", "numbered_list_item",
             "to_do", "toggle", "quote", "callout"}
_DEFAULTS = {"to_do": {"checked": False}, "code": {"caption": []}, "image": {"caption": []},
             "heading_1": {"is_toggleable": False}, "heading_2": {"is_toggleable": False},
             "heading_3": {"is_toggleable": False}}
_ANNOTATIONS = {"bold": False, "italic": False, "strikethrough": False, "underline": False, "code": False,
                "color": "default"}
UPDATABLE = _COLOURED | {"code"}  # types an update may rewrite (a table's rows are children: never)


def rich_key(item: dict) -> list:
    """One rich-text item, canonical: its kind, what it says or points at, its link, its annotations."""
    kind = item.get("type")
    annotations = {**_ANNOTATIONS, **(item.get("annotations") or {})}
    marks = [annotations[name] for name in _ANNOTATIONS]
    if kind == "text":
        text = item.get("text") or {}
        link = (text.get("link") or {}).get("url")
        return ["text", text.get("content", ""), link, marks]
    if kind == "mention":
        mention = item.get("mention") or {}
        what = mention.get("type")
        value = mention.get(what) or {}
        if what == "date":
            return ["date", value.get("start"), value.get("end"), marks]
        return [what, value.get("id"), None, marks]
    return [kind, item.get("plain_text", ""), None, marks]


def own_payload(kind: str, payload: dict) -> dict:
    """A block's payload without its children, canonical (defaults filled in, rich text as ``rich_key``)."""
    result = {}
    for key, value in payload.items():
        if key == "children":
            continue
        if key in RICH_KEYS:
            value = [rich_key(item) for item in value or []]
        elif key == "cells":
            value = [[rich_key(item) for item in cell] for cell in value or []]
        result[key] = value
    for key, value in _DEFAULTS.get(kind, {}).items():
        result.setdefault(key, value)
    if kind in _COLOURED:
        result.setdefault("color", "default")
    return result


def digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def own_key(block: dict) -> str:
    """A hash of a block's own content (canonical, without its children)."""
    kind = block["type"]
    return digest([kind, own_payload(kind, block.get(kind) or {})])


def tree_key(own: str, children: list[str]) -> str:
    """A hash of a block with all its children, from their keys."""
    return digest([own, children])


def block_key(block: dict) -> str:
    """``tree_key`` of a block in ``build_blocks``' shape (children inside the type payload)."""
    children = (block.get(block["type"]) or {}).get("children") or []
    return tree_key(own_key(block), [block_key(child) for child in children])


@dataclass
class Old:
    """A block the page holds now: ``key`` is None until its children have been read (when it has any)."""

    id: str
    type: str
    own: str
    has_children: bool
    key: str | None = None

    @classmethod
    def of(cls, block: dict) -> Old:
        own = own_key(block)
        has = bool(block.get("has_children"))
        return cls(block["id"], block["type"], own, has, None if has else tree_key(own, []))


@dataclass
class Step:
    action: str  # keep | update | insert | delete
    old: Old | None = None
    new: list[dict] = field(default_factory=list)  # update: [the block]; insert: the blocks
    fallback: str | None = None  # insert: the block to insert after when nothing precedes it yet
    batches: list = field(default_factory=list)  # insert: the append requests (set by the publisher)


def steps(old: list[Old], new: list[dict]) -> list[Step]:
    """The steps that turn the page's ``old`` top-level blocks into ``new`` (see the module)."""
    old_keys = [block.key or f"unread {block.id}" for block in old]
    new_keys = [block_key(block) for block in new]
    codes = SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes()
    if len(codes) > 1 and codes[0][0] == "insert" and codes[1][0] == "equal":
        # New blocks before the first old one, which stays: nothing to insert them after. Take that old
        # block into the change (deleted, and sent again after the new ones).
        _, _, _, j1, j2 = codes[0]
        _, e1, e2, f1, f2 = codes[1]
        codes[:2] = [("replace", 0, 1, j1, j2 + 1)] + ([("equal", 1, e2, f1 + 1, f2)] if e2 > 1 else [])
    result: list[Step] = []
    for tag, i1, i2, j1, j2 in codes:
        olds, news = old[i1:i2], new[j1:j2]
        if tag == "equal":
            result += [Step("keep", block) for block in olds]
        elif len(olds) == len(news) and all(_updatable(a, b) for a, b in zip(olds, news)):
            result += [Step("update", a, [b]) for a, b in zip(olds, news)]
        else:
            if news:
                result.append(Step("insert", new=news, fallback=olds[-1].id if olds else None))
            result += [Step("delete", block) for block in olds]
    return result


def _updatable(old: Old, new: dict) -> bool:
    kind = new["type"]
    return (old.type == kind and kind in UPDATABLE and not old.has_children
            and not (new.get(kind) or {}).get("children"))


def wanted_owns(new: list[dict]) -> set[str]:
    """The own keys of the new blocks, at every level: an old block whose own key is not among them
    is replaced whole, so its children need not be read."""
    found: set[str] = set()

    def visit(blocks):
        for block in blocks:
            found.add(own_key(block))
            visit((block.get(block["type"]) or {}).get("children") or [])

    visit(new)
    return found
