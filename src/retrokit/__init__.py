"""retrokit: plan retrospectives and 1:1s that make empathy behaviours a practice."""

import pluggy

__version__ = "0.1.0"

#: Decorate a plugin function with ``@retrokit.hookimpl`` to contribute to a hook.
hookimpl = pluggy.HookimplMarker("retrokit")

__all__ = ["__version__", "hookimpl"]
