"""Raw HTML in Markdown, read as the few safe things a wiki can show natively (shared by the confluence
and notion formats).

markdown-it-py hands raw HTML over as source text: ``html_inline`` (one tag or comment, between the
inline tokens of a paragraph) and ``html_block`` (a chunk of lines). This module turns it into *events*
a renderer maps to its own markup, never into markup itself:

=======================  ===========================================================================
HTML                     event
=======================  ===========================================================================
text, entities           ``("text", s)`` (entities decoded; in a block, white space collapsed)
b strong i em s del      ``("open", mark)`` ... ``("close", mark)``, mark one of MARKS' values;
strike code kbd tt       an inline tag's close must come in the same inline run at the same
sub sup                  Markdown nesting, else both stay out (+ loss); never crossed
a href                   ``("open", "link", url)`` for http(s), mailto and relative URLs only
img src alt title        ``("image", src, alt, title)`` (src None when it is not a safe URL)
br                       ``("break",)``
details / summary        ``("details", summary text)`` ... ``("end_details",)`` (blocks only)
p div h1-h6 li tr ...    ``("paragraph",)``: a paragraph ends here (blocks only)
script style title ...   ``("text", tag)``: GFM's tag filter shows these tags as text
anything else            nothing: the tag goes, its text stays (+ loss)
comments, <!DOCTYPE>     nothing (+ loss): GitHub does not show them either
=======================  ===========================================================================

No attribute but ``href``, ``src``, ``alt`` and ``title`` is ever read, so no event handler, style or
class survives; a URL with a scheme other than http, https or mailto (``javascript:``, ``data:``) is
dropped the way browsers read schemes (case, controls and white space ignored).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

MARKS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "s": "strike", "del": "strike",
    "strike": "strike", "code": "code", "kbd": "code", "tt": "code", "sub": "sub", "sup": "sup",
}
#: Tags whose start or end ends a paragraph of a raw HTML block.
_BREAKING = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table thead tbody blockquote pre center section "
    "article header footer nav aside figure figcaption hr".split()
)
#: Breaking tags that lose nothing but an alignment or a class when they become a paragraph end.
_PLAIN_BLOCKS = frozenset({"p", "div", "center", "summary", "section", "article", "header", "footer"})
#: GFM's disallowed raw HTML (its "tag filter" extension): GitHub shows these tags as text.
_FILTERED = frozenset({"title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"})
_VOID = frozenset({"br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col", "embed"})
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
_SPACE = re.compile(r"[ \t\n\r\f]+")

_DROPPED = ("dropped",)
LOSS_TAGS = "HTML tags with no equivalent here dropped (their text kept)"
LOSS_HIDDEN = "HTML comments and declarations left out (GitHub does not show them either)"
LOSS_URL = "HTML link or image with an unsafe or missing URL kept as its text"
LOSS_UNMATCHED = "HTML tag without its closing tag in the same paragraph dropped (its text kept)"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is http(s), mailto or relative (no scheme), else None."""
    if not url:
        return None
    scheme = _SCHEME.match(_IGNORED_IN_URL.sub("", url))
    if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
        return None
    return url.strip()


class _Reader(HTMLParser):
    """Raw HTML as ("open", tag, attrs) / ("close", tag) / ("text", s) / ("hidden",) pieces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        if tag in _FILTERED:  # GFM's tag filter: shown as the text it is
            self.pieces.append(("text", self.get_starttag_text()))
            return
        self.pieces.append(("open", tag, {k: v for k, v in attrs if k in ("href", "src", "alt", "title")}))
        if tag in _VOID:
            self.pieces.append(("close", tag))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and tag not in _FILTERED:
            self.pieces.append(("close", tag))

    def handle_endtag(self, tag):
        if tag in _FILTERED:
            self.pieces.append(("text", f"</{tag}>"))
        elif tag not in _VOID:
            self.pieces.append(("close", tag))

    def handle_data(self, data):
        if data:
            self.pieces.append(("text", data))

    def handle_comment(self, data):
        self.pieces.append(("hidden",))

    handle_decl = handle_pi = unknown_decl = handle_comment


def read(source: str) -> list[tuple]:
    reader = _Reader()
    reader.feed(source)
    reader.close()
    if reader.rawdata:  # an unfinished tag at the end ("<a href=" ...): its text, as written
        reader.pieces.append(("text", reader.rawdata))
    return reader.pieces


def _tag_events(piece, lose) -> list[tuple] | None:
    """The events of a void element (br, img) or of text; None for a tag that opens or closes."""
    kind = piece[0]
    if kind == "text":
        return [("text", piece[1])]
    if kind == "hidden":
        lose(LOSS_HIDDEN)
        return []
    tag = piece[1]
    if kind == "open" and tag == "br":
        return [("break",)]
    if kind == "open" and tag == "img":
        attrs = piece[2]
        src = safe_url(attrs.get("src"))
        if src is None:
            lose(LOSS_URL)
        return [("image", src, attrs.get("alt") or "", attrs.get("title") or "")]
    if tag in _VOID:
        return []
    return None


def _open_event(piece, lose) -> tuple | None:
    """The event an opening tag makes (a mark or a link), ``_DROPPED`` (reported) for any other."""
    tag, attrs = piece[1], piece[2]
    if tag == "a":
        if attrs.get("href") is None:  # an anchor (<a name="top">): no link, nothing lost
            return _DROPPED
        url = safe_url(attrs.get("href"))
        if url is None:
            lose(LOSS_URL)
            return _DROPPED
        return ("open", "link", url)
    if tag in MARKS:
        return ("open", MARKS[tag])
    lose(LOSS_TAGS)
    return _DROPPED


def inline_events(children, lose) -> dict[int, list[tuple]]:
    """For each ``html_inline`` child of an inline token (by index), the events it makes. An opening tag
    counts only with its closing tag later in ``children`` at the same Markdown nesting (``<b>*x</b>*``
    keeps neither); the rest are dropped and reported."""
    events: dict[int, list[tuple]] = {}
    stack: list[tuple[int, str, int, tuple]] = []  # (child index, tag, markdown depth, open event)
    depth = linked = 0  # Markdown nesting; open Markdown links
    for index, child in enumerate(children):
        if child.type != "html_inline":
            depth += child.nesting
            while stack and stack[-1][2] > depth:
                _unmatched(stack.pop(), events, lose)
            if child.type in ("link_open", "link_close"):
                linked += child.nesting
                if linked and any(entry[3][1] == "link" for entry in stack):  # no link in a link
                    at = next(i for i, entry in enumerate(stack) if entry[3][1] == "link")
                    for entry in reversed(stack[at:]):
                        _unmatched(entry, events, lose)
                    del stack[at:]
            continue
        for piece in read(child.content):
            simple = _tag_events(piece, lose)
            if simple is not None:
                events.setdefault(index, []).extend(simple)
            elif piece[0] == "open":
                event = _open_event(piece, lose)
                if event is not _DROPPED and event[1] == "link" and (linked or any(e[3][1] == "link" for e in stack)):
                    _unmatched((index, piece[1], depth, event), events, lose)  # a link inside a link
                elif event is not _DROPPED:
                    stack.append((index, piece[1], depth, event))
            elif stack and stack[-1][1] == piece[1] and stack[-1][2] == depth:
                opened, _, _, event = stack.pop()
                events.setdefault(opened, []).append(event)
                events.setdefault(index, []).append(("close", event[1]))
            # else: a close tag without its opening tag (or of a tag with no equivalent): nothing to keep
    for entry in stack:
        _unmatched(entry, events, lose)
    return events


def _unmatched(entry, events, lose) -> None:
    """An opening tag whose close never came: dropped, but a link's address stays as text."""
    index, _, _, event = entry
    lose(LOSS_UNMATCHED)
    if event[1] == "link":
        events.setdefault(index, []).append(("text", f"({event[2]})"))


def block_events(source: str, lose) -> list[tuple]:
    """The events of an ``html_block``'s source, in order. Marks are closed at every paragraph end (and
    reopened after it), a close without its opening tag is dropped; details and summary as described
    in the module docstring (a details block's summary is its title wherever it is in the block)."""
    out: list[tuple] = []
    marks: list[tuple] = []  # open mark and link events
    pieces = read(source)
    summary: list[str] | None = None  # while inside a summary that became a details title
    titled = False  # whether the next summary is the title of the details just opened
    for index, piece in enumerate(pieces):
        kind = piece[0]
        tag = piece[1] if kind in ("open", "close") else ""
        if summary is not None:
            if kind == "close" and tag == "summary":
                summary = None
            continue
        if tag == "details":
            out += [("close", event[1]) for event in reversed(marks)]
            marks = []
            title = _summary(pieces, index) if kind == "open" else ""
            titled = bool(title)
            out.append(("details", title) if kind == "open" else ("end_details",))
            continue
        if tag == "summary" and kind == "open" and titled:
            summary, titled = [], False
            continue
        simple = _tag_events(piece, lose)
        if simple is not None:
            out += [(e[0], _SPACE.sub(" ", e[1])) if e[0] == "text" else e for e in simple]
        elif tag in _BREAKING or tag == "summary":
            if kind == "open" and tag not in _PLAIN_BLOCKS:
                lose(LOSS_TAGS)
            out += [("close", event[1]) for event in reversed(marks)] + [("paragraph",)]
            out += marks
        elif kind == "open":
            event = _open_event(piece, lose)
            if event is not _DROPPED:
                marks.append(event)
                out.append(event)
        else:
            found = next((i for i in range(len(marks) - 1, -1, -1) if _closes(marks[i], tag)), None)
            if found is None:
                continue  # a close tag without its opening tag: nothing to keep
            out += [("close", event[1]) for event in reversed(marks[found:])]
            out += marks[found + 1 :]
            del marks[found]
    out += [("close", event[1]) for event in reversed(marks)]
    return _trimmed(out)


_BOUNDARIES = ("paragraph", "details", "end_details")


def _trimmed(events: list[tuple]) -> list[tuple]:
    """``events`` without the white space that starts or ends a paragraph (as HTML shows it)."""
    out: list[tuple] = []
    at_start = True
    for event in events:
        if event[0] == "text":
            text = event[1].lstrip() if at_start else event[1]
            if not text:
                continue
            event, at_start = ("text", text), False
        elif event[0] in _BOUNDARIES:
            _strip_end(out)
            at_start = True
        elif event[0] in ("image", "break"):
            at_start = event[0] == "break"
        out.append(event)
    _strip_end(out)
    return out


def _strip_end(out: list[tuple]) -> None:
    for index in range(len(out) - 1, -1, -1):
        kind = out[index][0]
        if kind == "text":
            text = out[index][1].rstrip()
            if text:
                out[index] = ("text", text)
                return
            del out[index]
        elif kind not in ("open", "close"):
            return


def _closes(event, tag: str) -> bool:
    return event[1] == ("link" if tag == "a" else MARKS.get(tag))


def _summary(pieces, start: int) -> str:
    """The text of the first ``<summary>`` after ``pieces[start]`` and before the next details tag."""
    inside, text = False, []
    for piece in pieces[start + 1 :]:
        if piece[0] in ("open", "close") and piece[1] == "details":
            break
        if piece[0] in ("open", "close") and piece[1] == "summary":
            if inside:
                break
            inside = True
        elif inside and piece[0] == "text":
            text.append(piece[1])
    return _SPACE.sub(" ", "".join(text)).strip()
