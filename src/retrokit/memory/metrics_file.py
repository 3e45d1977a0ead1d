"""The team's metrics file (.toml or .csv) read into ``retrokit.metrics.Metric``s: ``load(path)``.

The format and the contract are in ``retrokit.metrics``' docstring and docs/metrics.md."""

from __future__ import annotations

import re
from pathlib import Path

from retrokit.errors import RetrokitError, shown
from retrokit.metrics import BETTER, FIELDS, LIMITS, REQUIRED, SCHEMA, Metric, Number


def load(path: Path) -> list[Metric]:
    """The metrics in ``path`` (.toml or .csv), in file order; one-line errors naming file and line."""
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in (".toml", ".csv"):
        raise RetrokitError(f"{path}: a metrics file must end in .toml or .csv")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RetrokitError(f"cannot read {path}: {exc.strerror}")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise RetrokitError(f"{path}:{line}: not UTF-8 text (byte {exc.start})")
    records = _toml_records(path, text) if kind == ".toml" else _csv_records(path, text)
    metrics: list[Metric] = []
    first_line: dict[str, int] = {}
    slugs: set[str] = set()
    for line, record in records:
        metric = _metric(record, f"{path}:{line}", text_cells=kind == ".csv")
        if metric.name in first_line:
            raise RetrokitError(
                f"{path}:{line}: metric '{one_line(metric.name)}' is listed twice (first at line {first_line[metric.name]})"
            )
        first_line[metric.name] = line
        slug = _slug(metric.name)
        if slug in slugs:
            slug = f"{slug}-{_digest(metric.name)}"
        slugs.add(slug)
        metrics.append(metric._replace(slug=slug))
    return metrics


def _toml_records(path: Path, text: str) -> list[tuple[int, dict]]:
    from retrokit.errors import did_you_mean
    from retrokit.files import load_toml
    from retrokit.memory.store import line_of

    data = load_toml(path, text)
    if "schema" in data and (isinstance(data["schema"], bool) or data["schema"] != SCHEMA):
        raise RetrokitError(
            f"{path}:{line_of(text, 'schema')}: schema = {shown(data['schema'])}, but this retrokit reads schema {SCHEMA}"
        )
    for key in data:
        if key not in ("schema", "metric"):
            raise RetrokitError(
                f"{path}:{_key_line(text, key, 0)}: unknown entry '{key}'{did_you_mean(key, ['metric'])}; "
                "write each metric as a [[metric]] table"
            )
    records = data.get("metric", [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise RetrokitError(f"{path}:{line_of(text, 'metric')}: 'metric' must be [[metric]] tables")
    starts = [m.start() for m in re.finditer(r"^[ \t]*\[\[[ \t]*metric[ \t]*\]\]", text, re.MULTILINE)]
    found = []
    for index, record in enumerate(records):
        start = starts[index] if index < len(starts) else 0
        line = text.count("\n", 0, start) + 1 if index < len(starts) else line_of(text, "metric")
        for key in record:
            if key not in FIELDS:
                raise RetrokitError(
                    f"{path}:{_key_line(text, key, start)}: unknown key '{key}'{did_you_mean(key, FIELDS)} "
                    f"(known: {', '.join(FIELDS)})"
                )
        # Problems with one value point at that value's line.
        found.append((line, {key: (value, _key_line(text, key, start)) for key, value in record.items()}))
    return found


def _key_line(text: str, key: str, start: int) -> int:
    """The line of ``key = `` at or after offset ``start`` (the line of ``start`` when not found)."""
    name = rf"""(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')"""
    found = re.compile(rf"(?:^[ \t]*|[{{,][ \t]*){name}[ \t]*=", re.MULTILINE).search(text, start)
    return text.count("\n", 0, found.start() if found else start) + 1


def _csv_records(path: Path, text: str) -> list[tuple[int, dict]]:
    import csv
    import io

    from retrokit.errors import did_you_mean

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    found = []
    ended = 0  # the physical line the previous row ended on
    try:
        for row in reader:
            line, ended = ended + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue  # blank lines
            if header is None:
                header = [cell.strip().lower() for cell in row]
                for column in header:
                    if column not in FIELDS:
                        raise RetrokitError(
                            f"{path}:{line}: unknown column '{column}'{did_you_mean(column, FIELDS)} "
                            f"(known: {', '.join(FIELDS)})"
                        )
                    if header.count(column) > 1:
                        raise RetrokitError(f"{path}:{line}: column '{column}' appears twice")
                missing = [column for column in REQUIRED if column not in header]
                if missing:
                    raise RetrokitError(
                        f"{path}:{line}: the header has no '{missing[0]}' column (needed: {', '.join(REQUIRED)})"
                    )
                continue
            if len(row) != len(header):
                raise RetrokitError(
                    f"{path}:{line}: this row has {len(row)} cell{'s' if len(row) != 1 else ''}, "
                    f"the header has {len(header)}"
                )
            cells = {column: cell.strip(" \t") for column, cell in zip(header, row)}
            found.append((line, {column: (cell, line) for column, cell in cells.items() if cell != ""}))
    except csv.Error as exc:
        raise RetrokitError(f"{path}:{reader.line_num}: invalid CSV: {exc}")
    return found


_NUMBER = r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z"


def _metric(record: dict, where: str, *, text_cells: bool) -> Metric:
    """A Metric from ``{key: (value, line)}``; TOML gives typed values, CSV (``text_cells``) gives text."""
    path = where.rsplit(":", 1)[0]
    name_value = record.get("name", (None, None))[0]
    label = f"metric '{one_line(name_value)}'" if isinstance(name_value, str) and name_value.strip() else "metric"

    def fail(key: str, problem: str):
        line = record[key][1] if key in record else where.rsplit(":", 1)[1]
        raise RetrokitError(f"{path}:{line}: {label}: {problem}")

    for key in REQUIRED:
        if key not in record:
            fail(key, f"'{key}' is missing (needed: {', '.join(REQUIRED)})")
    values = {}
    for key in ("name", "owner", "unit"):
        if key in record:
            value = record[key][0]
            if not isinstance(value, str):
                fail(key, f"{key} must be text")
            if not value.strip():
                fail(key, f"{key} is empty")
            if len(value) > LIMITS[key]:
                fail(key, f"{key} is longer than {LIMITS[key]} characters")
            values[key] = value
    for key in ("value", "previous", "target"):
        if key in record:
            values[key] = _number(record[key][0], lambda problem, key=key: fail(key, problem), key, text_cells)
    better = record["better"][0]
    if not isinstance(better, str) or better.strip().lower() not in BETTER:
        fail("better", f"better must be \"higher\" or \"lower\", not {_shown(better)}")
    values["better"] = better.strip().lower()
    return Metric(**values, where=where)


def _number(value, fail, key: str, text_cells: bool) -> Number:
    import math

    if text_cells:
        text = value.strip()
        if re.match(_NUMBER, text):
            value = int(text) if re.fullmatch(r"[+-]?[0-9]+", text) else float(text)
        elif text.endswith("%") and re.match(_NUMBER, text[:-1].strip()):
            fail(f"{key} {_shown(value)}: write the number without '%' and put % in the unit column")
        elif re.fullmatch(r"[+-]?[0-9]+,[0-9]+", text):
            fail(f"{key} {_shown(value)} is not a number (write decimals with a dot: {text.replace(',', '.')})")
        else:
            fail(f"{key} {_shown(value)} is not a number")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(f"{key} must be a number, not {_shown(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        fail(f"{key} must be a finite number, not {value}")
    return value


def _shown(value) -> str:
    """A value quoted on one line, for messages."""
    import json

    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else shown(value)


def one_line(text: str) -> str:
    return re.sub(r"[\r\n]+", " ", text)


def _slug(name: str) -> str:
    """Lowercase ASCII letters, digits and hyphens from ``name`` (accents dropped; at most 40 characters);
    a name with no such letters (CJK, emoji) gets 'm' and a digest of the name."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-")
    return slug or f"m{_digest(name)}"


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]

