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
from typing import dataclass_transform


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


# -- tuple records: NamedTuples without the compile ------------------------------------------------

try:
    from collections import _tuplegetter as _field_at  # what collections.namedtuple makes its fields with
except ImportError:  # pragma: no cover - a Python without it: a property reads the same item
    from operator import itemgetter

    def _field_at(index: int, doc: str):
        return property(itemgetter(index), doc=doc)


_MISSING = object()


@dataclass_transform()
class TupleRecord(tuple):
    """A named tuple from its class's annotations, as ``typing.NamedTuple`` makes one, without the compile.

    ``typing.NamedTuple`` compiles a ``__new__`` from source and checks every annotation when a class is
    made: about 1.2 M instructions for a class of 14 fields, at every start for the model's classes. A
    subclass of this one (``class Prompt(TupleRecord):`` with ``id: str``, ``note: str = ""``...) gets its
    fields when it is made, as C-level item getters, and a shared ``__new__`` that takes a full row as it
    is (pickle, the cache) and binds anything else as a call would, with the same errors. The rest is
    ``collections.namedtuple``'s: ``_fields``, ``_field_defaults``, ``__match_args__``, ``_make``,
    ``_replace``, ``_asdict``, the repr, pickling and copying, equality and hashing as tuples.
    ``dataclass_transform`` tells type checkers the constructor. tests/test_records.py holds every
    subclass to the ``typing.NamedTuple`` its annotations and defaults would make."""

    __slots__ = ()
    _fields: tuple = ()
    _field_defaults: dict = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        names = tuple(cls.__dict__.get("__annotations__", {}))
        defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
        if any(name in defaults for name in names[:len(names) - len(defaults)]):
            raise TypeError(f"{cls.__name__}: a field without a default follows one with a default")
        cls._fields, cls._field_defaults, cls.__match_args__ = names, defaults, names
        for index, name in enumerate(names):
            setattr(cls, name, _field_at(index, f"Alias for field number {index}"))

    def __new__(cls, *args, **kwargs):
        fields = cls._fields
        if not kwargs and len(args) == len(fields):
            return tuple.__new__(cls, args)
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}() takes {len(fields)} positional arguments but {len(args)} were given")
        values = list(args) + [_MISSING] * (len(fields) - len(args))
        for name, value in kwargs.items():
            try:
                index = fields.index(name)
            except ValueError:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument '{name}'") from None
            if index < len(args):
                raise TypeError(f"{cls.__name__}() got multiple values for argument '{name}'")
            values[index] = value
        missing = [name for name, value in zip(fields, values) if value is _MISSING and name not in cls._field_defaults]
        if missing:
            raise TypeError(f"{cls.__name__}() missing {len(missing)} required argument(s): {', '.join(map(repr, missing))}")
        return tuple.__new__(cls, [cls._field_defaults[name] if value is _MISSING else value
                                   for name, value in zip(fields, values)])

    @classmethod
    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(result)}")
        return result

    def _replace(self, /, **changes):
        result = self._make(map(changes.pop, self._fields, self))
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return result

    def _asdict(self) -> dict:
        return dict(zip(self._fields, self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
        return f"{self.__class__.__name__}({shown})"

    def __getnewargs__(self):
        return tuple(self)
