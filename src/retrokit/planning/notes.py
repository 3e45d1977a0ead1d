"""What the planner tells the facilitator on stderr: a behaviour that must appear and does not, and why."""

from __future__ import annotations

from retrokit.model import MeetingKind


def coverage_notes(kind: MeetingKind, prompts, pool, required, sections, behaviors, minutes, context) -> list[str]:
    """One note per reason: no prompts of the behaviour for this kind at all; prompts only for another
    context or audience; or prompts that suit but found no room under the planning rules."""
    exercised = {item.behavior for s in sections for item in s.items}
    missing = [b for b in required if b not in exercised]
    if not missing:
        return []
    title = {b: (behaviors[b].title if b in behaviors else b) for b in missing}
    phases = {phase for section in kind.sections for phase in section.phases}
    suits = set(kind.prompt_kinds)
    of_kind = [p for p in prompts if suits & set(p.kinds) and p.phase in phases]
    offered = {p.behavior for p in pool if p.phase in phases}
    notes = []
    no_room = [title[b] for b in missing if b in offered]
    if no_room:
        notes.append(
            f"no room for {', '.join(no_room)} in {minutes} minutes (one activity per section, a second only "
            "where both fit at their suggested length); a longer meeting has room"
        )
    for b in missing:
        if b in offered:
            continue
        mine = [p for p in of_kind if p.behavior == b]
        if not mine:
            notes.append(f"no {title[b]} prompts suit a {kind.name}")
            continue
        lacking = sorted({tag for p in mine for tag in p.needs} - set(context))
        if lacking and any(p.audience in ("any", kind.audience) for p in mine):
            notes.append(
                f"every {title[b]} prompt for a {kind.name} needs context this meeting lacks "
                f"({', '.join(lacking)}; --context adds it)"
            )
        else:
            notes.append(f"the {title[b]} prompts for a {kind.name} are all written for a group, not a {kind.audience}"
                         if kind.audience == "pair" else
                         f"the {title[b]} prompts for a {kind.name} are all written for a pair, not a group")
    return notes
