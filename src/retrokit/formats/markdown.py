"""The Markdown format: the document exactly as the template wrote it."""

from retrokit import hookimpl


def render(markdown: str, agenda) -> str:
    return markdown


@hookimpl
def retrokit_formats():
    return [
        {
            "name": "markdown",
            "render": render,
            "description": "GitHub-flavoured Markdown, as the template writes it",
            "extension": "md",
        }
    ]
