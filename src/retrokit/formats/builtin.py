"""The built-in output formats (the plugin ``formats``, listed with origin ``retrokit.formats``), registered
here through the same hook a plugin uses. Each ``render`` is given as ``"module:function"`` so a format's
module (and markdown-it-py) is imported only when something is rendered to that format.
"""

from retrokit import hookimpl

FORMATS = [
    ("markdown", "md", "GitHub-flavoured Markdown, as the template writes it"),
    ("confluence", "xml", "Confluence storage format (XHTML with ac:/ri: elements) for the REST API"),
    ("notion", "json", "Notion API blocks: the body of an append-block-children request"),
    ("json", "json", "the planned agenda model, versioned (render only)"),
    ("html", "html", "a standalone HTML page for preview"),
]

MODULES = {"json": "agenda_json"}


@hookimpl
def retrokit_formats():
    return [
        {
            "name": name,
            "render": f"retrokit.formats.{MODULES.get(name, name)}:render",
            "extension": extension,
            "description": description,
        }
        for name, extension, description in FORMATS
    ]
