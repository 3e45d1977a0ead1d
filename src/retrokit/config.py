"""The team folder: ``retrokit.toml`` and the folders beside it.

Found like git finds a repository (walk up from the working directory) unless ``--team DIR`` says where.
Every problem names the file and, where it can, the line.

```toml
schema = 1

[team]
name = "Platform"
members = [{ name = "Ana", confluence = "5b10…", notion = "c2f2…", jira = "ana.l" }, { name = "Sam" }]
lang = "de"          # the language agendas are rendered in (default English; --lang wins)

[minutes]            # default length per meeting kind
retro = 45

[plugins]
folder = "plugins"   # *.py team plugins (default: ./plugins when it exists)
packs = ["../shared/coaching.toml"]  # prompt packs besides ./prompts/*.toml (files or folders)
disabled = ["shared-metrics"]

[templates]
folder = "templates" # template overrides (default: ./templates when it exists)

[metrics]
file = "metrics.toml" # shared metrics (TOML or CSV) for the shared-metrics rules

[context]
tags = ["remote"]     # context tags every meeting of this team has (--context TAG adds to them)

[history]
rotation = 3          # prompts are not repeated within this many recorded meetings of a series
record = false        # record every render in history.toml (else only with --record)

[publish.confluence]  # defaults for `retrokit publish confluence` (flags win)
url = "https://acme.atlassian.net/wiki"
space = "ENG"
parent = "123456"
cloud = true          # REST v2 + basic auth (default: true when the host ends with atlassian.net)
user_env = "RETROKIT_CONFLUENCE_USER"    # the NAMES of environment variables, never the secrets
token_env = "RETROKIT_CONFLUENCE_TOKEN"

[publish.notion]
parent = "https://www.notion.so/acme/Retros-0123456789abcdef0123456789abcdef"
token_env = "RETROKIT_NOTION_TOKEN"
```
Beside it live ``actions.toml`` (the action-item ledger) and ``history.toml`` (recorded agendas).
"""

import re
from dataclasses import field
from pathlib import Path

from retrokit.errors import RetrokitError, did_you_mean, shown
from retrokit.fields import NAME
from retrokit.records import record

FILENAME = "retrokit.toml"

KNOWN = {
    "schema": None,
    "team": {"name", "members", "lang"},
    "minutes": None,  # any meeting kind name
    "plugins": {"folder", "enabled", "disabled", "packs"},
    "templates": {"folder"},
    "metrics": {"file"},
    "history": {"rotation", "record"},
    "context": {"tags"},
    "plugin": None,  # [plugin.NAME]: any plugin's own settings, given to it as config.plugin_settings(NAME)
    "publish": {"confluence", "notion"},
}
#: Keys of the [publish.SERVICE] tables.
PUBLISH_KEYS = {
    "confluence": {"url", "space", "parent", "cloud", "user_env", "token_env"},
    "notion": {"parent", "token_env"},
}
#: Keys that would hold a credential: refused, a credential never belongs in a shared file.
SECRET_KEYS = {"token", "api_token", "password", "secret", "pat", "user_token", "api_key", "key", "auth"}
_ENV_NAME = r"[A-Z_][A-Z0-9_]*\Z"  # compiled (and kept by re) only when a config names a variable
#: The member keys retrokit reads; any other key (``jira = "…"``) is kept for plugins and formats.
MEMBER_KEYS = {"name", "confluence", "notion"}
NEAR_MISS = 0.8  # an unknown member key this close to a known one is warned about (a typo, likely)
SCHEMA = 1
ACTIONS_FILE = "actions.toml"
HISTORY_FILE = "history.toml"


@record
class TeamConfig:
    """A team's retrokit.toml, read and checked; every field at its default without one."""

    path: Path | None = None
    name: str = ""
    members: list[dict] = field(default_factory=list)
    minutes: dict[str, int] = field(default_factory=dict)
    plugins_folder: Path | None = None
    disabled: tuple[str, ...] = ()
    templates_folder: Path | None = None
    enabled: tuple[str, ...] | None = None  # installed plugins to load; None: all (RETROKIT_LOAD_PLUGINS wins)
    metrics_file: Path | None = None
    rotation: int = 3  # a prompt is not repeated within this many recorded meetings of a series
    record: bool = False  # record every render in the history (else only with --record)
    context: tuple[str, ...] = ()  # [context] tags: context tags every meeting of the team has
    publish: dict[str, dict] = field(default_factory=dict)  # [publish.confluence], [publish.notion]
    source: str = ""  # the file's text, to point at lines
    plugin_tables: dict[str, dict] = field(default_factory=dict)  # [plugin.NAME] tables, by plugin name
    lang: str = ""  # [team] lang: the language agendas are rendered in ("" is English; --lang wins)
    packs: tuple[Path, ...] = ()  # prompt packs: ./prompts when it exists, then [plugins] packs (files or folders)

    def __init__(self, path: Path | None = None, name: str = "", members: list[dict] | None = None,
                 minutes: dict[str, int] | None = None, plugins_folder: Path | None = None,
                 disabled: tuple[str, ...] = (), templates_folder: Path | None = None,
                 enabled: tuple[str, ...] | None = None, metrics_file: Path | None = None, rotation: int = 3,
                 record: bool = False, context: tuple[str, ...] = (), publish: dict[str, dict] | None = None,
                 source: str = "", plugin_tables: dict[str, dict] | None = None, lang: str = "",
                 packs: tuple[Path, ...] = ()):
        self.path, self.name, self.members = path, name, [] if members is None else members
        self.minutes, self.plugins_folder = {} if minutes is None else minutes, plugins_folder
        self.disabled, self.templates_folder, self.enabled = disabled, templates_folder, enabled
        self.metrics_file, self.rotation, self.record, self.context = metrics_file, rotation, record, context
        self.publish, self.source = {} if publish is None else publish, source
        self.plugin_tables, self.lang, self.packs = {} if plugin_tables is None else plugin_tables, lang, packs

    def plugin_settings(self, name: str) -> dict:
        """The ``[plugin.NAME]`` table of retrokit.toml (``{}`` without one); NAME as ``retrokit plugins``
        lists it (case, ``_`` and ``-`` do not matter)."""
        return self.plugin_tables.get(_plugin_key(name), {})

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path else None

    @property
    def actions_file(self) -> Path | None:
        return self.folder / ACTIONS_FILE if self.path else None

    @property
    def history_file(self) -> Path | None:
        return self.folder / HISTORY_FILE if self.path else None

    def where(self, key: str, table: str | None = None) -> str:
        """'path:LINE' of ``key`` in this config, for messages ('retrokit.toml (none found)' without one)."""
        if self.path is None:
            return f"{FILENAME} (none found)"
        return f"{self.path}:{_line_of(self.source, key, table)}"


def find(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a retrokit.toml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / FILENAME).is_file():
            return folder
    return None


def load(team_dir: Path | None, *, search_from: Path | None = None, warn=None) -> TeamConfig:
    """Load ``team_dir/retrokit.toml``; with no ``team_dir``, the one found above ``search_from``."""
    if team_dir is None:
        team_dir = find(search_from or Path.cwd())
        if team_dir is None:
            return TeamConfig()
    else:
        team_dir = Path(team_dir)
        if not (team_dir / FILENAME).is_file():
            raise RetrokitError(f"no {FILENAME} in {team_dir}")
    return _parse(team_dir / FILENAME, warn or (lambda message: None))


def _parse(path: Path, warn) -> TeamConfig:
    raw, data = _read(path)

    def fail(key: str, problem: str, table: str | None = None):
        raise RetrokitError(f"{path}:{_line_of(raw, key, table)}: {problem}")

    _check_tables(data, path, raw, fail, warn)
    config = TeamConfig(path=path, source=raw)
    _team(config, data.get("team", {}), fail, warn)
    plugins = data.get("plugins", {})
    _settings(config, data, plugins, fail)
    config.publish = _publish(data.get("publish", {}), fail, lambda key, table, message: warn(
        f"{path}:{_line_of(raw, key, table)}: {message}"))
    config.plugins_folder = _folder(path, plugins, "plugins", fail)
    config.templates_folder = _folder(path, data.get("templates", {}), "templates", fail)
    config.packs = _packs(path, plugins, fail)
    return config


def _read(path: Path) -> tuple[str, dict]:
    """retrokit.toml's text and its TOML data; one-line errors for a file that does not read."""
    try:
        raw = path.read_bytes().decode("utf-8").removeprefix("\ufeff")  # a BOM, as Notepad writes
    except UnicodeDecodeError as exc:
        raise RetrokitError(f"{path}: not UTF-8 text (byte {exc.start})")
    except OSError as exc:
        raise RetrokitError(f"cannot read {path}: {exc.strerror}")
    from retrokit.files import load_toml

    return raw, load_toml(path, raw)


def _check_tables(data: dict, path: Path, raw: str, fail, warn) -> None:
    """The schema, and a warning for every table or key this retrokit does not know."""
    if data.get("schema", SCHEMA) != SCHEMA:
        fail("schema", f"schema = {shown(data['schema'])}, but this retrokit reads schema {SCHEMA}")
    for table, value in data.items():
        if table == "schema":
            continue
        if table not in KNOWN:
            warn(f"{path}:{_line_of(raw, table)}: unknown table '{table}'{did_you_mean(table, KNOWN)}; ignored")
            continue
        if not isinstance(value, dict):
            fail(table, f"'{table}' must be a table, like [{table}]")
        allowed = KNOWN[table]
        for key in value:
            if allowed is not None and key not in allowed:
                warn(f"{path}:{_line_of(raw, key, table)}: unknown key '{table}.{key}'{did_you_mean(key, allowed)}; ignored")


def _team(config: TeamConfig, team: dict, fail, warn) -> None:
    """[team]: its name and members (a warning for two members that @owner mentions cannot tell apart)."""
    config.name = team.get("name", "")
    if not isinstance(config.name, str):
        fail("name", "team.name must be a string", "team")
    members = team.get("members", [])
    if not isinstance(members, list) or not all(isinstance(m, dict) and isinstance(m.get("name"), str) for m in members):
        unnamed = next((m for m in members if isinstance(m, dict) and "name" not in m), {}) if isinstance(members, list) else {}
        hint = next(filter(None, (did_you_mean(key.casefold(), ["name"]) for key in unnamed)), "")
        fail("members", f'team.members must be a list of tables with a name, like [{{ name = "Ana" }}]{hint}', "team")
    for member in members:
        if not all(isinstance(member.get(key, ""), str) for key in MEMBER_KEYS):
            fail("members", "team.members: name, confluence and notion must be strings", "team")
        for key in sorted(set(member) - MEMBER_KEYS):  # any other id (jira, slack, ...) is kept for plugins
            hint = did_you_mean(key.casefold(), MEMBER_KEYS, NEAR_MISS)
            if hint:
                warn(f"{config.path}:{_line_of(config.source, key, 'team')}: team.members: '{key}' of member "
                     f"'{member['name']}' is not a key retrokit knows{hint}; kept as an extra id")
    config.members = members
    config.lang = team.get("lang", "")
    if not isinstance(config.lang, str):
        fail("lang", 'team.lang must be a language code such as "de"', "team")
    from retrokit.rendering import member_key

    seen: dict[str, str] = {}
    for member in members:
        key = member_key(member["name"])
        if key in seen:
            warn(
                f"{config.path}:{_line_of(config.source, 'members', 'team')}: members '{seen[key]}' and "
                f"'{member['name']}' look the same to @owner mentions; the first one is used"
            )
        seen.setdefault(key, member["name"])


def _settings(config: TeamConfig, data: dict, plugins: dict, fail) -> None:
    """[minutes], [plugins], [history], [metrics] and the [plugin.NAME] tables."""
    for kind, minutes in data.get("minutes", {}).items():
        if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
            fail(kind, f"minutes.{kind} must be a positive whole number of minutes", "minutes")
        config.minutes[kind] = minutes

    disabled = plugins.get("disabled", [])
    if not isinstance(disabled, list) or not all(isinstance(n, str) for n in disabled):
        fail("disabled", "plugins.disabled must be a list of plugin names", "plugins")
    config.disabled = tuple(disabled)
    enabled = plugins.get("enabled")
    if enabled is not None and (not isinstance(enabled, list) or not all(isinstance(n, str) for n in enabled)):
        fail("enabled", "plugins.enabled must be a list of installed plugin names", "plugins")
    config.enabled = tuple(enabled) if enabled is not None else None
    history = data.get("history", {})
    rotation = history.get("rotation", 3)
    if isinstance(rotation, bool) or not isinstance(rotation, int) or rotation < 0:
        fail("rotation", "history.rotation must be a whole number of meetings (0 turns rotation off)", "history")
    config.rotation = rotation
    record = history.get("record", False)
    if not isinstance(record, bool):
        fail("record", "history.record must be true or false", "history")
    config.record = record
    tags = data.get("context", {}).get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) and NAME.match(tag) for tag in tags):
        fail("tags", 'context.tags must be a list of context tags (lowercase letters, digits and hyphens), '
             'like ["remote", "dashboards"]', "context")
    config.context = tuple(dict.fromkeys(tags))
    metrics = data.get("metrics", {}).get("file")
    if metrics is not None:
        if not isinstance(metrics, str):
            fail("file", "metrics.file must be a string", "metrics")
        config.metrics_file = config.path.parent / metrics
        if not config.metrics_file.is_file():
            fail("file", f"metrics.file: no file {config.metrics_file}", "metrics")
    for name, table in data.get("plugin", {}).items():
        if not isinstance(table, dict):
            fail(name, f"plugin.{name} must be a table of that plugin's settings, like [plugin.{name}]", "plugin")
        config.plugin_tables[_plugin_key(name)] = table


def _plugin_key(name: str) -> str:
    from retrokit.host.loader import normalize

    return normalize(name)
def _publish(tables: dict, fail, warn) -> dict[str, dict]:
    """The [publish.SERVICE] tables, checked: strings (``cloud`` a boolean), ``*_env`` the names of
    environment variables, and no key that would hold a credential itself."""
    result = {}
    for service, allowed in PUBLISH_KEYS.items():
        table = tables.get(service)
        if table is None:
            continue
        where = f"publish.{service}"
        if not isinstance(table, dict):
            fail(service, f"'{where}' must be a table, like [{where}]", "publish")
        for key, value in table.items():
            if key.lower() in SECRET_KEYS:
                fail(key, f"{where}.{key}: a credential must not be written in retrokit.toml (it is shared and "
                     f"committed); put it in an environment variable and name that variable with token_env",
                     where)
            if key not in allowed:
                warn(key, where, f"unknown key '{where}.{key}'{did_you_mean(key, allowed)}; ignored")
                continue
            if key == "cloud":
                if not isinstance(value, bool):
                    fail(key, f"{where}.cloud must be true or false", where)
            elif not isinstance(value, str) or not value.strip():
                fail(key, f"{where}.{key} must be a non-empty string", where)
            elif key.endswith("_env") and not re.match(_ENV_NAME, value):
                fail(key, f"{where}.{key} must be the NAME of an environment variable (upper case, like "
                     "RETROKIT_NOTION_TOKEN), never a token or password itself", where)
        result[service] = {key: value for key, value in table.items() if key in allowed}
    return result


def _folder(path: Path, table: dict, default: str, fail) -> Path | None:
    name = table.get("folder")
    if name is None:
        folder = path.parent / default
        return folder if folder.is_dir() else None
    if not isinstance(name, str):
        fail("folder", f"{default}.folder must be a string", default)
    folder = path.parent / name
    if not folder.is_dir():
        fail("folder", f"{default}.folder: no folder {folder}", default)
    return folder


def _packs(path: Path, plugins: dict, fail) -> tuple[Path, ...]:
    """./prompts (when it exists), then each file or folder of ``[plugins] packs``, which must exist."""
    named = plugins.get("packs", [])
    if not isinstance(named, list) or not all(isinstance(name, str) and name.strip() for name in named):
        fail("packs", 'plugins.packs must be a list of prompt-pack files or folders, like ["../shared/coaching.toml"]',
             "plugins")
    default = path.parent / "prompts"
    packs = [default] if default.is_dir() else []
    for name in named:
        pack = path.parent / name
        if not pack.is_dir() and not (pack.is_file() and pack.suffix == ".toml"):
            fail("packs", f"plugins.packs: no prompt-pack file or folder {pack} (a pack is a .toml file)", "plugins")
        packs.append(pack)
    return tuple(packs)


def _line_of(raw: str, key: str, table: str | None = None) -> int:
    """The line that defines ``key`` (a key, a dotted key, an inline-table key or a [table] header),
    looked for after ``[table]`` first when given; 1 when it cannot tell."""
    name = rf"""(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')"""
    dotted = r"""(?:[A-Za-z0-9_-]+\.|"[^"\n]*"\.|'[^'\n]*'\.)*"""
    pattern = re.compile(
        rf"^[ \t]*(?:\[\[?[ \t]*{dotted}{name}[ \t]*\]|{dotted}{name}[ \t]*=)|[{{,][ \t]*{name}[ \t]*=",
        re.MULTILINE,
    )
    found = None
    if table is not None:
        header = re.search(rf"^[ \t]*\[[ \t]*{re.escape(table)}[ \t]*\]", raw, re.MULTILINE)
        if header:
            found = pattern.search(raw, header.end())
    found = found or pattern.search(raw)
    return raw.count("\n", 0, found.start()) + 1 if found else 1
