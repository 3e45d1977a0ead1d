"""The plain data retrokit works with: what plugins contribute, and the agenda the planner makes.

What plugins contribute are immutable named tuples (``records.TupleRecord``: the NamedTuple API, cheap
to define, which matters for start-up); the agenda is made of dataclasses (``records.record``) that later
steps may adjust. Plugins may return dicts or the named tuples;
``from_data`` turns either into a validated instance and raises ``DataError`` with a short, specific
reason when something is off.
"""

# No ``from __future__ import annotations`` here: with string annotations dataclass matches each one
# against ClassVar and InitVar, a measurable part of start-up.
import math
from dataclasses import field
from functools import lru_cache
from typing import Any, Callable

# The field checks live in retrokit.fields; from_data below calls them by these short names.
from retrokit.errors import shown
from retrokit.fields import NAME, DataError, agenda_problem
from retrokit.fields import as_dict as _as_dict
from retrokit.fields import names_field as _names
from retrokit.fields import positive_field as _positive
from retrokit.fields import text_field as _text
from retrokit.fields import whole_field as _whole
from retrokit.patterns import lazy_compile
from retrokit.records import TupleRecord, record

LAZY_REFERENCE = lazy_compile(r"[A-Za-z_][\w.]*:[A-Za-z_][\w.]*\Z")
PROMPT_ID = lazy_compile(r"[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+\Z")
#: Whom a prompt is written for: a group (three or more people), a pair (a 1:1), or either.
AUDIENCES = ("any", "group", "pair")
#: Whom a meeting kind is for: a prompt of the other audience is never drawn into it.
KIND_AUDIENCES = ("group", "pair")


class Behavior(TupleRecord):
    name: str
    title: str
    description: str = ""
    plugin: str = ""

    @classmethod
    def from_data(cls, data, plugin: str) -> "Behavior":
        what = "behavior"
        data = _as_dict(data, cls, what)
        name = _text(data, "name", what, pattern=NAME)
        what = f"behavior '{name}'"
        return cls(name, _text(data, "title", what), _text(data, "description", what, required=False), plugin)


class Prompt(TupleRecord):
    """One question or activity. The fields after ``plugin`` came with hook API 1.2 and have defaults, so
    older plugins (and positional construction) keep working:

    - ``audience``: ``group`` (needs three or more people), ``pair`` (written for a 1:1) or ``any``;
    - ``needs``: context tags the prompt presupposes (``incident``, ``cross-team``, ...); it is drawn only
      when the meeting's context holds all of them;
    - ``max_minutes``: the planner never stretches it past this (default: ``minutes`` and a half);
    - ``technique``: a short tag (``rating-round``, ``timeline``...); one agenda never uses one twice;
    - ``prepare``: what someone must gather or do before the meeting (the agenda's checklist);
    - ``source``: credit for a classic technique the prompt adapts.
    """

    id: str
    text: str
    behavior: str
    kinds: tuple[str, ...]
    phase: str
    minutes: int
    note: str = ""
    plugin: str = ""
    audience: str = "any"
    needs: tuple[str, ...] = ()
    max_minutes: int = 0  # 0: not given; from_data fills in default_max(minutes)
    technique: str = ""
    prepare: str = ""
    source: str = ""

    @property
    def longest(self) -> int:
        """The most minutes this prompt may be given."""
        return max(self.max_minutes, self.minutes) if self.max_minutes else default_max(self.minutes)

    @classmethod
    def from_data(cls, data, plugin: str) -> "Prompt":
        data = _as_dict(data, cls, "prompt")
        pid = _text(data, "id", "prompt")
        if not PROMPT_ID.match(pid):
            raise DataError(f"prompt id {shown(pid)} must look like 'family.some-slug' (lowercase, dots, hyphens)")
        what = f"prompt '{pid}'"
        minutes = _whole(data, "minutes", what)
        longest = _whole(data, "max_minutes", what, default=default_max(minutes))
        if longest < minutes:
            raise DataError(f"{what} 'max_minutes' {longest} is below its 'minutes' {minutes}")
        audience = _text(data, "audience", what, required=False) or "any"
        if audience not in AUDIENCES:
            raise DataError(f"{what} 'audience' must be one of {', '.join(AUDIENCES)}, not {shown(audience)}")
        return cls(
            id=pid,
            text=_text(data, "text", what, limit=1000),
            behavior=_text(data, "behavior", what, pattern=NAME),
            kinds=_names(data, "kinds", what),
            phase=_text(data, "phase", what, pattern=NAME),
            minutes=minutes,
            note=_text(data, "note", what, required=False, limit=500),
            plugin=plugin,
            audience=audience,
            needs=tuple(sorted(set(_names(data, "needs", what, default=(), empty=True)))),
            max_minutes=longest,
            technique=_text(data, "technique", what, required=False, pattern=NAME, limit=40),
            prepare=_text(data, "prepare", what, required=False, limit=300),
            source=_text(data, "source", what, required=False, limit=200),
        )

    def to_json(self) -> dict[str, Any]:
        data = self._asdict()
        data["kinds"] = list(self.kinds)
        data["needs"] = list(self.needs)
        data["max_minutes"] = self.longest
        return data


def default_max(minutes: int) -> int:
    """The longest a prompt without ``max_minutes`` may run: its minutes and a half (at least one more)."""
    return minutes + max(1, minutes // 2)


#: How far a facilitator can compress an activity: to about this share of its suggested minutes.
COMPRESSION = 0.6


@lru_cache(maxsize=256)  # called for every candidate the planner weighs; a few distinct lengths recur
def shortest_minutes(minutes: int) -> int:
    """The least time an activity of ``minutes`` suggested minutes can run in: about 60% of it (``COMPRESSION``),
    never under 2 minutes (nor over its own length)."""
    return min(minutes, max(2, math.ceil(minutes * COMPRESSION)))


class Section(TupleRecord):
    """One section of a meeting kind: which prompt phases feed it and its share of the time."""

    id: str
    title: str
    phases: tuple[str, ...]
    weight: float = 1.0
    min_minutes: int = 3
    max_items: int = 3
    intro: str = ""

    @classmethod
    def from_data(cls, data, what: str) -> "Section":
        data = _as_dict(data, cls, what)
        sid = _text(data, "id", what, pattern=NAME)
        what = f"{what} '{sid}'"
        min_minutes = _positive(data, "min_minutes", what, default=3)
        max_items = _positive(data, "max_items", what, default=3)
        if min_minutes != int(min_minutes) or max_items != int(max_items):
            raise DataError(f"{what} 'min_minutes' and 'max_items' must be whole numbers")
        return cls(
            id=sid,
            title=_text(data, "title", what),
            phases=_names(data, "phases", what),
            weight=float(_positive(data, "weight", what, default=1.0)),
            min_minutes=int(min_minutes),
            max_items=int(max_items),
            intro=_text(data, "intro", what, required=False),
        )


class MeetingKind(TupleRecord):
    """A kind of meeting: its sections in order, default length and the template that renders it."""

    name: str
    title: str
    sections: tuple[Section, ...]
    default_minutes: int
    template: str = ""  # "" means "<name>.md.j2" if there is one, else the shared agenda.md.j2
    prompt_kinds: tuple[str, ...] = ()
    description: str = ""
    plugin: str = ""
    audience: str = "group"  # hook API 1.2: "group" or "pair" (a 1:1); see Prompt.audience
    context: tuple[str, ...] = ()  # hook API 1.2: context tags the kind itself implies (an incident review: incident)

    @property
    def min_minutes(self) -> int:
        return sum(section.min_minutes for section in self.sections)

    @classmethod
    def from_data(cls, data, plugin: str) -> "MeetingKind":
        data = _as_dict(data, cls, "meeting kind")
        name = _text(data, "name", "meeting kind", pattern=NAME)
        what = f"meeting kind '{name}'"
        sections = data.get("sections")
        if not isinstance(sections, (list, tuple)) or not sections:
            raise DataError(f"{what} 'sections' must be a non-empty list")
        parsed = tuple(Section.from_data(s, f"{what} section #{i + 1}") for i, s in enumerate(sections))
        ids = [s.id for s in parsed]
        if len(set(ids)) != len(ids):
            raise DataError(f"{what} has two sections with the same id")
        default = _positive(data, "default_minutes", what)
        kind = cls(
            name=name,
            title=_text(data, "title", what),
            sections=parsed,
            default_minutes=int(default),
            template=_text(data, "template", what, required=False),
            prompt_kinds=_names(data, "prompt_kinds", what, default=(name,)),
            description=_text(data, "description", what, required=False),
            plugin=plugin,
            audience=_text(data, "audience", what, required=False) or "group",
            context=tuple(sorted(set(_names(data, "context", what, default=(), empty=True)))),
        )
        if kind.audience not in KIND_AUDIENCES:
            raise DataError(f"{what} 'audience' must be one of {', '.join(KIND_AUDIENCES)}, not {shown(kind.audience)}")
        if kind.default_minutes < kind.min_minutes:
            raise DataError(f"{what} default_minutes {default} is below its minimum of {kind.min_minutes}")
        return kind


class OutputFormat(TupleRecord):
    """An output format: ``render(request)`` returns the document in that format, where ``request``
    is a ``retrokit.rendering.RenderRequest`` (the Markdown, its tokens, the agenda if any, the team's
    members, since 1.3 its ``config`` and the plugin's ``settings``) and ``request.lose("...")`` reports
    what the format cannot express."""

    name: str
    render: Callable[[Any], str] | str  # or "module:function", imported on first use
    description: str = ""
    extension: str = ""
    plugin: str = ""

    def renderer(self) -> Callable[[Any], str]:
        if callable(self.render):
            return self.render
        import importlib

        module, _, attr = self.render.partition(":")
        target = importlib.import_module(module)
        for part in attr.split("."):
            target = getattr(target, part)
        return target

    @classmethod
    def from_data(cls, data, plugin: str) -> "OutputFormat":
        data = _as_dict(data, cls, "format")
        name = _text(data, "name", "format", pattern=NAME)
        render = data.get("render")
        if not callable(render) and not (isinstance(render, str) and LAZY_REFERENCE.match(render)):
            raise DataError(f"format '{name}' 'render' must be a callable(request) -> str or 'module:function'")
        what = f"format '{name}'"
        return cls(
            name,
            data["render"],
            _text(data, "description", what, required=False),
            _text(data, "extension", what, required=False),
            plugin,
        )


# -- the planned agenda -------------------------------------------------------------------------------


@record
class AgendaItem:
    """One timed item of a section; an empty ``prompt_id`` is open time ("Open discussion", "Buffer").
    ``min_minutes``/``max_minutes`` (hook API 1.3, 0: not given) bound what ``retrokit.editing`` gives it;
    ``from_prompt`` sets them to the prompt's shortest (about 60% of its minutes) and longest."""

    prompt_id: str
    text: str
    behavior: str
    behavior_title: str
    minutes: int
    note: str
    plugin: str
    technique: str = ""
    prepare: str = ""  # what to gather or do before the meeting: the agenda's "Before the meeting" list
    source: str = ""  # credit for the classic technique it adapts, shown with the facilitator note
    min_minutes: int = 0  # hook API 1.3: the least it may be compressed to (0: not given)
    max_minutes: int = 0  # hook API 1.3: the most it may be stretched to (0: not given)

    def __init__(self, prompt_id: str, text: str, behavior: str, behavior_title: str, minutes: int, note: str,
                 plugin: str, technique: str = "", prepare: str = "", source: str = "", min_minutes: int = 0,
                 max_minutes: int = 0):
        self.prompt_id, self.text, self.behavior, self.behavior_title = prompt_id, text, behavior, behavior_title
        self.minutes, self.note, self.plugin, self.technique = minutes, note, plugin, technique
        self.prepare, self.source, self.min_minutes, self.max_minutes = prepare, source, min_minutes, max_minutes

    @classmethod
    def from_prompt(cls, prompt: Prompt, behaviors: dict | None = None, minutes: int | None = None) -> "AgendaItem":
        """An item that asks ``prompt`` (its own minutes unless given); ``behaviors`` (``{name: Behavior}``,
        as the adjust hook receives it) gives the behaviour's title. The prompt need not be in the catalog:
        ``Prompt(id=..., text=..., behavior=..., kinds=(...), phase=..., minutes=...)`` makes one."""
        behavior = (behaviors or {}).get(prompt.behavior)
        title = behavior.title if behavior is not None else prompt.behavior.replace("-", " ").capitalize()
        minutes = minutes or prompt.minutes
        return cls(prompt.id, prompt.text, prompt.behavior, title, minutes, prompt.note, prompt.plugin,
                   prompt.technique, prompt.prepare, prompt.source,
                   min(minutes, shortest_minutes(prompt.minutes)), max(minutes, prompt.longest))


@record
class Remembered:
    """One thing an agenda comes back to: an open action item or a topic (``item_id``: the item's or,
    for a topic still open from earlier, the topic's id; 0 for this meeting's topics)."""

    text: str
    item_id: int = 0
    owner: str = ""
    mention: str = ""  # "@Ana.Lopez": the owner as the task-list convention writes it
    due: str = ""  # YYYY-MM-DD or ""
    created: str = ""
    age_days: int = 0
    due_in_days: int | None = None  # negative when past its date

    def __init__(self, text: str, item_id: int = 0, owner: str = "", mention: str = "", due: str = "",
                 created: str = "", age_days: int = 0, due_in_days: int | None = None):
        self.text, self.item_id, self.owner, self.mention = text, item_id, owner, mention
        self.due, self.created, self.age_days, self.due_in_days = due, created, age_days, due_in_days


@record
class MemoryGroup:
    """Entries from the team's memory that open a section, with their share of its time box.

    ``kind``: ``actions`` (open action items), ``topics`` (topics raised for this meeting) or
    ``open-topics`` (the person's topics still open from earlier meetings of the series). ``since`` is
    kept for ``last-time`` groups of older templates; the planner no longer makes them."""

    kind: str
    minutes: int
    entries: list[Remembered]
    since: str = ""

    def __init__(self, kind: str, minutes: int, entries: list[Remembered], since: str = ""):
        self.kind, self.minutes, self.entries, self.since = kind, minutes, entries, since


@record
class AgendaSection:
    """One timed section of the agenda. ``phases``, ``min_minutes`` and ``max_items`` (hook API 1.3) are
    those of the meeting kind's section it was planned from; a section a plugin makes without them takes
    no phase, may shrink to 1 minute and has no item limit (``max_items`` 0)."""

    id: str
    title: str
    minutes: int
    intro: str = ""
    items: list[AgendaItem] = field(default_factory=list)
    memory: list[MemoryGroup] = field(default_factory=list)  # what the team's memory brings, first
    phases: tuple[str, ...] = ()
    min_minutes: int = 1
    max_items: int = 0  # how many activities the planner draws into it at most; 0: no limit

    def __init__(self, id: str, title: str, minutes: int, intro: str = "", items: list[AgendaItem] | None = None,
                 memory: list[MemoryGroup] | None = None, phases: tuple[str, ...] = (), min_minutes: int = 1,
                 max_items: int = 0):
        self.id, self.title, self.minutes, self.intro = id, title, minutes, intro
        self.items = [] if items is None else items
        self.memory = [] if memory is None else memory
        self.phases, self.min_minutes, self.max_items = phases, min_minutes, max_items


@record
class Agenda:
    """A planned agenda: its sections in order, the behaviours it covers and how to plan it again."""

    kind: str
    kind_title: str
    title: str
    team: str
    minutes: int
    seed: str
    command: str
    sections: list[AgendaSection]
    coverage: list[str]  # titles of the behaviours the agenda exercises
    notes: list[str] = field(default_factory=list)  # what the planner could not do, for stderr
    plan: str = ""  # the plan id: kind, length and the prompt in every slot (``render --plan``)
    context: list[str] = field(default_factory=list)  # the meeting's context tags (``--context``)

    def __init__(self, kind: str, kind_title: str, title: str, team: str, minutes: int, seed: str, command: str,
                 sections: list[AgendaSection], coverage: list[str], notes: list[str] | None = None,
                 plan: str = "", context: list[str] | None = None):
        self.kind, self.kind_title, self.title, self.team = kind, kind_title, title, team
        self.minutes, self.seed, self.command, self.sections = minutes, seed, command, sections
        self.coverage, self.notes = coverage, [] if notes is None else notes
        self.plan, self.context = plan, [] if context is None else context

    def problem(self) -> str:
        """What makes this agenda unrenderable ("" when nothing): the checks run after each
        ``retrokit_adjust_agenda`` plugin (``retrokit.fields.agenda_problem``)."""
        return agenda_problem(self)
