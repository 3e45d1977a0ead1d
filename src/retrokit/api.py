"""The Python API: ``retrokit.open_session`` and ``retrokit.convert`` (re-exported by ``retrokit``).

A session loads the plugins, reads the team folder and validates the catalog once, then renders any
number of agendas with one template environment, so an agenda after the first costs milliseconds::

    import retrokit

    session = retrokit.open_session()                       # or open_session("teams/platform")
    text = session.render("retro", seed="s1")               # == `retrokit render retro --seed s1`
    blocks = session.render("retro", seed="s1", format="notion", minutes=45)
    html = session.convert("# Notes\\n\\n- [ ] @ana ship it", to="html")

``render`` returns exactly what the command line prints for the same inputs (the same ``--team``,
``--plugins-dir`` and ``--disable-plugin``, the same seed and options, the same history), byte for byte;
the command line calls the same function (``render_document``). Errors are ``retrokit.errors.RetrokitError``
(``RetrokitUsageError`` for what the command line calls a usage error), with the command line's message
as ``str(error)``. Warnings and planner notes are not printed: they are collected, in order, in
``session.warnings`` and ``session.notes`` (``strict=True`` makes a warning an error instead).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from retrokit.errors import RetrokitUsageError, shown

__all__ = ["Session", "open_session", "convert", "render_document"]

#: Render options given as one text or several (``behavior="listening"`` or ``behavior=["a", "b"]``).
_MANY = ("behavior", "exclude_behavior", "topic")


class Session:
    """Loaded plugins, one team's config and compiled templates, reused by every call.

    Make one with ``retrokit.open_session``. Not thread-safe: use one session per thread."""

    def __init__(self, inner, command_args: list[str]):
        self._inner = inner  # retrokit.host.session.Session
        self._command_args = list(command_args)

    def __repr__(self) -> str:
        folder = self._inner.config.folder
        return f"<retrokit.Session team={str(folder) if folder else None!r}>"

    @property
    def config(self):
        """The team's ``retrokit.config.TeamConfig`` (empty defaults without a team folder)."""
        return self._inner.config

    @property
    def kinds(self) -> Mapping[str, Any]:
        """Meeting kinds by name (``retrokit.model.MeetingKind``): what ``render`` accepts."""
        return MappingProxyType(self._inner.catalog.kinds)

    @property
    def formats(self) -> Mapping[str, Any]:
        """Output formats by name (``retrokit.model.OutputFormat``): what ``format=`` and ``to=`` accept."""
        return MappingProxyType(self._inner.catalog.formats)

    @property
    def prompts(self) -> Mapping[str, Any]:
        """The prompt library by id (``retrokit.model.Prompt``), as ``retrokit prompts`` lists it."""
        return MappingProxyType(self._inner.catalog.prompts)

    @property
    def behaviors(self) -> Mapping[str, Any]:
        """Behaviours by name (``retrokit.model.Behavior``): what ``behavior=`` accepts."""
        return MappingProxyType(self._inner.catalog.behaviors)

    @property
    def warnings(self) -> list[str]:
        """Every warning so far, oldest first, as the command line would print it after ``warning:``."""
        return list(self._inner.reporter.warnings)

    @property
    def notes(self) -> list[str]:
        """Every planner or adjust-plugin note so far, oldest first (the command line's ``note:`` lines)."""
        return list(self._inner.notes or ())

    @property
    def environment(self):
        """The session's ``jinja2.Environment``: made on the first render, then reused."""
        return self._inner.templates

    def render(
        self,
        kind: str,
        *,
        seed: str | int | None = None,
        minutes: int | None = None,
        format: str = "markdown",
        **render_options: Any,
    ) -> str:
        """Plan and render a ``kind`` agenda: what ``retrokit render KIND`` prints.

        ``render_options`` are the other ``render`` options by their Python names: ``behavior`` and
        ``exclude_behavior`` (a name or a list), ``title``, ``person`` (``--with``), ``topic`` (a text or a
        list), ``record`` (True records the agenda in the team's history.toml, as ``--record`` does),
        ``lang`` (``--lang``: "de", "es", "fr"; default the team's ``[team] lang``, else English)."""
        text, composed = render_document(
            self._inner, kind, seed=seed, minutes=minutes, format_name=format,
            command_args=self._command_args, **render_options,
        )
        if composed.record:
            from retrokit.planning.compose import record_meeting

            record_meeting(self._inner.config, composed, echo=self._inner.notes is None)
        return text

    def convert(self, markdown: str, *, to: str = "markdown", title: str | None = None) -> str:
        """Any Markdown in another format: what ``retrokit convert FILE --to TO`` writes. Mentions
        (``@name``) use this team's members."""
        from retrokit.planning.compose import render_format
        from retrokit.rendering import RenderRequest

        if not isinstance(markdown, str):
            raise RetrokitUsageError(f"convert needs the Markdown as a str, not {type(markdown).__name__}")
        output_format = self._inner.catalog.format(to)
        request = RenderRequest(markdown, config=self._inner.config, title=title or "")
        return render_format(self._inner, output_format, request)


def render_document(session, kind: str, *, format_name: str = "markdown", command_args=(), **options):
    """``(text, Composed)``: plan a ``kind`` agenda for a ``host.session.Session`` and render it in
    ``format_name``. The one path from options to a document, for ``retrokit render`` (one team or many)
    and ``Session.render``; the caller writes the text, then records the meeting if ``Composed.record``."""
    from retrokit.planning.compose import compose, render_format
    from retrokit.rendering import RenderRequest

    options = _checked(options)
    output_format = session.catalog.format(format_name)
    composed = compose(session, kind, format_name=format_name, command_args=list(command_args), **options)
    request = RenderRequest(
        composed.markdown, agenda=composed.agenda, config=session.config, title=options.get("title") or ""
    )
    return render_format(session, output_format, request), composed


def _checked(options: dict) -> dict:
    """Render options as the command line's parser would give them: minutes a whole number >= 1, the seed
    text, repeatable options as tuples (one text is one item)."""
    minutes = options.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 1):
        raise RetrokitUsageError(f"minutes must be a whole number of at least 1, not {shown(minutes)}")
    if isinstance(options.get("seed"), int) and not isinstance(options["seed"], bool):
        options = {**options, "seed": str(options["seed"])}
    for name in _MANY:
        value = options.get(name)
        if isinstance(value, str):
            options = {**options, name: (value,)}
        elif value is not None and not isinstance(value, tuple):
            options = {**options, name: tuple(value)}
    return options


def open_session(
    team: str | os.PathLike[str] | None = None,
    *,
    plugins_dirs: Iterable[str | os.PathLike[str]] = (),
    disabled: Iterable[str] = (),
    strict: bool = False,
    debug: bool = False,
    echo: bool = False,
    _shared=None,
) -> Session:
    """Open a session: the team folder's config (``team``, else the nearest retrokit.toml above the
    working directory, as the command line finds it; ``RETROKIT_TEAM`` is not read), the built-in,
    installed and folder plugins, and the catalog they make.

    ``plugins_dirs`` and ``disabled`` are ``--plugins-dir`` and ``--disable-plugin``. ``strict`` makes
    every warning a ``RetrokitError``. ``debug`` lets a format's own exception through, with its
    traceback. ``echo`` prints warnings and notes on stderr as the command line does, instead of
    collecting them in ``session.warnings`` and ``session.notes``."""
    from retrokit.host.session import open_session as open_host_session
    from retrokit.planning.compose import regenerate_args

    team = None if team is None else Path(team)
    plugins_dirs = tuple(Path(folder) for folder in plugins_dirs)
    disabled = tuple(disabled)
    inner = open_host_session(
        team=team, plugins_dirs=plugins_dirs, disabled=disabled, strict=strict, debug=debug, quiet=not echo,
        notes=None if echo else [], shared=_shared,
    )
    return Session(inner, regenerate_args(team, plugins_dirs, disabled))


def convert(
    markdown: str,
    to: str = "markdown",
    *,
    title: str | None = None,
    team: str | os.PathLike[str] | None = None,
    plugins_dirs: Iterable[str | os.PathLike[str]] = (),
    strict: bool = False,
) -> str:
    """Convert Markdown to format ``to``, as ``retrokit convert`` does, in a session opened for this one
    call (use ``Session.convert`` for many documents). Warnings (what ``to`` cannot express) are
    dropped unless ``strict=True`` makes them errors; a session keeps them in ``session.warnings``."""
    return open_session(team, plugins_dirs=plugins_dirs, strict=strict).convert(markdown, to=to, title=title)
