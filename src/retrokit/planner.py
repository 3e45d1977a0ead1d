"""Planning: from a meeting kind, the prompt library, a length and a seed to a timed Agenda.

1. Split the minutes over the kind's sections by weight (each gets at least its minimum; the time boxes
   add up exactly).
2. Place one prompt for each behaviour that must appear (the ``--behavior`` focus, then the core six that
   were not excluded), most constrained behaviour first, into the section with the most room left.
3. Fill each section up to its item limit with prompts that fit, preferring focus behaviours and
   behaviours the agenda does not have yet.
4. Stretch (or, for the behaviours that must appear, compress to about 60%) the chosen prompts' minutes
   to fill their section's time box exactly.

All randomness comes from ``random.Random(seed + kind)`` over id-sorted candidates, so the same inputs
and seed give the same agenda whatever order the plugins loaded in.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from .errors import RetrokitUsageError
from .model import Agenda, AgendaItem, AgendaSection, Behavior, MeetingKind, Prompt

SEED_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
COMPRESSION = 0.6
SEARCH_BUDGET = 5000


def new_seed() -> str:
    """A short seed that is easy to read aloud and type: no 0/o, 1/l/i."""
    import secrets

    return "".join(secrets.choice(SEED_ALPHABET) for _ in range(8))


def split_minutes(weights: list[float], minimums: list[int], total: int) -> list[int]:
    """Integer minutes per part: at least each minimum, proportional to weight, summing to ``total``."""
    extra = total - sum(minimums)
    shares = [extra * w / sum(weights) for w in weights]
    result = [m + int(s) for m, s in zip(minimums, shares)]
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    return result


def shortest(prompt: Prompt) -> int:
    """The least time a prompt can be run in: a facilitator can compress one to about 60%."""
    return min(prompt.minutes, max(2, math.ceil(prompt.minutes * COMPRESSION)))


@dataclass
class _Slot:
    section_index: int
    capacity: int
    max_items: int
    phases: tuple[str, ...]
    chosen: list[Prompt]

    def room(self, compressed: bool) -> int:
        """Minutes left: assuming chosen prompts run compressed, or at their suggested length."""
        return self.capacity - sum(shortest(p) if compressed else p.minutes for p in self.chosen)


def _place(required, slots, candidates, rng) -> list[tuple[_Slot, Prompt]]:
    """Give each required behaviour one prompt, most constrained behaviour first.

    First a greedy pass (random prompt, roomiest section) for variety; when that leaves a behaviour
    out, a depth-first search with each behaviour's shortest prompt per section, which finds a
    placement whenever one exists. Returns the largest placement found; slots are left unchanged.
    """
    saved = [list(slot.chosen) for slot in slots]

    def options(slot, behavior):
        return candidates(slot, behavior, True)

    def restore():
        for slot, chosen in zip(slots, saved):
            slot.chosen[:] = chosen

    order = list(required)
    rng.shuffle(order)
    order.sort(key=lambda b: sum(len(options(s, b)) for s in slots))

    greedy = []
    for behavior in order:
        open_slots = [s for s in slots if options(s, behavior)]
        if not open_slots:
            continue
        most = max(s.room(True) for s in open_slots)
        slot = rng.choice([s for s in open_slots if s.room(True) == most])
        prompt = rng.choice(options(slot, behavior))
        slot.chosen.append(prompt)
        greedy.append((slot, prompt))
    restore()
    if len(greedy) == len(order):
        return greedy

    best: list[tuple[_Slot, Prompt]] = []
    budget = [SEARCH_BUDGET]

    def search(index: int, path: list) -> bool:
        nonlocal best
        if len(path) > len(best):
            best = list(path)
        if index == len(order) or budget[0] <= 0:
            return len(path) == len(order)
        budget[0] -= 1
        open_slots = [s for s in slots if options(s, order[index])]
        rng.shuffle(open_slots)
        for slot in open_slots:
            fitting = options(slot, order[index])
            least = min(shortest(p) for p in fitting)
            prompt = rng.choice([p for p in fitting if shortest(p) == least])
            slot.chosen.append(prompt)
            path.append((slot, prompt))
            if search(index + 1, path):
                return True
            path.pop()
            slot.chosen.pop()
        return search(index + 1, path)  # this behaviour cannot be placed: place the others

    search(0, [])
    restore()
    return best if len(best) >= len(greedy) else greedy


def plan(
    kind: MeetingKind,
    prompts: list[Prompt],
    behaviors: dict[str, Behavior],
    *,
    minutes: int,
    seed: str,
    core: tuple[str, ...],
    focus: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    title: str = "",
    team: str = "",
    command: str = "",
) -> Agenda:
    if minutes < kind.min_minutes:
        raise RetrokitUsageError(
            f"--minutes {minutes} is too short for a {kind.name}: the shortest sensible one is "
            f"{kind.min_minutes} minutes"
        )
    rng = random.Random(f"{seed}|{kind.name}")
    suits = set(kind.prompt_kinds)
    pool = sorted(
        (p for p in prompts if suits & set(p.kinds) and p.behavior not in exclude),
        key=lambda p: p.id,
    )
    capacities = split_minutes(
        [s.weight for s in kind.sections], [s.min_minutes for s in kind.sections], minutes
    )
    slots = [
        _Slot(i, cap, s.max_items, s.phases, []) for i, (s, cap) in enumerate(zip(kind.sections, capacities))
    ]
    used: set[str] = set()

    by_phase: dict[str, list[Prompt]] = {}
    for prompt in pool:
        by_phase.setdefault(prompt.phase, []).append(prompt)
    slot_pool = {id(slot): [p for phase in slot.phases for p in by_phase.get(phase, [])] for slot in slots}

    def candidates(slot: _Slot, behavior: str | None = None, compressed: bool = False) -> list[Prompt]:
        if len(slot.chosen) >= slot.max_items:
            return []
        room = slot.room(compressed)
        return [
            p
            for p in slot_pool[id(slot)]
            if (behavior is None or p.behavior == behavior)
            and (shortest(p) if compressed else p.minutes) <= room
            and p.id not in used
        ]

    def take(slot: _Slot, prompt: Prompt) -> None:
        slot.chosen.append(prompt)
        used.add(prompt.id)

    # 2. the behaviours that must appear; these may run compressed
    required = list(dict.fromkeys([*focus, *(b for b in core if b not in exclude)]))
    for slot, prompt in _place(required, slots, candidates, rng):
        take(slot, prompt)

    # 3. fill, preferring focus behaviours, then behaviours the agenda lacks, then new to the section
    for slot in slots:
        # An empty section may take one compressed prompt rather than stay "open discussion".
        while fitting := candidates(slot) or (candidates(slot, compressed=True) if not slot.chosen else []):
            present = {p.behavior for s in slots for p in s.chosen}
            here = {p.behavior for p in slot.chosen}

            def preference(p: Prompt) -> tuple[bool, bool, bool]:
                return (p.behavior not in focus, p.behavior in present, p.behavior in here)

            top = min(map(preference, fitting))
            take(slot, rng.choice([p for p in fitting if preference(p) == top]))

    # 4. stretch to the time boxes, items in the order of the section's phases
    sections = []
    for section, slot in zip(kind.sections, slots):
        chosen = sorted(slot.chosen, key=lambda p: section.phases.index(p.phase))
        item_minutes = (
            split_minutes([p.minutes for p in chosen], [shortest(p) for p in chosen], slot.capacity)
            if chosen
            else []
        )
        items = [
            AgendaItem(
                prompt_id=p.id,
                text=p.text,
                behavior=p.behavior,
                behavior_title=behaviors[p.behavior].title if p.behavior in behaviors else p.behavior,
                minutes=m,
                note=p.note,
                plugin=p.plugin,
            )
            for p, m in zip(chosen, item_minutes)
        ]
        sections.append(AgendaSection(section.id, section.title, slot.capacity, section.intro, items))

    exercised = {item.behavior for s in sections for item in s.items}
    order = list(dict.fromkeys([*core, *focus, *sorted(exercised)]))
    coverage = [b for b in order if b in exercised]
    title_of = {b: (behaviors[b].title if b in behaviors else b) for b in [*order, *required]}
    phases = {phase for section in kind.sections for phase in section.phases}
    offered = {p.behavior for p in pool if p.phase in phases}
    notes = []
    no_room = [title_of[b] for b in required if b not in exercised and b in offered]
    no_prompts = [title_of[b] for b in required if b not in exercised and b not in offered]
    if no_room:
        notes.append(f"no room for {', '.join(no_room)} in {minutes} minutes; a longer meeting has room")
    if no_prompts:
        notes.append(f"no {', '.join(no_prompts)} prompts suit a {kind.name}")
    return Agenda(
        kind=kind.name,
        kind_title=kind.title,
        title=title or (f"{kind.title} · {team}" if team else kind.title),
        team=team,
        minutes=minutes,
        seed=seed,
        command=command,
        sections=sections,
        coverage=[title_of[b] for b in coverage],
        notes=notes,
    )
