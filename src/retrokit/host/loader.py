"""Finding, loading and calling plugins, so that one broken plugin never takes retrokit down.

Plugins come from these places, in this order (later ones may override earlier contributions):
1. built-in: the first-party plugin files in plugins/ and the default formats in retrokit.formats;
2. installed: the ``retrokit`` entry-point group (filtered by ``RETROKIT_LOAD_PLUGINS``);
3. folders: every ``*.py`` file in ``--plugins-dir`` folders and the team's plugin folder.
4. prompt packs: ``*.toml`` files in the team's prompts/ folder and ``[plugins] packs`` (host/packs.py);
   an installed pack comes with the installed plugins.
All of them are registered with one pluggy manager through the same hooks.
"""

from __future__ import annotations

import importlib
import os
import warnings
from pathlib import Path
from typing import Any, Iterator

import click

from retrokit import __version__
from retrokit.errors import RetrokitError, did_you_mean, one_line, shown
from retrokit.host.discovery import (  # noqa: F401 (normalize, PluginInfo: imported from here too)
    PACKAGE_PLUGINS, PluginInfo, PACKAGE_DIR, entry_point_candidates, folder_candidates, normalize,
)
from retrokit.host.paths import builtin_dir


class Reporter:
    """Writes warnings to stderr, one line each; ``strict`` turns them into errors."""

    def __init__(self, *, strict: bool = False, debug: bool = False, quiet: bool = False):
        self.strict = strict
        self.debug = debug
        self.quiet = quiet
        self.warnings: list[str] = []  # every warning, also the ones quiet kept off stderr

    def warn(self, message: str, exc: BaseException | None = None) -> None:
        self.warnings.append(message)
        if self.strict:
            raise RetrokitError(f"{message} (--strict)")
        if self.quiet:
            return
        click.echo(f"retrokit: warning: {one_line(message)}", err=True)
        if self.debug and exc is not None:
            import traceback

            click.echo("".join(traceback.format_exception(exc)), err=True, nl=False)


def _error_location(exc: BaseException, origin: str) -> str:
    """' (file.py line N)': the deepest traceback frame inside the plugin's own file."""
    import traceback

    line = None
    origin = os.path.realpath(origin)
    for frame in traceback.extract_tb(exc.__traceback__):
        if os.path.realpath(frame.filename) == origin:
            line = frame.lineno
    if isinstance(exc, SyntaxError) and exc.filename and os.path.realpath(exc.filename) == origin:
        line = exc.lineno
    return f" ({Path(origin).name} line {line})" if line else ""


def describe_error(exc: BaseException, origin: str) -> str:
    from retrokit.errors import PluginError

    if isinstance(exc, PluginError) and str(exc).strip():
        return str(exc).strip().splitlines()[0]  # the plugin's own words
    message = exc.msg if isinstance(exc, SyntaxError) else str(exc)  # the location is added below
    text = message.strip().splitlines()[0] if message.strip() else ""
    kind = type(exc).__name__
    return f"{kind}: {text}{_error_location(exc, origin)}" if text else f"{kind}{_error_location(exc, origin)}"


def api_problem(required: str) -> str:
    """Why a plugin that declares ``RETROKIT_API = required`` cannot load here ("" when it can)."""
    if not required:
        return ""
    from retrokit import hookspecs

    parts = required.split(".")
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
        return f"declares RETROKIT_API = {shown(required)}: use a \"MAJOR.MINOR\" string such as \"{hookspecs.HOOK_API}\""
    major, minor = (int(part) for part in parts)
    have_major, have_minor = (int(part) for part in hookspecs.HOOK_API.split("."))
    if major > have_major or (major == have_major and minor > have_minor):
        return (
            f"needs retrokit hook API {required}, but retrokit {__version__} has {hookspecs.HOOK_API} "
            "(upgrade retrokit: pip install -U retrokit)"
        )
    if major < have_major:
        return (
            f"was written for retrokit hook API {required}, but retrokit {__version__} has "
            f"{hookspecs.HOOK_API}, which changed since (see docs/plugins.md for what changed)"
        )
    return ""


def _serves(info: PluginInfo, kind: str | None) -> bool:
    return kind is None or info.kinds is None or kind in info.kinds


class PluginHost:
    """The loaded plugins and a safe way to call their hooks."""

    def __init__(
        self,
        *,
        plugin_dirs: tuple[Path, ...] = (),
        disabled: tuple[str, ...] = (),
        enabled: tuple[str, ...] | None = None,
        reporter: Reporter | None = None,
        builtins: bool = True,
        installed: bool = True,
        extra: tuple[tuple[str, Any], ...] = (),
        packs: tuple[Path, ...] = (),
    ):
        """``extra``: ``(name, plugin)`` pairs registered last, as given (a module, class or any object
        with ``@hookimpl`` functions); ``builtins``/``installed`` off leave those sources out (for tests);
        ``packs``: prompt-pack files and folders of them (host/packs.py), loaded after the folders."""
        from retrokit.host.cache import ContributionCache

        self.reporter = reporter or Reporter()
        self._manager = None  # pluggy's, made when the first plugin is registered (see _pm)
        self._warned = 0  # warnings so far (whatever the reporter does with them): a plugin that warned is not cached
        self.plugins: list[PluginInfo] = []
        #: Validated data-hook items by plugin name and hook, for the first-party plugin files (cached).
        self.validated: dict[str, dict[str, tuple]] = {}
        self._deferred: dict[str, PluginInfo] = {}  # served from the cache, not executed (yet)
        self._cache = ContributionCache(builtin_dir("plugins")) if builtins else None
        candidates = self._discover(plugin_dirs, enabled, builtins, installed, packs)
        for name, plugin in extra:
            origin = getattr(plugin, "__file__", None) or getattr(plugin, "__name__", None) or repr(plugin)
            candidates.append(PluginInfo(normalize(name), "given", origin, "", lambda plugin=plugin: plugin))
        candidates = self._unique(candidates)
        self._packs = None  # the caches of prompt packs, when there are any (host/packs.py)
        if any(candidate.file.endswith(".toml") for candidate in candidates):
            from retrokit.host.packs import PackCaches

            self._packs = PackCaches()
        #: Every plugin name that could load, including disabled ones.
        self.known_names = [c.name for c in candidates]
        disabled_names = {normalize(n) for n in disabled}
        for candidate in candidates:
            if candidate.name not in disabled_names:
                self._load(candidate)
        for cache in (self._cache, self._packs):
            if cache is not None:
                cache.save()

    @property
    def pm(self):
        """The pluggy manager, with every plugin registered (plugins served from the cache load now)."""
        for info in list(self._deferred.values()):
            self._materialize(info)
        return self._pm

    @property
    def _pm(self):
        """pluggy's manager, made on first use: a render whose plugins all come from the cache never
        imports pluggy."""
        if self._manager is None:
            import pluggy

            from retrokit import hookspecs

            self._manager = pluggy.PluginManager("retrokit")
            self._manager.add_hookspecs(hookspecs)
        return self._manager

    def _warn(self, message: str, exc: BaseException | None = None) -> None:
        self._warned += 1
        self.reporter.warn(message, exc)

    def _discover(self, plugin_dirs, enabled, builtins: bool, installed: bool, packs=()) -> list[PluginInfo]:
        candidates = []
        if builtins:
            candidates += folder_candidates(builtin_dir("plugins"), "built-in", "retrokit_builtin_")
            for name, (origin, module) in PACKAGE_PLUGINS.items():
                file = PACKAGE_DIR.joinpath(*module.split(".")[1:]).with_suffix(".py")
                load = lambda m=module: importlib.import_module(m)  # noqa: E731
                candidates.append(PluginInfo(name, "built-in", origin, __version__, load, file=str(file)))
        if installed:
            candidates += entry_point_candidates(enabled, self.reporter.warn)
        for folder in plugin_dirs:
            folder = Path(folder)
            if not folder.is_dir():
                raise RetrokitError(f"plugin folder not found: {folder}")
            candidates += folder_candidates(folder, "folder", "retrokit_folder_")
        if packs:
            from retrokit.host.packs import pack_candidates

            candidates += pack_candidates(packs)
        return candidates

    def _unique(self, candidates: list[PluginInfo]) -> list[PluginInfo]:
        unique: dict[str, PluginInfo] = {}
        for candidate in candidates:
            if candidate.name in unique:
                first = unique[candidate.name]
                self._warn(
                    f"plugin '{candidate.name}' ({candidate.origin}) has the same name as the one from "
                    f"{first.origin}; skipped"
                )
                continue
            unique[candidate.name] = candidate
        return list(unique.values())

    def _load(self, info: PluginInfo) -> None:
        """Load and register one plugin; a first-party plugin file comes from the cache when it can."""
        cache = self._cache if info.source == "built-in" and info.file else None
        if self._packs is not None and info.file.endswith(".toml"):  # a prompt pack: plain data too
            cache = self._packs.cache(info.file)
        cacheable = cache is not None
        if cacheable:
            entry = cache.lookup(info.file)
            if entry is not None:
                info.api, info.hooks, info.kinds = entry.api, list(entry.hooks), entry.kinds
                self.validated[info.name] = entry.data
                self._deferred[info.name] = info
                self.plugins.append(info)
                return
            from retrokit.host.cache import file_key

            key = file_key(info.file)  # taken before executing it: an edit meanwhile is a miss next time
        warned = self._warned
        with warnings.catch_warnings(record=True) as caught:  # Python warnings while it loads: shown,
            module = self._register(info)  # and they keep the plugin out of the cache
        for warning in caught:
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
        if module is None:
            return
        self.plugins.append(info)
        if cacheable and self._warned == warned and not caught:  # a plugin that warned always loads live
            functions = {
                caller.name: impl.function
                for caller in self._pm.get_hookcallers(module) or []
                for impl in caller.get_hookimpls()
                if impl.plugin_name == info.name
            }
            entry = cache.store(info.file, key, info.hooks, info.api, functions, info.name, info.kinds)
            if entry is not None:
                self.validated[info.name] = entry.data

    def _materialize(self, info: PluginInfo) -> None:
        """Execute and register a plugin that was served from the cache, because one of its hooks that
        the cache does not hold is called."""
        del self._deferred[info.name]
        info.hooks = []
        self._register(info)

    def _register(self, info: PluginInfo):
        """Import ``info`` and register it with pluggy: the module, or None when it failed (reported)."""
        import pluggy

        from retrokit import hookspecs
        from retrokit.reporting import collecting

        try:
            with collecting() as said:  # retrokit.warn while the module is imported
                module = info.load()
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            self.report_said(info, "loading", said)
            self._warn(
                f"plugin '{info.name}' ({info.origin}) failed to load: {describe_error(exc, info.origin)}; skipped",
                exc,
            )
            return None
        self.report_said(info, "loading", said)
        info.api = str(getattr(module, "RETROKIT_API", "") or "")
        problem = api_problem(info.api)
        if problem:
            self._warn(f"plugin '{info.name}' ({info.origin}) {problem}; skipped")
            return None
        info.kinds = self._declared_kinds(info, getattr(module, "RETROKIT_KINDS", None))
        try:
            self._pm.register(module, name=info.name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            self._warn(f"plugin '{info.name}' ({info.origin}) is invalid: {exc}; skipped", exc)
            return None
        info.version = info.version or str(getattr(module, "__version__", ""))
        specs = {name for name in dir(hookspecs) if name.startswith("retrokit_")}
        for caller in self._pm.get_hookcallers(module) or []:
            if caller.name in specs:
                info.hooks.append(caller.name)
            else:
                self._warn(
                    f"plugin '{info.name}' ({info.origin}) implements unknown hook '{caller.name}'"
                    f"{did_you_mean(caller.name, specs)}; ignored"
                )
        for attr in dir(module):
            fn = getattr(module, attr, None)
            if attr.startswith("retrokit_") and callable(fn) and not hasattr(fn, "retrokit_impl"):
                self._warn(
                    f"plugin '{info.name}' ({info.origin}) defines {attr}() without @retrokit.hookimpl; ignored"
                )
        info.hooks.sort()
        for problem in getattr(module, "__retrokit_problems__", ()):  # what a prompt pack skipped
            self._warn(problem)
        return module

    def _declared_kinds(self, info: PluginInfo, kinds) -> tuple[str, ...] | None:
        """``RETROKIT_KINDS``: the meeting kinds a plugin's agenda hooks serve (None: every kind)."""
        if kinds is None:
            return None
        if isinstance(kinds, str) or not isinstance(kinds, (list, tuple)) or not all(isinstance(k, str) for k in kinds):
            self._warn(f"plugin '{info.name}' ({info.origin}) declares RETROKIT_KINDS = {kinds!r}: use a list of "
                       "meeting kind names, like [\"retro\"]; its agenda hooks serve every kind")
            return None
        return tuple(kinds)

    def info(self, name: str) -> PluginInfo:
        return next(info for info in self.plugins if info.name == name)

    def impls(self, hook_name: str, kind: str | None = None) -> list[tuple[PluginInfo, Any]]:
        """The plugins that implement ``hook_name`` with their implementation, in load order; with ``kind``,
        only those whose ``RETROKIT_KINDS`` (if declared) holds it: a cached plugin that does not serve the
        kind is not even executed."""
        for info in list(self._deferred.values()):
            if hook_name in info.hooks and hook_name not in self.validated[info.name] and _serves(info, kind):
                self._materialize(info)
        if self._manager is None:  # nothing registered: every plugin came from the cache
            return []
        by_name = {info.name: info for info in self.plugins}
        impls = sorted(
            getattr(self._pm.hook, hook_name).get_hookimpls(),
            key=lambda impl: self.plugins.index(by_name[impl.plugin_name]),
        )
        return [(by_name[impl.plugin_name], impl) for impl in impls if _serves(by_name[impl.plugin_name], kind)]

    def contributions(self, hook_name: str) -> Iterator[tuple[PluginInfo, Any, bool]]:
        """``(info, result, validated)`` for each plugin implementing a data hook, in load order:
        ``validated`` when ``result`` holds the items already validated (the cache's), else it is what
        the hook returned just now (a raising plugin is reported and skipped)."""
        live = {info.name: impl for info, impl in self.impls(hook_name)}
        for info in self.plugins:
            items = self.validated.get(info.name, {}).get(hook_name)
            if items is not None:
                yield info, items, True
            elif info.name in live:
                ok, result = self.call_one(info, live[info.name], hook_name, {})
                if ok:
                    yield info, result, False

    def call_one(self, info: PluginInfo, impl, hook_name: str, kwargs: dict) -> tuple[bool, Any]:
        """Call one plugin's implementation: ``(True, result)``, or ``(False, None)`` when it raised (reported)."""
        from retrokit.reporting import collecting

        with collecting() as said:  # retrokit.warn inside the hook: reported once it returns
            try:
                result = True, impl.function(*[kwargs[arg] for arg in impl.argnames])
            except Exception as exc:
                failed = exc
            else:
                failed = None
        self.report_said(info, hook_name, said)
        if failed is None:
            return result
        origin = getattr(impl.function, "__code__", None)
        origin = origin.co_filename if origin else info.origin
        self._warn(f"plugin '{info.name}' failed in {hook_name}: {describe_error(failed, origin)}; skipped", failed)
        return False, None

    def report_said(self, info: PluginInfo, where: str, said: list[str]) -> None:
        """What a plugin reported with ``retrokit.warn`` while ``where`` (a hook, or "loading") ran."""
        for message in said:
            self._warn(f"plugin '{info.name}' ({where}): {message}")

    def call(self, hook_name: str, for_kind: str | None = None, **kwargs) -> Iterator[tuple[PluginInfo, Any]]:
        """Call one hook on each plugin in load order; a plugin that raises is reported and skipped.
        ``for_kind``: an agenda hook for that meeting kind (``impls``' ``kind``)."""
        for info, impl in self.impls(hook_name, for_kind):
            ok, result = self.call_one(info, impl, hook_name, kwargs)
            if ok:
                yield info, result
