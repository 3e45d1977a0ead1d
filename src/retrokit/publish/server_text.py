"""What a server said, made safe to show: its body decoded defensively (a body that is not text is described,
``<binary body, 1234 bytes>``, never shown as mojibake), the API's own message picked out of it, secrets
masked (before anything is cut), whitespace runs and line breaks made one space, control characters
shown as escapes (``\\x1b``) and the whole cut to ``LIMIT`` characters."""

from __future__ import annotations

import json

from retrokit.errors import one_line

LIMIT = 200  # characters of a server's message shown in an error line
SEARCHED = 262_144  # characters of a message searched for secrets (far more than are shown)
TAIL = 4096  # characters the cut end of the searched part may take up, as an escaped secret
BINARY_SHARE = 0.1  # a body with more control characters than this share is not text


def body_text(response) -> str | None:
    """The body as text, in its declared charset (else UTF-8); None when it is not text (a NUL, or over
    ``BINARY_SHARE`` of its characters control characters or bytes UTF-8 cannot read)."""
    data = response.content
    if not data:
        return ""
    try:
        text = data.decode(response.charset_encoding or "utf-8")
    except (LookupError, UnicodeDecodeError):  # an unknown or wrong charset: UTF-8, a few bytes replaced
        text = data.decode("utf-8", "replace")
    if "\x00" in text:
        return None
    odd = sum(1 for ch in text if ch < " " and ch not in "\t\n\r" or "\x7f" <= ch < "\xa0" or ch == "\ufffd")
    return None if odd > BINARY_SHARE * len(text) else text


def api_message(response, redact=lambda text: text) -> str:
    """The API's own explanation in an error response, as one safe line: Notion's and Confluence v1's
    ``message``, Confluence v2's ``errors[0].title``/``detail``; else the start of the body."""
    text = body_text(response)
    if text is None:
        return f"<binary body, {len(response.content)} bytes>"
    message = _message(text)
    return shown_text(message if message is not None else text, redact)


def shown_text(text: str, redact=lambda text: text) -> str:
    """``text`` redacted, on one line, escaped, cut to ``LIMIT`` characters. Only the first ``SEARCHED``
    characters are searched (and shown): if decoding shrank them so far that their cut end could show,
    nothing is shown but their length."""
    text = " ".join(text.split())
    was_cut = len(text) > SEARCHED
    text = " ".join(redact(text[:SEARCHED]).split())
    if was_cut and len(text) < LIMIT + TAIL:
        return f"<a message of over {SEARCHED} characters, not shown: too long to search for credentials>"
    cut = text[:LIMIT] + ("…" if len(text) > LIMIT else "")
    return one_line(cut)


def _message(text: str) -> str | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes
        return None
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("message"), str) and data["message"]:
        return data["message"]
    errors = data.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        parts = [str(first[key]) for key in ("title", "detail") if first.get(key)]
        if parts:
            return ": ".join(dict.fromkeys(parts))
    return None
