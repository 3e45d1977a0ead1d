"""Time-box arithmetic: splitting minutes by weight, and how far a prompt can be compressed."""

from __future__ import annotations

from retrokit.model import Prompt, shortest_minutes

#: The longest meeting retrokit plans, in minutes (a working day).
MAX_MINUTES = 480


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
    return shortest_minutes(prompt.minutes)


def fit_minutes(prompts: list[Prompt], box: int) -> tuple[list[int], int] | None:
    """Minutes per prompt in a box of ``box`` minutes, and the spare minutes left over (see ``fit``)."""
    return fit([p.minutes for p in prompts], [shortest(p) for p in prompts], [p.longest for p in prompts], box)


def fit(wanted: list[int], floors: list[int], ceilings: list[int], box: int) -> tuple[list[int], int] | None:
    """Minutes per activity in a box of ``box`` minutes, and the spare minutes left over.

    At their ``wanted`` lengths, each stretched toward (never past) its ceiling while time is left; the
    rest is spare. When the wanted lengths do not fit, compressed (never below its floor) to fill the box
    exactly; None when even that does not fit."""
    if sum(wanted) > box:
        if sum(floors) > box:
            return None
        return split_minutes(wanted, floors, box), 0
    room = [ceiling - want for want, ceiling in zip(wanted, ceilings)]
    give = min(box - sum(wanted), sum(room))
    extra = split_minutes(room, [0] * len(room), give) if give else [0] * len(room)
    return [want + e for want, e in zip(wanted, extra)], box - sum(wanted) - give
