"""The templates' text in the agenda's language: the ``t`` template global, and the language in use.

``{{ t("Before the meeting:") }}`` prints the English text, or its translation in the language the agenda
is rendered in. A number: ``t("{n} days", n=n, one="{n} day")`` (a translation gives ``{one, other}``);
other ``{name}`` values: ``t("raised {when}", when=...)``. Strings are looked up by their English text
with runs of whitespace as one space, so a long text may wrap in the template. A string with no
translation prints in English and is remembered as a gap (``missing``), reported once after the render.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from retrokit.patterns import lazy_compile


class Speaking:
    """The language one render uses, and the strings it asked for that have no translation."""

    def __init__(self, language):
        self.language = language
        self.strings = language.strings
        self.english = language.code == "en"
        self.missing: list[str] = []
        self.said: set[str] = set()  # what ``translate`` wrote in the language: an item's text already translated


_CURRENT: ContextVar[Speaking | None] = ContextVar("retrokit_speaking", default=None)


@contextmanager
def speaking(language):
    """Render in ``language`` (an ``i18n.catalog.Language``) inside the block: yields the ``Speaking``."""
    state = Speaking(language)
    token = _CURRENT.set(state)
    try:
        yield state
    finally:
        _CURRENT.reset(token)


_PLACE = lazy_compile(r"\{(\w+)\}")


def _fill(text: str, values: dict) -> str:
    """``{name}`` in ``text`` replaced by ``values[name]``; anything else (``{x.y}``, a stray brace, a
    name not given) stays as written: a translation is data, never a format string to evaluate."""
    return _PLACE.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def translate(text: str, n=None, one: str | None = None, **values) -> str:
    """``text`` (or ``one`` when ``n`` is 1) in the current language, with ``{n}`` and ``values`` filled in."""
    state = _CURRENT.get()
    chosen = one if n == 1 and one is not None else text
    if state is not None and not state.english:
        key = " ".join(text.split())
        found = state.strings.get(key)
        if isinstance(found, dict):
            found = found.get("one", found["other"]) if n == 1 else found["other"]
        if found is None:
            if key not in state.missing:
                state.missing.append(key)
        else:
            chosen = found
    text = chosen if n is None and not values else _fill(chosen, {"n": n, **values})
    if state is not None and not state.english:
        state.said.add(text)
    return text


def quote(text: str) -> str:
    """Text that may wrap over lines, continued inside a block quote (``> `` before each next line)."""
    return str(text).replace("\n", "\n> ")
