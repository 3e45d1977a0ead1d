"""Planning: from a meeting kind, the prompt library, a length and a seed to a timed Agenda.

1. Split the minutes over the kind's sections by weight (each gets at least its minimum; the time boxes
   add up exactly); the team's memory takes its share of the sections it opens, and the person's topics
   take theirs from the whole meeting (``remembered.boxes``).
2. Draw only prompts that suit the meeting (``board.eligible``): written for the kind and its audience,
   with every need in the meeting's context.
3. Place pinned prompts, then the team's metric questions, then one prompt for each behaviour that must
   appear (the ``--behavior`` focus, then the core six not excluded; ``placement``).
4. Fill: one main activity per section, then seconds where both truly fit, up to the activity limit
   (``fill``); every step keeps the rules in ``board``.
5. Time the items: suggested minutes, stretched never past a prompt's longest, compressed only for a main
   activity that needs it; spare time is an explicit open-discussion or buffer item (``layout``).

``--plan`` replays a plan id instead of steps 3-4 (``plan_id``, ``steering``); ``--swap`` redraws items.

Rotation: prompts used in the series' last N meetings (``recall.recent``, newest first) are drawn only
when no fresh prompt fits, and then the least recently used first. All randomness comes from
``random.Random(seed + kind)`` over id-sorted candidates, so the same inputs and seed give the same
agenda whatever order the plugins loaded in.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from retrokit.errors import RetrokitUsageError
from retrokit.model import Agenda, AgendaSection, Behavior, MeetingKind, Prompt
from retrokit.planning import plan_id as plan_ids
from retrokit.planning import steering
from retrokit.planning.board import PER_SECTION, Board, Slot, activity_limit, eligible, fits_meeting
from retrokit.planning.fill import fill, first_in_section
from retrokit.planning.layout import build_sections, order
from retrokit.planning.notes import coverage_notes
from retrokit.planning.placement import place
from retrokit.planning.remembered import boxes as time_boxes

if TYPE_CHECKING:  # the history module (and its TOML store) loads only when a team folder needs it
    from retrokit.memory.history import Recall

SEED_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_seed() -> str:
    """A short seed that is easy to read aloud and type: no 0/o, 1/l/i."""
    import secrets

    return "".join(secrets.choice(SEED_ALPHABET) for _ in range(8))


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
    context: frozenset[str] = frozenset(),
    plan_id: str = "",
    pins=(),
    swaps=(),
) -> Agenda:
    """Plan an agenda (see the module docstring). ``recall`` is what the team's memory files give it;
    ``priority`` prompts are placed first in their sections while they fit; ``plan_id`` replays a plan,
    ``pins`` and ``swaps`` steer it (prompt ids)."""
    if plan_id:
        minutes = plan_ids.minutes_of(plan_id, kind.name, None)  # the plan fixes the length
    if minutes < kind.min_minutes:
        raise RetrokitUsageError(
            f"--minutes {minutes} is too short for a {kind.name}: the shortest sensible one is "
            f"{kind.min_minutes} minutes"
        )
    rng = random.Random(f"{seed}|{kind.name}")
    context = frozenset(context) | set(kind.context)
    drawable = eligible(kind, prompts, context, exclude)
    pool = drawable.pool
    timed = time_boxes(kind, recall, minutes)  # the boxes, and what the team's memory reserves in them
    board = _board(kind, timed, drawable.sections, activity_limit(kind, minutes), recall)
    known = {p.id: p for p in [*prompts, *priority]} if pins or plan_id else {}  # what a pin or plan may name
    pinned = steering.check_pins(pins, kind, known, context, exclude)
    required = list(dict.fromkeys([*focus, *(b for b in core if b not in exclude)]))
    notes = []
    if plan_id:
        steering.replay(plan_ids.decode(plan_id), kind, board, known)
        for prompt in pinned:
            steering.pin_into(board, prompt)
    else:
        notes += _draw(kind, board, rng, required, focus, exclude, pinned, priority, context, set(timed.groups), minutes)
    notes += [note for prompt_id in swaps if (note := steering.swap(board, prompt_id, rng, focus))]
    sections, dropped = build_sections(kind, timed, board, behaviors)
    notes = [*timed.notes, *coverage_notes(kind, prompts, pool, required, sections, behaviors, minutes, context),
             *notes, *dropped]
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
        plan=plan_ids.encode(kind.name, minutes, [[p.id for p in slot.chosen] for slot in board.slots]),
        context=sorted(context),
    )


def _board(kind: MeetingKind, timed, pools, limit: int, recall) -> Board:
    """One slot per section, with the minutes the memory leaves it (``timed``) and the eligible prompts of
    its phases (``pools``: ``board.SectionPool``s); rotation from ``recall``."""
    slots = [
        Slot(i, timed.room(i), min(s.max_items, PER_SECTION), s.phases, pool)
        for i, (s, pool) in enumerate(zip(kind.sections, pools))
    ]
    # Rotation: 0 for a prompt not used in the recent meetings, else higher the more recently used.
    recent = recall.recent if recall is not None else []
    stale: dict[str, int] = {}
    for age, ids in enumerate(recent):
        for prompt_id in ids:
            stale.setdefault(prompt_id, len(recent) - age)
    return Board(slots, limit, stale)


def _draw(kind, board, rng, required, focus, exclude, pinned, priority, context, opened, minutes) -> list[str]:
    """Steps 3 and 4 of the module docstring, in place; notes for the priority prompts left out."""
    steering.pin_first(board, pinned)
    suits = set(kind.prompt_kinds)
    wanted = [
        p for p in dict((p.id, p) for p in priority).values()
        if suits & set(p.kinds) and p.behavior not in exclude and fits_meeting(kind, p, context)
    ]
    skipped = first_in_section(board, wanted)
    rotating = bool(board.stale) and any(p.id in board.stale for slot in board.slots for p in slot.pool.prompts)
    present = {p.behavior for p in board.chosen()}
    for slot, prompt in place([b for b in required if b not in present], board, rng, rotating):
        slot.chosen.append(prompt)
    fill(board, rng, focus, opened)
    first = {p.id for p in [*pinned, *wanted]}
    for slot, section in zip(board.slots, kind.sections):
        slot.chosen[:] = order(section.phases, slot.chosen, first)
    if not skipped:
        return []
    shown = ", ".join(p.id for p in skipped[:3]) + (", …" if len(skipped) > 3 else "")
    return [
        f"no room for {len(skipped)} priority prompt{'s' if len(skipped) > 1 else ''} ({shown}) "
        f"in {minutes} minutes; a longer meeting has room"
    ]


def coverage(sections: list[AgendaSection], behaviors: dict, core=(), focus=()) -> list[str]:
    """The titles of the behaviours the sections' items exercise: core ones first, then focus ones,
    then the rest by name (open discussions and buffers exercise none)."""
    exercised = {item.behavior for section in sections for item in section.items if item.behavior}
    order_ = dict.fromkeys([*core, *focus, *sorted(exercised)])
    return [behaviors[b].title if b in behaviors else b for b in order_ if b in exercised]
