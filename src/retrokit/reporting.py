"""``retrokit.warn``: a plugin's own warnings, counted like retrokit's.

Inside a hook, ``retrokit.warn("delivery.csv:8: no date; row skipped")`` keeps the hook going (and its
change, if it makes one) and adds one warning that names the plugin and the hook: on stderr as
``retrokit: warning: plugin 'NAME' (HOOK): MESSAGE``, an error with ``--strict``, a problem for
``retrokit doctor``, a failure in the strict test fixtures (``.warnings`` with ``strict=False``).

The host collects what a hook warns about while it runs (``collecting``) and reports it when the hook
returns, so a strict run fails with the plugin's message rather than from inside the plugin's code.
Outside any hook (a plugin's own unit test calling its helpers directly) ``warn`` issues a Python
warning of category ``PluginWarning``, which ``pytest.warns(PluginWarning)`` can catch.
"""

from __future__ import annotations

import contextvars
import warnings
from contextlib import contextmanager
from typing import Iterator

__all__ = ["PluginWarning", "warn"]

_collected: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("retrokit_warnings", default=None)


class PluginWarning(UserWarning):
    """A ``retrokit.warn`` made while no hook was running."""


def warn(message: str) -> None:
    """Report ``message`` (one line; whitespace is folded) as a warning of the plugin whose hook is running."""
    text = " ".join(str(message).split())
    if not text:
        raise ValueError("retrokit.warn needs a message")
    collected = _collected.get()
    if collected is None:
        warnings.warn(text, PluginWarning, stacklevel=2)
    else:
        collected.append(text)


@contextmanager
def collecting() -> Iterator[list[str]]:
    """Collect every ``warn`` made inside the block (a hook call) into the list it yields."""
    collected: list[str] = []
    token = _collected.set(collected)
    try:
        yield collected
    finally:
        _collected.reset(token)
