"""Where the first-party plugins and default templates are, installed or in a checkout."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # src/retrokit (this file is host/paths.py)


def builtin_dir(name: str) -> Path:
    """``plugins`` or ``templates``: inside the wheel (``retrokit/_builtin``) or at the checkout's top."""
    installed = _PACKAGE / "_builtin" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name
