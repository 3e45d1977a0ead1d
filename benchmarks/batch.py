"""Many agendas in one process, as a ratio to one cold `retrokit render retro`.

    python benchmarks/batch.py [--agendas 1000] [--runs 3] [--cold-runs 10]

Measures, with the interpreter this script runs under, each as a whole process from start to exit:
- cold:   `retrokit render retro --seed bench` (median of --cold-runs, one before each batch run);
- api:    a Python process that opens one `retrokit.open_session()` and renders --agendas retros
          (seeds b0, b1, ...), in Markdown and in Notion format;
- batch:  `retrokit render retro --team T1 ... --team TN --output-dir DIR` over --agendas team folders
          (each a retrokit.toml with its own name), in Markdown and in Notion format.
Runs alternate (so machine noise hits all alike); it prints the medians of wall time and of CPU time
(user + system, steadier on a busy machine) and their ratios to cold.
Targets (issue 10): 1,000 agendas <= 10x cold in Markdown, <= 25x in Notion format.
Run it from a venv with a wheel install, or an editable one with bytecode writing on.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def timed(command: list[str], cwd: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for run in range(max(args.runs, args.cold_runs)):
            for name, command in commands.items():
                if name == "cold" and run < args.cold_runs or name != "cold" and run < args.runs:
                    times[name].append(timed(command, cwd))
    wall = {name: statistics.median(t[0] for t in values) for name, values in times.items()}
    cpu = {name: statistics.median(t[1] for t in values) for name, values in times.items()}
    print(f"{'':<15} {'':<30} {'wall ms':>9} {'ratio':>6}   {'cpu ms':>9} {'ratio':>6}")
    print(f"{'cold':<15} {'retrokit render retro':<30} {wall['cold'] * 1000:9.1f} {1:6.2f}   "
          f"{cpu['cold'] * 1000:9.1f} {1:6.2f}   (runs={args.cold_runs})")
    for name in times:
        if name == "cold":
            continue
        target = TARGETS[name.split()[1]]
        print(
            f"{name:<15} {f'{args.agendas} agendas, one process':<30} {wall[name] * 1000:9.1f} "
            f"{wall[name] / wall['cold']:6.2f}   {cpu[name] * 1000:9.1f} {cpu[name] / cpu['cold']:6.2f}   "
            f"(target <= {target}, runs={args.runs})"
        )
    print(f"python={sys.version.split()[0]}")


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
