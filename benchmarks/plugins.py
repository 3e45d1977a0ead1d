"""What team plugins cost a render, as ratios to a plain render measured side by side.

    python benchmarks/plugins.py [--runs 20] [--plugins 10]

Three commands run alternately (so machine noise hits all alike), with the interpreter this script runs
under, from a folder without a team:

- baseline:  retrokit render retro --seed bench
- prompts:   the same with --plugins-dir holding N folder plugins of 25 prompts each
- adjust:    the same with one more plugin that implements retrokit_adjust_agenda (adds a section), so
             the cost of the hook's snapshot, validation and recount shows

and then `retrokit doctor` with the N plugins, against the baseline render.
Prints the median of each and its ratio to the baseline. Issue 5 asks that plugins be safe; this shows
what the safety (per-plugin error isolation, validation, undo snapshots) costs. Run it from a venv with a
wheel install (an editable install under PYTHONDONTWRITEBYTECODE=1 recompiles every module every run).
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

PROMPTS = '''
from retrokit import hookimpl

RETROKIT_API = "1.1"

PHASES = ["check-in", "gather", "insight", "decide", "close"]


@hookimpl
def retrokit_prompts():
    return [
        {{"id": f"team{n}.prompt-{{i}}", "text": f"Question {{i}} from team plugin {n}: what did you notice?",
          "behavior": "listening" if i % 2 else "validation", "kinds": ["retro"], "phase": PHASES[i % 5],
          "minutes": 3 + i % 5, "note": "Listen first."}}
        for i in range(25)
    ]
'''

ADJUST = '''
from retrokit import hookimpl
from retrokit.model import AgendaItem, AgendaSection

RETROKIT_API = "1.1"


@hookimpl
def retrokit_adjust_agenda(agenda, prompts, behaviors):
    prompt = prompts[sorted(prompts)[0]]
    agenda.sections.insert(0, AgendaSection("warm-up", "Warm-up", 5, items=[AgendaItem.from_prompt(prompt, behaviors, 5)]))
'''


def timed(command: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--plugins", type=int, default=10)
    args = parser.parse_args()
    retrokit = str(Path(sys.executable).parent / "retrokit")
    with tempfile.TemporaryDirectory() as work:
        many, adjusted = Path(work, "many"), Path(work, "adjusted")
        many.mkdir()
        adjusted.mkdir()
        for n in range(args.plugins):
            source = PROMPTS.format(n=n)
            (many / f"team{n}.py").write_text(source, encoding="utf-8")
            (adjusted / f"team{n}.py").write_text(source, encoding="utf-8")
        (adjusted / "zz_adjust.py").write_text(ADJUST, encoding="utf-8")
        render = [retrokit, "render", "retro", "--seed", "bench"]
        commands = {
            "baseline": render,
            f"{args.plugins} prompt plugins": render + ["--plugins-dir", str(many)],
            "  + an adjust plugin": render + ["--plugins-dir", str(adjusted)],
            "doctor with them": [retrokit, "doctor", "--plugins-dir", str(adjusted)],
        }
        for command in commands.values():  # warm caches outside the measurement
            timed(command, work)
        times = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command, work))
    base = statistics.median(times["baseline"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<24} median {median * 1000:7.1f} ms   ratio {median / base:.2f}")
    print(f"(runs={args.runs}, python={sys.version.split()[0]})")


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["RETROKIT_LOAD_PLUGINS"] = ""
    main()
