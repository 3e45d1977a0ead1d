"""``retrokit plugin``: tools for writing a team's own plugin (``retrokit plugins`` lists the loaded ones)."""

from __future__ import annotations

from pathlib import Path

import click

from retrokit.cli.options import CONTEXT_SETTINGS


@click.group(context_settings=CONTEXT_SETTINGS, short_help="Write team plugins (retrokit doctor checks them).")
def plugin():
    """Write team plugins; 'retrokit doctor' checks them. To list the plugins retrokit loads, see 'retrokit plugins'.

    \b
    retrokit plugin new team-pulse        an installable plugin project in ./team-pulse
    retrokit plugin new coaching --pack   a prompt pack (no Python) in the team's prompts/ folder
    """


@plugin.command(context_settings=CONTEXT_SETTINGS)
@click.argument("name")
@click.option(
    "--dir", "parent", default=None, metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to create the project folder NAME (with --pack: the file NAME.toml) in, made with its "
    "parents when missing. [default: .; with --pack: the team's prompts/ folder]",
)
@click.option("--pack", is_flag=True, help="Write a prompt pack (a TOML file of prompts, no Python) instead of a project.")
@click.option("--force", is_flag=True, help="Overwrite the files the scaffold writes in an existing NAME folder, or with --pack an existing NAME.toml (nothing is deleted).")
@click.option("--debug", is_flag=True, help="Show tracebacks (also RETROKIT_DEBUG=1).")
def new(name, parent, pack, force, debug):
    """Write an installable plugin project in DIR/NAME, or with --pack a prompt pack NAME.toml.

    NAME is lowercase letters, digits and hyphens (like team-pulse). The project is the distribution
    retrokit-NAME with the package retrokit_NAME: example prompts, a meeting kind with its template, an
    output format and an agenda adjustment, a README, and tests that use retrokit's pytest fixtures.

    A prompt pack is one commented TOML file with two example prompts. Without --dir it goes into the
    prompts/ folder of the nearest team folder (a retrokit.toml here or above), else into the current
    folder.
    """
    from retrokit.authoring.scaffold import names_for, write_project

    names = names_for(name)
    if pack:
        return _new_pack(names, parent, force)
    parent = parent or Path(".")
    target, written = write_project(names, parent, force=force)
    shown = str(target)
    lines = [f"retrokit: wrote {shown}/ ({names.dist}, package {names.package}):"]
    lines += [f"  {path}" for path in written]
    install = f"pip install -e \"{target}[test]\"" if parent != Path(".") else f"pip install -e \"./{names.name}[test]\""
    lines += [
        "Next steps:",
        f"  {install}",
        "  retrokit plugins                      # lists " + names.name,
        f"  retrokit render retro --behavior {names.name}",
        f"  cd {shown} && python -m pytest -q",
    ]
    click.echo("\n".join(lines), err=True)


def _new_pack(names, parent: Path | None, force: bool) -> None:
    from retrokit.authoring.scaffold import write_pack
    from retrokit.config import find

    team = find(Path.cwd()) if parent is None else None
    folder = parent if parent is not None else (team / "prompts" if team else Path("."))
    path = write_pack(names, folder, force=force)
    lines = [f"retrokit: wrote {path} (prompt pack '{names.name}')", "Next steps:"]
    if team is None:
        lines.append("  move it into a team's prompts/ folder (or name it in [plugins] packs of retrokit.toml)")
    lines += [
        f"  retrokit prompts --search {names.name}",
        f"  retrokit render retro --behavior {names.name}",
        "  retrokit doctor",
    ]
    click.echo("\n".join(lines), err=True)
