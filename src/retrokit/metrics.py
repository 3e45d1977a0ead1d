"""Shared metrics: the team's metrics file, and the rules that turn its numbers into questions.

The file is named by ``[metrics] file = ...`` in retrokit.toml and read by its extension (docs/metrics.md):

```toml
schema = 1            # optional; when present it must be 1

[[metric]]
name = "Lead time"    # required, unique in the file
value = 3.4           # required: this period's number
previous = 2.1        # optional: last period's number
target = 2.0          # optional
better = "lower"      # required: "higher" or "lower"
owner = "Platform"    # optional: the team that looks after the number
unit = "days"         # optional: shown after the numbers ("%" is shown without a space)
```

```csv
name,value,previous,target,better,owner,unit
Lead time,3.4,2.1,2.0,lower,Platform,days
```

Contracts:
- ``load(path)`` returns the metrics in file order, or raises one ``RetrokitError`` line that names the
  file and line ("metrics.csv:4: metric 'Lead time': value 'abc' is not a number"). It never writes.
- A rule is a callable ``rule(metric) -> str | None`` (a question, or None when it has nothing to ask).
  ``@metric_rule(...)`` names it and says where its question goes (phase, meeting kinds, minutes, note).
  Plugins return rules from the ``retrokit_metric_rules`` hook; the built-in ones live in
  plugins/shared_metrics.py. A later plugin's rule replaces an earlier rule of the same name.
- ``metric_prompts(config, host)`` asks every rule about every metric and returns the questions as
  prompts of behaviour "shared-metrics", id ``shared-metrics.metric-<slug>-<rule>``, in file order then
  rule order. The same file and plugins give the same prompts. A rule that raises or returns something
  unusable is reported (naming plugin, rule and metric) and skipped. With the shared-metrics plugin
  disabled there are no metric prompts.

Kept light (nothing is parsed or compiled at import): plugins may import it at load time, though the
built-in family imports it only inside its hook.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, NamedTuple, Union

from retrokit.errors import RetrokitError

FAMILY = "shared-metrics"
SCHEMA = 1
FIELDS = ("name", "value", "previous", "target", "better", "owner", "unit")
REQUIRED = ("name", "value", "better")
BETTER = ("higher", "lower")
LIMITS = {"name": 200, "owner": 100, "unit": 20}
RULE_NAME = r"[a-z0-9][a-z0-9-]*\Z"  # patterns compile on first use (re caches them)
DEFAULT_NOTE = (
    "Stay curious about what the number hides: ask about conditions and hand-offs between teams, "
    "never about who is to blame."
)

Number = Union[int, float]


# -- the metric -----------------------------------------------------------------------------------------


class Metric(NamedTuple):
    """One shared metric, as the file gave it, with helpers for writing rules (a NamedTuple, like the
    model's contributions: cheap to define)."""

    name: str
    value: Number
    better: str  # "higher" or "lower"
    previous: Number | None = None
    target: Number | None = None
    owner: str = ""  # the team that looks after it; "" when not given
    unit: str = ""
    slug: str = ""  # unique in the file: lowercase ASCII letters, digits and hyphens
    where: str = ""  # "path:line", for messages

    @property
    def higher_is_better(self) -> bool:
        return self.better == "higher"

    def show(self, number: Number | None = None) -> str:
        """``number`` (default: the value) with the unit: '3.4 days', '97.5%'."""
        number = self.value if number is None else number
        if not self.unit:
            return str(number)
        return f"{number}{self._gap}{self.unit}"

    def from_to(self, start: Number, end: Number) -> str:
        """'from 2.1 to 3.4 days' (a symbol unit goes on both numbers: 'from 97% to 95%')."""
        first = self.show(start) if self.unit and not self._gap else str(start)
        return f"from {first} to {self.show(end)}"

    @property
    def _gap(self) -> str:
        return " " if self.unit[:1].isalnum() else ""

    def is_better(self, a: Number, b: Number) -> bool:
        """Whether ``a`` is strictly better than ``b`` for this metric."""
        return a > b if self.higher_is_better else a < b

    def meets(self, number: Number | None) -> bool | None:
        """Whether ``number`` meets the target (reaching it exactly counts); None without a target or number."""
        if self.target is None or number is None:
            return None
        return number >= self.target if self.higher_is_better else number <= self.target

    @property
    def trend(self) -> str | None:
        """'better', 'worse' or 'same' since the previous value; None without one."""
        if self.previous is None:
            return None
        if self.value == self.previous:
            return "same"
        return "better" if self.is_better(self.value, self.previous) else "worse"

    @property
    def moved(self) -> str | None:
        """'rose', 'fell' or None (no previous value, or no change)."""
        if self.previous is None or self.value == self.previous:
            return None
        return "rose" if self.value > self.previous else "fell"


# -- reading the file -------------------------------------------------------------------------------------


def load(path: Path) -> list[Metric]:
    """The metrics in ``path`` (.toml or .csv), in file order; one-line errors naming file and line."""
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in (".toml", ".csv"):
        raise RetrokitError(f"{path}: a metrics file must end in .toml or .csv")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RetrokitError(f"cannot read {path}: {exc.strerror}")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise RetrokitError(f"{path}:{line}: not UTF-8 text (byte {exc.start})")
    records = _toml_records(path, text) if kind == ".toml" else _csv_records(path, text)
    metrics: list[Metric] = []
    first_line: dict[str, int] = {}
    slugs: set[str] = set()
    for line, record in records:
        metric = _metric(record, f"{path}:{line}", text_cells=kind == ".csv")
        if metric.name in first_line:
            raise RetrokitError(
                f"{path}:{line}: metric '{_one_line(metric.name)}' is listed twice (first at line {first_line[metric.name]})"
            )
        first_line[metric.name] = line
        slug = _slug(metric.name)
        if slug in slugs:
            slug = f"{slug}-{_digest(metric.name)}"
        slugs.add(slug)
        metrics.append(metric._replace(slug=slug))
    return metrics


def _toml_records(path: Path, text: str) -> list[tuple[int, dict]]:
    import tomllib

    from retrokit.errors import did_you_mean
    from retrokit.memory.store import line_of, toml_error

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(path, exc)
    if "schema" in data and (isinstance(data["schema"], bool) or data["schema"] != SCHEMA):
        raise RetrokitError(
            f"{path}:{line_of(text, 'schema')}: schema = {data['schema']!r}, but this retrokit reads schema {SCHEMA}"
        )
    for key in data:
        if key not in ("schema", "metric"):
            raise RetrokitError(
                f"{path}:{_key_line(text, key, 0)}: unknown entry '{key}'{did_you_mean(key, ['metric'])}; "
                "write each metric as a [[metric]] table"
            )
    records = data.get("metric", [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise RetrokitError(f"{path}:{line_of(text, 'metric')}: 'metric' must be [[metric]] tables")
    starts = [m.start() for m in re.finditer(r"^[ \t]*\[\[[ \t]*metric[ \t]*\]\]", text, re.MULTILINE)]
    found = []
    for index, record in enumerate(records):
        start = starts[index] if index < len(starts) else 0
        line = text.count("\n", 0, start) + 1 if index < len(starts) else line_of(text, "metric")
        for key in record:
            if key not in FIELDS:
                raise RetrokitError(
                    f"{path}:{_key_line(text, key, start)}: unknown key '{key}'{did_you_mean(key, FIELDS)} "
                    f"(known: {', '.join(FIELDS)})"
                )
        # Problems with one value point at that value's line.
        found.append((line, {key: (value, _key_line(text, key, start)) for key, value in record.items()}))
    return found


def _key_line(text: str, key: str, start: int) -> int:
    """The line of ``key = `` at or after offset ``start`` (the line of ``start`` when not found)."""
    name = rf"""(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')"""
    found = re.compile(rf"(?:^[ \t]*|[{{,][ \t]*){name}[ \t]*=", re.MULTILINE).search(text, start)
    return text.count("\n", 0, found.start() if found else start) + 1


def _csv_records(path: Path, text: str) -> list[tuple[int, dict]]:
    import csv
    import io

    from retrokit.errors import did_you_mean

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    found = []
    ended = 0  # the physical line the previous row ended on
    try:
        for row in reader:
            line, ended = ended + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue  # blank lines
            if header is None:
                header = [cell.strip().lower() for cell in row]
                for column in header:
                    if column not in FIELDS:
                        raise RetrokitError(
                            f"{path}:{line}: unknown column '{column}'{did_you_mean(column, FIELDS)} "
                            f"(known: {', '.join(FIELDS)})"
                        )
                    if header.count(column) > 1:
                        raise RetrokitError(f"{path}:{line}: column '{column}' appears twice")
                missing = [column for column in REQUIRED if column not in header]
                if missing:
                    raise RetrokitError(
                        f"{path}:{line}: the header has no '{missing[0]}' column (needed: {', '.join(REQUIRED)})"
                    )
                continue
            if len(row) != len(header):
                raise RetrokitError(
                    f"{path}:{line}: this row has {len(row)} cell{'s' if len(row) != 1 else ''}, "
                    f"the header has {len(header)}"
                )
            cells = {column: cell.strip(" \t") for column, cell in zip(header, row)}
            found.append((line, {column: (cell, line) for column, cell in cells.items() if cell != ""}))
    except csv.Error as exc:
        raise RetrokitError(f"{path}:{reader.line_num}: invalid CSV: {exc}")
    return found


_NUMBER = r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z"


def _metric(record: dict, where: str, *, text_cells: bool) -> Metric:
    """A Metric from ``{key: (value, line)}``; TOML gives typed values, CSV (``text_cells``) gives text."""
    path = where.rsplit(":", 1)[0]
    name_value = record.get("name", (None, None))[0]
    label = f"metric '{_one_line(name_value)}'" if isinstance(name_value, str) and name_value.strip() else "metric"

    def fail(key: str, problem: str):
        line = record[key][1] if key in record else where.rsplit(":", 1)[1]
        raise RetrokitError(f"{path}:{line}: {label}: {problem}")

    for key in REQUIRED:
        if key not in record:
            fail(key, f"'{key}' is missing (needed: {', '.join(REQUIRED)})")
    values = {}
    for key in ("name", "owner", "unit"):
        if key in record:
            value = record[key][0]
            if not isinstance(value, str):
                fail(key, f"{key} must be text")
            if not value.strip():
                fail(key, f"{key} is empty")
            if len(value) > LIMITS[key]:
                fail(key, f"{key} is longer than {LIMITS[key]} characters")
            values[key] = value
    for key in ("value", "previous", "target"):
        if key in record:
            values[key] = _number(record[key][0], lambda problem, key=key: fail(key, problem), key, text_cells)
    better = record["better"][0]
    if not isinstance(better, str) or better.strip().lower() not in BETTER:
        fail("better", f"better must be \"higher\" or \"lower\", not {_shown(better)}")
    values["better"] = better.strip().lower()
    return Metric(**values, where=where)


def _number(value, fail, key: str, text_cells: bool) -> Number:
    import math

    if text_cells:
        text = value.strip()
        if re.match(_NUMBER, text):
            value = int(text) if re.fullmatch(r"[+-]?[0-9]+", text) else float(text)
        elif text.endswith("%") and re.match(_NUMBER, text[:-1].strip()):
            fail(f"{key} {_shown(value)}: write the number without '%' and put % in the unit column")
        elif re.fullmatch(r"[+-]?[0-9]+,[0-9]+", text):
            fail(f"{key} {_shown(value)} is not a number (write decimals with a dot: {text.replace(',', '.')})")
        else:
            fail(f"{key} {_shown(value)} is not a number")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(f"{key} must be a number, not {_shown(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        fail(f"{key} must be a finite number, not {value}")
    return value


def _shown(value) -> str:
    """A value quoted on one line, for messages."""
    import json

    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def _one_line(text: str) -> str:
    return re.sub(r"[\r\n]+", " ", text)


def _slug(name: str) -> str:
    """Lowercase ASCII letters, digits and hyphens from ``name`` (accents dropped; at most 40 characters);
    a name with no such letters (CJK, emoji) gets 'm' and a digest of the name."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-")
    return slug or f"m{_digest(name)}"


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


# -- rules ----------------------------------------------------------------------------------------------


class MetricRule(NamedTuple):
    """A named rule: ``ask(metric)`` returns a question or None; the rest says where the question goes."""

    name: str
    ask: Callable[[Metric], str | None]
    phase: str = "insight"
    kinds: tuple[str, ...] = ("retro",)
    minutes: int = 5
    note: str | Callable[[Metric], str] = DEFAULT_NOTE
    plugin: str = ""  # set by collect_rules

    def __call__(self, metric: Metric) -> str | None:
        return self.ask(metric)

    def note_for(self, metric: Metric) -> str:
        return self.note(metric) if callable(self.note) else self.note


def metric_rule(
    name: str | None = None,
    *,
    phase: str = "insight",
    kinds=("retro",),
    minutes: int = 5,
    note: str | Callable[[Metric], str] = DEFAULT_NOTE,
):
    """Decorator: ``@metric_rule("worsened", phase="gather")`` makes a function a named MetricRule.

    ``name`` defaults to the function's name with '_' as '-'; it must be lowercase letters, digits and
    hyphens. ``note`` is the facilitator note: text, or a callable(metric) -> text.
    """

    def mark(fn: Callable[[Metric], str | None]) -> MetricRule:
        kinds_tuple = (kinds,) if isinstance(kinds, str) else tuple(kinds)
        return MetricRule(name or _rule_name(fn), fn, phase, kinds_tuple, minutes, note)

    return mark


def _rule_name(fn) -> str:
    return str(getattr(fn, "__name__", "")).strip().lower().replace("_", "-")


def collect_rules(host) -> dict[str, MetricRule]:
    """Every plugin's rules by name, in load order; a later plugin's rule replaces an earlier one."""
    rules: dict[str, MetricRule] = {}
    warn = host.reporter.warn
    for info, result in host.call("retrokit_metric_rules"):
        if result is None:
            continue
        if not isinstance(result, (list, tuple)):
            warn(f"plugin '{info.name}' returned {type(result).__name__} from retrokit_metric_rules, not a list; skipped")
            continue
        for position, rule in enumerate(result, 1):
            if not isinstance(rule, MetricRule):
                if not callable(rule):
                    warn(
                        f"plugin '{info.name}' retrokit_metric_rules item #{position}: "
                        f"{type(rule).__name__} is not a callable(metric) -> str | None; skipped"
                    )
                    continue
                rule = MetricRule(_rule_name(rule), rule)
            if not re.match(RULE_NAME, rule.name):
                warn(
                    f"plugin '{info.name}' retrokit_metric_rules item #{position}: rule name {rule.name!r} "
                    "must be lowercase letters, digits and hyphens; skipped"
                )
                continue
            earlier = rules.get(rule.name)
            if earlier is not None and earlier.plugin == info.name:
                warn(f"plugin '{info.name}' defines metric rule '{rule.name}' twice; using the last one")
            elif earlier is not None and host.info(earlier.plugin).source != "built-in":
                warn(
                    f"plugins '{earlier.plugin}' and '{info.name}' both define metric rule '{rule.name}'; "
                    f"using '{info.name}'"
                )
            rules[rule.name] = rule._replace(plugin=info.name)  # a replacement keeps the replaced one's place
    return rules


def metric_prompts(config, host) -> list:
    """The questions the rules ask about the team's metrics, as ``retrokit.model.Prompt``s.

    ``config`` is a TeamConfig (its ``metrics_file``; none means no prompts), ``host`` a PluginHost.
    """
    from retrokit.model import DataError, Prompt
    from retrokit.host.loader import describe_error

    if config.metrics_file is None or not any(info.name == FAMILY for info in host.plugins):
        return []
    metrics = load(config.metrics_file)
    rules = collect_rules(host) if metrics else {}
    warn = host.reporter.warn
    prompts = []
    for metric in metrics:
        for rule in rules.values():
            what = f"plugin '{rule.plugin}' metric rule '{rule.name}' on metric '{_one_line(metric.name)}'"
            try:
                text = rule(metric)
                note = rule.note_for(metric) if text else ""
            except Exception as exc:
                origin = getattr(getattr(rule.ask, "__code__", None), "co_filename", "") or host.info(rule.plugin).origin
                warn(f"{what} failed: {describe_error(exc, origin)}; skipped", exc)
                continue
            if text is None or text == "":
                continue
            data = {
                "id": f"{FAMILY}.metric-{metric.slug}-{rule.name}",
                "text": text,
                "behavior": FAMILY,
                "kinds": list(rule.kinds),
                "phase": rule.phase,
                "minutes": rule.minutes,
                "note": note,
            }
            try:
                prompts.append(Prompt.from_data(data, rule.plugin))
            except DataError as exc:
                warn(f"{what}: {exc}; skipped")
    return prompts
