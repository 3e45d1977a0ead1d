"""From render options to a planned agenda and its Markdown: the one pipeline behind ``render``,
``publish`` and the plugin testing helpers.

options + team config + memory ──► planner ──► ``retrokit_adjust_agenda`` hooks ──► template ──► Markdown
"""

from __future__ import annotations

from datetime import date as Date

import click

from retrokit.errors import RetrokitError, RetrokitUsageError
from retrokit.model import Agenda
from retrokit.records import record

#: The plugin options (``cli.plugin_options``) among a command's keyword arguments.
PLUGIN_OPTIONS = ("team", "plugins_dir", "disable_plugin", "strict", "debug")


def plugin_args(options: dict) -> dict:
    """Split the plugin options out of ``options`` (removing them), for ``cli._session``."""
    return {name: options.pop(name) for name in PLUGIN_OPTIONS}


@record
class Composed:
    """A composed agenda, its Markdown, the memory it drew on and whether to record the meeting."""

    agenda: Agenda
    markdown: str
    memory: object  # retrokit.memory.history.Recall, or None without a team folder or a person
    date: Date
    record: bool  # whether the caller should record this meeting (record_meeting)
    language: object = None  # the i18n.catalog.Language it is in (formats write their labels in it)

    def __init__(self, agenda: Agenda, markdown: str, memory: object, date: Date, record: bool,
                 language: object = None):
        self.agenda, self.markdown, self.memory, self.date = agenda, markdown, memory, date
        self.record, self.language = record, language


def compose(
    session,
    kind: str,
    *,
    minutes: int | None = None,
    seed: str | None = None,
    behavior=(),
    exclude_behavior=(),
    title: str | None = None,
    person: str | None = None,
    topic=(),
    context=(),
    record: bool | None = None,
    format_name: str = "markdown",
    command_args=(),
    plan_id: str | None = None,
    pin=(),
    swap=(),
    lang: str | None = None,
) -> Composed:
    """Plan a ``kind`` agenda for ``session`` and render its Markdown.

    ``command_args`` are the plugin options to repeat in the regenerate command the agenda prints
    (``--team``, ``--plugins-dir``, ``--disable-plugin``), as a flat list of arguments."""
    from retrokit.host.catalog import CORE_BEHAVIORS
    from retrokit.memory.clock import today
    from retrokit.planning.plan_id import minutes_of
    from retrokit.planning.planner import new_seed, plan

    catalog, config = session.catalog, session.config
    meeting = catalog.kind(kind)
    language = session.language(lang)
    focus, exclude = _behaviours(catalog, behavior, exclude_behavior)
    _check_configured_minutes(config, meeting, minutes, catalog.kinds, session.reporter)
    tags = _context(catalog, config, context)
    person = _person(person, config, session.reporter)
    topics = tuple(_nonempty(text, "--topic") for text in topic)
    if topics and not person:
        raise RetrokitUsageError("--topic needs --with NAME: topics are what the person raised for this meeting")
    record = _record(config, record)
    minutes = minutes_of(plan_id, kind, minutes) if plan_id else minutes
    minutes = minutes or config.minutes.get(kind) or meeting.default_minutes
    _check_length(config, kind, minutes)
    seed = _seed(seed) or new_seed()

    date = today()
    memory = None
    if config.path is not None or person:  # no team folder, no 1:1: nothing to remember
        from retrokit.memory.history import recall

        memory = recall(config, kind, person, topics, date)
    agenda = plan(
        meeting,
        list(catalog.prompts.values()),
        catalog.behaviors,
        minutes=minutes,
        seed=seed,
        core=CORE_BEHAVIORS,
        focus=focus,
        exclude=exclude,
        title=title or "",
        team=config.name,
        recall=memory,
        priority=_metric_prompts(session),
        context=frozenset(tags) | frozenset(meeting.context),
        plan_id=plan_id or "",
        pins=tuple(pin),
        swaps=tuple(swap),
    )
    agenda.command = _regenerate_command(
        kind, seed, agenda.plan, person, topics, focus, exclude, tags, title, format_name,
        [*(["--lang", language.code] if language.code != (config.lang.strip() or "en") else []), *command_args],
    )
    with speaking_in(language) as state:  # plugins' retrokit.t() and the templates' t() speak it
        agenda = adjust(session, agenda, meeting, core=CORE_BEHAVIORS, focus=focus)
        for note in agenda.notes:
            session.note(note)
        markdown = _render(session, agenda, meeting, state, titled=bool(title))
    return Composed(agenda, markdown, memory, date, record, language)


def _render(session, agenda: Agenda, meeting, state, *, titled: bool) -> str:
    """The agenda's Markdown in the language ``state`` speaks (``i18n.strings.Speaking``; None: English):
    the agenda translated (what plugins wrote with ``retrokit.t`` is already), the templates' text too,
    and one warning per kind of gap."""
    from retrokit.planning.templating import plugin_globals, render_markdown

    extra = plugin_globals(session, agenda, meeting)  # retrokit_template_globals: the plugins' own data
    if state is None:
        return render_markdown(agenda, meeting, session.templates, team=session.config, **extra)
    from retrokit.i18n.agenda import report, translate_agenda

    language = state.language
    gaps = translate_agenda(agenda, meeting, session.catalog.behaviors, language, titled=titled, said=state.said)
    markdown = render_markdown(agenda, meeting, session.templates, team=session.config, **extra)
    if state.missing:
        gaps["template texts"] = state.missing
    report(gaps, language, session.reporter.warn)
    return markdown


def _behaviours(catalog, behavior, exclude_behavior) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``--behavior`` and ``--exclude-behavior``, checked: known, and never both."""
    focus = catalog.check_behaviors(behavior)
    exclude = catalog.check_behaviors(exclude_behavior)
    if set(focus) & set(exclude):
        both = sorted(set(focus) & set(exclude))[0]
        raise RetrokitUsageError(f"behavior '{both}' is both wanted (--behavior) and excluded (--exclude-behavior)")
    return focus, exclude


def _check_configured_minutes(config, meeting, minutes, kinds, reporter) -> None:
    """``[minutes] KIND`` in retrokit.toml: a name that is no meeting kind is a warning (a typo would be
    ignored silently); the length used is not below the kind's minimum."""
    from retrokit.errors import did_you_mean

    for name in sorted(set(config.minutes) - set(kinds)):
        reporter.warn(f"{config.where(name, 'minutes')}: [minutes] {name} is not a meeting kind"
                      f"{did_you_mean(name, kinds)}; it is ignored")
    kind = meeting.name
    if not minutes and kind in config.minutes and config.minutes[kind] < meeting.min_minutes:
        raise RetrokitError(
            f"{config.where(kind, 'minutes')}: minutes.{kind} = {config.minutes[kind]} is too short for a "
            f"{kind}: the shortest sensible one is {meeting.min_minutes} minutes"
        )


def _check_length(config, kind: str, minutes: int) -> None:
    """At most ``MAX_MINUTES``: longer is a typo (or a plan id edited by hand), and time boxes overflow."""
    from retrokit.planning.timebox import MAX_MINUTES

    if minutes > MAX_MINUTES:
        too_long = f"a meeting of {minutes} minutes is longer than retrokit plans (at most {MAX_MINUTES}, a working day)"
        if config.minutes.get(kind) == minutes:  # the team's default: the config is at fault, not the command
            raise RetrokitError(f"{config.where(kind, 'minutes')}: minutes.{kind} = {minutes}: {too_long}")
        raise RetrokitUsageError(too_long)


def _seed(seed: str | None) -> str:
    """The seed as given, without outer spaces; one that would not print as itself is an error (the
    agenda shows it, and its regenerate command must give the same agenda)."""
    seed = (seed or "").strip()
    if not seed.isprintable():
        raise RetrokitUsageError(f"--seed '{seed}' holds a line break or control character; use printable text")
    return seed


def _record(config, record: bool | None) -> bool:
    """Whether to record this meeting: ``--record/--no-record``, else ``[history] record``; needs a team folder."""
    record = config.record if record is None else record
    if record and config.path is None:
        raise RetrokitError(
            "--record needs a team folder: no retrokit.toml here or above (run 'retrokit init', or pass --team DIR)"
        )
    return record


def _regenerate_command(kind, seed, plan, person, topics, focus, exclude, tags, title, format_name, command_args) -> str:
    """The command the agenda prints to regenerate it: everything that shapes the document, so that it
    reproduces it byte for byte (given the same action items and history); the plan id fixes the length
    and the prompts."""
    command = ["retrokit", "render", kind, "--seed", seed, "--plan", plan]
    command += ["--with", person] if person else []
    command += [arg for text in topics for arg in ("--topic", text)]
    command += [arg for name in focus for arg in ("--behavior", name)]
    command += [arg for name in exclude for arg in ("--exclude-behavior", name)]
    command += [arg for tag in tags for arg in ("--context", tag)]
    command += ["--title", title] if title else []
    command += ["--format", format_name] if format_name != "markdown" else []
    command += list(command_args)
    return shell_join(command)


_SHELL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")  # shlex.quote's


def shell_join(args) -> str:
    """``shlex.join(args)``, without importing shlex on every render (about 1.8 M instructions)."""
    return " ".join(a if a and _SHELL_SAFE.issuperset(a) else "'" + a.replace("'", "'\"'\"'") + "'" for a in args)


def adjust(session, agenda: Agenda, meeting, *, core=(), focus=()) -> Agenda:
    """Let each ``retrokit_adjust_agenda`` plugin change the planned agenda, in load order.

    A plugin that raises, returns something other than an Agenda, or leaves the agenda invalid
    (``Agenda.problem``) is reported and its change undone. Afterwards the agenda's length is the sum of
    its time boxes and its coverage is recounted; a changed length or an over-full time box is a note."""
    import copy

    from retrokit.planning.planner import coverage

    host, catalog = session.host, session.catalog
    hook = "retrokit_adjust_agenda"
    impls = host.impls(hook, kind=meeting.name)
    if not impls:
        return agenda
    for info, impl in impls:
        before = copy.deepcopy(agenda)
        arguments = dict(
            agenda=agenda, meeting=meeting, prompts=dict(catalog.prompts), behaviors=dict(catalog.behaviors),
            config=session.config,
        )
        ok, result = host.call_one(info, impl, hook, arguments)
        if not ok:
            agenda = before
            continue
        if result is not None and not isinstance(result, Agenda):
            session.reporter.warn(
                f"plugin '{info.name}' returned {type(result).__name__} from {hook}, not an Agenda or None; "
                "its change is undone"
            )
            agenda = before
            continue
        agenda = agenda if result is None else result
        problem = agenda.problem()
        if problem:
            session.reporter.warn(f"plugin '{info.name}' {hook}: {problem}; its change is undone")
            agenda = before
            continue
        total = sum(section.minutes for section in agenda.sections)
        if total != before.minutes:
            agenda.notes.append(
                f"plugin '{info.name}' changed the meeting from {before.minutes} to {total} minutes"
            )
        agenda.minutes = total
    for section in agenda.sections:
        used = sum(item.minutes for item in section.items) + sum(group.minutes for group in section.memory)
        if used > section.minutes:
            agenda.notes.append(f"section '{section.title}' holds {used} min of prompts in its {section.minutes}-min box")
    agenda.coverage = coverage(agenda.sections, catalog.behaviors, core, focus)
    return agenda


def render_format(session, output_format, request) -> str:
    """Run a format's renderer: its losses become warnings (errors with --strict), its failures one line."""
    from retrokit.reporting import collecting

    name, plugin = output_format.name, output_format.plugin
    request.use_format(output_format)
    try:
        with collecting() as said, speaking_in(request.language) as speaking:  # retrokit.warn inside the renderer
            text = output_format.renderer()(request)
    except click.ClickException:
        raise
    except Exception as exc:
        if session.reporter.debug:
            raise
        raise RetrokitError(f"format '{name}' (plugin '{plugin}') failed: {type(exc).__name__}: {exc}")
    if not isinstance(text, str):
        raise RetrokitError(f"format '{name}' (plugin '{plugin}') did not return text")
    for message in said:
        session.reporter.warn(f"plugin '{plugin}' (format '{name}'): {message}")
    if speaking is not None and speaking.missing:  # a format's own labels ("Note") with no translation
        from retrokit.i18n.agenda import report

        report({"template texts": speaking.missing}, request.language, session.reporter.warn)
    report_losses(session, name, request)
    return text


def speaking_in(language):
    """The format's own words in ``language`` (``i18n.strings.speaking``); English needs nothing."""
    from contextlib import nullcontext

    if language is None or language.code == "en":
        return nullcontext()
    from retrokit.i18n.strings import speaking

    return speaking(language)


def report_losses(session, name: str, request) -> None:
    """What format ``name`` could not express: one warning per kind of loss (errors with --strict)."""
    for what, count in request.losses.items():
        session.reporter.warn(f"{name}: {what}" + (f" ({count} places)" if count > 1 else ""))


def regenerate_args(team, plugins_dir, disable_plugin, **_) -> list[str]:
    """The plugin options of a command line, as arguments for the regenerate command."""
    args = ["--team", str(team)] if team else []
    args += [arg for folder in plugins_dir for arg in ("--plugins-dir", str(folder))]
    args += [arg for name in disable_plugin for arg in ("--disable-plugin", name)]
    return args


def _nonempty(text: str, option: str) -> str:
    """A user's text for an option, kept exactly; empty (or only spaces) is a usage error."""
    if not text.strip():
        raise RetrokitUsageError(f"{option} must not be empty")
    return text


def _context(catalog, config, given) -> list[str]:
    """The meeting's context tags as the regenerate command repeats them: ``--context`` (each a known tag,
    else a usage error) and the team's ``[context] tags`` (an unknown one names its line), sorted. The
    kind's own ``context`` comes on top in the planner. Undeclared tags prompts need are warned about here."""
    from retrokit.tags import unknown_tag

    known = catalog.context_tags
    given = catalog.check_tags(given)
    for tag in config.context:
        if tag not in known:
            raise RetrokitError(f"{config.where('tags', 'context')}: context.tags: {unknown_tag(tag, known)}")
    return sorted({*given, *config.context})


def _person(name: str | None, config, reporter) -> str:
    """``--with NAME``, as the team's member list spells it (names match ignoring case, spaces and
    punctuation); a name that is not a member is kept as given, with a warning when the team lists members."""
    if name is None:
        return ""
    from retrokit.memory.history import person_key

    name = _nonempty(name, "--with").strip()
    for member in config.members:
        if person_key(member["name"]) == person_key(name):
            return member["name"]
    if config.members:
        reporter.warn(
            f"--with '{name}' is not a member of the team ({config.where('members', 'team')}); "
            "using the name as given"
        )
    return name


def _metric_prompts(session) -> list:
    """The team's metric questions (retrokit.metrics), placed first in their sections; [] without a
    metrics file."""
    if session.config.metrics_file is None:
        return []
    from retrokit.planning.metric_prompts import metric_prompts

    return list(metric_prompts(session.config, session.host))


def record_meeting(config, composed: Composed, *, echo: bool = True) -> str:
    """Add the rendered agenda to the team's history.toml (locked, atomic); say so on stderr (unless
    ``echo`` is False) and return what was said."""
    from retrokit.memory.history import History, Meeting

    agenda, memory, date = composed.agenda, composed.memory, composed.date
    meeting = Meeting(
        kind=agenda.kind,
        series=memory.series,
        date=date,
        seed=agenda.seed,
        minutes=agenda.minutes,
        person=memory.person,
        prompts=[item.prompt_id for section in agenda.sections for item in section.items if item.prompt_id],
        topics=[entry.text for entry in memory.topics],
    )
    history = History(config.history_file)
    replaced = history.record(meeting)
    what = "replaced today's record of" if replaced else "recorded"
    message = f"{what} {meeting.series} {date.isoformat()} in {history.path}"
    if echo:
        click.echo(f"retrokit: {message}", err=True)
    return message
