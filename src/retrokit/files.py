"""Reading and writing the files users give us: one clear line for any that does not read, and a write
that never leaves a file half-written."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from retrokit.errors import RetrokitError


def read_document(source: str, name: str) -> str:
    """A UTF-8 Markdown document from a file, or stdin for ``-``; ``name`` is how errors call it.
    A leading BOM is dropped; invalid UTF-8 is an error naming line and column."""
    import sys

    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        raise RetrokitError(f"cannot read {name}: {exc.strerror}")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RetrokitError(f"{name}:{line}:{column}: not valid UTF-8 (byte {exc.start})")


def load_toml(path: Path, text: str) -> dict:
    """The TOML data of ``text`` (the file at ``path``); one line for a file that does not parse:
    ``path:LINE:COL: invalid TOML: reason``, or that it nests too deeply for any real file."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, exc) from None
    except RecursionError:
        raise RetrokitError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None


def _toml_error(path: Path, exc) -> RetrokitError:
    """One line for a TOMLDecodeError: ``path:LINE:COL: invalid TOML: reason``."""
    message = str(exc)
    import re

    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    where = f"{found.group(1)}:{found.group(2)}" if found else "1"
    reason = re.sub(r" \(at .*\)$", "", message)
    return RetrokitError(f"{path}:{where}: invalid TOML: {reason}")


def write_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    With ``replace=False`` the file is only created: it is linked into place, which fails atomically
    when ``path`` exists (or appears meanwhile), raising FileExistsError and leaving that file alone.

    What a rename would silently change is refused or kept instead: a device, FIFO or socket is written
    to as it is (``-o /dev/stdout``, a named pipe; a full device is an error), a read-only file is an
    error, and a file of another owner or group keeps them (or is an error when they cannot be kept)."""
    if not str(path) or str(path).endswith(os.sep) or Path(path).name in ("", ".", ".."):
        raise RetrokitError(f"cannot write '{path}': not a file name")
    if "\x00" in str(path):
        raise RetrokitError(f"cannot write {path}: a file name cannot hold a NUL byte")
    folder = os.path.dirname(str(path)) or "."
    if not os.path.isdir(folder):  # checked as written: realpath would make 'file/x/..' into 'file'
        what = f"{folder} is not a folder" if os.path.lexists(folder) else f"the folder {folder} does not exist"
        raise RetrokitError(f"cannot write {path}: {what}")
    shown = path
    path = Path(os.path.realpath(path))  # write through a symlink to the file it names
    try:
        existing = path.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise RetrokitError(f"cannot write {shown}: {exc.strerror}")
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise RetrokitError(f"cannot write {shown}: it is a folder")
    if not replace:
        existing = None  # only created: an existing file of any kind is FileExistsError below
    elif existing is not None and not stat.S_ISREG(existing.st_mode):
        return _write_through(path, data, shown)
    elif existing is not None and not existing.st_mode & 0o222:
        raise RetrokitError(f"cannot write {shown}: it is read-only (make it writable to let retrokit replace it)")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise RetrokitError(f"cannot write {shown}: {exc.strerror}")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            _keep_owner(tmp, existing, shown)
            os.chmod(tmp, existing.st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        if replace:
            os.replace(tmp, path)
        else:
            _create(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        raise RetrokitError(f"cannot write {shown}: {exc.strerror}")
    finally:
        try:
            os.unlink(tmp)  # gone after a rename; after a link, the second name
        except OSError:
            pass


class OutputFolder:
    """Generated files written atomically into one folder (``render --team ... --output-dir DIR``).

    The folder is resolved and listed once, so a file costs a create, a write and a rename (and an
    lstat when it is there already). A name that is anything but a file of ours that we may write (a
    symlink, a folder, a device, a read-only file, another owner's), or whose temporary file cannot be
    made, goes to ``write_atomic``, which writes it, or refuses it, as ``retrokit render -o`` would.

    Not fsynced, unlike ``write_atomic``: these files are the command's output, which the same command
    makes again byte for byte, never what a user wrote. The rename still makes each one appear whole:
    a reader, a crash or a kill sees the old file or the new one, never part of one."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._real = os.path.realpath(folder)
        try:
            with os.scandir(self._real) as entries:
                self._entries = {entry.name: entry for entry in entries}
        except OSError as exc:
            raise RetrokitError(f"cannot write in {folder}: {exc.strerror}")
        umask = os.umask(0)
        os.umask(umask)
        self._mode = 0o666 & ~umask  # what a new file gets, as write_atomic gives it
        self._owner = (os.geteuid(), os.getegid())
        self._suffix = f".{os.getpid()}.tmp"

    def write(self, name: str, data: bytes) -> None:
        """Write ``data`` to ``folder/name`` through a temporary file beside it and a rename."""
        existing = self._ours(name)
        if existing is False:
            return write_atomic(self.folder / name, data)
        tmp = os.path.join(self._real, f".{name}{self._suffix}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except OSError:  # left over, or the folder is gone: write_atomic says what is wrong
            return write_atomic(self.folder / name, data)
        try:
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
            if existing is not None and existing.st_mode & 0o7777 != self._mode:
                os.chmod(tmp, existing.st_mode & 0o7777)
            os.replace(tmp, os.path.join(self._real, name))
        except OSError as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise RetrokitError(f"cannot write {self.folder / name}: {exc.strerror}")

    def _ours(self, name: str):
        """``None`` for a name not in the folder, the stat of a writable regular file of ours, else False."""
        if os.sep in name or name in ("", ".", ".."):
            return False
        entry = self._entries.pop(name, None)
        if entry is None:
            return None
        try:
            existing = entry.stat(follow_symlinks=False)
        except OSError:
            return False
        mine = (existing.st_uid, existing.st_gid) == self._owner
        return existing if stat.S_ISREG(existing.st_mode) and existing.st_mode & 0o222 and mine else False


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _write_through(path: Path, data: bytes, shown) -> None:
    """Write to a device, FIFO or socket in place: renaming over it would replace the node."""
    try:
        with open(path, "wb", buffering=0) as handle:
            view = memoryview(data)
            while view:
                view = view[handle.write(view):]
    except OSError as exc:
        raise RetrokitError(f"cannot write {shown}: {exc.strerror}")


def _keep_owner(tmp: str, existing: os.stat_result, shown) -> None:
    """Give the new file the old one's owner and group; one clear error when we may not."""
    if (existing.st_uid, existing.st_gid) == (os.geteuid(), os.getegid()):
        return
    try:
        os.chown(tmp, existing.st_uid, existing.st_gid)
    except OSError:
        raise RetrokitError(
            f"cannot write {shown}: it belongs to another user or group (uid {existing.st_uid}, "
            f"gid {existing.st_gid}), and replacing it would make it yours; write elsewhere or ask its owner"
        ) from None


def _create(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)  # atomic, and fails if the file exists
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExistsError(str(path))
        os.replace(tmp, path)
