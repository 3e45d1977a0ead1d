"""Publish a page to Notion: create it under a parent page, or replace the content of an existing one.

One run::

    --page ID       replace that page's content
    --parent ID     GET  /v1/blocks/{parent}/children (all pages of it): a child_page with this title?
                    yes: replace its content;  no: POST /v1/pages {parent{page_id}, properties{title}}
    replace         GET  /v1/blocks/{page}/children (all pages), DELETE /v1/blocks/{id} for each block
                    (sub-pages and databases inside the page are kept, never deleted)
    append          PATCH /v1/blocks/{id}/children {children}, in batches (``plan``)

Nesting. One request carries blocks, their children and their grandchildren, no deeper. ``plan`` keeps
the whole tree instead of flattening it (as the ``notion`` format must): a top-level block of a batch
whose content does not fit one request (deeper than two levels, more than 100 children in an array,
more than 1000 blocks or the byte budget) is sent *without* its children, and its children are appended
afterwards to the id the API returned for it (the PATCH answer lists the created first-level blocks in
order), recursively, by the same rule. Follow-ups thus only ever hang off first-level blocks of a
request, whose ids the answer holds: no extra GET is needed. A table cannot be sent without its rows;
one with more rows than a request holds is split into consecutive tables (reported as a loss).

Re-running converges: a page found by title is replaced, never duplicated; a half-written page is
named in the error with how much of it was written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from retrokit.errors import RetrokitError, RetrokitUsageError
from retrokit.formats import notion as blocks_format
from retrokit.publish.client import ApiError

NOTION_VERSION = "2022-06-28"  # the API version every request pins (Notion-Version header)
DEFAULT_API = "https://api.notion.com"
BODY_BYTES = 490_000  # a request body's budget, as sent (compact JSON, UTF-8), under Notion's 500 KB
PAGE_SIZE = 100  # blocks per GET of a block's children (the API's maximum)
_HEX32 = re.compile(r"[0-9a-fA-F]{32}\Z")


def page_id(text: str, option: str) -> str:
    """A page id from an id (with or without dashes) or a page URL (``…/Title-<32 hex>?query``; the id is
    the end of its last path segment), in the dashed UUID form."""
    value = text.strip()
    if "/" in value:
        from urllib.parse import urlsplit

        value = urlsplit(value if "://" in value else f"https://{value}").path.rstrip("/").rsplit("/", 1)[-1]
    compact = value.replace("-", "")[-32:]
    if not _HEX32.match(compact):
        raise RetrokitUsageError(f"{option}: not a Notion page id or page URL: {text!r}")
    h = compact.lower()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def page_url(page: str) -> str:
    return f"https://www.notion.so/{page.replace('-', '')}"


# -- planning the appends -----------------------------------------------------------------------------


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


# -- talking to the API --------------------------------------------------------------------------------


@dataclass
class Outcome:
    action: str  # "created" or "replaced"
    page: str
    url: str
    requests: int = 0


class Notion:
    def __init__(self, client, api: str):
        self.client, self.api = client, api

    def children(self, block: str, what: str) -> list[dict]:
        """All children of ``block`` (every page of the paginated list)."""
        found, cursor = [], None
        while True:
            params = {"page_size": PAGE_SIZE}
            if cursor:
                params["start_cursor"] = cursor
            data = self.client.call("GET", f"{self.api}/v1/blocks/{block}/children", params=params, what=what,
                                    dry={"results": [], "has_more": False})
            found += data.get("results") or []
            cursor = data.get("next_cursor")
            if not data.get("has_more") or not cursor:
                return found

    def child_pages(self, parent: str) -> dict[str, str]:
        """The sub-pages of ``parent``: id -> title."""
        return {block["id"]: (block.get("child_page") or {}).get("title", "")
                for block in self.children(parent, f"list the pages under {parent}")
                if block.get("type") == "child_page" and block.get("id")}

    def page_state(self, page: str) -> str:
        """"live", "archived" (in the trash) or "gone" (404)."""
        try:
            data = self.client.call("GET", f"{self.api}/v1/pages/{page}", what=f"read page {page}",
                                    dry={"archived": False})
        except ApiError as exc:
            if exc.status == 404:
                return "gone"
            raise
        return "archived" if data.get("archived") or data.get("in_trash") else "live"

    def target(self, parent: str, title: str, known: str | None, overwrite: bool, team: bool) -> tuple[str | None, str]:
        """The page to replace under ``parent`` and its title now, or (None, ""): create one. The recorded
        page wherever it is; a sub-page of this title retrokit did not publish only with ``overwrite``."""
        pages = self.child_pages(parent)
        if known and known in pages:
            return known, pages[known]
        if known:
            state = self.page_state(known)
            if state == "live":
                return known, ""
            if state == "archived" and not overwrite:
                raise RetrokitError(
                    f"notion: the page retrokit published for this series (id {known}) is archived (in the "
                    "trash); restore it in Notion and re-run, or pass --overwrite to publish a new page instead"
                )
            self.client.note(f"the page retrokit published before (id {known}) is {state}; looking for '{title}' under {parent}")
        same = [page for page, name in pages.items() if name == title]
        if same and not overwrite and known != "":  # "": a create of ours was cut short; this is its page
            whose = ("retrokit did not publish from this team folder" if team else
                     "retrokit has no record of (no team folder: 'retrokit init' makes one to remember pages in)")
            raise RetrokitError(
                f"notion: page {parent} already has a sub-page titled '{title}' (id {same[0]}) that {whose}; "
                "pass --overwrite to publish over it, or --title to publish under another title"
            )
        return (same[0], title) if same else (None, "")

    def create(self, parent: str, title: str) -> tuple[str, str]:
        body = {"parent": {"page_id": parent}, "properties": {"title": {"title": title_text(title)}}}
        try:
            data = self.client.call("POST", f"{self.api}/v1/pages", json_body=body, what=f"create page '{title}'",
                                    dry={"id": "{id of the new page}", "url": ""})
        except ApiError as exc:
            if exc.status in (0, 500, 502, 503, 504):  # the page may exist now: never sent twice
                raise RetrokitError(
                    f"{exc.message}; the page may or may not have been created: re-run the same command "
                    "(it finds the page by title and replaces its content, never duplicates it)"
                )
            raise
        page = self.client.expect(data, "id", what=f"create page '{title}'", written=(
            f"the page may have been created under {parent}: re-run the same command (it finds the page and "
            "replaces its content, never duplicates it)"))
        return page, data.get("url") or page_url(page)

    def set_title(self, page: str, title: str) -> None:
        body = {"properties": {"title": {"title": title_text(title)}}}
        self.client.call("PATCH", f"{self.api}/v1/pages/{page}", json_body=body, idempotent=True,
                         what=f"set the title of page {page}", dry={})

    def clear(self, page: str, title: str) -> None:
        """Delete the page's blocks (not its sub-pages or databases)."""
        old = [b for b in self.children(page, f"list the content of page '{title}' (id {page})")
               if b.get("type") not in ("child_page", "child_database")]
        for done, block in enumerate(old):
            try:
                self.client.call("DELETE", f"{self.api}/v1/blocks/{block['id']}",
                                 what=f"delete block {block['id']}", dry={})
            except ApiError as exc:
                if exc.status == 404:  # already gone (archived by someone, or an earlier run)
                    continue
                raise RetrokitError(
                    f"{exc.message}. Page '{title}' (id {page}) is partly cleared: {done} of {len(old)} old "
                    "blocks deleted, no new content written; re-run the same command to finish"
                )

    def append(self, parent: str, batches: list[Batch], progress: list[int]) -> None:
        """Send ``batches`` under ``parent``, each followed by its follow-ups (depth first)."""
        for batch in batches:
            number = progress[0] + 1
            dry = {"results": [{"id": f"{{id of block {i + 1} of request {number}}}"} for i in range(len(batch.children))]}
            data = self.client.call("PATCH", f"{self.api}/v1/blocks/{parent}/children",
                                    json_body={"children": batch.children}, what=f"append request {number}",
                                    dry=dry)
            progress[0] = number
            results = data.get("results") or []
            if len(results) < len(batch.children):
                raise RetrokitError(
                    f"notion: append request {number} answered {len(results)} blocks for {len(batch.children)} sent"
                )
            for index, sub in batch.followups.items():
                block = self.client.expect(results[index], "id", what=f"append request {number}", written=(
                    "its blocks were added, but not the ids to nest the rest under; re-run the same command to "
                    "replace the page's content"))
                self.append(block, sub, progress)


def title_text(title: str) -> list[dict]:
    pieces = [title[i : i + blocks_format.TEXT_LIMIT] for i in range(0, len(title), blocks_format.TEXT_LIMIT)]
    return [{"type": "text", "text": {"content": piece}} for piece in pieces[: blocks_format.ITEMS_LIMIT]]


def publish(service: Notion, *, parent: str | None, page: str | None, title: str, batches: list[Batch],
            set_title: bool = False, identity=None, overwrite: bool = False) -> Outcome:
    """Create or replace the page; its content becomes what ``batches`` (from ``plan``) carry.
    ``identity`` (``retrokit.publish.pages.Identity``) knows the page retrokit published for this series
    before (see ``Notion.target``) and records a new one as soon as it exists."""
    from retrokit.publish.pages import NO_IDENTITY

    identity = identity or NO_IDENTITY
    total = requests_in(batches)
    service.client.planned = 2 + total  # a new page: the listing, the create, the appends
    if not page:
        page, current = service.target(parent, title, identity.known, overwrite, identity.team)
        set_title = bool(page) and current != title
    if page:
        action, url = "replaced", page_url(page)
        if set_title:
            service.set_title(page, title)
    else:
        action = "created"
        identity.before_create()
        page, url = service.create(parent, title)
        identity.created(page, url)
    if action == "replaced":
        service.clear(page, title)
    progress = [0]
    try:
        service.append(page, batches, progress)
    except ApiError as exc:
        raise RetrokitError(
            f"{exc.message}. Page '{title}' (id {page}) now holds {progress[0]} of {total} append requests; "
            "re-run the same command to replace its content"
        )
    return Outcome(action, page, url, total)
