"""The Markdown format: the document exactly as the template wrote it."""


def render(request) -> str:
    return request.markdown
