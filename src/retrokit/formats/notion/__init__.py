"""The ``notion`` format: Notion API blocks, as the JSON body of an append-block-children request.

Output: ``{"children": [block, ...]}``, the body of ``PATCH /v1/blocks/{page_id}/children``.
When the blocks do not fit in one request (more than 100 top-level blocks, more than 1000 blocks in
all, or more than 500 KB), the output is instead a JSON array of such bodies,
``[{"children": [...]}, {"children": [...]}, ...]``, to be appended to the same page in that order.

For the publisher: ``build_blocks(request)`` returns the full nested block tree (every block's children
inside its type payload, as Notion wants), already within Notion's per-object limits; ``request_bodies(blocks,
request)`` cuts such a tree into request bodies that one call each accepts. ``render`` is the two
together, as JSON.

Where the code is: ``blocks`` walks the block tokens into the block tree (``build_blocks``), ``inline``
turns an inline token into rich text, ``rich_text`` makes and merges rich-text items and cuts them to the
limits, ``languages`` names the code languages; ``packing`` cuts a tree into request bodies
(``request_bodies``), ``sizes`` measures the bytes a piece takes, ``json_writer`` writes the bodies, ``limits``
holds Notion's numbers and the byte budgets, ``collector`` pauses the garbage collector meanwhile.

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
    link                        text.link {"url"} (absolute http(s) only; else " (address)" after its text)
    soft break / hard break     " " / "\\n"
    raw HTML                    the safe subset of formats.html_subset: annotations, links, image
                                blocks, line breaks, details -> toggle; other tags: their text  + loss
    footnote                    "[n]" in the text, the note as "[n] …" at the end  + loss

A link around an image (a README badge) links the image's caption (its alt text, else the address).

Other losses reported (each keeps the text): a link's or an image's title; a link
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
- link URLs: at most 2000 characters and absolute http(s) (Notion refuses mailto: and other schemes);
  others keep their text without the link, followed by `` (address)`` unless the text is the address
  (+ loss).
- nesting: a request carries blocks, their children and their grandchildren, no deeper: deeper blocks are
  moved up into the deepest allowed level, in order (+ loss); a table (which needs its rows one level
  below it) that would sit at that deepest level is moved up after its parent block (+ loss).
- children arrays: at most 100 blocks; a request: at most 1000 blocks and 500 KB. A block with more
  nested content than that is split into consecutive blocks of its type (+ loss); top-level blocks are
  spread over as many request bodies as needed (not a loss: the page is the same).
"""

from __future__ import annotations

from retrokit.formats.notion.blocks import ALERTS, build_blocks
from retrokit.formats.notion.collector import collector_paused
from retrokit.formats.notion.json_writer import dumps
from retrokit.formats.notion.languages import LANGUAGE_ALIASES, LANGUAGES
from retrokit.formats.notion.limits import (
    CHILDREN_LIMIT, DEPTH_LIMIT, ITEMS_LIMIT, REQUEST_BLOCKS, REQUEST_BYTES, TEXT_LIMIT, URL_LIMIT,
)
from retrokit.formats.notion.packing import body_children, depth_limited, one_body, request_bodies
from retrokit.formats.notion.rich_text import web_url

__all__ = [
    "ALERTS", "CHILDREN_LIMIT", "DEPTH_LIMIT", "ITEMS_LIMIT", "LANGUAGES", "LANGUAGE_ALIASES", "REQUEST_BLOCKS",
    "REQUEST_BYTES", "TEXT_LIMIT", "URL_LIMIT", "build_blocks", "render", "request_bodies", "web_url",
]


def render(request) -> str:
    """The JSON body (or bodies, see the module docstring) appending ``request``'s document to a page.

    The same text as ``json.dumps(bodies[0] if len(bodies) == 1 else bodies, indent=2, ensure_ascii=False)``
    for ``bodies = request_bodies(build_blocks(request), request)``, plus a newline, made body by body: each
    body is written as soon as it is complete and its blocks are let go, so a large document never has its
    block tree, its request bodies and its text in memory all at once. The text is gathered as UTF-8 and
    decoded once at the end: one copy of the output as ``str`` (4 bytes a character once it holds an
    emoji) rather than a list of pieces plus their join. A document that plainly fits one request (most
    agendas) is written in one go instead (``packing.one_body``), without measuring its pieces."""
    with collector_paused():
        blocks = depth_limited(build_blocks(request), request)
        single = one_body(blocks)
        if single is not None:
            del blocks  # let the tree go while the collector still sleeps: it would only walk it
            return single
        out = bytearray()
        pending = None  # the first body, written once we know whether a second one follows
        for body in body_children(blocks, request):
            if pending is not None:
                out += b"[\n  " if not out else b",\n  "
                out += dumps({"children": pending}, "  ").encode("utf-8", "surrogatepass")
            pending = body
    if out:
        out += b",\n  "
        out += dumps({"children": pending}, "  ").encode("utf-8", "surrogatepass")
        out += b"\n]\n"
    else:
        out += dumps({"children": pending}).encode("utf-8", "surrogatepass")
        out += b"\n"
    return out.decode("utf-8", "surrogatepass")
