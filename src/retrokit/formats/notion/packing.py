"""Request bodies: a block tree cut and packed so that each append-block-children call accepts one."""

from __future__ import annotations

from retrokit.formats.notion.collector import collector_paused
from retrokit.formats.notion.json_writer import dumps
from retrokit.formats.notion.limits import BODY_DEPTH, CHILDREN_LIMIT, DEPTH_LIMIT, LEVEL_DEPTH, PIECE_BYTES, REQUEST_BLOCKS
from retrokit.formats.notion.rich_text import new_block
from retrokit.formats.notion.sizes import item_size


def request_bodies(blocks: list[dict], request) -> list[dict]:
    """Request bodies ``{"children": [...]}`` that carry ``blocks`` in order, each within one request's
    limits (nesting, 100 children per array, 1000 blocks, 500 KB). ``blocks`` is left unchanged."""
    with collector_paused():
        return [{"children": children} for children in body_children(depth_limited(blocks, request), request)]


def depth_limited(blocks: list[dict], request) -> list[dict]:
    """``blocks`` with nothing deeper than one request carries (a new list; see ``_limit_depth``)."""
    return _limit_depth(blocks, request, 0)[0]


def body_children(blocks: list[dict], request):
    """The top-level blocks of each request body in turn, ``blocks`` cut to fit (``_fit``) and packed in
    order. ``blocks`` (a list of the caller's own) is emptied as it goes, so that a caller that writes each
    body and lets it go (``render``) never holds the whole document twice."""
    current: list[dict] = []
    used = count = 0
    for index in range(len(blocks)):
        block, blocks[index] = blocks[index], None
        for piece, size, blocks_in in _fit(block, 0, request):
            full = len(current) >= CHILDREN_LIMIT or count + blocks_in > REQUEST_BLOCKS
            if current and (full or used + size > PIECE_BYTES[0]):
                yield current
                current, used, count = [], 0, 0
            current.append(piece)
            used += size
            count += blocks_in
    yield current


def one_body(blocks: list[dict]) -> str | None:
    """The output for depth-limited ``blocks`` when they plainly fit one request body, else None.

    "Plainly": at most 100 blocks in every children array and 1000 in all, and the body as written, with
    every line indented as deep as ``_fit`` measures it and the room it keeps for each children array,
    within the smallest byte budget; then ``body_children`` would cut nothing and yield one body of the
    same blocks, so this is its output, written without measuring every piece first."""
    counted = _counts(blocks)
    if counted is None or counted[0] > REQUEST_BLOCKS:
        return None
    text = dumps({"children": blocks})
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    # _fit measures every line one level (two spaces) deeper than one body writes it: as one of several
    if size + 2 * text.count("\n") + _CHILDREN_KEY * counted[1] + 1_000 > min(PIECE_BYTES.values()):
        return None
    return text + "\n"


def _counts(blocks: list[dict]) -> tuple[int, int] | None:
    """(blocks, blocks with children) in ``blocks`` and below; None when a children array holds over 100."""
    if len(blocks) > CHILDREN_LIMIT:
        return None
    total, parents = len(blocks), 0
    for block in blocks:
        children = block[block["type"]].get("children")
        if children:
            below = _counts(children)
            if below is None:
                return None
            total, parents = total + below[0], parents + below[1] + 1
    return total, parents


def _with_children(block: dict, children: list[dict] | None) -> dict:
    kind = block["type"]
    payload = {key: value for key, value in block[kind].items() if key != "children"}
    if children:
        payload["children"] = children
    return {**block, kind: payload}


def _limit_depth(blocks: list[dict], request, level: int) -> tuple[list[dict], list[dict]]:
    """``blocks`` (at ``level``) with nothing deeper than DEPTH_LIMIT, and the tables that must move up."""
    out, tables = [], []
    for block in blocks:
        kind = block["type"]
        if kind == "table":
            if level >= DEPTH_LIMIT:
                request.lose("table nested deeper than one Notion request allows moved up after its parent")
                tables.append(block)
            else:
                out.append(block)
            continue
        children = block[kind].get("children")
        if not children:
            out.append(block)
            continue
        if level < DEPTH_LIMIT:
            kept, moved = _limit_depth(children, request, level + 1)
            out.append(_with_children(block, kept))
            if level + 1 == DEPTH_LIMIT:
                out += moved  # tables from below now sit right after their parent, where they fit
            else:
                tables += moved
        else:
            request.lose("blocks nested deeper than one Notion request allows moved up to the third level")
            out.append(_with_children(block, None))
            kept, moved = _limit_depth(children, request, level)
            out += kept
            tables += moved
    return out, tables


def _continuation(block: dict) -> dict:
    """An empty block of ``block``'s type that carries on its children."""
    kind = block["type"]
    payload = block[kind]
    if kind == "table":
        return {"type": kind, kind: {"table_width": payload["table_width"], "has_column_header": False,
                                     "has_row_header": False}}
    extra = {key: value for key, value in payload.items() if key not in ("rich_text", "children")}
    return new_block(kind, [], **extra)


def _fit(block: dict, level: int, request) -> list[tuple[dict, int, int]]:
    """``block`` as consecutive blocks of its type that each fit a request, with the bytes each takes in
    the output (exactly, at its depth) and the blocks it counts."""
    kind = block["type"]
    children = block[kind].get("children")
    depth = BODY_DEPTH + LEVEL_DEPTH * level
    if not children:
        return [(block, item_size(block, depth), 1)]
    head_size = item_size(_with_children(block, None), depth) + _CHILDREN_KEY
    fitted = [piece for child in children for piece in _fit(child, level + 1, request)]
    budget = PIECE_BYTES[level]
    groups: list[tuple[list[dict], int, int]] = []
    current, used, count = [], head_size, 1
    for child, size, blocks_in in fitted:
        fits = len(current) < CHILDREN_LIMIT and used + size <= budget and count + blocks_in <= REQUEST_BLOCKS
        if not fits and (current or (not groups and kind != "table")):  # a table needs a row
            groups.append((current, used, count))
            current, used, count = [], item_size(_continuation(block), depth) + _CHILDREN_KEY, 1
        current.append(child)
        used += size
        count += blocks_in
    groups.append((current, used, count))
    if len(groups) > 1:
        request.lose("block with more nested blocks than one Notion request allows split into consecutive blocks")
    result = []
    for index, (group, size, blocks_in) in enumerate(groups):
        base = block if index == 0 else _continuation(block)
        result.append((_with_children(base, group), size, blocks_in))
    return result


#: What a "children" array adds to its block, beyond its items (``item_size`` counts those): its key, a
#: comma, two line breaks and indentation, with room to spare at any depth a request has.
_CHILDREN_KEY = 64
