"""The ``html`` format: a standalone page for previewing a document in a browser.

markdown-it-py's own HTML renderer, with retrokit's conventions: alerts become labelled boxes, tasks
become (disabled) check boxes with owner and due date, and raw HTML in the input is read as the safe
subset of ``formats.html_subset`` (the same as for Confluence and Notion): never copied as it is.
"""

from html import escape

from markdown_it.renderer import RendererHTML

from retrokit.formats.html_subset import block_events, inline_events


STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
h1, h2, h3 { line-height: 1.25; } code, pre { font-family: ui-monospace, monospace; background: #f6f8fa; }
pre { padding: .75rem; overflow: auto; } code { padding: .1em .3em; border-radius: 4px; }
table { border-collapse: collapse; } th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; }
blockquote { margin: 0; padding: 0 1rem; border-left: .25em solid #d0d7de; color: #59636e; }
.alert { border-left-width: .25em; border-left-style: solid; padding: .5rem 1rem; margin: 1rem 0; color: inherit; }
.alert-title { font-weight: 600; margin: 0; }
.alert-note { border-color: #0969da; } .alert-tip { border-color: #1a7f37; }
.alert-important { border-color: #8250df; } .alert-warning { border-color: #9a6700; }
.alert-caution { border-color: #cf222e; }
li.task { list-style: none; } li.task input { margin: 0 .4em 0 -1.3em; }
.owner { font-weight: 600; } .due { color: #59636e; }
"""


class _Renderer(RendererHTML):
    def __init__(self, request):
        super().__init__()
        self.request = request
        self.open_quotes: list[bool] = []  # is each open block quote an alert?
        self.open_items: list[str | None] = []  # the due date of each open list item
        self.open_details = 0  # <details> opened by raw HTML and not yet closed
        self.inline_html: tuple = (None, {})  # (an inline token's children, their HTML events)

    def blockquote_open(self, tokens, idx, options, env):
        alert = tokens[idx].meta.get("alert")
        self.open_quotes.append(bool(alert))
        if not alert:
            return "<blockquote>\n"
        return f'<div class="alert alert-{alert}">\n<p class="alert-title">{alert.capitalize()}</p>\n'

    def blockquote_close(self, tokens, idx, options, env):
        return "</div>\n" if self.open_quotes.pop() else "</blockquote>\n"

    def list_item_open(self, tokens, idx, options, env):
        meta = tokens[idx].meta
        self.open_items.append(meta.get("due"))
        if "task" not in meta:
            return "<li>"
        checked = " checked" if meta["task"] else ""
        owner = meta.get("owner")
        owner_html = f'<span class="owner">@{escape(owner)}</span> ' if owner else ""
        return f'<li class="task"><input type="checkbox" disabled{checked}> {owner_html}'

    def list_item_close(self, tokens, idx, options, env):
        self.open_items.pop()
        return "</li>\n"

    def paragraph_close(self, tokens, idx, options, env):
        # A task's due date follows its text: the first paragraph of the item, before any nested list.
        due = self.open_items[-1] if self.open_items else None
        html = self.renderToken(tokens, idx, options, env)
        if not due:
            return html
        self.open_items[-1] = None
        return f' <span class="due">(due <time datetime="{due}">{due}</time>)</span>{html}'

    def html_block(self, tokens, idx, options, env):
        out, paragraph = [], False
        for event in block_events(tokens[idx].content, self.request.lose):
            kind = event[0]
            if kind in ("paragraph", "details", "end_details"):
                if paragraph:
                    out.append("</p>\n")
                    paragraph = False
                if kind == "details":
                    self.open_details += 1
                    out.append(f"<details><summary>{escape(event[1] or 'Details')}</summary>\n")
                elif kind == "end_details" and self.open_details:
                    self.open_details -= 1
                    out.append("</details>\n")
                continue
            if not paragraph:
                out.append("<p>")
                paragraph = True
            out.append(_event_html(event))
        return "".join(out) + ("</p>\n" if paragraph else "")

    def html_inline(self, tokens, idx, options, env):
        if self.inline_html[0] is not tokens:
            self.inline_html = (tokens, inline_events(tokens, self.request.lose))
        return "".join(_event_html(event) for event in self.inline_html[1].get(idx, ()))


_ELEMENTS = {"bold": "strong", "italic": "em", "strike": "s", "code": "code", "sub": "sub", "sup": "sup", "link": "a"}


def _event_html(event) -> str:
    """One event of formats.html_subset as HTML: only these elements, only escaped values."""
    kind = event[0]
    if kind == "text":
        return escape(event[1])
    if kind == "break":
        return "<br>"
    if kind == "open" and event[1] == "link":
        return f'<a href="{escape(event[2])}">'
    if kind in ("open", "close"):
        return f"<{'/' if kind == 'close' else ''}{_ELEMENTS[event[1]]}>"
    _, src, alt, title = event  # an image
    if src is None:
        return escape(alt)
    title = f' title="{escape(title)}"' if title else ""
    return f'<img src="{escape(src)}" alt="{escape(alt)}"{title}>'


def render(request) -> str:
    from retrokit.rendering import parser

    md = parser()
    renderer = _Renderer(request)
    body = renderer.render(request.tokens, md.options, {}) + "</details>\n" * renderer.open_details
    title = escape(request.document_title() or "retrokit")
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
