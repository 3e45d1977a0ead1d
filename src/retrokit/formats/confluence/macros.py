"""The Confluence macros' vocabulary: the code macro's languages (and the fence names that mean them),
and the panel macro each GitHub alert becomes."""

from __future__ import annotations

#: Languages the Confluence code macro highlights, by the value it stores (its SyntaxHighlighter
#: brush names: what the macro editor writes when you pick "Python", "JavaScript", "HTML and XML" ...).
#: An unknown value breaks the macro, so anything else gets no language parameter.
LANGUAGES = frozenset(
    {
        "actionscript3", "applescript", "bash", "c#", "coldfusion", "cpp", "css", "delphi", "diff",
        "erl", "groovy", "java", "jfx", "js", "perl", "php", "powershell", "py", "ruby", "sass",
        "scala", "sql", "text", "vb", "xml", "yml",
    }
)

#: Common names of fenced code blocks (GitHub linguist / highlight.js) -> the macro's name.
LANGUAGE_ALIASES = {
    "as3": "actionscript3", "actionscript": "actionscript3",
    "osascript": "applescript",
    "sh": "bash", "shell": "bash", "zsh": "bash", "ksh": "bash",
    "csharp": "c#", "cs": "c#", "c-sharp": "c#",
    "cfm": "coldfusion", "cfc": "coldfusion",
    "c": "cpp", "h": "cpp", "c++": "cpp", "cc": "cpp", "cxx": "cpp", "hpp": "cpp", "hxx": "cpp",
    "pascal": "delphi", "pas": "delphi", "dpr": "delphi",
    "patch": "diff", "udiff": "diff",
    "erlang": "erl",
    "javafx": "jfx",
    "javascript": "js", "jscript": "js", "mjs": "js", "cjs": "js", "json": "js",
    "pl": "perl", "pm": "perl",
    "ps1": "powershell", "psm1": "powershell", "pwsh": "powershell", "posh": "powershell",
    "python": "py", "python3": "py", "py3": "py",
    "rb": "ruby", "rails": "ruby",
    "scss": "sass",
    "vbnet": "vb", "vb.net": "vb", "visualbasic": "vb",
    "html": "xml", "htm": "xml", "xhtml": "xml", "xsl": "xml", "xslt": "xml", "svg": "xml",
    "yaml": "yml",
    "plain": "text", "plaintext": "text", "txt": "text",
}

#: GitHub alert -> panel macro (its title is rendering.ALERT_TITLES, in the agenda's language).
PANELS = {"note": "info", "tip": "tip", "important": "note", "warning": "note", "caution": "warning"}


def code_language(name: str) -> str | None:
    """The code macro's name for a fenced block's language, or None when the macro does not know it."""
    name = name.lower()
    name = LANGUAGE_ALIASES.get(name, name)
    return name if name in LANGUAGES else None
