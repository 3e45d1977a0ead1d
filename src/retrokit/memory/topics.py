"""The topics a person raised: ``topics.toml`` beside retrokit.toml, open until the person closes them.

```toml
schema = 1

[[topic]]
id = 1
text = "Promotion timeline"
with = "Ana"                      # the person who raised it
series = "one-on-one with Ana"    # the series it belongs to (see retrokit.memory.history)
status = "open"                   # open | closed
raised = 2026-11-21               # the meeting it was first raised for
closed = 2026-12-05               # when closed
```

- ``render --with NAME --topic TEXT --record`` records the meeting in ``history.toml`` and adds each
  topic here (one not already open in the series). Every later meeting of the series shows the open
  ones, oldest first, with their age, until ``retrokit topics close`` closes them.
- ``history.toml`` keeps what was raised at each meeting; this file keeps whether it is still open.
  A topic that history.toml holds and this file does not (a history written before topics.toml
  existed, or a record whose topics write was interrupted) counts as open, raised at that meeting,
  with the next free id; the next write here adds it for good (``adopt``). A meeting some topic of
  this file was raised at (same series and date) is already accounted for, so a topic reworded here
  does not come back from history.toml.
- Writes go through ``store.TomlStore``: locked, re-read inside the lock, atomic. Closing keeps the
  topic (status and date); nothing is deleted.
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
TABLE = "topic"
FILENAME = "topics.toml"
STATUSES = ("open", "closed")
FIELDS = ("id", "text", "with", "series", "status", "raised", "closed")


@dataclass
class Topic:
    id: int
    text: str
    person: str  # stored as ``with``
    series: str
    status: str
    raised: datetime.date
    closed: datetime.date | None = None

    def to_toml(self) -> dict:
        """The record in the file's fixed key order; ``closed`` left out while open."""
        values = (self.id, self.text, self.person, self.series, self.status, self.raised, self.closed)
        return {k: v for k, v in zip(FIELDS, values) if v is not None}

    def to_json(self) -> dict:
        data = dict(zip(FIELDS, (self.id, self.text, self.person, self.series, self.status)))
        data["raised"] = self.raised.isoformat()
        data["closed"] = self.closed.isoformat() if self.closed else None
        return data

    def age_days(self, today: datetime.date) -> int:
        return max(0, (today - self.raised).days)


def _topic(record: dict, where: str) -> Topic:
    need = record_reader(record, where, "topic", FIELDS, date_example="2026-11-21",
                         tail="; the file was left as it is")
    topic = Topic(
        id=need("id", int),
        text=need("text", str),
        person=need("with", str),
        series=need("series", str),
        status=need("status", str),
        raised=need("raised", datetime.date),
        closed=need("closed", datetime.date, optional=True),
    )
    if topic.status not in STATUSES:
        raise RetrokitError(f"{where}: topic status {shown(topic.status)} must be one of {', '.join(STATUSES)}; "
                            "the file was left as it is")
    check_lifecycle(where, "topic", id=topic.id, text=topic.text, status=topic.status, opened=topic.raised,
                    opened_key="raised", closed=topic.closed, tail="; the file was left as it is")
    return topic


def adopt(topics: list[Topic], meetings) -> list[Topic]:
    """``topics`` plus the ones only ``meetings`` (history.toml) hold, as open topics raised at their
    meeting, with the next free ids in the history's date order (see the module docstring)."""
    from retrokit.memory.history import series_key
    from retrokit.memory.ingest import text_key

    known = {(series_key(t.series), text_key(t.text)) for t in topics}
    covered = {(series_key(t.series), t.raised) for t in topics}
    next_id = max((t.id for t in topics), default=0) + 1
    adopted = list(topics)
    for meeting in sorted(meetings, key=lambda m: m.date):  # stable: file order within a day
        if not meeting.person or (series_key(meeting.series), meeting.date) in covered:
            continue  # topics are what a person raised: a team meeting's hand-written ones stay history
        for text in meeting.topics:
            key = (series_key(meeting.series), text_key(text))
            if key in known or not text.strip():
                continue
            known.add(key)
            adopted.append(Topic(next_id, text, meeting.person, meeting.series, "open", meeting.date))
            next_id += 1
    return adopted


class Topics:
    """The person's topics of one team: ``topics.toml`` beside ``history.toml``."""

    def __init__(self, history_path: Path):
        from retrokit.memory.history import History

        self.history = History(history_path)
        self.store = TomlStore(Path(history_path).with_name(FILENAME), TABLE, SCHEMA)
        self.path = self.store.path

    def _topics(self, records: list[dict]) -> list[Topic]:
        return self.store.parse_records(records, _topic, "topic", tail="; the file was left as it is")

    def topics(self, meetings=None) -> list[Topic]:
        """Every topic, by id: this file's and the ones only history.toml (or ``meetings``, its
        meetings as already read) holds."""
        return adopt(self._topics(self.store.read()), self.history.meetings() if meetings is None else meetings)

    @contextmanager
    def update(self) -> Iterator[list[Topic]]:
        """Lock the file and change its topics (history.toml's adopted) in place; written back atomically."""
        with self.store.update() as records:
            topics = adopt(self._topics(records), self.history.meetings())
            yield topics
            records[:] = [topic.to_toml() for topic in topics]

    def raise_topics(self, series: str, person: str, texts: list[str], date: datetime.date) -> None:
        """Add the topics raised for a meeting of ``series`` on ``date`` that are not open in it yet."""
        from retrokit.memory.history import series_key
        from retrokit.memory.ingest import text_key

        with self.update() as topics:
            for text in texts:
                key = (series_key(series), text_key(text))
                if any(t.status == "open" and (series_key(t.series), text_key(t.text)) == key for t in topics):
                    continue
                topics.append(Topic(max((t.id for t in topics), default=0) + 1, text, person, series, "open", date))


def of_person(topics: list[Topic], person: str) -> list[Topic]:
    """The topics ``person`` raised (names compare as retrokit matches names)."""
    from retrokit.memory.history import person_key

    return [t for t in topics if person_key(t.person) == person_key(person)]
