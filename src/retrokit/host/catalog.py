"""Everything the loaded plugins contribute, validated: behaviours, prompts, meeting kinds, formats.

Later plugins override earlier ones by name or id (built-in < installed < folder), so a team can replace
a built-in prompt or meeting kind. Two non-built-in plugins that claim the same name get a warning.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from retrokit.errors import RetrokitUsageError, did_you_mean
from retrokit.model import Behavior, DataError, MeetingKind, OutputFormat, Prompt
from retrokit.host.loader import PluginHost, PluginInfo

#: The six behaviours every agenda exercises unless the user excludes one.
CORE_BEHAVIORS = ("listening", "validation", "reflecting", "perspective-taking", "support", "follow-up")


class Catalog:
    def __init__(self, host: PluginHost):
        self.host = host
        self.reporter = host.reporter
        #: Every valid contribution in load order, by hook, with the plugin that made it (winners and the
        #: ones they override): ``{"retrokit_prompts": [(PluginInfo, Prompt), ...], ...}``.
        self.contributions: dict[str, list[tuple[PluginInfo, object]]] = {}

    def _collect(self, hook: str, cls, key: str) -> dict:
        items: dict = {}
        claims = self.contributions.setdefault(hook, [])
        for info, result, validated in self.host.contributions(hook):  # validated: cached, see host/cache.py
            if result is None:
                continue
            if not isinstance(result, (list, tuple)) or hasattr(result, "_fields"):
                self.reporter.warn(
                    f"plugin '{info.name}' returned {type(result).__name__} from {hook}, not a list; skipped"
                )
                continue
            for position, data in enumerate(result, 1):
                try:
                    item = data if validated else cls.from_data(data, info.name)
                except DataError as exc:
                    label = data.get("id") or data.get("name") if isinstance(data, dict) else None
                    label = f" ({label!r})" if isinstance(label, str) else ""
                    self.reporter.warn(f"plugin '{info.name}' {hook} item #{position}{label}: {exc}; skipped")
                    continue
                claims.append((info, item))
                name = getattr(item, key)
                if name in items:
                    self.overridden(items[name], info, f"{cls.__name__.lower()} '{name}'")
                items[name] = item
        return items

    def overridden(self, earlier, info: PluginInfo, what: str) -> None:
        """Plugin ``info`` redefines ``what`` (``earlier`` is the item it replaces): a warning unless it
        replaces a built-in, which is how a team customises retrokit."""
        if earlier.plugin == info.name:
            self.reporter.warn(f"plugin '{info.name}' defines {what} twice; using the last one")
        elif self.host.info(earlier.plugin).source != "built-in":
            self.reporter.warn(f"plugins '{earlier.plugin}' and '{info.name}' both define {what}; using '{info.name}'")

    @cached_property
    def behaviors(self) -> dict[str, Behavior]:
        declared = self._collect("retrokit_behaviors", Behavior, "name")
        for prompt in self.prompts.values():
            if prompt.behavior not in declared:
                declared[prompt.behavior] = Behavior(prompt.behavior, prompt.behavior.replace("-", " ").capitalize())
        return declared

    @cached_property
    def prompts(self) -> dict[str, Prompt]:
        return self._collect("retrokit_prompts", Prompt, "id")

    @cached_property
    def kinds(self) -> dict[str, MeetingKind]:
        return self._collect("retrokit_meeting_kinds", MeetingKind, "name")

    @cached_property
    def formats(self) -> dict[str, OutputFormat]:
        return self._collect("retrokit_formats", OutputFormat, "name")

    @cached_property
    def template_dirs(self) -> list[Path]:
        claims = self.contributions.setdefault("retrokit_template_dirs", [])
        for info, result in self.host.call("retrokit_template_dirs"):
            for folder in result or []:
                if not Path(folder).is_dir():
                    self.reporter.warn(f"plugin '{info.name}' template folder not found: {folder}; skipped")
                    continue
                claims.append((info, Path(folder)))
        return [folder for _, folder in claims]

    def kind(self, name: str) -> MeetingKind:
        if name not in self.kinds:
            raise RetrokitUsageError(self._unknown("meeting kind", name, self.kinds))
        return self.kinds[name]

    def format(self, name: str) -> OutputFormat:
        if name not in self.formats:
            raise RetrokitUsageError(self._unknown("format", name, self.formats))
        return self.formats[name]

    def check_behaviors(self, names) -> tuple[str, ...]:
        for name in names:
            if name not in self.behaviors:
                raise RetrokitUsageError(self._unknown("behavior", name, self.behaviors))
        return tuple(dict.fromkeys(names))

    @staticmethod
    def _unknown(what: str, name: str, known) -> str:
        if not known:
            return f"unknown {what} '{name}': no plugin provides any (see 'retrokit plugins')"
        return f"unknown {what} '{name}'{did_you_mean(name, known)}; known: {', '.join(sorted(known))}"
