"""Start-up cost of a render, as a ratio to importing retrokit's own dependencies.

    python benchmarks/startup.py [--runs 40]

Runs `retrokit render retro --seed bench`, the same render with the plugin cache off
(RETROKIT_CACHE_DIR="") and `python -c "import click, jinja2, pluggy"` in turn (so machine noise hits
all alike) with the interpreter this script runs under, and prints the median wall time of each, their
ratio to the baseline, and the same for CPU time (user + system; steadier on a busy machine).
Target (issue 10): ratio <= 1.15. Run it from a venv with a *wheel* install, as .ci/run does: an
editable install under PYTHONDONTWRITEBYTECODE=1 recompiles every module on every run. One warm-up
run of each fills the caches (bytecode, jinja2's compiled templates, retrokit's plugin cache) first.
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


def timed(command: list[str], cwd: str, env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child; the wall time again where os.wait4 is missing)."""
    start = time.perf_counter()
    if not hasattr(os, "wait4"):
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=cwd, env=env)
        wall = time.perf_counter() - start
        return wall, wall
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=cwd, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    retrokit = str(bindir / "retrokit")
    env = dict(os.environ)
    env.pop("RETROKIT_CACHE_DIR", None)  # the per-user cache, as a user has it
    commands = {
        "baseline": ([sys.executable, "-c", "import click, jinja2, pluggy"], env),
        "render": ([retrokit, "render", "retro", "--seed", "bench"], env),
        "uncached": ([retrokit, "render", "retro", "--seed", "bench"], {**env, "RETROKIT_CACHE_DIR": ""}),
    }
    labels = {
        "baseline": "import click, jinja2, pluggy",
        "render": "render retro",
        "uncached": "render retro, plugin cache off",
    }
    with tempfile.TemporaryDirectory() as cwd:  # no team folder above: the plain default render
        for command, command_env in commands.values():  # warm the caches outside the measurement
            timed(command, cwd, command_env)
        walls = {name: [] for name in commands}
        cpus = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (command, command_env) in commands.items():
                wall, cpu = timed(command, cwd, command_env)
                walls[name].append(wall)
                cpus[name].append(cpu)
    wall = {name: statistics.median(times) for name, times in walls.items()}
    cpu = {name: statistics.median(times) for name, times in cpus.items()}
    for name in commands:
        print(
            f"{labels[name]:<32} median {wall[name] * 1000:7.1f} ms  ratio {wall[name] / wall['baseline']:.2f}"
            f"   cpu {cpu[name] * 1000:7.1f} ms  ratio {cpu[name] / cpu['baseline']:.2f}"
        )
    print(
        f"ratio     {wall['render'] / wall['baseline']:.2f}   (render {wall['render'] * 1000:.1f} ms / baseline "
        f"{wall['baseline'] * 1000:.1f} ms; target <= 1.15, runs={args.runs}, python={sys.version.split()[0]})"
    )


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
