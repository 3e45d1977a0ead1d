"""Errors a user can act on: shown as one line, never as a traceback (unless --debug)."""

import click


class RetrokitError(click.ClickException):
    """A failure caused by input, configuration, a plugin or the file system (exit 1)."""


class RetrokitUsageError(click.UsageError, RetrokitError):
    """A command line that asks for something that does not exist (exit 2). A ``RetrokitError`` too, so
    ``except RetrokitError`` catches every error the Python API raises."""


class PluginError(Exception):
    """Raise from a hook to report a problem in your own words (bad data, a missing file): retrokit shows
    the message as written after the plugin's name, without the exception type or source line."""


def did_you_mean(word: str, choices, cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' when a close match exists (similarity at least ``cutoff``), else ''."""
    import difflib

    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f" (did you mean '{match[0]}'?)" if match else ""


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_KEEP = {"\u200c", "\u200d"}  # zero-width (non-)joiners: parts of emoji and of some scripts' words


def one_line(text: str) -> str:
    """``text`` with every character that would break a line or drive a terminal shown as an escape
    (a line break as ``\\n``, ESC as ``\\x1b``, a bidirectional override as ``\\u202e``), so a message
    is one line and shows what is really there (a seed, a path or a server's answer with odd bytes)."""
    if text.isprintable():
        return text
    import unicodedata

    def shown(ch: str) -> str:
        if ch in _KEEP or unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"):
            return ch
        code = ord(ch)
        return _ESCAPES.get(ch) or (f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}")

    return "".join(map(shown, text))


def shown(value) -> str:
    """A value from a user's file or command line as a message shows it: as TOML would write it
    (``'text'``, ``true``, ``2026-11-21``, ``[1, 'a']``), on one line; never a Python repr such as
    ``datetime.date(2026, 11, 21)`` or ``True``."""
    import datetime

    if isinstance(value, str):
        return f"'{one_line(value)}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat().replace("T", " ") if isinstance(value, datetime.datetime) else value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    if isinstance(value, dict):
        return "a table {" + ", ".join(f"{key} = {shown(item)}" for key, item in value.items()) + "}"
    if value is None:
        return "nothing"
    return one_line(str(value))
