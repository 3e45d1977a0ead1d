"""Reading a published page back: its tasks as ``retrokit.memory.ingest.Notes``, for the same apply path
as Markdown notes (``ingest.apply``), and, when publishing, which action item each task stands for.

- **Confluence**: every ``<ac:task>`` of the storage body: ``complete`` is checked; a leading user mention
  (``ri:account-id`` on Cloud, ``ri:userkey`` on Data Center) is the owner, as the member with that
  ``confluence`` id in retrokit.toml (else the id as written, with a warning from ingest), a leading
  ``@name`` too; a ``<time datetime>`` is the due date; the rest is the text (a link as ``text (url)``).
- **Notion**: every ``to_do`` block (the page's, and those inside to-dos, toggles, callouts and quotes):
  ``checked``; a leading user mention is the owner (the member with that ``notion`` id, else the name
  Notion shows), a date mention the due date, the rest the text.

In both, the tasks of a list that follows a paragraph reading "Before the meeting:" are preparation and
left out, as Markdown ingest does. A task is matched to the action item it was published with (by its
Confluence task id, its Notion block id, else its owner and text as published): ``Task.item``.
"""

from __future__ import annotations

import datetime
import html.entities
import re

from retrokit.memory.ingest import _PREPARATION, Notes, Task, owner_key, text_key

_DATE_MARK = "\x00date\x00"
_DUE_AROUND = re.compile(r"\s*\(due\s*\x00date\x00\s*\)")
_SPACE = re.compile(r"\s+")
_AT_OWNER = re.compile(r"@(\S+)\s+(?=\S)")
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
AC, RI = "urn:ac", "urn:ri"
CONTAINERS = ("to_do", "toggle", "callout", "quote")  # Notion blocks whose children are read for tasks


class PageTask:
    """A task as the page shows it: ``key`` (task id / block id), owner, text, due date, checked."""

    __slots__ = ("key", "owner", "text", "due", "checked", "number")

    def __init__(self, key, owner, text, due, checked, number):
        self.key, self.owner, self.text, self.due, self.checked, self.number = key, owner, text, due, checked, number


def _finish(pieces: list[str], owner: str, due: str | None) -> tuple[str, str, str | None]:
    """Text from its pieces (the date mark removed with any '(due …)' around it); a leading '@name' is
    the owner when no mention gave one."""
    text = _DUE_AROUND.sub("", "".join(pieces)).replace(_DATE_MARK, "")
    text = _SPACE.sub(" ", text).strip()
    if not owner:
        loose = _AT_OWNER.match(text)
        if loose:
            owner, text = loose.group(1), text[loose.end():]
    return owner, text, due


# -- Confluence -----------------------------------------------------------------------------------------


def confluence_tasks(storage: str, members: list[dict]) -> list[PageTask]:
    """The tasks of a Confluence storage body, in page order (nested ones included)."""
    from xml.etree.ElementTree import ParseError, fromstring

    text = _ENTITY.sub(_entity, storage)
    try:
        root = fromstring(f'<r xmlns:ac="{AC}" xmlns:ri="{RI}">{text}</r>')
    except ParseError as exc:
        from retrokit.errors import RetrokitError

        raise RetrokitError(f"confluence: the page's storage body is not well-formed XML ({exc}); nothing was read")
    ids = {m["confluence"]: m["name"] for m in members if isinstance(m.get("confluence"), str)}
    found: list[PageTask] = []
    _walk_confluence(root, ids, found)
    return found


def _entity(match) -> str:
    name = match.group(1)
    if name in ("amp", "lt", "gt", "quot", "apos"):
        return match.group(0)
    char = html.entities.html5.get(name + ";")
    return char if char and char not in "&<" else match.group(0)


def _walk_confluence(element, ids, found) -> None:
    previous = None
    for child in element:
        if child.tag == f"{{{AC}}}task-list":
            skip = previous is not None and previous.tag == "p" and _PREPARATION.match(_plain(previous).strip())
            for task in child.findall(f"{{{AC}}}task"):
                _confluence_task(task, ids, found, skip)
        else:
            _walk_confluence(child, ids, found)
        previous = child


def _confluence_task(task, ids, found, skip: bool) -> None:
    status = (task.findtext(f"{{{AC}}}task-status") or "").strip()
    key = (task.findtext(f"{{{AC}}}task-id") or "").strip()
    body = task.find(f"{{{AC}}}task-body")
    owner, pieces, due = "", [], None
    if body is not None:
        owner, due = _inline(body, ids, pieces, owner_slot=True)
    if not skip:
        owner, text, due = _finish(pieces, owner, due)
        found.append(PageTask(key, owner, text, due, status == "complete", len(found) + 1))
    for nested in body.iter(f"{{{AC}}}task-list") if body is not None else ():
        for inner in nested.findall(f"{{{AC}}}task"):
            _confluence_task(inner, ids, found, False)


def _inline(element, ids, pieces, owner_slot: bool) -> tuple[str, str | None]:
    """Append ``element``'s text to ``pieces``; the owner (a leading user mention) and the due date."""
    owner, due = "", None
    if element.text:
        pieces.append(element.text)
    for child in element:
        if child.tag == f"{{{AC}}}task-list":
            pass  # nested tasks are tasks of their own
        elif child.tag == f"{{{AC}}}link" and child.find(f"{{{RI}}}user") is not None:
            user = child.find(f"{{{RI}}}user")
            who = user.get(f"{{{RI}}}account-id") or user.get(f"{{{RI}}}userkey") or user.get(f"{{{RI}}}username") or ""
            if owner_slot and not owner and not "".join(pieces).strip():
                owner = ids.get(who, who)
            else:
                pieces.append("@" + ids.get(who, who))
        elif child.tag == "time" and child.get("datetime"):
            due = due or child.get("datetime")[:10]
            pieces.append(_DATE_MARK)
        elif child.tag == "a" and child.get("href"):
            label = _plain(child)
            pieces.append(label if label.strip() == child.get("href") else f"{label} ({child.get('href')})")
        else:
            due = due or _inline(child, ids, pieces, False)[1]
        if child.tail:
            pieces.append(child.tail)
    return owner, due


def _plain(element) -> str:
    return _SPACE.sub(" ", "".join(element.itertext()))


# -- Notion ---------------------------------------------------------------------------------------------


def notion_tasks(service, page: str, members: list[dict]) -> list[PageTask]:
    """The to-dos of a Notion page, in page order (``service``: ``retrokit.publish.notion.Notion``)."""
    ids = {m["notion"]: m["name"] for m in members if isinstance(m.get("notion"), str)}
    found: list[PageTask] = []
    _walk_notion(service, page, ids, found)
    return found


def _walk_notion(service, block: str, ids, found) -> None:
    preparation = False
    for child in service.children(block, f"read the blocks of {block}"):
        kind = child.get("type")
        payload = child.get(kind) or {}
        if kind == "to_do":
            if not preparation:
                owner, text, due = _notion_text(payload.get("rich_text") or [], ids)
                found.append(PageTask(child.get("id", ""), owner, text, due, bool(payload.get("checked")),
                                      len(found) + 1))
        else:
            plain = "".join(item.get("plain_text", "") for item in payload.get("rich_text") or [])
            preparation = kind == "paragraph" and bool(_PREPARATION.match(plain.strip()))
        if child.get("has_children") and kind in CONTAINERS and child.get("id"):
            _walk_notion(service, child["id"], ids, found)


def _notion_text(items: list[dict], ids) -> tuple[str, str, str | None]:
    owner, due, pieces = "", None, []
    for item in items:
        mention = item.get("mention") or {}
        if item.get("type") == "mention" and mention.get("type") == "user":
            user = (mention.get("user") or {}).get("id", "")
            name = ids.get(user) or (item.get("plain_text") or "").lstrip("@") or user
            if not owner and not "".join(pieces).strip():
                owner = name
            else:
                pieces.append("@" + name)
        elif item.get("type") == "mention" and mention.get("type") == "date":
            due = due or ((mention.get("date") or {}).get("start") or "")[:10] or None
            pieces.append(_DATE_MARK)
        else:
            text = item.get("plain_text")
            if text is None:
                text = (item.get("text") or {}).get("content", "")
            link = item.get("href") or ((item.get("text") or {}).get("link") or {}).get("url")
            pieces.append(f"{text} ({link})" if link and link != text.strip() else text)
    return _finish(pieces, owner, due)


# -- both -----------------------------------------------------------------------------------------------


def to_notes(title: str, tasks: list[PageTask], published) -> Notes:
    """The page's tasks as ingest's Notes, each matched to the item it was published with (``published``:
    a ``retrokit.publish.pages.PublishedPage`` or None). ``Task.line`` is the task's number on the page."""
    by_key = {t.key: t.item for t in published.tasks if t.key} if published else {}
    by_text = {(owner_key(t.owner), text_key(t.text)): t.item for t in published.tasks} if published else {}
    notes, problems = [], []
    for task in tasks:
        if not task.owner:
            problems.append((task.number, "task has no owner (a mention or @name first); skipped"))
            continue
        if not task.text:
            problems.append((task.number, f"task for @{task.owner} has no text; skipped"))
            continue
        item = by_key.get(task.key) or by_text.get((owner_key(task.owner), text_key(task.text)))
        due = None
        if task.due:
            try:
                due = datetime.date.fromisoformat(task.due)
            except ValueError:
                problems.append((task.number, f"'{task.due}' is not a real date; the task has no due date"))
        notes.append(Task(task.number, task.text, task.owner, due, task.checked, item))
    return Notes(title, notes, problems)


def published_tasks(markdown: str, items, members: list[dict], key):
    """The action items a page is published with: one ``PublishedTask`` per task of ``markdown`` that
    matches a ledger item, with ``key(i)`` the page's key of the i-th task of the document (0-based;
    a Confluence task id, a Notion block id, "" where unknown)."""
    from retrokit.memory.ingest import find_match, read_notes, split_owner
    from retrokit.publish.pages import PublishedTask
    from retrokit.rendering import parse

    lines = [token.map[0] + 1 for token in parse(markdown) if token.type == "list_item_open"
             and "task" in token.meta and token.map]
    number = {line: index for index, line in enumerate(lines)}
    found = []
    for task in read_notes(markdown).tasks:
        owner, text, _ = split_owner(task.owner, task.text, members)
        item = find_match(items, owner, text)
        if item is not None:
            index = number.get(task.line)
            found.append(PublishedTask(key(index) if index is not None else "", item.id, item.owner, item.text))
    return found


def notion_task_keys(blocks: list[dict], ids: list[str]) -> list[str]:
    """The block id of each to_do of ``blocks`` in document order: known for the top-level ones (``ids``,
    the page's top-level blocks as written), "" for nested ones."""
    keys: list[str] = []

    def visit(level: list[dict], top: bool) -> None:
        for index, block in enumerate(level):
            if block["type"] == "to_do":
                keys.append(ids[index] if top and len(ids) == len(level) else "")
            visit((block.get(block["type"]) or {}).get("children") or [], False)

    visit(blocks, True)
    return keys
