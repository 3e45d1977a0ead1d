"""``ConfluenceRenderer``: the walk over the block tokens, escaping, and the block rules (paragraphs,
headings, quotes and panels, code, raw HTML, tables, footnotes); lists and inline tokens are mixed in."""

from __future__ import annotations

import re
from html import escape

from markdown_it.common.utils import unescapeAll

from retrokit.formats.confluence.html import HtmlRules
from retrokit.formats.confluence.inline import InlineRules
from retrokit.formats.confluence.lists import ListRules, OpenItem, OpenList
from retrokit.formats.confluence.losses import (
    LOSS_CHARACTER, LOSS_LANGUAGE, LOSS_TASK_PARAGRAPHS, LOSS_UNKNOWN,
)
from retrokit.formats.confluence.macros import PANELS, code_language
from retrokit.rendering import alert_title

#: Everything XML 1.0 cannot hold: C0 controls but tab, newline and carriage return; surrogates;
#: U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ASCII_SPACE = re.compile(r"[ \t\n\v\f\r]+")
_ALIGN = re.compile(r"text-align:\s*(left|right|center)\Z")


class ConfluenceRenderer(ListRules, InlineRules, HtmlRules):
    """Renders markdown-it-py tokens (with retrokit's conventions) as Confluence storage format."""

    def __init__(self, request):
        self.request = request
        self.out: list[str] = []
        self.lists: list[OpenList] = []
        self.items: list[OpenItem] = []
        self.quotes: list[str] = []  # the closing markup of every open block quote
        self.task_ids = 0
        self.expands: list[int] = []  # the block level of every open expand macro (from <details>)
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
        rules, unknown, expands = self.rules, self._unknown, self.expands
        for idx, token in enumerate(tokens):
            if expands and token.nesting < 0:
                self._close_expands(token.level)  # a <details> never outlives the container it opened in
            rules.get(token.type, unknown)(tokens, idx)
        self._close_expands(-1)
        return "".join(self.out)

    def _unknown(self, tokens, idx):
        token = tokens[idx]
        if token.children:
            self._inline(token.children)
        elif token.content:
            self.request.lose(LOSS_UNKNOWN)
            self.out.append(self.text(token.content))

    def _inline(self, children):
        rules, html = self.inline_rules, None
        for index, child in enumerate(children):
            rule = rules.get(child.type)
            if child.type == "html_inline":
                if html is None:
                    html = self._html_inline_events(children)
                for event in html.get(index, ()):
                    self._html_event(event)
            elif rule is not None:
                rule(child)
            elif child.content:
                self.request.lose(LOSS_UNKNOWN)
                self.out.append(self.text(child.content))

    def inline(self, tokens, idx):
        self._inline(tokens[idx].children or ())

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
            macro, title = PANELS[alert], escape(alert_title(alert))
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
