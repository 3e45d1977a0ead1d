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
from retrokit.publish.client import ApiError, answer_field

TAG = "retrokit sha256:"
CREATED = ("the page may have been created: re-run the same command (it finds the page by title and takes it, "
           "never duplicates it)")
MAX_PAGES = 100  # pages of a list answer followed at most
FOUND_STATUSES = ("current", "archived")  # what a title lookup asks for: an archived page blocks the title too


@dataclass
class Page:
    id: str
    title: str
    version: int
    message: str
    body: str | None
    url: str
    status: str = "current"
    parent: str | None = None


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
        """A page from an answer, each field taken only when it has the documented type."""
        webui = answer_field(data, "_links", "webui")
        base = answer_field(data, "_links", "base") or self.base
        url = f"{base}{webui}" if webui else f"{self.base}/pages/viewpage.action?pageId={data.get('id')}"
        ancestors = answer_field(data, "ancestors", kind=list, default=[])
        parent = answer_field(data, "parentId", kind=(str, int))
        if not parent and ancestors:
            parent = answer_field(ancestors[-1], "id", kind=(str, int))
        number = answer_field(data, "version", "number", kind=int, default=1)
        message = answer_field(data, "version", "message", default="")
        body = answer_field(data, "body", "storage", "value")
        return Page(str(data.get("id")), answer_field(data, "title", default=""), number, message, body, url,
                    answer_field(data, "status", default="current"), str(parent) if parent else None)

    def _all(self, url: str, params: dict, what: str) -> list[dict]:
        """The results of a list request, every page of it (following ``_links.next``: v2's cursor link is
        relative to the site, v1's to ``_links.base``)."""
        from urllib.parse import urlsplit

        found: list[dict] = []
        for _ in range(MAX_PAGES):
            data = self.client.call("GET", url, params=params, what=what, dry={"results": []})
            found += self.client.results(data, what=what, written="nothing was written")
            following, base = answer_field(data, "_links", "next"), answer_field(data, "_links", "base")
            if not following or self.client.dry_run:
                break
            if self.name == "v2" or not base:
                parts = urlsplit(self.base)
                url, params = f"{parts.scheme}://{parts.netloc}{following}", None
            else:
                url, params = f"{base.rstrip('/')}{following}", None
        return found

    def _written(self, data: dict, what: str, written: str, version: bool = False) -> Page:
        """The page a create or update answered with, checked: its id (and version number)."""
        self.client.expect(data, "id", what=what, written=written)
        if version:
            self.client.expect(data, "version", "number", what=what, written=written)
        return self._page(data)

    def get(self, page_id: str, missing_ok: bool = False) -> Page | None:
        """The page with this id (any status); None for a 404 when ``missing_ok``."""
        try:
            return self._get(page_id)
        except ApiError as exc:
            if missing_ok and exc.status == 404:
                return None
            raise


class CloudApi(_Api):
    name = "v2"

    def space(self, key: str) -> str:
        data = self.client.call("GET", f"{self.base}/api/v2/spaces", params={"keys": key},
                                what=f"look up space {key}", dry={"results": [{"id": f"{{id of space {key}}}"}]})
        results = self.client.results(data, what=f"look up space {key}", written="nothing was written")
        if not results:
            raise RetrokitError(f"confluence: no space with key '{key}' (or no permission to see it)")
        return str(self.client.expect(results[0], "id", what=f"look up space {key}", written="nothing was written"))

    def find(self, space: str, key: str, title: str) -> list[Page]:
        params = {"space-id": space, "title": title, "status": list(FOUND_STATUSES), "body-format": "storage"}
        results = self._all(f"{self.base}/api/v2/pages", params, f"look up page '{title}'")
        return [self._page(result) for result in results]

    def _get(self, page_id: str) -> Page:
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
        return self._written(data, f"create page '{title}'", CREATED)

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
        return self._written(data, f"update page '{title}' (id {page.id}) to version {number}",
                             f"version {number} may have been written; re-run the same command to check "
                             "(a page that already holds this is left alone)", version=True)


class DataCenterApi(_Api):
    name = "v1"
    expand = "body.storage,version,ancestors"

    def space(self, key: str) -> str:
        self.client.call("GET", f"{self.base}/rest/api/space/{key}", what=f"look up space {key}", dry={})
        return key

    def find(self, space: str, key: str, title: str) -> list[Page]:
        params = {"spaceKey": key, "title": title, "type": "page", "status": list(FOUND_STATUSES),
                  "expand": self.expand}
        results = self._all(f"{self.base}/rest/api/content", params, f"look up page '{title}'")
        return [self._page(result) for result in results]

    def _get(self, page_id: str) -> Page:
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
        return self._written(data, f"create page '{title}'", CREATED)

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
        return self._written(data, f"update page '{title}' (id {page.id}) to version {number}",
                             f"version {number} may have been written; re-run the same command to check "
                             "(a page that already holds this is left alone)", version=True)


def ask_cloud(url: str, *, dry_run: bool, debug: bool, note) -> bool:
    """Whether ``url`` is Confluence Cloud, asked of the site: Atlassian's edge answers
    ``GET /_edge/tenant_info`` with the site's ``cloudId`` (no credentials sent); a Data Center server
    has no such path. The API gateway (``api.atlassian.com/ex/confluence/…``) is Cloud. A dry run asks
    nothing and guesses from the host name."""
    from urllib.parse import urlsplit

    from retrokit.publish.client import Client

    parts = urlsplit(url)
    if "/ex/confluence/" in parts.path:
        return True
    if dry_run:
        guess = (parts.hostname or "").endswith(".atlassian.net")
        note(f"dry run: not asking the site whether it is Cloud; assuming {'Cloud' if guess else 'Data Center'} "
             "(pass --cloud or --data-center)")
        return guess
    with Client("confluence", headers={}, debug=debug, progress=False) as probe:
        try:
            data = probe.call("GET", f"{parts.scheme}://{parts.netloc}/_edge/tenant_info",
                              what="ask the site whether it is Confluence Cloud")
        except ApiError as exc:
            if exc.status == 0:
                raise
            return False
    return isinstance(data, dict) and bool(data.get("cloudId"))


def publish(api: _Api, *, space_key: str, parent: str | None, title: str, body: str, identity=None,
            overwrite: bool = False) -> Outcome:
    """Create or update the page ``title`` in space ``space_key``; nothing when it already holds this.

    ``identity`` (``retrokit.publish.pages.Identity``) knows the page retrokit published for this series
    before (published.toml): that page is updated, wherever it is. Any other page of this title is
    updated only with ``overwrite``."""
    from retrokit.publish.pages import NO_IDENTITY

    identity = identity or NO_IDENTITY
    digest = fingerprint(title, body)
    message = f"{TAG}{digest}"
    space = api.space(space_key)
    page = target(api, space, space_key, parent, title, identity.known, overwrite, identity.team)
    if page is None:
        identity.before_create()
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


def target(api: _Api, space: str, key: str, parent: str | None, title: str, known: str | None,
           overwrite: bool, team: bool) -> Page | None:
    """The page to update (None: create one). The recorded page when it is still current; else a
    current page of this title only with ``overwrite``; an archived one is an error saying what to do."""
    if known:
        page = api.get(known, missing_ok=True)
        if page is not None and page.status == "current":
            return page
        gone = "is gone" if page is None else f"is {page.status}"
        api.client.note(f"the page retrokit published before (id {known}) {gone}; looking for '{title}' in space {key}")
    found = api.find(space, key, title)
    current = [page for page in found if page.status == "current"]
    if current:
        page = current[0]
        if not overwrite and known != "":  # "": a create of ours was cut short; this is its page
            where = f"under page {page.parent}" if page.parent else "at the top of the space"
            if parent and page.parent != parent:
                where += f", not under --parent {parent}"
            whose = ("retrokit did not publish from this team folder" if team else
                     "retrokit has no record of (no team folder: 'retrokit init' makes one to remember pages in)")
            raise RetrokitError(
                f"confluence: space {key} already has a page titled '{title}' (id {page.id}, version "
                f"{page.version}, {where}) that {whose}; pass --overwrite to publish over it, or --title to "
                "publish under another title"
            )
        return page
    if found:
        page = found[0]
        raise RetrokitError(
            f"confluence: the page titled '{title}' in space {key} (id {page.id}) is {page.status}, and it keeps "
            f"the title; restore it in Confluence and re-run, or publish under another --title"
        )
    return None


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
