"""Raw HTML (``html_inline`` / ``html_block``) as native storage format, from the events of
``retrokit.formats.html_subset``: b/i/s/code/kbd/sub/sup as their elements, a/img as links and images
(safe URLs only), br as ``<br />``, details/summary as the ``expand`` macro with the summary as its
title. Nothing of the HTML itself is copied: every text and attribute value is escaped."""

from __future__ import annotations

from markdown_it.token import Token

from retrokit.formats.html_subset import block_events, inline_events

_ELEMENTS = {"bold": "strong", "italic": "em", "strike": "s", "code": "code", "sub": "sub", "sup": "sup", "link": "a"}


class HtmlRules:
    """The renderer's rules for raw HTML (mixed into ``ConfluenceRenderer``)."""

    def _html_inline_events(self, children) -> dict[int, list[tuple]]:
        return inline_events(children, self.request.lose)

    def _html_event(self, event) -> None:
        """One inline event (text, break, mark, link or image) as markup."""
        kind = event[0]
        if kind == "text":
            self.out.append(self.text(event[1]))
        elif kind == "break":
            self.out.append("<br />")
        elif kind == "open" and event[1] == "link":
            self._link_open(Token("link_open", "a", 1, attrs={"href": event[2]}))
        elif kind == "open":
            self.out.append(f"<{_ELEMENTS[event[1]]}>")
        elif kind == "close":
            self.out.append(f"</{_ELEMENTS[event[1]]}>")
        elif kind == "image":
            _, src, alt, title = event
            if src is None:
                self.out.append(self.text(alt))
                return
            image = Token("image", "img", 0, attrs={"src": src, **({"title": title} if title else {})})
            image.children = [Token("text", "", 0, content=alt)] if alt else []
            self._image(image)

    def html_block(self, tokens, idx):
        token = tokens[idx]
        events = block_events(token.content, self.request.lose)
        task = self._in_task_body(token)
        if task is not None:  # a task body holds inline text only: the block joins it after a line break
            if any(event[0] in ("text", "image") and (event[0] == "image" or event[1].strip()) for event in events):
                self.out.append("<br />")
            for event in events:
                if event[0] not in ("paragraph", "details", "end_details"):
                    self._html_event(event)
            return
        paragraph = False
        for event in events:
            kind = event[0]
            if kind in ("paragraph", "details", "end_details"):
                if paragraph:
                    self.out.append("</p>\n")
                    paragraph = False
                if kind == "details":
                    self._open_expand(event[1], token.level)
                elif kind == "end_details":
                    self._close_expands(token.level, stray=True)
                continue
            if not paragraph:
                if kind == "text" and not event[1].strip():
                    continue
                self.out.append("<p>")
                paragraph = True
            self._html_event(event)
        if paragraph:
            self.out.append("</p>\n")

    def _open_expand(self, title: str, level: int) -> None:
        parameter = f'<ac:parameter ac:name="title">{self.text(title)}</ac:parameter>' if title else ""
        self.out.append(f'<ac:structured-macro ac:name="expand">{parameter}<ac:rich-text-body>\n')
        self.expands.append(level)

    def _close_expands(self, level: int, stray: bool = False) -> None:
        """Close the expand macros opened at ``level`` or deeper: all of them as a container at
        ``level`` closes, or (``stray``: a ``</details>`` at ``level``) the innermost one opened there."""
        while self.expands and self.expands[-1] >= level + (0 if stray else 1):
            self.expands.pop()
            self.out.append("</ac:rich-text-body></ac:structured-macro>\n")
            if stray:
                return
