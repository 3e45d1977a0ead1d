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

import re
from dataclasses import dataclass, field

from retrokit.errors import RetrokitError, RetrokitUsageError, shown
from retrokit.formats import notion as blocks_format
from retrokit.publish.client import ApiError, answer_field
from retrokit.publish.notion_diff import Old, Step, block_key, own_key, steps, tree_key, wanted_owns
from retrokit.publish.notion_plan import BODY_BYTES, Batch, plan, requests_in  # noqa: F401  (the module's API)

NOTION_VERSION = "2022-06-28"  # the API version every request pins (Notion-Version header)
DEFAULT_API = "https://api.notion.com"
PAGE_SIZE = 100  # blocks per GET of a block's children (the API's maximum)
_HEX32 = re.compile(r"[0-9a-fA-F]{32}\Z")
KEPT = ("child_page", "child_database")  # never deleted or moved: deleting one would archive a whole page


def page_id(text: str, option: str) -> str:
    """A page id from an id (with or without dashes) or a page URL (``…/Title-<32 hex>?query``; the id is
    the end of its last path segment), in the dashed UUID form."""
    value = text.strip()
    if "/" in value:
        from urllib.parse import urlsplit

        value = urlsplit(value if "://" in value else f"https://{value}").path.rstrip("/").rsplit("/", 1)[-1]
    compact = value.replace("-", "")[-32:]
    if not _HEX32.match(compact):
        raise RetrokitUsageError(f"{option}: not a Notion page id or page URL: {shown(text)}")
    h = compact.lower()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def page_url(page: str) -> str:
    return f"https://www.notion.so/{page.replace('-', '')}"


# -- talking to the API --------------------------------------------------------------------------------


@dataclass
class Outcome:
    action: str  # "created", "updated" or "unchanged"
    page: str
    url: str
    requests: int = 0  # write requests sent
    counts: dict = field(default_factory=dict)  # blocks kept, updated, inserted, deleted
    ids: list = field(default_factory=list)  # the page's top-level content blocks, in order
    blocks: list = field(default_factory=list)  # "id:own key:tree key" of each, for published.toml


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
            found += self.client.results(data, what=what, written="nothing was written")
            cursor = answer_field(data, "next_cursor")
            if data.get("has_more") is not True or not cursor:
                return found

    def child_pages(self, parent: str) -> dict[str, str]:
        """The sub-pages of ``parent``: id -> title."""
        return {block["id"]: answer_field(block, "child_page", "title", default="")
                for block in self.children(parent, f"list the pages under {parent}")
                if block.get("type") == "child_page" and block.get("id")}

    def page_info(self, page: str) -> tuple[str, str]:
        """The page's state, "live", "archived" (in the trash) or "gone" (404), and its title."""
        try:
            data = self.client.call("GET", f"{self.api}/v1/pages/{page}", what=f"read page {page}",
                                    dry={"archived": False})
        except ApiError as exc:
            if exc.status == 404:
                return "gone", ""
            raise
        title = ""
        for prop in (data.get("properties") or {}).values():
            if isinstance(prop, dict) and prop.get("type") == "title":
                title = "".join(item.get("plain_text", "") for item in prop.get("title") or [])
        return ("archived" if data.get("archived") or data.get("in_trash") else "live"), title

    def target(self, parent: str, title: str, known: str | None, overwrite: bool, team: bool) -> tuple[str | None, str]:
        """The page to replace under ``parent`` and its title now, or (None, ""): create one. The recorded
        page wherever it is; a sub-page of this title retrokit did not publish only with ``overwrite``."""
        pages = self.child_pages(parent)
        if known and known in pages:
            return known, pages[known]
        if known:
            state = self.page_info(known)[0]
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
        return page, answer_field(data, "url") or page_url(page)

    def set_title(self, page: str, title: str) -> None:
        body = {"properties": {"title": {"title": title_text(title)}}}
        self.client.call("PATCH", f"{self.api}/v1/pages/{page}", json_body=body, idempotent=True,
                         what=f"set the title of page {page}", dry={})

    def read(self, page: str, title: str, wanted: set[str], trusted: dict[str, tuple[str, str]]) -> list[Old]:
        """The page's content blocks (not its sub-pages or databases), in order; the children of a block
        are read only when its own content is among ``wanted`` (else it is replaced whole anyway) and
        it is not ``trusted`` (id -> own key, tree key as the last publish wrote it)."""
        old = []
        for block in self.children(page, f"list the content of page '{title}' (id {page})"):
            if block.get("type") in KEPT or not block.get("id"):
                continue
            old.append(self._old(block, wanted, trusted))
        return old

    def _old(self, block: dict, wanted: set[str], trusted: dict) -> Old:
        entry = Old.of(block)
        if entry.key is None:
            known = trusted.get(entry.id)
            if known and known[0] == entry.own:
                entry.key = known[1]
            elif entry.own in wanted:
                below = self.children(entry.id, f"list the children of block {entry.id}")
                entry.key = tree_key(entry.own, [self._old(child, wanted, {}).key for child in below if child.get("id")])
            else:
                entry.key = f"unread {entry.id}"
        return entry

    def write(self, page: str, todo: list[Step], done: list[int]) -> list[str]:
        """Carry out ``todo`` (from ``notion_diff.steps``, with ``batches`` set on each insert); the ids
        of the page's top-level content blocks afterwards, in order."""
        anchor, ids = None, []
        for step in todo:
            if step.action == "keep":
                anchor = step.old.id
            elif step.action == "update":
                block = step.new[0]
                payload = {k: v for k, v in block[block["type"]].items() if k != "children"}
                self.client.call("PATCH", f"{self.api}/v1/blocks/{step.old.id}", json_body={block["type"]: payload},
                                 idempotent=True, what=f"update block {step.old.id}", dry={})
                done[0] += 1
                anchor = step.old.id
            elif step.action == "insert":
                added = self.append(page, step.batches, done, after=anchor or step.fallback)
                ids += added
                anchor = added[-1] if added else anchor
                continue
            else:
                self.delete(step.old.id)
                done[0] += 1
                continue
            ids.append(anchor)
        return ids

    def delete(self, block: str) -> None:
        try:
            self.client.call("DELETE", f"{self.api}/v1/blocks/{block}", what=f"delete block {block}", dry={})
        except ApiError as exc:
            if exc.status != 404:  # 404: already gone (deleted by someone, or by an earlier run)
                raise

    def append(self, parent: str, batches: list[Batch], done: list[int], after: str | None = None) -> list[str]:
        """Send ``batches`` under ``parent`` (after block ``after``, else at the end), each followed by its
        follow-ups (depth first); the ids of the first-level blocks sent."""
        ids = []
        for batch in batches:
            number = done[0] + 1
            dry = {"results": [{"id": f"{{id of block {i + 1} of request {number}}}"} for i in range(len(batch.children))]}
            body = {"children": batch.children, **({"after": after} if after else {})}
            data = self.client.call("PATCH", f"{self.api}/v1/blocks/{parent}/children", json_body=body,
                                    what=f"append request {number}", dry=dry)
            done[0] = number
            results = self.client.results(data, what=f"append request {number}", written=(
                "its blocks were added, but not their ids; re-run the same command to finish the page"))
            if len(results) < len(batch.children):
                raise RetrokitError(
                    f"notion: append request {number} answered {len(results)} blocks for {len(batch.children)} sent"
                )
            # With ``after``, the answer may go on to list the blocks after the new ones: the first are ours.
            first = [self.client.expect(result, "id", what=f"append request {number}", written=(
                "its blocks were added, but not their ids; re-run the same command to finish the page"))
                for result in results[: len(batch.children)]]
            ids += first
            after = first[-1] if after else None
            for index, sub in batch.followups.items():
                self.append(first[index], sub, done)
        return ids


def title_text(title: str) -> list[dict]:
    pieces = [title[i : i + blocks_format.TEXT_LIMIT] for i in range(0, len(title), blocks_format.TEXT_LIMIT)]
    return [{"type": "text", "text": {"content": piece}} for piece in pieces[: blocks_format.ITEMS_LIMIT]]


def publish(service: Notion, *, parent: str | None, page: str | None, title: str, blocks: list[dict],
            set_title: bool = False, identity=None, overwrite: bool = False) -> Outcome:
    """Create the page, or update it by difference: its content becomes ``blocks`` (from
    ``build_blocks``), and only the blocks that differ are written (``notion_diff``).
    ``identity`` (``retrokit.publish.pages.Identity``) knows the page retrokit published for this series
    before (see ``Notion.target``) and records a new one as soon as it exists."""
    from retrokit.publish.pages import NO_IDENTITY

    identity = identity or NO_IDENTITY
    client = service.client
    if not page:
        client.planned = client.sent + 2 + requests_in(plan(blocks, QUIET))  # listing, create, appends
        page, current = service.target(parent, title, identity.known, overwrite, identity.team)
        set_title = bool(page) and current != title
    created = not page
    if created:
        identity.before_create()
        page, url = service.create(parent, title)
        identity.created(page, url)
        todo = steps([], blocks)
    else:
        url = page_url(page)
        if set_title:
            service.set_title(page, title)
        trusted = identity.blocks if identity.known == page else {}
        todo = steps(service.read(page, title, wanted_owns(blocks), trusted), blocks)
    writes = 0
    for step in todo:
        if step.action == "insert":
            step.batches = plan(step.new, QUIET)
            writes += requests_in(step.batches)
        writes += step.action in ("update", "delete")
    client.planned = client.sent + writes
    done = [0]
    try:
        ids = service.write(page, todo, done)
    except ApiError as exc:
        raise RetrokitError(
            f"{exc.message}. Page '{title}' (id {page}) now holds {done[0]} of {writes} write requests; "
            "re-run the same command to finish it"
        )
    counts = {action: sum(len(s.new) if action == "insert" else 1 for s in todo if s.action == action)
              for action in ("keep", "update", "insert", "delete")}
    action = "created" if created else "updated" if writes or set_title else "unchanged"
    written = [f"{i}:{own_key(b)}:{block_key(b)}" for i, b in zip(ids, blocks)] if len(ids) == len(blocks) else []
    return Outcome(action, page, url, writes + bool(set_title), counts, ids, written)


class _Quiet:
    """A request stand-in for ``plan`` whose losses were reported already (the CLI plans the whole page)."""

    def lose(self, what: str) -> None:
        pass


QUIET = _Quiet()
