"""``@record``: a dataclass that compiles nothing at import.

``@dataclass`` compiles a new ``__init__``, ``__repr__`` and ``__eq__`` from source for every class, which
is a measurable part of start-up (about 1.5 M instructions a class, most of it the ``__init__``). The
classes on the render path use ``@record`` instead: a dataclass with a shared ``__repr__`` and ``__eq__``
that behave exactly as the generated ones (the same text, the same comparison: same class, then the
fields in order; ``NotImplemented`` for anything else; unhashable, as a plain ``@dataclass`` is), and,
when the class writes its own ``__init__``, that one (byte-compiled with its module, so nothing is made
at import). A hand-written ``__init__`` takes the fields in order with the same defaults; a field with a
``default_factory`` takes ``None`` for "a new one". tests/test_records.py holds each such ``__init__``
to the signature ``@dataclass`` would generate, so a field added to one and not the other fails there.
``dataclasses.fields``, ``replace`` and ``asdict`` work on every record as on any dataclass.
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
    """``@dataclass`` with the shared ``__repr__`` and ``__eq__`` (unhashable, as a plain dataclass is),
    and the class's own ``__init__`` when it writes one."""
    cls.__repr__, cls.__eq__, cls.__hash__ = field_repr, field_eq, None
    return dataclass(init="__init__" not in cls.__dict__, repr=False, eq=False)(cls)
