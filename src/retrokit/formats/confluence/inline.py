"""Inline tokens (text, emphasis, code, links, images, footnote references) as storage format."""

from __future__ import annotations

from retrokit.formats.confluence.losses import LOSS_FOOTNOTE
from retrokit.formats.html_subset import block_events


class InlineRules:
    """The renderer's rules for an inline token's children (mixed into ``ConfluenceRenderer``)."""

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
            elif child.type == "html_inline":  # alt text is text: the tag's own text, if any
                parts += [e[1] for e in block_events(child.content, self.request.lose) if e[0] == "text"]
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif child.type == "image":
                parts.append(self._plain(child.children))
            elif child.type == "footnote_ref":  # as _footnote_ref shows it, without the markup
                self.request.lose(LOSS_FOOTNOTE)
                parts.append(f"[{child.meta['id'] + 1}]")
        return "".join(parts)

    def _image(self, token):
        alt = self._plain(token.children)
        title = token.attrGet("title")
        attrs = (f' ac:alt="{self.attr(alt)}"' if alt else "") + (f' ac:title="{self.attr(title)}"' if title else "")
        src = self.attr(token.attrGet("src") or "")
        self.out.append(f'<ac:image{attrs}><ri:url ri:value="{src}" /></ac:image>')

    def _footnote_ref(self, token):
        self.request.lose(LOSS_FOOTNOTE)
        self.out.append(f"<sup>[{token.meta['id'] + 1}]</sup>")
