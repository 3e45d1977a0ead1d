"""The health check's votes file and what the agenda makes of it (the helper of plugins/health_check.py;
its name starts with ``_``, so retrokit does not load it as a plugin of its own).

```toml
schema = 1                        # optional; when present it must be 1
round = "2026-12"                 # optional: this round's label
previous_round = "2026-11"        # optional: last round's label

[[card]]
id = "ease-of-release"            # a built-in card, or one of the team's own (then title, awesome, awful)
green = 1                         # this round's votes; a missing count is 0
amber = 2
red = 4
previous = { green = 3, amber = 3, red = 1 }   # last round's (retrokit health next writes them)
```

A card's **score** is 0 (every vote red) to 100 (every vote green): green counts 2, amber 1, red 0, over
twice the votes. It **declines** when it scores at least ``TREND`` points less than last round. Cards are
talked about worst first: the lowest score plus the points it lost.

What the agenda says is written with ``retrokit.t``, so a translation file's ``[strings]`` put it in the
agenda's language (plugins/translations/<lang>/health_check.toml); a team's own words for a card stay
as the votes file has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from retrokit import t
from retrokit.errors import PluginError, RetrokitError, did_you_mean
from retrokit.model import AgendaItem

FILE = "health.toml"
TABLE = "plugin.health-check"
SCHEMA = 1
COLOURS = ("green", "amber", "red")
CARD_KEYS = ("id", "title", "awesome", "awful", *COLOURS, "previous")
TOP_KEYS = ("schema", "round", "previous_round", "card")
TREND = 10  # points of score: a smaller change is steady
HEALTHY = 75  # a card scoring this or more, and not declining, needs no talk
CARD_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


class VotesError(PluginError):
    """The votes file or the plugin's settings cannot be used; the message names the file and line."""


@dataclass
class Card:
    id: str
    title: str
    awesome: str
    awful: str
    votes: tuple[int, int, int] = (0, 0, 0)  # green, amber, red
    previous: tuple[int, int, int] | None = None
    own: tuple[str, ...] = ()  # the words the votes file gives ("title", "awesome", "awful"): kept as written

    def says(self, key: str) -> str:
        """The card's ``title``, ``awesome`` or ``awful`` line: the team's words as written, retrokit's
        in the agenda's language."""
        return getattr(self, key) if key in self.own else t(getattr(self, key))

    @property
    def score(self) -> int | None:
        return _score(self.votes)

    @property
    def change(self) -> int | None:
        before = _score(self.previous) if self.previous else None
        return None if before is None or self.score is None else self.score - before

    @property
    def concern(self) -> int:
        """How much this card needs talking about: its distance from 100 plus the points it lost."""
        return -1 if self.score is None else 100 - self.score + max(0, -(self.change or 0))

    @property
    def needs_talk(self) -> bool:
        declining = self.change is not None and self.change <= -TREND
        return self.score is not None and (self.score < HEALTHY or declining)


def _score(votes) -> int | None:
    total = sum(votes) if votes else 0
    return round(100 * (2 * votes[0] + votes[1]) / (2 * total)) if total else None


@dataclass
class Board:
    """What the votes file says: every card it lists, in file order (the built-in cards without a file)."""

    shown: str  # the file as messages name it
    path: Path | None
    cards: list[Card]
    name: str = FILE  # the file as retrokit.toml names it (relative to the team folder)
    missing: bool = False
    broken: bool = False  # the file is there but could not be read (reported)
    round: str = ""
    previous_round: str = ""

    @property
    def voted(self) -> bool:
        return any(sum(card.votes) for card in self.cards)

    def ranked(self) -> list[Card]:
        """The cards that need talking about, the most concerning first (then the most red, file order)."""
        order = sorted(range(len(self.cards)), key=lambda i: (-self.cards[i].concern, -self.cards[i].votes[2], i))
        return [self.cards[i] for i in order if self.cards[i].needs_talk]


# -- reading ------------------------------------------------------------------------------------------


def votes_path(config) -> tuple[Path | None, str]:
    """The votes file (None without a team folder) and its name as ``[plugin.health-check] file`` gives it."""
    name = config.plugin_settings("health-check").get("file", FILE)
    if not isinstance(name, str) or not name.strip():
        raise VotesError(f"{config.where('file', TABLE)}: [{TABLE}] file must name the votes file, like file = \"{FILE}\"")
    return (None if config.folder is None else config.folder / name), name


def read_board(config, builtin) -> Board:
    """The team's votes (``builtin``: the plugin's cards as (id, title, awesome, awful)); a Board marked
    ``missing`` when there is no file. Raises VotesError naming ``file:line``."""
    path, name = votes_path(config)
    if path is None or not path.exists():
        return Board(str(path or name), path, [Card(*card) for card in builtin], name=name, missing=True)
    board = parse(path, builtin)
    board.name = name
    return board


def unreadable(config, builtin) -> Board:
    """The board of a votes file that could not be read: the built-in cards, no votes."""
    try:
        path, name = votes_path(config)
    except VotesError:  # the settings themselves: reported with the file
        path, name = None, FILE
    return Board(str(path or name), path, [Card(*card) for card in builtin], name=name, broken=True)


def parse(path: Path, builtin) -> Board:
    import tomllib

    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise VotesError(f"{path}: not UTF-8 text (byte {exc.start})")
    except OSError as exc:
        raise VotesError(f"cannot read {path}: {exc.strerror}")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"{found.group(1)}:{found.group(2)}" if found else "1"
        raise VotesError(f"{path}:{where}: invalid TOML: {re.sub(r' [(]at .*[)]$', '', str(exc))}")
    for key in data:
        if key not in TOP_KEYS:
            raise VotesError(f"{path}:{_line(text, key, 0)}: unknown entry '{key}'{did_you_mean(key, TOP_KEYS)} "
                             f"(known: {', '.join(TOP_KEYS)})")
    if "schema" in data and (isinstance(data["schema"], bool) or data["schema"] != SCHEMA):
        raise VotesError(f"{path}:{_line(text, 'schema', 0)}: schema = {data['schema']!r}, but this retrokit reads schema {SCHEMA}")
    labels = {}
    for key in ("round", "previous_round"):
        if not isinstance(data.get(key, ""), str):
            raise VotesError(f"{path}:{_line(text, key, 0)}: {key} must be text, like {key} = \"2026-12\"")
        labels[key] = data.get(key, "")
    records = data.get("card", [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records) or not records:
        raise VotesError(f"{path}:{_line(text, 'card', 0)}: the file needs [[card]] tables, one for each card "
                         "(retrokit health init writes one with every card)")
    starts = [m.start() for m in re.finditer(r"^[ \t]*\[\[[ \t]*card[ \t]*\]\]", text, re.MULTILINE)]
    known = {card[0]: card for card in builtin}
    cards, first = [], {}
    for index, record in enumerate(records):
        start = starts[index] if index < len(starts) else 0
        card = _card(record, known, f"{path}:{text.count(chr(10), 0, start) + 1}", lambda key: f"{path}:{_line(text, key, start)}")
        if card.id in first:
            raise VotesError(f"{path}:{text.count(chr(10), 0, start) + 1}: card '{card.id}' is listed twice "
                             f"(first at line {first[card.id]})")
        first[card.id] = text.count("\n", 0, start) + 1
        cards.append(card)
    return Board(str(path), path, cards, round=labels["round"], previous_round=labels["previous_round"])


def _line(text: str, key: str, start: int) -> int:
    """The line of ``key =`` (or ``[[key]]``) at or after offset ``start``; the line of ``start`` if absent."""
    found = re.compile(rf"^[ \t]*(\[\[[ \t]*)?[\"']?{re.escape(key)}[\"']?[ \t]*(=|\]\])|[{{,][ \t]*{re.escape(key)}[ \t]*=",
                       re.MULTILINE).search(text, start)
    return text.count("\n", 0, found.start() if found else start) + 1


def _card(record: dict, known: dict, where: str, line_of) -> Card:
    for key in record:
        if key not in CARD_KEYS:
            raise VotesError(f"{line_of(key)}: unknown key '{key}'{did_you_mean(key, CARD_KEYS)} in a card "
                             f"(known: {', '.join(CARD_KEYS)})")
    cid = record.get("id")
    if not isinstance(cid, str) or not CARD_ID.match(cid):
        raise VotesError(f"{line_of('id') if 'id' in record else where}: a card needs an id of lowercase letters, "
                         "digits and hyphens, like id = \"ease-of-release\"")
    words = {}
    for key in ("title", "awesome", "awful"):
        value = record.get(key, "")
        if not isinstance(value, str) or (key in record and not value.strip()):
            raise VotesError(f"{line_of(key)}: card '{cid}' {key} must be non-empty text")
        words[key] = value.strip()
    if cid not in known and not all(words.values()):
        raise VotesError(f"{where}: unknown card '{cid}'{did_you_mean(cid, known)}; a card of the team's own "
                         f"needs title, awesome and awful (built-in cards: {', '.join(known)})")
    base = known.get(cid, (cid, "", "", ""))
    card = Card(cid, words["title"] or base[1], words["awesome"] or base[2], words["awful"] or base[3],
                own=tuple(key for key, value in words.items() if value))
    card.votes = _counts(record, cid, line_of, "")
    if "previous" in record:
        if not isinstance(record["previous"], dict):
            raise VotesError(f"{line_of('previous')}: card '{cid}' previous must be a table, like "
                             "previous = { green = 3, amber = 2, red = 1 }")
        unknown = sorted(set(record["previous"]) - set(COLOURS))
        if unknown:
            raise VotesError(f"{line_of('previous')}: card '{cid}' previous has unknown key '{unknown[0]}' "
                             f"(known: {', '.join(COLOURS)})")
        card.previous = _counts(record["previous"], cid, lambda key: line_of("previous"), "previous ")
    return card


def _counts(record: dict, cid: str, line_of, what: str) -> tuple[int, int, int]:
    counts = []
    for colour in COLOURS:
        value = record.get(colour, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise VotesError(f"{line_of(colour)}: card '{cid}' {what}{colour} must be a whole number of 0 or more, "
                             f"not {value!r}")
        counts.append(value)
    return tuple(counts)


# -- the agenda ---------------------------------------------------------------------------------------

#: Without this round's votes the cards section talks about the cards the meeting's own vote picks.
LIVE = ("The card with the most red votes", "The card whose votes are most split",
        "The next card with the most red votes", "The card that worries you most, chosen by a dot each")
#: A card the votes file lets the agenda talk about: what it says, then the question (``{question}``).
CARD_TEXT = "{title}: {votes}. Awesome: {awesome} Awful: {awful} {question}"


#: Suggested, shortest and longest minutes of each activity; ``retrokit.editing.refit`` fits them into
#: their section's box (time left over becomes open discussion, as the planner does).
CARD_TIME = (8, 5, 12)
READ_TIME = (3, 2, 5)
VOTE_TIME = (7, 4, 12)  # twelve cards, each voted on at once
THANKS_TIME = (8, 4, 15)


def _item(pid: str, text: str, behavior: str, behaviors, time, note: str, technique: str = "",
          prepare: str = "") -> AgendaItem:
    """An item of texts already in the agenda's language (the callers write them with ``t``)."""
    known = behaviors.get(behavior)
    title = known.title if known is not None else behavior.replace("-", " ").capitalize()
    minutes, least, most = time
    return AgendaItem(prompt_id=f"health-check.{pid}", text=text, behavior=behavior, behavior_title=title,
                      minutes=minutes, note=note, plugin="health-check", technique=technique, prepare=prepare,
                      min_minutes=least, max_minutes=most)


def results_item(board: Board, behaviors) -> AgendaItem:
    """The results section's one activity: read this round's table, or vote now."""
    if board.voted:
        return _item(
            "read-results",
            t("Read the table in silence for two minutes. Each person notes the card whose votes surprised them "
              "most, and what they would like to ask the people who voted differently."),
            "perspective-taking", behaviors, READ_TIME,
            t("A surprise marks where our seats differ; collect the surprises before anyone explains a vote."),
            "silent-writing",
        )
    return _item(
        "vote-round",
        t("Vote on each card in the table, all at once: green if its awesome line fits us, red if its awful "
          "line does, amber in between. Hold up a colour or type it in the chat, and count the votes into the table."),
        "safety", behaviors, VOTE_TIME,
        t("Voting at once keeps early voices from steering the rest; nobody explains a vote yet."),
        "rating-round", prepare=t("Share the health cards, both lines of each, where everyone can see them."),
    )


def card_items(board: Board, behaviors, minutes: int, questions, most: int) -> tuple[list, list[str]]:
    """The cards section's items, worst first, and notes for cards that need talk but had no room: at most
    ``most`` cards, as many as ``minutes`` hold at their suggested length; the n-th card gets the n-th of
    ``questions`` (behaviour, question, note, technique)."""
    room = max(1, min(most, minutes // CARD_TIME[0]))
    if not board.voted:
        return [_ask(f"live-card-{n}", "{subject}. {question}", questions[(n - 1) % len(questions)], behaviors,
                     subject=t(subject)) for n, subject in enumerate(LIVE[:room], 1)], []
    ranked = board.ranked()
    if not ranked:
        return [_item(
            "all-healthy",
            t("Every card is green or close to it. Which card stays green because someone keeps it so? Name what "
              "they do, and ask them what it costs."),
            "validation", behaviors, THANKS_TIME,
            t("Good news deserves the same attention as bad: thank the people by name if they are happy to be named."),
        )], []
    chosen, left = ranked[:room], ranked[room:]
    items = [_ask(f"card-{card.id}", CARD_TEXT, questions[i % len(questions)], behaviors, votes=describe(card),
                  **{key: card.says(key) for key in ("title", "awesome", "awful")}) for i, card in enumerate(chosen)]
    notes = [f"{len(left)} more card{'s' if len(left) > 1 else ''} need{'' if len(left) > 1 else 's'} talk than "
             f"{minutes} minutes hold ({', '.join(card.title for card in left)}); the results table shows them"] if left else []
    return items, notes


def _ask(pid: str, text: str, question, behaviors, **values) -> AgendaItem:
    """An item asking ``question`` (behaviour, question, note, technique) about a card: ``text`` (English,
    with ``{question}`` and the ``values``) in the agenda's language."""
    behavior, asked, note, technique = question
    return _item(pid, t(text, question=t(asked), **values), behavior, behaviors, CARD_TIME, t(note), technique)


def describe(card: Card) -> str:
    """``1 green, 2 amber, 4 red, score 29, down from 64 last round``, in the agenda's language."""
    green, amber, red = card.votes
    words = t("{green} green, {amber} amber, {red} red, score {score}", green=green, amber=amber, red=red,
              score=card.score)
    change = card.change
    if change is None:
        return words
    before = card.score - change
    if change <= -TREND:
        return t("{votes}, down from {before} last round", votes=words, before=before)
    if change >= TREND:
        return t("{votes}, up from {before} last round", votes=words, before=before)
    return t("{votes}, steady ({before} last round)", votes=words, before=before)


def table(board: Board, talked=()) -> dict:
    """The ``health`` template variable: the results table's rows (file order) and what surrounds it;
    ``talked``: the ids of the cards the agenda talks about, in its order."""
    talk = {card_id: n for n, card_id in enumerate(talked, 1)}
    rows = []
    for card in board.cards:
        before = _score(card.previous) if card.previous else None
        change = card.change
        arrow = "" if change is None else f"↓ {-change}" if change <= -TREND else f"↑ {change}" if change >= TREND else "→"
        rows.append({
            "id": card.id, "title": card.says("title"), "awesome": card.says("awesome"), "awful": card.says("awful"),
            "green": card.votes[0], "amber": card.votes[1], "red": card.votes[2],
            "score": "" if card.score is None else card.score, "last": "" if before is None else before,
            "trend": arrow, "talk": talk.get(card.id, ""),
        })
    return {
        "file": board.name, "found": not board.missing, "broken": board.broken, "voted": board.voted, "round": board.round,
        "previous_round": board.previous_round, "cards": rows,
        "has_previous": any(card.previous for card in board.cards),
    }
