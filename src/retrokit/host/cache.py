"""A per-user cache of what the first-party plugin files contribute, already validated.

Validating the built-in library (250+ prompts) and executing its plugin files is most of what a render
costs beyond importing click, jinja2 and pluggy. The first run validates them as always and stores, per
plugin file, its hooks, its ``RETROKIT_API`` and the validated behaviours, prompts and meeting kinds; later
runs read those back (one small file) and execute a plugin file only when one of its other hooks is
called (shared-metrics' rules, say).

Rules that keep it safe:
- an entry is used only while its file's stat data (path, inode, size, mtime_ns, ctime_ns) is unchanged,
  and the whole file only for the same retrokit version, Python version, hook API and model fields
  (every field of every model NamedTuple: the items are pickled whole, so new fields come along);
- a plugin that warned while loading, or whose data did not validate cleanly, is never cached: it loads
  live every time, so its warnings are always shown;
- only the first-party plugin files and prompt packs (host/packs.py, a cache file per folder of packs)
  are cached: they are plain data. A team's or an installed Python plugin may read anything (a CSV, the
  environment) in its hooks, so those always run live;
- a missing, corrupt, foreign or unwritable cache is ignored silently (the render is the same, just
  slower); the file is written atomically (a temporary file renamed into place), so racing processes
  each leave a whole file;
- ``RETROKIT_CACHE_DIR`` sets the folder; set it empty to turn the cache off.
"""

import os
import pickle
import sys
import tempfile
import zlib
from pathlib import Path

from retrokit import __version__
from retrokit.model import Behavior, MeetingKind, OutputFormat, Prompt, Section
from retrokit.records import TupleRecord
from retrokit.tags import ContextTag

#: The hooks whose results are plain data, cached validated: hook -> the model class of one item.
DATA_HOOKS = {
    "retrokit_behaviors": Behavior, "retrokit_prompts": Prompt, "retrokit_meeting_kinds": MeetingKind,
    "retrokit_formats": OutputFormat,  # only while every render is a "module:function" string
    "retrokit_context_tags": ContextTag,
}
_PACKAGE = Path(__file__).resolve().parent.parent
#: retrokit's own files that shape what a plugin's validated data is: a change to one (in a checkout)
#: makes the whole cache stale, as a new retrokit version does.
_SHAPERS = ("model.py", "tags.py", "hookspecs.py", "host/loader.py", "host/cache.py", "host/catalog.py",
            "host/pack_file.py")
FORMAT = 2  # bump when the layout of the cache file changes


class Entry(TupleRecord):
    """What one plugin file contributes: ``data`` maps each data hook it implements to validated items."""

    key: tuple
    hooks: tuple[str, ...]
    api: str
    data: dict
    kinds: tuple[str, ...] | None = None  # RETROKIT_KINDS, when the plugin declares it


def cache_dir() -> Path | None:
    """``RETROKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/retrokit``, else ``~/.cache/retrokit``; None when off."""
    chosen = os.environ.get("RETROKIT_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "retrokit"


def file_key(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (path, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _header() -> tuple:
    schema = tuple((cls.__name__, cls._fields) for cls in (Behavior, Prompt, MeetingKind, OutputFormat, Section, ContextTag))
    shapers = tuple(file_key(str(_PACKAGE / name)) for name in _SHAPERS)
    return (FORMAT, __version__, sys.version, schema, shapers)


class ContributionCache:
    """The entries for one folder of first-party plugin files, read once and written back if changed."""

    def __init__(self, folder: Path, prefix: str = "builtin"):
        root = cache_dir()
        name = f"{prefix}-{zlib.crc32(str(folder).encode()):08x}.pickle"
        self.path = None if root is None else root / name
        self.entries: dict[str, Entry] = self._read()
        self.changed = False

    def _read(self) -> dict:
        stored = read_private(self.path)
        if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == _header()):
            return {}  # missing, corrupt, foreign or from another version: start afresh
        return stored[1] if isinstance(stored[1], dict) else {}

    def lookup(self, path: str) -> Entry | None:
        entry = self.entries.get(path)
        if entry is None or not isinstance(entry, Entry) or entry.key != file_key(path):
            return None
        return entry

    def store(self, path: str, key: tuple | None, hooks, api: str, functions: dict, plugin: str,
              kinds: tuple[str, ...] | None = None) -> Entry | None:
        """Call and validate the data hooks (``functions``: hook -> implementation) as the catalog would:
        the entry, or None when anything was off (the catalog then calls the hook live and reports it)."""
        data = {}
        for hook, function in functions.items():
            cls = DATA_HOOKS.get(hook)
            if cls is None:
                continue
            try:
                result = function()
                if result is None:
                    data[hook] = ()
                    continue
                if not isinstance(result, (list, tuple)) or hasattr(result, "_fields"):
                    return None
                items = tuple(cls.from_data(item, plugin) for item in result)
                if any(callable(value) for item in items for value in item):
                    return None  # code, not data: it has to come from the plugin itself
                data[hook] = items
            except Exception:  # DataError, or the hook raised
                return None
        entry = Entry(key, tuple(hooks), api, data, kinds)
        if key is not None and self.path is not None:
            self.entries[path] = entry
            self.changed = True
        return entry

    def save(self) -> None:
        """Write the entries atomically if they changed; a folder we cannot write is not an error."""
        if not self.changed or self.path is None:
            return
        self.changed = False
        write_private(self.path, (_header(), self.entries))


def read_private(path: Path | None):
    """The object pickled in ``path`` (a cache file), or None: missing, truncated, corrupt, or not our
    own file (another user's, or one others may write: unpickling it would run their code)."""
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            if hasattr(os, "getuid"):
                st = os.fstat(handle.fileno())
                if st.st_uid != os.getuid() or st.st_mode & 0o022:
                    return None
            return pickle.loads(handle.read())
    except Exception:
        return None


def write_private(path: Path, value) -> None:
    """Pickle ``value`` into the cache file ``path`` atomically (a temporary file renamed into place, so
    racing processes each leave a whole file); a folder we cannot write is not an error."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except Exception:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except Exception:
        try:
            os.unlink(tmp)
        except OSError:
            pass
