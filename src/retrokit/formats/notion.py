"""The ``notion`` format: Notion API blocks, as the JSON body of an append-block-children request.

Output: ``{"children": [block, ...]}``, the body of ``PATCH /v1/blocks/{page_id}/children``.
When the blocks do not fit in one request (more than 100 top-level blocks, more than 1000 blocks in
all, or more than 500 KB), the output is instead a JSON array of such bodies,
``[{"children": [...]}, {"children": [...]}, ...]``, to be appended to the same page in that order.

For the publisher: ``build_blocks(request)`` returns the full nested block tree (every block's children
inside its type payload, as Notion wants), already within Notion's per-object limits; ``request_bodies(blocks,
request)`` cuts such a tree into request bodies that one call each accepts. ``render`` is the two
together, as JSON.

Mapping (markdown-it-py token -> Notion block or rich text)::

    heading h1 / h2 / h3        heading_1 / heading_2 / heading_3
    heading h4 - h6             heading_3                                  + loss
    paragraph                   paragraph (an inline image splits it around an image block)
    bullet / ordered list item  bulleted_list_item / numbered_list_item, nested blocks as children
    task ``- [ ] @owner … (due YYYY-MM-DD)``
                                to_do with checked; owner -> user mention (members' "notion" id),
                                else the text "@owner"; due -> date mention
    block quote                 quote (first paragraph as its text, the rest as children)
    alert ``> [!NOTE]`` …       callout with an emoji icon and a colour (ALERTS below)
    fence / indented code       code, language from Notion's list (aliases mapped), else "plain text"
    table                       table (has_column_header) with table_row children
    thematic break              divider
    image                       image (external URL), its alt text as the caption
    strong / em / s / code      annotations bold / italic / strikethrough / code
    link                        text.link {"url"} (absolute http(s) or mailto only)
    soft break / hard break     " " / "\\n"
    raw HTML                    its text                                   + loss
    footnote                    "[n]" in the text, the note as "[n] …" at the end  + loss

Other losses reported (each keeps the text): a link's or an image's title; a link around an image; a link
without text; an ordered list's start number; an ordered list joined to the one before it; a task in an
ordered list (no number); table column alignment; a code language Notion does not know, and anything
after the language in a fence's info string; an image in a table cell (its alt text, linked); an owner
whose configured Notion id is not a UUID; an inline image moved below the text it was in.

Limits (https://developers.notion.com/reference/request-limits) and what is done about them:

- text.content: at most 2000 UTF-16 code units: long text is split across consecutive rich-text items
  (at a space when one is near, never inside a surrogate pair); nothing is cut.
- rich-text arrays: at most 100 items (and, here, about 150 KB): the block is split into consecutive
  blocks of the same type (+ loss). A table cell cannot be split: what does not fit follows the table as
  paragraphs (+ loss).
- link URLs: at most 2000 characters and absolute http(s)/mailto; others keep their text without the
  link (+ loss).
- nesting: a request carries blocks, their children and their grandchildren, no deeper: deeper blocks are
  moved up into the deepest allowed level, in order (+ loss); a table (which needs its rows one level
  below it) that would sit at that deepest level is moved up after its parent block (+ loss).
- children arrays: at most 100 blocks; a request: at most 1000 blocks and 500 KB. A block with more
  nested content than that is split into consecutive blocks of its type (+ loss); top-level blocks are
  spread over as many request bodies as needed (not a loss: the page is the same).
"""

from __future__ import annotations

import contextlib
import gc
import json
import re
from json.encoder import encode_basestring as _encode_string

from retrokit.rendering import is_date

TEXT_LIMIT = 2000  # UTF-16 code units in one text.content
ITEMS_LIMIT = 100  # rich-text items in one array
CHILDREN_LIMIT = 100  # blocks in one children array
URL_LIMIT = 2000  # characters in a link URL
DEPTH_LIMIT = 2  # levels of children one request may carry below the blocks it sends
REQUEST_BLOCKS = 1000  # blocks in one request, at every level
REQUEST_BYTES = 500_000  # bytes of one request body

# Byte budgets (measured conservatively by _size, see there), chosen so that every piece fits its parent:
# a block's own rich text (a level-2 block, a table row) <= _HEAD_BYTES; a level-1 piece <= _PIECE_BYTES[1];
# a level-0 piece (and a whole request) <= _PIECE_BYTES[0] < REQUEST_BYTES. So _HEAD_BYTES + _PIECE_BYTES[1]
# <= _PIECE_BYTES[0] and 2 * _HEAD_BYTES <= _PIECE_BYTES[1]: every child fits beside its parent's text.
_HEAD_BYTES = 150_000
_PIECE_BYTES = {0: 490_000, 1: 335_000}
_INDENT_PER_LINE = 40  # the most indentation a line can have in the output (20 levels of 2 spaces)

#: GitHub alert -> (icon emoji, callout colour)
ALERTS = {
    "note": ("ℹ️", "blue_background"),
    "tip": ("💡", "green_background"),
    "important": ("❗", "purple_background"),
    "warning": ("⚠️", "yellow_background"),
    "caution": ("🛑", "red_background"),
}

#: The code block languages the API accepts (the SDK's LanguageRequest).
LANGUAGES = frozenset((
    "abap", "abc", "agda", "arduino", "ascii art", "assembly", "bash", "basic", "bnf", "c", "c#", "c++",
    "clojure", "coffeescript", "coq", "css", "dart", "dhall", "diff", "docker", "ebnf", "elixir", "elm",
    "erlang", "f#", "flow", "fortran", "gherkin", "glsl", "go", "graphql", "groovy", "haskell", "hcl", "html",
    "idris", "java", "javascript", "json", "julia", "kotlin", "latex", "less", "lisp", "livescript",
    "llvm ir", "lua", "makefile", "markdown", "markup", "matlab", "mathematica", "mermaid", "nix",
    "notion formula", "objective-c", "ocaml", "pascal", "perl", "php", "plain text", "powershell", "prolog",
    "protobuf", "purescript", "python", "r", "racket", "reason", "ruby", "rust", "sass", "scala", "scheme",
    "scss", "shell", "smalltalk", "solidity", "sql", "swift", "toml", "typescript", "vb.net", "verilog",
    "vhdl", "visual basic", "webassembly", "xml", "yaml", "java/c/c++/c#",
))

#: Common fence names -> Notion's name for them.
LANGUAGE_ALIASES = {
    "text": "plain text", "txt": "plain text", "plaintext": "plain text", "plain": "plain text",
    "js": "javascript", "jsx": "javascript", "mjs": "javascript", "cjs": "javascript", "node": "javascript",
    "ts": "typescript", "tsx": "typescript", "py": "python", "python3": "python", "py3": "python",
    "sh": "shell", "zsh": "shell", "console": "shell", "shell-session": "shell", "shellsession": "shell",
    "ksh": "shell", "fish": "shell", "yml": "yaml", "md": "markdown", "rb": "ruby", "rs": "rust",
    "kt": "kotlin", "kts": "kotlin", "cs": "c#", "csharp": "c#", "cpp": "c++", "cxx": "c++", "cc": "c++",
    "hpp": "c++", "h": "c", "objc": "objective-c", "objectivec": "objective-c", "obj-c": "objective-c",
    "fs": "f#", "fsharp": "f#", "ps1": "powershell", "pwsh": "powershell", "ps": "powershell",
    "dockerfile": "docker", "make": "makefile", "mk": "makefile", "tex": "latex", "hs": "haskell",
    "clj": "clojure", "cljs": "clojure", "ex": "elixir", "exs": "elixir", "erl": "erlang", "golang": "go",
    "gql": "graphql", "proto": "protobuf", "vb": "visual basic", "vbnet": "vb.net", "wasm": "webassembly",
    "wat": "webassembly", "htm": "html", "xhtml": "html", "svg": "xml", "jsonc": "json", "json5": "json",
    "patch": "diff", "ml": "ocaml", "pl": "perl", "sol": "solidity", "tf": "hcl", "terraform": "hcl",
    "postgresql": "sql", "postgres": "sql", "psql": "sql", "mysql": "sql", "sqlite": "sql", "plsql": "sql",
    "jl": "julia", "coffee": "coffeescript", "ino": "arduino", "asm": "assembly", "nasm": "assembly",
    "ll": "llvm ir", "purs": "purescript", "rkt": "racket", "scm": "scheme", "st": "smalltalk",
    "vhd": "vhdl", "f90": "fortran", "f95": "fortran", "feature": "gherkin", "gradle": "groovy",
    "idr": "idris", "elisp": "lisp", "emacs-lisp": "lisp", "common-lisp": "lisp", "ls": "livescript",
    "wl": "mathematica", "pas": "pascal", "delphi": "pascal", "sc": "scala", "mermaidjs": "mermaid",
}

_URL = re.compile(r"(?:https?://[^\s/?#]+(?:[/?#][^\s]*)?|mailto:[^\s]+)\Z", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_USER_ID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\Z", re.IGNORECASE)


def render(request) -> str:
    """The JSON body (or bodies, see the module docstring) appending ``request``'s document to a page.

    The same text as ``json.dumps(bodies[0] if len(bodies) == 1 else bodies, indent=2, ensure_ascii=False)``
    for ``bodies = request_bodies(build_blocks(request), request)``, plus a newline, made body by body: each
    body is written as soon as it is complete and its blocks are let go, so a large document never has its
    block tree, its request bodies and its text in memory all at once. The text is gathered as UTF-8 and
    decoded once at the end: one copy of the output as ``str`` (4 bytes a character once it holds an
    emoji) rather than a list of pieces plus their join."""
    out = bytearray()
    pending = None  # the first body, written once we know whether a second one follows
    with _collector_paused():
        for body in _bodies(_limited(build_blocks(request), request), request):
            if pending is not None:
                out += b"[\n  " if not out else b",\n  "
                out += _dumps({"children": pending}, "  ").encode("utf-8", "surrogatepass")
            pending = body
    if out:
        out += b",\n  "
        out += _dumps({"children": pending}, "  ").encode("utf-8", "surrogatepass")
        out += b"\n]\n"
    else:
        out += _dumps({"children": pending}).encode("utf-8", "surrogatepass")
        out += b"\n"
    return out.decode("utf-8", "surrogatepass")


@contextlib.contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off for a while (as it was before, after).

    Building blocks allocates hundreds of thousands of dicts and lists on a large document, and every so
    often that makes the collector walk every object alive, most of them markdown-it-py's tokens, which
    the request holds: on a 10 MB document, two such walks cost more than a second, a third of the
    format's own time. The blocks hold no reference cycles, so reference counting frees them anyway."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _dumps(data, indent: str = "") -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, byte for byte (written as if it began ``indent``
    deep), several times as fast (json's indenting encoder is pure Python, and most of a body is rich-text
    items, written here from templates); ``data`` holds only what blocks hold."""
    out: list[str] = []
    _write(data, indent, out, out.append)
    return "".join(out)


_TEXT_KEYS = ("type", "text", "annotations")
_CONTENT_KEYS = ("content", "link")
_text_templates: dict[str, tuple[str, str, str, str, str, str]] = {}  # indent -> the fixed parts of a text item
_annotation_texts: dict[tuple, str] = {}  # (indent, annotations' _flags) -> their JSON


def _write(value, indent: str, out: list, append) -> None:
    """Append ``value`` as json.dumps(indent=2, ensure_ascii=False) writes it, ``indent`` deep."""
    if isinstance(value, str):
        append(_encode_string(value))
    elif isinstance(value, dict):
        if not value:
            append("{}")
            return
        if len(value) == 3 and value.get("type") == "text" and tuple(value) == _TEXT_KEYS:
            text = value["text"]
            if isinstance(text, dict) and tuple(text) == _CONTENT_KEYS and isinstance(value["annotations"], dict):
                _write_text_item(value, text, indent, out, append)
                return
        inner = indent + "  "
        separator = "{\n" + inner
        for key, item in value.items():
            append(separator)
            append(_encode_string(key))
            append(": ")
            _write(item, inner, out, append)
            separator = ",\n" + inner
        append("\n" + indent + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            append("[]")
            return
        inner = indent + "  "
        separator = "[\n" + inner
        for item in value:
            append(separator)
            _write(item, inner, out, append)
            separator = ",\n" + inner
        append("\n" + indent + "]")
    elif value is None:
        append("null")
    elif value is True:
        append("true")
    elif value is False:
        append("false")
    elif isinstance(value, int):
        append(int.__repr__(value))
    else:
        append(json.dumps(value, ensure_ascii=False))


def _write_text_item(item: dict, text: dict, indent: str, out: list, append) -> None:
    """One text rich-text item, exactly as ``_write`` would write it, from per-indent templates."""
    parts = _text_templates.get(indent)
    if parts is None:
        i2, i4 = indent + "  ", indent + "    "
        parts = _text_templates[indent] = (
            '{\n' + i2 + '"type": "text",\n' + i2 + '"text": {\n' + i4 + '"content": ',
            ',\n' + i4 + '"link": ',
            '\n' + i2 + '},\n' + i2 + '"annotations": ',
            '\n' + indent + '}',
            '{\n' + i4 + '  "url": ',
            '\n' + i4 + '}',
        )
    head, link_key, annotations_key, end, url_key, url_end = parts
    append(head)
    append(_encode_string(text["content"]))
    append(link_key)
    link = text["link"]
    if link is None:
        append("null")
    elif type(link) is dict and len(link) == 1 and type(link.get("url")) is str:
        append(url_key)
        append(_encode_string(link["url"]))
        append(url_end)
    else:
        _write(link, indent + "    ", out, append)
    append(annotations_key)
    annotations = item["annotations"]
    flags = _flags(annotations)
    written = _annotation_texts.get((indent, flags)) if flags is not None else None
    if written is None:
        pieces: list[str] = []
        _write(annotations, indent + "  ", pieces, pieces.append)
        written = "".join(pieces)
        if flags is not None and len(_annotation_texts) < 1024:
            _annotation_texts[(indent, flags)] = written
    append(written)
    append(end)


_BOOLEANS = frozenset((id(True), id(False)))


def _flags(annotations: dict) -> tuple | None:
    """``annotations``' items when every value is True or False, to look up how they are written (not
    otherwise: 0 == False, but they are written differently)."""
    if _BOOLEANS.issuperset(map(id, annotations.values())):
        return tuple(annotations.items())
    return None


def build_blocks(request) -> list[dict]:
    """The document as Notion blocks: the full tree, every object within Notion's limits, any depth."""
    tokens = request.tokens  # parsed before the collector pauses: markdown-it-py is not ours to tune
    with _collector_paused():
        return _Builder(request).build(tokens)


# -- rich text ----------------------------------------------------------------------------------------


def _utf16_chunks(text: str, limit: int = TEXT_LIMIT):
    """``text`` in consecutive pieces of at most ``limit`` UTF-16 code units each, as the API counts.

    A piece ends after a whitespace character when one is near the limit, and never inside a surrogate
    pair; joined, the pieces are ``text``."""
    if len(text) * 2 <= limit:  # a code point is at most two code units
        yield text
        return
    data = text.encode("utf-16-le", "surrogatepass")
    start, size = 0, len(data)
    while start < size:
        end = min(start + 2 * limit, size)
        if end < size and 0xD800 <= int.from_bytes(data[end - 2 : end], "little") <= 0xDBFF:
            end -= 2  # keep a surrogate pair together
        piece = data[start:end].decode("utf-16-le", "surrogatepass")
        if end < size:
            tail = piece[-200:]
            found = max(tail.rfind(" "), tail.rfind("\n"), tail.rfind("\t"))
            if found > 0:
                piece = piece[: len(piece) - len(tail) + found + 1]
                end = start + len(piece.encode("utf-16-le", "surrogatepass"))
        yield piece
        start = end


def _annotations(bold=False, italic=False, strikethrough=False, code=False) -> dict:
    return {"bold": bold, "italic": italic, "strikethrough": strikethrough, "code": code}


def _text_items(text: str, bold=False, italic=False, strikethrough=False, code=False, url=None) -> list[dict]:
    link = {"url": url} if url else None
    return [
        {
            "type": "text",
            "text": {"content": piece, "link": link},
            "annotations": _annotations(bold, italic, strikethrough, code),
        }
        for piece in _utf16_chunks(text)
        if piece
    ]


def _plain(text: str) -> list[dict]:
    return _text_items(text)


def _size(obj) -> int:
    """Bytes ``obj`` can take in the output, wherever in a request body it sits: an upper bound.

    From the compact JSON, ``json.dumps(obj, ensure_ascii=False, separators=(",", ":"))``: every line the
    indented form has comes after a "{", "[" or ",", or before a "}" or "]", and gains at most
    _INDENT_PER_LINE bytes of indentation (the deepest a line sits in a body, including inside ``obj``);
    every ":" gains a space. That is a weight per character of the compact text (``_text_weight``), so
    the text need not be written: ``_weight`` adds up the weights of its parts."""
    return _weight(obj) + _LINE


_LINE = _INDENT_PER_LINE + 1  # a line's worst indentation and its newline


def _text_weight(text: str) -> int:
    """What ``text``, as part of the compact JSON, adds to ``_size``: its UTF-8 bytes, two lines for each
    "{" or "[", one for each ",", a space for each ":" (wherever they are, inside strings too)."""
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    return size + 2 * _LINE * (text.count("{") + text.count("[")) + _LINE * text.count(",") + text.count(":")


_EMPTY_WEIGHT = _text_weight("{}")  # == _text_weight("[]")
_COMMA_WEIGHT = _text_weight(",")
_COLON_WEIGHT = _text_weight(":")
_TEXT_ITEM_WEIGHT = _text_weight('{"type":"text","text":{"content":,"link":},"annotations":}')
_URL_WEIGHT = _text_weight('{"url":}')
_annotation_weights: dict[tuple, int] = {}  # annotations' _flags -> their weight
_word_weights: dict[str, int] = {}  # a short string (a block type, a colour) -> its weight


def _string_weight(text: str) -> int:
    """``_text_weight`` of ``text`` as a JSON string; short ones (keys, types, colours) remembered."""
    if len(text) > 32:
        return _text_weight(_encode_string(text))
    known = _word_weights.get(text)
    if known is None:
        known = _text_weight(_encode_string(text))
        if len(_word_weights) < 1024:
            _word_weights[text] = known
    return known


def _weight(obj) -> int:
    """``_text_weight`` of ``obj``'s compact JSON, from its parts; a text item (most of a block) from
    its content and its link, the rest of it known in advance."""
    if isinstance(obj, str):
        return _string_weight(obj)
    if isinstance(obj, dict):
        if len(obj) == 3 and obj.get("type") == "text" and tuple(obj) == _TEXT_KEYS:
            text, annotations = obj["text"], obj["annotations"]
            if isinstance(text, dict) and tuple(text) == _CONTENT_KEYS and isinstance(annotations, dict):
                return _text_item_weight(text, annotations)
        weight = (_EMPTY_WEIGHT + (len(obj) - 1) * _COMMA_WEIGHT) if obj else _EMPTY_WEIGHT
        for key, value in obj.items():
            weight += _string_weight(key) + _COLON_WEIGHT + _weight(value)
        return weight
    if isinstance(obj, (list, tuple)):
        weight = (_EMPTY_WEIGHT + (len(obj) - 1) * _COMMA_WEIGHT) if obj else _EMPTY_WEIGHT
        for value in obj:
            weight += _weight(value)
        return weight
    if obj is None or obj is True:
        return 4  # null, true
    if obj is False:
        return 5
    if isinstance(obj, int):
        return len(int.__repr__(obj))
    return _text_weight(json.dumps(obj, ensure_ascii=False))


def _text_item_weight(text: dict, annotations: dict) -> int:
    weight = _TEXT_ITEM_WEIGHT + _text_weight(_encode_string(text["content"]))
    link = text["link"]
    if link is None:
        weight += 4
    elif isinstance(link, dict) and len(link) == 1 and isinstance(link.get("url"), str):
        weight += _URL_WEIGHT + _text_weight(_encode_string(link["url"]))
    else:
        weight += _weight(link)
    flags = _flags(annotations)
    known = _annotation_weights.get(flags) if flags is not None else None
    if known is None:
        known = _weight(annotations)
        if flags is not None and len(_annotation_weights) < 1024:
            _annotation_weights[flags] = known
    return weight + known


def _fit_items(items: list[dict], limit: int = ITEMS_LIMIT, budget: int = _HEAD_BYTES) -> list[list[dict]]:
    """``items`` in consecutive runs that one rich-text array holds (at least one run, maybe empty)."""
    runs, current, used = [], [], 0
    for item in items:
        size = _size(item)
        if current and (len(current) >= limit or used + size > budget):
            runs.append(current)
            current, used = [], 0
        current.append(item)
        used += size
    runs.append(current)
    return runs


def _merge(items: list[dict]) -> list[dict]:
    """``items`` with neighbouring text items of the same look joined (then split at the limit again)."""
    merged: list = []  # items, or [pieces, annotations, link] for text
    for item in items:
        if item["type"] != "text":
            merged.append(item)
            continue
        text, annotations = item["text"], item["annotations"]
        last = merged[-1] if merged else None
        if isinstance(last, list) and last[1] == annotations and last[2] == text["link"]:
            last[0].append(text["content"])
        else:
            merged.append([[text["content"]], annotations, text["link"]])
    result = []
    for entry in merged:
        if isinstance(entry, dict):
            result.append(entry)
        else:
            pieces, annotations, link = entry
            result += _text_items("".join(pieces), url=link["url"] if link else None, **annotations)
    return result


def _text_of(items: list[dict]) -> str:
    return "".join(item["text"]["content"] for item in items if item["type"] == "text")


def web_url(url: str) -> bool:
    """Whether Notion accepts ``url`` as a link: absolute http(s) or mailto, at most 2000 characters."""
    return len(url) <= URL_LIMIT and not _CONTROL.search(url) and bool(_URL.match(url))


class _Inline:
    """Rich text from an inline token's children (markdown-it-py's renderInline, one method per type).

    ``mode`` says what an image becomes: "blocks" (an image block between text parts), "cell" (a table
    cell: the alt text, linked) or "caption" (inside alt text: its own alt text)."""

    def __init__(self, builder, mode: str = "blocks"):
        self.builder = builder
        self.request = builder.request
        self.mode = mode
        self.parts: list[tuple[str, list]] = []  # ("text", runs) and ("blocks", [block, ...])
        self.runs: list[list] = []  # [[pieces], key] with key = (bold, italic, strike, code, url)
        self.bold = self.italic = self.strike = 0
        self.links: list[str | None] = []  # the URL of each open link, None when it cannot be kept
        self.shown = 0  # how many texts and images so far (to notice a link that shows nothing)
        self.shown_at: list[int] = []  # ``shown`` when each open link opened

    # -- driving

    def build(self, children) -> list[tuple[str, list]]:
        """("text", items) and ("blocks", blocks) parts, in document order."""
        self.walk(children)
        self._end_text()
        return [(kind, self._items(value) if kind == "text" else value) for kind, value in self.parts]

    def walk(self, children) -> None:
        for token in children:
            getattr(self, token.type, self.unknown)(token)

    def run(self, text: str, code: bool = False) -> None:
        if not text:
            return
        self.shown += 1
        url = self.links[-1] if self.links else None
        key = (self.bold > 0, self.italic > 0, self.strike > 0, code, url)
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
            items += _text_items("".join(pieces), bold, italic, strike, code, url)
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

    def link_close(self, token) -> None:
        url, shown_at = self.links.pop(), self.shown_at.pop()
        if url and shown_at == self.shown:
            self.request.lose("link without text dropped (nothing to click)")

    def html_inline(self, token) -> None:
        self.request.lose("raw HTML kept as text")
        self.run(token.content)

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
            self.walk(alt)  # the alt text stays, in place; checked_url reported the loss
            return
        if self.links:
            self.request.lose("link around an image dropped (Notion images cannot link)")
        if token.attrs.get("title"):
            self.request.lose("image title dropped (the caption is its alt text)")
        [(_, caption)] = _Inline(self.builder, "caption").build(alt)
        fitted = _fit_items(caption)
        block = {"type": "image", "image": {"type": "external", "external": {"url": src}}}
        if fitted[0]:
            block["image"]["caption"] = fitted[0]
        blocks = [block]
        if len(fitted) > 1:
            self.request.lose("image caption too long for Notion: the rest follows the image")
            blocks += [_block("paragraph", run) for run in fitted[1:]]
        self._end_text()
        self.parts.append(("blocks", blocks))
        self.shown += 1

    def unknown(self, token) -> None:
        self.request.lose(f"unsupported Markdown element '{token.type}' kept as text")
        self.run(token.content)


# -- blocks -------------------------------------------------------------------------------------------


def _block(kind: str, rich_text: list[dict], **extra) -> dict:
    return {"type": kind, kind: {"rich_text": rich_text, **extra}}


class _Frame:
    """An open block whose nested blocks go into ``children``; ``awaiting`` until it has its text."""

    __slots__ = ("block", "children", "awaiting", "parent", "task")

    def __init__(self, block, children, parent=None, awaiting=False, task=None):
        self.block, self.children, self.parent, self.awaiting, self.task = block, children, parent, awaiting, task


class _Table:
    __slots__ = ("block", "rows", "row", "aligned")

    def __init__(self, block):
        self.block, self.rows, self.row, self.aligned = block, [], [], False


class _Builder:
    """Walks markdown-it-py's flat block tokens (as RendererHTML does, one method per token type) and
    builds the nested block tree."""

    def __init__(self, request):
        self.request = request
        self.blocks: list[dict] = []
        self.frames = [_Frame(None, self.blocks)]
        self.lists: list[str] = []  # block type of each open list
        self.target = None  # what the next inline token becomes
        self.heading = 1
        self.table: _Table | None = None
        self.footnote: str | None = None  # "[n] " until the footnote's first paragraph takes it

    def build(self, tokens) -> list[dict]:
        for token in tokens:
            getattr(self, token.type, self.unknown)(token)
        return self.blocks

    # -- helpers

    def checked_url(self, url: str, what: str) -> str | None:
        """``url`` when Notion takes it, else None and a loss (the text stays, without the URL)."""
        if web_url(url):
            return url
        if len(url) > URL_LIMIT:
            self.request.lose(f"{what} URL longer than {URL_LIMIT} characters: its text kept without it")
        else:
            self.request.lose(f"{what} to a relative or non-web URL: its text kept without it")
        return None

    def add(self, *blocks: dict) -> None:
        frame = self.frames[-1]
        frame.children.extend(blocks)
        frame.awaiting = False

    def text_blocks(self, kind: str, items: list[dict], **extra) -> list[dict]:
        runs = _fit_items(items)
        if len(runs) > 1:
            self.request.lose("text too long for one Notion block continued in the next block of its kind")
        return [_block(kind, run, **extra) for run in runs]

    def host_text(self, parts) -> tuple[list[dict], list[dict]]:
        """A heading's or a list item's text and the image blocks that must follow it."""
        items, blocks = [], []
        for kind, value in parts:
            if kind == "blocks":
                blocks += value
            else:
                if blocks and _text_of(value).strip():
                    self.request.lose("inline image moved below the text it was in")
                items += value
        return (_merge(items) if blocks else items), blocks

    def open_container(self, kind: str, task=None, **extra) -> None:
        block = _block(kind, [], **extra)
        parent = self.frames[-1]
        self.add(block)
        self.frames.append(_Frame(block, [], parent, awaiting=True, task=task))

    def close_container(self) -> None:
        frame = self.frames.pop()
        if frame.children:
            frame.block[frame.block["type"]]["children"] = frame.children

    def inline(self, token) -> None:
        target, self.target = self.target or self.paragraph, None
        builder = _Inline(self, "cell" if target == self.cell else "blocks")
        if self.footnote is not None and target == self.paragraph:
            builder.run(self.footnote)
            self.footnote = None
        target(builder.build(token.children or []))

    # -- inline targets

    def paragraph(self, parts) -> None:
        around_images = len(parts) > 1
        for kind, value in parts:
            if kind == "blocks":
                self.add(*value)
            elif value and not (around_images and not _text_of(value).strip()):
                self.add(*self.text_blocks("paragraph", value))

    def container_text(self, parts) -> None:
        frame = self.frames[-1]
        items, images = self.host_text(parts)
        if frame.task is not None:
            items = self.task_items(frame.task, items)
        kind = frame.block["type"]
        payload = frame.block[kind]
        runs = _fit_items(items)
        if len(runs) > 1:
            self.request.lose("text too long for one Notion block continued in the next block of its kind")
            extra = {key: value for key, value in payload.items() if key != "rich_text"}
            frame.parent.children[-1:-1] = [_block(kind, run, **extra) for run in runs[:-1]]
        payload["rich_text"] = runs[-1]
        frame.children.extend(images)
        frame.awaiting = False

    def task_items(self, meta: dict, items: list[dict]) -> list[dict]:
        """A task's text with its owner in front and its due date after, as mentions where possible."""
        owner, due = meta.get("owner"), meta.get("due")
        before, after = [], []
        if owner:
            member = self.request.member(owner) or {}
            user = member.get("notion")
            if isinstance(user, str) and _USER_ID.match(user):
                before.append({"type": "mention", "mention": {"type": "user", "user": {"id": user}},
                               "annotations": _annotations()})
            else:
                if user:
                    self.request.lose("owner whose Notion user id is not a UUID kept as text")
                before += _plain(f"@{owner}")
            if items:
                before += _plain(" ")
        if due:
            after += _plain(" (due " if (items or before) else "(due ")
            if _DATE.match(due) and is_date(due):
                after.append({"type": "mention", "mention": {"type": "date", "date": {"start": due}},
                              "annotations": _annotations()})
            else:
                self.request.lose("due date that is not a calendar date kept as text")
                after += _plain(due)
            after += _plain(")")
        return _merge(before + items + after)

    def heading_text(self, parts) -> None:
        items, images = self.host_text(parts)
        self.add(*self.text_blocks(f"heading_{self.heading}", items), *images)

    def cell(self, parts) -> None:
        self.table.row.append(parts[0][1] if parts else [])

    # -- block token types

    def heading_open(self, token) -> None:
        level = int(token.tag[1:])
        if level > 3:
            self.request.lose("heading levels 4-6 shown as heading 3 (Notion has three levels)")
        self.heading = min(level, 3)
        self.target = self.heading_text

    def heading_close(self, token) -> None:
        pass

    def paragraph_open(self, token) -> None:
        self.target = self.container_text if self.frames[-1].awaiting else self.paragraph

    def paragraph_close(self, token) -> None:
        pass

    def bullet_list_open(self, token) -> None:
        self.lists.append("bulleted_list_item")

    def ordered_list_open(self, token) -> None:
        if int(token.attrs.get("start", 1)) != 1:
            self.request.lose("numbered list start number dropped (Notion numbers from 1)")
        siblings = self.frames[-1].children
        if siblings and siblings[-1]["type"] == "numbered_list_item":
            self.request.lose("numbered list right after another joined to it (Notion continues the numbering)")
        self.lists.append("numbered_list_item")

    def bullet_list_close(self, token) -> None:
        self.lists.pop()

    ordered_list_close = bullet_list_close

    def list_item_open(self, token) -> None:
        meta = token.meta or {}
        if "task" in meta:
            if self.lists[-1] == "numbered_list_item":
                self.request.lose("numbered task shown as a to-do without its number")
            self.open_container("to_do", task=meta, checked=bool(meta["task"]))
        else:
            self.open_container(self.lists[-1])

    def list_item_close(self, token) -> None:
        self.close_container()

    def blockquote_open(self, token) -> None:
        alert = (token.meta or {}).get("alert")
        if alert in ALERTS:
            emoji, color = ALERTS[alert]
            self.open_container("callout", icon={"type": "emoji", "emoji": emoji}, color=color)
        else:
            self.open_container("quote")

    def blockquote_close(self, token) -> None:
        self.close_container()

    def fence(self, token) -> None:
        words = token.info.split(maxsplit=1)
        name = words[0].lower() if words else ""
        language = LANGUAGE_ALIASES.get(name, name) if name else "plain text"
        if language not in LANGUAGES:
            self.request.lose("code language not in Notion's list shown as plain text")
            language = "plain text"
        if len(words) > 1:
            self.request.lose("code block info after the language dropped")
        self.code(token.content, language)

    def code_block(self, token) -> None:
        self.code(token.content, "plain text")

    def code(self, content: str, language: str) -> None:
        content = content[:-1] if content.endswith("\n") else content
        self.add(*self.text_blocks("code", _plain(content), language=language))

    def hr(self, token) -> None:
        self.add({"type": "divider", "divider": {}})

    def html_block(self, token) -> None:
        self.request.lose("raw HTML kept as text")
        content = token.content[:-1] if token.content.endswith("\n") else token.content
        if content:
            self.add(*self.text_blocks("paragraph", _plain(content)))

    def table_open(self, token) -> None:
        block = {"type": "table", "table": {"table_width": 1, "has_column_header": True,
                                            "has_row_header": False, "children": []}}
        self.add(block)
        self.table = _Table(block)

    def thead_open(self, token) -> None:
        pass

    thead_close = tbody_open = tbody_close = th_close = td_close = thead_open

    def tr_open(self, token) -> None:
        self.table.row = []

    def tr_close(self, token) -> None:
        self.table.rows.append(self.table.row)

    def th_open(self, token) -> None:
        if token.attrs.get("style"):
            self.table.aligned = True
        self.target = self.cell

    td_open = th_open

    def table_close(self, token) -> None:
        table, self.table = self.table, None
        width = max(1, max((len(row) for row in table.rows), default=1))
        budget = max(_HEAD_BYTES // width, 1)
        rest: list[dict] = []
        rows = []
        for row in table.rows:
            cells = []
            for items in row + [[]] * (width - len(row)):
                runs = _fit_items(items, budget=budget)
                cell, overflow = runs[0], [item for run in runs[1:] for item in run]
                if cell and sum(_size(item) for item in cell) > budget:
                    cell, overflow = [], items  # one piece alone is more than a narrow column's share
                if overflow:
                    self.request.lose("table cell too long for Notion: the rest follows the table")
                    rest += overflow
                cells.append(cell)
            rows.append({"type": "table_row", "table_row": {"cells": cells}})
        payload = table.block["table"]
        payload["table_width"] = width
        payload["children"] = rows
        if table.aligned:
            self.request.lose("table column alignment dropped")
        if rest:
            self.add(*self.text_blocks("paragraph", rest))

    def footnote_block_open(self, token) -> None:
        pass

    footnote_block_close = footnote_anchor = footnote_block_open

    def footnote_open(self, token) -> None:
        self.footnote = f"[{token.meta['id'] + 1}] "

    def footnote_close(self, token) -> None:
        if self.footnote is not None:  # a note that did not start with a paragraph
            self.add(_block("paragraph", _plain(self.footnote.strip())))
            self.footnote = None

    def unknown(self, token) -> None:
        self.request.lose(f"unsupported Markdown element '{token.type}' kept as text")
        if token.content and token.type != "inline":
            self.add(*self.text_blocks("paragraph", _plain(token.content)))


# -- per-request limits -------------------------------------------------------------------------------


def request_bodies(blocks: list[dict], request) -> list[dict]:
    """Request bodies ``{"children": [...]}`` that carry ``blocks`` in order, each within one request's
    limits (nesting, 100 children per array, 1000 blocks, 500 KB). ``blocks`` is left unchanged."""
    with _collector_paused():
        return [{"children": children} for children in _bodies(_limited(blocks, request), request)]


def _limited(blocks: list[dict], request) -> list[dict]:
    """``blocks`` with nothing deeper than one request carries (a new list; see ``_limit_depth``)."""
    return _limit_depth(blocks, request, 0)[0]


def _bodies(blocks: list[dict], request):
    """The top-level blocks of each request body in turn, ``blocks`` cut to fit (``_fit``) and packed in
    order. ``blocks`` (a list of the caller's own) is emptied as it goes, so that a caller that writes each
    body and lets it go (``render``) never holds the whole document twice."""
    current: list[dict] = []
    used = count = 0
    for index in range(len(blocks)):
        block, blocks[index] = blocks[index], None
        for piece, size, blocks_in in _fit(block, 0, request):
            full = len(current) >= CHILDREN_LIMIT or count + blocks_in > REQUEST_BLOCKS
            if current and (full or used + size > _PIECE_BYTES[0]):
                yield current
                current, used, count = [], 0, 0
            current.append(piece)
            used += size
            count += blocks_in
    yield current


def _with_children(block: dict, children: list[dict] | None) -> dict:
    kind = block["type"]
    payload = {key: value for key, value in block[kind].items() if key != "children"}
    if children:
        payload["children"] = children
    return {**block, kind: payload}


def _limit_depth(blocks: list[dict], request, level: int) -> tuple[list[dict], list[dict]]:
    """``blocks`` (at ``level``) with nothing deeper than DEPTH_LIMIT, and the tables that must move up."""
    out, tables = [], []
    for block in blocks:
        kind = block["type"]
        if kind == "table":
            if level >= DEPTH_LIMIT:
                request.lose("table nested deeper than one Notion request allows moved up after its parent")
                tables.append(block)
            else:
                out.append(block)
            continue
        children = block[kind].get("children")
        if not children:
            out.append(block)
            continue
        if level < DEPTH_LIMIT:
            kept, moved = _limit_depth(children, request, level + 1)
            out.append(_with_children(block, kept))
            if level + 1 == DEPTH_LIMIT:
                out += moved  # tables from below now sit right after their parent, where they fit
            else:
                tables += moved
        else:
            request.lose("blocks nested deeper than one Notion request allows moved up to the third level")
            out.append(_with_children(block, None))
            kept, moved = _limit_depth(children, request, level)
            out += kept
            tables += moved
    return out, tables


def _continuation(block: dict) -> dict:
    """An empty block of ``block``'s type that carries on its children."""
    kind = block["type"]
    payload = block[kind]
    if kind == "table":
        return {"type": kind, kind: {"table_width": payload["table_width"], "has_column_header": False,
                                     "has_row_header": False}}
    extra = {key: value for key, value in payload.items() if key not in ("rich_text", "children")}
    return _block(kind, [], **extra)


def _fit(block: dict, level: int, request) -> list[tuple[dict, int, int]]:
    """``block`` as consecutive blocks of its type that each fit a request (with their size and count)."""
    kind = block["type"]
    children = block[kind].get("children")
    head = _with_children(block, None)
    head_size = _size(head)
    if not children:
        return [(block, head_size, 1)]
    fitted = [piece for child in children for piece in _fit(child, level + 1, request)]
    budget = _PIECE_BYTES[level]
    groups: list[tuple[list[dict], int, int]] = []
    current, used, count = [], head_size + 64, 1
    for child, size, blocks_in in fitted:
        fits = len(current) < CHILDREN_LIMIT and used + size <= budget and count + blocks_in <= REQUEST_BLOCKS
        if not fits and (current or (not groups and kind != "table")):  # a table needs a row
            groups.append((current, used, count))
            current, used, count = [], _size(_continuation(block)) + 64, 1
        current.append(child)
        used += size
        count += blocks_in
    groups.append((current, used, count))
    if len(groups) > 1:
        request.lose("block with more nested blocks than one Notion request allows split into consecutive blocks")
    result = []
    for index, (group, size, blocks_in) in enumerate(groups):
        base = block if index == 0 else _continuation(block)
        result.append((_with_children(base, group), size, blocks_in))
    return result
