"""The field checks ``retrokit.model``'s ``from_data`` methods make on what plugins return: ``DataError``
and one function per kind of field (text, positive number, whole minutes, names, dict or NamedTuple);
and ``agenda_problem``, the check of an agenda a ``retrokit_adjust_agenda`` plugin changed."""

from __future__ import annotations

from retrokit.errors import shown
from retrokit.patterns import lazy_compile

NAME = lazy_compile(r"[a-z0-9][a-z0-9-]*\Z")


class DataError(ValueError):
    """A plugin returned something retrokit cannot use."""


def check_type(value, kind, what):
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise DataError(f"{what} must be {_KIND_NAMES.get(kind, kind)}, not {type(value).__name__}")
    return value


_KIND_NAMES = {str: "a string", int: "an integer", float: "a number", list: "a list", (list, tuple): "a list",
               bool: "true or false"}


def text_field(data, key, what, *, required=True, pattern=None, limit=None):
    if key not in data:
        if required:
            raise DataError(f"{what} has no '{key}'")
        return ""
    value = check_type(data[key], str, f"{what} '{key}'").strip()
    if not value:
        if required:
            raise DataError(f"{what} '{key}' is empty")
        return ""  # an optional field given as "" is the same as leaving it out
    if pattern is not None and not pattern.match(value):
        raise DataError(f"{what} '{key}' {shown(value)} must be lowercase letters, digits and hyphens")
    if limit is not None and len(value) > limit:
        raise DataError(f"{what} '{key}' is longer than {limit} characters")
    return value


def positive_field(data, key, what, default=None):
    if key not in data and default is not None:
        return default
    if key not in data:
        raise DataError(f"{what} has no '{key}'")
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf"):
        raise DataError(f"{what} '{key}' must be a positive number")  # "not 0 < x < inf": NaN fails too
    return value


def names_field(data, key, what, *, default=None, empty=False):
    if key not in data and default is not None:
        return default
    if key not in data:
        raise DataError(f"{what} has no '{key}'")
    value = data[key]
    if isinstance(value, str):
        value = [value]
    check_type(value, (list, tuple), f"{what} '{key}'")
    if not value and not empty:
        raise DataError(f"{what} '{key}' is empty")
    for name in value:
        if not isinstance(name, str) or not NAME.match(name):
            raise DataError(f"{what} '{key}' holds {shown(name)}: use lowercase letters, digits and hyphens")
    return tuple(value)


def as_dict(data, cls, what):
    if isinstance(data, cls):  # fields left at their defaults count as not given (Prompt's max_minutes 0)
        defaults = cls._field_defaults
        return {name: value for name, value in data._asdict().items()
                if name != "plugin" and not (name in defaults and value == defaults[name])}
    if not isinstance(data, dict):
        raise DataError(f"{what} must be a dict or a {cls.__name__}, not {type(data).__name__}")
    allowed = set(cls._fields) - {"plugin"}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise DataError(f"{what} has unknown key '{unknown[0]}' (known: {', '.join(sorted(allowed))})")
    return data


def whole_field(data, key, what, default=None) -> int:
    value = positive_field(data, key, what, default=default)
    if value != int(value) or value > 120:
        raise DataError(f"{what} '{key}' must be a whole number from 1 to 120")
    return int(value)


def agenda_problem(agenda) -> str:
    """What makes a ``retrokit.model.Agenda`` unrenderable ("" when nothing): ``Agenda.problem``, the checks
    run after each ``retrokit_adjust_agenda`` plugin."""
    from retrokit.model import AgendaItem, AgendaSection, MemoryGroup

    if not isinstance(agenda.title, str) or not agenda.title.strip():
        return "the agenda's title must be a non-empty string"
    if not isinstance(agenda.sections, list) or not agenda.sections:
        return "the agenda must keep a list of at least one section"
    ids = set()
    for position, section in enumerate(agenda.sections, 1):
        if not isinstance(section, AgendaSection):
            return f"section #{position} is a {type(section).__name__}, not an AgendaSection"
        where = f"section {shown(section.id)}"
        if not isinstance(section.id, str) or not NAME.match(section.id):
            return f"section #{position} id {shown(section.id)} must be lowercase letters, digits and hyphens"
        if section.id in ids:
            return f"two sections have the id {shown(section.id)}"
        ids.add(section.id)
        if not isinstance(section.title, str) or not section.title.strip():
            return f"{where} needs a non-empty title"
        if not _whole_minutes(section.minutes):
            return f"{where} minutes must be a positive whole number, not {shown(section.minutes)}"
        if not isinstance(section.items, list) or not isinstance(section.memory, list):
            return f"{where} items and memory must be lists"
        for number, item in enumerate(section.items, 1):
            if not isinstance(item, AgendaItem):
                return f"{where} item #{number} is a {type(item).__name__}, not an AgendaItem"
            if not isinstance(item.text, str) or not item.text.strip():
                return f"{where} item #{number} needs a non-empty text"
            if not _whole_minutes(item.minutes):
                return f"{where} item #{number} minutes must be a positive whole number, not {shown(item.minutes)}"
            strings = (item.prompt_id, item.behavior, item.behavior_title, item.note, item.plugin)
            if not all(isinstance(value, str) for value in strings):
                return f"{where} item #{number}: prompt_id, behavior, behavior_title, note and plugin must be strings"
        if not all(isinstance(group, MemoryGroup) for group in section.memory):
            return f"{where} memory must hold MemoryGroup entries"
    return ""


def _whole_minutes(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
