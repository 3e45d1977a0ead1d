"""``retrokit plugin new NAME``: write an installable plugin project, ready to pip-install and test;
``--pack``: write a starter prompt pack instead (``pack.toml.tmpl``, one file, see host/packs.py).

The project's files are string.Template files in ``scaffold_template/`` (inside the package, so they
ship in the wheel). A file's path there maps to its path in the project: ``.tmpl`` is dropped,
``__package__`` becomes the import package, ``__kind__`` the meeting kind's name, and a leading
``dot-`` a ``.`` (a real .gitignore inside our package would change what our own build includes).

Writing is all or nothing: every file goes into a temporary folder beside the target, which is then
renamed into place. With ``force`` an existing project folder is kept; only the files the scaffold
writes are replaced, each one atomically, and nothing is deleted.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import string
import tempfile
from dataclasses import dataclass
from pathlib import Path

from retrokit.errors import RetrokitError, RetrokitUsageError

TEMPLATE_DIR = Path(__file__).resolve().parent / "scaffold_template"
PACK_TEMPLATE = Path(__file__).resolve().parent / "pack.toml.tmpl"

#: A plugin name: lowercase words of letters and digits joined by single hyphens, starting with a letter.
NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
MAX_NAME = 40


@dataclass(frozen=True)
class Names:
    name: str  # the entry-point name, the prompt id prefix, the behaviour's name
    dist: str  # the distribution name: retrokit-NAME
    package: str  # the import package: retrokit_NAME
    title: str  # "Team pulse"
    kind: str  # the meeting kind: NAME-health-check
    kind_title: str
    format: str  # the output format: NAME-slack

    def substitutions(self) -> dict[str, str]:
        from retrokit import __version__
        from retrokit import hookspecs

        return {
            "name": self.name, "dist": self.dist, "package": self.package, "title": self.title,
            "kind": self.kind, "kind_title": self.kind_title, "format": self.format,
            "api": hookspecs.HOOK_API, "retrokit_version": __version__,
        }


def reserved_names() -> set[str]:
    """Names a new plugin cannot take: the built-in plugins' (an installed one of the same name is skipped)."""
    from retrokit.host.paths import builtin_dir
    from retrokit.host.loader import PACKAGE_PLUGINS, normalize

    names = {normalize(path.stem) for path in builtin_dir("plugins").glob("*.py") if not path.name.startswith("_")}
    return names | set(PACKAGE_PLUGINS) | {"retrokit"}


def names_for(name: str) -> Names:
    """The project's names for plugin NAME, or a usage error saying what is wrong with NAME."""
    shown = repr(name)
    if not NAME.match(name):
        raise RetrokitUsageError(
            f"invalid plugin name {shown}: use lowercase letters, digits and single hyphens, starting with a "
            "letter (like team-pulse)"
        )
    if len(name) > MAX_NAME:
        raise RetrokitUsageError(f"invalid plugin name {shown}: longer than {MAX_NAME} characters")
    short = name.removeprefix("retrokit-")
    if name in reserved_names():
        raise RetrokitUsageError(f"invalid plugin name {shown}: a built-in plugin has that name; choose another")
    title = short.replace("-", " ").capitalize()
    return Names(
        name=name,
        dist=name if name.startswith("retrokit-") else f"retrokit-{name}",
        package="retrokit_" + short.replace("-", "_"),
        title=title,
        kind=f"{name}-health-check",
        kind_title=f"{title} health check",
        format=f"{name}-slack",
    )


def project_files(names: Names) -> dict[str, str]:
    """{relative path: text} of every file the project holds."""
    values = names.substitutions()
    files = {}
    for source in sorted(TEMPLATE_DIR.rglob("*.tmpl")):
        if "__pycache__" in source.parts:
            continue
        relative = source.relative_to(TEMPLATE_DIR).as_posix().removesuffix(".tmpl")
        relative = relative.replace("__package__", names.package).replace("__kind__", names.kind)
        relative = "/".join("." + part[4:] if part.startswith("dot-") else part for part in relative.split("/"))
        files[relative] = string.Template(source.read_text(encoding="utf-8")).substitute(values)
    return files


def write_project(names: Names, parent: Path, *, force: bool = False) -> tuple[Path, list[str]]:
    """Write the project into ``parent/NAME``: (its folder, the relative paths written). A missing
    ``parent`` is made (with its parents), and removed again if writing fails."""
    files = project_files(names)
    made = _make_parent(parent)
    try:
        return _write_into(names, files, parent, force)
    except BaseException:
        for folder in made:  # only the folders made here, and only while they are still empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _make_parent(parent: Path) -> list[Path]:
    """Make ``parent`` and any missing folders above it: the folders made, deepest first."""
    missing = [folder for folder in (parent, *parent.parents) if not folder.exists()]
    for folder in reversed(missing):
        if folder.is_symlink() or (folder.parent.exists() and not folder.parent.is_dir()):
            raise RetrokitError(f"cannot make the folder {parent}: {folder.parent} is not a folder")
        try:
            folder.mkdir()
        except OSError as exc:
            raise RetrokitError(f"cannot make the folder {parent}: {exc.strerror or exc}")
    if not parent.is_dir():
        raise RetrokitError(f"{parent} is not a folder")
    return missing


def _write_into(names: Names, files: dict[str, str], parent: Path, force: bool) -> tuple[Path, list[str]]:
    target = parent / names.name
    existing = target.exists() or target.is_symlink()
    if existing and not target.is_dir():
        raise RetrokitError(f"{target} exists and is not a folder")
    non_empty = existing and any(target.iterdir())
    if non_empty and not force:
        raise RetrokitError(f"{target} already exists and is not empty; use --force to overwrite the files the scaffold writes")
    if non_empty:
        for relative in files:  # everything that could stop the copy, checked before any change
            path = target / relative
            for folder in [*reversed(path.relative_to(target).parents)][1:]:
                if (target / folder).exists() and not (target / folder).is_dir():
                    raise RetrokitError(f"{target / folder} is not a folder; the scaffold needs a folder there")
            if path.is_dir():
                raise RetrokitError(f"{path} is a folder; the scaffold writes a file there")

    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{names.name}.", suffix=".new", dir=parent))
    except OSError as exc:
        raise RetrokitError(f"cannot write in {parent}: {exc.strerror}")
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        for path in [staging, *staging.rglob("*")]:  # mkdtemp makes a private folder; use the usual modes
            os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~umask)
        if not non_empty:
            os.replace(staging, target)  # a new name, or over an empty folder: one atomic step
        else:
            for relative in files:
                path = target / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / relative, path)
    except OSError as exc:
        raise RetrokitError(f"cannot write {target}: {exc.strerror or exc}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # our own temporary folder only; gone after a rename
    return target, list(files)


def pack_text(names: Names) -> str:
    return string.Template(PACK_TEMPLATE.read_text(encoding="utf-8")).substitute(names.substitutions())


def write_pack(names: Names, folder: Path, *, force: bool = False) -> Path:
    """Write the starter pack ``folder/NAME.toml`` (``folder`` is made if missing), atomically; an
    existing file is replaced only with ``force``."""
    from retrokit.files import write_atomic

    path = folder / f"{names.name}.toml"
    _make_parent(folder)
    try:
        write_atomic(path, pack_text(names).encode("utf-8"), replace=force)
    except FileExistsError:
        raise RetrokitError(f"{path} already exists; use --force to overwrite it")
    return path
