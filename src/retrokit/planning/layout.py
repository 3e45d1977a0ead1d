"""From a planned board to timed agenda sections: the team's memory first, then the prompts at their
fitted minutes (``timebox.fit_minutes``), then the spare time as an explicit item with no prompt
("Open discussion", or a "Buffer" when it is a minute or two), never hidden in a stretched activity."""

from __future__ import annotations

from retrokit.model import AgendaItem, AgendaSection, MeetingKind, MemoryGroup, Prompt
from retrokit.planning.board import COMMITMENT, Board
from retrokit.planning.timebox import fit_minutes

#: Spare minutes up to this many are a buffer, not an open discussion.
BUFFER_MINUTES = 2
OPEN_AFTER = "Open discussion: what this part raised that the activity did not get to."
OPEN_ALONE = "Open discussion: whatever anyone wants to bring up here."
BUFFER = "Buffer: room for an activity that runs long, or to move on early."


def order(section_phases, prompts: list[Prompt], first=frozenset()) -> list[Prompt]:
    """A section's prompts in running order: ``first`` ids (metric questions, pins), then by the
    section's phases, a decision procedure before the commitment step."""
    return sorted(
        prompts,
        key=lambda p: (p.id not in first, section_phases.index(p.phase), p.technique == COMMITMENT),
    )


def spare_item(minutes: int, alone: bool) -> AgendaItem:
    text = OPEN_ALONE if alone else BUFFER if minutes <= BUFFER_MINUTES else OPEN_AFTER
    return AgendaItem(prompt_id="", text=text, behavior="", behavior_title="", minutes=minutes, note="", plugin="")


def build_sections(kind: MeetingKind, timed, board: Board, behaviors) -> tuple[list, list[str]]:
    """The agenda's sections, and notes for prompts a box could not hold (a replayed plan whose
    sections now open with more of the team's memory). ``timed``: ``remembered.TimeBoxes``."""
    sections, notes = [], []
    boxes = timed.boxes
    for i, (section, slot) in enumerate(zip(kind.sections, board.slots)):
        groups, shares = timed.groups.get(i, []), timed.reserved.get(i, [])
        chosen = list(slot.chosen)
        fitted = fit_minutes(chosen, slot.capacity)
        while fitted is None:
            dropped = chosen.pop()
            notes.append(f"no room for {dropped.id} in '{section.title}' beside what the team's memory brings")
            fitted = fit_minutes(chosen, slot.capacity)
        slot.chosen[:] = chosen
        minutes, spare = fitted
        if groups and not chosen:  # no prompt beside them: the entries take the whole box
            shares, spare = timed.whole(i), 0
        items = [AgendaItem.from_prompt(p, behaviors, m) for p, m in zip(chosen, minutes)]
        if spare:
            items.append(spare_item(spare, alone=not chosen))
        remembered = [MemoryGroup(name, m, entries, since) for (name, entries, since), m in zip(groups, shares)]
        sections.append(AgendaSection(section.id, section.title, boxes[i], section.intro, items, remembered,
                                     section.phases, section.min_minutes, section.max_items))
    return sections, notes
