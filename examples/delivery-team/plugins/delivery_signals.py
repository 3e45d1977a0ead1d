"""delivery-signals: turns a team's weekly delivery numbers into retro questions about what moved.

It reads the CSV that ``[plugin.delivery-signals] file`` names (relative to the team folder), compares
the latest week with the weeks before it and, through ``retrokit_adjust_agenda``, puts one question per
number that moved at the front of the retro's first section that takes ``gather`` prompts ("Gather data";
a kind without one gets them in its first ``insight`` section). When nothing moved it changes nothing.

The rule: for each metric, the *baseline* is the average of the ``baseline_weeks`` weeks before the
latest one (the weeks that have a value; at least two are needed). The metric *moved* when the latest
value differs from the baseline by at least ``threshold_percent`` percent of the baseline **and** by at
least the metric's ``min_change`` (so 0 → 1 incident is not a 100% "move"). Moves are ranked by their
size relative to the threshold; the biggest ``max_questions`` become questions.

Each question states the numbers and asks one empathy behaviour of the team: where the waiting was from
each side (perspective-taking), who carried the pages (well-being), what help was missing (support)…
The questions take ``question_minutes`` each out of the section's time box, through
``retrokit.editing``: its open time first, then the planner's prompts there shrink (never below about
60% of their suggested length) or, when they cannot shrink enough or the section would hold more than
its ``max_items``, are dropped, those whose behaviour the agenda covers elsewhere first, so the core
behaviours stay covered whenever time allows. The box, and the meeting's length, hold.

Bad data never breaks the agenda. A bad row is one warning naming the file and line
(``retrokit.warn``), and the other rows still count. A file or setting that cannot be used at all
raises one ``DeliveryDataError`` naming the file and line: retrokit reports it as one warning and
renders the agenda without the questions.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

from retrokit import hookimpl, warn
from retrokit.editing import activities, drop, insert, section_for, shortest
from retrokit.errors import PluginError
from retrokit.model import AgendaItem

__version__ = "1.1.0"
RETROKIT_API = "1.3"  # retrokit.warn and retrokit.editing arrived in 1.3 (the adjust hook and settings in 1.1)

NAME = "delivery-signals"  # the name retrokit gives this file's plugin, and its settings table
TABLE = f"plugin.{NAME}"
SETTINGS = {
    "file": None,
    "baseline_weeks": 4,
    "threshold_percent": 30,
    "max_questions": 3,
    "question_minutes": 4,
    "min_change": {},
    "kinds": ["retro"],
}


class DeliveryDataError(PluginError):
    """The CSV or the plugin's settings cannot be used at all; the message names the file and line
    (retrokit shows a PluginError's message as written)."""


class BadRow(ValueError):
    """One row of the CSV that cannot be used: warned about and skipped."""


@dataclass(frozen=True)
class Metric:
    column: str
    label: str  # starts the question: "Median lead time went from …"
    unit: str  # "h", "%", "" (counts)
    per_week: bool  # a count: "13.5 a week"
    min_change: float
    higher_is_better: bool
    worse: tuple[str, str, str]  # behavior, question, facilitator note
    better: tuple[str, str, str]


METRICS = {
    metric.column: metric
    for metric in (
        Metric(
            "deploys", "Deploys", "", True, 3, True,
            worse=(
                "support",
                "What held changes back, and what would have made shipping feel safe to the people holding them?",
                "Fewer deploys is often caution after a rough week; ask what would build confidence, not why people were slow.",
            ),
            better=(
                "shared-metrics",
                "What made shipping easier, and did anyone pay for the extra pace in reviews, on-call or support?",
                "Name the change or the people behind it, and check the pace is one the team wants to keep.",
            ),
        ),
        Metric(
            "lead_time_hours", "Median lead time", "h", False, 4, False,
            worse=(
                "perspective-taking",
                "Where did changes wait, and what did that wait look like from each side: the author, the reviewer, the team waiting for the change?",
                "Map the waiting, not the people: a slow review usually has a busy reviewer behind it.",
            ),
            better=(
                "shared-metrics",
                "What made changes flow faster, and what would it take to keep it that way in a busy week?",
                "Improvements fade when nobody notices them; credit the specific habit or tool.",
            ),
        ),
        Metric(
            "change_failure_pct", "Change failure rate", "%", False, 5, False,
            worse=(
                "safety",
                "Without looking for who shipped what: what was different about these changes, or about the checks they passed through?",
                "Keep names out of it; if one change comes up, talk about the path it took to production.",
            ),
            better=(
                "shared-metrics",
                "Which checks or habits caught problems earlier, and who put the work into them?",
                "Thank the people behind the checks by name; this is the place for names.",
            ),
        ),
        Metric(
            "incidents", "Incidents", "", True, 2, False,
            worse=(
                "support",
                "How did the responders get through them, and what help did they have or miss?",
                "Ask about load and help here; each incident gets its own blameless review.",
            ),
            better=(
                "shared-metrics",
                "What do we think changed: something we did, or something we were lucky with?",
                "Luck is a fine answer; it tells us what not to count on.",
            ),
        ),
        Metric(
            "pages_out_of_hours", "Out-of-hours pages", "", True, 2, False,
            worse=(
                "well-being",
                "Who carried them, how are they doing now, and what would make the next week lighter?",
                "Let the people who were paged answer for themselves first; the aim is rest and fairness, not a count.",
            ),
            better=(
                "shared-metrics",
                "Who worked to make nights quieter, and what did it take?",
                "Say thank you for the specific fix; quiet nights are easy to take for granted.",
            ),
        ),
    )
}


@dataclass(frozen=True)
class Move:
    metric: Metric
    week: Date
    value: float
    baseline: float
    weeks: int  # how many weeks the baseline averages
    size: float  # |change| / threshold: 1.0 is just at the threshold

    @property
    def worse(self) -> bool:
        return (self.value > self.baseline) != self.metric.higher_is_better


# -- the hook -------------------------------------------------------------------------------------------


@hookimpl
def retrokit_adjust_agenda(agenda, meeting, behaviors, config):
    settings = _settings(config)
    if meeting.name not in settings["kinds"]:
        return None
    section = section_for(agenda, "gather") or section_for(agenda, "insight")
    if section is None:
        return None
    weeks = read_weeks(_csv_path(config, settings))
    moves = find_moves(weeks, settings)[: settings["max_questions"]]
    if not moves:
        return None  # nothing moved: the agenda stays exactly as planned
    fit_questions(agenda, section, moves, settings["question_minutes"], behaviors)
    return None


# -- settings and data --------------------------------------------------------------------------------


def _settings(config) -> dict:
    if config.path is None:
        raise DeliveryDataError(f"needs a team folder with a retrokit.toml that has a [{TABLE}] table")
    raw = config.plugin_settings(NAME)

    def fail(key, problem):
        raise DeliveryDataError(f"{config.where(key, TABLE)}: [{TABLE}] {key} {problem}")

    unknown = sorted(set(raw) - set(SETTINGS))
    if unknown:
        fail(unknown[0], f"is not a setting (known: {', '.join(SETTINGS)})")
    settings = {**SETTINGS, **raw}
    if not isinstance(settings["file"], str) or not settings["file"].strip():
        fail("file", 'must name the CSV, like file = "delivery.csv"')
    for key, low in (("baseline_weeks", 2), ("max_questions", 1), ("question_minutes", 2)):
        value = settings[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            fail(key, f"must be a whole number of at least {low}")
    threshold = settings["threshold_percent"]
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or threshold <= 0:
        fail("threshold_percent", "must be a positive number")
    minimums = settings["min_change"]
    if not isinstance(minimums, dict):
        fail("min_change", "must be a table, like { incidents = 2 }")
    for column, value in minimums.items():
        if column not in METRICS:
            fail("min_change", f"names unknown column '{column}' (known: {', '.join(METRICS)})")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            fail("min_change", f"{column} must be a number of at least 0")
    kinds = settings["kinds"]
    if not isinstance(kinds, list) or not all(isinstance(kind, str) for kind in kinds):
        fail("kinds", 'must be a list of meeting kinds, like ["retro"]')
    return settings


def _csv_path(config, settings) -> Path:
    path = config.folder / settings["file"]
    if not path.is_file():
        raise DeliveryDataError(f"no file {path} (named by [{TABLE}] file at {config.where('file', TABLE)})")
    return path


def read_weeks(path: Path) -> list[tuple[Date, dict[str, float]]]:
    """The CSV's rows as ``(week, {column: value})``, oldest first; an empty cell is a number not measured
    that week. A row it cannot read is one ``retrokit.warn`` naming ``path:line`` and is skipped; a file
    it cannot read at all (no header, unknown columns, not text) raises DeliveryDataError."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DeliveryDataError(f"{path}: not UTF-8 text (byte {exc.start})")
    except OSError as exc:
        raise DeliveryDataError(f"cannot read {path}: {exc.strerror}")
    reader = csv.reader(text.splitlines())
    columns, weeks, seen = None, [], {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            columns = _header(row, f"{path}:{line}")
            continue
        try:
            week, values = _row(row, columns, seen)
        except BadRow as exc:
            warn(f"{path}:{line}: {exc}; row skipped")
            continue
        seen[week] = line
        weeks.append((week, values))
    if columns is None:
        raise DeliveryDataError(f"{path}:1: the file is empty; it needs a header like 'week,deploys,lead_time_hours'")
    weeks.sort(key=lambda entry: entry[0])
    return weeks


def _header(row, where: str) -> list[str]:
    header = [cell.strip().lower() for cell in row]
    if "week" not in header:
        raise DeliveryDataError(f"{where}: the header has no 'week' column")
    for column in header:
        if column != "week" and column not in METRICS:
            raise DeliveryDataError(f"{where}: unknown column '{column}' (known: week, {', '.join(METRICS)})")
    if len(set(header)) != len(header):
        raise DeliveryDataError(f"{where}: a column appears twice in the header")
    if len(header) < 2:
        raise DeliveryDataError(f"{where}: the header names no metric columns (known: {', '.join(METRICS)})")
    return header


def _row(row, columns, seen) -> tuple[Date, dict[str, float]]:
    """One data row's week and values; BadRow says what is wrong with it."""
    if len(row) != len(columns):
        raise BadRow(f"{len(row)} cells, but the header has {len(columns)} columns")
    values: dict[str, float] = {}
    week = None
    for column, cell in zip(columns, row):
        cell = cell.strip()
        if column == "week":
            try:
                week = Date.fromisoformat(cell)
            except ValueError:
                raise BadRow(f"week {cell!r} is not a date like 2026-03-09") from None
            continue
        if not cell:
            continue
        try:
            number = float(cell)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or number < 0:
            raise BadRow(f"{column} {cell!r} is not a number of 0 or more")
        if column == "change_failure_pct" and number > 100:
            raise BadRow(f"change_failure_pct {cell!r} is above 100")
        values[column] = number
    if week in seen:
        raise BadRow(f"week {week.isoformat()} is already on line {seen[week]}")
    return week, values


def find_moves(weeks, settings) -> list[Move]:
    """The metrics whose latest value moved (the module's rule), biggest move first."""
    if len(weeks) < 3:
        return []
    latest_week, latest = weeks[-1]
    earlier = weeks[-1 - settings["baseline_weeks"]:-1]
    threshold = settings["threshold_percent"] / 100
    moves = []
    for column, metric in METRICS.items():
        if column not in latest:
            continue
        history = [values[column] for _, values in earlier if column in values]
        if len(history) < 2:
            continue
        baseline = sum(history) / len(history)
        change = abs(latest[column] - baseline)
        minimum = settings["min_change"].get(column, metric.min_change)
        if change == 0 or change < minimum:
            continue
        relative = change / baseline if baseline else math.inf
        if relative < threshold:
            continue
        size = relative / threshold  # infinite from a baseline of zero: it ranks first
        moves.append(Move(metric, latest_week, latest[column], baseline, len(history), size))
    moves.sort(key=lambda move: (-move.size, move.metric.column))
    return moves


# -- questions and time boxes -------------------------------------------------------------------------


def number(value: float, unit: str) -> str:
    if value == int(value) or value >= 10:
        text = str(round(value))
    else:
        text = f"{value:.1f}"
    return f"{text}%" if unit == "%" else f"{text} {unit}" if unit else text


def question(move: Move) -> tuple[str, str, str]:
    """``(behavior, text, note)`` for a move: the numbers first, then the question."""
    metric = move.metric
    behavior, ask, note = metric.worse if move.worse else metric.better
    before = number(move.baseline, metric.unit) + (" a week" if metric.per_week else "")
    text = (
        f"{metric.label} went from {before} (the average of the {move.weeks} weeks before) to "
        f"{number(move.value, metric.unit)} in the week of {move.week.isoformat()}. {ask}"
    )
    return behavior, text, note


def question_item(move: Move, minutes: int, behaviors) -> AgendaItem:
    """The agenda item that asks about ``move``: a prompt of our own, not in the catalog."""
    behavior, text, note = question(move)
    known = behaviors.get(behavior)
    title = known.title if known is not None else behavior.replace("-", " ").capitalize()
    slug = f"{move.metric.column.replace('_', '-')}-{'worse' if move.worse else 'better'}"
    return AgendaItem(f"{NAME}.{slug}", text, behavior, title, minutes, note, NAME)


def fit_questions(agenda, section, moves, minutes, behaviors) -> None:
    """Put one item per move at the front of ``section``, its minutes found in that section only
    (``retrokit.editing.insert``: open time, then the other items down to their shortest). Items go first
    where the questions would not fit or the section would pass its ``max_items`` (``drop`` gives their
    minutes back): those whose behaviour the agenda has elsewhere, the later ones first."""
    budget = section.minutes - sum(group.minutes for group in section.memory)
    moves = list(moves)
    while len(moves) > 1 and len(moves) * minutes > budget:
        moves.pop()  # the smallest move goes first
    minutes = min(minutes, budget)
    if minutes < 1:
        return
    asked = [question_item(move, minutes, behaviors) for move in moves]
    room = budget - minutes * len(asked)
    limit = max((section.max_items or len(section.items)) - len(asked), 0)
    elsewhere = {item.behavior for s in agenda.sections if s is not section for item in activities(s)}
    elsewhere |= {item.behavior for item in asked}
    others = activities(section)
    # Drop order: prompts whose behaviour the agenda still has elsewhere, then the rest; later ones first.
    for index in sorted(range(len(others)), key=lambda i: (others[i].behavior not in elsewhere, -i)):
        kept = activities(section)
        fits = sum(shortest(item) for item in kept) <= room
        # The section's item limit gives way to a behaviour the agenda would otherwise lose.
        if fits and (len(kept) <= limit or all(item.behavior not in elsewhere for item in kept)):
            break
        drop(agenda, others[index])
    for position, item in enumerate(asked):
        planned = [other for other in section.items if all(other is not a for a in asked)]
        insert(agenda, section, item, position=position, take_from=planned)
