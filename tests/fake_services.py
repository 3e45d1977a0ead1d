"""Fake Confluence (REST v2 and v1) and Notion APIs on a real HTTP server on 127.0.0.1.

Each checks every request against the documented shape (method, path, query, headers including auth and
Notion-Version, JSON body keys and types, version increments, Notion's per-request limits, with the
JSON Schema of tests/notion_schema.json for appended blocks) and answers as the service does: stateful
(a created page is found afterwards, versions increment, blocks get ids), with the services' own error
bodies. A request that breaks the documented shape is answered 400 and recorded in ``problems``; the
fixtures fail the test when any was recorded. ``inject`` makes the next matching requests fail
(401, 404, 429 with Retry-After, 500 …) before the service acts on them.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit
from xml.etree import ElementTree

import jsonschema

SCHEMA = json.loads((Path(__file__).resolve().parent / "notion_schema.json").read_text(encoding="utf-8"))
BODY_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)  # one append body is one of the forms it accepts


class Invalid(Exception):
    """A request that does not match the documented API."""


class Reply(Exception):
    def __init__(self, status: int, body, headers=None):
        self.status, self.body, self.headers = status, body, headers or {}


class FakeService:
    """The HTTP plumbing: a server thread, the request log, injected failures."""

    def __init__(self):
        self.problems: list[str] = []
        self.requests: list[dict] = []
        self.injected: list[dict] = []
        self.limit_every = 0  # when set, every n-th request is answered 429 (Retry-After) before it is acted on
        self.retry_after = "0"
        self.lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms delayed-ACK stall

            def log_message(self, *args):
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                status, body, headers = service._dispatch(self.command, self.path, self.headers, raw)
                if isinstance(body, bytes):  # an injected raw body (HTML, text, binary), as it is
                    data = body
                else:
                    data = json.dumps(body).encode("utf-8") if body is not None else b""
                headers = {"Content-Type": "application/json", **headers}
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def inject(self, method: str, path: str, status: int, *, skip: int = 0, times: int = 1, headers=None,
               body=None):
        """Fail the matching requests (``method`` and ``path`` regular expressions) after ``skip`` of them
        pass, answering ``body`` (JSON; bytes are sent as they are, with the Content-Type in ``headers``) or
        the service's own error body."""
        self.injected.append({"method": method, "path": re.compile(path), "status": status, "skip": skip,
                              "times": times, "headers": headers or {}, "body": body})

    def count(self, method: str, path: str = "") -> int:
        return sum(1 for r in self.requests if r["method"] == method and re.search(path, r["path"]))

    def _dispatch(self, method, target, headers, raw):
        parts = urlsplit(target)
        query = {key: values[-1] if len(values) == 1 else values
                 for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
        with self.lock:
            record = {"method": method, "path": parts.path, "query": query, "headers": dict(headers), "raw": raw}
            self.requests.append(record)
            if self.limit_every and len(self.requests) % self.limit_every == 0:
                return 429, self.error_body(429, "rate limited"), {"Retry-After": self.retry_after}
            for rule in self.injected:
                if rule["times"] and re.fullmatch(rule["method"], method) and rule["path"].search(parts.path):
                    if rule["skip"]:
                        rule["skip"] -= 1
                        continue
                    rule["times"] -= 1
                    body = rule["body"] if rule["body"] is not None else self.error_body(rule["status"], "injected failure")
                    return rule["status"], body, rule["headers"]
            try:
                body = None
                if raw:
                    if not headers.get("Content-Type", "").startswith("application/json"):
                        raise Invalid(f"{method} {parts.path}: a body without Content-Type: application/json")
                    body = json.loads(raw)
                elif method in ("POST", "PUT", "PATCH"):
                    raise Invalid(f"{method} {parts.path} without a JSON body")
                record["body"] = body
                status, answer = self.handle(method, parts.path, query, headers, body)
                return status, answer, {}
            except Reply as reply:
                return reply.status, reply.body, reply.headers
            except Invalid as exc:
                self.problems.append(str(exc))
                return 400, self.error_body(400, f"fake: {exc}"), {}

    # for subclasses
    def handle(self, method, path, query, headers, body):
        raise NotImplementedError

    def error_body(self, status: int, message: str):
        raise NotImplementedError


def keys(obj, required, optional=(), where=""):
    if not isinstance(obj, dict):
        raise Invalid(f"{where}: expected an object, got {obj!r}"[:300])
    missing = set(required) - set(obj)
    extra = set(obj) - set(required) - set(optional)
    if missing or extra:
        raise Invalid(f"{where}: missing {sorted(missing)}, unexpected {sorted(extra)}")


def expect_query(query, required, optional=(), where=""):
    keys(query, required, optional, where)


# -- Notion ---------------------------------------------------------------------------------------------


class FakeNotion(FakeService):
    VERSION = "2022-06-28"

    def __init__(self, token: str):
        self.token = token
        self.blocks: dict[str, dict] = {}  # id -> {id, type, payload, children: [ids], parent, archived}
        super().__init__()
        self.root = self.new_page(None, "Team space")

    def error_body(self, status, message):
        code = {400: "validation_error", 401: "unauthorized", 404: "object_not_found", 409: "conflict_error",
                429: "rate_limited", 500: "internal_server_error", 503: "service_unavailable"}.get(status, "error")
        return {"object": "error", "status": status, "code": code, "message": message}

    def fail(self, status, message):
        raise Reply(status, self.error_body(status, message))

    def new_page(self, parent, title):
        page = str(uuid.uuid4())
        self.blocks[page] = {"id": page, "type": "child_page", "payload": {"title": title}, "children": [],
                             "parent": parent, "archived": False}
        if parent:
            self.blocks[parent]["children"].append(page)
        return page

    def block_object(self, block):
        return {"object": "block", "id": block["id"], "type": block["type"],
                block["type"]: as_returned(block["type"], block["payload"]),
                "has_children": bool(block["children"]), "archived": block["archived"],
                "parent": {"type": "block_id", "block_id": block["parent"]} if block["parent"] else {"type": "workspace"}}

    def live(self, block_id):
        block = self.blocks.get(block_id)
        if block is None or block["archived"]:
            self.fail(404, f"Could not find block with ID: {block_id}. Make sure the relevant pages and databases are shared with your integration.")
        return block

    def handle(self, method, path, query, headers, body):
        if headers.get("Authorization") != f"Bearer {self.token}":
            self.fail(401, "API token is invalid.")
        if headers.get("Notion-Version") != self.VERSION:
            raise Invalid(f"Notion-Version header is {headers.get('Notion-Version')!r}, not {self.VERSION}")
        found = re.fullmatch(r"/v1/blocks/([0-9a-f-]{36})/children", path)
        if found and method == "GET":
            return 200, self.list_children(found.group(1), query)
        if found and method == "PATCH":
            return 200, self.append(found.group(1), body)
        found = re.fullmatch(r"/v1/blocks/([0-9a-f-]{36})", path)
        if found and method == "DELETE":
            return 200, self.block_object(self.archive(found.group(1)))
        if found and method == "PATCH":
            return 200, self.update_block(found.group(1), body)
        if path == "/v1/pages" and method == "POST":
            return 200, self.create_page(body)
        found = re.fullmatch(r"/v1/pages/([0-9a-f-]{36})", path)
        if found and method == "PATCH":
            keys(body, ["properties"], where="PATCH /v1/pages")
            page = self.live(found.group(1))
            page["payload"]["title"] = self.title_of(body["properties"])
            return 200, {"object": "page", "id": page["id"]}
        if found and method == "GET":
            expect_query(query, [], where="GET /v1/pages/{id}")
            return 200, self.page_object(found.group(1))
        raise Invalid(f"no such endpoint: {method} {path}")

    def page_object(self, page_id):
        page = self.blocks.get(page_id)
        if page is None or page["type"] != "child_page":
            self.fail(404, f"Could not find page with ID: {page_id}.")
        return {"object": "page", "id": page_id, "archived": page["archived"], "in_trash": page["archived"],
                "url": f"https://www.notion.so/{page_id.replace('-', '')}",
                "parent": {"type": "page_id", "page_id": page["parent"]} if page["parent"] else {"type": "workspace"},
                "properties": {"title": {"id": "title", "type": "title", "title": [
                    {"type": "text", "text": {"content": page["payload"]["title"], "link": None},
                     "plain_text": page["payload"]["title"]}]}}}

    def archive(self, block_id):
        """Move a block (a page: into the trash) out of its parent's children, as DELETE does."""
        block = self.live(block_id)
        block["archived"] = True
        parent = self.blocks.get(block["parent"])
        if parent:
            parent["children"].remove(block["id"])
        return block

    def list_children(self, block_id, query):
        expect_query(query, [], ["page_size", "start_cursor"], "GET children query")
        size = int(query.get("page_size", 100))
        if not 1 <= size <= 100:
            raise Invalid(f"page_size {size} not within 1..100")
        block = self.live(block_id)
        start = block["children"].index(query["start_cursor"]) if "start_cursor" in query else 0
        chunk = block["children"][start : start + size]
        rest = block["children"][start + size :]
        return {"object": "list", "results": [self.block_object(self.blocks[i]) for i in chunk],
                "next_cursor": rest[0] if rest else None, "has_more": bool(rest), "type": "block", "block": {}}

    def title_of(self, properties):
        keys(properties, ["title"], where="properties")
        keys(properties["title"], ["title"], where="properties.title")
        items = properties["title"]["title"]
        if not isinstance(items, list) or not 1 <= len(items) <= 100:
            raise Invalid("title rich text must be a list of 1..100 items")
        for item in items:
            keys(item, ["type", "text"], ["annotations"], "title item")
            keys(item["text"], ["content"], ["link"], "title item text")
            if not isinstance(item["text"]["content"], str) or len(item["text"]["content"]) > 2000:
                raise Invalid("title content must be a string of at most 2000 characters")
        return "".join(item["text"]["content"] for item in items)

    def create_page(self, body):
        keys(body, ["parent", "properties"], where="POST /v1/pages")
        keys(body["parent"], ["page_id"], where="parent")
        parent = self.live(body["parent"]["page_id"])
        if parent["type"] != "child_page":
            raise Invalid("parent.page_id is not a page")
        title = self.title_of(body["properties"])
        page = self.new_page(parent["id"], title)
        return {"object": "page", "id": page, "url": f"https://www.notion.so/{title.replace(' ', '-')}-{page.replace('-', '')}",
                "parent": {"type": "page_id", "page_id": parent["id"]}, "archived": False}

    def append(self, parent_id, body):
        keys(body, ["children"], ["after"], "PATCH children")
        body = dict(body)  # the request log keeps the body as sent
        after = body.pop("after", None)
        error = jsonschema.exceptions.best_match(BODY_VALIDATOR.iter_errors(body))
        if error is not None:
            raise Invalid(f"append body: {error.message[:200]} at {list(error.absolute_path)}")
        count = sum(1 for _ in walk(body["children"]))
        if count > 1000:
            raise Invalid(f"{count} blocks in one request (at most 1000)")
        size = len(json.dumps(body, ensure_ascii=False).encode("utf-8"))
        if size > 500_000:
            raise Invalid(f"{size} bytes in one request (at most 500 KB)")
        for block, level in walk(body["children"]):
            if level > 2:
                raise Invalid("nested more than two levels below the sent blocks")
            if len(block[block["type"]].get("children", [])) > 100:
                raise Invalid("more than 100 children in one array")
        parent = self.live(parent_id)
        position = len(parent["children"])
        if after is not None:
            if after not in parent["children"]:
                self.fail(400, f"body failed validation: after: block {after} is not a child of {parent_id}")
            position = parent["children"].index(after) + 1
        added = [self.add(parent, child, position + n) for n, child in enumerate(body["children"])]
        # As Notion does with ``after``: the answer goes on to list the blocks after the new ones.
        later = parent["children"][position + len(added):] if after is not None else []
        return {"object": "list", "results": [self.block_object(self.blocks[i]) for i in added + later],
                "next_cursor": None, "has_more": False, "type": "block", "block": {}}

    def update_block(self, block_id, body):
        block = self.live(block_id)
        kind = block["type"]
        if not isinstance(body, dict) or set(body) - {kind, "type", "archived"} or kind not in body:
            raise Invalid(f"PATCH /v1/blocks/{block_id}: the body must be {{{kind!r}: {{…}}}}, got {sorted(body)}")
        if "children" in body[kind]:
            raise Invalid("an update cannot carry children")
        error = jsonschema.exceptions.best_match(
            BODY_VALIDATOR.iter_errors({"children": [{"type": kind, kind: body[kind]}]}))
        if error is not None:
            raise Invalid(f"update body: {error.message[:200]} at {list(error.absolute_path)}")
        block["payload"] = dict(body[kind])
        return self.block_object(block)

    def add(self, parent, block, position=None):
        kind = block["type"]
        payload = {k: v for k, v in block[kind].items() if k != "children"}
        new = {"id": str(uuid.uuid4()), "type": kind, "payload": payload, "children": [], "parent": parent["id"],
               "archived": False}
        self.blocks[new["id"]] = new
        parent["children"].insert(len(parent["children"]) if position is None else position, new["id"])
        for child in block[kind].get("children", []):
            self.add(new, child)
        return new["id"]

    # -- what the page holds now

    def tree(self, page_id):
        """The page's content, in build_blocks' shape (children inside the type payload)."""
        result = []
        for child in self.blocks[page_id]["children"]:
            block = self.blocks[child]
            if block["type"] == "child_page":
                continue
            payload = dict(block["payload"])
            below = self.tree(child)
            if below:
                payload["children"] = below
            result.append({"type": block["type"], block["type"]: payload})
        return result

    def pages(self, title, parent=None):
        parent = parent or self.root
        return [i for i in self.blocks[parent]["children"]
                if self.blocks[i]["type"] == "child_page" and self.blocks[i]["payload"]["title"] == title]


_COLOURED = {"paragraph", "heading_1", "heading_2", "heading_3", "bulleted_list_item", "numbered_list_item",
             "to_do", "toggle", "quote", "callout"}


def as_returned(kind, payload):
    """A stored payload as the API returns it: every rich-text item with plain_text, href and all
    annotations; defaults filled in (color, checked, is_toggleable, caption)."""
    out = dict(payload)
    for key in ("rich_text", "caption"):
        if key in out:
            out[key] = [returned_item(item) for item in out[key]]
    if "cells" in out:
        out["cells"] = [[returned_item(item) for item in cell] for cell in out["cells"]]
    if kind in _COLOURED:
        out.setdefault("color", "default")
    if kind == "to_do":
        out.setdefault("checked", False)
    if kind.startswith("heading_"):
        out.setdefault("is_toggleable", False)
    if kind in ("code", "image"):
        out.setdefault("caption", [])
    return out


def returned_item(item):
    annotations = {"bold": False, "italic": False, "strikethrough": False, "underline": False, "code": False,
                   "color": "default", **item.get("annotations", {})}
    result = {**item, "annotations": annotations}
    if item["type"] == "text":
        link = item["text"].get("link")
        result["text"] = {"content": item["text"]["content"], "link": link}
        result.update(plain_text=item["text"]["content"], href=link["url"] if link else None)
    elif item["type"] == "mention":
        mention = item["mention"]
        if mention["type"] == "user":
            result["mention"] = {"type": "user", "user": {"object": "user", "id": mention["user"]["id"]}}
            result.update(plain_text="@Someone", href=None)
        elif mention["type"] == "date":
            result["mention"] = {"type": "date", "date": {"start": mention["date"]["start"],
                                                          "end": mention["date"].get("end"), "time_zone": None}}
            result.update(plain_text=mention["date"]["start"], href=None)
    return result


def walk(blocks, level=0):
    for block in blocks:
        yield block, level
        yield from walk(block[block["type"]].get("children", []), level + 1)


# -- Confluence -----------------------------------------------------------------------------------------


class FakeConfluence(FakeService):
    """Cloud (``/wiki/api/v2``, Basic email:token) or Data Center (``/rest/api``, Bearer PAT)."""

    def __init__(self, token: str, *, cloud: bool, user: str = "ana@example.com"):
        self.cloud, self.token, self.user = cloud, token, user
        self.spaces = {"ENG": "98765"}
        self.pages: dict[str, dict] = {"4242": self.page_record("4242", "98765", "Team home", None, "<p>home</p>")}
        self.ids = itertools.count(100001)
        self.concurrent_edits = 0  # before this many next updates, someone else saves the page
        self.default_limit = 25  # results per page of a list, when the request gives no limit
        super().__init__()
        self.base = f"{self.url}/wiki" if cloud else self.url

    @staticmethod
    def page_record(page_id, space, title, parent, body, number=1, message="", status="current"):
        return {"id": page_id, "spaceId": space, "title": title, "parentId": parent, "body": body,
                "version": {"number": number, "message": message}, "status": status}

    def add_page(self, title, body="<p>theirs</p>", *, parent="4242", status="current", space="98765"):
        """A page someone else made (or archived): its id."""
        page_id = str(next(self.ids))
        self.pages[page_id] = self.page_record(page_id, space, title, parent, body, status=status)
        return page_id

    def paginate(self, results, query, path, v2):
        """One page of ``results`` (``limit``, default 25) and the link to the next, as Confluence pages:
        v2 by an opaque ``cursor`` in ``_links.next`` (relative to the site), v1 by ``start``."""
        limit = int(query.get("limit", self.default_limit))
        if not 1 <= limit <= 250:
            raise Invalid(f"limit {limit} not within 1..250")
        key = "cursor" if v2 else "start"
        start = int(base64.b64decode(query[key]).decode() if v2 and key in query else query.get(key, 0))
        chunk, more = results[start : start + limit], start + limit < len(results)
        links = {"base": self.base}
        if more:
            after = str(start + limit)
            following = {k: v for k, v in query.items() if k != key}
            following[key] = base64.b64encode(after.encode()).decode() if v2 else after
            links["next"] = f"{path}?{urlencode(following, doseq=True)}"
        answer = {"results": chunk, "_links": links}
        if not v2:
            answer.update(start=start, limit=limit, size=len(chunk))
        return answer

    def check_storage(self, value):
        """Confluence refuses storage that is not well-formed XHTML: 400 "Error parsing xhtml"."""
        text = re.sub(r"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[A-Za-z][A-Za-z0-9]*;", " ", value)
        try:
            ElementTree.fromstring(f'<r xmlns:ac="urn:ac" xmlns:ri="urn:ri">{text}</r>')
        except ElementTree.ParseError as exc:
            self.fail(400, f"Error parsing xhtml: {exc}")

    @staticmethod
    def statuses(query, default=("current",)):
        wanted = query.get("status", list(default))
        wanted = [wanted] if isinstance(wanted, str) else wanted
        for status in wanted:
            if status not in ("current", "archived", "trashed", "deleted", "draft", "historical", "any"):
                raise Invalid(f"unknown status {status!r}")
        return wanted

    @staticmethod
    def normalise(body: str) -> str:
        """What Confluence does to storage XHTML on save (a little of it): ``<br />`` -> ``<br/>``."""
        return body.replace(" />", "/>")

    def error_body(self, status, message):
        if self.cloud:
            return {"errors": [{"status": status, "code": {401: "UNAUTHORIZED", 404: "NOT_FOUND", 409: "CONFLICT"}.get(status, "ERROR"),
                                "title": message, "detail": None}]}
        return {"statusCode": status, "message": message}

    def fail(self, status, message):
        raise Reply(status, self.error_body(status, message))

    def handle(self, method, path, query, headers, body):
        if path == "/_edge/tenant_info" and method == "GET":  # Atlassian's edge, Cloud only, no auth
            if not self.cloud:
                raise Reply(404, None)
            return 200, {"cloudId": "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"}
        expected = (f"Basic {base64.b64encode(f'{self.user}:{self.token}'.encode()).decode()}" if self.cloud
                    else f"Bearer {self.token}")
        if headers.get("Authorization") != expected:
            self.fail(401, "Unauthorized; scope does not match" if self.cloud else "Authentication failed")
        if self.cloud:
            return self.v2(method, path, query, body)
        return self.v1(method, path, query, body)

    def find_all(self, space, title, statuses=("current", "archived")):
        return [p for p in self.pages.values() if p["spaceId"] == space and p["title"] == title
                and ("any" in statuses or p["status"] in statuses)]

    def find(self, space, title, statuses=("current", "archived")):
        """The page of this title in the space among those of ``statuses`` (a title stays taken while
        its page is archived), else None."""
        found = self.find_all(space, title, statuses)
        return found[0] if found else None

    def check_title_free(self, page, title):
        other = self.find(page["spaceId"], title)
        if other is not None and other["id"] != page["id"]:
            self.fail(400, "A page with this title already exists: A page already exists with the same TITLE in this space")

    def bump_if_concurrent(self, page):
        if self.concurrent_edits:
            self.concurrent_edits -= 1
            page["version"] = {"number": page["version"]["number"] + 1, "message": "edited by Sam"}

    def check_version(self, page, version):
        keys(version, ["number", "message"], where="version")
        if not isinstance(version["number"], int):
            raise Invalid("version.number must be an integer")
        if version["number"] != page["version"]["number"] + 1:
            self.fail(409, f"Version must be incremented on update. Current version is: {page['version']['number']}")

    # v2 (Cloud)

    def v2_page(self, page, with_body=True):
        data = {"id": page["id"], "status": page["status"], "title": page["title"], "spaceId": page["spaceId"],
                "parentId": page["parentId"], "version": dict(page["version"], createdAt="2026-11-21T10:00:00.000Z"),
                "_links": {"webui": f"/spaces/ENG/pages/{page['id']}/{page['title'].replace(' ', '+')}"}}
        if with_body:
            data["body"] = {"storage": {"representation": "storage", "value": page["body"]}}
        return data

    def v2(self, method, path, query, body):
        if path == "/wiki/api/v2/spaces" and method == "GET":
            expect_query(query, ["keys"], where="GET spaces")
            key = query["keys"]
            results = [{"id": self.spaces[key], "key": key, "name": "Engineering", "type": "global"}] if key in self.spaces else []
            return 200, {"results": results, "_links": {"base": self.base}}
        if path == "/wiki/api/v2/pages" and method == "GET":
            expect_query(query, ["space-id", "title"], ["status", "body-format", "limit", "cursor"], "GET pages")
            if query.get("body-format", "storage") != "storage":
                raise Invalid("body-format must be storage")
            pages = self.find_all(query["space-id"], query["title"], self.statuses(query))
            results = [self.v2_page(page, "body-format" in query) for page in pages]
            return 200, self.paginate(results, query, path, v2=True)
        if path == "/wiki/api/v2/pages" and method == "POST":
            keys(body, ["spaceId", "status", "title", "body"], ["parentId"], "POST pages")
            keys(body["body"], ["representation", "value"], where="POST pages body")
            if body["status"] != "current" or body["body"]["representation"] != "storage":
                raise Invalid("status must be current and representation storage")
            self.check_storage(body["body"]["value"])
            if body["spaceId"] not in self.spaces.values():
                self.fail(404, "Space not found")
            if body.get("parentId") and body["parentId"] not in self.pages:
                self.fail(404, f"Parent page {body['parentId']} not found")
            if self.find(body["spaceId"], body["title"]):
                self.fail(400, "A page with this title already exists: A page already exists with the same TITLE in this space")
            page_id = str(next(self.ids))
            self.pages[page_id] = self.page_record(page_id, body["spaceId"], body["title"], body.get("parentId"),
                                                   self.normalise(body["body"]["value"]))
            return 200, self.v2_page(self.pages[page_id], with_body=False) | {"_links": {"webui": f"/spaces/ENG/pages/{page_id}", "base": self.base}}
        found = re.fullmatch(r"/wiki/api/v2/pages/(\d+)", path)
        if found:
            page = self.pages.get(found.group(1))
            if page is None:
                self.fail(404, "Page not found")
            if method == "GET":
                expect_query(query, [], ["body-format"], "GET page")
                return 200, self.v2_page(page)
            if method == "PUT":
                keys(body, ["id", "status", "title", "body", "version"], where="PUT page")
                keys(body["body"], ["representation", "value"], where="PUT page body")
                if body["id"] != page["id"] or body["status"] != "current":
                    raise Invalid("id must match the path and status be current")
                self.check_storage(body["body"]["value"])
                if page["status"] != "current":
                    self.fail(400, f"Cannot update a page with status {page['status']}")
                self.check_title_free(page, body["title"])
                self.bump_if_concurrent(page)
                self.check_version(page, body["version"])
                page.update(title=body["title"], body=self.normalise(body["body"]["value"]), version=dict(body["version"]))
                return 200, self.v2_page(page, with_body=False)
        raise Invalid(f"no such endpoint: {method} {path}")

    # v1 (Data Center)

    def v1_page(self, page):
        key = next(k for k, v in self.spaces.items() if v == page["spaceId"])
        return {"id": page["id"], "type": "page", "status": page["status"], "title": page["title"],
                "ancestors": [{"id": page["parentId"], "type": "page"}] if page["parentId"] else [],
                "space": {"key": key}, "version": dict(page["version"]),
                "body": {"storage": {"value": page["body"], "representation": "storage"}},
                "_links": {"webui": f"/pages/viewpage.action?pageId={page['id']}", "base": self.base}}

    def v1(self, method, path, query, body):
        found = re.fullmatch(r"/rest/api/space/([A-Z0-9]+)", path)
        if found and method == "GET":
            if found.group(1) not in self.spaces:
                self.fail(404, f"No space with key : {found.group(1)}")
            return 200, {"key": found.group(1), "name": "Engineering", "type": "global"}
        if path == "/rest/api/content" and method == "GET":
            expect_query(query, ["spaceKey", "title"], ["type", "status", "expand", "start", "limit"], "GET content")
            if not {"body.storage", "version"} <= set(query.get("expand", "").split(",")):
                raise Invalid("expand must hold body.storage and version")
            pages = self.find_all(self.spaces.get(query["spaceKey"]), query["title"], self.statuses(query))
            return 200, self.paginate([self.v1_page(page) for page in pages], query, path, v2=False)
        if path == "/rest/api/content" and method == "POST":
            keys(body, ["type", "title", "space", "body"], ["ancestors"], "POST content")
            keys(body["space"], ["key"], where="space")
            keys(body["body"], ["storage"], where="body")
            keys(body["body"]["storage"], ["value", "representation"], where="body.storage")
            if body["type"] != "page" or body["body"]["storage"]["representation"] != "storage":
                raise Invalid("type must be page and representation storage")
            self.check_storage(body["body"]["storage"]["value"])
            space = self.spaces.get(body["space"]["key"])
            if space is None:
                self.fail(404, "No space with key")
            parent = None
            if "ancestors" in body:
                if not (isinstance(body["ancestors"], list) and len(body["ancestors"]) == 1):
                    raise Invalid("ancestors must be one [{id}]")
                keys(body["ancestors"][0], ["id"], where="ancestor")
                parent = body["ancestors"][0]["id"]
                if parent not in self.pages:
                    self.fail(404, f"Could not find parent page {parent}")
            if self.find(space, body["title"]):
                self.fail(400, "A page with this title already exists")
            page_id = str(next(self.ids))
            self.pages[page_id] = self.page_record(page_id, space, body["title"], parent,
                                                   self.normalise(body["body"]["storage"]["value"]))
            return 200, self.v1_page(self.pages[page_id])
        found = re.fullmatch(r"/rest/api/content/(\d+)", path)
        if found:
            page = self.pages.get(found.group(1))
            if page is None:
                self.fail(404, "No content found with id")
            if method == "GET":
                expect_query(query, [], ["expand"], "GET content/{id}")
                return 200, self.v1_page(page)
            if method == "PUT":
                keys(body, ["id", "type", "title", "space", "body", "version"], where="PUT content")
                keys(body["body"], ["storage"], where="body")
                if body["id"] != page["id"] or body["type"] != "page":
                    raise Invalid("id must match the path and type be page")
                self.check_storage(body["body"]["storage"]["value"])
                if page["status"] != "current":
                    self.fail(400, f"Cannot update content with status {page['status']}")
                self.check_title_free(page, body["title"])
                self.bump_if_concurrent(page)
                self.check_version(page, body["version"])
                page.update(title=body["title"], body=self.normalise(body["body"]["storage"]["value"]),
                            version=dict(body["version"]))
                return 200, self.v1_page(page)
        raise Invalid(f"no such endpoint: {method} {path}")
