"""Lists and tasks: a Markdown list as runs of ``<ul>``/``<ol>`` items and runs of ``ac:task``s."""

from __future__ import annotations

from retrokit.formats.confluence.losses import LOSS_ORDERED_TASKS
from retrokit.rendering import is_date


class OpenList:
    """An open Markdown list: rendered as runs of plain items and runs of tasks."""

    __slots__ = ("ordered", "start", "position", "run")

    def __init__(self, ordered: bool, start: int):
        self.ordered = ordered
        self.start = start
        self.position = 0  # items seen so far
        self.run: str | None = None  # "task" | "plain" | None: the run that is open


class OpenItem:
    """An open list item or task."""

    __slots__ = ("task", "level", "paragraphs", "suffix")

    def __init__(self, task: bool, level: int, suffix: str = ""):
        self.task = task
        self.level = level
        self.paragraphs = 0  # paragraphs directly in a task body so far
        self.suffix = suffix  # markup closing the task's first paragraph (its due date)


class ListRules:
    """The renderer's rules for lists, list items and tasks (mixed into ``ConfluenceRenderer``)."""

    def _in_task_body(self, token) -> OpenItem | None:
        """The task whose body ``token`` sits in directly (not inside a quote or list within it)."""
        if self.items:
            item = self.items[-1]
            if item.task and token.level == item.level + 1:
                return item
        return None

    def bullet_list_open(self, tokens, idx):
        self.lists.append(OpenList(False, 1))

    def ordered_list_open(self, tokens, idx):
        start = tokens[idx].attrGet("start")
        self.lists.append(OpenList(True, int(start) if start is not None else 1))

    def bullet_list_close(self, tokens, idx):
        self._close_run(self.lists.pop())

    ordered_list_close = bullet_list_close

    def _close_run(self, lst: OpenList):
        if lst.run == "task":
            self.out.append("</ac:task-list>\n")
        elif lst.run == "plain":
            self.out.append("</ol>\n" if lst.ordered else "</ul>\n")
        lst.run = None

    def _open_run(self, lst: OpenList, run: str):
        lst.run = run
        if run == "task":
            if lst.ordered:
                self.request.lose(LOSS_ORDERED_TASKS)
            self.out.append("<ac:task-list>\n")
        elif not lst.ordered:
            self.out.append("<ul>\n")
        else:
            number = lst.start + lst.position  # a run after tasks goes on counting
            self.out.append(f'<ol start="{number}">\n' if number != 1 else "<ol>\n")

    def list_item_open(self, tokens, idx):
        token = tokens[idx]
        meta = token.meta
        lst = self.lists[-1]
        run = "task" if "task" in meta else "plain"
        if lst.run != run:
            self._close_run(lst)
            self._open_run(lst, run)
        lst.position += 1
        if run == "plain":
            self.items.append(OpenItem(False, token.level))
            self.out.append("<li>")
            return
        self.task_ids += 1
        status = "complete" if meta["task"] else "incomplete"
        self.out.append(
            f"<ac:task><ac:task-id>{self.task_ids}</ac:task-id><ac:task-status>{status}</ac:task-status>"
            "<ac:task-body>"
        )
        # The task's text is the inline token of the paragraph that follows (the conventions ensure
        # it): the owner goes before it, the due date after it, a space apart from any text.
        text = tokens[idx + 2].content if idx + 2 < len(tokens) else ""
        owner, due = meta.get("owner"), meta.get("due")
        if owner:
            self.out.append(self._owner(owner) + (" " if text or due else ""))
        suffix = ""
        if due:
            when = f'<time datetime="{due}" />' if is_date(due) else self.text(f"(due {due})")
            suffix = (" " if text else "") + when
        self.items.append(OpenItem(True, token.level, suffix))

    def _owner(self, owner: str) -> str:
        member = self.request.member(owner) or {}
        account = member.get("confluence")
        if isinstance(account, str) and account:
            return f'<ac:link><ri:user ri:account-id="{self.attr(account)}" /></ac:link>'
        return self.text("@" + owner)

    def list_item_close(self, tokens, idx):
        item = self.items.pop()
        if item.task:
            self.out.append(item.suffix + "</ac:task-body></ac:task>\n")
        else:
            self.out.append("</li>\n")
