"""Publish a page to Confluence: Cloud (REST v2, Basic auth: email + API token) or Data Center / Server
(REST v1, Bearer personal access token).

One run: resolve the space, look for a current page with this title in it, then create the page (under
``parent`` when given) or update it in place with version number + 1. Every version retrokit writes carries
``retrokit sha256:<hex>`` (a hash of title and storage body) as its version message; when the current
version carries the same hash, or its stored body is byte-identical, nothing is written ("unchanged").
Confluence normalises storage XHTML on save, so the hash, not the body, is what makes re-publishing
idempotent. A 409 on update (someone saved meanwhile) re-reads the page and retries once.

Calls (``base`` is the ``--url``: ``https://acme.atlassian.net/wiki`` or ``https://confluence.acme.com``)::

    v2  GET  {base}/api/v2/spaces?keys=KEY
        GET  {base}/api/v2/pages?space-id=ID&title=T&status=current&body-format=storage
        POST {base}/api/v2/pages                 {spaceId, status, title, parentId?, body{representation, value}}
        PUT  {base}/api/v2/pages/{id}            {id, status, title, body{…}, version{number, message}}
        GET  {base}/api/v2/pages/{id}?body-format=storage          (after a 409)
    v1  GET  {base}/rest/api/space/KEY
        GET  {base}/rest/api/content?spaceKey=KEY&title=T&type=page&status=current&expand=body.storage,version
        POST {base}/rest/api/content             {type, title, space{key}, ancestors[{id}]?, body{storage{value, representation}}}
        PUT  {base}/rest/api/content/{id}        {id, type, title, space{key}, body{…}, version{number, message}}
        GET  {base}/rest/api/content/{id}?expand=body.storage,version  (after a 409)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from retrokit.errors import RetrokitError
from retrokit.publish.client import ApiError

TAG = "retrokit sha256:"


@dataclass
class Page:
    id: str
    title: str
    version: int
    message: str
    body: str | None
    url: str


@dataclass
class Outcome:
    action: str  # "created", "updated" or "unchanged"
    page: Page


def fingerprint(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n{body}".encode("utf-8")).hexdigest()


class _Api:
    """What differs between the two REST APIs; ``publish`` is the same for both."""

    def __init__(self, client, base: str):
        self.client, self.base = client, base

    def _page(self, data: dict) -> Page:
        version = data.get("version") or {}
        body = ((data.get("body") or {}).get("storage") or {}).get("value")
        links = data.get("_links") or {}
        webui = links.get("webui")
        base = links.get("base") or self.base
        url = f"{base}{webui}" if webui else f"{self.base}/pages/viewpage.action?pageId={data.get('id')}"
        return Page(str(data.get("id")), data.get("title", ""), int(version.get("number") or 1),
                    version.get("message") or "", body, url)


class CloudApi(_Api):
    name = "v2"

    def space(self, key: str) -> str:
        data = self.client.call("GET", f"{self.base}/api/v2/spaces", params={"keys": key},
                                what=f"look up space {key}", dry={"results": [{"id": f"{{id of space {key}}}"}]})
        results = data.get("results") or []
        if not results:
            raise RetrokitError(f"confluence: no space with key '{key}' (or no permission to see it)")
        return str(results[0]["id"])

    def find(self, space: str, key: str, title: str) -> Page | None:
        params = {"space-id": space, "title": title, "status": "current", "body-format": "storage"}
        data = self.client.call("GET", f"{self.base}/api/v2/pages", params=params,
                                what=f"look up page '{title}'", dry={"results": []})
        results = data.get("results") or []
        return self._page(results[0]) if results else None

    def get(self, page_id: str) -> Page:
        data = self.client.call("GET", f"{self.base}/api/v2/pages/{page_id}", params={"body-format": "storage"},
                                what=f"read page {page_id}")
        return self._page(data)

    def create(self, space: str, key: str, parent: str | None, title: str, body: str) -> Page:
        payload = {"spaceId": space, "status": "current", "title": title}
        if parent:
            payload["parentId"] = parent
        payload["body"] = {"representation": "storage", "value": body}
        data = self.client.call("POST", f"{self.base}/api/v2/pages", json_body=payload,
                                what=f"create page '{title}'", dry={"id": "{id of the new page}", "title": title})
        return self._page(data)

    def update(self, page: Page, key: str, title: str, body: str, number: int, message: str) -> Page:
        payload = {
            "id": page.id,
            "status": "current",
            "title": title,
            "body": {"representation": "storage", "value": body},
            "version": {"number": number, "message": message},
        }
        data = self.client.call("PUT", f"{self.base}/api/v2/pages/{page.id}", json_body=payload,
                                what=f"update page '{title}' (id {page.id}) to version {number}",
                                dry={"id": page.id, "title": title, "version": {"number": number}})
        return self._page(data)


class DataCenterApi(_Api):
    name = "v1"
    expand = "body.storage,version"

    def space(self, key: str) -> str:
        self.client.call("GET", f"{self.base}/rest/api/space/{key}", what=f"look up space {key}", dry={})
        return key

    def find(self, space: str, key: str, title: str) -> Page | None:
        params = {"spaceKey": key, "title": title, "type": "page", "status": "current", "expand": self.expand}
        data = self.client.call("GET", f"{self.base}/rest/api/content", params=params,
                                what=f"look up page '{title}'", dry={"results": []})
        results = data.get("results") or []
        return self._page(results[0]) if results else None

    def get(self, page_id: str) -> Page:
        data = self.client.call("GET", f"{self.base}/rest/api/content/{page_id}", params={"expand": self.expand},
                                what=f"read page {page_id}")
        return self._page(data)

    def create(self, space: str, key: str, parent: str | None, title: str, body: str) -> Page:
        payload = {"type": "page", "title": title, "space": {"key": key}}
        if parent:
            payload["ancestors"] = [{"id": parent}]
        payload["body"] = {"storage": {"value": body, "representation": "storage"}}
        data = self.client.call("POST", f"{self.base}/rest/api/content", json_body=payload,
                                what=f"create page '{title}'", dry={"id": "{id of the new page}", "title": title})
        return self._page(data)

    def update(self, page: Page, key: str, title: str, body: str, number: int, message: str) -> Page:
        payload = {
            "id": page.id,
            "type": "page",
            "title": title,
            "space": {"key": key},
            "body": {"storage": {"value": body, "representation": "storage"}},
            "version": {"number": number, "message": message},
        }
        data = self.client.call("PUT", f"{self.base}/rest/api/content/{page.id}", json_body=payload,
                                what=f"update page '{title}' (id {page.id}) to version {number}",
                                dry={"id": page.id, "title": title, "version": {"number": number}})
        return self._page(data)


def publish(api: _Api, *, space_key: str, parent: str | None, title: str, body: str) -> Outcome:
    """Create or update the page ``title`` in space ``space_key``; nothing when it already holds this."""
    digest = fingerprint(title, body)
    message = f"{TAG}{digest}"
    space = api.space(space_key)
    page = api.find(space, space_key, title)
    if page is None:
        return Outcome("created", api.create(space, space_key, parent, title, body))
    for attempt in (1, 2):
        if _holds(page, title, body, digest):
            return Outcome("unchanged", page)
        try:
            return Outcome("updated", api.update(page, space_key, title, body, page.version + 1, message))
        except ApiError as exc:
            if exc.status != 409:
                raise
            if attempt == 2:
                raise RetrokitError(
                    f"confluence: page '{title}' (id {page.id}) keeps changing while publishing (409 version "
                    f"conflict twice: {exc.api_message}); it still holds version {page.version}; re-run to "
                    "publish over it"
                )
            page = api.get(page.id)  # someone saved meanwhile: take their version number, then try once more
    raise AssertionError("unreachable")


def _holds(page: Page, title: str, body: str, digest: str) -> bool:
    """Whether ``page``'s current version already is this title and body."""
    if page.title != title:
        return False
    if TAG in page.message:
        return f"{TAG}{digest}" in page.message
    return page.body is not None and same_storage(page.body, body)  # a version retrokit did not write


def same_storage(stored: str, ours: str) -> bool:
    """Whether two storage-format bodies are the same XML (Confluence rewrites ``<br />`` as ``<br/>``,
    reorders attributes …): compared in canonical form (C14N), or as text when either does not parse
    (storage may hold HTML entities an XML parser does not know)."""
    if stored == ours:
        return True
    from xml.etree.ElementTree import ParseError, canonicalize

    def canonical(text: str) -> str:
        return canonicalize(f'<r xmlns:ac="urn:ac" xmlns:ri="urn:ri">{text}</r>', strip_text=True)

    try:
        return canonical(stored) == canonical(ours)
    except ParseError:
        return False
