"""``retrokit health init`` and ``retrokit health next``: the health check's votes file, started and
rolled over to the next round (the commands of plugins/health_check.py; ``_health_votes.py`` reads the
file). Both write atomically, so a failure never leaves the file half-written."""

from __future__ import annotations

from pathlib import Path

import click

HEADER = """\
# The team health check's votes (retrokit render health-check reads them; docs/health-check.md).
# Before the meeting, each person votes on every card: green when its awesome line fits the team, red
# when its awful line does, amber in between. Write the counts here. After the meeting,
# `retrokit health next` moves them into `previous` for the next round. Leave out a card the team does
# not use; add one of your own with an id, title, awesome and awful.
"""


def register(cli, votes, cards) -> None:
    @cli.group(name="health")
    def health():
        """The health check's votes file (health.toml): start one, or start the next round."""

    team_option = click.option("--team", type=click.Path(file_okay=False, path_type=Path), envvar="RETROKIT_TEAM",
                               help="The team folder (default: the nearest retrokit.toml above here).")

    @health.command(name="init")
    @team_option
    def init(team):
        """Write a votes file with every health card and no votes yet."""
        config = _team(team)
        path, _ = votes.votes_path(config)
        shown = str(path)
        board = votes.Board(shown, path, [votes.Card(*card) for card in cards])
        _write(path, dumps(board), create=True)
        click.echo(f"retrokit: wrote {shown} with {len(board.cards)} cards; fill in the votes before the meeting",
                   err=True)

    @health.command(name="next")
    @click.option("--round", "label", default="", help="A label for the new round, like 2027-01.")
    @team_option
    def next_round(label, team):
        """After the meeting: this round's votes become last round's, ready for new votes."""
        config = _team(team)
        path, _ = votes.votes_path(config)
        shown = str(path)
        if not path.exists():
            raise _error(f"no votes file {shown}: 'retrokit health init' writes one")
        board = _checked(votes, path, cards)
        if not board.voted:
            raise _error(f"{shown} has no votes this round; nothing was moved (fill in the counts first)")
        for card in board.cards:
            card.previous, card.votes = card.votes, (0, 0, 0)
        board.previous_round, board.round = board.round, label
        _write(path, dumps(board), create=False)
        click.echo(f"retrokit: {shown}: this round's votes are now last round's; fill in the new votes before "
                   "the next health check", err=True)


def _team(team):
    from retrokit import config as team_config

    config = team_config.load(team)
    if config.folder is None:
        raise _error("no retrokit.toml here or above (run 'retrokit init', or pass --team DIR)")
    return config


def _checked(votes, path, cards):
    try:
        return votes.parse(path, cards)
    except votes.VotesError as exc:
        raise _error(f"{exc}; the file was left as it is")


def _error(message: str):
    from retrokit.errors import RetrokitError

    return RetrokitError(message)


def _write(path: Path, text: str, *, create: bool) -> None:
    from retrokit.files import write_atomic

    try:
        write_atomic(path, text.encode("utf-8"), replace=not create)
    except FileExistsError:
        raise _error(f"{path} already exists; it was left as it is ('retrokit health next' starts a new round)")


def dumps(board) -> str:
    """The votes file's text: the header, the round labels, then one [[card]] per card in board order."""
    import tomli_w

    def value(text: str) -> str:
        return tomli_w.dumps({"v": text})[len("v = "):].rstrip("\n")

    lines = [HEADER, "schema = 1"]
    lines += [f"round = {value(board.round)}"] if board.round else []
    lines += [f"previous_round = {value(board.previous_round)}"] if board.previous_round else []
    for card in board.cards:
        lines += ["", "[[card]]", f"id = {value(card.id)}"]
        if card.own:
            lines += [f"{key} = {value(getattr(card, key))}" for key in ("title", "awesome", "awful")]
        else:
            lines += [f"# {card.title}", f"#   awesome: {card.awesome}", f"#   awful: {card.awful}"]
        lines += [f"{colour} = {count}" for colour, count in zip(("green", "amber", "red"), card.votes)]
        if card.previous is not None:
            green, amber, red = card.previous
            lines.append(f"previous = {{ green = {green}, amber = {amber}, red = {red} }}")
    return "\n".join(lines) + "\n"
