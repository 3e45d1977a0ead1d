"""The action-item ledger: ``actions.toml`` beside retrokit.toml.

```toml
schema = 1

[[item]]
id = 1
text = "Ask payments how the retry change landed"
owner = "Ana"
due = 2026-12-01            # optional
status = "open"             # open | done | dropped
created = 2026-11-21
closed = 2026-11-28         # when done or dropped
meeting = "retro 2026-11-21" # where it came from ("" when added by hand)
```
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from retrokit.errors import RetrokitError, shown
from retrokit.memory.store import TomlStore, check_lifecycle, record_reader

SCHEMA = 1
STATUSES = ("open", "done", "dropped")
FIELDS = ("id", "text", "owner", "due", "status", "created", "closed", "meeting")


@dataclass
class ActionItem:
    id: int
    text: str
    owner: str
    status: str
    created: datetime.date
    due: datetime.date | None = None
    closed: datetime.date | None = None
    meeting: str = ""

    def to_toml(self) -> dict:
        """The record in the file's fixed key order; empty optional fields left out."""
        values = {name: getattr(self, name) for name in FIELDS}
        return {k: v for k, v in values.items() if v is not None and not (k == "meeting" and not v)}

    def to_json(self) -> dict:
        data = {name: getattr(self, name) for name in FIELDS}
        for key in ("due", "created", "closed"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    def age_days(self, today: datetime.date) -> int:
        return (today - self.created).days


def _item(record: dict, where: str) -> ActionItem:
    need = record_reader(record, where, "item", FIELDS, article="an", date_example="2026-12-01")
    item = ActionItem(
        id=need("id", int),
        text=need("text", str),
        owner=need("owner", str),
        status=need("status", str),
        created=need("created", datetime.date),
        due=need("due", datetime.date, optional=True),
        closed=need("closed", datetime.date, optional=True),
        meeting=need("meeting", str, optional=True) or "",
    )
    if item.status not in STATUSES:
        raise RetrokitError(f"{where}: item status {shown(item.status)} must be one of {', '.join(STATUSES)}")
    check_lifecycle(where, "item", id=item.id, text=item.text, status=item.status, opened=item.created,
                    opened_key="created", closed=item.closed)
    return item


class Ledger:
    def __init__(self, path: Path):
        self.store = TomlStore(path, "item", SCHEMA)
        self.path = self.store.path

    def _items(self, records: list[dict]) -> list[ActionItem]:
        return self.store.parse_records(records, _item, "item")

    def items(self) -> list[ActionItem]:
        return self._items(self.store.read())

    @contextmanager
    def update(self) -> Iterator[list[ActionItem]]:
        """Lock the ledger and change its items in place; they are written back atomically."""
        with self.store.update() as records:
            items = self._items(records)
            yield items
            records[:] = [item.to_toml() for item in items]

    @staticmethod
    def next_id(items: list[ActionItem]) -> int:
        return max((item.id for item in items), default=0) + 1

    def find(self, items: list[ActionItem], item_id: int) -> ActionItem:
        for item in items:
            if item.id == item_id:
                return item
        raise RetrokitError(f"no action item {item_id} in {self.path} (see 'retrokit actions list')")
