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

from retrokit.model import MeetingKind, Prompt, shortest_minutes
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


def eligible(kind: MeetingKind, prompts, context: frozenset[str], exclude=()) -> Eligible:
    """The prompts this meeting may draw: written for the kind, for its audience ("any" or the kind's
    own), with every need in ``context``, and of a behaviour not excluded. Worked out once per kind,
    prompt pool, context and exclusions in a process (a session renders many agendas)."""
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
        known = _ELIGIBLE[key] = Eligible(kind, prompts, tuple(pool))
    return known


class Eligible:
    """What ``eligible`` finds: ``pool``, the prompts sorted by id, and ``sections``, a ``SectionPool``
    per section of the kind (the pool's prompts of its phases, phase by phase). Never changed once made:
    every agenda of a session shares it. Kind and prompts are kept alive so that their ids stay theirs."""

    __slots__ = ("kind", "prompts", "pool", "sections")

    def __init__(self, kind: MeetingKind, prompts: tuple[Prompt, ...], pool: tuple[Prompt, ...]):
        self.kind, self.prompts, self.pool = kind, prompts, pool
        by_phase: dict[str, list[Prompt]] = {}
        for prompt in pool:
            by_phase.setdefault(prompt.phase, []).append(prompt)
        self.sections = tuple(
            SectionPool(p for phase in section.phases for p in by_phase.get(phase, ())) for section in kind.sections
        )


class SectionPool:
    """A section's eligible prompts (``prompts``) and, by behaviour, the ones of each behaviour in the
    same order (``by_behavior``). Never changed once made (a swap makes the slot a new one)."""

    __slots__ = ("prompts", "by_behavior")

    def __init__(self, prompts):
        self.prompts: tuple[Prompt, ...] = tuple(prompts)
        by_behavior: dict[str, list[Prompt]] = {}
        for prompt in self.prompts:
            by_behavior.setdefault(prompt.behavior, []).append(prompt)
        self.by_behavior = {behavior: tuple(of) for behavior, of in by_behavior.items()}

    def __repr__(self) -> str:
        return f"SectionPool({[p.id for p in self.prompts]!r})"


#: (kind id, prompt ids, context, exclude) -> Eligible; see ``eligible``.
_ELIGIBLE: dict = {}
_ELIGIBLE_LIMIT = 256


def fits_meeting(kind: MeetingKind, prompt: Prompt, context: frozenset[str]) -> bool:
    return prompt.audience in ("any", kind.audience) and set(prompt.needs) <= context


@record
class Slot:
    """One section being planned: its minutes left after the team's memory, and its prompts."""

    index: int
    capacity: int
    limit: int
    phases: tuple[str, ...]
    pool: SectionPool  # the eligible prompts of its phases (a swap replaces it)
    chosen: list[Prompt] = field(default_factory=list)

    def __init__(self, index: int, capacity: int, limit: int, phases: tuple[str, ...], pool: SectionPool,
                 chosen: list[Prompt] | None = None):
        self.index, self.capacity, self.limit, self.phases, self.pool = index, capacity, limit, phases, pool
        self.chosen = [] if chosen is None else chosen

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
        return self._fitting([slot], behavior, compressed)[0]

    def options(self, behavior: str | None = None, compressed: bool = False) -> list[list[Prompt]]:
        """``candidates`` of every slot, in slot order, with the board's state worked out once for all."""
        return self._fitting(self.slots, behavior, compressed)

    def _fitting(self, slots: list[Slot], behavior: str | None, compressed: bool) -> list[list[Prompt]]:
        chosen = self.chosen()
        full = len(chosen) >= self.limit
        taken = {p.id for p in chosen}
        techniques = {p.technique for p in chosen if p.technique}
        roles = {p.technique == COMMITMENT for p in chosen if p.phase == DECIDE_PHASE}
        result = []
        for slot in slots:
            pool = slot.pool.prompts if behavior is None else slot.pool.by_behavior.get(behavior, ())
            if not pool or len(slot.chosen) >= slot.limit or (slot.chosen and full):
                result.append([])
                continue
            room = slot.room()
            if compressed and not slot.chosen:
                fitting = [p for p in pool if shortest_minutes(p.minutes) <= room]
            else:
                fitting = [p for p in pool if p.minutes <= room]
            if chosen:  # the agenda-wide rules: no prompt twice, no technique twice, one of each decide role
                fitting = [
                    p for p in fitting
                    if p.id not in taken
                    and not (p.technique and p.technique in techniques)
                    and not (p.phase == DECIDE_PHASE and (p.technique == COMMITMENT) in roles)
                ]
            result.append(self._freshest(fitting))
        return result

    def _freshest(self, fitting: list[Prompt]) -> list[Prompt]:
        """The least recently used of ``fitting`` (all of them when nothing rotates)."""
        if not fitting or not self.stale:
            return fitting
        stale = [self.stale.get(p.id, 0) for p in fitting]
        freshest = min(stale)
        return [p for p, s in zip(fitting, stale) if s == freshest]
