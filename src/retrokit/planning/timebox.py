"""Time-box arithmetic: splitting minutes by weight, and how far a prompt can be compressed."""

from __future__ import annotations

import math

from retrokit.model import Prompt

COMPRESSION = 0.6
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
    return min(prompt.minutes, max(2, math.ceil(prompt.minutes * COMPRESSION)))


def fit_minutes(prompts: list[Prompt], box: int) -> tuple[list[int], int] | None:
    """Minutes per prompt in a box of ``box`` minutes, and the spare minutes left over.

    At their suggested lengths, each stretched toward (never past) its ``longest`` while time is left;
    the rest is spare. When the suggested lengths do not fit, compressed (never below ``shortest``) to
    fill the box exactly; None when even that does not fit."""
    suggested = sum(p.minutes for p in prompts)
    if suggested > box:
        floor = [shortest(p) for p in prompts]
        if sum(floor) > box:
            return None
        return split_minutes([p.minutes for p in prompts], floor, box), 0
    room = [p.longest - p.minutes for p in prompts]
    give = min(box - suggested, sum(room))
    extra = split_minutes(room, [0] * len(room), give) if give else [0] * len(room)
    return [p.minutes + e for p, e in zip(prompts, extra)], box - suggested - give
