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
    """


@plugin.command(context_settings=CONTEXT_SETTINGS)
@click.argument("name")
@click.option(
    "--dir", "parent", default=".", show_default=True, metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to create the project folder NAME in (made, with its parents, when missing).",
)
@click.option("--force", is_flag=True, help="Overwrite the files the scaffold writes in an existing NAME folder (nothing is deleted).")
@click.option("--debug", is_flag=True, help="Show tracebacks (also RETROKIT_DEBUG=1).")
def new(name, parent, force, debug):
    """Write an installable plugin project in DIR/NAME.

    NAME is lowercase letters, digits and hyphens (like team-pulse). The project is the distribution
    retrokit-NAME with the package retrokit_NAME: example prompts, a meeting kind with its template, an
    output format and an agenda adjustment, a README, and tests that use retrokit's pytest fixtures.
    """
    from retrokit.authoring.scaffold import names_for, write_project

    names = names_for(name)
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
