"""Where the team's memory goes in an agenda and how much of a section's time box it takes.

Open items and last time's topics open the first section that takes ``follow-up`` prompts; the topics
raised for this meeting lead the first that takes ``gather`` prompts (else the first section).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from retrokit.model import MeetingKind
from retrokit.planning.timebox import split_minutes

if TYPE_CHECKING:  # the history module (and its TOML store) loads only when a team folder needs it
    from retrokit.memory.history import Recall

#: Minutes each remembered entry takes from its section's box, by group kind.
ENTRY_MINUTES = {"actions": 2, "last-time": 2, "topics": 4}
#: The share of a section's box its remembered entries may take together.
MEMORY_SHARE = 2 / 3
FOLLOW_UP_PHASE = "follow-up"
TOPICS_PHASE = "gather"


def memory_groups(kind: MeetingKind, recall: Recall | None) -> dict[int, list[tuple[str, list, str]]]:
    """Section index -> the remembered groups (kind, entries, since) that open it, in order.

    Open items and last time's topics go to the first section that takes follow-up prompts (a kind
    without one has no follow-up section, and shows none); this meeting's topics to the first that takes
    gather prompts, else the first section."""
    if recall is None:
        return {}

    def first_with(phase: str) -> int | None:
        return next((i for i, s in enumerate(kind.sections) if phase in s.phases), None)

    follow_up, gather = first_with(FOLLOW_UP_PHASE), first_with(TOPICS_PHASE)
    groups: dict[int, list[tuple[str, list, str]]] = {}
    for index, name, entries, since in (
        (follow_up, "actions", recall.actions, ""),
        (follow_up, "last-time", recall.last_time, recall.last_date),
        (0 if gather is None else gather, "topics", recall.topics, ""),
    ):
        if entries and index is not None:
            groups.setdefault(index, []).append((name, list(entries), since))
    return groups


def memory_minutes(groups: list[tuple[str, list, str]], box: int, whole: bool = False) -> list[int]:
    """Minutes per group: ENTRY_MINUTES per entry, together at most MEMORY_SHARE of the box (at least
    a minute per group while the box allows); with ``whole``, exactly the box, in the same proportions."""
    wanted = [ENTRY_MINUTES[name] * len(entries) for name, entries, _ in groups]
    cap = min(box, max(len(groups), math.floor(box * MEMORY_SHARE)))
    total = box if whole else min(sum(wanted), cap)
    return split_minutes(wanted, [1 if total >= len(groups) else 0] * len(groups), total)
