"""retrokit: plan retrospectives and 1:1s that make empathy behaviours a practice.

The Python API (see README "Use from Python")::

    import retrokit

    session = retrokit.open_session()          # plugins, team config and templates, loaded once
    text = session.render("retro", seed="s1")  # exactly what `retrokit render retro --seed s1` prints
    page = retrokit.convert("# Notes", to="confluence")

``open_session``, ``convert`` and ``Session`` live in ``retrokit.api``, and ``warn`` (a plugin's own
warning, from inside a hook) in ``retrokit.reporting``; each is imported on first use, so ``import retrokit``
(which every command-line start does) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl", "open_session", "convert", "Session", "warn", "PluginWarning", "t"]

_API = ("open_session", "convert", "Session")
_REPORTING = ("warn", "PluginWarning")  # retrokit.reporting: a plugin's own warnings

if TYPE_CHECKING:  # for type checkers and IDEs; at run time the names come from __getattr__
    from retrokit.api import Session, convert, open_session


def __getattr__(name: str):
    # ``hookimpl`` is made on first use, so a render whose plugins all come from the cache never imports
    # pluggy (see retrokit/host/cache.py); ``from retrokit import hookimpl`` works as before.
    if name == "hookimpl":
        import pluggy

        global hookimpl
        #: Decorate a plugin function with ``@retrokit.hookimpl`` to contribute to a hook.
        hookimpl = pluggy.HookimplMarker("retrokit")
        return hookimpl
    if name in _API:
        from retrokit import api

        return getattr(api, name)
    if name in _REPORTING:
        from retrokit import reporting

        return getattr(reporting, name)
    if name == "t":  # a plugin's own text in the agenda's language (docs/translations.md)
        from retrokit.i18n.strings import translate

        return translate
    raise AttributeError(f"module 'retrokit' has no attribute {name!r}")


def __dir__():
    return sorted({*globals(), "hookimpl", *_API, *_REPORTING, "t"})
