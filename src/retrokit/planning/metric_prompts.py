"""The questions the metric rules ask about the team's metrics, as prompts the planner puts first."""

from __future__ import annotations

from retrokit.memory.metrics_file import load, one_line
from retrokit.metrics import FAMILY, collect_rules


def metric_prompts(config, host) -> list:
    """The questions the rules ask about the team's metrics, as ``retrokit.model.Prompt``s.

    ``config`` is a TeamConfig (its ``metrics_file``; none means no prompts), ``host`` a PluginHost.
    """
    from retrokit.model import DataError, Prompt
    from retrokit.host.loader import describe_error
    from retrokit.reporting import collecting

    if config.metrics_file is None or not any(info.name == FAMILY for info in host.plugins):
        return []
    metrics = load(config.metrics_file)
    rules = collect_rules(host) if metrics else {}
    warn = host.reporter.warn
    prompts = []
    for metric in metrics:
        for rule in rules.values():
            what = f"plugin '{rule.plugin}' metric rule '{rule.name}' on metric '{one_line(metric.name)}'"
            with collecting() as said:  # retrokit.warn inside the rule: reported once it returns
                try:
                    text, failed = rule(metric), None
                    note = rule.note_for(metric) if text else ""
                except Exception as exc:
                    failed = exc
            for message in said:
                warn(f"{what}: {message}")
            if failed is not None:
                origin = getattr(getattr(rule.ask, "__code__", None), "co_filename", "") or host.info(rule.plugin).origin
                warn(f"{what} failed: {describe_error(failed, origin)}; skipped", failed)
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
