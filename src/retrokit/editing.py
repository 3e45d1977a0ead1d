"""Editing a planned agenda without breaking its time rules, for ``retrokit_adjust_agenda`` plugins.

    from retrokit.editing import AgendaEditError, drop, insert, section_for

    @hookimpl
    def retrokit_adjust_agenda(agenda, prompts, behaviors):
        close = section_for(agenda, "close")
        if close is not None:
            insert(agenda, close, prompts["my-team.thanks"], behaviors=behaviors)

The rules every helper keeps (the planner's own):

- items and memory groups add up to their section's time box, and a box never drops below its
  section's ``min_minutes``;
- an activity is never compressed below its ``min_minutes`` (``shortest``: about 60% of its suggested
  minutes, ``retrokit.model.COMPRESSION``, and at least 2) nor stretched past its ``max_minutes``;
- open time (an item with no ``prompt_id``: the planner's "Open discussion" or "Buffer") gives up its
  minutes first, and goes when it has none left;
- the meeting keeps its length, unless ``insert(..., grow=True)``.

An edit that cannot keep them raises ``AgendaEditError`` and leaves the agenda as it was. It is a
``PluginError``: left uncaught, retrokit shows its message after the plugin's name and undoes the
plugin's whole change; caught, the plugin can try something else or ``retrokit.warn`` about it.
"""

from __future__ import annotations

from retrokit.errors import PluginError
from retrokit.model import AgendaItem, AgendaSection, Prompt, default_max, shortest_minutes

__all__ = [
    "AgendaEditError", "activities", "drop", "find_section", "insert", "is_open_time", "longest", "refit",
    "section_for", "shortest", "used",
]


class AgendaEditError(PluginError):
    """An edit the time rules cannot fit, or one that names a section or item the agenda does not have."""


# -- looking things up ----------------------------------------------------------------------------------


def find_section(agenda, which) -> AgendaSection:
    """The agenda's section ``which``: an ``AgendaSection`` of the agenda, or a section id."""
    for section in agenda.sections:
        if section is which or section.id == which:
            return section
    shown = which.id if isinstance(which, AgendaSection) else which
    known = ", ".join(section.id for section in agenda.sections)
    raise AgendaEditError(f"the agenda has no section {shown!r} (its sections: {known})")


def section_for(agenda, phase: str) -> AgendaSection | None:
    """The first section that takes prompts of ``phase`` (``AgendaSection.phases``), or None."""
    return next((section for section in agenda.sections if phase in section.phases), None)


def is_open_time(item: AgendaItem) -> bool:
    """Whether ``item`` is open time: no prompt behind it ("Open discussion", "Buffer")."""
    return not item.prompt_id


def activities(section: AgendaSection) -> list[AgendaItem]:
    """The section's items that are not open time (what ``max_items`` counts)."""
    return [item for item in section.items if not is_open_time(item)]


def used(section: AgendaSection) -> int:
    """Minutes the section's items and memory groups take up."""
    return sum(item.minutes for item in section.items) + sum(group.minutes for group in section.memory)


def shortest(item: AgendaItem) -> int:
    """The least ``item`` may be given: 0 for open time, else its ``min_minutes`` (when not given, about
    60% of its minutes, at least 2), never more than it has now."""
    if is_open_time(item):
        return 0
    return min(item.minutes, item.min_minutes or shortest_minutes(item.minutes))


def longest(item: AgendaItem) -> int:
    """The most ``item`` may be given: its ``max_minutes`` (when not given, its minutes and a half)."""
    return max(item.minutes, item.max_minutes or default_max(item.minutes))


def _remove(section: AgendaSection, item: AgendaItem) -> None:
    """Take this very item out of ``section.items`` (an equal one elsewhere in the list stays)."""
    section.items[:] = [other for other in section.items if other is not item]


def _locate(agenda, item) -> tuple[AgendaSection, AgendaItem]:
    """The section holding ``item`` (an ``AgendaItem`` of the agenda, or a prompt id) and the item."""
    for section in agenda.sections:
        for candidate in section.items:
            if candidate is item or (isinstance(item, str) and item and candidate.prompt_id == item):
                return section, candidate
    shown = item.prompt_id or item.text[:40] if isinstance(item, AgendaItem) else item
    raise AgendaEditError(f"the agenda has no item {shown!r}")


# -- insert ---------------------------------------------------------------------------------------------


def insert(agenda, section, item, *, minutes: int | None = None, position: int | None = None,
           take_from=None, behaviors=None, grow: bool = False) -> AgendaItem:
    """Put ``item`` into ``section`` and find its minutes elsewhere, so the meeting keeps its length.

    ``section``: an ``AgendaSection`` or its id. ``item``: an ``AgendaItem``, or a ``Prompt`` (made into
    one with ``AgendaItem.from_prompt(item, behaviors)``). ``minutes``: its length (default: its own).
    ``position``: its index in ``section.items`` (default: after the section's activities, before its
    open time). The minutes come from the section's unused time, then from ``take_from`` (items, prompt
    ids or section ids; default: every item of the agenda): open time first, then activities compressed,
    those with the most minutes above their shortest first (the section's own before the others'). Minutes
    taken from another section move its time box here. When they cannot all be found, ``grow=True`` makes
    the meeting longer by the rest; otherwise ``AgendaEditError`` says why and nothing changes.
    Returns the item inserted."""
    target = find_section(agenda, section)
    item = _as_item(item, behaviors, minutes)
    need = item.minutes
    plan, got = _plan(agenda, target, need, _sources(agenda, target, take_from, item))
    if got < need and not grow:
        where = "the items named" if take_from is not None else "the rest of the agenda"
        raise AgendaEditError(
            f"no room for {_name(item)} ({need} min) in section '{target.title}': {where} can give only "
            f"{got} min without compressing an activity below its shortest (about 60%) or a section below "
            "its min_minutes"
        )
    for source, owner, taken in plan:
        source.minutes -= taken
        if source.minutes == 0:
            _remove(owner, source)  # open time with nothing left
        if owner is not target:
            owner.minutes -= taken
            target.minutes += taken
    target.minutes += need - got  # grow=True: the rest
    if position is None:
        position = max((i + 1 for i, other in enumerate(target.items) if not is_open_time(other)), default=0)
    target.items.insert(position, item)
    return item


def _as_item(item, behaviors, minutes) -> AgendaItem:
    if isinstance(item, Prompt):
        item = AgendaItem.from_prompt(item, behaviors, minutes)
    elif not isinstance(item, AgendaItem):
        raise AgendaEditError(f"insert takes an AgendaItem or a Prompt, not a {type(item).__name__}")
    if minutes is not None:
        if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 1:
            raise AgendaEditError(f"minutes must be a positive whole number, not {minutes!r}")
        item.minutes = minutes
    return item


def _name(item: AgendaItem) -> str:
    return f"'{item.prompt_id}'" if item.prompt_id else repr(item.text[:40])


def _sources(agenda, target, take_from, new) -> list[list[tuple[AgendaSection, AgendaItem]]]:
    """The items minutes may come from, in groups taken one after the other."""
    if take_from is None:
        pairs = [(target, i) for i in target.items] + [
            (s, i) for s in agenda.sections if s is not target for i in s.items
        ]
        open_time = [pair for pair in pairs if is_open_time(pair[1])]
        mine = [pair for pair in pairs if pair[0] is target and not is_open_time(pair[1])]
        others = [pair for pair in pairs if pair[0] is not target and not is_open_time(pair[1])]
        return [open_time, mine, others]
    if isinstance(take_from, (str, AgendaItem, AgendaSection)):
        take_from = [take_from]
    named: list[tuple[AgendaSection, AgendaItem]] = []
    for entry in take_from:
        section = next((s for s in agenda.sections if s is entry or s.id == entry), None)
        found = [(section, i) for i in section.items] if section is not None else [_locate(agenda, entry)]
        named += [pair for pair in found if pair[1] is not new and all(pair[1] is not i for _, i in named)]
    return [[pair for pair in named if is_open_time(pair[1])], [pair for pair in named if not is_open_time(pair[1])]]


def _plan(agenda, target, need: int, groups) -> tuple[list, int]:
    """``([(item, its section, minutes to take)], minutes found)``: the target's unused time first, then each
    group in turn: its open time in order, then its activities a minute at a time."""
    got = min(need, max(0, target.minutes - used(target)))
    taken: dict[int, int] = {}  # id(item) -> minutes
    from_section: dict[int, int] = {}  # id(section) -> minutes its box gives up

    def spare(section, item) -> int:
        left = item.minutes - taken.get(id(item), 0) - shortest(item)
        if section is not target:  # its box shrinks too: not below its min_minutes
            left = min(left, section.minutes - from_section.get(id(section), 0) - max(1, section.min_minutes))
        return left

    def take(section, item, step) -> None:
        taken[id(item)] = taken.get(id(item), 0) + step
        if section is not target:
            from_section[id(section)] = from_section.get(id(section), 0) + step

    for group in groups:
        for section, item in group:  # open time, in order
            if is_open_time(item) and got < need and spare(section, item) > 0:
                step = min(need - got, spare(section, item))
                take(section, item, step)
                got += step
        while got < need:  # activities, a minute at a time from the one with the most to spare
            best = max((pair for pair in group if not is_open_time(pair[1])), key=lambda pair: spare(*pair), default=None)
            if best is None or spare(*best) <= 0:
                break
            take(*best, 1)
            got += 1
    pairs = {id(item): (item, section) for group in groups for section, item in group}
    return [(pairs[key][0], pairs[key][1], minutes) for key, minutes in taken.items()], got


# -- drop and refit -------------------------------------------------------------------------------------


def drop(agenda, item, *, give_to=None) -> AgendaItem:
    """Take ``item`` (an ``AgendaItem`` of the agenda, or a prompt id) out and give its minutes back: to its
    own section (default), or to section ``give_to`` (an ``AgendaSection`` or id), whose box grows by them
    while the item's shrinks (never below its ``min_minutes``). Each section touched is then ``refit``
    (where it can be). Returns the item dropped."""
    section, found = _locate(agenda, item)
    other = section if give_to is None else find_section(agenda, give_to)
    if other is not section:
        if section.minutes - found.minutes < max(1, section.min_minutes):
            raise AgendaEditError(
                f"cannot give the {found.minutes} min of {_name(found)} to section '{other.title}': section "
                f"'{section.title}' would have {section.minutes - found.minutes} min, below its min_minutes "
                f"{section.min_minutes}"
            )
        section.minutes -= found.minutes
        other.minutes += found.minutes
    _remove(section, found)
    for touched in (section,) if other is section else (section, other):
        if _fitted(touched) is not None:
            refit(touched)
    return found


def refit(section: AgendaSection) -> AgendaSection:
    """Make the section's items and memory groups fill its box exactly, as the planner does: activities
    stretched toward their longest, or compressed (never below their shortest) when they do not fit; the
    time left over becomes one open-time item at the end. ``AgendaEditError`` when the activities cannot
    fit even compressed."""
    fitted = _fitted(section)
    if fitted is None:
        least = sum(shortest(item) for item in activities(section))
        memory = sum(group.minutes for group in section.memory)
        raise AgendaEditError(
            f"section '{section.title}' ({section.minutes} min, {memory} of them for the team's memory) cannot "
            f"hold its activities: compressed to about 60% they still need {least} min"
        )
    kept, minutes, spare = fitted
    for item, value in zip(kept, minutes):
        item.minutes = value
    section.items = list(kept)
    if spare:
        from retrokit.planning.layout import spare_item

        section.items.append(spare_item(spare, alone=not kept))
    return section


def _fitted(section: AgendaSection):
    """``(activities, their minutes, spare minutes)`` that fill the section's box, or None."""
    from retrokit.planning.timebox import fit

    kept = activities(section)
    budget = section.minutes - sum(group.minutes for group in section.memory)
    if budget < 0:
        return None
    fitted = fit([i.minutes for i in kept], [shortest(i) for i in kept], [longest(i) for i in kept], budget)
    return None if fitted is None else (kept, *fitted)
