"""The agenda history: ``history.toml`` beside retrokit.toml, and what an agenda remembers from it.

```toml
schema = 1

[[meeting]]
kind = "one-on-one"
series = "one-on-one with Ana"    # what rotation and follow-ups group by
date = 2026-11-21
seed = "m4rt9q2k"
minutes = 30
with = "Ana"                      # the person a 1:1 is with ("" for a team meeting)
prompts = ["listening.one-word-round", "validation.blocked-wait"]   # the agenda's prompts, in order
topics = ["Promotion timeline"]   # what the person raised for this meeting (--topic)
```

- A *series* is the kind (a team's retros: the file is the team's) or, for a meeting ``--with`` a
  person, the kind and that person: ``"retro"``, ``"one-on-one with Ana"``. ``--with`` takes the
  member's name as retrokit.toml spells it, and series compare ignoring case and spacing, so
  ``--with ana`` and ``--with Ana`` are one series.
- Only ``render --record`` (or ``[history] record = true``) writes the file, through ``store.TomlStore``
  (locked, atomic). One meeting per series and day: recording again the same day replaces that day's
  record and keeps the topics it already had. The meeting's topics are added to ``topics.toml`` too
  (``retrokit.memory.topics``), where they stay open until the person closes them.
- An agenda remembers (``recall``): the prompts of the series' last N meetings before today (for
  rotation), the team's (or the person's) open action items, oldest first, the person's topics still
  open from earlier meetings of the series, oldest first, and the topics raised for today's meeting.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from retrokit.errors import RetrokitError
from retrokit.model import Remembered
from retrokit.memory.store import TomlStore

SCHEMA = 1
TABLE = "meeting"
FIELDS = ("kind", "series", "date", "seed", "minutes", "with", "prompts", "topics")


def person_key(name: str) -> str:
    """Who a name means: the one rule retrokit matches names by (``rendering.member_key``), so an
    ingested ``@owner`` finds its person."""
    from retrokit.rendering import member_key

    return member_key(name)


def series_key(series: str) -> str:
    """How series compare: Unicode-normalised, case and runs of whitespace ignored."""
    return " ".join(unicodedata.normalize("NFKC", series).casefold().split())


def series_name(kind: str, person: str = "") -> str:
    """The series a meeting belongs to: ``"retro"``, or ``"one-on-one with Ana"``."""
    return f"{kind} with {person}" if person else kind


@dataclass
class Meeting:
    """One recorded agenda (a ``[[meeting]]`` table)."""

    kind: str
    series: str
    date: datetime.date
    seed: str = ""
    minutes: int = 0
    person: str = ""  # stored as ``with``
    prompts: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    def to_toml(self) -> dict:
        """The record with its keys in the file's fixed order."""
        values = (self.kind, self.series, self.date, self.seed, self.minutes, self.person, self.prompts, self.topics)
        return dict(zip(FIELDS, values))


def _meeting(record: dict, where: str) -> Meeting:
    unknown = sorted(set(record) - set(FIELDS))
    if unknown:
        raise RetrokitError(f"{where}: unknown key '{unknown[0]}' in a meeting (known: {', '.join(FIELDS)}); "
                            "the file was left as it is")

    def need(key, kind, default=None):
        value = record.get(key, default)
        if value is None:
            raise RetrokitError(f"{where}: a meeting needs '{key}'; the file was left as it is")
        wrong = isinstance(value, bool) or isinstance(value, datetime.datetime) or not isinstance(value, kind)
        if kind is list and not wrong:
            wrong = not all(isinstance(entry, str) for entry in value)
        if wrong:
            names = {str: "text", int: "a whole number", datetime.date: "a date like 2026-11-21",
                     list: 'a list of texts, like ["a", "b"]'}
            raise RetrokitError(f"{where}: meeting '{key}' must be {names[kind]}; the file was left as it is")
        return value

    kind = need("kind", str)
    person = need("with", str, "")
    meeting = Meeting(
        kind=kind,
        series=need("series", str, series_name(kind, person)),
        date=need("date", datetime.date),
        seed=need("seed", str, ""),
        minutes=need("minutes", int, 0),
        person=person,
        prompts=list(need("prompts", list, [])),
        topics=list(need("topics", list, [])),
    )
    if not kind.strip() or not meeting.series.strip():
        raise RetrokitError(f"{where}: meeting 'kind' and 'series' must not be empty; the file was left as it is")
    return meeting


class History:
    """The recorded meetings of one team: ``history.toml``."""

    def __init__(self, path: Path):
        self.store = TomlStore(path, TABLE, SCHEMA)
        self.path = self.store.path

    def _meetings(self, records: list[dict]) -> list[Meeting]:
        return [_meeting(r, f"{self.path}:{self.store.line_of_record(i)}") for i, r in enumerate(records)]

    def meetings(self) -> list[Meeting]:
        """Every recorded meeting, in file order; [] when there is no file yet."""
        return self._meetings(self.store.read())

    def record(self, meeting: Meeting) -> bool:
        """Add ``meeting``, or replace the series' record of the same day keeping its topics.

        Locked and atomic; returns True when an earlier record of that day was replaced."""
        with self.store.update() as records:
            meetings = self._meetings(records)
            key = series_key(meeting.series)
            same_day = [i for i, m in enumerate(meetings) if series_key(m.series) == key and m.date == meeting.date]
            if same_day:
                earlier = [t for i in same_day for t in meetings[i].topics]
                meeting.topics = list(dict.fromkeys([*earlier, *meeting.topics]))
                meetings[same_day[0]] = meeting
                for i in reversed(same_day[1:]):
                    del meetings[i]
            else:
                meetings.append(meeting)
            records[:] = [m.to_toml() for m in meetings]
        if meeting.topics:  # after the history's lock is released: one lock at a time
            from retrokit.memory.topics import Topics

            Topics(self.path).raise_topics(meeting.series, meeting.person, meeting.topics, meeting.date)
        return bool(same_day)


def of_series(meetings: list[Meeting], series: str) -> list[Meeting]:
    """The meetings of ``series``, most recent first (file order breaks ties: later is more recent)."""
    key = series_key(series)
    found = [(m.date, i, m) for i, m in enumerate(meetings) if series_key(m.series) == key]
    return [m for _, _, m in sorted(found, key=lambda t: (t[0], t[1]), reverse=True)]


# -- what an agenda remembers ---------------------------------------------------------------------------


@dataclass
class Recall:
    """What the team's memory files give one agenda (the planner's input; empty without a team)."""

    series: str
    person: str = ""
    actions: list[Remembered] = field(default_factory=list)  # open items, oldest first
    carried: list[Remembered] = field(default_factory=list)  # topics still open from earlier, oldest first
    topics: list[Remembered] = field(default_factory=list)  # topics raised for this meeting
    recent: list[list[str]] = field(default_factory=list)  # prompt ids of the last N meetings, newest first


def mention(owner: str) -> str:
    """``@owner`` for a task item: the name's letters and digits joined by dots (``Ana Lopez`` ->
    ``@Ana.Lopez``), which the formats resolve to the member (they match names ignoring case, spaces
    and punctuation) and ``retrokit ingest`` reads back as the owner. A name whose handle the formats do
    not take as a mention (``@山田.太郎``, ``@Zoë``) still reads right as text; a name without letters or
    digits (``🎉``) is written as it is."""
    handle = ".".join(re.findall(r"[^\W_]+", owner)) or ".".join(owner.split())
    return "@" + handle if handle else ""


def recall(config, kind: str, person: str, topics: tuple[str, ...], today: datetime.date) -> Recall:
    """Gather what an agenda of ``kind`` (``--with person``) remembers from the team's ledger and history.

    Errors in either file name the file and line, and leave it as it is."""
    series = series_name(kind, person)
    memory = Recall(series=series, person=person)
    raised = list(topics)
    if config.path is not None:
        from retrokit.memory.ledger import Ledger

        items = [i for i in Ledger(config.actions_file).items() if i.status == "open"]
        if person:
            items = [i for i in items if person_key(i.owner) == person_key(person)]
        for item in sorted(items, key=lambda i: (i.created, i.id)):
            memory.actions.append(
                Remembered(
                    text=item.text,
                    item_id=item.id,
                    owner=item.owner,
                    mention=mention(item.owner),
                    due=item.due.isoformat() if item.due else "",
                    created=item.created.isoformat(),
                    age_days=max(0, item.age_days(today)),
                    due_in_days=(item.due - today).days if item.due else None,
                )
            )
        every = History(config.history_file).meetings()
        meetings = of_series(every, series)
        past = [m for m in meetings if m.date < today]
        memory.recent = [m.prompts for m in past[: config.rotation]]
        # Recorded earlier today (a draft of this meeting): its topics stay on today's agenda.
        drafted = [t for m in reversed(meetings) if m.date == today for t in m.topics] if person else []
        raised = [*drafted, *raised]
        if person:
            memory.carried = carried(config, series, raised, today, every)
    memory.topics = [Remembered(text=t) for t in dict.fromkeys(raised)]
    return memory


def carried(config, series: str, raised: list[str], today: datetime.date, meetings=None) -> list[Remembered]:
    """The series' topics still open from meetings before today, oldest first; one raised again for
    this meeting (``raised``) is shown there instead. ``item_id`` is the topic's id."""
    from retrokit.memory.ingest import text_key
    from retrokit.memory.topics import Topics

    now = {text_key(text) for text in raised}
    key = series_key(series)
    still_open = [
        t for t in Topics(config.history_file).topics(meetings)
        if t.status == "open" and series_key(t.series) == key and t.raised < today and text_key(t.text) not in now
    ]
    return [
        Remembered(text=t.text, item_id=t.id, created=t.raised.isoformat(), age_days=t.age_days(today))
        for t in sorted(still_open, key=lambda t: (t.raised, t.id))
    ]
