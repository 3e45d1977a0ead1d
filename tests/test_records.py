"""retrokit.records: @record classes behave as the dataclasses @dataclass generates, and TupleRecord classes
as the namedtuples of their fields."""

import dataclasses
import inspect
from dataclasses import dataclass, field

import pytest

from retrokit.model import AgendaItem, AgendaSection
from retrokit.records import field_eq, field_repr


@dataclass
class Generated:
    name: str
    size: int = 0
    parts: list = field(default_factory=list)
    hidden: str = field(default="", repr=False, compare=False)


@dataclass(repr=False, eq=False)
class Shared:
    __repr__ = field_repr
    __eq__ = field_eq

    name: str
    size: int = 0
    parts: list = field(default_factory=list)
    hidden: str = field(default="", repr=False, compare=False)


def test_repr_and_eq_match_the_generated_ones():
    generated, shared = Generated("a", 2, [1]), Shared("a", 2, [1])
    assert repr(shared) == repr(generated).replace("Generated", "Shared")
    assert shared == Shared("a", 2, [1], hidden="other")  # compare=False is ignored, as generated
    assert shared != Shared("a", 3, [1])
    assert shared != generated and Generated("a", 2, [1]) != Shared("a", 2, [1])
    assert shared.__eq__(("a", 2, [1])) is NotImplemented
    assert Shared.__hash__ is None and Generated.__hash__ is None


def test_recursive_repr_and_agenda_classes():
    item = AgendaItem("p.x", "Text", "b", "B", 3, "note", "plugin")
    section = AgendaSection("s", "S", 3, items=[item])
    section.items.append(section)
    assert ", ...], memory=[], phases=()," in repr(section)  # the recursive entry shown as ...
    assert repr(item).startswith("AgendaItem(prompt_id='p.x', text='Text',")
    assert item == AgendaItem("p.x", "Text", "b", "B", 3, "note", "plugin") and item != section


def _retrokit_classes(wanted) -> dict[str, type]:
    """Every class in retrokit's modules for which ``wanted(cls)`` holds (imports every module to find them)."""
    import importlib
    import pkgutil

    import retrokit

    found = {}
    for module in pkgutil.walk_packages(retrokit.__path__, "retrokit."):
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and wanted(value):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def _record_classes():
    """Every @record class that writes its own __init__."""
    return _retrokit_classes(lambda cls: dataclasses.is_dataclass(cls) and cls.__eq__ is field_eq
                             and "__init__" in cls.__dict__)


def test_every_hand_written_init_takes_what_the_generated_one_would():
    classes = _record_classes()
    assert {"retrokit.model.AgendaItem", "retrokit.model.Agenda", "retrokit.config.TeamConfig",
            "retrokit.host.session.Session", "retrokit.i18n.catalog.Language"} <= set(classes)
    for name, cls in classes.items():
        fields = dataclasses.fields(cls)
        twin = dataclasses.make_dataclass(cls.__name__, [
            (f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory)) for f in fields
        ])
        written = list(inspect.signature(cls.__init__).parameters.values())[1:]
        generated = list(inspect.signature(twin.__init__).parameters.values())[1:]
        assert [p.name for p in written] == [p.name for p in generated], name
        for f, param, twin_param in zip(fields, written, generated):
            assert param.kind == twin_param.kind, f"{name}.{f.name}"
            if f.default_factory is not dataclasses.MISSING:
                assert param.default is None, f"{name}.{f.name}: a factory field takes None for 'a new one'"
            else:
                assert param.default == twin_param.default, f"{name}.{f.name}"
        # Built from its required fields only, twice: every field set, each factory's value new each time.
        required = {f.name: object() for f in fields if f.default is dataclasses.MISSING
                    and f.default_factory is dataclasses.MISSING}
        one, two = cls(**required), cls(**required)
        for f in fields:
            if f.default_factory is not dataclasses.MISSING:
                assert getattr(one, f.name) == f.default_factory() and getattr(one, f.name) is not getattr(two, f.name)
            else:
                assert getattr(one, f.name) is required.get(f.name, f.default), f"{name}.{f.name}"
        given = {f.name: object() for f in fields}  # every field given by keyword is kept as given
        assert all(getattr(cls(**given), key) is value for key, value in given.items()), name
        assert dataclasses.replace(one, **given) == cls(**given)


def _tuple_record_classes():
    from retrokit.records import TupleRecord

    return _retrokit_classes(lambda cls: issubclass(cls, TupleRecord) and cls is not TupleRecord)


def test_every_tuple_record_behaves_as_the_namedtuple_of_its_fields():
    import collections
    import copy
    import pickle

    classes = _tuple_record_classes()
    assert {"retrokit.model.Prompt", "retrokit.model.MeetingKind", "retrokit.tags.ContextTag",
            "retrokit.host.cache.Entry", "retrokit.planning.plan_id.Plan"} <= set(classes)
    for name, cls in classes.items():
        fields = cls._fields
        assert fields == tuple(cls.__annotations__) and cls.__match_args__ == fields, name
        defaults = tuple(cls._field_defaults.values())
        assert tuple(cls._field_defaults) == fields[len(fields) - len(defaults):], name
        twin = collections.namedtuple(cls.__name__, fields, defaults=defaults)
        row = tuple(object() for _ in fields)
        ours, theirs = cls(*row), twin(*row)
        assert tuple(ours) == tuple(theirs) and repr(ours) == repr(theirs) and hash(ours) == hash(row), name
        assert all(getattr(ours, field) is value for field, value in zip(fields, row)), name
        required = fields[:len(fields) - len(defaults)]
        by_keyword = dict(zip(required, row))
        assert tuple(cls(**by_keyword)) == tuple(twin(**by_keyword)), name  # the defaults filled in
        assert tuple(cls(*row[:1], **dict(zip(fields[1:], row[1:])))) == row, name
        assert ours._asdict() == theirs._asdict() and tuple(ours._replace(**{fields[-1]: 1})) == row[:-1] + (1,)
        assert cls._make(row) == ours and type(cls._make(row)) is cls
        assert type(pickle.loads(pickle.dumps(ours))) is cls and copy.deepcopy(ours) is not None
        bad_calls = (lambda k: k(*row, 1), lambda k: k(*row[:1], **{fields[0]: 1}), lambda k: k(nope=1),
                     lambda k: k(), lambda k: k._make(row[1:]))
        for bad in bad_calls:
            for made in (cls, twin):  # what fails for the namedtuple fails alike
                with pytest.raises(TypeError):
                    bad(made)
        with pytest.raises(ValueError):
            ours._replace(nope=1)
