"""``retrokit prompts`` and ``retrokit plugins``: what the loaded plugins contribute."""

from __future__ import annotations

import json

import click

from retrokit.cli.options import command_session, plugin_options, write_output


@click.command()
@click.option("-b", "--behavior", multiple=True, metavar="NAME", help="Only this behaviour (repeatable).")
@click.option("-k", "--kind", multiple=True, metavar="KIND", help="Only prompts that suit this kind (repeatable).")
@click.option("--phase", multiple=True, metavar="PHASE", help="Only this phase (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of prompt objects.")
@plugin_options
def prompts(behavior, kind, phase, as_json, **plugin_args):
    """List the prompt library."""
    catalog = command_session(**plugin_args).catalog
    wanted = set(catalog.check_behaviors(behavior))
    known_phases = {p.phase for p in catalog.prompts.values()}
    for name in phase:
        if name not in known_phases:
            from retrokit.errors import RetrokitUsageError, did_you_mean

            raise RetrokitUsageError(
                f"unknown phase '{name}'{did_you_mean(name, known_phases)}; known: {', '.join(sorted(known_phases))}"
            )
    kinds = set()
    for name in kind:
        kinds |= set(catalog.kind(name).prompt_kinds)
    selected = [
        p
        for p in sorted(catalog.prompts.values(), key=lambda p: (p.behavior, p.id))
        if (not wanted or p.behavior in wanted)
        and (not kinds or kinds & set(p.kinds))
        and (not phase or p.phase in phase)
    ]
    if as_json:
        write_output(json.dumps([p.to_json() for p in selected], indent=2, ensure_ascii=False) + "\n", None)
        return
    lines = []
    for p in selected:
        lines.append(f"{p.id}  [{p.behavior} · {p.phase} · {p.minutes} min · {', '.join(p.kinds)}]")
        lines.append(f"    {p.text}")
    lines.append(f"{len(selected)} prompts")
    write_output("\n".join(lines) + "\n", None)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="A JSON list of plugin objects.")
@plugin_options
def plugins(as_json, **plugin_args):
    """List the loaded plugins: name, version, hooks and what each contributes.

    To start a plugin of your own, see 'retrokit plugin new --help'.
    """
    session = command_session(**plugin_args)
    catalog = session.catalog
    counts = {}
    for prompt in catalog.prompts.values():
        counts[prompt.plugin] = counts.get(prompt.plugin, 0) + 1
    rows = [
        {
            "name": info.name,
            "version": info.version,
            "source": info.source,
            "origin": info.origin,
            "hooks": info.hooks,
            "api": info.api,
            "prompts": counts.get(info.name, 0),
            "kinds": sorted(k.name for k in catalog.kinds.values() if k.plugin == info.name),
            "formats": sorted(f.name for f in catalog.formats.values() if f.plugin == info.name),
        }
        for info in session.host.plugins
    ]
    if as_json:
        write_output(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", None)
        return
    width = max((len(r["name"]) for r in rows), default=4)
    lines = []
    for r in rows:
        extras = [f"{r['prompts']} prompts"] if r["prompts"] else []
        extras += [f"kinds: {', '.join(r['kinds'])}"] if r["kinds"] else []
        extras += [f"formats: {', '.join(r['formats'])}"] if r["formats"] else []
        lines.append(
            f"{r['name']:<{width}}  {r['version'] or '-':<8} {r['source']:<9}  {'; '.join(extras) or '-'}"
            f"  ({', '.join(h.removeprefix('retrokit_') for h in r['hooks'])})"
        )
    write_output("\n".join(lines) + "\n", None)

