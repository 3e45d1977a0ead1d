"""Placing the behaviours that must appear: one prompt each, most constrained behaviour first.

A greedy pass comes first, for variety (a random prompt in a random emptiest section); when it
leaves a behaviour out, a depth-first search with each behaviour's shortest prompt per section runs,
which finds a placement whenever one exists within the search budget. Every step keeps the board's
rules (``board.Board.allows``); these prompts may run compressed as a section's main activity.
"""

from __future__ import annotations

from retrokit.model import Prompt
from retrokit.planning.board import Board, Slot
from retrokit.planning.timebox import shortest

SEARCH_BUDGET = 5000

Placement = list[tuple[Slot, Prompt]]


def place(required, board: Board, rng, rotating: bool) -> Placement:
    """One prompt per behaviour of ``required`` where the rules allow; the board is left unchanged.

    With rotation (``rotating``) it first looks for a placement of fresh prompts only; only when that
    leaves a behaviour out do recently used prompts come in, least recently used first."""
    order = list(required)
    rng.shuffle(order)
    order.sort(key=lambda b: sum(map(len, board.options(b, True))))
    if not rotating:
        return _search(order, board, rng, _options(board))
    fresh = _options(board, keep=lambda p: not board.staleness(p))
    placed = _search(order, board, rng, fresh)
    if len(placed) < len(order):
        tiered = _search(order, board, rng, _options(board), board.staleness)
        placed = tiered if len(tiered) > len(placed) else placed
    return placed


def _options(board: Board, keep=None):
    """``options(behavior)``: slot id -> the prompts of ``behavior`` it may take now as a main activity
    (compressed if need be), those ``keep`` keeps."""
    def options(behavior: str) -> dict[int, list[Prompt]]:
        fitting = board.options(behavior, True)
        if keep is not None:
            fitting = [[p for p in prompts if keep(p)] for prompts in fitting]
        return dict(zip(map(id, board.slots), fitting))

    return options


def _search(order, board: Board, rng, options, staleness=lambda prompt: 0) -> Placement:
    """Place one prompt per behaviour of ``order`` (see the module docstring). Sections whose options are
    fresher (``staleness``) come first. Returns the largest placement found; the board is unchanged."""
    saved = [list(slot.chosen) for slot in board.slots]

    def restore():
        for slot, chosen in zip(board.slots, saved):
            slot.chosen[:] = chosen

    greedy = _greedy(order, board, rng, options, staleness)
    restore()
    if len(greedy) == len(order):
        return greedy
    best: Placement = []
    budget = [SEARCH_BUDGET]

    def search(index: int, path: Placement) -> bool:
        nonlocal best
        if len(path) > len(best):
            best = list(path)
        if index == len(order) or budget[0] <= 0:
            return len(path) == len(order)
        budget[0] -= 1
        here = options(order[index])  # the board is as it was after each try
        open_slots = [s for s in board.slots if here[id(s)]]
        rng.shuffle(open_slots)
        open_slots.sort(key=lambda s: (len(s.chosen), staleness(here[id(s)][0])))
        for slot in open_slots:
            fitting = here[id(slot)]
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


def _greedy(order, board: Board, rng, options, staleness) -> Placement:
    """A random prompt per behaviour in a random one of the freshest, emptiest sections (any section, so
    every prompt of the behaviour gets its chance); leaves them placed. When there are more empty sections
    than behaviours, one random empty section is kept for the rest of the library while another can take
    the behaviour (as a section's second activity, where one fits): otherwise the required behaviours take
    the same sections every time, and the other families' prompts for them (a 1:1's check-in or
    feedback) are never drawn."""
    placed = []
    empty = [s for s in board.slots if not s.chosen]
    room = sum(s.limit - len(s.chosen) for s in board.slots)
    spare = rng.choice(empty) if len(empty) >= len(order) and room > len(order) < board.limit else None
    for behavior in order:
        here = options(behavior)
        open_slots = [s for s in board.slots if here[id(s)]]
        if spare is not None and len(open_slots) > 1:
            open_slots = [s for s in open_slots if s is not spare]
        if not open_slots:
            continue
        tiers = {id(s): staleness(here[id(s)][0]) for s in open_slots}
        fresh = min(tiers.values())
        open_slots = [s for s in open_slots if tiers[id(s)] == fresh]
        emptiest = min(len(s.chosen) for s in open_slots)
        slot = rng.choice([s for s in open_slots if len(s.chosen) == emptiest])
        prompt = rng.choice(here[id(slot)])
        slot.chosen.append(prompt)
        placed.append((slot, prompt))
    return placed
