"""``retrokit actions …`` and ``retrokit ingest``: the team's action items, kept in ``actions.toml``
beside retrokit.toml (layout in ``retrokit.memory.ledger``; every write locked and atomic, see ``retrokit.memory.store``).

Output contract: stdout carries only what a script wants (the new id for ``add``, the listing for
``list``, the list of changes for ``ingest``); what changed and warnings go to stderr as one line each.
Owners are matched to the team's members ignoring case, accents, spaces and punctuation and stored as
retrokit.toml spells them; a name that is no member is kept as given, with a warning (an error with
``--strict``). Exit codes: 0 ok, 1 failure (no team folder, a broken ledger, an unknown id), 2 usage.
"""

from __future__ import annotations

from pathlib import Path

import click

from retrokit.cli.options import CONTEXT_SETTINGS, team_option


# -- shared options and helpers ---------------------------------------------------------------------


def _common(fn):
    options = [
        team_option,
        click.option("--strict", is_flag=True, help="Treat warnings (e.g. an owner who is no member) as errors."),
        click.option("--debug", is_flag=True, help="Show tracebacks (also RETROKIT_DEBUG=1)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


class _Warnings:
    """Warnings go to stderr, one line each; with --strict the first one is an error."""

    def __init__(self, strict: bool):
        self.strict = strict

    def __call__(self, message: str) -> None:
        if self.strict:
            from retrokit.errors import RetrokitError

            raise RetrokitError(f"{message} (--strict)")
        click.echo(f"retrokit: warning: {message}", err=True)


def _say(message: str) -> None:
    click.echo(f"retrokit: {message}", err=True)


def _team(team: Path | None, warn):
    """The team's config; an error that says to run ``retrokit init`` when there is no team folder."""
    import shlex

    from retrokit.config import FILENAME, load
    from retrokit.errors import RetrokitError

    if team is not None and not (team / FILENAME).is_file():
        raise RetrokitError(f"no {FILENAME} in {team}; create one with: retrokit init {shlex.quote(str(team))}")
    config = load(team, warn=warn)
    if config.path is None:
        raise RetrokitError(
            f"no {FILENAME} in {Path.cwd()} or any folder above it; create one with 'retrokit init' "
            "(or point to the team folder with --team DIR)"
        )
    return config


def _ledger(config):
    from retrokit.memory.ledger import Ledger

    return Ledger(config.actions_file)


def _text(value: str, what: str) -> str:
    """User text kept exactly as given; only text with nothing in it, or not UTF-8, is refused."""
    from retrokit.errors import RetrokitUsageError

    if not value.strip():
        raise RetrokitUsageError(f"{what} is empty")
    return _utf8(value, what)


def _utf8(value: str, what: str) -> str:
    """``value``, unless the command line held bytes that are not UTF-8 (a usage error)."""
    from retrokit.errors import RetrokitUsageError

    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RetrokitUsageError(f"{what} is not valid UTF-8")
    return value


def _owner(name: str, config, warn) -> str:
    """The member ``name`` means, as retrokit.toml spells it; else ``name`` with a warning."""
    from retrokit.errors import did_you_mean
    from retrokit.memory.ingest import resolve_owner

    owner, known = resolve_owner(_text(name, "--owner"), config.members)
    if config.members and not known:
        names = [member["name"] for member in config.members]
        warn(
            f"owner '{name}' is not a member of the team in {config.path}{did_you_mean(name, names)}; "
            "the item is theirs as written"
        )
    return owner


def _due(ctx, param, value):
    """--due YYYY-MM-DD, a real calendar date."""
    import datetime
    import re

    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-12-01")


def _today():
    from retrokit.memory.clock import today

    return today()


# -- actions ----------------------------------------------------------------------------------------


@click.group(context_settings=CONTEXT_SETTINGS, short_help="Add, list, close and edit the team's action items.")
def actions():
    """Track the team's action items (actions.toml beside retrokit.toml).

    \b
    retrokit actions add "Ask payments how the retry landed" --owner Ana --due 2026-12-01
    retrokit actions list --open
    retrokit actions done 3
    """


@actions.command()
@click.argument("text")
@click.option("--owner", required=True, metavar="NAME", help="Who follows it up (a team member's name).")
@click.option("--due", callback=_due, metavar="YYYY-MM-DD", help="When it is due.")
@click.option("--meeting", default="", metavar="LABEL", help="The meeting it came from (default: none).")
@_common
def add(text, owner, due, meeting, team, strict, debug):
    """Add an action item; prints its id on stdout."""
    from retrokit.memory.ledger import ActionItem, Ledger

    text, meeting = _text(text, "the text"), _utf8(meeting, "--meeting")
    warn = _Warnings(strict)
    config = _team(team, warn)
    owner = _owner(owner, config, warn)
    today = _today()
    if due is not None and due < today:
        warn(f"due date {due.isoformat()} is already past")
    with _ledger(config).update() as items:
        item = ActionItem(id=Ledger.next_id(items), text=text, owner=owner, status="open",
                          created=today, due=due, meeting=meeting)
        items.append(item)
    from retrokit.memory.ingest import item_summary

    _say(f"added {item.id}: {item_summary(item)}")
    click.echo(item.id)


@actions.command(name="list")
@click.option("--open", "only_open", is_flag=True, help="Only items still open.")
@click.option("--owner", metavar="NAME", help="Only this person's items (case, spaces and punctuation ignored).")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of item objects.")
@_common
def list_(only_open, owner, as_json, team, strict, debug):
    """List action items, by id: ID, STATUS, OWNER, DUE and TEXT (all fields with --json)."""
    from retrokit.memory.ingest import owner_key

    config = _team(team, _Warnings(strict))
    items = sorted(_ledger(config).items(), key=lambda item: item.id)
    if only_open:
        items = [item for item in items if item.status == "open"]
    if owner is not None:
        items = [item for item in items if owner_key(item.owner) == owner_key(owner)]
    if as_json:
        import json

        click.echo(json.dumps([item.to_json() for item in items], indent=2, ensure_ascii=False))
        return
    if not items:
        _say("no " + ("open " if only_open else "") + "action items" + (f" for {owner}" if owner else ""))
        return
    click.echo("\n".join(_table(items)))


def _table(items) -> list[str]:
    from retrokit.memory.ingest import one_line

    rows = [("ID", "STATUS", "OWNER", "DUE", "TEXT")]
    rows += [
        (str(item.id), item.status, one_line(item.owner), item.due.isoformat() if item.due else "-",
         one_line(item.text))
        for item in items
    ]
    widths = [max(_width(row[column]) for row in rows) for column in range(4)]
    return [
        "  ".join(cell + " " * (widths[c] - _width(cell)) for c, cell in enumerate(row[:4])) + "  " + row[4]
        for row in rows
    ]


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK and emoji take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def _set_status(item_ids, status: str, team, strict) -> None:
    """Give items ``status`` (closed today when done or dropped); all ids must exist, or nothing changes."""
    from retrokit.memory.ingest import item_summary

    config = _team(team, _Warnings(strict))
    ledger = _ledger(config)
    today = _today()
    messages = []
    with ledger.update() as items:
        for item in [ledger.find(items, item_id) for item_id in dict.fromkeys(item_ids)]:
            if item.status == status:
                since = f" ({item.closed.isoformat()})" if item.closed else ""
                messages.append(f"{item.id} is already {status}{since}; nothing changed")
                continue
            item.status, item.closed = status, (None if status == "open" else today)
            verb = "reopened" if status == "open" else status
            messages.append(f"{verb} {item.id}: {item_summary(item)}")
    for message in messages:
        _say(message)


_IDS = click.argument("item_ids", metavar="ID...", nargs=-1, required=True, type=int)


@actions.command()
@_IDS
@_common
def done(item_ids, team, strict, debug):
    """Mark action items done (closed today)."""
    _set_status(item_ids, "done", team, strict)


@actions.command()
@_IDS
@_common
def drop(item_ids, team, strict, debug):
    """Drop action items the team decided not to do (closed today)."""
    _set_status(item_ids, "dropped", team, strict)


@actions.command()
@_IDS
@_common
def reopen(item_ids, team, strict, debug):
    """Open done or dropped action items again."""
    _set_status(item_ids, "open", team, strict)


@actions.command()
@click.argument("item_id", metavar="ID", type=int)
@click.option("--text", metavar="TEXT", help="New text.")
@click.option("--owner", metavar="NAME", help="New owner (a team member's name).")
@click.option("--due", callback=_due, metavar="YYYY-MM-DD", help="New due date.")
@click.option("--no-due", is_flag=True, help="Remove the due date.")
@_common
def edit(item_id, text, owner, due, no_due, team, strict, debug):
    """Change an action item's text, owner or due date."""
    from retrokit.errors import RetrokitUsageError

    if text is None and owner is None and due is None and not no_due:
        raise RetrokitUsageError("nothing to change: give --text, --owner, --due or --no-due")
    if due is not None and no_due:
        raise RetrokitUsageError("--due and --no-due contradict each other")
    from retrokit.memory.ingest import one_line

    text = _text(text, "--text") if text is not None else None
    warn = _Warnings(strict)
    config = _team(team, warn)
    owner = _owner(owner, config, warn) if owner is not None else None
    ledger = _ledger(config)
    changed = []
    with ledger.update() as items:
        item = ledger.find(items, item_id)
        if text is not None and text != item.text:
            changed.append(f"text '{one_line(item.text)}' → '{one_line(text)}'")
            item.text = text
        if owner is not None and owner != item.owner:
            changed.append(f"owner {one_line(item.owner)} → {one_line(owner)}")
            item.owner = owner
        new_due = None if no_due else (due if due is not None else item.due)
        if new_due != item.due:
            old = item.due.isoformat() if item.due else "none"
            changed.append(f"due {old} → {new_due.isoformat() if new_due else 'none'}")
            item.due = new_due
    _say(f"edited {item_id}: {'; '.join(changed)}" if changed else f"{item_id} already says that; nothing changed")


# -- ingest -----------------------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS, short_help="Add and close action items from meeting notes.")
@click.argument("source", metavar="[NOTES.md|-|PAGE]", required=False)
@click.option(
    "--meeting", metavar="LABEL", help="Where new items came from (default: the notes' first heading and today's date)."
)
@click.option(
    "--from", "service", type=click.Choice(["confluence", "notion"]),
    help="Read the tasks of a published page instead of notes: PAGE (id or URL), or by default the page last "
    "published from this team folder.",
)
@click.option("--series", metavar="NAME", help="With --from and no PAGE: the page last published for this series.")
@click.option("-n", "--dry-run", is_flag=True, help="Show what would change; write nothing.")
@_common
def ingest(source, meeting, service, series, dry_run, team, strict, debug):
    """Read meeting notes (a filled-in agenda or any Markdown; - for stdin): add their task items
    ('- [ ] @owner text (due YYYY-MM-DD)') to the action items and close the checked ones.
    With --from, read the tasks of the Confluence or Notion page the agenda was published to.
    Prints one line per change; running it again on the same notes changes nothing."""
    from retrokit.errors import RetrokitUsageError
    from retrokit.memory import ingest as notes_module

    meeting = _utf8(meeting, "--meeting") if meeting is not None else None
    warn = _Warnings(strict)
    config = _team(team, warn)
    today = _today()
    if service is not None:
        from retrokit.cli.options import command_debug
        from retrokit.cli.ingest_page import read_page

        notes, name = read_page(config, service, source, series, command_debug(debug))
        fallback = service

        def where(line):
            return f"{name}, task {line}"
    elif source is None:
        raise RetrokitUsageError("ingest needs NOTES.md (or - for stdin), or --from confluence|notion")
    elif series is not None:
        raise RetrokitUsageError("--series applies only with --from confluence|notion")
    else:
        from retrokit.files import read_document

        name = "stdin" if source == "-" else source
        notes = notes_module.read_notes(read_document(source, name))
        fallback = "notes" if source == "-" else Path(source).stem

        def where(line):
            return f"{name}:{line}"
    label = meeting if meeting is not None else notes_module.meeting_label(notes.title, fallback, today)
    _apply_notes(config, notes, {"members": config.members, "today": today, "meeting": label}, where, warn, dry_run)


def _apply_notes(config, notes, options: dict, where, warn, dry_run: bool) -> None:
    """Apply ``notes`` to the ledger (``ingest.apply``), print each change and the warnings."""
    from retrokit.memory import ingest as notes_module

    def report(warnings) -> None:
        # Before anything is written: with --strict the first warning leaves the ledger as it was.
        for line, problem in sorted(notes.problems + warnings, key=lambda pair: pair[0]):
            warn(f"{where(line)}: {problem}")

    ledger = _ledger(config)
    # A first pass on what the ledger holds now: notes that change nothing take no lock and write nothing.
    changes, warnings = notes_module.apply(ledger.items(), notes, **options)
    if changes and not dry_run:
        with ledger.update() as items:  # again, under the lock, on what the ledger holds then
            changes, warnings = notes_module.apply(items, notes, **options)
            report(warnings)
    else:
        report(warnings)
    lines = [change.describe(dry_run) for change in changes] or ["nothing changed"]
    click.echo("\n".join(lines))
    if dry_run:
        _say("dry run: nothing written")
