"""The number settings publishing reads from the environment, each checked: a finite number in its range
(docs/publishing.md lists them), else one line naming the variable, the range and the value as written."""

from __future__ import annotations

import os

from retrokit.errors import RetrokitError, shown

MAX_WAIT = 900.0  # the longest Retry-After honoured by default, in seconds (RETROKIT_PUBLISH_MAX_WAIT)

#: the settings publishing reads from the environment: (default, lowest, highest, what the number is);
#: 0 is also allowed for the rate (no pacing). docs/publishing.md lists them.
SETTINGS = {
    "RETROKIT_PUBLISH_BACKOFF": (1.0, 0.0, 600.0, "seconds"),
    "RETROKIT_PUBLISH_MAX_WAIT": (MAX_WAIT, 0.0, 86400.0, "seconds"),
    "RETROKIT_NOTION_RATE": (3.0, 0.01, 1000.0, "requests a second"),
}
OFF_ALLOWED = {"RETROKIT_NOTION_RATE"}


def env_float(name: str) -> float:
    """The number setting ``name`` (one of ``SETTINGS``) from the environment, or its default; a value
    that is not a finite number in its range is an error naming the variable and the range."""
    default, lowest, highest, unit = SETTINGS[name]
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value is not None and (lowest <= value <= highest or (value == 0 and name in OFF_ALLOWED)):
        return value
    off = "0 (no pacing) or " if name in OFF_ALLOWED else ""
    given = raw if len(raw) <= 40 else raw[:40] + "…"
    raise RetrokitError(f"{name} must be {off}a number from {lowest:g} to {highest:g} ({unit}), not {shown(given)}")


def check_environment() -> None:
    """Stop at once on a bad number setting, before anything is rendered or sent."""
    for name in SETTINGS:
        env_float(name)
