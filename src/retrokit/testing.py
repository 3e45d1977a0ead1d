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

__all__ = ["Rendered", "retrokit_session", "retrokit_render"]


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


def _open(plugins, *, builtins: bool, team, strict: bool, folder: Path):
    """A session with ``plugins``; ``team`` is None (no team folder), a folder holding retrokit.toml, or
    the retrokit.toml contents as a dict (written to ``folder``)."""
    from retrokit.config import TeamConfig
    from retrokit.host.session import open_session

    if isinstance(team, dict):
        import tomli_w

        folder.mkdir(parents=True, exist_ok=True)
        (folder / "retrokit.toml").write_text(tomli_w.dumps(team), encoding="utf-8")
        team = folder
    return open_session(
        team=None if team is None else Path(team), config=TeamConfig() if team is None else None, strict=strict,
        quiet=True, builtins=builtins, installed=False, extra=_plugins(plugins),
    )


@pytest.fixture
def retrokit_session(tmp_path):
    """``retrokit_session(*plugins, builtins=True, team=None, strict=True)`` -> ``retrokit.host.session.Session``.

    An isolated plugin manager: the built-in plugins (unless ``builtins=False``) and the given plugins
    (modules, classes or objects with ``@retrokit.hookimpl`` functions, or ``(name, plugin)`` pairs) —
    no installed entry points, no team folder found from the working directory. ``team`` is a folder with
    a retrokit.toml or that file's contents as a dict. ``.host.pm`` is the pluggy manager, ``.catalog``
    holds the validated prompts, kinds and formats, ``.reporter.warnings`` every warning."""

    def make(*plugins, builtins: bool = True, team=None, strict: bool = True):
        return _open(plugins, builtins=builtins, team=team, strict=strict, folder=tmp_path / "retrokit-team")

    return make


@pytest.fixture
def retrokit_render(tmp_path):
    """``retrokit_render(kind, *plugins, format="markdown", builtins=True, team=None, strict=True, **options)``
    -> ``Rendered``: plans and renders one agenda in memory, as ``retrokit render`` would.

    ``options`` are render's: ``minutes``, ``seed`` (default "test", so results are repeatable),
    ``behavior``, ``exclude_behavior``, ``title``, ``person``, ``topic``. Nothing is recorded."""

    def render(kind: str, *plugins, format: str = "markdown", builtins: bool = True, team=None,
               strict: bool = True, **options) -> Rendered:
        from retrokit.api import render_document

        options.setdefault("seed", "test")
        session = _open(plugins, builtins=builtins, team=team, strict=strict, folder=tmp_path / "retrokit-team")
        text, composed = render_document(session, kind, format_name=format, record=False, **options)
        return Rendered(text, composed.markdown, composed.agenda, format, list(session.reporter.warnings),
                        list(composed.agenda.notes))

    return render
