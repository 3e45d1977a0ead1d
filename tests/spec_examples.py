"""The CommonMark and GFM spec examples, as a package on PyPI ships them, for tests/test_spec_examples.py.

The specs (CC-BY-SA 4.0, by their authors) are not copied into this repository. The sdist of ``marko``
(a Markdown parser, MIT) ships both as test data (``tests/spec/commonmark.txt``, ``tests/spec/gfm.txt``);
``pip download`` fetches that sdist from the package index once, into ``RETROKIT_SPEC_CACHE`` (default
``~/.cache/retrokit-tests``), and the examples are read from it. Without the index (and with no cached
copy) the tests skip, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from html.parser import HTMLParser
from pathlib import Path

PACKAGE = "marko==2.2.4"
SPECS = {"commonmark": "tests/spec/commonmark.txt", "gfm": "tests/spec/gfm.txt"}
FENCE = "`" * 32
_EXAMPLE = re.compile(rf"^{FENCE} example(?P<kind>[^\n]*)\n(?P<md>.*?)^\.\n(?P<html>.*?)^{FENCE}$", re.M | re.S)


def cache() -> Path:
    return Path(os.environ.get("RETROKIT_SPEC_CACHE") or Path.home() / ".cache" / "retrokit-tests")


def spec_texts() -> dict[str, str] | str:
    """{"commonmark": text, "gfm": text}, or the reason they cannot be had."""
    folder = cache() / PACKAGE.replace("==", "-")
    found = {name: folder / Path(inner).name for name, inner in SPECS.items()}
    if not all(path.exists() for path in found.values()):
        folder.mkdir(parents=True, exist_ok=True)
        download = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
             "--dest", str(folder), PACKAGE],
            capture_output=True, text=True, timeout=300,
        )
        archives = sorted(folder.glob("marko-*.tar.gz"))
        if not archives:
            return f"pip download {PACKAGE} failed: {download.stderr.strip()[-300:]}"
        with tarfile.open(archives[0]) as archive:
            for name, inner in SPECS.items():
                member = archive.extractfile(f"{archives[0].name.removesuffix('.tar.gz')}/{inner}")
                found[name].write_bytes(member.read())
    return {name: path.read_text(encoding="utf-8") for name, path in found.items()}


def examples(text: str) -> list[tuple[int, str, str, str]]:
    """(number, kind, markdown, html) of every example, numbered from 1 as the spec numbers them."""
    return [
        (number, found["kind"].strip(), found["md"].replace("→", "\t"), found["html"].replace("→", "\t"))
        for number, found in enumerate(_EXAMPLE.finditer(text), 1)
    ]


class Visible(HTMLParser):
    """What a browser shows of an HTML fragment: its text (with images' alt text), and its links'
    addresses and images' sources."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "textarea", "title"):
            self.hidden += 1
        elif tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        elif tag == "img":
            self.text.append(attrs.get("alt") or "")
            if attrs.get("src"):
                self.links.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "textarea", "title") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.text.append(data)


def visible(html: str) -> tuple[str, list[str]]:
    parser = Visible()
    parser.feed(html)
    parser.close()
    return "".join(parser.text), parser.links
