"""Writing files so that a failure never leaves a user's file half-written."""

from __future__ import annotations

import os
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


def write_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    With ``replace=False`` the file is only created: it is linked into place, which fails atomically
    when ``path`` exists (or appears meanwhile), raising FileExistsError and leaving that file alone."""
    if not str(path) or str(path).endswith(os.sep):
        raise RetrokitError(f"cannot write {str(path)!r}: not a file name")
    shown = path
    path = Path(os.path.realpath(path))  # write through a symlink to the file it names
    if path.is_dir():
        raise RetrokitError(f"cannot write {shown}: it is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise RetrokitError(f"cannot write {shown}: {exc.strerror}")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace and path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
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


def _create(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)  # atomic, and fails if the file exists
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExistsError(str(path))
        os.replace(tmp, path)
