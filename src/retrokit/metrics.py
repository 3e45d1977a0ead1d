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

Contracts (this module is what plugins import: Metric, MetricRule, metric_rule; reading the file is
``retrokit.memory.metrics_file``, asking the rules ``retrokit.planning.metric_prompts``):
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
from typing import Callable, NamedTuple, Union

from retrokit.errors import shown

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
                    f"plugin '{info.name}' retrokit_metric_rules item #{position}: rule name {shown(rule.name)} "
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
