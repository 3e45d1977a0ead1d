"""The ``confluence`` format: Confluence storage format, the XHTML fragment the REST API takes as
``body.storage.value`` (no root element; ``ac:`` and ``ri:`` prefixes are declared by Confluence).

A renderer over markdown-it-py's flat token stream in the manner of its ``RendererHTML``: one method
per token type, output collected in a list and joined once. What maps to what:

=========================  =====================================================================
Markdown (token)           Confluence storage format
=========================  =====================================================================
heading, paragraph         ``<h1>``-``<h6>``, ``<p>``
strong, em, ~~s~~, `code`  ``<strong>``, ``<em>``, ``<s>``, ``<code>``
link, autolink             ``<a href="…" title="…">``
image                      ``<ac:image ac:alt ac:title><ri:url ri:value /></ac:image>``
hard / soft break          ``<br />`` / a newline
bullet / ordered list      ``<ul>`` / ``<ol start="N">`` (start only when not 1)
task list item             ``<ac:task-list><ac:task>`` with id, status and body; a list mixing
                           tasks and plain items is split into runs; ``@owner`` of a member with
                           a Confluence account id -> ``<ac:link><ri:user ri:account-id /></ac:link>``,
                           else the text ``@owner``; ``(due D)`` -> ``<time datetime="D" />``
block quote                ``<blockquote>``
GitHub alert               panel macro with a title: NOTE->info, TIP->tip, IMPORTANT->note,
                           WARNING->note, CAUTION->warning
fenced / indented code     ``code`` macro: a ``language`` parameter only for a language the macro
                           knows (aliases mapped), body in CDATA with every ``]]>`` split
table                      ``<table><tbody><tr><th>/<td>``, alignment as ``style="text-align: …"``
thematic break             ``<hr />``
raw HTML                   the safe subset of ``formats.html_subset`` (b/i/s/code/kbd/sub/sup,
                           a, img, br; details/summary -> ``expand`` macro with a title); other
                           tags dropped, their text kept (+ loss)
=========================  =====================================================================

What Confluence cannot express is kept as well as it can be and reported with ``request.lose``:
HTML tags outside the subset (their text kept), footnotes (``<sup>[N]</sup>`` and a numbered list at the end),
characters XML 1.0 cannot hold (U+FFFD), a code language the macro does not know (no highlighting),
an ordered task list (unnumbered), a task's second paragraph (joined with a line break).

The code: ``renderer`` (the walk, escaping, block rules), ``lists`` (lists and tasks), ``inline``, ``html``,
``macros`` (code languages, alert panels), ``losses`` (what is reported).
"""

from __future__ import annotations

from retrokit.formats.confluence.losses import (
    LOSS_CHARACTER, LOSS_FOOTNOTE, LOSS_HTML, LOSS_LANGUAGE, LOSS_ORDERED_TASKS, LOSS_TASK_PARAGRAPHS, LOSS_UNKNOWN,
)
from retrokit.formats.confluence.macros import LANGUAGE_ALIASES, LANGUAGES, PANELS, code_language
from retrokit.formats.confluence.renderer import ConfluenceRenderer

__all__ = [
    "LANGUAGES", "LANGUAGE_ALIASES", "LOSS_CHARACTER", "LOSS_FOOTNOTE", "LOSS_HTML", "LOSS_LANGUAGE",
    "LOSS_ORDERED_TASKS", "LOSS_TASK_PARAGRAPHS", "LOSS_UNKNOWN", "PANELS", "ConfluenceRenderer", "code_language",
    "render",
]


def render(request) -> str:
    """The Markdown document of ``request`` as Confluence storage format."""
    return ConfluenceRenderer(request).render(request.tokens)
