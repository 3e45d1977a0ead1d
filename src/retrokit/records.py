"""``__repr__`` and ``__eq__`` shared by retrokit's dataclasses, so each class need not generate its own.

``@dataclass`` compiles a new ``__init__``, ``__repr__`` and ``__eq__`` from source for every class, which
is a measurable part of start-up; the classes on the render path use ``@record`` (a dataclass with these
two instead). They behave exactly as the generated ones: the same text, the same comparison
(same class, then the fields in order; ``NotImplemented`` for anything else), and a class that defines
``__eq__`` this way stays unhashable, as a plain ``@dataclass`` is.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, fields


@reprlib.recursive_repr()
def field_repr(self) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{self.__class__.__qualname__}({shown})"


def field_eq(self, other):
    if other.__class__ is self.__class__:
        names = [f.name for f in fields(self) if f.compare]
        return [getattr(self, n) for n in names] == [getattr(other, n) for n in names]
    return NotImplemented


def record(cls):
    """``@dataclass`` with the shared ``__repr__`` and ``__eq__`` (unhashable, as a plain dataclass is)."""
    cls.__repr__, cls.__eq__, cls.__hash__ = field_repr, field_eq, None
    return dataclass(repr=False, eq=False)(cls)
