"""Doctor's prompt checks (hook API 1.2): context tags nobody declares, and prompts no meeting could draw.

Cheap, from the catalog alone, without planning anything:
- a tag a prompt ``needs`` (or a kind's ``context``) that no ``retrokit_context_tags`` plugin declares: the
  catalog's own warning, recorded by doctor as a problem of the ``prompts`` check;
- a prompt whose kinds no loaded meeting kind takes (a notice: the kind may come from a plugin this team
  does not load), or whose audience or phase rules out every kind that takes them (a problem: a pair
  prompt in a retro-only plugin, a phase no section has): the planner never draws it, whatever the context.
"""

from __future__ import annotations


def check_prompts(report, catalog, problem: str, notice: str) -> list:
    """Add the findings to ``report``; return the context-tag contributions (for the duplicates check)."""
    catalog.context_tags  # noqa: B018 (collects the tags; undeclared ones warn through doctor's recorder)
    kinds = sorted(catalog.kinds.values(), key=lambda kind: kind.name)
    for prompt in catalog.prompts.values():
        what = f"prompt '{prompt.id}' (plugin '{prompt.plugin}')"
        takers = [kind for kind in kinds if set(kind.prompt_kinds) & set(prompt.kinds)]
        if not takers:
            report.add(
                notice, "prompts",
                f"{what} is for meeting kinds {', '.join(prompt.kinds)}, which no loaded meeting kind takes; "
                "it is never drawn",
            )
            continue
        names = ", ".join(kind.name for kind in takers)
        fitting = [kind for kind in takers if prompt.audience in ("any", kind.audience)]
        if not fitting:
            audience = "a pair (a 1:1)" if prompt.audience == "pair" else "a group (three or more people)"
            report.add(
                problem, "prompts",
                f"{what} is for {audience}, but the meeting kinds that take it ({names}) are not; it is never "
                "drawn (change its audience or kinds)",
            )
        elif not any(prompt.phase in section.phases for kind in fitting for section in kind.sections):
            report.add(
                problem, "prompts",
                f"{what} has phase '{prompt.phase}', which no section of {', '.join(k.name for k in fitting)} "
                "takes; it is never drawn",
            )
    return catalog.contributions.get("retrokit_context_tags", [])
