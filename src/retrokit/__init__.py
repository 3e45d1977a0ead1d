"""retrokit: plan retrospectives and 1:1s that make empathy behaviours a practice."""

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl"]


def __getattr__(name):
    # ``hookimpl`` is made on first use, so a render whose plugins all come from the cache never imports
    # pluggy (see retrokit/host/cache.py); ``from retrokit import hookimpl`` works as before.
    if name == "hookimpl":
        import pluggy

        global hookimpl
        #: Decorate a plugin function with ``@retrokit.hookimpl`` to contribute to a hook.
        hookimpl = pluggy.HookimplMarker("retrokit")
        return hookimpl
    raise AttributeError(f"module 'retrokit' has no attribute {name!r}")
