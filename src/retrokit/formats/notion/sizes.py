"""How many bytes a block or a rich-text item can take in a request body, without writing it."""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _encode_string

from retrokit.formats.notion.json_writer import TEXT_CONTENT_KEYS, TEXT_ITEM_KEYS, annotation_flags, dumps
from retrokit.formats.notion.limits import INDENT_PER_LINE


def size_bound(obj) -> int:
    """Bytes ``obj`` can take in the output, wherever in a request body it sits: an upper bound.

    From the compact JSON, ``json.dumps(obj, ensure_ascii=False, separators=(",", ":"))``: every line the
    indented form has comes after a "{", "[" or ",", or before a "}" or "]", and gains at most
    INDENT_PER_LINE bytes of indentation (the deepest a line sits in a body, including inside ``obj``);
    every ":" gains a space. That is a weight per character of the compact text (``_text_weight``), so
    the text need not be written: ``_weight`` adds up the weights of its parts."""
    return _weight(obj) + _LINE


_LINE = INDENT_PER_LINE + 1  # a line's worst indentation and its newline


def _text_weight(text: str) -> int:
    """What ``text``, as part of the compact JSON, adds to ``size_bound``: its UTF-8 bytes, two lines for each
    "{" or "[", one for each ",", a space for each ":" (wherever they are, inside strings too)."""
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    return size + 2 * _LINE * (text.count("{") + text.count("[")) + _LINE * text.count(",") + text.count(":")


_EMPTY_WEIGHT = _text_weight("{}")  # == _text_weight("[]")
_COMMA_WEIGHT = _text_weight(",")
_COLON_WEIGHT = _text_weight(":")
_TEXT_ITEM_WEIGHT = _text_weight('{"type":"text","text":{"content":,"link":},"annotations":}')
_URL_WEIGHT = _text_weight('{"url":}')
_annotation_weights: dict[tuple, int] = {}  # annotations' annotation_flags -> their weight
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
        if len(obj) == 3 and obj.get("type") == "text" and tuple(obj) == TEXT_ITEM_KEYS:
            text, annotations = obj["text"], obj["annotations"]
            if isinstance(text, dict) and tuple(text) == TEXT_CONTENT_KEYS and isinstance(annotations, dict):
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
    return weight + _remembered(annotations, _annotation_weights, _weight)


def _remembered(annotations: dict, known: dict, measure):
    """``measure(annotations)``, remembered in ``known`` by the annotations' flags (when they are flags)."""
    flags = annotation_flags(annotations)
    value = known.get(flags) if flags is not None else None
    if value is None:
        value = measure(annotations)
        if flags is not None and len(known) < 1024:
            known[flags] = value
    return value


def size_at(obj, depth: int) -> int:
    """The exact bytes ``obj`` takes in the output when it starts ``depth`` levels deep (two spaces each):
    ``len(json_writer.dumps(obj, "  " * depth).encode("utf-8", "surrogatepass"))``, without writing it.

    Each line break in ``obj``'s text is followed by its own indentation plus the ``depth`` levels it sits
    at, so the size is the text's size at depth 0 plus two bytes per line break and level (``_measure``)."""
    chars, breaks = _measure(obj)
    return chars + 2 * depth * breaks


def item_size(obj, depth: int) -> int:
    """``size_at``, plus what ``obj`` adds to the array it is an item of: its line break, indentation, comma."""
    chars, breaks = _measure(obj)
    return chars + 2 * depth * breaks + 2 + 2 * depth


def _string_bytes(text: str) -> int:
    """Bytes of ``text`` written as a JSON string (ensure_ascii=False, UTF-8)."""
    encoded = _encode_string(text)
    return len(encoded) if encoded.isascii() else len(encoded.encode("utf-8", "surrogatepass"))


_short_bytes: dict[str, int] = {}  # short strings (keys, block types, colours) -> _string_bytes


def _key_bytes(text: str) -> int:
    known = _short_bytes.get(text)
    if known is None:
        known = _string_bytes(text)
        if len(text) <= 32 and len(_short_bytes) < 1024:
            _short_bytes[text] = known
    return known


def _measure(obj) -> tuple[int, int]:
    """(bytes of ``obj`` as json_writer writes it at depth 0, line breaks in it)."""
    if isinstance(obj, str):
        return (_key_bytes(obj) if len(obj) <= 32 else _string_bytes(obj)), 0
    if isinstance(obj, dict):
        if not obj:
            return 2, 0
        if len(obj) == 3 and obj.get("type") == "text" and tuple(obj) == TEXT_ITEM_KEYS:
            text, annotations = obj["text"], obj["annotations"]
            if isinstance(text, dict) and tuple(text) == TEXT_CONTENT_KEYS and isinstance(annotations, dict):
                return _measure_text_item(text, annotations)
        # "{", then per item a line break, two spaces, key, ": ", value (one level in) and a comma (but the
        # last), then a line break and "}"
        count = len(obj)
        chars, breaks = 6 * count + 2, count + 1
        for key, value in obj.items():
            value_chars, value_breaks = _measure(value)
            chars += _key_bytes(key) + value_chars + 2 * value_breaks
            breaks += value_breaks
        return chars, breaks
    if isinstance(obj, (list, tuple)):
        if not obj:
            return 2, 0
        count = len(obj)  # as a dict, without keys and ": "
        chars, breaks = 4 * count + 2, count + 1
        for value in obj:
            value_chars, value_breaks = _measure(value)
            chars += value_chars + 2 * value_breaks
            breaks += value_breaks
        return chars, breaks
    if obj is None or obj is True:
        return 4, 0
    if obj is False:
        return 5, 0
    if isinstance(obj, int):
        return len(int.__repr__(obj)), 0
    return len(json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")), 0


_measured_annotations: dict[tuple, tuple[int, int]] = {}  # annotation_flags -> _measure of the annotations


def _measure_text_item(text: dict, annotations: dict) -> tuple[int, int]:
    """``_measure`` of a text item: its fixed text (``_TEXT_ITEM``) plus its content, link and annotations,
    the link two levels in and the annotations one."""
    chars, breaks = _TEXT_ITEM
    chars += _string_bytes(text["content"])
    link = text["link"]
    if link is None:
        chars += 4
    else:
        link_chars, link_breaks = _measure(link)
        chars += link_chars + 4 * link_breaks
        breaks += link_breaks
    known = _remembered(annotations, _measured_annotations, _measure)
    return chars + known[0] + 2 * known[1], breaks + known[1]


def _fixed_text_item() -> tuple[int, int]:
    """``_measure`` of a text item less its content (""), link (null) and annotations ({}), as written."""
    written = dumps({"type": "text", "text": {"content": "", "link": None}, "annotations": {}})
    return len(written) - len('""') - len("null") - len("{}"), written.count("\n")


_TEXT_ITEM = _fixed_text_item()
