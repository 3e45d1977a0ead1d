"""The hooks a retrokit plugin can implement.

Every built-in prompt family, meeting kind and output format is contributed through these same hooks.
List hooks return a list of plain dicts (or the matching ``retrokit.model`` dataclasses); retrokit
validates each item and skips a malformed one with a warning that names the plugin.
"""

import pluggy

hookspec = pluggy.HookspecMarker("retrokit")


@hookspec
def retrokit_behaviors():
    """Empathy behaviours this plugin teaches: ``[{"name", "title", "description"}]``."""


@hookspec
def retrokit_prompts():
    """Prompts: ``[{"id", "text", "behavior", "kinds", "phase", "minutes", "note"}]``."""


@hookspec
def retrokit_meeting_kinds():
    """Meeting kinds: ``[{"name", "title", "default_minutes", "sections": [...], ...}]``."""


@hookspec
def retrokit_formats():
    """Output formats: ``[{"name", "render": callable(request) -> str, "description", "extension"}]``.

    ``request`` is a ``retrokit.rendering.RenderRequest``: ``.markdown``, ``.tokens`` (markdown-it-py,
    conventions marked), ``.agenda`` (None for ``retrokit convert``), ``.member(owner)`` and
    ``.lose(what)`` to report something the format cannot express.
    """


@hookspec
def retrokit_metric_rules():
    """Rules that turn a shared metric into a question: ``[callable(metric) -> str | None]``, where
    ``metric`` is a ``retrokit.metrics.Metric``; see docs/metrics.md."""


@hookspec
def retrokit_template_dirs():
    """Folders of Jinja2 templates, searched after the team's folder and before the defaults."""


@hookspec
def retrokit_register_commands(cli):
    """Add click commands to the ``retrokit`` group: ``cli.command()(fn)`` or ``cli.add_command(cmd)``."""
