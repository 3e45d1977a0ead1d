"""``retrokit prompts`` and ``retrokit plugins``: what the loaded plugins contribute."""

from __future__ import annotations

import json

import click

from retrokit.cli.options import command_session, complete, lang_option, plugin_options, write_output


@click.command()
@click.option("-b", "--behavior", multiple=True, metavar="NAME", help="Only this behaviour (repeatable).")
@click.option("-k", "--kind", multiple=True, metavar="KIND", help="Only prompts that suit this kind (repeatable).")
@click.option("--phase", multiple=True, metavar="PHASE", help="Only this phase (repeatable).")
@click.option(
    "-s", "--search", multiple=True, metavar="WORDS",
    help="Only prompts whose text, id, technique or source hold every word (any case and accents).",
)
@click.option(
    "--context", multiple=True, metavar="TAG", shell_complete=complete("context_tags"),
    help="Only prompts a meeting with these context tags can draw: all their needs among them (repeatable).",
)
@click.option(
    "--audience", type=click.Choice(["group", "pair"]),
    help="Only prompts for a group meeting (3+ people) or for a pair (a 1:1), and those for either.",
)
@click.option("--json", "as_json", is_flag=True, help="A JSON list of prompt objects.")
@lang_option
@click.option(
    "--untranslated", is_flag=True,
    help="With --lang: only the prompts that language does not translate yet, and what each lacks.",
)
@click.option("--toml", "as_toml", is_flag=True, help="With --lang: the prompts as a translation file to fill in.")
@plugin_options
def prompts(behavior, kind, phase, search, context, audience, as_json, lang, untranslated, as_toml, **plugin_args):
    """List the prompt library.

    \b
    retrokit prompts --search "five whys"        find prompts by text, id, technique or source
    retrokit prompts -k retro --context remote   what a remote retro can draw
    retrokit prompts --lang de --untranslated    what a German translation still lacks
    retrokit prompts --lang de --untranslated -b safety --toml > de/safety.toml   a file to fill in
    """
    session = command_session(**plugin_args)
    catalog = session.catalog
    language = session.language(lang)
    if (untranslated or as_toml) and language.code == "en":
        from retrokit.errors import RetrokitUsageError

        raise RetrokitUsageError(
            f"--{'untranslated' if untranslated else 'toml'} needs --lang CODE (or [team] lang), a language other than English; "
            f"available: {', '.join(session.translations.codes())}"
        )
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
    tags = set(catalog.check_tags(context))
    words = [word for text in search for word in search_words(text)]
    if search and not words:
        from retrokit.errors import RetrokitUsageError

        raise RetrokitUsageError("--search needs at least one word of letters or digits")
    selected = [
        p
        for p in sorted(catalog.prompts.values(), key=lambda p: (p.behavior, p.id))
        if (not wanted or p.behavior in wanted)
        and (not kinds or kinds & set(p.kinds))
        and (not phase or p.phase in phase)
        and (not context or set(p.needs) <= tags)
        and (not audience or p.audience in (audience, "any"))
        and all(word in _haystack(p) for word in words)
    ]
    missing = {}
    if language.code != "en":
        from retrokit.i18n.coverage import prompt_gaps

        missing = {p.id: prompt_gaps(p, language) for p in selected}
        if untranslated:
            selected = [p for p in selected if missing[p.id]]
        if as_toml:
            from retrokit.i18n.skeleton import translation_file

            return write_output(translation_file(selected, language), None)
        selected = [p._replace(**language.prompts.get(p.id, {})) for p in selected]
    if as_json:
        rows = [dict(p.to_json(), **({"untranslated": missing[p.id]} if missing else {})) for p in selected]
        write_output(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", None)
        return
    lines = []
    for p in selected:
        lacks = f"  (untranslated: {', '.join(missing[p.id])})" if missing.get(p.id) else ""
        lines.append(f"{p.id}  [{' · '.join(describe(p))}]{lacks}")
        lines.append(f"    {p.text}")
        lines += [f"    {label}: {value}" for label, value in (("prepare", p.prepare), ("source", p.source)) if value]
    lines.append(f"{len(selected)} prompts" + (f" not translated into {language.code}" if untranslated else ""))
    write_output("\n".join(lines) + "\n", None)


def describe(prompt) -> list[str]:
    """What a prompt listing shows in brackets: behaviour, phase, minutes (up to its most), kinds, and the
    hook API 1.2 metadata where it is not the default (audience, technique, needs)."""
    minutes = f"{prompt.minutes} min" if prompt.longest == prompt.minutes else f"{prompt.minutes}-{prompt.longest} min"
    parts = [prompt.behavior, prompt.phase, minutes, ", ".join(prompt.kinds)]
    parts += [f"for a {prompt.audience}"] if prompt.audience != "any" else []
    parts += [prompt.technique] if prompt.technique else []
    parts += [f"needs {', '.join(prompt.needs)}"] if prompt.needs else []
    return parts


def search_words(text: str) -> list[str]:
    """The words of ``text`` as search compares them: case and accents folded, punctuation as spaces
    (``Five-Whys`` and ``five whys`` are the same two words)."""
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", folded).split()


def _haystack(prompt) -> str:
    """What ``--search`` looks in: the prompt's id, text, technique and source, as folded words."""
    return " " + " ".join(search_words(" ".join((prompt.id, prompt.text, prompt.technique, prompt.source)))) + " "


@click.command()
@click.option("--json", "as_json", is_flag=True, help="A JSON list of plugin objects.")
@plugin_options
def plugins(as_json, **plugin_args):
    """List the loaded plugins: name, version, hooks and what each contributes (prompts, meeting kinds,
    formats, the context tags --context takes); a prompt pack also names its file.

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
            "tags": sorted(t.name for t in catalog.context_tags.values() if t.plugin == info.name),
            "pack": _pack_row(info),
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
        extras += [f"context tags: {', '.join(r['tags'])}"] if r["tags"] else []
        extras += [f"pack {r['pack']['file']}"] if r["pack"] else []
        lines.append(
            f"{r['name']:<{width}}  {r['version'] or '-':<8} {r['source']:<9}  {'; '.join(extras) or '-'}"
            f"  ({', '.join(h.removeprefix('retrokit_') for h in r['hooks'])})"
        )
    write_output("\n".join(lines) + "\n", None)



def _pack_row(info) -> dict | None:
    """A prompt pack's file, title and description (None for a Python plugin)."""
    from retrokit.host.packs import is_pack, pack_summary

    return {"file": info.file, **pack_summary(info.file)} if is_pack(info) else None
