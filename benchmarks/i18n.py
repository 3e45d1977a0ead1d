"""What a render in another language costs over an English one, as a ratio.

    python benchmarks/i18n.py [--runs 30]

Runs `retrokit render retro --seed bench` and the same render with `--lang de` in turn (so machine
noise hits both alike), prints the median wall and CPU time of each and the German/English ratio, then
the share of the German render spent reading its translation files (parsing every TOML file of
plugins/translations/de/ in this process, the median of the same number of runs). Use a wheel install,
as benchmarks/startup.py says.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import timed  # noqa: E402  (one way to time a child process)


def reading(runs: int) -> float:
    """Median seconds to read every German translation file once."""
    from retrokit.host.paths import builtin_dir
    from retrokit.i18n.files import read_translation

    files = sorted((builtin_dir("plugins") / "translations" / "de").glob("*.toml"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for path in files:
            read_translation(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    retrokit = str(Path(sys.executable).parent / "retrokit")
    env = {k: v for k, v in os.environ.items() if k not in ("RETROKIT_CACHE_DIR", "RETROKIT_LANG")}
    commands = {"en": [retrokit, "render", "retro", "--seed", "bench"],
                "de": [retrokit, "render", "retro", "--seed", "bench", "--lang", "de"]}
    quiet, stderr = os.open(os.devnull, os.O_WRONLY), os.dup(2)
    os.dup2(quiet, 2)  # the German render warns about the prompts still untranslated: not measured here
    with tempfile.TemporaryDirectory() as cwd:  # no team folder: the default render
        for command in commands.values():
            timed(command, cwd, env)  # warm the caches
        walls = {name: [] for name in commands}
        cpus = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu = timed(command, cwd, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
    os.dup2(stderr, 2)
    wall = {name: statistics.median(times) for name, times in walls.items()}
    cpu = {name: statistics.median(times) for name, times in cpus.items()}
    for name in commands:
        print(f"render retro{' --lang ' + name if name != 'en' else '':<10} median {wall[name] * 1000:7.1f} ms"
              f"   cpu {cpu[name] * 1000:7.1f} ms")
    read = reading(args.runs)
    print(f"ratio {wall['de'] / wall['en']:.2f} wall, {cpu['de'] / cpu['en']:.2f} cpu (de / en, runs={args.runs}); "
          f"reading the de translation files {read * 1000:.1f} ms = {read / wall['de']:.0%} of the German render")


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
