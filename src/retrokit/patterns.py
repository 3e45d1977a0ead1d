"""Regular expressions compiled on first use.

Compiling a pattern costs about 0.45 M instructions (``re`` parses and compiles it in Python), and the
modules a render imports hold about 17 patterns, most of which a plain render never uses (validation,
plan ids, the wiki formats' conventions). ``lazy_compile(pattern, flags)`` stands in for
``re.compile(pattern, flags)`` at module level: the first use compiles it, and from then on its methods
are the compiled pattern's own bound methods, so a hot loop pays nothing for the laziness.
"""

from __future__ import annotations

import re

_METHODS = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer")


class LazyPattern:
    """``re.compile(pattern, flags)``, made when first used; anything else a Pattern has is passed on."""

    __slots__ = ("_source", "_compiled", *_METHODS)

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):  # called only for what is not set yet
        try:
            compiled = object.__getattribute__(self, "_compiled")
        except AttributeError:
            compiled = self._compiled = re.compile(*self._source)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source[0]!r}, {self._source[1]!r})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
