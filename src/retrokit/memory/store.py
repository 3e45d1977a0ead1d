"""The team's memory files (action items, agenda history): TOML beside retrokit.toml, read and changed
so that nothing a user wrote is ever lost or half-written.

- Every change happens under an exclusive lock (``<file>.lock``, flock), re-reads the file inside the
  lock, and writes it atomically (temp file, fsync, rename): twenty writers in parallel keep twenty
  changes, and a writer killed midway leaves the old file whole.
- A file that does not parse, or is not a layout this retrokit understands, is an error naming the file
  and line, and the file is left untouched.
- The layout is stable and diff-friendly: ``schema = N`` first, then one ``[[table]]`` per record with its
  keys in a fixed order. Valid hand edits survive a rewrite (comments do not: TOML writers drop them).
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from retrokit.errors import RetrokitError, shown
from retrokit.files import load_toml


def record_reader(record: dict, where: str, noun: str, fields, *, article: str = "a", date_example: str,
                  tail: str = ""):
    """Check a stored record's keys against ``fields`` and return ``need(key, kind, optional=False)``, which
    gives a key's value or raises one line naming ``where`` and the ``noun`` (``tail`` ends each message)."""
    import datetime

    unknown = sorted(set(record) - set(fields))
    if unknown:
        raise RetrokitError(
            f"{where}: unknown key '{unknown[0]}' in {article} {noun} (known: {', '.join(fields)}){tail}"
        )

    def need(key, kind, optional=False):
        value = record.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, kind) or isinstance(value, bool) or isinstance(value, datetime.datetime):
            names = {int: "a whole number", str: "text", datetime.date: f"a date like {date_example}"}
            raise RetrokitError(f"{where}: {noun} '{key}' must be {names[kind]}{tail}")
        return value

    return need


#: Ids a memory file may hold: JSON readers lose precision past 2**53, and no team needs more than this.
MAX_ID = 999_999_999


def check_lifecycle(where: str, noun: str, *, id: int, text: str, status: str, opened, opened_key: str,
                    closed, tail: str = "") -> None:
    """The rules every item with an id, a text and an open/closed life keeps (action items, topics): a
    positive id in range, a text that is not blank, a ``closed`` date exactly when it is not open, and
    never before it was ``opened``. One line naming ``where`` otherwise."""
    problem = None
    if not 1 <= id <= MAX_ID:
        problem = f"{noun} 'id' must be a whole number from 1 to {MAX_ID}, not {id}"
    elif not text.strip():
        problem = f"{noun} 'text' is empty"
    elif status == "open" and closed is not None:
        problem = f"an open {noun} has 'closed' = {closed.isoformat()} (remove it, or set the status)"
    elif status != "open" and closed is None:
        problem = f"a {status} {noun} needs 'closed', the date it was closed"
    elif closed is not None and closed < opened:
        problem = f"{noun} 'closed' = {closed.isoformat()} is before '{opened_key}' = {opened.isoformat()}"
    if problem:
        raise RetrokitError(f"{where}: {problem}{tail}")


def line_of(text: str, needle: str) -> int:
    """The line of the first occurrence of ``needle`` in ``text`` (1 when absent)."""
    found = text.find(needle)
    return text.count("\n", 0, found) + 1 if found >= 0 else 1


def table_lines(text: str, table: str) -> list[int]:
    """The line of each ``[[table]]`` header in ``text``, in order: where each record of that array of
    tables starts (tomllib gives no line numbers, so errors about one record find its header). One scan."""
    header = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(table)}[ \t]*\]\]", re.MULTILINE)
    lines, line, position = [], 1, 0
    for found in header.finditer(text):
        line += text.count("\n", position, found.start())
        position = found.start()
        lines.append(line)
    return lines


class TomlStore:
    """One memory file: ``schema = version`` and ``[[table]]`` records (lists of dicts)."""

    def __init__(self, path: Path, table: str, version: int):
        self.path = Path(path)
        self.table = table
        self.version = version

    def _parse(self, raw: bytes) -> list[dict]:
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise RetrokitError(f"{self.path}: not UTF-8 text (byte {exc.start}); the file was left as it is")
        try:
            data = load_toml(self.path, text)
        except RetrokitError as error:
            raise RetrokitError(f"{error.message}; the file was left as it is") from None
        schema = data.get("schema")
        if schema != self.version or isinstance(schema, bool):
            found = "no 'schema = N' line" if schema is None else f"schema = {shown(schema)}"
            raise RetrokitError(
                f"{self.path}:{line_of(text, 'schema')}: {found}, but this retrokit reads "
                f"schema {self.version}; the file was left as it is"
            )
        unknown = sorted(set(data) - {"schema", self.table})
        if unknown:
            raise RetrokitError(
                f"{self.path}:{line_of(text, unknown[0])}: unknown entry '{unknown[0]}' (expected [[{self.table}]] "
                "tables); the file was left as it is"
            )
        records = data.get(self.table, [])
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise RetrokitError(
                f"{self.path}:{line_of(text, self.table)}: '{self.table}' must be [[{self.table}]] tables; "
                "the file was left as it is"
            )
        self._text = text
        self._record_lines = None
        return records

    def read(self) -> list[dict]:
        """The records; [] when the file does not exist yet."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise RetrokitError(f"cannot read {self.path}: {exc.strerror}")
        return self._parse(raw)

    def parse_records(self, records: list[dict], parse, noun: str, tail: str = "") -> list:
        """Each record as ``parse(record, where)`` makes it (``where`` is ``path:line``), checking that no
        two share an ``id``: two ``noun``s with one id is one line naming the second (``tail`` ends it)."""
        parsed = [parse(record, f"{self.path}:{self.line_of_record(i)}") for i, record in enumerate(records)]
        seen: set[int] = set()
        for i, entry in enumerate(parsed):
            if entry.id in seen:
                raise RetrokitError(f"{self.path}:{self.line_of_record(i)}: two {noun}s have id {entry.id}{tail}")
            seen.add(entry.id)
        return parsed

    def line_of_record(self, index: int) -> int:
        """The line where record ``index`` (0-based) starts, for error messages after ``read``."""
        if self._record_lines is None:  # one scan for all records: reading stays linear in the file
            self._record_lines = table_lines(self._text, self.table)
        return self._record_lines[index] if index < len(self._record_lines) else 1

    def dumps(self, records: list[dict]) -> str:
        """The file's text: ``schema`` first, then one ``[[table]]`` per record, always (tomli-w alone
        would switch to an inline array when the records are short)."""
        import tomli_w

        parts = [tomli_w.dumps({"schema": self.version})]
        parts += [f"\n[[{self.table}]]\n" + tomli_w.dumps(record) for record in records]
        return "".join(parts)

    def _remove_stale_temporaries(self) -> None:
        """Temp files a killed writer left (``.<name>.*.tmp``); safe to remove while we hold the lock."""
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            try:
                stale.unlink()
            except OSError:
                pass

    @contextmanager
    def update(self) -> Iterator[list[dict]]:
        """Lock, read, let the caller change the records in place, then write them atomically."""
        import fcntl

        from retrokit.files import write_atomic

        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            lock = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise RetrokitError(f"cannot lock {self.path}: {exc.strerror}")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._remove_stale_temporaries()
            records = self.read()
            before = self.dumps(records) if self.path.exists() else None
            yield records
            after = self.dumps(records)
            if after != before and (before is not None or records):
                write_atomic(self.path, after.encode("utf-8"))
        finally:
            os.close(lock)  # closing releases the lock
