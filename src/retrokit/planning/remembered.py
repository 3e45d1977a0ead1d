"""Where the team's memory goes in an agenda, and the time boxes it shapes.

- Open action items open the first section that takes ``follow-up`` prompts (a kind without one shows
  none), ENTRY_MINUTES each, together at most MEMORY_SHARE of that section's box.
- The person's topics lead the first section that takes ``gather`` prompts (else the first section):
  first the topics raised for this meeting, in their order, TOPIC_MINUTES each at least; then their
  topics still open from earlier meetings, oldest first, CARRIED_MINUTES each. Their minutes are not
  squeezed into that section's box: they come out of the library prompts' share of the whole meeting
  (the other sections shrink toward their ``min_minutes``). When even that leaves too little, this
  meeting's topics are served first and a note names the length that fits them all.

The planner calls ``boxes(kind, recall, minutes)`` once and gets every section's box, the remembered
groups per section and the minutes each group reserves; the prompts fill the rest of each box.
"""

from __future__ import annotations

import math
from dataclasses import field
from typing import TYPE_CHECKING

from retrokit.model import MeetingKind
from retrokit.planning.timebox import split_minutes
from retrokit.records import record

if TYPE_CHECKING:  # the history module (and its TOML store) loads only when a team folder needs it
    from retrokit.memory.history import Recall

#: A topic raised for this meeting gets at least this many minutes.
TOPIC_MINUTES = 5
#: A topic still open from an earlier meeting: enough to ask where it stands and decide.
CARRIED_MINUTES = 3
#: Minutes each remembered entry takes, by group kind ("last-time" is kept for older templates).
ENTRY_MINUTES = {"actions": 2, "last-time": 2, "topics": TOPIC_MINUTES, "open-topics": CARRIED_MINUTES}
#: The person's topics: they take their minutes from the whole meeting, not from one section's box.
TOPIC_GROUPS = ("topics", "open-topics")
#: The share of a section's box its other remembered entries (open items) may take together.
MEMORY_SHARE = 2 / 3
FOLLOW_UP_PHASE = "follow-up"
TOPICS_PHASE = "gather"

Group = tuple  # (kind, entries, since)


@record
class TimeBoxes:
    """What the memory does to an agenda's time: ``boxes`` (minutes per section, adding up to the
    meeting), ``groups`` (section index -> remembered groups), ``reserved`` (section index -> minutes
    per group, in order) and ``notes`` for the agenda (stderr)."""

    boxes: list[int]
    groups: dict[int, list[Group]]
    reserved: dict[int, list[int]]
    notes: list[str] = field(default_factory=list)

    def __init__(self, boxes: list[int], groups: dict[int, list[Group]], reserved: dict[int, list[int]],
                 notes: list[str] | None = None):
        self.boxes, self.groups, self.reserved = boxes, groups, reserved
        self.notes = [] if notes is None else notes

    def room(self, index: int) -> int:
        """Minutes of section ``index`` left for prompts."""
        return self.boxes[index] - sum(self.reserved.get(index, []))

    def whole(self, index: int) -> list[int]:
        """Minutes per group when no prompt fits beside them: the whole box, each group at least its
        reserved minutes, the rest shared as they want it."""
        groups, reserved = self.groups.get(index, []), self.reserved.get(index, [])
        return split_minutes(_wanted(groups), reserved, self.boxes[index]) if groups else []


def memory_groups(kind: MeetingKind, recall: Recall | None) -> dict[int, list[Group]]:
    """Section index -> the remembered groups (kind, entries, since) that open it, in order."""
    if recall is None:
        return {}

    def first_with(phase: str) -> int | None:
        return next((i for i, s in enumerate(kind.sections) if phase in s.phases), None)

    follow_up, gather = first_with(FOLLOW_UP_PHASE), first_with(TOPICS_PHASE)
    topics = 0 if gather is None else gather
    groups: dict[int, list[Group]] = {}
    for index, name, entries in (
        (follow_up, "actions", recall.actions),
        (topics, "topics", recall.topics),
        (topics, "open-topics", recall.carried),
    ):
        if entries and index is not None:
            groups.setdefault(index, []).append((name, list(entries), ""))
    return groups


def _wanted(groups: list[Group]) -> list[int]:
    return [ENTRY_MINUTES.get(name, 2) * len(entries) for name, entries, _ in groups]


def memory_minutes(groups: list[Group], box: int, whole: bool = False) -> list[int]:
    """Minutes per group: ENTRY_MINUTES per entry, together at most MEMORY_SHARE of the box (at least
    a minute per group while the box allows); with ``whole``, exactly the box, in the same proportions."""
    wanted = _wanted(groups)
    cap = min(box, max(len(groups), math.floor(box * MEMORY_SHARE)))
    total = box if whole else min(sum(wanted), cap)
    return split_minutes(wanted, [1 if total >= len(groups) else 0] * len(groups), total)


def topic_minutes(groups: list[Group], budget: int) -> list[int]:
    """Minutes per topic group from ``budget``: each what it wants while the budget lasts, earlier
    groups (this meeting's topics) first, keeping a minute for each later entry while there is room."""
    shares, left = [], budget
    for index, want in enumerate(_wanted(groups)):
        later = sum(len(entries) for _, entries, _ in groups[index + 1 :])
        take = max(0, min(want, left, max(left - later, min(left, 1))))
        shares.append(take)
        left -= take
    return shares


def boxes(kind: MeetingKind, recall: Recall | None, minutes: int) -> TimeBoxes:
    """Every section's box and what the memory reserves in it (see the module docstring)."""
    weights = [s.weight for s in kind.sections]
    minimums = [s.min_minutes for s in kind.sections]
    groups = memory_groups(kind, recall)
    where = next((i for i, g in groups.items() if any(name in TOPIC_GROUPS for name, _, _ in g)), None)
    if where is None:
        split = split_minutes(weights, minimums, minutes)
        return TimeBoxes(split, groups, {i: memory_minutes(g, split[i]) for i, g in groups.items()})

    topic_groups = [g for g in groups[where] if g[0] in TOPIC_GROUPS]
    others = [g for g in groups[where] if g[0] not in TOPIC_GROUPS]
    wanted = sum(_wanted(topic_groups))
    room = minutes - sum(m for i, m in enumerate(minimums) if i != where)
    budget = min(wanted, room)
    # The rest of the meeting by weight; the topics count toward their section's minimum.
    minimums[where] = max(0, minimums[where] - budget)
    split = split_minutes(weights, minimums, minutes - budget)
    split[where] += budget
    reserved = {i: memory_minutes(g, split[i]) for i, g in groups.items() if i != where}
    shares = iter(topic_minutes(topic_groups, budget))
    rest = iter(memory_minutes(others, split[where] - budget)) if others else iter(())
    reserved[where] = [next(shares) if g[0] in TOPIC_GROUPS else next(rest) for g in groups[where]]
    notes = [] if budget == wanted else [_short_note(kind, topic_groups, minutes, wanted, room)]
    return TimeBoxes(split, groups, reserved, notes)


def _short_note(kind: MeetingKind, groups: list[Group], minutes: int, wanted: int, room: int) -> str:
    counts = {name: len(entries) for name, entries, _ in groups}
    parts = []
    if counts.get("topics"):
        parts.append(f"{TOPIC_MINUTES} each for {counts['topics']} raised for this meeting")
    if counts.get("open-topics"):
        parts.append(f"{CARRIED_MINUTES} each for {counts['open-topics']} still open from earlier")
    return (
        f"their topics need {wanted} minutes ({', '.join(parts)}), but a {minutes}-minute {kind.name} has "
        f"{room} beside its other sections; --minutes {minutes + wanted - room} gives every topic its time"
    )
