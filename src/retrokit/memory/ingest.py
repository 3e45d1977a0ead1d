"""Meeting notes into action-item changes: what ``retrokit ingest`` reads and decides.

A *task* is a GFM task item anywhere in the notes (``retrokit.rendering`` marks them)::

    - [ ] @ana Ask payments how the retry change landed (due 2026-12-01)
    - [x] @sam Write the on-call handbook

Its text is what a reader sees: Markdown markup removed, backslash escapes and entities resolved, a link
as ``text (url)``, runs of whitespace (line breaks included) as one space. So an item the agenda printed
escaped (``R\\&D \\<ops\\>``) reads back as the ledger's text (``R&D <ops>``). ``@owner`` must come first;
a name ``rendering`` does not take as an owner (one starting with a non-ASCII letter, like ``@山田``) is
taken here, and so is a member's name with spaces (``@Ana Lopez Ask …`` when the team has a member
"Ana Lopez"). ``(due YYYY-MM-DD)`` ends the first line, or the task's last line.

Matching a task to an item: the same owner (case, accents, spaces and punctuation ignored, so ``@ana``,
``@Ana`` and ``@a.n.a`` are one person) and the same text (Unicode-normalised, case and runs of whitespace
ignored). Matching is by content only: an item whose text or owner was changed afterwards (by hand or by
``retrokit actions edit``) no longer matches the notes it came from.

What ingest does with each task, in document order, so running it twice changes nothing:

=================  ======================  =============================================================
task               matching item           change
=================  ======================  =============================================================
``- [ ]``          none                    added: open, created today, the notes' meeting label
``- [ ]``          open                    none; a different ``(due …)`` in the notes moves its due date
``- [ ]``          done or dropped         none (the ledger's later decision stands)
``- [x]``          open                    closed: done today
``- [x]``          done or dropped         none
``- [x]``          none                    none, with a warning (nothing open to close)
no owner / text    -                       none, with a warning naming the line
=================  ======================  =============================================================

The agenda's **Before the meeting:** list (what to prepare; in a translated agenda, that line in its
language, as the built-in translations write it) is made of tasks too; they are preparation,
not action items, so ingest leaves every task of a list that follows a paragraph reading "Before the
meeting:" out, with or without an owner, silently.

When several items match, the open one with the lowest id is used. A task read back from a published
page (``retrokit.publish.readback``) may name the item it was published as (``Task.item``): that item is
used, whatever its text says now.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from retrokit.memory.ledger import ActionItem, Ledger

_SPACE = re.compile(r"\s+")
_LOOSE_OWNER = re.compile(r"@(\S+)\s+(?=\S)")  # '@山田 text': an owner rendering.py leaves in the text
_TRAILING_DUE = re.compile(r"\s*\(due\s+(\d{4}-\d{2}-\d{2})\)$")
_BAD_DUE = re.compile(r"\(due\b[^)\n]*\)\s*$", re.IGNORECASE)
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_PREPARATION = re.compile(r"before the meeting\s*:?\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Task:
    """One task item of the notes; ``line`` is 1-based; ``owner`` is as written ('' when none); ``item``
    the id of the action item it was published as, when known (a page read back), else None."""

    line: int
    text: str
    owner: str
    due: datetime.date | None
    checked: bool
    item: int | None = None


@dataclass
class Notes:
    """What the notes say: their first level-1 heading ('' if none), their tasks, and problems found
    while reading them as ``(line, message)`` pairs."""

    title: str
    tasks: list[Task]
    problems: list[tuple[int, str]]


@dataclass(frozen=True)
class Change:
    """One change to the ledger: ``kind`` is "added", "closed" or "due" (a moved due date)."""

    kind: str
    item: ActionItem
    line: int
    before: datetime.date | None = None  # the old due date, for "due"

    def describe(self, dry_run: bool = False) -> str:
        """One line for the user, e.g. ``added 4: Ask payments (owner Ana, due 2026-12-01)``."""
        verbs = {"added": ("added", "would add"), "closed": ("closed", "would close"),
                 "due": ("moved", "would move")}
        verb = verbs[self.kind][dry_run]
        if self.kind == "due":
            before = self.before.isoformat() if self.before else "none"
            verb += f" the due date ({before} → {self.item.due.isoformat()}) of"
        return f"{verb} {self.item.id}: {item_summary(self.item)}"


def item_summary(item: ActionItem) -> str:
    """``text (owner NAME, due DATE)`` on one line, for messages and listings."""
    details = [f"owner {one_line(item.owner)}"] + ([f"due {item.due.isoformat()}"] if item.due else [])
    return f"{one_line(item.text)} ({', '.join(details)})"


def one_line(text: str) -> str:
    """``text`` made safe to show in one row of a listing: line breaks as ↵, tabs as spaces, and the
    rest as every message shows it (``errors.one_line``: control and bidi characters as escapes); the
    files keep the exact text."""
    from retrokit.errors import one_line as escaped

    return escaped(re.sub(r"\r\n|\r|\n", "↵", text).replace("\t", " "))


# -- matching ---------------------------------------------------------------------------------------


def owner_key(name: str) -> str:
    """Who a name means: the one rule retrokit matches names by (``rendering.member_key``)."""
    from retrokit.rendering import member_key

    return member_key(name)


def text_key(text: str) -> str:
    """What a task says: Unicode-normalised (NFKC), case-folded, whitespace runs as one space (and NUL as
    U+FFFD, as Markdown reads it)."""
    text = unicodedata.normalize("NFKC", text.replace("\0", "\ufffd")).casefold()
    return _SPACE.sub(" ", text).strip()


def resolve_owner(name: str, members: list[dict]) -> tuple[str, bool]:
    """The team member ``name`` means (their name as retrokit.toml spells it) and True; or ``name``
    unchanged and False when no member matches (or the team lists none)."""
    key = owner_key(name)
    for member in members:
        if owner_key(member["name"]) == key:
            return member["name"], True
    return name, False


def split_owner(owner: str, text: str, members: list[dict]) -> tuple[str, str, bool]:
    """Who a task's ``@owner`` means and what the task says, and whether the owner is a member. A
    member's name with spaces may follow the ``@`` as it is (``@Ana Lopez Ask …``): the longest member
    name that the owner and the first words of the text spell wins."""
    words = text.split(" ")
    for count in range(min(3, len(words) - 1), 0, -1):  # at least one word stays text
        if not all(any(c.isalnum() for c in word) for word in words[:count]):
            continue  # '@Ana - fix it': a word without letters is not part of a name
        name, known = resolve_owner(" ".join([owner, *words[:count]]), members)
        if known:
            return name, " ".join(words[count:]), True
    name, known = resolve_owner(owner, members)
    return name, text, known


def find_match(items: list[ActionItem], owner: str, text: str) -> ActionItem | None:
    """The item a task (owner, text) means: the open one with the lowest id, else any, else None."""
    wanted = (owner_key(owner), text_key(text))
    matches = [item for item in items if (owner_key(item.owner), text_key(item.text)) == wanted]
    matches.sort(key=lambda item: (item.status != "open", item.id))
    return matches[0] if matches else None


# -- reading notes ----------------------------------------------------------------------------------


def _is_preparation(text: str) -> bool:
    """Whether a paragraph is the agenda's "Before the meeting:" line, in English or a shipped language."""
    if _PREPARATION.match(text):
        return True
    from retrokit.i18n.catalog import builtin_string_translations

    folded = " ".join(text.casefold().split()).rstrip(" :")
    return folded in {" ".join(t.casefold().split()).rstrip(" :") for t in builtin_string_translations("Before the meeting:")}


def read_notes(markdown: str) -> Notes:
    """The title and task items of ``markdown`` (any Markdown: a filled-in agenda or free notes)."""
    from retrokit.rendering import is_date, parse, plain_text

    tokens = parse(markdown)
    title = ""
    tasks: list[Task] = []
    problems: list[tuple[int, str]] = []
    preparation: list[range] = []  # the lines of "Before the meeting:" lists
    for i, token in enumerate(tokens):
        if token.type == "paragraph_open" and token.meta.get("flattened"):
            problems.append((token.map[0] + 1, "nested more than 20 levels deep: read as plain text, so a "
                                               "task in there is not read (nest it less deeply)"))
        if token.type == "heading_open" and token.tag == "h1" and not title:
            title = _SPACE.sub(" ", plain_text(tokens[i + 1])).strip()
        if token.type == "bullet_list_open" and token.map and i >= 2 and tokens[i - 1].type == "paragraph_close":
            if _is_preparation(plain_text(tokens[i - 2]).strip()):
                preparation.append(range(token.map[0] + 1, token.map[1] + 1))
        if token.type != "list_item_open" or "task" not in token.meta:
            continue
        line = token.map[0] + 1 if token.map else 1
        if any(line in lines for lines in preparation):
            continue
        text = inline_text(tokens[i + 2])
        owner = token.meta.get("owner", "")
        if not owner:
            loose = _LOOSE_OWNER.match(text)
            if loose:
                owner, text = loose.group(1), text[loose.end() :]
        if not owner:
            problems.append((line, "task has no @owner; skipped (write it as '- [ ] @name what to do')"))
            continue
        if not text:
            problems.append((line, f"task for @{owner} has no text; skipped"))
            continue
        due = token.meta.get("due")
        trailing = _TRAILING_DUE.search(text) if due is None else None
        if trailing and is_date(trailing.group(1)):  # a (due …) that ends a later line of the task
            due, text = trailing.group(1), text[: trailing.start()]
        bad_due = _BAD_DUE.search(text) if due is None else None
        if bad_due:
            problems.append((line, f"'{bad_due.group(0).strip()}' is not a real date (write it like "
                                   "(due 2026-12-01)); it stays in the text"))
        tasks.append(Task(line, text, owner, datetime.date.fromisoformat(due) if due else None, token.meta["task"]))
    return Notes(title, tasks, problems)


def inline_text(inline) -> str:
    """The text an inline token shows, whitespace collapsed: markup dropped, a link as ``text (url)``."""
    from retrokit.rendering import plain_text

    return _SPACE.sub(" ", plain_text(inline, links=True)).strip()


def meeting_label(title: str, fallback: str, today: datetime.date) -> str:
    """Where new items came from: the notes' title (else ``fallback``) plus today's date, unless the
    title already holds a date like 2026-11-21."""
    name = title or fallback
    return name if _DATE.search(name) else f"{name} {today.isoformat()}".strip()


# -- applying ---------------------------------------------------------------------------------------


def apply(
    items: list[ActionItem], notes: Notes, *, members: list[dict], today: datetime.date, meeting: str
) -> tuple[list[Change], list[tuple[int, str]]]:
    """Change ``items`` in place as the notes say (see the module's table). Returns the changes and
    warnings as ``(line, message)``."""
    changes: list[Change] = []
    warnings: list[tuple[int, str]] = []
    for task in notes.tasks:
        owner, text, known = split_owner(task.owner, task.text, members)
        hinted = next((item for item in items if item.id == task.item), None) if task.item is not None else None
        item, due = hinted or find_match(items, owner, text), task.due
        if item is None and due is not None:  # an item whose own text ends in '(due …)'
            item = find_match(items, owner, f"{text} (due {due.isoformat()})")
            due = None if item else due
        if item is None and task.checked:
            warnings.append((task.line, f"checked task for @{task.owner} matches no open action item; "
                                        "nothing to close"))
        elif item is None:
            item = ActionItem(id=Ledger.next_id(items), text=text, owner=owner, status="open",
                              created=today, due=due, meeting=meeting)
            items.append(item)
            changes.append(Change("added", item, task.line))
            if members and not known:
                warnings.append((task.line, f"@{task.owner} is not a member of the team in retrokit.toml; "
                                            "the item is theirs as written"))
        elif item.status != "open":
            continue
        elif task.checked:
            item.status, item.closed = "done", today
            changes.append(Change("closed", item, task.line))
        elif due is not None and due != item.due:
            before, item.due = item.due, due
            changes.append(Change("due", item, task.line, before))
    return changes, warnings
