"""Plan ids: a whole agenda's plan in one shell-safe word, after Retromat's plan ids.

    retro-60:validation.thumbs-without-reasons+follow-up.last-actions:listening.silent-notes:_:...

The kind and the length (``KIND-MINUTES``), then one part per section in the kind's order, separated by
``:``; a section's prompt ids in running order, joined by ``+``; ``_`` for a section with no prompt
(open discussion, or only what the team's memory brings). Prompt ids hold dots and hyphens, never
``:``, ``+`` or ``_``, and no character of a plan id needs quoting in a shell (``shlex.quote`` leaves it
as it is; ``~`` would not do: zsh's extended globbing reads it as a pattern).
"""

from retrokit.errors import RetrokitUsageError, shown as shown_value
from retrokit.model import PROMPT_ID
from retrokit.patterns import lazy_compile
from retrokit.records import TupleRecord

SECTIONS = ":"
ITEMS = "+"
EMPTY = "_"
HEAD = lazy_compile(r"([a-z0-9][a-z0-9-]*)-([0-9]{1,3})\Z")


class Plan(TupleRecord):
    kind: str
    minutes: int
    sections: tuple[tuple[str, ...], ...]


def encode(kind: str, minutes: int, sections) -> str:
    """The plan id of ``sections`` (per section, its prompt ids in order)."""
    parts = [ITEMS.join(ids) if ids else EMPTY for ids in sections]
    return SECTIONS.join([f"{kind}-{minutes}", *parts])


def decode(text: str) -> Plan:
    """The plan a plan id names; a malformed one is a usage error that shows the expected shape."""
    head, *parts = text.strip().split(SECTIONS)
    found = HEAD.match(head)
    if not found or not parts:
        raise _malformed(text, "it must start with KIND-MINUTES, then a part per section after ':'")
    sections = []
    for number, part in enumerate(parts, 1):
        ids = () if part == EMPTY else tuple(part.split(ITEMS))
        bad = next((i for i in ids if not PROMPT_ID.match(i)), None)
        if bad is not None:
            raise _malformed(text, f"section {number} holds {shown_value(bad)}, not a prompt id (or '_' for none)")
        sections.append(ids)
    return Plan(found[1], int(found[2]), tuple(sections))


def _malformed(text: str, why: str) -> RetrokitUsageError:
    shown = text if len(text) <= 60 else text[:57] + "..."
    return RetrokitUsageError(
        f"--plan {shown_value(shown)} is not a plan id: {why} (e.g. retro-60:check.a+check.b:gather.c:_:...)"
    )


def minutes_of(text: str, kind: str, minutes: int | None) -> int:
    """The length a plan id fixes, for ``compose``: the plan must be for ``kind``, and ``--minutes``,
    if given, must agree with it."""
    plan = decode(text)
    if plan.kind != kind:
        raise RetrokitUsageError(f"--plan is a plan for a {plan.kind}, not a {kind}: render {plan.kind} --plan ...")
    if minutes and minutes != plan.minutes:
        raise RetrokitUsageError(f"--minutes {minutes} contradicts --plan, which is for {plan.minutes} minutes")
    return plan.minutes
