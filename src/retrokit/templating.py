"""Rendering an Agenda to Markdown with Jinja2 templates that a team can override.

Lookup order: the team's template folder, folders from ``retrokit_template_dirs`` plugins, then the
defaults (also reachable as ``default:NAME``, so a team template can ``{% extends "default:retro.md.j2" %}``).
Templates run in Jinja2's sandbox with StrictUndefined, and every value they print is escaped for
Markdown unless the template marks it ``|safe``: user text is data, never markup or template code.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from .errors import RetrokitError
from .model import Agenda, MeetingKind
from .paths import builtin_dir

FALLBACK_TEMPLATE = "agenda.md.j2"

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"\A([-+=]|\d+(?=[.)]))")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


def md_escape(value) -> str:
    """Escape text so Markdown shows it literally, on one line, wherever a template puts it."""
    if isinstance(value, Markup):
        return str(value)
    text = _WHITESPACE.sub(" ", str(value)).strip(" ")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)


def md_code(value) -> Markup:
    """An inline code span that holds ``value`` exactly, whatever backticks it contains."""
    text = _WHITESPACE.sub(" ", str(value))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")


def _finalize(value):
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return md_escape(value)


def environment(team_folder: Path | None = None, plugin_folders=()) -> jinja2.Environment:
    """The template environment; sandboxed whenever a template may come from outside retrokit."""
    default = jinja2.FileSystemLoader(str(builtin_dir("templates")))
    loaders = [jinja2.FileSystemLoader(str(team_folder))] if team_folder else []
    loaders += [jinja2.FileSystemLoader(str(folder)) for folder in plugin_folders]
    if loaders:
        from jinja2.sandbox import ImmutableSandboxedEnvironment as Environment
    else:
        Environment = jinja2.Environment  # only retrokit's own templates: skip the sandbox's import
    loaders += [default, jinja2.PrefixLoader({"default": default}, delimiter=":")]
    env = Environment(
        loader=jinja2.ChoiceLoader(loaders),
        # Compiled templates are cached per user (jinja2 checks the folder's owner and mode), which
        # saves most of a render's template time; the cache is keyed by each template's source.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = lambda v: Markup(md_escape(v))
    env.filters["code"] = md_code
    return env


def _template_location(exc: BaseException) -> str:
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""


def render_markdown(agenda: Agenda, kind: MeetingKind, env: jinja2.Environment, **context) -> str:
    try:
        template = env.select_template([kind.template, FALLBACK_TEMPLATE])
        text = template.render(agenda=agenda, kind=kind, **context)
    except jinja2.TemplateSyntaxError as exc:
        raise RetrokitError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}")
    except jinja2.TemplateNotFound as exc:
        raise RetrokitError(f"template not found: {exc.name} (wanted by {kind.template})")
    except jinja2.TemplateError as exc:
        raise RetrokitError(f"{_template_location(exc)}template error: {exc.message}")
    except RecursionError as exc:
        raise RetrokitError(
            f"{_template_location(exc)}template error: a template extends itself; "
            'use {% extends "default:NAME" %} to extend a default template'
        )
    return text.rstrip("\n") + "\n"
