"""Ledger and history commands stay linear: a team folder with 10x the records costs about 10x the time.

    python benchmarks/memory.py [--small 2000] [--large 20000] [--runs 3]

Builds two team folders, one with --small action items and meetings in actions.toml and history.toml,
one with --large, and times (whole processes of the installed `retrokit`, runs alternating) the commands
that read and write those files: `actions list`, `actions done`, `render retro` (which recalls open items
and recent meetings) and `render retro --record`. Prints the medians and the large/small ratio of each
command's cost above a bare `retrokit --version` (so start-up, the same in both, does not hide the
growth). Linear is a ratio near large/small (10 with the defaults); the issue-15 reader was quadratic
(2,000 items ~4 s, 20,000 ~6 minutes).
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "actions list": ["actions", "list"],
    "actions done": ["actions", "done", "1"],
    "render retro": ["render", "retro", "--seed", "bench"],
    "render --record": ["render", "retro", "--seed", "bench", "--record"],
}


def team_folder(root: Path, count: int) -> Path:
    """A team folder with ``count`` action items (every third still open) and ``count`` past retros."""
    folder = root / f"team-{count}"
    folder.mkdir()
    (folder / "retrokit.toml").write_text('[team]\nname = "Bench"\n', encoding="utf-8")
    start = datetime.date(2020, 1, 1)
    items = ["schema = 1\n"]
    for i in range(1, count + 1):
        created = start + datetime.timedelta(days=i % 2000)
        closed = "" if i % 3 == 0 else f"closed = {created + datetime.timedelta(days=7)}\n"
        status = "open" if i % 3 == 0 else "done"
        items.append(
            f'\n[[item]]\nid = {i}\ntext = "Follow up on thing number {i}"\nowner = "Ana"\n'
            f'status = "{status}"\ncreated = {created}\n{closed}meeting = "retro {created}"\n'
        )
    (folder / "actions.toml").write_text("".join(items), encoding="utf-8")
    meetings = ["schema = 1\n"]
    for i in range(count):
        day = start + datetime.timedelta(days=i)
        meetings.append(
            f'\n[[meeting]]\nkind = "retro"\nseries = "retro"\ndate = {day}\nseed = "s{i}"\nminutes = 60\n'
            f'with = ""\nprompts = ["listening.one-word-round"]\ntopics = []\n'
        )
    (folder / "history.toml").write_text("".join(meetings), encoding="utf-8")
    return folder


def timed(arguments: list[str], cwd: Path) -> float:
    retrokit = shutil.which("retrokit", path=str(Path(sys.executable).parent)) or "retrokit"
    started = time.perf_counter()
    subprocess.run([retrokit, *arguments], cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env={**os.environ, "RETROKIT_TODAY": "2026-12-02"})
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = {size: team_folder(root, size) for size in (args.small, args.large)}
        originals = {size: {name: (folder / name).read_bytes() for name in ("actions.toml", "history.toml")}
                     for size, folder in folders.items()}
        base = statistics.median(timed(["--version"], root) for _ in range(args.runs))
        print(f"bare start-up: {base * 1000:.0f} ms; records: {args.small} vs {args.large}")
        for label, arguments in COMMANDS.items():
            times: dict[int, list[float]] = {size: [] for size in folders}
            for _ in range(args.runs):
                for size, folder in folders.items():  # alternate, so noise hits both alike
                    for name, data in originals[size].items():  # writes (done, --record) start afresh
                        (folder / name).write_bytes(data)
                    times[size].append(timed(arguments, folder))
            small, large = (statistics.median(times[size]) for size in (args.small, args.large))
            ratio = (large - base) / max(small - base, 1e-3)
            print(f"{label:16} {small * 1000:8.0f} ms {large * 1000:9.0f} ms   ratio above start-up {ratio:5.1f}"
                  f"  (linear: {args.large / args.small:.0f})")


if __name__ == "__main__":
    main()
