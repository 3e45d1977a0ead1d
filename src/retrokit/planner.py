"""Planning: from a meeting kind, the prompt library, a length and a seed to a timed Agenda.

1. Split the minutes over the kind's sections by weight (each gets at least its minimum; the time boxes
   add up exactly).
2. Place one prompt for each behaviour that must appear (the ``--behavior`` focus, then the core six that
   were not excluded), most constrained behaviour first, into the section with the most room left.
3. Fill each section up to its item limit with prompts that fit, preferring focus behaviours and
   behaviours the agenda does not have yet.
4. Stretch the chosen prompts' minutes to fill their section's time box exactly.

All randomness comes from ``random.Random(seed + kind)`` over id-sorted candidates, so the same inputs
and seed give the same agenda whatever order the plugins loaded in.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

from .errors import RetrokitUsageError
from .model import Agenda, AgendaItem, AgendaSection, Behavior, MeetingKind, Prompt

SEED_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_seed() -> str:
    """A short seed that is easy to read aloud and type: no 0/o, 1/l/i."""
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


@dataclass
class _Slot:
    section_index: int
    capacity: int
    max_items: int
    phases: tuple[str, ...]
    chosen: list[Prompt]

    @property
    def room(self) -> int:
        return self.capacity - sum(p.minutes for p in self.chosen)

    def fits(self, prompt: Prompt) -> bool:
        return len(self.chosen) < self.max_items and prompt.minutes <= self.room


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

    def candidates(slot: _Slot, behavior: str | None = None) -> list[Prompt]:
        return [
            p
            for p in pool
            if p.phase in slot.phases and p.id not in used and slot.fits(p)
            and (behavior is None or p.behavior == behavior)
        ]

    def take(slot: _Slot, prompt: Prompt) -> None:
        slot.chosen.append(prompt)
        used.add(prompt.id)

    # 2. the behaviours that must appear, most constrained first
    required = list(dict.fromkeys([*focus, *(b for b in core if b not in exclude)]))
    rng.shuffle(required)
    required.sort(key=lambda b: sum(len(candidates(s, b)) for s in slots))
    for behavior in required:
        options = [s for s in slots if candidates(s, behavior)]
        if not options:
            continue
        best = max(s.room for s in options)
        slot = rng.choice([s for s in options if s.room == best])
        take(slot, rng.choice(candidates(slot, behavior)))

    # 3. fill, preferring focus behaviours, then behaviours the agenda lacks, then new to the section
    for slot in slots:
        while fitting := candidates(slot):
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
            split_minutes([p.minutes for p in chosen], [0] * len(chosen), slot.capacity) if chosen else []
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
    missing = [b for b in required if b not in exercised]
    title_of = {b: (behaviors[b].title if b in behaviors else b) for b in order}
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
        missing=[title_of[b] for b in missing],
    )
