"""What doctor reports: findings (a problem or a notice, one line each), the report, and the Reporter that
turns every warning into a finding."""

from __future__ import annotations

from dataclasses import dataclass, field

from retrokit.host.loader import Reporter

PROBLEM = "problem"
NOTICE = "notice"


@dataclass(frozen=True)
class Finding:
    severity: str  # PROBLEM or NOTICE
    check: str  # config, plugins, packs, commands, prompts, kinds, formats, behaviors, tags, templates, render
    message: str  # one line naming the plugin or file:line at fault

    def to_json(self) -> dict:
        return {"severity": self.severity, "check": self.check, "message": self.message}


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # plugins, prompts, meeting kinds, formats
    languages: dict[str, object] = field(default_factory=dict)  # code -> i18n.coverage.Coverage
    shown_languages: bool = False  # whether text() shows a line per language (--lang, [team] lang)
    _seen: set[str] = field(default_factory=set, repr=False)

    def add(self, severity: str, check: str, message: str) -> None:
        message = " ".join(str(message).split())  # one line, whatever the source
        if message in self._seen:  # the same warning from a second pass, or an error seen earlier
            return
        self._seen.add(message)
        self.findings.append(Finding(severity, check, message))

    def seen(self, message: str) -> bool:
        return " ".join(str(message).split()) in self._seen

    @property
    def problems(self) -> int:
        return sum(f.severity == PROBLEM for f in self.findings)

    @property
    def notices(self) -> int:
        return sum(f.severity == NOTICE for f in self.findings)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.problems or (strict and self.notices))

    def to_json(self) -> dict:
        languages = {code: {"prompts": c.prompts, "translated": c.translated, "untranslated": sorted(c.untranslated),
                            "other": c.other} for code, c in self.languages.items()}
        return {"problems": self.problems, "notices": self.notices, "findings": [f.to_json() for f in self.findings],
                **({"languages": languages} if languages else {})}

    def summary(self) -> str:
        counts = ", ".join(_plural(n, what) for what, n in self.counts.items())
        if self.problems:
            return f"{_plural(self.problems, 'problem')}, {_plural(self.notices, 'notice')}"
        if self.notices:
            return f"no problems, {_plural(self.notices, 'notice')}" + (f": {counts}" if counts else "")
        return "no problems found" + (f": {counts}" if counts else "")

    def text(self) -> str:
        lines = [f"{f.severity:<8} {f.check:<10} {f.message}" for f in self.findings]
        if self.shown_languages:
            lines += [f"{'language':<8} {'translations':<10} {c.line()}" for c in self.languages.values()]
        return "\n".join([*lines, self.summary()]) + "\n"


def _plural(n: int, what: str) -> str:
    if n == 1:
        return f"1 {what}"
    return f"{n} {what[:-1] + 'ies' if what.endswith('y') else what + 's'}"


class Recorder(Reporter):
    """A Reporter that records every warning as a problem of the current check instead of printing it.

    A warning that names the team's config file (``path:LINE: …``) belongs to the ``config`` check."""

    def __init__(self, report: Report, *, debug: bool = False):
        super().__init__(strict=False, debug=debug, quiet=True)
        self.report = report
        self.check = "config"
        self.config_path: str | None = None

    def warn(self, message: str, exc: BaseException | None = None) -> None:
        check = "config" if self.config_path and message.startswith(self.config_path + ":") else self.check
        self.report.add(PROBLEM, check, message)
