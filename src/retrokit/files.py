"""Writing files so that a failure never leaves a user's file half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import RetrokitError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over ``path``."""
    if not str(path) or str(path).endswith(os.sep):
        raise RetrokitError(f"cannot write {str(path)!r}: not a file name")
    shown = path
    path = Path(os.path.realpath(path))  # write through a symlink to the file it names
    if path.is_dir():
        raise RetrokitError(f"cannot write {shown}: it is a folder")
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise RetrokitError(f"cannot write {shown}: {exc.strerror}")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise RetrokitError(f"cannot write {shown}: {exc.strerror}")
