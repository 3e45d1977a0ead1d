"""``retrokit init [DIR]``: start a team folder whose retrokit.toml retrokit reads back exactly as given.

Contract:
- Writes DIR/retrokit.toml (with tomli-w) holding every setting config.py knows: ``schema``, ``[team]``
  name and members (with optional Confluence and Notion ids), ``[minutes]`` for every meeting kind the
  plugins offer, ``[plugins]`` folder/enabled/disabled, ``[templates]`` folder, ``[metrics]`` file and
  ``[history]`` rotation/record. ``config.load`` returns exactly the values given here.
- Creates DIR, the plugin and template folders (each with a README.md, so git keeps them) and a starter
  metrics file, but only where they are missing: an existing file is never changed. An existing metrics
  file must parse.
- Refuses to replace an existing retrokit.toml without ``--force`` (exit 1, the file untouched); the
  write is atomic either way, and without ``--force`` it never replaces a file that appears meanwhile.
- Asks for a missing team name or member only when stdin is a terminal (prompts go to stderr);
  otherwise a missing one is a usage error (exit 2). Nothing goes to stdout.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import click

from retrokit.config import SCHEMA
from retrokit.errors import RetrokitError, RetrokitUsageError, did_you_mean

KIND_NAME = r"[a-z0-9][a-z0-9-]*\Z"

GITIGNORE = """\
# retrokit: lock files and temporary files of interrupted writes (the .toml files are the team's memory)
*.lock
.*.tmp
__pycache__/
"""

PLUGINS_README = """\
# Team plugins

retrokit loads every `*.py` file in this folder as a plugin for this team (files whose names start
with `_` are skipped). A plugin can add prompts, behaviours, meeting kinds, output formats and metric
rules: see "Write a plugin" in retrokit's README and docs/metrics.md.
"""

TEMPLATES_README = """\
# Template overrides

A template here with the name of a default one (`agenda.md.j2`, `retro.md.j2`, `one-on-one.md.j2`)
replaces it for this team (its blocks and variables: retrokit's docs/templates.md). To build on a default instead of replacing it, extend it by its
`default:` name and call `super()` in the blocks you change:

    {% extends "default:retro.md.j2" %}
"""

#: Appended to retrokit.toml, commented out: the team's usual context tags (``[context] tags``).
CONTEXT_EXAMPLE = """
# The meeting's usual context. A prompt that needs a tag (cross-team, dashboards, hybrid, in-person,
# incident, remote, or one a plugin declares) is drawn only when the tag is here or given with --context TAG.
# [context]
# tags = ["remote"]
"""

METRICS_TOML = """\
# Shared metrics: retrokit's shared-metrics rules turn these numbers into questions (docs/metrics.md).
# Add one [[metric]] table per number; name, value and better are required. For example:
#
# [[metric]]
# name = "Lead time"
# value = 3.4            # this period
# previous = 2.1         # last period (optional)
# target = 2.0           # optional
# better = "lower"       # "higher" or "lower"
# owner = "Platform"     # the team that looks after it (optional)
# unit = "days"          # optional

schema = 1
"""

METRICS_CSV = "name,value,previous,target,better,owner,unit\n"


@click.command()
@click.argument("directory", metavar="[DIR]", default=".", type=click.Path(path_type=Path))
@click.option("--name", help="The team's name (asked for in a terminal when missing).")
@click.option(
    "--member", "members", multiple=True, metavar="NAME",
    help="A member's display name (repeatable; at least one; asked for in a terminal when missing).",
)
@click.option(
    "--confluence-id", multiple=True, metavar="NAME=ID",
    help="A member's Confluence account id, for mentions (repeatable).",
)
@click.option("--notion-id", multiple=True, metavar="NAME=ID", help="A member's Notion user id, for mentions (repeatable).")
@click.option(
    "--minutes", "minutes", multiple=True, metavar="KIND=N",
    help="Default length of a meeting kind (repeatable; other kinds get their own default).",
)
@click.option(
    "--enable-plugin", multiple=True, metavar="NAME",
    help="Load only these installed plugins (repeatable; default: every installed one).",
)
@click.option("--disable-plugin", multiple=True, metavar="NAME", help="Never load this plugin (repeatable).")
@click.option("--plugins-folder", default="plugins", show_default=True, metavar="PATH", help="Team plugin folder, relative to DIR.")
@click.option(
    "--templates-folder", default="templates", show_default=True, metavar="PATH", help="Template override folder, relative to DIR."
)
@click.option(
    "--metrics-file", default="metrics.toml", show_default=True, metavar="PATH",
    help="Shared metrics file (.toml or .csv), relative to DIR; a starter one is created when missing.",
)
@click.option("--no-metrics", is_flag=True, help="Leave out the [metrics] table.")
@click.option(
    "--rotation", type=click.IntRange(min=0), default=3, show_default=True,
    help="Do not repeat a prompt within this many recorded meetings of a series (0: off).",
)
@click.option("--record/--no-record", default=False, show_default=True, help="Record every render in history.toml.")
@click.option("--force", is_flag=True, help="Replace an existing retrokit.toml (the old one is not kept).")
@click.option("--debug", is_flag=True, help="Show tracebacks (also RETROKIT_DEBUG=1).")
def init(directory, name, members, confluence_id, notion_id, minutes, enable_plugin, disable_plugin,
         plugins_folder, templates_folder, metrics_file, no_metrics, rotation, record, force, debug):
    """Start a team folder: write DIR/retrokit.toml (DIR defaults to the current folder).

    \b
    retrokit init --name "Platform" --member Ana --member Sam
    retrokit init team --name "Platform" --member Ana --confluence-id "Ana=5b10ac8d82e05b22cc7d4ef5" \\
                  --notion-id "Ana=c2f20311-9e54-4d6a-8a8a-7a5b5c1e0d2f" --minutes retro=45

    Member ids are given as NAME=ID, where NAME is one of the --member names. Paths are written as
    given and read relative to DIR. Refuses to replace an existing retrokit.toml unless --force.
    """
    from retrokit.config import FILENAME

    target = directory / FILENAME
    metrics_path = None if no_metrics else directory / metrics_file
    _preflight(directory, target, force, {
        "--plugins-folder": plugins_folder, "--templates-folder": templates_folder, "--metrics-file": metrics_file,
    }, metrics_path)
    name, members = _people(name, list(members))
    ids = {"confluence": _ids(confluence_id, "--confluence-id", members), "notion": _ids(notion_id, "--notion-id", members)}

    kinds, known_plugins = _plugins_in_view(directory / plugins_folder, enable_plugin, disable_plugin)
    installed = _installed_plugins()
    for plugin in enable_plugin:
        _check_plugin(plugin, "--enable-plugin", installed, "installed plugin")
    for plugin in disable_plugin:
        _check_plugin(plugin, "--disable-plugin", known_plugins, "plugin")

    data = {
        "schema": SCHEMA,
        "team": {
            "name": name,
            "members": [
                {"name": member, **{key: ids[key][member] for key in ("confluence", "notion") if member in ids[key]}}
                for member in members
            ],
        },
        "minutes": _minutes(minutes, kinds),
        "plugins": {
            "folder": plugins_folder,
            **({"enabled": _unique(enable_plugin)} if enable_plugin else {}),
            "disabled": _unique(disable_plugin),
        },
        "templates": {"folder": templates_folder},
        **({} if no_metrics else {"metrics": {"file": metrics_file}}),
        "history": {"rotation": rotation, "record": record},
    }
    import tomli_w

    text = tomli_w.dumps(data) + CONTEXT_EXAMPLE

    _make_folder(directory)
    _make_folder(directory / plugins_folder, PLUGINS_README)
    _make_folder(directory / templates_folder, TEMPLATES_README)
    if metrics_path is not None and not metrics_path.exists():
        _make_folder(metrics_path.parent)
        starter = METRICS_CSV if metrics_path.suffix.lower() == ".csv" else METRICS_TOML
        _write_config(metrics_path, starter.encode("utf-8"), replace=False)
    if not (directory / ".gitignore").exists():  # the ledger's lock, and what a killed writer leaves
        _write_config(directory / ".gitignore", GITIGNORE.encode("utf-8"), replace=False)
    _write_config(target, text.encode("utf-8"), replace=force)


def _preflight(directory: Path, target: Path, force: bool, paths: dict[str, str], metrics_path: Path | None) -> None:
    """Everything that can be checked before asking or writing anything."""
    _check_text("DIR", str(directory))
    for option, value in paths.items():
        _check_text(option, value)
    if metrics_path is not None and metrics_path.suffix.lower() not in (".toml", ".csv"):
        raise RetrokitUsageError(f"--metrics-file {_shown(paths['--metrics-file'])} must end in .toml or .csv")
    if directory.exists() and not directory.is_dir():
        raise RetrokitError(f"{directory} is not a folder")
    if target.exists() and not force:
        raise RetrokitError(f"{target} already exists; use --force to replace it")
    inside = os.path.realpath(directory)
    for option, value in paths.items():  # init creates nothing outside the team folder
        place = os.path.realpath(directory / value)
        if os.path.commonpath([inside, place]) != inside and not os.path.exists(place):
            raise RetrokitUsageError(
                f"{option} {_shown(value)} is outside {directory} and does not exist; init creates files only "
                "inside the team folder (create it first to share it, or give a path inside)"
            )
    for option in ("--plugins-folder", "--templates-folder"):
        folder = directory / paths[option]
        if folder.exists() and not folder.is_dir():
            raise RetrokitError(f"{folder} ({option}) is not a folder")
    if metrics_path is not None and metrics_path.exists():
        from retrokit.memory.metrics_file import load

        load(metrics_path)  # a broken file is an error naming its line, before anything points at it


def _people(name: str | None, members: list[str]) -> tuple[str, list[str]]:
    """The team name and members: as given, else asked for in a terminal, else a usage error."""
    interactive = sys.stdin is not None and sys.stdin.isatty()
    if name is None:
        if not interactive:
            raise RetrokitUsageError("missing --name: the team's name (retrokit asks for it only in a terminal)")
        name = click.prompt("Team name", err=True, value_proc=_answer("the team name"))
    _check_text("--name", name)
    if not members:
        if not interactive:
            raise RetrokitUsageError("missing --member: give at least one (retrokit asks only in a terminal)")
        members = _ask_members()
    for member in members:
        _check_text("--member", member)
    _check_members(members)
    return name, members


def _answer(what: str):
    def check(value: str) -> str:
        if not value.strip():
            raise click.UsageError(f"{what} cannot be empty")
        return value

    return check


def _ask_members() -> list[str]:
    """Member names from the terminal: one at least, then more until an empty answer."""
    members = [click.prompt("Member", err=True, value_proc=_answer("a member's name"))]
    while True:
        more = click.prompt("Another member (empty to finish)", default="", show_default=False, err=True)
        if not more.strip():
            return members
        if _same_member(more, members):
            click.echo(f"retrokit: {_shown(more)} is already a member", err=True)
            continue
        members.append(more)


def _shown(text: str) -> str:
    """Text quoted on one line, for messages."""
    return json.dumps(text, ensure_ascii=False)


def _check_text(option: str, value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RetrokitUsageError(f"{option} is not valid UTF-8 text")
    if not value.strip():
        raise RetrokitUsageError(f"{option} is empty")


def _same_member(name: str, members) -> str | None:
    """The member in ``members`` that ``name`` cannot be told apart from (also by @owner mentions)."""
    from retrokit.rendering import member_key

    for member in members:
        if member == name or (member_key(name) and member_key(member) == member_key(name)):
            return member
    return None


def _check_members(members: list[str]) -> None:
    for index, member in enumerate(members):
        twin = _same_member(member, members[:index])
        if twin == member:
            raise RetrokitUsageError(f"--member {_shown(member)} is given twice")
        if twin is not None:
            raise RetrokitUsageError(
                f"--member {_shown(twin)} and {_shown(member)} look the same to @owner mentions; "
                "give one of them a distinct name"
            )


def _ids(specs, option: str, members: list[str]) -> dict[str, str]:
    """``NAME=ID`` options as {member: id}; the last '=' separates, so a name may contain '='."""
    found: dict[str, str] = {}
    for spec in specs:
        _check_text(option, spec)
        who, sep, ident = spec.rpartition("=")
        if not sep or not who:
            raise RetrokitUsageError(f"{option} {_shown(spec)}: write NAME=ID, with NAME one of the --member names")
        if who not in members:
            raise RetrokitUsageError(f"{option} {_shown(spec)}: no --member is named {_shown(who)}{did_you_mean(who, members)}")
        if not ident or any(c.isspace() for c in ident):
            raise RetrokitUsageError(f"{option} {_shown(spec)}: the id is {'empty' if not ident else 'not one word'}")
        if who in found:
            raise RetrokitUsageError(f"{option} is given twice for {_shown(who)}")
        found[who] = ident
    return found


def _plugins_in_view(plugins_folder: Path, enabled, disabled):
    """The meeting kinds and plugin names this team will have: built-in, installed, its folder's."""
    from retrokit.host.catalog import Catalog
    from retrokit.host.loader import PluginHost, Reporter

    host = PluginHost(
        plugin_dirs=(plugins_folder,) if plugins_folder.is_dir() else (),
        disabled=tuple(disabled),
        enabled=tuple(enabled) or None,
        reporter=Reporter(quiet=True),  # a team plugin's problems are for the commands that use it
    )
    return Catalog(host).kinds, set(host.known_names)


def _installed_plugins() -> set[str]:
    from retrokit.host.entrypoints import entry_points
    from retrokit.host.loader import normalize

    names = set()
    for ep in entry_points(group="retrokit"):
        names |= {normalize(ep.name), normalize(ep.dist_name)}
    return names


def _check_plugin(name: str, option: str, known: set[str], what: str) -> None:
    from retrokit.host.loader import normalize

    _check_text(option, name)
    if normalize(name) not in known:
        listing = f"; known: {', '.join(sorted(known))}" if known else f"; there is no {what}"
        raise RetrokitUsageError(f"{option}: unknown {what} '{name}'{did_you_mean(normalize(name), known)}{listing}")


def _unique(names) -> list[str]:
    from retrokit.host.loader import normalize

    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(normalize(name), name)
    return list(seen.values())


def _minutes(specs, kinds) -> dict[str, int]:
    """Every kind's default length, with ``KIND=N`` options applied."""
    minutes = {name: kind.default_minutes for name, kind in kinds.items()}
    given = set()
    for spec in specs:
        kind, sep, number = spec.partition("=")
        kind, number = kind.strip(), number.strip()
        if not sep or not re.match(KIND_NAME, kind) or not re.fullmatch(r"[0-9]+", number) or int(number) <= 0:
            raise RetrokitUsageError(f"--minutes {_shown(spec)}: write KIND=N, like retro=45")
        if kind not in kinds:
            known = f"; known: {', '.join(sorted(kinds))}" if kinds else ""
            raise RetrokitUsageError(f"--minutes {spec}: unknown meeting kind '{kind}'{did_you_mean(kind, kinds)}{known}")
        if kind in given:
            raise RetrokitUsageError(f"--minutes is given twice for {kind}")
        if int(number) < kinds[kind].min_minutes:
            raise RetrokitUsageError(
                f"--minutes {spec}: too short for a {kind}; the shortest sensible one is {kinds[kind].min_minutes} minutes"
            )
        given.add(kind)
        minutes[kind] = int(number)
    return minutes


def _make_folder(folder: Path, readme: str | None = None) -> None:
    """Create ``folder`` (and its README.md) when missing; an existing folder is left as it is."""
    if folder.is_dir():
        return
    if folder.exists():
        raise RetrokitError(f"{folder} is not a folder")
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise RetrokitError(f"cannot create {folder}: {exc.strerror}")
    if readme is not None:
        _write_config(folder / "README.md", readme.encode("utf-8"), replace=False, report=False)
    click.echo(f"retrokit: created {folder}{'/' if not str(folder).endswith('/') else ''}", err=True)


def _write_config(path: Path, data: bytes, *, replace: bool, report: bool = True) -> None:
    """Write ``path`` atomically (temp file, fsync, then rename or link). Without ``replace`` a file that
    exists, or appears meanwhile, is left untouched and is an error."""
    from retrokit.files import write_atomic

    existed = path.exists()
    try:
        write_atomic(path, data, replace=replace)
    except FileExistsError:
        raise RetrokitError(f"{path} already exists; use --force to replace it")
    if report:
        click.echo(f"retrokit: {'replaced' if existed else 'wrote'} {path}", err=True)
