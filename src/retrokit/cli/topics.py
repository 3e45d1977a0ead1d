"""``retrokit topics list|close|reopen``: the topics a person raised for their meetings, kept in
``topics.toml`` beside retrokit.toml (layout in ``retrokit.memory.topics``; writes locked and atomic).

A topic given with ``render --with NAME --topic TEXT --record`` stays open, and every later meeting of
that series shows it with its age, until it is closed here. Closing keeps it (status and date).
Output contract as for ``retrokit actions``: the listing on stdout, what changed on stderr, one line
each. Exit codes: 0 ok, 1 failure (no team folder, a broken file, an unknown topic), 2 usage.
"""

from __future__ import annotations

import click

from retrokit.cli.actions import _common, _say, _team, _Warnings, _width
from retrokit.cli.options import CONTEXT_SETTINGS

_WITH = click.option("--with", "person", metavar="NAME", help="Only this person's topics (case, spaces and punctuation ignored).")


def _store(config):
    from retrokit.memory.topics import Topics

    return Topics(config.history_file)


def _today():
    from retrokit.memory.clock import today

    return today()


def _ago(days: int) -> str:
    """What the agenda says (templates/memory.md.j2): ``today``, ``3 days ago``, ``2 weeks ago``."""
    if days < 2:
        return "today" if days == 0 else "yesterday"
    if days < 14:
        return f"{days} days ago"
    return f"{days // 7} weeks ago" if days < 60 else f"{days // 30} months ago"


@click.group(context_settings=CONTEXT_SETTINGS, short_help="List and close the topics a person raised.")
def topics():
    """The topics people raised for their 1:1s (topics.toml beside retrokit.toml). A topic stays on
    every agenda of its series, with its age, until it is closed.

    \b
    retrokit topics list --with Ana
    retrokit topics close 3
    retrokit topics close "Promotion timeline" --with Ana
    """


@topics.command(name="list")
@_WITH
@click.option("--all", "everything", is_flag=True, help="Closed topics too.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of topic objects.")
@_common
def list_(person, everything, as_json, team, strict, debug):
    """List open topics, by id: ID, STATUS, WITH, RAISED (and how long ago) and TEXT."""
    from retrokit.memory.ingest import one_line
    from retrokit.memory.topics import of_person

    config = _team(team, _Warnings(strict))
    found = _store(config).topics()
    found = of_person(found, person) if person is not None else found
    found = found if everything else [t for t in found if t.status == "open"]
    if as_json:
        import json

        click.echo(json.dumps([t.to_json() for t in found], indent=2, ensure_ascii=False))
        return
    if not found:
        _say("no " + ("" if everything else "open ") + "topics" + (f" for {person}" if person else ""))
        return
    today = _today()
    rows = [("ID", "STATUS", "WITH", "RAISED", "TEXT")]
    rows += [(str(t.id), t.status, one_line(t.person), f"{t.raised.isoformat()} ({_ago(t.age_days(today))})",
              one_line(t.text)) for t in found]
    widths = [max(_width(row[c]) for row in rows) for c in range(4)]
    lines = ["  ".join(cell + " " * (widths[c] - _width(cell)) for c, cell in enumerate(row[:4])) + "  " + row[4]
             for row in rows]
    click.echo("\n".join(lines))


def _find(found, wanted: str, person: str | None, status: str, path):
    """The topic ``wanted`` means: an id, else a text matched (case and spacing ignored) among the
    topics that can change to ``status``, narrowed to ``person``; one that does not exist, or is
    ambiguous, is an error naming it."""
    from retrokit.errors import RetrokitError
    from retrokit.memory.ingest import one_line, text_key
    from retrokit.memory.topics import of_person

    mine = of_person(found, person) if person is not None else found
    whose = f" for {person}" if person is not None else ""
    import shlex

    hint = "see 'retrokit topics list" + (" --all" if status == "open" else "")
    hint += (f" --with {shlex.quote(person)}'" if person is not None else "'")
    if wanted.strip().isdigit():
        for topic in mine:
            if topic.id == int(wanted):
                return topic
        raise RetrokitError(f"no topic {wanted.strip()}{whose} in {path} ({hint})")
    candidates = [t for t in mine if t.status != status and text_key(t.text) == text_key(wanted)]
    if not candidates:
        state = "closed" if status == "open" else "open"
        raise RetrokitError(f"no {state} topic '{one_line(wanted)}'{whose} ({hint})")
    if len({t.id for t in candidates}) > 1:
        ids = ", ".join(f"{t.id} ({one_line(t.person)})" for t in candidates)
        raise RetrokitError(f"'{one_line(wanted)}' is more than one topic: {ids}; give its id or --with NAME")
    return candidates[0]


def _set_status(wanted, person, status: str, team, strict) -> None:
    """Give the topics ``wanted`` (ids or texts) ``status``; all must exist, or nothing changes."""
    from retrokit.errors import RetrokitUsageError
    from retrokit.memory.ingest import one_line

    for text in wanted:
        if not text.strip():
            raise RetrokitUsageError("a topic (its id or its text) must not be empty")
    config = _team(team, _Warnings(strict))
    today = _today()
    messages = []
    store = _store(config)
    with store.update() as found:
        chosen = [_find(found, text, person, status, store.path) for text in wanted]
        for topic in {t.id: t for t in chosen}.values():
            if topic.status == status:
                since = f" ({topic.closed.isoformat()})" if topic.closed else ""
                messages.append(f"topic {topic.id} is already {status}{since}; nothing changed")
                continue
            topic.status, topic.closed = status, (today if status == "closed" else None)
            verb = "closed" if status == "closed" else "reopened"
            messages.append(f"{verb} topic {topic.id}: {one_line(topic.text)} (with {one_line(topic.person)})")
    for message in messages:
        _say(message)


_TOPICS = click.argument("wanted", metavar="ID|TEXT...", nargs=-1, required=True)


@topics.command()
@_TOPICS
@_WITH
@_common
def close(wanted, person, team, strict, debug):
    """Close topics the person says are settled: they leave the agendas (kept in topics.toml)."""
    _set_status(wanted, person, "closed", team, strict)


@topics.command()
@_TOPICS
@_WITH
@_common
def reopen(wanted, person, team, strict, debug):
    """Open closed topics again: they come back on the person's agendas."""
    _set_status(wanted, person, "open", team, strict)
