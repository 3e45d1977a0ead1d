"""Today's date, in one place: ``RETROKIT_TODAY=YYYY-MM-DD`` pins it (for tests and reproducible runs)."""

from __future__ import annotations

import datetime
import os

from retrokit.errors import RetrokitError, shown


def today() -> datetime.date:
    pinned = os.environ.get("RETROKIT_TODAY")
    if not pinned:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(pinned)
    except ValueError:
        raise RetrokitError(f"RETROKIT_TODAY={shown(pinned)} is not a date like 2026-11-21")
