"""Filling the board after the required behaviours: first one main activity in every section still
empty, then second activities, each into the section with the most time left, while the agenda is under
its activity limit and a second truly fits (``board.Board.allows``)."""

from __future__ import annotations

from retrokit.model import Prompt
from retrokit.planning.board import Board, Slot


def first_in_section(board: Board, prompts, compressed: bool = True) -> list[Prompt]:
    """Place ``prompts`` (metric questions, pins) first, each in the first section that takes its phase,
    while the rules allow; returns the ones that found no room."""
    skipped = []
    for prompt in prompts:
        slot = next((s for s in board.slots if prompt.phase in s.phases), None)
        if slot is None:
            continue
        if board.allows(slot, prompt, compressed):
            slot.chosen.append(prompt)
        else:
            skipped.append(prompt)
    return skipped


def fill(board: Board, rng, focus=(), opened=frozenset()) -> None:
    """Main activities, then seconds (see the module docstring). A section that opens with the team's
    memory (``opened``: section indexes) takes no compressed main activity: its entries can use the box."""
    for slot in board.slots:
        if slot.chosen:
            continue
        fitting = board.candidates(slot) or ([] if slot.index in opened else board.candidates(slot, compressed=True))
        if fitting:
            slot.chosen.append(pick(board, slot, fitting, rng, focus))
    while True:
        open_slots = [(slot, fitting) for slot, fitting in zip(board.slots, board.options()) if fitting]
        if not open_slots:
            return
        most = max(slot.room() for slot, _ in open_slots)
        slot, fitting = rng.choice([(s, f) for s, f in open_slots if s.room() == most])
        slot.chosen.append(pick(board, slot, fitting, rng, focus))


def pick(board: Board, slot: Slot, fitting: list[Prompt], rng, focus=()) -> Prompt:
    """A random prompt among the best of ``fitting``: focus behaviours first, then behaviours the agenda
    does not have yet, then ones new to the section, then ones that can use at least half the time left
    (at their longest), so a big box gets an activity of its size rather than a long open discussion."""
    present = {p.behavior for p in board.chosen()}
    here = {p.behavior for p in slot.chosen}
    room = slot.room()

    def preference(p: Prompt) -> tuple[bool, bool, bool, bool]:
        return (p.behavior not in focus, p.behavior in present, p.behavior in here, 2 * p.longest < room)

    preferences = [preference(p) for p in fitting]
    top = min(preferences)
    return rng.choice([p for p, preferred in zip(fitting, preferences) if preferred == top])
