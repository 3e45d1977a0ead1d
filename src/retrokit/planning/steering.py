"""Steering a plan: replaying a plan id (``--plan``), pinning prompts (``--pin``) and redrawing single
items (``--swap``). A replay takes the plan's prompts as they are; pins and swaps keep the board's rules."""

from __future__ import annotations

from retrokit.errors import RetrokitUsageError, did_you_mean
from retrokit.model import MeetingKind, Prompt
from retrokit.planning.board import Board, SectionPool, Slot
from retrokit.planning.fill import pick
from retrokit.planning.plan_id import Plan


def _known(option: str, prompt_id: str, known: dict[str, Prompt]) -> Prompt:
    if prompt_id not in known:
        raise RetrokitUsageError(
            f"{option} names prompt '{prompt_id}', which no loaded plugin provides{did_you_mean(prompt_id, known)}"
        )
    return known[prompt_id]


def _for_kind(option: str, prompt: Prompt, kind: MeetingKind) -> None:
    if not set(kind.prompt_kinds) & set(prompt.kinds):
        raise RetrokitUsageError(f"{option}: prompt '{prompt.id}' is for a {'/'.join(prompt.kinds)}, not a {kind.name}")
    if prompt.audience not in ("any", kind.audience):
        raise RetrokitUsageError(f"{option}: prompt '{prompt.id}' is written for a {prompt.audience}, and a {kind.name} is for a {kind.audience}")


def replay(plan: Plan, kind: MeetingKind, board: Board, known: dict[str, Prompt]) -> None:
    """Put exactly the plan's prompts into the board's slots; anything that does not belong is a usage
    error naming it."""
    if len(plan.sections) != len(kind.sections):
        raise RetrokitUsageError(f"--plan has {len(plan.sections)} sections; a {kind.name} has {len(kind.sections)}")
    for slot, section, ids in zip(board.slots, kind.sections, plan.sections):
        for prompt_id in ids:
            prompt = _known("--plan", prompt_id, known)
            _for_kind("--plan", prompt, kind)
            if prompt.phase not in section.phases:
                raise RetrokitUsageError(
                    f"--plan puts prompt '{prompt_id}' (phase {prompt.phase}) in section '{section.id}', "
                    f"which takes {', '.join(section.phases)}"
                )
            slot.chosen.append(prompt)


def check_pins(pins, kind: MeetingKind, known: dict[str, Prompt], context, exclude=()) -> list[Prompt]:
    """The pinned prompts, each checked: it exists, suits this meeting and has a section to go to."""
    prompts = []
    for prompt_id in dict.fromkeys(pins):
        prompt = _known("--pin", prompt_id, known)
        _for_kind("--pin", prompt, kind)
        missing = sorted(set(prompt.needs) - set(context))
        if missing:
            tags = " ".join(f"--context {tag}" for tag in missing)
            raise RetrokitUsageError(f"--pin {prompt_id} needs {', '.join(missing)} in the meeting's context ({tags})")
        if prompt.behavior in exclude:
            raise RetrokitUsageError(f"--pin {prompt_id} is a {prompt.behavior} prompt, and --exclude-behavior leaves that out")
        if not any(prompt.phase in s.phases for s in kind.sections):
            raise RetrokitUsageError(f"--pin {prompt_id}: no section of a {kind.name} takes {prompt.phase} prompts")
        prompts.append(prompt)
    return prompts


def pin_into(board: Board, prompt: Prompt) -> None:
    """Put ``prompt`` first in its phase's section of a replayed plan: prompts that clash with it (the same
    technique, a second decision procedure) leave, and its section keeps the others that still fit."""
    if prompt in board.chosen():
        return
    slot = next(s for s in board.slots if prompt.phase in s.phases)
    for other in board.slots:
        other.chosen[:] = [p for p in other.chosen if not board.clashes(prompt, [p])]
    kept, slot.chosen[:] = list(slot.chosen), []
    if not board.allows(slot, prompt, compressed=True):
        raise RetrokitUsageError(f"--pin {prompt.id} ({prompt.minutes} min) does not fit its {slot.capacity}-min section")
    slot.chosen.append(prompt)
    slot.chosen.extend(p for p in kept if board.allows(slot, p))


def pin_first(board: Board, pinned: list[Prompt]) -> None:
    """Place pins first in a new plan, each in its phase's section; one that cannot go in is a usage error."""
    for prompt in pinned:
        slot = next(s for s in board.slots if prompt.phase in s.phases)
        if not board.allows(slot, prompt, compressed=True):
            why = "a pinned prompt clashes with it" if board.clashes(prompt, board.chosen()) else "its section has no room"
            raise RetrokitUsageError(f"--pin {prompt.id} does not fit: {why}")
        slot.chosen.append(prompt)


def swap(board: Board, prompt_id: str, rng, focus=()) -> str:
    """Redraw the item of ``prompt_id`` in place, the same behaviour first; "" or a note when nothing
    else fits there (the item stays)."""
    where = [(slot, i) for slot in board.slots for i, p in enumerate(slot.chosen) if p.id == prompt_id]
    if not where:
        ids = [p.id for p in board.chosen()]
        raise RetrokitUsageError(
            f"--swap {prompt_id}: the plan has no such prompt{did_you_mean(prompt_id, ids)} (its prompts: {', '.join(ids)})"
        )
    slot, position = where[0]
    old = slot.chosen.pop(position)
    slot.pool = SectionPool(p for p in slot.pool.prompts if p.id != prompt_id)  # it does not come back
    alone = not slot.chosen
    replacement = _redraw(board, slot, old, alone, rng, focus)
    slot.chosen.insert(position, replacement or old)
    return "" if replacement else f"--swap {prompt_id}: no other prompt fits its place; it stays"


def _redraw(board: Board, slot: Slot, old: Prompt, alone: bool, rng, focus) -> Prompt | None:
    for behavior, compressed in ((old.behavior, False), (old.behavior, alone), (None, False), (None, alone)):
        fitting = board.candidates(slot, behavior, compressed)
        if fitting:
            return pick(board, slot, fitting, rng, focus)
    return None

