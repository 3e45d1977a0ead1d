"""The field checks ``retrokit.model``'s ``from_data`` methods make on what plugins return: ``DataError``
and one function per kind of field (text, positive number, whole minutes, names, dict or NamedTuple)."""

from __future__ import annotations

import re

from retrokit.errors import shown

NAME = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


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
