"""Planning: from a meeting kind, the prompt library, a length and a seed to a timed Agenda.

1. Split the minutes over the kind's sections by weight (each gets at least its minimum; the time boxes
   add up exactly).
2. Place one prompt for each behaviour that must appear (the ``--behavior`` focus, then the core six that
   were not excluded), most constrained behaviour first, into the section with the most room left.
3. Fill each section up to its item limit with prompts that fit, preferring focus behaviours and
   behaviours the agenda does not have yet.
4. Stretch (or, for the behaviours that must appear, compress to about 60%) the chosen prompts' minutes
   to fill their section's time box exactly.

The team's memory (``history.Recall``) shapes this:
- ``remembered.boxes`` gives the time boxes and what the memory reserves in them: the open action
  items open the follow-up section (the first that takes ``follow-up`` prompts; a kind without one
  shows none), taking at most two thirds of its box; the person's topics (this meeting's, then the
  ones still open from earlier) lead the first section that takes ``gather`` prompts (else the first),
  with minutes taken from the prompts' share of the whole meeting. The prompts share what is left of
  each box, and when none fits there the entries take the whole box. A section's box is always its
  entries' minutes plus its prompts' minutes.
- Rotation: prompts used in the series' last N meetings (``recent``, newest first) are drawn only when
  no fresh prompt fits, and then the least recently used first.
- ``priority`` prompts (the team's metric questions) are placed before anything else, first in the
  section that takes their phase, while they fit; rotation does not apply to them.

All randomness comes from ``random.Random(seed + kind)`` over id-sorted candidates, so the same inputs
and seed give the same agenda whatever order the plugins loaded in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from retrokit.errors import RetrokitUsageError
from retrokit.planning.remembered import boxes as time_boxes
from retrokit.planning.timebox import shortest, split_minutes
from retrokit.model import Agenda, AgendaItem, AgendaSection, Behavior, MeetingKind, MemoryGroup, Prompt

if TYPE_CHECKING:  # the history module (and its TOML store) loads only when a team folder needs it
    from retrokit.memory.history import Recall

SEED_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SEARCH_BUDGET = 5000


def new_seed() -> str:
    """A short seed that is easy to read aloud and type: no 0/o, 1/l/i."""
    import secrets

    return "".join(secrets.choice(SEED_ALPHABET) for _ in range(8))


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


def _place(required, slots, candidates, rng, staleness=None) -> list[tuple[_Slot, Prompt]]:
    """Give each required behaviour one prompt, most constrained behaviour first.

    With a history (``staleness(prompt)`` > 0 for recently used prompts) it first looks for a placement
    of fresh prompts only; only when that leaves a behaviour out do recently used prompts come in,
    least recently used first. Returns the largest placement found; slots are left unchanged.
    """
    order = list(required)
    rng.shuffle(order)
    order.sort(key=lambda b: sum(len(candidates(s, b, True)) for s in slots))
    if staleness is None:
        return _search(order, slots, candidates, rng)

    def fresh(slot, behavior, compressed):
        return [p for p in candidates(slot, behavior, compressed) if not staleness(p)]

    placed = _search(order, slots, fresh, rng)
    if len(placed) < len(order):
        tiered = _search(order, slots, candidates, rng, staleness)
        placed = tiered if len(tiered) > len(placed) else placed
    return placed


def _search(order, slots, candidates, rng, staleness=lambda prompt: 0) -> list[tuple[_Slot, Prompt]]:
    """Place one prompt per behaviour of ``order``: first a greedy pass (random prompt, roomiest
    section) for variety; when that leaves a behaviour out, a depth-first search with each behaviour's
    shortest prompt per section, which finds a placement whenever one exists. Sections whose candidates
    are fresher (``staleness``) come first. Returns the largest placement found; slots are left unchanged.
    """
    saved = [list(slot.chosen) for slot in slots]

    def options(slot, behavior):
        return candidates(slot, behavior, True)

    def freshest(open_slots, behavior):
        """The sections whose options for ``behavior`` are the least recently used."""
        tiers = [staleness(options(s, behavior)[0]) for s in open_slots]
        return [s for s, tier in zip(open_slots, tiers) if tier == min(tiers, default=0)]

    def restore():
        for slot, chosen in zip(slots, saved):
            slot.chosen[:] = chosen

    greedy = []
    for behavior in order:
        open_slots = freshest([s for s in slots if options(s, behavior)], behavior)
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
        open_slots.sort(key=lambda s: staleness(options(s, order[index])[0]))
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
    recall: Recall | None = None,
    priority: list[Prompt] = (),
) -> Agenda:
    """Plan an agenda (see the module docstring). ``recall`` is what the team's memory files give it;
    ``priority`` prompts are placed first in their sections while they fit."""
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
    timed = time_boxes(kind, recall, minutes)
    boxes, memory, reserved = timed.boxes, timed.groups, timed.reserved
    slots = [_Slot(i, timed.room(i), s.max_items, s.phases, []) for i, s in enumerate(kind.sections)]
    used: set[str] = set()

    # Rotation: 0 for a prompt not used in the recent meetings, else higher the more recently used.
    recent = recall.recent if recall is not None else []
    stale: dict[str, int] = {}
    for age, ids in enumerate(recent):
        for prompt_id in ids:
            stale.setdefault(prompt_id, len(recent) - age)

    def staleness(prompt: Prompt) -> int:
        return stale.get(prompt.id, 0)

    by_phase: dict[str, list[Prompt]] = {}
    for prompt in pool:
        by_phase.setdefault(prompt.phase, []).append(prompt)
    slot_pool = {id(slot): [p for phase in slot.phases for p in by_phase.get(phase, [])] for slot in slots}

    def candidates(slot: _Slot, behavior: str | None = None, compressed: bool = False) -> list[Prompt]:
        """Prompts that fit ``slot``: the freshest tier only (rotation)."""
        if len(slot.chosen) >= slot.max_items:
            return []
        room = slot.room(compressed)
        fitting = [
            p
            for p in slot_pool[id(slot)]
            if (behavior is None or p.behavior == behavior)
            and (shortest(p) if compressed else p.minutes) <= room
            and p.id not in used
        ]
        freshest = min(map(staleness, fitting), default=0)
        return [p for p in fitting if staleness(p) == freshest]

    def take(slot: _Slot, prompt: Prompt) -> None:
        slot.chosen.append(prompt)
        used.add(prompt.id)

    # 2a. priority prompts (the team's metric questions) first, while they fit
    first: set[str] = set()
    skipped = []
    for prompt in priority:
        if not suits & set(prompt.kinds) or prompt.behavior in exclude or prompt.id in used:
            continue
        slot = next((s for s in slots if prompt.phase in s.phases), None)
        if slot is None:
            continue
        if len(slot.chosen) < slot.max_items and shortest(prompt) <= slot.room(True):
            take(slot, prompt)
            first.add(prompt.id)
        else:
            skipped.append(prompt.id)

    # 2b. the behaviours that must appear; these may run compressed
    required = list(dict.fromkeys([*focus, *(b for b in core if b not in exclude)]))
    for slot, prompt in _place(required, slots, candidates, rng, staleness if stale else None):
        take(slot, prompt)

    # 3. fill, preferring focus behaviours, then behaviours the agenda lacks, then new to the section
    for slot in slots:
        # An empty section may take one compressed prompt rather than stay "open discussion"; one that
        # opens with remembered entries is not empty.
        empty = slot.section_index not in memory
        while fitting := candidates(slot) or (candidates(slot, compressed=True) if empty and not slot.chosen else []):
            present = {p.behavior for s in slots for p in s.chosen}
            here = {p.behavior for p in slot.chosen}

            def preference(p: Prompt) -> tuple[bool, bool, bool]:
                return (p.behavior not in focus, p.behavior in present, p.behavior in here)

            top = min(map(preference, fitting))
            take(slot, rng.choice([p for p in fitting if preference(p) == top]))

    # 4. stretch to the time boxes, items in the order of the section's phases (priority ones first)
    sections = []
    for i, (section, slot) in enumerate(zip(kind.sections, slots)):
        chosen = sorted(slot.chosen, key=lambda p: (p.id not in first, section.phases.index(p.phase)))
        groups = memory.get(i, [])
        shares = reserved.get(i, [])
        if groups and not chosen:  # no prompt fits beside them: the entries take the whole box
            shares = timed.whole(i)
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
        remembered = [MemoryGroup(name, m, entries, since) for (name, entries, since), m in zip(groups, shares)]
        sections.append(AgendaSection(section.id, section.title, boxes[i], section.intro, items, remembered))

    exercised = {item.behavior for s in sections for item in s.items}
    title_of = {b: (behaviors[b].title if b in behaviors else b) for b in [*exercised, *required]}
    phases = {phase for section in kind.sections for phase in section.phases}
    offered = {p.behavior for p in pool if p.phase in phases}
    notes = list(timed.notes)
    no_room = [title_of[b] for b in required if b not in exercised and b in offered]
    no_prompts = [title_of[b] for b in required if b not in exercised and b not in offered]
    if no_room:
        notes.append(f"no room for {', '.join(no_room)} in {minutes} minutes; a longer meeting has room")
    if no_prompts:
        notes.append(f"no {', '.join(no_prompts)} prompts suit a {kind.name}")
    if skipped:
        shown = ", ".join(skipped[:3]) + (", …" if len(skipped) > 3 else "")
        notes.append(
            f"no room for {len(skipped)} priority prompt{'s' if len(skipped) > 1 else ''} ({shown}) "
            f"in {minutes} minutes; a longer meeting has room"
        )
    person = recall.person if recall is not None else ""
    default_title = f"{kind.title} · {person or team}" if person or team else kind.title
    return Agenda(
        kind=kind.name,
        kind_title=kind.title,
        title=title or default_title,
        team=team,
        minutes=minutes,
        seed=seed,
        command=command,
        sections=sections,
        coverage=coverage(sections, behaviors, core, focus),
        notes=notes,
    )


def coverage(sections: list[AgendaSection], behaviors: dict, core=(), focus=()) -> list[str]:
    """The titles of the behaviours the sections' items exercise: core ones first, then focus ones,
    then the rest by name."""
    exercised = {item.behavior for section in sections for item in section.items}
    order = dict.fromkeys([*core, *focus, *sorted(exercised)])
    return [behaviors[b].title if b in behaviors else b for b in order if b in exercised]
