"""The hooks a retrokit plugin can implement.

Every built-in prompt family, meeting kind and output format is contributed through these same hooks.
List hooks return a list of plain dicts (or the matching ``retrokit.model`` NamedTuples); retrokit
validates each item and skips a malformed one with a warning that names the plugin.
An implementation may take any subset of a hook's arguments, by name (pluggy's rule). Inside any hook,
``retrokit.warn("...")`` reports a problem and carries on (since 1.3): one warning naming the plugin,
counted by ``--strict``, ``doctor`` and the test fixtures; raising ``PluginError`` drops the hook's result.

docs/plugins.md documents each hook with this exact signature; a test keeps the two in step.
"""

import pluggy

hookspec = pluggy.HookspecMarker("retrokit")

#: The version of this hook API, "MAJOR.MINOR". A minor release adds hooks or arguments; a major one
#: changes or removes something. A plugin declares the version it needs as ``RETROKIT_API = "1.2"``.
HOOK_API = "1.3"

#: The hook API version that introduced each hook (docs/plugins.md shows it).
ADDED = {
    "retrokit_behaviors": "1.0",
    "retrokit_prompts": "1.0",
    "retrokit_meeting_kinds": "1.0",
    "retrokit_formats": "1.0",
    "retrokit_metric_rules": "1.0",
    "retrokit_template_dirs": "1.0",
    "retrokit_register_commands": "1.0",
    "retrokit_adjust_agenda": "1.1",
    "retrokit_context_tags": "1.2",
    "retrokit_translations": "1.3",
    "retrokit_template_globals": "1.3",
}


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
    ``.lose(what)`` to report something the format cannot express; since 1.3 ``.config`` (the
    ``TeamConfig``) and ``.settings`` (the ``[plugin.NAME]`` table of the plugin that gave the format).
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


@hookspec
def retrokit_adjust_agenda(agenda, meeting, prompts, behaviors, config):
    """Change the planned agenda before it is rendered: add, drop or reorder sections and items.

    ``agenda`` is a ``retrokit.model.Agenda`` to change in place (or return a new one); ``meeting`` the
    ``MeetingKind``; ``prompts`` and ``behaviors`` the catalog (``{id: Prompt}``, ``{name: Behavior}``);
    ``config`` the ``TeamConfig`` (``config.plugin_settings(name)`` is the plugin's own table).
    Runs in plugin load order after the planner; an agenda a plugin leaves invalid is reported and that
    plugin's change is undone. ``retrokit.editing`` (1.3) inserts and drops items keeping the time rules.
    """


@hookspec
def retrokit_context_tags():
    """Context tags prompts may ``need`` (``--context TAG``): ``[{"name", "description"}]``."""


@hookspec
def retrokit_translations():
    """Translations of what participants read: a list of translation files or folders of them (``Path``
    or ``str``; docs/translations.md), and/or entries ``{"lang", "prompt", "text", "note", "prepare",
    "source"}``,
    ``{"lang", "kind", "title", "sections": {id: {"title", "intro"}}}``, ``{"lang", "behavior", "title"}``,
    ``{"lang", "string", "text"}`` (``string``: the English text a template or the planner writes).
    Called only when an agenda is rendered in a language other than English, and by ``doctor``."""


@hookspec
def retrokit_template_globals(agenda, meeting, config):
    """Data for the templates: ``{name: value}``, each name a template variable (``{{ name.key }}``).

    Called once per agenda, after ``retrokit_adjust_agenda``, with the same ``agenda``, ``meeting`` and
    ``config``. Strings in the values are Markdown-escaped like the agenda's; a name retrokit's
    templates use (``agenda``, ``kind``, ``team``, ...) is refused, and where two plugins give one name
    the later plugin's value is used, each with a warning naming the plugins.
    """
