"""The ``confluence`` format: Confluence storage format, the XHTML fragment the REST API takes as
``body.storage.value`` (no root element; ``ac:`` and ``ri:`` prefixes are declared by Confluence).

A renderer over markdown-it-py's flat token stream in the manner of its ``RendererHTML``: one method
per token type, output collected in a list and joined once. What maps to what:

=========================  =====================================================================
Markdown (token)           Confluence storage format
=========================  =====================================================================
heading, paragraph         ``<h1>``-``<h6>``, ``<p>``
strong, em, ~~s~~, `code`  ``<strong>``, ``<em>``, ``<s>``, ``<code>``
link, autolink             ``<a href="…" title="…">``
image                      ``<ac:image ac:alt ac:title><ri:url ri:value /></ac:image>``
hard / soft break          ``<br />`` / a newline
bullet / ordered list      ``<ul>`` / ``<ol start="N">`` (start only when not 1)
task list item             ``<ac:task-list><ac:task>`` with id, status and body; a list mixing
                           tasks and plain items is split into runs; ``@owner`` of a member with
                           a Confluence account id -> ``<ac:link><ri:user ri:account-id /></ac:link>``,
                           else the text ``@owner``; ``(due D)`` -> ``<time datetime="D" />``
block quote                ``<blockquote>``
GitHub alert               panel macro with a title: NOTE->info, TIP->tip, IMPORTANT->note,
                           WARNING->note, CAUTION->warning
fenced / indented code     ``code`` macro: a ``language`` parameter only for a language the macro
                           knows (aliases mapped), body in CDATA with every ``]]>`` split
table                      ``<table><tbody><tr><th>/<td>``, alignment as ``style="text-align: …"``
thematic break             ``<hr />``
=========================  =====================================================================

What Confluence cannot express is kept as well as it can be and reported with ``request.lose``:
raw HTML (escaped, shown as text), footnotes (``<sup>[N]</sup>`` and a numbered list at the end),
characters XML 1.0 cannot hold (U+FFFD), a code language the macro does not know (no highlighting),
an ordered task list (unnumbered), a task's second paragraph (joined with a line break).
"""

from __future__ import annotations

import re

from markdown_it.common.utils import unescapeAll

from retrokit.rendering import is_date

#: Languages the Confluence code macro highlights, by the value it stores (its SyntaxHighlighter
#: brush names: what the macro editor writes when you pick "Python", "JavaScript", "HTML and XML" ...).
#: An unknown value breaks the macro, so anything else gets no language parameter.
LANGUAGES = frozenset(
    {
        "actionscript3", "applescript", "bash", "c#", "coldfusion", "cpp", "css", "delphi", "diff",
        "erl", "groovy", "java", "jfx", "js", "perl", "php", "powershell", "py", "ruby", "sass",
        "scala", "sql", "text", "vb", "xml", "yml",
    }
)

#: Common names of fenced code blocks (GitHub linguist / highlight.js) -> the macro's name.
LANGUAGE_ALIASES = {
    "as3": "actionscript3", "actionscript": "actionscript3",
    "osascript": "applescript",
    "sh": "bash", "shell": "bash", "zsh": "bash", "ksh": "bash",
    "csharp": "c#", "cs": "c#", "c-sharp": "c#",
    "cfm": "coldfusion", "cfc": "coldfusion",
    "c": "cpp", "h": "cpp", "c++": "cpp", "cc": "cpp", "cxx": "cpp", "hpp": "cpp", "hxx": "cpp",
    "pascal": "delphi", "pas": "delphi", "dpr": "delphi",
    "patch": "diff", "udiff": "diff",
    "erlang": "erl",
    "javafx": "jfx",
    "javascript": "js", "jscript": "js", "mjs": "js", "cjs": "js", "json": "js",
    "pl": "perl", "pm": "perl",
    "ps1": "powershell", "psm1": "powershell", "pwsh": "powershell", "posh": "powershell",
    "python": "py", "python3": "py", "py3": "py",
    "rb": "ruby", "rails": "ruby",
    "scss": "sass",
    "vbnet": "vb", "vb.net": "vb", "visualbasic": "vb",
    "html": "xml", "htm": "xml", "xhtml": "xml", "xsl": "xml", "xslt": "xml", "svg": "xml",
    "yaml": "yml",
    "plain": "text", "plaintext": "text", "txt": "text",
}

#: GitHub alert -> (panel macro, title).
PANELS = {
    "note": ("info", "Note"),
    "tip": ("tip", "Tip"),
    "important": ("note", "Important"),
    "warning": ("note", "Warning"),
    "caution": ("warning", "Caution"),
}

LOSS_HTML = "raw HTML escaped as text"
LOSS_FOOTNOTE = "footnotes turned into [N] references and a numbered list at the end"
LOSS_CHARACTER = "characters XML 1.0 cannot hold replaced with U+FFFD"
LOSS_LANGUAGE = "code languages the code macro does not know left out (code kept, not highlighted)"
LOSS_ORDERED_TASKS = "ordered task lists rendered as unnumbered task lists"
LOSS_TASK_PARAGRAPHS = "further paragraphs of a task joined to it with a line break"
LOSS_UNKNOWN = "markup the confluence format does not know shown as text"

#: Everything XML 1.0 cannot hold: C0 controls but tab, newline and carriage return; surrogates;
#: U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ASCII_SPACE = re.compile(r"[ \t\n\v\f\r]+")
_ALIGN = re.compile(r"text-align:\s*(left|right|center)\Z")


def code_language(name: str) -> str | None:
    """The code macro's name for a fenced block's language, or None when the macro does not know it."""
    name = name.lower()
    name = LANGUAGE_ALIASES.get(name, name)
    return name if name in LANGUAGES else None


class _List:
    """An open Markdown list: rendered as runs of plain items and runs of tasks."""

    __slots__ = ("ordered", "start", "position", "run")

    def __init__(self, ordered: bool, start: int):
        self.ordered = ordered
        self.start = start
        self.position = 0  # items seen so far
        self.run: str | None = None  # "task" | "plain" | None: the run that is open


class _Item:
    """An open list item or task."""

    __slots__ = ("task", "level", "paragraphs", "suffix")

    def __init__(self, task: bool, level: int, suffix: str = ""):
        self.task = task
        self.level = level
        self.paragraphs = 0  # paragraphs directly in a task body so far
        self.suffix = suffix  # markup closing the task's first paragraph (its due date)


class ConfluenceRenderer:
    """Renders markdown-it-py tokens (with retrokit's conventions) as Confluence storage format."""

    def __init__(self, request):
        self.request = request
        self.out: list[str] = []
        self.lists: list[_List] = []
        self.items: list[_Item] = []
        self.quotes: list[str] = []  # the closing markup of every open block quote
        self.task_ids = 0
        self.rules = {
            name: getattr(self, name)
            for name in dir(type(self))
            if not name.startswith("_") and name not in {"render", "rules", "text", "attr", "clean"}
        }
        self.inline_rules = {
            "text": self._text,
            "text_special": self._text,
            "softbreak": self._softbreak,
            "hardbreak": self._hardbreak,
            "code_inline": self._code_inline,
            "strong_open": self._markup("<strong>"),
            "strong_close": self._markup("</strong>"),
            "em_open": self._markup("<em>"),
            "em_close": self._markup("</em>"),
            "s_open": self._markup("<s>"),
            "s_close": self._markup("</s>"),
            "link_open": self._link_open,
            "link_close": self._markup("</a>"),
            "image": self._image,
            "html_inline": self._html_inline,
            "footnote_ref": self._footnote_ref,
        }

    # -- escaping -------------------------------------------------------------------------------

    def clean(self, text: str) -> str:
        """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD (and reported)."""
        if _NOT_XML.search(text):
            self.request.lose(LOSS_CHARACTER)
            text = _NOT_XML.sub("\ufffd", text)
        return text

    def text(self, text: str) -> str:
        """``text`` as XML character data."""
        text = self.clean(text)
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")

    def attr(self, text: str) -> str:
        """``text`` as a double-quoted XML attribute value (white space kept through normalisation)."""
        return (
            self.text(text)
            .replace('"', "&quot;")
            .replace("\t", "&#9;")
            .replace("\n", "&#10;")
        )

    # -- the walk -------------------------------------------------------------------------------

    def render(self, tokens) -> str:
        rules, unknown = self.rules, self._unknown
        for idx, token in enumerate(tokens):
            rules.get(token.type, unknown)(tokens, idx)
        return "".join(self.out)

    def _unknown(self, tokens, idx):
        token = tokens[idx]
        if token.children:
            self._inline(token.children)
        elif token.content:
            self.request.lose(LOSS_UNKNOWN)
            self.out.append(self.text(token.content))

    def _inline(self, children):
        rules = self.inline_rules
        for child in children:
            rule = rules.get(child.type)
            if rule is not None:
                rule(child)
            elif child.content:
                self.request.lose(LOSS_UNKNOWN)
                self.out.append(self.text(child.content))

    def inline(self, tokens, idx):
        self._inline(tokens[idx].children or ())

    # -- blocks ---------------------------------------------------------------------------------

    def _in_task_body(self, token) -> _Item | None:
        """The task whose body ``token`` sits in directly (not inside a quote or list within it)."""
        if self.items:
            item = self.items[-1]
            if item.task and token.level == item.level + 1:
                return item
        return None

    @staticmethod
    def _alert_marker_line(tokens, idx) -> bool:
        """Whether the paragraph opened at ``idx`` held only an alert's ``[!NOTE]`` line (now empty)."""
        return idx > 0 and "alert" in tokens[idx - 1].meta and tokens[idx + 1].content == ""

    def paragraph_open(self, tokens, idx):
        task = self._in_task_body(tokens[idx])
        if self._alert_marker_line(tokens, idx):
            pass  # the panel says it: no empty paragraph at its top
        elif task is not None:
            # A task body holds the task's text inline: no <p>. Its first paragraph is that text.
            if task.paragraphs:
                self.request.lose(LOSS_TASK_PARAGRAPHS)
                self.out.append("<br />")
            task.paragraphs += 1
        elif not tokens[idx].hidden:
            self.out.append("<p>")

    def paragraph_close(self, tokens, idx):
        task = self._in_task_body(tokens[idx])
        if self._alert_marker_line(tokens, idx - 2):
            pass
        elif task is not None:
            if task.suffix:
                self.out.append(task.suffix)
                task.suffix = ""
        elif not tokens[idx].hidden:
            self.out.append("</p>\n")

    def heading_open(self, tokens, idx):
        self.out.append(f"<{tokens[idx].tag}>")

    def heading_close(self, tokens, idx):
        self.out.append(f"</{tokens[idx].tag}>\n")

    def hr(self, tokens, idx):
        self.out.append("<hr />\n")

    def blockquote_open(self, tokens, idx):
        alert = tokens[idx].meta.get("alert")
        if alert in PANELS:
            macro, title = PANELS[alert]
            self.out.append(
                f'<ac:structured-macro ac:name="{macro}"><ac:parameter ac:name="title">{title}</ac:parameter>'
                "<ac:rich-text-body>\n"
            )
            self.quotes.append("</ac:rich-text-body></ac:structured-macro>\n")
        else:
            self.out.append("<blockquote>\n")
            self.quotes.append("</blockquote>\n")

    def blockquote_close(self, tokens, idx):
        self.out.append(self.quotes.pop())

    def _code(self, body: str, language: str | None):
        if body.endswith("\n"):
            body = body[:-1]
        body = self.clean(body).replace("]]>", "]]]]><![CDATA[>")
        parameter = f'<ac:parameter ac:name="language">{language}</ac:parameter>' if language else ""
        self.out.append(
            f'<ac:structured-macro ac:name="code">{parameter}'
            f"<ac:plain-text-body><![CDATA[{body}]]></ac:plain-text-body></ac:structured-macro>\n"
        )

    def fence(self, tokens, idx):
        token = tokens[idx]
        info = _ASCII_SPACE.split(unescapeAll(token.info).strip(" \t\n\v\f\r"), maxsplit=1)[0]
        language = code_language(info) if info else None
        if info and language is None:
            self.request.lose(LOSS_LANGUAGE)
        self._code(token.content, language)

    def code_block(self, tokens, idx):
        self._code(tokens[idx].content, None)

    def html_block(self, tokens, idx):
        self.request.lose(LOSS_HTML)
        content = tokens[idx].content
        if content.endswith("\n"):
            content = content[:-1]
        shown = "<br />".join(self.text(line) for line in content.split("\n"))
        task = self._in_task_body(tokens[idx])
        if task is not None:
            # Never the first thing in a task body: the task's text paragraph comes first.
            self.request.lose(LOSS_TASK_PARAGRAPHS)
            self.out.append(f"<br />{shown}")
        else:
            self.out.append(f"<p>{shown}</p>\n")

    # -- lists and tasks ------------------------------------------------------------------------

    def bullet_list_open(self, tokens, idx):
        self.lists.append(_List(False, 1))

    def ordered_list_open(self, tokens, idx):
        start = tokens[idx].attrGet("start")
        self.lists.append(_List(True, int(start) if start is not None else 1))

    def bullet_list_close(self, tokens, idx):
        self._close_run(self.lists.pop())

    ordered_list_close = bullet_list_close

    def _close_run(self, lst: _List):
        if lst.run == "task":
            self.out.append("</ac:task-list>\n")
        elif lst.run == "plain":
            self.out.append("</ol>\n" if lst.ordered else "</ul>\n")
        lst.run = None

    def _open_run(self, lst: _List, run: str):
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
            self.items.append(_Item(False, token.level))
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
        self.items.append(_Item(True, token.level, suffix))

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

    # -- tables ---------------------------------------------------------------------------------

    def table_open(self, tokens, idx):
        self.out.append("<table><tbody>\n")

    def table_close(self, tokens, idx):
        self.out.append("</tbody></table>\n")

    def thead_open(self, tokens, idx):
        pass

    thead_close = tbody_open = tbody_close = thead_open

    def tr_open(self, tokens, idx):
        self.out.append("<tr>")

    def tr_close(self, tokens, idx):
        self.out.append("</tr>\n")

    def _cell_open(self, tokens, idx):
        token = tokens[idx]
        found = _ALIGN.match(token.attrGet("style") or "")
        style = f' style="text-align: {found.group(1)}"' if found else ""
        self.out.append(f"<{token.tag}{style}>")

    def _cell_close(self, tokens, idx):
        self.out.append(f"</{tokens[idx].tag}>")

    th_open = td_open = _cell_open
    th_close = td_close = _cell_close

    # -- footnotes: a reference [N] and the notes as a numbered list at the end ------------------

    def footnote_block_open(self, tokens, idx):
        self.out.append("<ol>\n")

    def footnote_block_close(self, tokens, idx):
        self.out.append("</ol>\n")

    def footnote_open(self, tokens, idx):
        self.out.append("<li>")

    def footnote_close(self, tokens, idx):
        self.out.append("</li>\n")

    def footnote_anchor(self, tokens, idx):
        pass  # the back-reference arrow: navigation, not content

    # -- inline ---------------------------------------------------------------------------------

    def _markup(self, markup: str):
        def rule(token):
            self.out.append(markup)

        return rule

    def _text(self, token):
        self.out.append(self.text(token.content))

    def _softbreak(self, token):
        self.out.append("\n")

    def _hardbreak(self, token):
        self.out.append("<br />")

    def _code_inline(self, token):
        self.out.append(f"<code>{self.text(token.content)}</code>")

    def _link_open(self, token):
        href = self.attr(token.attrGet("href") or "")
        title = token.attrGet("title")
        title = f' title="{self.attr(title)}"' if title else ""
        self.out.append(f'<a href="{href}"{title}>')

    def _plain(self, children) -> str:
        """The text of inline tokens without their markup (an image's alt text)."""
        parts = []
        for child in children or ():
            if child.type in ("text", "text_special", "code_inline"):
                parts.append(child.content)
            elif child.type == "html_inline":
                self.request.lose(LOSS_HTML)
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif child.type == "image":
                parts.append(self._plain(child.children))
        return "".join(parts)

    def _image(self, token):
        alt = self._plain(token.children)
        title = token.attrGet("title")
        attrs = (f' ac:alt="{self.attr(alt)}"' if alt else "") + (f' ac:title="{self.attr(title)}"' if title else "")
        src = self.attr(token.attrGet("src") or "")
        self.out.append(f'<ac:image{attrs}><ri:url ri:value="{src}" /></ac:image>')

    def _html_inline(self, token):
        self.request.lose(LOSS_HTML)
        self.out.append(self.text(token.content))

    def _footnote_ref(self, token):
        self.request.lose(LOSS_FOOTNOTE)
        self.out.append(f"<sup>[{token.meta['id'] + 1}]</sup>")


def render(request) -> str:
    """The Markdown document of ``request`` as Confluence storage format."""
    return ConfluenceRenderer(request).render(request.tokens)
