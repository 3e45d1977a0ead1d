"""Rendering an Agenda to Markdown with Jinja2 templates that a team can override.

Lookup order: the team's template folder, folders from ``retrokit_template_dirs`` plugins, then the
defaults (also reachable as ``default:NAME``, so a team template can ``{% extends "default:retro.md.j2" %}``).
Templates run in Jinja2's sandbox (whenever one may come from outside retrokit) with StrictUndefined.
User text is data: the agenda and team the template sees hold Markdown-escaped copies of every string, so
prompt texts, names and titles print literally, while the template's own text, ``super()``, includes and
macros stay Markdown. ``|code`` turns a value back into its exact text inside an inline code span.
"""

from __future__ import annotations

import dataclasses
import io
import marshal
import operator
import pickle
import re
import zlib
from functools import lru_cache
from pathlib import Path, PurePath
from types import FunctionType, SimpleNamespace

import jinja2
from jinja2.bccache import bc_magic

from retrokit import __version__
from retrokit.errors import RetrokitError
from retrokit.model import Agenda, MeetingKind
from retrokit.host.paths import builtin_dir
from retrokit.patterns import lazy_compile

FALLBACK_TEMPLATE = "agenda.md.j2"

_INLINE_SPECIAL = lazy_compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = lazy_compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = lazy_compile(r"\A([-+=]|\d+(?=[.)]))")
_WHITESPACE = lazy_compile(r"[ \t\n\r\f\v]+")
_CONTROL_SPACE = "\x1c\x1d\x1e\x1f\x85"
# Unicode space separators (category Zs) other than the ASCII space; Markdown trims them at block ends.
# Compiled only for a text that starts or ends with one (compiling it costs about 3 M instructions).
_EDGE_SPACE = r"\A[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+|[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+\Z"
_EDGE_CHARS = frozenset("\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
#: Characters that make md_escape change a text (the patterns above, the edge and control spaces);
#: a text with none of them, no double space and a plain first and last character comes back as it is.
_TOUCHED = frozenset("\t\n\r\f\v\\`*_[]<>|~#&" + _CONTROL_SPACE) | _EDGE_CHARS
_PLAIN_START = frozenset("-+= 0123456789")


def md_escape(value) -> str:
    """Escape text so Markdown shows it literally, on one line, wherever a template puts it."""
    text = str(value)
    if text and text[0] not in _PLAIN_START and text[-1] != " " and _TOUCHED.isdisjoint(text) and "  " not in text:
        return text  # nothing below would change it (most prompt texts and notes)
    # Other whitespace at the ends (control separators like U+001F, U+0085) cannot survive Markdown,
    # not even as a character reference (it decodes to U+FFFD): leave it out, as Markdown would.
    text = _WHITESPACE.sub(" ", text).strip(" ")
    text = text.strip("".join(c for c in _CONTROL_SPACE))
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)
    # Markdown trims any Unicode space at the ends of a block; a character reference survives that.
    if text and (text[0] in _EDGE_CHARS or text[-1] in _EDGE_CHARS):
        text = re.sub(_EDGE_SPACE, lambda m: "".join(f"&#x{ord(c):X};" for c in m.group(0)), text)
    return text


class Escaped(str):
    """Markdown-escaped text that remembers the exact text it came from (``|code`` shows that)."""

    raw: str


@lru_cache(maxsize=16384)
def _escaped_text(value: str) -> Escaped:
    """One shared, immutable escaped copy per text: prompt texts and notes recur in every agenda."""
    result = Escaped(md_escape(value))
    result.raw = value
    return result


_PLAIN = frozenset({int, float, bool, type(None)})  # nothing to escape: most of an agenda's values


def escaped(value):
    """A copy of ``value`` for templates: every string in it Markdown-escaped, structure kept."""
    if type(value) in _PLAIN:
        return value
    copy = _COPIES.get(type(value))
    if copy is None:
        copy = _copy_for(type(value))
    return copy(value)


def _copy_for(cls: type):
    """How ``escaped`` copies a value of type ``cls``: worked out once per type (a session escapes the same
    few types, an agenda's dataclasses, lists and strings, in every agenda)."""
    if cls in _PLAIN or issubclass(cls, type):
        copy = _same
    elif cls is str:
        copy = _escaped_text
    elif issubclass(cls, (str, PurePath)):
        copy = _escaped_str
    elif issubclass(cls, tuple) and hasattr(cls, "_fields"):  # the model's NamedTuples
        copy = _named_tuple_copy
    elif issubclass(cls, (list, tuple)):
        copy = _list_copy
    elif issubclass(cls, dict):
        copy = _dict_copy
    elif dataclasses.is_dataclass(cls):
        copy = _dataclass_copy(tuple(f.name for f in dataclasses.fields(cls)))
    else:
        copy = _same
    if len(_COPIES) >= _COPIES_LIMIT:
        _COPIES.clear()
    _COPIES[cls] = copy
    return copy


#: type -> how ``escaped`` copies a value of it (``_copy_for``)
_COPIES: dict = {}
_COPIES_LIMIT = 1024


def _same(value):
    return value


def _escaped_str(value) -> Escaped:
    return _escaped_text(str(value))


def _named_tuple_copy(value) -> SimpleNamespace:
    return SimpleNamespace(**{name: escaped(item) for name, item in zip(value._fields, value)})


def _list_copy(value) -> list:
    return [escaped(item) for item in value]


def _dict_copy(value) -> dict:
    return {key: escaped(item) for key, item in value.items()}


def _dataclass_copy(names: tuple[str, ...]):
    if len(names) > 1:
        values_of = operator.attrgetter(*names)
    else:
        def values_of(value):
            return tuple(getattr(value, name) for name in names)

    def copy(value) -> SimpleNamespace:
        values = values_of(value)
        if _FLAT.issuperset(map(type, values)):
            return SimpleNamespace(**dict(zip(names, _flat_escaped(values))))
        return SimpleNamespace(**{name: escaped(item) for name, item in zip(names, values)})

    return copy


#: Types whose escaped copy depends on the value alone, and whose values never equal one another's
#: (1 == True == 1.0, so bool and float are not among them): what an agenda item holds.
_FLAT = frozenset({str, int})
#: Field values of a dataclass holding only ``_FLAT`` values -> their escaped copies: an agenda's items
#: recur in other agendas (each prompt at the lengths it is given). Bounded.
_FLAT_COPIES: dict[tuple, tuple] = {}
_FLAT_COPIES_LIMIT = 8192


def _flat_escaped(values: tuple) -> tuple:
    known = _FLAT_COPIES.get(values)
    if known is None:
        known = tuple(map(escaped, values))
        if len(_FLAT_COPIES) >= _FLAT_COPIES_LIMIT:
            _FLAT_COPIES.clear()
        _FLAT_COPIES[values] = known
    return known


@lru_cache(maxsize=64)
def _escaped_kind(kind: MeetingKind):
    return escaped(kind)


def _kind_for_templates(kind: MeetingKind):
    """``escaped(kind)``, made once per meeting kind (a kind is an immutable NamedTuple of tuples)."""
    try:
        return _escaped_kind(kind)
    except TypeError:  # something unhashable inside: escape it afresh
        return escaped(kind)


def md_code(value) -> str:
    """An inline code span that shows ``value``'s exact text, whatever backticks it contains."""
    text = value.raw if isinstance(value, Escaped) else str(value)
    text = re.sub(r"\r\n?|\n", " ", text)  # a code span cannot hold a line break
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space from each end when both ends have one: pad to keep them.
    edge = text.startswith("`") or text.endswith("`") or (text[:1] == text[-1:] == " " and text.strip(" "))
    pad = " " if edge else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class _Context(jinja2.runtime.Context):
    """jinja2's template context, with a cheaper ``derived``: the context of a scoped block (one per
    section and one per item of every agenda) shares the block table instead of copying each list in
    it. The table is complete before any block runs, and nothing changes it afterwards."""

    @jinja2.utils.internalcode
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (jinja2's own signature)
        """jinja2's ``call``, with a short way for a plain function that takes no context, environment or
        eval context (``t()``, several times an item): jinja2 looks for ``jinja_pass_arg`` on it and on
        its ``__call__`` first, to find none."""
        if type(__obj) is not FunctionType or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"  # jinja2's text
            )

    def derived(self, locals=None):
        parent = {**self.parent, **self.vars}
        if locals:
            parent.update((key, value) for key, value in locals.items() if value is not jinja2.runtime.missing)
        context = type(self)(self.environment, parent, self.name, {})
        context.eval_ctx = self.eval_ctx
        context.blocks = self.blocks
        return context


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """jinja2's per-user cache of compiled templates, each file read whole and unmarshalled from bytes:
    ``marshal.load`` on a file object reads it in thousands of small calls, about 8 times slower (1 ms of
    a render's 3 templates). A file that is not what jinja2 wrote for this template is ignored (compiled
    afresh), as jinja2 itself does."""

    def load_bytecode(self, bucket) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as handle:
                data = handle.read()
        except OSError:
            return
        stream = io.BytesIO(data)
        try:
            if stream.read(len(bc_magic)) == bc_magic and pickle.load(stream) == bucket.checksum:
                bucket.code = marshal.loads(data[stream.tell():])
        except Exception:  # truncated or foreign: compile afresh
            bucket.reset()


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
    options = dict(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Compiled templates are cached per user (jinja2 checks the folder's owner and mode); jinja2 keys
    # the cache by template source only, so the file name also carries what else shapes the code.
    fingerprint = zlib.crc32(repr((__version__, jinja2.__version__, Environment.__name__, options)).encode())
    env = Environment(
        loader=jinja2.ChoiceLoader(loaders),
        bytecode_cache=_BytecodeCache(pattern=f"__retrokit_{fingerprint:08x}_%s.cache"),
        **options,
    )
    env.filters["code"] = md_code
    from retrokit.i18n.strings import quote, translate

    env.globals["t"] = translate
    env.filters["quote"] = quote
    env.context_class = _Context
    return env


def _template_location(exc: BaseException) -> str:
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""


#: Names retrokit's templates use for their own variables: no plugin's template global may take one.
OWN_NAMES = frozenset({
    "agenda", "kind", "team", "section", "item", "group", "entry", "memory", "label", "colon", "rest",
    "loop", "self", "super", "caller", "varargs", "kwargs", "true", "false", "none", "t", "card",
})
_VARIABLE = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def plugin_globals(session, agenda: Agenda, meeting: MeetingKind) -> dict:
    """What ``retrokit_template_globals`` plugins give the templates, checked: a dict of variable names;
    a name that is not one, or that retrokit uses, is left out, and of two plugins giving one name the
    later one wins (each with a warning naming the plugins)."""
    import keyword

    hook, warn = "retrokit_template_globals", session.reporter.warn
    taken = OWN_NAMES | set(session.templates.globals)
    given: dict[str, tuple[str, object]] = {}
    for info, result in session.host.call(hook, meeting.name, agenda=agenda, meeting=meeting, config=session.config):
        if result is None:
            continue
        if not isinstance(result, dict):
            warn(f"plugin '{info.name}' returned {type(result).__name__} from {hook}, not a dict; ignored")
            continue
        for name, value in result.items():
            where = f"plugin '{info.name}' {hook}"
            if not isinstance(name, str) or not _VARIABLE.match(name) or keyword.iskeyword(name):
                warn(f"{where}: {name!r} is not a template variable name (letters, digits and _); ignored")
            elif name in taken:
                warn(f"{where}: '{name}' is one of retrokit's own template names; choose another (ignored)")
            else:
                if name in given:
                    warn(f"{where}: '{name}' is also given by plugin '{given[name][0]}'; plugin '{info.name}' wins")
                given[name] = (info.name, value)
    return {name: value for name, (_, value) in given.items()}


def render_markdown(agenda: Agenda, kind: MeetingKind, env: jinja2.Environment, **context) -> str:
    try:
        if kind.template:
            template = env.get_template(kind.template)
        else:
            template = env.select_template([f"{kind.name}.md.j2", FALLBACK_TEMPLATE])
        text = template.render(
            agenda=escaped(agenda), kind=_kind_for_templates(kind), **{k: escaped(v) for k, v in context.items()}
        )
    except jinja2.TemplateSyntaxError as exc:
        raise RetrokitError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}")
    except jinja2.TemplateNotFound as exc:
        where = _template_location(exc) or f"meeting kind '{kind.name}' (plugin '{kind.plugin}'): "
        raise RetrokitError(f"{where}template not found: {exc.name}")
    except jinja2.TemplateError as exc:
        raise RetrokitError(f"{_template_location(exc)}template error: {exc.message}")
    except RecursionError as exc:
        raise RetrokitError(
            f"{_template_location(exc)}template error: a template extends itself; "
            'use {% extends "default:NAME" %} to extend a default template'
        )
    except Exception as exc:  # template code is user code: name where it failed
        location = _template_location(exc)
        if not location:
            raise
        raise RetrokitError(f"{location}template error: {type(exc).__name__}: {exc}")
    return text.rstrip("\n") + "\n"
