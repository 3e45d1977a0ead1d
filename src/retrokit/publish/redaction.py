"""Credentials in, secrets out: a token is checked for a shape an HTTP header can carry before anything is
sent (the message names the variable, never the value), and ``Redactor`` masks every secret a client was
given in whatever form a server or a library echoes it back.

A server may echo a token raw, HTML-escaped (``&amp;``, ``&#45;``), URL-encoded (``%2D``, ``+``), with
backslash escapes (JSON's ``\\u002d``, a Python repr's ``\\'``) or as base64 (a Basic header value, at
any byte offset). ``Redactor`` masks the raw form, and each run of base64 text that holds the secret. For
the escaped forms it decodes the text with each decoder in turn and, when the decoded text holds a secret,
shows the decoded text with the secret masked. Decoders are combined up to ``DEPTH`` deep, so an escape
inside an escape (``&amp;#45;``, ``%2526``) is found too. Redaction runs on the whole text before anything
is cut to length, so a cut can never leave part of a token standing.
"""

from __future__ import annotations

import base64
import html
import json
import re
from urllib.parse import unquote, unquote_plus

from retrokit.errors import RetrokitError

MASK = "***"
DEPTH = 3  # escapes inside escapes, at most this deep
MASKINGS = 8  # echoes in different escapes, at most this many
MIN_CORE = 4  # base64 characters a secret must decide alone to be looked for inside base64 text
_BASE64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_")
_BACKSLASH = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_NAMED = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def check_credential(variable: str, value: str, *, user: bool = False) -> str:
    """``value`` when an HTTP header can carry it (a token: visible ASCII, one line, no spaces; a user
    name for Basic auth: printable, no ``:``); else an error naming ``variable`` and what is wrong, never
    the value."""
    if user:
        bad = next((ch for ch in value if not ch.isprintable() or ch == ":"), None)
        allowed = "a user name (an email address) on one line, without ':'"
    else:
        bad = next((ch for ch in value if not "!" <= ch <= "~"), None)
        allowed = "a token (one line of visible ASCII characters, no spaces)"
    if bad is None:
        return value
    raise RetrokitError(
        f"publish: {variable} holds {_kind(bad)}, which {allowed} cannot: set it again from the "
        "credential itself (its value is not shown)"
    )


def _kind(ch: str) -> str:
    if ch in "\n\r\u2028\u2029\x85":
        return "a line break"
    if ch == ":":
        return "a ':'"
    if ch.isspace():
        return "a space"
    if ord(ch) < 32 or ord(ch) == 127:
        return "a control character"
    if "\udc80" <= ch <= "\udcff":  # how Python holds a byte of the environment that is not UTF-8
        return "a byte that is not UTF-8"
    return "a non-ASCII character" if ch.isprintable() else "an invisible character"


def _unbackslash(text: str) -> str:
    def one(match):
        code = match.group(1)
        if len(code) > 1:
            return chr(int(code[1:], 16))
        return _NAMED.get(code, code)

    return _BACKSLASH.sub(one, text)


#: (a character the escaped form holds, the decoder)
DECODERS = (("&", html.unescape), ("%", unquote), ("+", unquote_plus), ("\\", _unbackslash))


def base64_cores(secret: str) -> set[str]:
    """The base64 text that ``secret`` becomes wherever it sits in base64-encoded data: at each of the
    three byte alignments, the characters its bytes alone decide (standard and URL-safe alphabets)."""
    raw = secret.encode("utf-8", "surrogatepass")
    cores = set()
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw).decode("ascii")
        start = 4 if offset else 0  # the first group also holds the filler bytes
        end = (offset + len(raw)) // 3 * 4  # the last partial group also holds what follows
        core = encoded[start:end]
        if len(core) >= MIN_CORE:
            cores |= {core, core.replace("+", "-").replace("/", "_")}
    return cores


class Redactor:
    """``redactor(text)``: ``text`` with every form of every secret replaced by ``***``."""

    def __init__(self, secrets=()):
        secrets = [s for s in secrets if s]
        json_forms = {json.dumps(s, ensure_ascii=ascii)[1:-1] for s in secrets for ascii in (True, False)}
        self.secrets = sorted(set(secrets) | json_forms, key=len, reverse=True)
        cores = sorted(set().union(*map(base64_cores, secrets)), key=len, reverse=True) if secrets else []
        self._cores = re.compile("|".join(map(re.escape, cores))) if cores else None

    def plain(self, text: str) -> str:
        """``text`` with the raw, JSON-escaped and base64 forms masked: for what retrokit itself sends
        (a dry run's requests), where no other escape can have come in; linear in the text."""
        return self._mask(text) if self.secrets else text

    def __call__(self, text: str) -> str:
        """``text`` with every form masked: for what a server said (keep it short: each decoder is
        tried, ``DEPTH`` deep)."""
        if not self.secrets:
            return text
        text = self._mask(text)
        for _ in range(MASKINGS):
            found = self._decoded_holding_a_secret(text)
            if found is None:
                break
            text = self._mask(found)
        return text

    def _decoded_holding_a_secret(self, text: str) -> str | None:
        """The first decoding of ``text`` (up to ``DEPTH`` decoders deep) that holds a secret, or None."""
        frontier = [text]
        for _ in range(DEPTH):
            deeper = []
            for candidate in frontier:
                for marker, decode in DECODERS:
                    if marker not in candidate:
                        continue
                    decoded = decode(candidate)
                    if decoded == candidate:
                        continue
                    if self._holds(decoded):
                        return decoded
                    deeper.append(decoded)
            frontier = deeper
        return None

    def _holds(self, text: str) -> bool:
        return any(secret in text for secret in self.secrets)

    def _mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return self._mask_base64(text) if self._cores is not None else text

    def _mask_base64(self, text: str) -> str:
        """Each run of base64 characters that holds a secret's core, masked whole (with its padding)."""
        pieces, done = [], 0
        for found in self._cores.finditer(text):
            if found.start() < done:
                continue
            start, end = found.start(), found.end()
            while start > done and text[start - 1] in _BASE64:
                start -= 1
            while end < len(text) and (text[end] in _BASE64 or text[end] == "="):
                end += 1
            pieces += [text[done:start], MASK]
            done = end
        return "".join(pieces) + text[done:] if pieces else text
