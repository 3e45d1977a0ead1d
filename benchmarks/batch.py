"""Many agendas in one process, as a ratio to one cold `retrokit render retro`.

    python benchmarks/batch.py [--agendas 1000] [--runs 3] [--cold-runs 10]

Measures, with the interpreter this script runs under, each as a whole process from start to exit:
- cold:   `retrokit render retro --seed bench` (median of --cold-runs, one before each batch run);
- api:    a Python process that opens one `retrokit.open_session()` and renders --agendas retros
          (seeds b0, b1, ...), in Markdown and in Notion format;
- batch:  `retrokit render retro --team T1 ... --team TN --output-dir DIR` over --agendas team folders
          (each a retrokit.toml with its own name), in Markdown and in Notion format.
Runs alternate (so machine noise hits all alike); it prints the medians and their ratios to cold.
Targets (issue 10): 1,000 agendas <= 10x cold in Markdown, <= 25x in Notion format.
Run it from a venv with a wheel install, or an editable one with bytecode writing on.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"markdown": 10, "notion": 25}

API_SCRIPT = """
import sys, retrokit
session = retrokit.open_session()
for i in range(int(sys.argv[2])):
    session.render("retro", seed=f"b{i}", format=sys.argv[1])
"""


def timed(command: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    return time.perf_counter() - start


def make_teams(root: Path, count: int) -> list[str]:
    names = []
    for number in range(count):
        name = f"team-{number:04d}"
        (root / name).mkdir()
        (root / name / "retrokit.toml").write_text(f'[team]\nname = "Team {number}"\n', encoding="utf-8")
        names.append(name)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agendas", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=10)
    args = parser.parse_args()
    retrokit = str(Path(sys.executable).parent / "retrokit")
    cold = [retrokit, "render", "retro", "--seed", "bench"]
    with tempfile.TemporaryDirectory() as cwd:  # no team folder above it
        teams = make_teams(Path(cwd), args.agendas)
        team_args = [arg for name in teams for arg in ("--team", name)]
        commands = {"cold": cold}
        for fmt in TARGETS:
            commands[f"api {fmt}"] = [sys.executable, "-c", API_SCRIPT, fmt, str(args.agendas)]
            commands[f"batch {fmt}"] = [
                retrokit, "render", "retro", "--seed", "bench", "-f", fmt, *team_args, "--output-dir", f"out-{fmt}",
            ]
        for command in commands.values():  # warm caches (bytecode, jinja2) outside the measurement
            timed(command, cwd)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(max(args.runs, args.cold_runs)):
            for name, command in commands.items():
                if name == "cold" and run < args.cold_runs or name != "cold" and run < args.runs:
                    times[name].append(timed(command, cwd))
    base = statistics.median(times["cold"])
    print(f"cold   retrokit render retro            median {base * 1000:9.1f} ms   (runs={args.cold_runs})")
    for name, values in times.items():
        if name == "cold":
            continue
        median = statistics.median(values)
        target = TARGETS[name.split()[1]]
        print(
            f"{name:<15} {args.agendas} agendas, one process  median {median * 1000:9.1f} ms   "
            f"ratio {median / base:6.2f}   (target <= {target}, runs={args.runs})"
        )
    print(f"python={sys.version.split()[0]}")


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
