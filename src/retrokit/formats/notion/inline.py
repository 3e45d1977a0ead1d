"""Rich text (and image blocks) from one inline token's children."""

from __future__ import annotations

from retrokit.formats.notion.rich_text import fit_items, linked, new_block, text_items
from retrokit.formats.html_subset import inline_events
from retrokit.formats.notion.html import html_event
from retrokit.rendering import visible_address


class Inline:
    """Rich text from an inline token's children (markdown-it-py's renderInline, one method per type).

    ``mode`` says what an image becomes: "blocks" (an image block between text parts), "cell" (a table
    cell: the alt text, linked) or "caption" (inside alt text: its own alt text)."""

    def __init__(self, builder, mode: str = "blocks"):
        self.builder = builder
        self.request = builder.request
        self.mode = mode
        self.parts: list[tuple[str, list]] = []  # ("text", runs) and ("blocks", [block, ...])
        self.runs: list[list] = []  # [[pieces], key] with key = (bold, italic, strike, code, url)
        self.bold = self.italic = self.strike = self.code = 0  # code: from HTML <code>/<kbd>
        self.links: list[str | None] = []  # the URL of each open link, None when it cannot be kept
        self.shown = 0  # how many texts and images so far (to notice a link that shows nothing)
        self.shown_at: list[int] = []  # ``shown`` when each open link opened
        self.link_texts: list[tuple[str, list[str]]] = []  # (href, texts shown) of each open link

    # -- driving

    def build(self, children) -> list[tuple[str, list]]:
        """("text", items) and ("blocks", blocks) parts, in document order."""
        self.walk(children)
        self._end_text()
        return [(kind, self._items(value) if kind == "text" else value) for kind, value in self.parts]

    def walk(self, children) -> None:
        html = None
        for index, token in enumerate(children):
            if token.type == "html_inline":
                if html is None:
                    html = inline_events(children, self.request.lose)
                for event in html.get(index, ()):
                    html_event(self, event)
            else:
                getattr(self, token.type, self.unknown)(token)

    def run(self, text: str, code: bool = False) -> None:
        if not text:
            return
        self.shown += 1
        if self.link_texts:
            self.link_texts[-1][1].append(text)
        url = self.links[-1] if self.links else None
        key = (self.bold > 0, self.italic > 0, self.strike > 0, code or self.code > 0, url)
        if self.runs and self.runs[-1][1] == key:
            self.runs[-1][0].append(text)
        else:
            self.runs.append([[text], key])

    def _end_text(self) -> None:
        self.parts.append(("text", self.runs))
        self.runs = []

    @staticmethod
    def _items(runs) -> list[dict]:
        items = []
        for pieces, (bold, italic, strike, code, url) in runs:
            items += text_items("".join(pieces), bold, italic, strike, code, url)
        return items

    # -- token types

    def text(self, token) -> None:
        self.run(token.content)

    text_special = text

    def code_inline(self, token) -> None:
        self.run(token.content, code=True)

    def softbreak(self, token) -> None:
        self.run(" ")

    def hardbreak(self, token) -> None:
        self.run("\n")

    def strong_open(self, token) -> None:
        self.bold += 1

    def strong_close(self, token) -> None:
        self.bold -= 1

    def em_open(self, token) -> None:
        self.italic += 1

    def em_close(self, token) -> None:
        self.italic -= 1

    def s_open(self, token) -> None:
        self.strike += 1

    def s_close(self, token) -> None:
        self.strike -= 1

    def link_open(self, token) -> None:
        href = token.attrs.get("href", "")
        if token.attrs.get("title"):
            self.request.lose("link title dropped (Notion links have none)")
        self.links.append(self.builder.checked_url(href, "link"))
        self.shown_at.append(self.shown)
        self.link_texts.append((href, []))

    def link_close(self, token) -> None:
        url, shown_at = self.links.pop(), self.shown_at.pop()
        href, texts = self.link_texts.pop()
        if url and shown_at == self.shown:
            self.request.lose("link without text dropped (nothing to click)")
        elif not url and href:  # not a link in Notion: its address stays readable after its text
            self.run(visible_address(href, "".join(texts)))

    def footnote_ref(self, token) -> None:
        self.request.lose("footnote kept as plain text ([n] in the text, the note at the end)")
        self.run(f"[{token.meta['id'] + 1}]")

    def image(self, token) -> None:
        alt = token.children or []
        if self.mode == "caption":  # an image inside alt text: its alt text, like HTML's alt=""
            self.walk(alt)
            return
        src = token.attrs.get("src", "")
        if self.mode == "cell":
            self.request.lose("image in a table cell kept as its alt text, linked")
            url = self.links[-1] if self.links else self.builder.checked_url(src, "image")
            self.links.append(url)
            self.walk(alt)
            self.links.pop()
            return
        if not self.builder.checked_url(src, "image"):
            self.walk(alt)  # the alt text stays, in place, and the address after it; checked_url reported it
            if src:
                self.run(visible_address(src, "".join(child.content for child in alt)))
            return
        if token.attrs.get("title"):
            self.request.lose("image title dropped (the caption is its alt text)")
        [(_, caption)] = Inline(self.builder, "caption").build(alt)
        if self.links and self.links[-1]:  # a linked image (a badge): its caption carries the link
            caption = linked(caption or text_items(self.links[-1]), self.links[-1])
        fitted = fit_items(caption)
        block = {"type": "image", "image": {"type": "external", "external": {"url": src}}}
        if fitted[0]:
            block["image"]["caption"] = fitted[0]
        blocks = [block]
        if len(fitted) > 1:
            self.request.lose("image caption too long for Notion: the rest follows the image")
            blocks += [new_block("paragraph", run) for run in fitted[1:]]
        self._end_text()
        self.parts.append(("blocks", blocks))
        self.shown += 1

    def unknown(self, token) -> None:
        self.request.lose(f"unsupported Markdown element '{token.type}' kept as text")
        self.run(token.content)
