"""``retrokit doctor``: the command over ``retrokit.authoring.doctor`` (imported only when used)."""

from __future__ import annotations

import json

import click

from retrokit.cli.options import CONTEXT_SETTINGS, debug_requested, lang_option, write_output, plugin_options


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option("--json", "as_json", is_flag=True, help='A JSON object: {"problems", "notices", "findings"}.')
@lang_option
@plugin_options
def doctor(as_json, lang, team, plugins_dir, disable_plugin, strict, debug):
    """Check the team's setup: config and memory files, plugins, prompt ids, templates, rendering.

    Prints one line per finding, a problem (something is broken or ambiguous) or a notice (worth
    knowing, usually intended, such as a team template overriding a default), then a summary. Exits 1
    when there is a problem (with --strict: any finding), else 0. It changes no files. A line per
    language says how much of the library it translates (--lang CODE: that language only).
    """
    from retrokit.authoring.doctor import diagnose

    debug = debug or bool(click.get_current_context().find_root().params.get("debug")) or debug_requested([])
    report = diagnose(team=team, plugins_dirs=plugins_dir, disabled=disable_plugin, debug=debug, lang=lang)
    if as_json:
        write_output(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n", None)
    else:
        write_output(report.text(), None)
    return 1 if report.failed(strict) else 0
