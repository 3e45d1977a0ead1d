"""Which wiki page each publish made: ``published.toml`` beside retrokit.toml (locked, atomic; see
``retrokit.memory.store``).

```toml
schema = 1

[[page]]
series = "retro"                 # the meeting series (a file's title when SOURCE was a file)
service = "confluence"           # confluence | notion
site = "https://acme.atlassian.net/wiki"   # the --url (Confluence) or the API (Notion)
space = "ENG"                    # "" for Notion
page = "100001"
version = 3                      # Confluence's version number; Notion: how many publishes wrote to it
title = "Retrospective"
url = "https://acme.atlassian.net/wiki/spaces/ENG/pages/100001"
published = 2026-12-02
blocks = ["…"]                   # Notion: "id:own key:tree key" of each top-level block it wrote
task = [                         # the action items the page was published with, in page order:
    { key = "3", item = 5, owner = "Ana", text = "Ask payments how the retry change landed" },
]                                # key: Confluence's ac:task-id, Notion's to_do block id ("" unknown)
```

One record per series, service, site, space and title (a new title, like "Retro 2026-12-03" each week,
is a new page): a republish updates the record. The newest record is last. ``retrokit publish``
updates the recorded page, wherever it is now (and no other page of the title, unless ``--overwrite``);
``retrokit ingest --from SERVICE`` without a PAGE reads the last one published (for a series).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from retrokit.errors import RetrokitError
from retrokit.memory.store import TomlStore, record_reader

FILENAME = "published.toml"
SCHEMA = 1
FIELDS = ("series", "service", "site", "space", "page", "version", "title", "url", "published", "blocks", "task")
TASK_FIELDS = ("key", "item", "owner", "text")


@dataclass
class PublishedTask:
    key: str
    item: int
    owner: str
    text: str


@dataclass
class PublishedPage:
    series: str
    service: str
    site: str
    space: str
    page: str
    version: int
    title: str
    url: str
    published: datetime.date
    tasks: list[PublishedTask] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)

    def same_target(self, other: PublishedPage) -> bool:
        from retrokit.memory.history import series_key

        return (series_key(self.series), self.service, self.site.rstrip("/"), self.space, self.title) == (
            series_key(other.series), other.service, other.site.rstrip("/"), other.space, other.title)

    def to_toml(self) -> dict:
        names = FIELDS[:-2]
        data = dict(zip(names, [getattr(self, name) for name in names]))
        if self.blocks:
            data["blocks"] = list(self.blocks)
        if self.tasks:
            data["task"] = [{"key": t.key, "item": t.item, "owner": t.owner, "text": t.text} for t in self.tasks]
        return data


def _task(record, where: str) -> PublishedTask:
    if not isinstance(record, dict):
        raise RetrokitError(f"{where}: 'task' must be [[page.task]] tables; the file was left as it is")
    need = record_reader(record, where, "published task", TASK_FIELDS, date_example="2026-12-01",
                         tail="; the file was left as it is")
    return PublishedTask(need("key", str), need("item", int), need("owner", str), need("text", str))


def _page(record: dict, where: str) -> PublishedPage:
    tail = "; the file was left as it is"
    need = record_reader(record, where, "published page", FIELDS, date_example="2026-12-01", tail=tail)
    tasks = record.get("task", [])
    if not isinstance(tasks, list):
        raise RetrokitError(f"{where}: 'task' must be [[page.task]] tables{tail}")
    page = PublishedPage(
        need("series", str), need("service", str), need("site", str), need("space", str), need("page", str),
        need("version", int), need("title", str), need("url", str), need("published", datetime.date),
        [_task(task, where) for task in tasks],
    )
    blocks = record.get("blocks", [])
    if not isinstance(blocks, list) or not all(isinstance(b, str) and b.count(":") == 2 for b in blocks):
        raise RetrokitError(f"{where}: published page 'blocks' must be a list of \"id:key:key\" texts{tail}")
    page.blocks = blocks
    if page.service not in ("confluence", "notion"):
        raise RetrokitError(f"{where}: published page 'service' must be confluence or notion{tail}")
    return page


class _Store(TomlStore):
    def dumps(self, records: list[dict]) -> str:
        """As TomlStore's, but each record written as ``{table: [record]}`` so that its own lists of
        tables stay inside it (tomli_w alone would write them as top-level tables)."""
        import tomli_w

        parts = [tomli_w.dumps({"schema": self.version})]
        parts += ["\n" + tomli_w.dumps({self.table: [record]}) for record in records]
        return "".join(parts)


class PublishedPages:
    """The team's ``published.toml``."""

    def __init__(self, folder: Path):
        self.store = _Store(Path(folder) / FILENAME, "page", SCHEMA)
        self.path = self.store.path

    def _pages(self, records: list[dict]) -> list[PublishedPage]:
        return [_page(r, f"{self.path}:{self.store.line_of_record(i)}") for i, r in enumerate(records)]

    def pages(self) -> list[PublishedPage]:
        return self._pages(self.store.read())

    def find(self, wanted: PublishedPage) -> PublishedPage | None:
        """The record of the page published for ``wanted``'s series, service, site, space and title."""
        return next((page for page in self.pages() if page.same_target(wanted)), None)

    def last(self, service: str, series: str | None = None) -> PublishedPage | None:
        """The page last published to ``service`` (for ``series`` when given)."""
        from retrokit.memory.history import series_key

        pages = [p for p in self.pages() if p.service == service
                 and (series is None or series_key(p.series) == series_key(series))]
        return pages[-1] if pages else None

    def remember(self, page: PublishedPage) -> None:
        """Record ``page`` (replacing the record of the same target); it becomes the newest."""
        with self.store.update() as records:
            kept = [p for p in self._pages(records) if not p.same_target(page)]
            records[:] = [p.to_toml() for p in kept + [page]]


class Identity:
    """One publish's view of published.toml: ``known`` is the page recorded for this target (None: none;
    "": a create that was cut short), ``team`` whether there is a team folder to remember pages in."""

    def __init__(self, folder: Path | None, wanted: PublishedPage):
        self.store = PublishedPages(folder) if folder is not None else None
        self.team = self.store is not None
        self.wanted = wanted
        self.record = self.store.find(wanted) if self.store else None
        self.known = self.record.page if self.record else None
        self.blocks = {}  # Notion: the blocks the last publish wrote, id -> (own key, tree key)
        for entry in self.record.blocks if self.record else []:
            block, own, tree = entry.split(":")
            self.blocks[block] = (own, tree)

    def before_create(self) -> None:
        """Record that a create is about to be sent, so a re-run after a lost answer takes its page."""
        if self.store is not None and not self.known:
            self._write("", 0, "", [])

    def created(self, page: str, url: str) -> None:
        """Record a page as soon as it exists (its content may still fail to arrive)."""
        if self.store is not None:
            self._write(page, 0, url, [])
            self.known = page

    def remember(self, page: str, version: int, url: str, tasks=(), blocks=()) -> None:
        if self.store is not None:
            self._write(page, version, url, list(tasks), list(blocks))

    def _write(self, page: str, version: int, url: str, tasks: list, blocks=()) -> None:
        wanted = self.wanted
        wanted.page, wanted.version, wanted.url, wanted.tasks, wanted.blocks = page, version, url, tasks, list(blocks)
        self.store.remember(wanted)


class _NoIdentity:
    known, team, blocks = None, True, {}

    def before_create(self):
        pass

    def created(self, page, url):
        pass


NO_IDENTITY = _NoIdentity()
