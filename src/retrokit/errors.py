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
