"""Time-box arithmetic: splitting minutes by weight, and how far a prompt can be compressed."""

from __future__ import annotations

import math

from retrokit.model import Prompt

COMPRESSION = 0.6


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
