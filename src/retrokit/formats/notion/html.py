"""Raw HTML (``html_inline`` / ``html_block``) as Notion rich text and blocks, from the events of
``retrokit.formats.html_subset``: b/i/s/code/kbd as annotations, a as a link (http(s) only, as every
link), img as an image block, br as a line break, details/summary as a toggle block with the summary as
its text; sub/sup keep their text (Notion has neither). No markup of the HTML is copied."""

from __future__ import annotations

from markdown_it.token import Token

from retrokit.formats.html_subset import block_events
from retrokit.formats.notion.rich_text import fit_items, new_block, text_items, text_of

LOSS_SCRIPT = "HTML sub- and superscript shown as plain text (Notion has neither)"
_COUNTERS = {"bold": "bold", "italic": "italic", "strike": "strike", "code": "code"}


def html_event(inline, event) -> None:
    """One inline event as rich text of ``inline`` (a notion.inline.Inline)."""
    kind = event[0]
    if kind == "text":
        inline.run(event[1])
    elif kind == "break":
        inline.run("\n")
    elif kind in ("open", "close") and event[1] == "link":
        if kind == "open":
            inline.link_open(Token("link_open", "a", 1, attrs={"href": event[2]}))
        else:
            inline.link_close(Token("link_close", "a", -1))
    elif kind in ("open", "close") and event[1] in _COUNTERS:
        name = _COUNTERS[event[1]]
        setattr(inline, name, getattr(inline, name) + (1 if kind == "open" else -1))
    elif kind == "open":  # sub, sup
        inline.request.lose(LOSS_SCRIPT)
    elif kind == "image":
        _, src, alt, title = event
        if src is None:
            inline.run(alt)
            return
        image = Token("image", "img", 0, attrs={"src": src, **({"title": title} if title else {})})
        image.children = [Token("text", "", 0, content=alt)] if alt else []
        inline.image(image)


def html_block(builder, token) -> None:
    """An HTML block as paragraphs (the text of the frame's block when it waits for one) and toggles."""
    from retrokit.formats.notion.inline import Inline

    inline = None
    for event in block_events(token.content, builder.request.lose) + [("paragraph",)]:
        kind = event[0]
        if kind not in ("paragraph", "details", "end_details"):
            if inline is None:
                inline = Inline(builder)
            html_event(inline, event)
            continue
        if inline is not None:
            parts = inline.build([])
            if any(part == "blocks" or text_of(value).strip() for part, value in parts):
                (builder.container_text if builder.frames[-1].awaiting else builder.paragraph)(parts)
            inline = None
        if kind == "details":
            runs = fit_items(text_items(event[1] or "Details"))
            if len(runs) > 1:
                builder.request.lose("text too long for one Notion block continued in the next block of its kind")
            block = new_block("toggle", runs[0])
            builder.add(block, *(new_block("paragraph", run) for run in runs[1:]))
            builder.toggles.append((builder.frames[-1], block))
        elif kind == "end_details":
            _close_toggle(builder)


def _close_toggle(builder) -> None:
    """``</details>``: what followed the innermost toggle opened in the same block goes inside it."""
    frame = builder.frames[-1]
    for index in range(len(builder.toggles) - 1, -1, -1):
        if builder.toggles[index][0] is frame:
            block = builder.toggles[index][1]
            del builder.toggles[index:]
            break
    else:
        return  # a </details> without its <details> here: nothing to close
    at = next(i for i in range(len(frame.children) - 1, -1, -1) if frame.children[i] is block)
    moved = frame.children[at + 1 :]
    del frame.children[at + 1 :]
    if moved:
        block["toggle"]["children"] = moved
