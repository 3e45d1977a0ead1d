"""``retrokit render KIND --team A --team B ... --output-dir DIR``: many teams' agendas in one process.

Each team's agenda goes to ``DIR/<team folder name>.<format extension>``, written atomically, and is
byte for byte what ``retrokit render KIND --team A ...`` prints. Teams with the same plugin setup share
one plugin host and catalog, and teams with the same template folders one template environment, so a
team after the first costs milliseconds. A team that fails (a broken retrokit.toml, a strict warning)
is one error line naming it; the other teams still render and the command exits 1. A usage error (an
unknown kind, format or behaviour) stops the batch at once (exit 2). Warnings and notes name the team.
"""

from __future__ import annotations

import sys
from collections import deque
from contextlib import contextmanager
from pathlib import Path

import click

from retrokit.errors import RetrokitError, RetrokitUsageError
from retrokit.host.loader import Reporter

#: Agendas rendered but not yet written; past that, rendering waits for the writer thread.
QUEUED = 16


class _TeamReporter(Reporter):
    """One reporter for every team of a batch: each warning names the team being rendered."""

    label = ""

    def __init__(self, *, strict: bool, debug: bool, progress: "_Progress"):
        super().__init__(strict=strict, debug=debug, quiet=True)
        self.progress = progress

    def warn(self, message: str, exc: BaseException | None = None) -> None:
        super().warn(message, exc)  # records it; raises with --strict
        self.progress.say(f"retrokit: warning: {self.label}: {message}")


class _Progress:
    """``retrokit: 3/40 teams/platform`` on one line of stderr, rewritten in place, when it is a terminal."""

    def __init__(self, total: int):
        self.total = total
        self.shown = sys.stderr.isatty()

    def step(self, done: int, label: str) -> None:
        if self.shown:
            click.echo(f"\r\x1b[Kretrokit: {done}/{self.total} {label}", err=True, nl=False)

    def say(self, line: str) -> None:
        """A line of its own, above the progress line."""
        click.echo(("\r\x1b[K" if self.shown else "") + line, err=True)

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", err=True, nl=False)


def targets(teams, output_dir: Path) -> list[tuple[Path, str]]:
    """``(team, file stem)`` per team; two teams whose folders have the same name are a usage error."""
    seen: dict[str, Path] = {}
    found = []
    for team in teams:
        stem = Path(team).resolve().name or "team"
        if stem in seen:
            raise RetrokitUsageError(
                f"--team {seen[stem]} and --team {team} would both write {output_dir / stem}.*: "
                "give each team a folder of its own name, or render them in separate runs"
            )
        seen[stem] = team
        found.append((team, stem))
    return found


def render_teams(kind: str, format_name: str, output, output_dir: Path | None, plugin: dict, options: dict) -> None:
    """Render ``kind`` for each ``plugin["team"]`` into ``output_dir`` (see the module's docstring)."""
    from retrokit.cli.options import command_debug

    teams = plugin["team"]
    if output is not None:
        raise RetrokitUsageError("--output is one file: with --output-dir, each team's agenda has its own")
    if output_dir is None:
        raise RetrokitUsageError("several --team options need --output-dir DIR: each team's agenda is a file in it")
    if not teams:
        raise RetrokitUsageError("--output-dir needs the teams to render: one --team DIR for each")
    planned = targets(teams, output_dir)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RetrokitError(f"cannot make {output_dir}: {exc.strerror}")
    progress = _Progress(len(planned))
    reporter = _TeamReporter(strict=plugin["strict"], debug=command_debug(plugin["debug"]), progress=progress)
    from concurrent.futures import ThreadPoolExecutor

    from retrokit.files import OutputFolder
    from retrokit.host.session import Shared

    shared, folder, failures, recorded = Shared(), OutputFolder(output_dir), [0], 0
    pending: deque = deque()
    # One thread writes the files while the next agendas render: creating a file and renaming it over the
    # old one wait on the disk (about a millisecond each on a busy one), not on the CPU.
    with ThreadPoolExecutor(max_workers=1) as writer:
        for done, (team, stem) in enumerate(planned, 1):
            reporter.label = str(team)
            progress.step(done, reporter.label)
            with _reported(team, progress, reporter, failures):
                job = _render_one(kind, format_name, stem, {**plugin, "team": team}, options, reporter, shared)
                pending.append((team, writer.submit(_write, folder, *job)))
            while pending and (len(pending) > QUEUED or done == len(planned)):
                writing, future = pending.popleft()
                with _reported(writing, progress, reporter, failures):
                    recorded += future.result()
    progress.clear()
    written = len(planned) - failures[0]
    what = f"wrote {written} agenda{'s' if written != 1 else ''} to {output_dir}"
    if recorded:
        what += f" and recorded {recorded} in the teams' history.toml"
    click.echo(f"retrokit: {what}", err=True)
    if failures[0]:
        raise RetrokitError(f"{failures[0]} of {len(planned)} teams failed (named above); the others were written")


@contextmanager
def _reported(team, progress: _Progress, reporter, failures: list[int]):
    """A team's failure as one line naming the team (counted in ``failures[0]``); usage errors stop all."""
    try:
        yield
    except click.UsageError:
        progress.clear()
        raise
    except click.ClickException as exc:
        progress.say(f"retrokit: error: team {team}: {exc.format_message()}")
        failures[0] += 1
    except Exception as exc:
        if reporter.debug:
            raise
        progress.say(f"retrokit: error: team {team}: unexpected {type(exc).__name__}: {exc}")
        failures[0] += 1


def _write(folder, name: str, text: str, config, composed) -> int:
    """Write one agenda (atomically) and record it when asked; 1 when it was recorded, else 0."""
    from retrokit.planning.compose import record_meeting

    folder.write(name, text.encode("utf-8"))
    if composed.record:
        record_meeting(config, composed, echo=False)
        return 1
    return 0


def _render_one(kind, format_name, stem, plugin, options, reporter, shared) -> tuple:
    """Plan and render one team's agenda: the arguments for ``_write`` after the folder."""
    from retrokit.api import render_document
    from retrokit.host.session import open_session
    from retrokit.planning.compose import regenerate_args

    notes: list[str] = []
    session = open_session(
        team=plugin["team"], plugins_dirs=tuple(plugin["plugins_dir"]), disabled=tuple(plugin["disable_plugin"]),
        reporter=reporter, notes=notes, shared=shared,
    )
    output_format = session.catalog.format(format_name)
    text, composed = render_document(
        session, kind, format_name=format_name, command_args=regenerate_args(**plugin), **options
    )
    for note in notes:
        reporter.progress.say(f"retrokit: note: {reporter.label}: {note}")
    name = f"{stem}.{output_format.extension.lstrip('.') or output_format.name}"
    return name, text, session.config, composed
