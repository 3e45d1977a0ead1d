"""What every output format starts from: the Markdown document, parsed once into markdown-it-py tokens
with retrokit's conventions marked, and a place to report what a format cannot express.

Conventions (all plain GFM, readable as text), marked on the tokens by a core rule:
- ``> [!NOTE]`` (also TIP, IMPORTANT, WARNING, CAUTION) as a block quote's first line:
  ``blockquote_open.meta["alert"] = "note"``; the marker line is removed from the quote's text.
- ``- [ ] text`` / ``- [x] text``: ``list_item_open.meta["task"] = False | True``; the box is removed.
  In a task, a leading ``@owner`` sets ``meta["owner"]`` and ``(due YYYY-MM-DD)`` (a real date) at the
  end of its first line sets ``meta["due"]``; both are removed from the text (renderers add them back
  natively).
- GFM tables, ~strikethrough~ (one or two tildes) and autolinks (bare URLs, ``www.``, e-mail addresses);
  footnotes are parsed (mdit-py-plugins) so formats can report them. See ``markdown_rules`` for the
  table test and for what happens past markdown-it's nesting limit.
Raw HTML is parsed as ``html_block`` / ``html_inline`` so formats can escape it and report it.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from retrokit.patterns import lazy_compile

#: Reported (by every format) when Markdown nested past the parser's limit was read as plain paragraphs.
LOSS_FLATTENED = "Markdown nested more than 20 levels deep kept as plain paragraphs"
ALERTS = ("note", "tip", "important", "warning", "caution")
_ALERT = lazy_compile(r"\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|\Z)", re.IGNORECASE)
_TASK = lazy_compile(r"\[([ xX])\](?:[ \t]+|\Z)")
_OWNER = lazy_compile(r"@([^\W_](?:[\w.\-]*\w)?)(?:[ \t]+|\Z)")  # letters of any script
_DUE = lazy_compile(r"[ \t]*\(due[ \t]+([0-9]{4}-[0-9]{2}-[0-9]{2})\)[ \t]*\Z")  # searched in the first line


def is_date(text: str) -> bool:
    """Whether ``text`` is a real calendar date written YYYY-MM-DD."""
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


#: The labels of the alerts' boxes (html, confluence), by alert; translated like template text.
ALERT_TITLES = {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"}


def alert_title(alert: str) -> str:
    """The label of an alert's box, in the language the document is rendered in."""
    from retrokit.i18n.strings import translate

    return translate(ALERT_TITLES.get(alert, alert.capitalize()))


def _mark_conventions(state) -> None:
    tokens = state.tokens
    for i, token in enumerate(tokens[:-2]):
        first, inline = tokens[i + 1], tokens[i + 2]
        if first.type != "paragraph_open" or inline.type != "inline":
            continue
        if token.type == "blockquote_open":
            found = _ALERT.match(inline.content)
            if found:
                token.meta["alert"] = found.group(1).lower()
                inline.content = inline.content[found.end() :]
        elif token.type == "list_item_open":
            found = _TASK.match(inline.content)
            if not found:
                continue
            token.meta["task"] = found.group(1) != " "
            text = inline.content[found.end() :]
            owner = _OWNER.match(text)
            if owner:
                token.meta["owner"] = owner.group(1)
                text = text[owner.end() :]
            line_end = text.find("\n")
            due = _DUE.search(text, 0, len(text) if line_end < 0 else line_end)
            if due and is_date(due.group(1)):
                token.meta["due"] = due.group(1)
                text = text[: due.start()] + text[due.end() :]
            inline.content = text


#: Inline tokens by the text they were parsed from: an agenda's lines (prompt texts, notes, headings)
#: recur in every agenda, so rendering many agendas parses each line once. Bounded; entries are never
#: handed out, only copies of them (a renderer may change the tokens it is given).
_INLINE: dict[str, tuple] = {}
_INLINE_LIMIT = 20000


_TOKEN_FIELDS = (
    "type", "tag", "nesting", "attrs", "map", "level", "children", "content", "markup", "info", "meta", "block", "hidden",
)


def _frozen(token) -> tuple:
    """``token`` as a tuple of its fields, in ``_TOKEN_FIELDS`` order, with its attrs, map, children and
    meta as tuples too. The garbage collector stops tracking a tuple of plain values: the caches below
    hold tens of thousands of tokens, which every full collection would otherwise walk."""
    children = token.children
    return (
        token.type, token.tag, token.nesting, tuple(token.attrs.items()) if token.attrs else (),
        None if token.map is None else tuple(token.map), token.level,
        None if children is None else tuple(map(_frozen, children)), token.content, token.markup, token.info,
        tuple(token.meta.items()) if token.meta else (), token.block, token.hidden,
    )


def _thawed(frozen: tuple, cls, down: int = 0, new=object.__new__):
    """A new token of class ``cls`` from what ``_frozen`` made, with lists and dicts of its own and its
    lines ``down`` further down (not its children's). Slot by slot: several times faster than the
    dataclass's own __init__, at hundreds of tokens an agenda."""
    token = new(cls)
    (token.type, token.tag, token.nesting, attrs, lines, token.level, children,
     token.content, token.markup, token.info, meta, token.block, token.hidden) = frozen
    token.attrs = dict(attrs)
    token.map = None if lines is None else [lines[0] + down, lines[1] + down]
    token.children = None if children is None else [_thawed(child, cls) for child in children]
    token.meta = dict(meta)
    return token


def _inline(state, cls) -> None:
    """markdown-it's ``inline`` core rule, remembering what each text parses to. Text with a bracket is
    always parsed afresh: links by reference and footnotes depend on the rest of the document."""
    md, env = state.md, state.env
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        content = token.content
        if "[" in content or "]" in content:
            md.inline.parse(content, md, env, token.children)
            continue
        known = _INLINE.get(content)
        if known is None:
            md.inline.parse(content, md, env, token.children)
            if len(_INLINE) < _INLINE_LIMIT:
                _INLINE[content] = tuple(map(_frozen, token.children))
        else:
            token.children.extend(_thawed(child, cls) for child in known)


#: Block tokens by the text of a stretch of top-level blocks (see ``_block``): an agenda's headings,
#: intros and many of its sections recur in every agenda. Bounded; entries are only handed out as copies.
_BLOCKS: dict[str, tuple] = {}
_BLOCKS_LIMIT = 4000
#: Where a stretch may end: a blank line, then a line that starts in its first column. No block that
#: began before it goes on there, but a list (a list item after a blank line continues the list), a
#: fence and an HTML block (these two run on past blank lines: ``_RUNS_ON``).
_STRETCH_END = lazy_compile(r"\n[ \t]*\n(?=[^ \t\n])")
_RUNS_ON = lazy_compile(r"^[ \t]*(?:```|~~~|<)", re.MULTILINE)
#: A stretch whose tokens nest this deep is parsed with the rest of the document (markdown-it's nesting
#: limit and ``markdown_rules``' flattening read up to the document's end).
_DEEP = 10


def _stretches(src: str) -> list[str]:
    """``src`` cut where one top-level block ends and the next begins (``_STRETCH_END``): before a list
    item only when the stretch so far holds no list item (so no list it could continue)."""
    stretches, start = [], 0
    for end in _STRETCH_END.finditer(src):
        cut = end.end()
        if _list_item_at(src, cut) and any(_list_item_at(line.lstrip(" \t")) for line in src[start:cut].split("\n")):
            continue
        stretches.append(src[start:cut])
        start = cut
    stretches.append(src[start:])
    return stretches


def _list_item_at(text: str, at: int = 0) -> bool:
    """Whether a list marker starts at ``at``: ``-``, ``+`` or ``*``, or 1-9 digits and ``.`` or ``)``,
    then a space, a tab, the line's end or the text's."""
    if text[at : at + 1] in ("-", "+", "*"):
        after = at + 1
    else:
        digits = at
        while digits < len(text) and digits - at < 10 and "0" <= text[digits] <= "9":
            digits += 1
        if not 0 < digits - at <= 9 or text[digits : digits + 1] not in (".", ")"):
            return False
        after = digits + 1
    return text[after : after + 1] in ("", " ", "\t", "\n")


def _block(state, whole, cls) -> None:
    """markdown-it's ``block`` core rule, remembering what each stretch of top-level blocks parses to
    (``_stretches``): markdown-it parses each top-level block from the lines it starts at on, and none
    reads past the end of its stretch, so the stretches parsed apart give the document's tokens. The
    whole document is parsed at once instead when it holds a fence or HTML at a line start, or a stretch
    sets anything in the parser's env (link references, footnotes, flattened nesting) or nests deep:
    ``whole``, markdown-it's own rule. ``cls``: markdown-it's Token."""
    md, src = state.md, state.src
    if state.inlineMode or _RUNS_ON.search(src):
        whole(state)
        return
    tokens, line = [], 0
    for stretch in _stretches(src):
        known = _BLOCKS.get(stretch)
        if known is not None:
            tokens += [_thawed(frozen, cls, line) for frozen in known]
        else:
            env: dict = {}
            parsed = md.block.parse(stretch, md, env, []) or []
            if env or any(token.level >= _DEEP for token in parsed):
                whole(state)
                return
            if len(_BLOCKS) < _BLOCKS_LIMIT:
                _BLOCKS[stretch] = tuple(map(_frozen, parsed))
            for token in parsed:  # these are the document's own: moved down to where the stretch is
                if token.map is not None:
                    token.map = [token.map[0] + line, token.map[1] + line]
            tokens += parsed
        line += stretch.count("\n")
    state.tokens.extend(tokens)


@lru_cache(maxsize=1)
def parser():
    """The one markdown-it parser, made on first use and shared by every render."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

    from retrokit import markdown_rules

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(footnote_plugin)
    md.options["strikethrough_single_tilde"] = True  # GFM: ~one~ strikes too (markdown-it-py >= 4.1)
    md.use(gfm_autolink_plugin)  # GFM: bare http(s)://, www. and e-mail addresses are links
    markdown_rules.install(md)
    md.core.ruler.after("block", "retrokit_conventions", _mark_conventions)
    import dataclasses

    from markdown_it.token import Token

    if tuple(field.name for field in dataclasses.fields(Token)) == _TOKEN_FIELDS:  # what _frozen keeps
        whole = next(rule.fn for rule in md.core.ruler.__rules__ if rule.name == "block")
        md.core.ruler.at("block", lambda state: _block(state, whole, Token))
        md.core.ruler.at("inline", lambda state: _inline(state, Token))
    return md


def parse(markdown: str):
    """markdown-it-py tokens for ``markdown``, with retrokit's conventions marked (see above)."""
    return parser().parse(markdown)


def member_key(name: str) -> str:
    """Who a name means, everywhere a name is matched (mentions, ledger owners, 1:1 series): case,
    accents, spaces and punctuation ignored (``José Núñez`` = ``@jose.nunez``), letters of any script
    kept (``山田``); a name with no letter or digit (``🎉``) compares as written."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in folded if c.isalnum()) or " ".join(name.split())


class RenderRequest:
    """One document to render: the Markdown, the agenda it came from (None for ``convert``), the
    team's config (``config``, with its members for mentions), the settings of the plugin whose format
    runs (``settings``, set by ``use_format``), and the losses the format reports."""

    def __init__(self, markdown: str, *, agenda=None, members=None, title: str = "", config=None, language=None):
        if config is None:
            from retrokit.config import TeamConfig

            config = TeamConfig(members=list(members or ()))
        self.markdown = markdown
        self.agenda = agenda
        self.title = title
        #: the ``i18n.catalog.Language`` an agenda was rendered in (None: English, or ``convert``)
        self.language = language
        #: the team's ``retrokit.config.TeamConfig`` (empty defaults without a team folder)
        self.config = config
        #: the ``[plugin.NAME]`` table of the plugin whose format is rendering (``{}`` without one)
        self.settings: dict = {}
        members = config.members if members is None else members
        self._members = {member_key(m["name"]): m for m in reversed(members) if m.get("name")}  # first wins
        #: kind of loss -> how many times it happened, in the order first seen
        self.losses: dict[str, int] = {}

    def use_format(self, output_format) -> None:
        """Set ``settings`` for ``output_format`` (a ``retrokit.model.OutputFormat``), before it renders."""
        self.settings = self.config.plugin_settings(output_format.plugin)

    @cached_property
    def tokens(self):
        env: dict = {}
        tokens = parser().parse(self.markdown, env)
        # The footnote plugin drops definitions nothing refers to; say so rather than lose them quietly.
        for label, value in env.get("footnotes", {}).get("refs", {}).items():
            if value < 0:
                self.lose("footnote definitions never referenced left out")
        if env.get("retrokit_flattened"):
            self.lose(LOSS_FLATTENED)
        return tokens

    def member(self, owner: str) -> dict | None:
        """The team member an ``@owner`` names (case, spaces and punctuation ignored), if any."""
        return self._members.get(member_key(owner))

    def lose(self, what: str) -> None:
        """Report something the format cannot express, e.g. ``lose("raw HTML escaped as text")``."""
        self.losses[what] = self.losses.get(what, 0) + 1

    def document_title(self) -> str:
        """The title: given, else the agenda's, else the first level-1 heading, else ''."""
        if self.title:
            return self.title
        if self.agenda is not None:
            return self.agenda.title
        tokens = self.tokens
        for i, token in enumerate(tokens):
            if token.type == "heading_open" and token.tag == "h1":
                return plain_text(tokens[i + 1])
        return ""


def plain_text(inline, *, links: bool = False) -> str:
    """The text an inline token shows, without its markup: ``**a** \\# `b`` -> ``a # b``. With
    ``links``, a link whose text is not its address is followed by `` (address)``."""
    parts: list[str] = []
    link_start: list[tuple[int, str]] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(plain_text(child, links=links))
        elif links and child.type == "link_open":
            link_start.append((len(parts), str(child.attrs.get("href", ""))))
        elif links and child.type == "link_close" and link_start:
            start, href = link_start.pop()
            if href:
                parts.append(visible_address(href, "".join(parts[start:])))
    return "".join(parts)


def visible_address(href: str, shown: str) -> str:
    """What follows a link's text where the link itself cannot be kept, so that its address stays
    readable: `` (address)``, or nothing when the text already is the address (``a@b.org`` for
    ``mailto:a@b.org``, ``www.x.org`` for ``http://www.x.org``, as autolinks make them)."""
    from urllib.parse import unquote

    shown = shown.strip()
    same = (shown, f"mailto:{shown}", f"http://{shown}")
    return "" if href in same or unquote(href) in same else f" ({href})"
