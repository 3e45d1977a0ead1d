"""How good the planned agendas are, over many seeds: the planner's rules as counts, through the real
pipeline (plugins, catalog, planner, adjust hooks, template).

    python benchmarks/agenda_quality.py [--seeds 200]

For each kind and length (retro 30/60/90, one-on-one 30/45/60) it renders N seeds with no context and
with every context tag (the built-in ones and any a prompt needs), and prints one row per run:

- prompts per agenda (min/median/max) and the share of time left as open discussion or buffer;
- defects, each to be 0: items past their prompt's max_minutes, prompts whose needs are not in the
  context, agendas that use a technique twice, prompts of the wrong audience (a group prompt in a 1:1),
  agendas whose decide phase holds two decision procedures or two commitment steps;
- agendas with a coverage note (a core behaviour missing, said on stderr);
- for 1:1s, the share of the meeting on the person's own topics with three topics given;
- per kind with every context, the share of its drawable library (prompts for the kind and its
  audience) that some agenda drew. Target: at least 90%;
- and per family, how many distinct prompts it contributed to each kind over every run of that kind (all
  lengths and both contexts), of how many it could: a family that no agenda ever draws shows up as 0.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import tempfile

BUILT_IN_TAGS = ("incident", "cross-team", "remote", "in-person", "hybrid", "dashboards")
LENGTHS = {"retro": (30, 60, 90), "one-on-one": (30, 45, 60)}
TOPICS = ("My promotion case", "The on-call rota", "Pairing with the new hire")


def measure(session, kind: str, minutes: int, seeds: int, context: tuple[str, ...], drawn: set[str],
            seen: set[str]) -> dict:
    from retrokit.planning.compose import compose

    catalog = session.catalog
    meeting = catalog.kind(kind)
    counts, spare, defects = [], 0, dict.fromkeys(["past-max", "unmet-needs", "technique-twice", "audience", "decide"], 0)
    noted, topic_share = 0, []
    for n in range(seeds):
        with contextlib.redirect_stderr(io.StringIO()):
            agenda = compose(session, kind, minutes=minutes, seed=f"q{n}", context=context).agenda
        items = [item for section in agenda.sections for item in section.items]
        prompts = [catalog.prompts[i.prompt_id] for i in items if i.prompt_id in catalog.prompts]
        drawn.update(p.id for p in prompts)
        seen.update(p.id for p in prompts)
        counts.append(sum(1 for i in items if i.prompt_id))
        spare += sum(i.minutes for i in items if not i.prompt_id)
        defects["past-max"] += sum(1 for i in items if i.prompt_id in catalog.prompts and i.minutes > catalog.prompts[i.prompt_id].longest)
        defects["unmet-needs"] += sum(1 for p in prompts if not set(p.needs) <= set(agenda.context))
        techniques = [p.technique for p in prompts if p.technique]
        defects["technique-twice"] += len(techniques) != len(set(techniques))
        defects["audience"] += sum(1 for p in prompts if p.audience not in ("any", meeting.audience))
        decide = [p for p in prompts if p.phase == "decide"]
        procedures = sum(1 for p in decide if p.technique != "commitment")
        defects["decide"] += procedures > 1 or len(decide) - procedures > 1
        noted += any(note.startswith(("no room for", "no ", "every ", "the ")) for note in agenda.notes)
        if meeting.audience == "pair":
            with contextlib.redirect_stderr(io.StringIO()):
                talk = compose(session, kind, minutes=minutes, seed=f"q{n}", context=context, person="Sam", topic=TOPICS).agenda
            own = sum(g.minutes for s in talk.sections for g in s.memory if g.kind == "topics")
            topic_share.append(own / talk.minutes)
    return {
        "counts": counts, "spare": spare / (seeds * minutes), "defects": defects, "noted": noted,
        "topics": statistics.mean(topic_share) if topic_share else None,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200)
    args = parser.parse_args(argv)
    os.chdir(tempfile.mkdtemp(prefix="retrokit-quality-"))  # no team folder above
    from retrokit.host.session import open_session

    session = open_session(quiet=True)
    catalog = session.catalog
    every = tuple(sorted(set(BUILT_IN_TAGS) | {tag for p in catalog.prompts.values() for tag in p.needs}))
    header = f"{'kind':<11} {'min':>3} {'context':<7} {'prompts':>9} {'spare':>6} {'past-max':>8} {'needs':>5} " \
             f"{'tech×2':>6} {'audience':>8} {'decide×2':>8} {'noted':>5} {'topics':>6}"
    print(f"{args.seeds} seeds per row; defects should all be 0")
    print(header)
    print("-" * len(header))
    shares, seen = [], {}
    for kind, lengths in LENGTHS.items():
        meeting = catalog.kind(kind)
        drawn: set[str] = set()
        seen[kind] = set()
        for minutes in lengths:
            for label, context in (("none", ()), ("all", every)):
                row = measure(session, kind, minutes, args.seeds, context, drawn if context else set(), seen[kind])
                c, d = row["counts"], row["defects"]
                topics = f"{row['topics']:.0%}" if row["topics"] is not None else "-"
                print(f"{kind:<11} {minutes:>3} {label:<7} {min(c):>3}/{statistics.median(c):>2g}/{max(c):<3} "
                      f"{row['spare']:>6.0%} {d['past-max']:>8} {d['unmet-needs']:>5} {d['technique-twice']:>6} "
                      f"{d['audience']:>8} {d['decide']:>8} {row['noted']:>5} {topics:>6}")
        library = [p for p in catalog.prompts.values()
                   if set(meeting.prompt_kinds) & set(p.kinds) and p.audience in ("any", meeting.audience)]
        tagged = sum(1 for p in catalog.prompts.values() if set(meeting.prompt_kinds) & set(p.kinds))
        share = len(drawn & {p.id for p in library}) / len(library) if library else 0.0
        shares.append((kind, share, len(library), tagged, sorted({p.id for p in library} - drawn)))
    print()
    for kind, share, size, tagged, never in shares:
        print(f"{kind}: drew {share:.0%} of {size} drawable prompts (of {tagged} tagged for it) with every context; "
              f"never drawn: {len(never)}" + (f" ({', '.join(never[:8])}{', …' if len(never) > 8 else ''})" if never else ""))
    print()
    print_families(catalog, seen, args.seeds)
    return 0


def print_families(catalog, seen: dict[str, set[str]], seeds: int) -> None:
    """Per family and kind: distinct prompts drawn over every run of the kind, of those it could draw."""
    kinds = list(seen)
    print(f"distinct prompts per family over {seeds} seeds (every length and context), drawn/drawable:")
    print(f"{'family':<20} " + " ".join(f"{kind:>11}" for kind in kinds))
    silent = []
    for family in sorted({p.behavior for p in catalog.prompts.values()}):
        cells = []
        for kind in kinds:
            meeting = catalog.kind(kind)
            ids = {p.id for p in catalog.prompts.values() if p.behavior == family
                   and set(meeting.prompt_kinds) & set(p.kinds) and p.audience in ("any", meeting.audience)}
            cells.append(f"{len(ids & seen[kind])}/{len(ids)}" if ids else "-")
            if ids and not ids & seen[kind]:
                silent.append(f"{family} in {kind}")
        print(f"{family:<20} " + " ".join(f"{cell:>11}" for cell in cells))
    print("families never drawn: " + (", ".join(silent) if silent else "none"))


if __name__ == "__main__":
    sys.exit(main())
