"""pytest fixtures for plugin authors, installed with retrokit as the ``retrokit`` pytest plugin (pytest11).

A plugin's own tests need no subprocess and no installed entry point::

    import my_plugin

    def test_my_prompts_load(retrokit_session):
        session = retrokit_session(my_plugin)              # built-ins + my_plugin, nothing else
        assert "my-team.first-question" in session.catalog.prompts

    def test_the_retro_uses_them(retrokit_render):
        result = retrokit_render("retro", my_plugin, seed="s1")
        assert "my-team." in " ".join(item.prompt_id for s in result.agenda.sections for item in s.items)
        assert result.text.startswith("# Retrospective")

Both are strict by default: a warning (a malformed prompt, a hook that raises, a ``retrokit.warn``, a
format loss) raises ``retrokit.errors.RetrokitError`` with its message and " (--strict)", failing the
test. Pass ``strict=False`` to get the warnings in ``.warnings`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

__all__ = ["Rendered", "retrokit_session", "retrokit_render", "load_plugin"]


@dataclass
class Rendered:
    """One agenda rendered in memory."""

    text: str  # the document in the requested format
    markdown: str  # the Markdown it was rendered from
    agenda: Any  # the retrokit.model.Agenda (after every retrokit_adjust_agenda plugin)
    format: str
    warnings: list[str] = field(default_factory=list)  # with strict=False: what retrokit warned about
    notes: list[str] = field(default_factory=list)  # what the planner or an adjust plugin noted


def _plugins(plugins) -> tuple:
    """``(name, plugin)`` pairs: a bare plugin is named after its module (or class)."""
    pairs = []
    for plugin in plugins:
        if isinstance(plugin, tuple):
            pairs.append(plugin)
            continue
        name = getattr(plugin, "__name__", None) or type(plugin).__name__
        pairs.append((name.rsplit(".", 1)[-1], plugin))
    return tuple(pairs)


def load_plugin(path) -> Any:
    """The plugin file at ``path`` imported as a module, to pass to the fixtures; it is named after the
    file, as retrokit names a plugin in a plugin folder (``plugins/team_pulse.py`` is ``team-pulse``)."""
    from retrokit.host.discovery import _exec_file

    path = Path(path).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"no plugin file {path}")
    return _exec_file(path, f"retrokit_testing_{abs(hash(str(path.parent))) % 10**8}.{path.stem}")


def _write_files(folder: Path, files: dict) -> None:
    """``files`` ({relative path: str or bytes}) written into the team ``folder``, folders made as needed."""
    for name, content in files.items():
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ValueError(f"files: {name!r} must be a path inside the team folder, like 'data/pulse.csv'")
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _open(plugins, *, builtins: bool, team, strict: bool, folder: Path, files=None, disable=()):
    """A session with ``plugins``; ``team`` is None (no team folder), a folder holding retrokit.toml, or
    the retrokit.toml contents as a dict (written to ``folder``). ``files`` are written into ``folder``
    (a team folder is made for them when ``team`` is None); ``disable`` names plugins to leave out."""
    from retrokit.config import TeamConfig
    from retrokit.host.session import open_session

    if files:
        if team is not None and not isinstance(team, dict):
            raise ValueError("files= writes into the fixture's own team folder: give team as a dict (or None), "
                             "or put the files in your team folder")
        if isinstance(team, dict) and "retrokit.toml" in files:
            raise ValueError("give retrokit.toml as team= or in files=, not both")
        folder.mkdir(parents=True, exist_ok=True)
        _write_files(folder, files)
        team = {} if team is None and "retrokit.toml" not in files else team
    if isinstance(team, dict):
        import tomli_w

        folder.mkdir(parents=True, exist_ok=True)
        (folder / "retrokit.toml").write_text(tomli_w.dumps(team), encoding="utf-8")
    if isinstance(team, dict) or files:
        team = folder
    if isinstance(disable, str):
        disable = (disable,)
    return open_session(
        team=None if team is None else Path(team), config=TeamConfig() if team is None else None, strict=strict,
        quiet=True, builtins=builtins, installed=False, extra=_plugins(plugins), disabled=tuple(disable),
    )


@pytest.fixture
def retrokit_session(tmp_path):
    """``retrokit_session(*plugins, builtins=True, team=None, strict=True, files=None, disable=())``
    -> ``retrokit.host.session.Session``.

    An isolated plugin manager: the built-in plugins (unless ``builtins=False``) and the given plugins
    (modules, classes or objects with ``@retrokit.hookimpl`` functions, ``(name, plugin)`` pairs, or
    ``load_plugin(path)``) — no installed entry points, no team folder found from the working directory.
    ``team`` is a folder with a retrokit.toml or that file's contents as a dict; ``files`` are
    ``{path: text}`` written into the isolated team folder; ``disable`` names plugins to leave out.
    ``.host.pm`` is the pluggy manager, ``.catalog`` holds the validated prompts, kinds and formats,
    ``.reporter.warnings`` every warning."""

    def make(*plugins, builtins: bool = True, team=None, strict: bool = True, files=None, disable=()):
        return _open(plugins, builtins=builtins, team=team, strict=strict, folder=tmp_path / "retrokit-team",
                     files=files, disable=disable)

    return make


@pytest.fixture
def retrokit_render(tmp_path):
    """``retrokit_render(kind, *plugins, format="markdown", builtins=True, team=None, strict=True,
    files=None, disable=(), **options)`` -> ``Rendered``: plans and renders one agenda in memory, as
    ``retrokit render`` would (``team``, ``files`` and ``disable`` as for ``retrokit_session``).

    ``options`` are render's: ``minutes``, ``seed`` (default "test", so results are repeatable),
    ``behavior``, ``exclude_behavior``, ``title``, ``person``, ``topic``. Nothing is recorded."""

    def render(kind: str, *plugins, format: str = "markdown", builtins: bool = True, team=None,
               strict: bool = True, files=None, disable=(), **options) -> Rendered:
        from retrokit.api import render_document

        options.setdefault("seed", "test")
        session = _open(plugins, builtins=builtins, team=team, strict=strict, folder=tmp_path / "retrokit-team",
                        files=files, disable=disable)
        text, composed = render_document(session, kind, format_name=format, record=False, **options)
        return Rendered(text, composed.markdown, composed.agenda, format, list(session.reporter.warnings),
                        list(composed.agenda.notes))

    return render
