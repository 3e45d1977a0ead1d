"""The agenda in the making: one slot per section, and the rules every placement keeps.

- A section gets one main activity; a second only when its time box holds both at their suggested
  minutes, and only while the agenda is under its activity limit (``activity_limit``).
- One agenda never uses a technique twice ("" is no technique).
- Decide-phase prompts: at most one decision procedure (any technique but ``commitment``) and at most
  one commitment step.
- A main activity may run compressed (``timebox.shortest``) only where the caller allows it: the
  behaviours that must appear, pinned and priority prompts.
"""

from __future__ import annotations

from dataclasses import field

from retrokit.model import MeetingKind, Prompt
from retrokit.planning.timebox import shortest
from retrokit.records import record

#: A section holds at most this many activities (a kind's ``max_items`` may allow fewer).
PER_SECTION = 2
DECIDE_PHASE = "decide"
COMMITMENT = "commitment"


def activity_limit(kind: MeetingKind, minutes: int) -> int:
    """The most activities an agenda holds: two plus one per twelve minutes (60 min: 7, 90 min: 9), and
    never fewer than one per section and one more (so a short meeting can still hold the core six)."""
    return max(len(kind.sections) + 1, 2 + minutes // 12)


def eligible(kind: MeetingKind, prompts, context: frozenset[str], exclude=()) -> list[Prompt]:
    """The prompts this meeting may draw, sorted by id: written for the kind, for its audience ("any"
    or the kind's own), with every need in ``context``, and of a behaviour not excluded. Worked out once
    per kind, prompt pool, context and exclusions in a process (a session renders many agendas)."""
    prompts = tuple(prompts)
    key = (id(kind), tuple(map(id, prompts)), frozenset(context), tuple(exclude))
    known = _ELIGIBLE.get(key)
    if known is None:
        if len(_ELIGIBLE) >= _ELIGIBLE_LIMIT:
            _ELIGIBLE.clear()
        suits = set(kind.prompt_kinds)
        pool = sorted(
            (p for p in prompts if suits & set(p.kinds) and p.behavior not in exclude and fits_meeting(kind, p, context)),
            key=lambda p: p.id,
        )
        known = _ELIGIBLE[key] = (kind, prompts, pool)  # kind and prompts kept alive: their ids stay theirs
    return list(known[2])


#: (kind id, prompt ids, context, exclude) -> (kind, prompts, eligible prompts); see ``eligible``.
_ELIGIBLE: dict = {}
_ELIGIBLE_LIMIT = 256


def fits_meeting(kind: MeetingKind, prompt: Prompt, context: frozenset[str]) -> bool:
    return prompt.audience in ("any", kind.audience) and set(prompt.needs) <= context


_POOL = object()  # Slot._by_behavior's key for the pool it indexes


@record
class Slot:
    """One section being planned: its minutes left after the team's memory, and its prompts."""

    index: int
    capacity: int
    limit: int
    phases: tuple[str, ...]
    pool: list[Prompt]  # the eligible prompts of its phases
    chosen: list[Prompt] = field(default_factory=list)
    _by_behavior: dict = field(default_factory=dict, repr=False, compare=False)

    def __init__(self, index: int, capacity: int, limit: int, phases: tuple[str, ...], pool: list[Prompt],
                 chosen: list[Prompt] | None = None, _by_behavior: dict | None = None):
        self.index, self.capacity, self.limit, self.phases, self.pool = index, capacity, limit, phases, pool
        self.chosen = [] if chosen is None else chosen
        self._by_behavior = {} if _by_behavior is None else _by_behavior

    def of_behavior(self, behavior: str) -> list[Prompt]:
        """The pool's prompts of ``behavior``, in pool order (indexed once per pool: a swap replaces it)."""
        index = self._by_behavior
        if index.get(_POOL) is not self.pool:
            index.clear()
            for prompt in self.pool:
                index.setdefault(prompt.behavior, []).append(prompt)
            index[_POOL] = self.pool
        return index.get(behavior, [])

    def room(self) -> int:
        """Minutes left with every chosen prompt at its suggested length."""
        return self.capacity - sum(p.minutes for p in self.chosen)


class Board:
    """The slots and the agenda-wide rules; ``staleness(prompt)`` > 0 for recently used prompts."""

    def __init__(self, slots: list[Slot], limit: int, stale: dict[str, int] | None = None):
        self.slots = slots
        self.limit = limit
        self.stale = stale or {}  # prompt id -> how recently it was used (rotation); empty: nothing to rotate

    def staleness(self, prompt: Prompt) -> int:
        return self.stale.get(prompt.id, 0)

    def chosen(self) -> list[Prompt]:
        return [p for slot in self.slots for p in slot.chosen]

    def clashes(self, prompt: Prompt, others: list[Prompt]) -> bool:
        """Whether ``prompt`` breaks the technique or decide rule beside ``others``."""
        if prompt.technique and any(p.technique == prompt.technique for p in others):
            return True
        if prompt.phase != DECIDE_PHASE:
            return False
        role = prompt.technique == COMMITMENT
        return any(p.phase == DECIDE_PHASE and (p.technique == COMMITMENT) == role for p in others)

    def allows(self, slot: Slot, prompt: Prompt, compressed: bool = False) -> bool:
        """Whether ``prompt`` may join ``slot`` now (``compressed``: as a main activity, at its shortest)."""
        chosen = self.chosen()
        if any(p.id == prompt.id for p in chosen) or len(slot.chosen) >= slot.limit:
            return False
        if slot.chosen and len(chosen) >= self.limit:
            return False
        need = shortest(prompt) if compressed and not slot.chosen else prompt.minutes
        return need <= slot.room() and not self.clashes(prompt, chosen)

    def candidates(self, slot: Slot, behavior: str | None = None, compressed: bool = False) -> list[Prompt]:
        """The prompts ``slot`` may take now, of ``behavior`` if given: the freshest tier only (rotation).
        The same test as ``allows`` for each prompt of the pool, with the board's state worked out once."""
        chosen = self.chosen()
        if len(slot.chosen) >= slot.limit or (slot.chosen and len(chosen) >= self.limit):
            return []
        taken = {p.id for p in chosen}
        techniques = {p.technique for p in chosen if p.technique}
        roles = {p.technique == COMMITMENT for p in chosen if p.phase == DECIDE_PHASE}
        room = slot.room()
        squeeze = compressed and not slot.chosen
        pool = slot.pool if behavior is None else slot.of_behavior(behavior)
        fitting = [
            p for p in pool
            if p.id not in taken
            and (shortest(p) if squeeze else p.minutes) <= room
            and not (p.technique and p.technique in techniques)
            and not (p.phase == DECIDE_PHASE and (p.technique == COMMITMENT) in roles)
        ]
        if not fitting or not self.stale:
            return fitting
        stale = [self.stale.get(p.id, 0) for p in fitting]
        freshest = min(stale)
        return [p for p, s in zip(fitting, stale) if s == freshest]
