"""Start-up cost of a render, as a ratio to importing retrokit's own dependencies.

    python benchmarks/startup.py [--runs 40]

Runs `retrokit render retro --seed bench` and `python -c "import click, jinja2, pluggy"` alternately
(so machine noise hits both alike) with the interpreter this script runs under, and prints the median
of each and their ratio. Target (issue 2): ratio <= 1.3. Run it from a venv with a *wheel* install:
an editable install under PYTHONDONTWRITEBYTECODE=1 recompiles every module on every run.
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


def timed(command: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=cwd)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    retrokit = str(bindir / "retrokit")
    baseline = [sys.executable, "-c", "import click, jinja2, pluggy"]
    render = [retrokit, "render", "retro", "--seed", "bench"]
    with tempfile.TemporaryDirectory() as cwd:  # no team folder above: the plain default render
        for command in (baseline, render):  # warm caches (bytecode, jinja2) outside the measurement
            timed(command, cwd)
        base_times, render_times = [], []
        for _ in range(args.runs):
            base_times.append(timed(baseline, cwd))
            render_times.append(timed(render, cwd))
    base, rendered = statistics.median(base_times), statistics.median(render_times)
    print(f"baseline  import click, jinja2, pluggy   median {base * 1000:7.1f} ms")
    print(f"retrokit  render retro                   median {rendered * 1000:7.1f} ms")
    print(f"ratio     {rendered / base:.2f}   (target <= 1.30, runs={args.runs}, python={sys.version.split()[0]})")


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
