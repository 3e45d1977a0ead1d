"""retrokit.records: the shared __repr__/__eq__ behave exactly as the ones @dataclass generates."""

from dataclasses import dataclass, field

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
