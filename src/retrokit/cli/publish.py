"""``retrokit publish confluence|notion SOURCE``: put a rendered agenda (or any Markdown) where the
meeting happens. The services' code lives in ``retrokit.publish``; this is the command line around it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import click

from retrokit.cli.options import CONTEXT_SETTINGS, command_session, plugin_options, render_options
from retrokit.planning.compose import render_format, report_losses
from retrokit.errors import RetrokitUsageError, one_line

#: render options that only mean something when SOURCE is a meeting kind (``--title`` works for both)
_KIND_ONLY = {
    "minutes": "--minutes", "seed": "--seed", "behavior": "--behavior", "exclude_behavior": "--exclude-behavior",
    "person": "--with", "topic": "--topic", "record": "--record", "context": "--context",
}


@click.group(context_settings=CONTEXT_SETTINGS)
def publish():
    """Create or update the agenda's page in Confluence or Notion.

    \b
    SOURCE is a meeting KIND (rendered here, with the render options), a Markdown FILE, or - for stdin.
    A bare name that is a meeting kind means the kind, even if a file of that name exists here: write
    ./NAME for the file. Credentials come only from environment variables (see the README).

    \b
    retrokit publish confluence retro --url https://acme.atlassian.net/wiki --space ENG --parent 123
    retrokit publish notion notes.md --parent https://www.notion.so/acme/Retros-0123…cdef
    retrokit publish notion retro --parent PAGE --dry-run    print the requests, send nothing
    """


def source_argument(fn):
    return click.argument("source", metavar="KIND|FILE|-")(fn)


dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Print the requests (credentials redacted) on stdout; send nothing."
)
progress_option = click.option(
    "--progress/--no-progress", default=None,
    help="Show 'request N of M' on stderr (default: on a terminal, once publishing takes over 3 s).",
)
overwrite_option = click.option(
    "--overwrite", is_flag=True,
    help="Publish over an existing page of this title that retrokit did not publish from this team folder "
    "(or that sits under another parent); from then on it is this series' page.",
)


@publish.command(context_settings=CONTEXT_SETTINGS)
@source_argument
@click.option("--url", metavar="URL", help="Confluence base URL, e.g. https://acme.atlassian.net/wiki or https://confluence.acme.com.")
@click.option("--space", metavar="KEY", help="Space key, e.g. ENG.")
@click.option("--parent", metavar="ID", help="Id of the page to create the page under (default: the space's home).")
@click.option(
    "--cloud/--data-center", "cloud", default=None,
    help="Cloud (REST v2, email + API token) or Data Center/Server (REST v1, personal access token). "
    "Default: asked of the site (cloud in [publish.confluence] of retrokit.toml decides first).",
)
@overwrite_option
@progress_option
@dry_run_option
@render_options
@plugin_options
def confluence(source, url, space, parent, cloud, overwrite, progress, dry_run, **options):
    """Publish SOURCE as a Confluence page: create it, or update the page of that title in the space."""
    from retrokit.planning.compose import plugin_args
    from retrokit.publish import confluence as service
    from retrokit.publish.connect import check_environment, confluence_client, confluence_site

    plugin = plugin_args(options)
    session = command_session(**plugin)
    config = session.config
    settings = config.publish.get("confluence", {})
    check_environment("confluence", settings)  # a bad setting or token stops here, before anything is sent
    url = url or settings.get("url")
    space = space or settings.get("space")
    parent = parent or settings.get("parent")
    if not url:
        raise RetrokitUsageError("publish confluence needs --url (or url in [publish.confluence] of retrokit.toml)")
    if not space:
        raise RetrokitUsageError("publish confluence needs --space KEY (or space in [publish.confluence] of retrokit.toml)")
    cloud, url = confluence_site(url, settings, cloud, dry_run=dry_run, debug=session.reporter.debug)

    document = _document(session, source, options, plugin)
    items = _ledger_items(session)  # read before anything is sent: a broken ledger stops here
    format_ = session.catalog.format("confluence")

    body = render_format(session, format_, document.request)
    with confluence_client(settings, cloud, dry_run=dry_run, debug=session.reporter.debug, progress=progress) as client:
        client.planned = 3  # the space, the page, the write
        api = (service.CloudApi if cloud else service.DataCenterApi)(client, url)
        if dry_run:
            client.note(f"dry run: lookups are not sent; assuming no page titled '{document.title}' exists, so it is created")
        identity = _identity(session, document, "confluence", url, space, dry_run)
        outcome = service.publish(api, space_key=space, parent=parent, title=document.title, body=body,
                                  identity=identity, overwrite=overwrite)
        if dry_run:
            return _dry_run_done()
    page = outcome.page
    identity.remember(page.id, page.version, page.url, _published_tasks(session, document, items, lambda i: str(i + 1)))
    what = {"created": "created", "updated": f"updated to version {page.version}", "unchanged": "unchanged"}
    click.echo(one_line(f"retrokit: published '{document.title}' to Confluence ({what[outcome.action]}): {page.url}"),
               err=True)  # the URL is the server's: one line, escaped
    _record(session, document)


@publish.command(context_settings=CONTEXT_SETTINGS)
@source_argument
@click.option("--parent", metavar="PAGE", help="Page (id or URL) to create the page under; a child page of the same title is replaced.")
@click.option("--page", "page", metavar="PAGE", help="Page (id or URL) whose content to replace.")
@overwrite_option
@progress_option
@dry_run_option
@render_options
@plugin_options
def notion(source, parent, page, overwrite, progress, dry_run, **options):
    """Publish SOURCE as a Notion page: create it under --parent (or replace the child page of that
    title there), or replace the content of --page."""
    from retrokit.formats.notion import build_blocks
    from retrokit.publish import notion as service
    from retrokit.publish.connect import check_environment, notion_api, notion_client
    from retrokit.planning.compose import plugin_args

    plugin = plugin_args(options)
    session = command_session(**plugin)
    settings = session.config.publish.get("notion", {})
    if parent and page:
        raise RetrokitUsageError("give --parent (create or find the page under it) or --page (replace it), not both")
    title_given = bool(options.get("title"))
    if page:
        page = service.page_id(page, "--page")
    else:
        option = "--parent"
        if not parent and settings.get("parent"):
            parent, option = settings["parent"], config_where(session, "parent")
        if not parent:
            raise RetrokitUsageError(
                "publish notion needs --parent PAGE or --page PAGE (or parent in [publish.notion] of retrokit.toml)"
            )
        parent = service.page_id(parent, option)
    api = notion_api()
    check_environment("notion", settings)  # a bad setting or token stops here, before anything is rendered

    document = _document(session, source, options, plugin)
    items = _ledger_items(session)  # read before anything is sent: a broken ledger stops here
    blocks = build_blocks(document.request)
    service.plan(blocks, document.request)  # reports what the page cannot hold (a split table)
    report_losses(session, "notion", document.request)
    with notion_client(settings, dry_run=dry_run, debug=session.reporter.debug, progress=progress) as client:
        notion_api = service.Notion(client, api)
        if dry_run:
            client.note("dry run: lookups are not sent and are assumed to find nothing (no page of that title, an empty page)")
        identity = _identity(session, document, "notion", api, "", dry_run)
        outcome = service.publish(notion_api, parent=parent, page=page, title=document.title, blocks=blocks,
                                  set_title=title_given, identity=identity, overwrite=overwrite)
        if dry_run:
            return _dry_run_done()
    before = identity.record.version if identity.record and identity.record.page == outcome.page else 0
    from retrokit.publish.readback import notion_task_keys

    keys = notion_task_keys(blocks, outcome.ids)
    tasks = _published_tasks(session, document, items, lambda i: keys[i] if i < len(keys) else "")
    identity.remember(outcome.page, before + (outcome.action != "unchanged"), outcome.url, tasks, outcome.blocks)
    counts = outcome.counts
    changed = "" if outcome.action == "unchanged" else (
        f": {counts['insert']} blocks added, {counts['update']} updated, {counts['delete']} deleted, "
        f"{counts['keep']} kept; {outcome.requests} write requests")
    click.echo(one_line(f"retrokit: published '{document.title}' to Notion ({outcome.action}{changed}): {outcome.url}"),
               err=True)
    _record(session, document)


def _identity(session, document, service: str, site: str, space: str, dry_run: bool):
    from retrokit.memory.clock import today
    from retrokit.publish.pages import Identity, PublishedPage

    folder = None if dry_run else session.config.folder
    wanted = PublishedPage(_series(document), service, site, space, "", 0, document.title, "", today())
    return Identity(folder, wanted)


def _ledger_items(session) -> list:
    """The team's action items ([] without a team folder or a ledger)."""
    config = session.config
    if config.actions_file is None or not config.actions_file.exists():
        return []
    from retrokit.memory.ledger import Ledger

    return Ledger(config.actions_file).items()


def _published_tasks(session, document, items, key) -> list:
    """The ledger's action items among the document's tasks, for published.toml."""
    from retrokit.publish.readback import published_tasks

    if not items:
        return []
    return published_tasks(document.request.markdown, items, session.config.members, key)


def _series(document) -> str:
    """The meeting series a document belongs to; a file's title when SOURCE is a file."""
    composed = document.composed
    if composed is None:
        return document.title
    return composed.memory.series if composed.memory is not None else composed.agenda.kind


def config_where(session, key: str) -> str:
    return f"{session.config.where(key, 'publish.notion')}: publish.notion.{key}"


class _Document(NamedTuple):
    request: object  # retrokit.rendering.RenderRequest
    title: str
    composed: object = None  # retrokit.planning.compose.Composed when SOURCE was a meeting kind


def _document(session, source: str, options: dict, plugin: dict) -> _Document:
    """The Markdown to publish, from a meeting kind (rendered with ``options``), a file, or stdin."""
    from retrokit.planning.compose import compose, regenerate_args
    from retrokit.files import read_document
    from retrokit.rendering import RenderRequest

    title = options.get("title") or ""
    composed = None
    if _is_file(session, source):
        used = [flag for key, flag in _KIND_ONLY.items() if options.get(key) not in (None, (), False)]
        if used:
            raise RetrokitUsageError(f"{used[0]} applies only when SOURCE is a meeting kind, not a file")
        markdown = read_document(source, "stdin" if source == "-" else source)
        request = RenderRequest(markdown, config=session.config, title=title)
    else:
        composed = compose(session, source, command_args=regenerate_args(**plugin), **options)
        request = RenderRequest(composed.markdown, agenda=composed.agenda, config=session.config, title=title)
    title = request.document_title().strip()
    if not title:
        raise RetrokitUsageError("the document has no title (no '# heading' line): pass --title")
    return _Document(request, title, composed)


def _is_file(session, source: str) -> bool:
    """SOURCE is a file when it is '-', looks like a path (a / or a .md ending), or is not a meeting kind;
    a bare meeting kind name means the kind (with a warning when a file of that name exists here)."""
    if source == "-" or os.sep in source or "/" in source or source.lower().endswith((".md", ".markdown")):
        return True
    kinds = session.catalog.kinds
    if source in kinds:
        if Path(source).is_file():
            session.reporter.warn(f"'{source}' is a meeting kind and a file here; publishing the {source} agenda "
                                  f"(write ./{source} to publish the file)")
        return False
    if Path(source).exists():
        return True
    from retrokit.errors import did_you_mean

    raise RetrokitUsageError(
        f"'{source}' is neither a meeting kind nor a file{did_you_mean(source, kinds)}; "
        f"known kinds: {', '.join(sorted(kinds))}"
    )


def _dry_run_done() -> None:
    click.echo("retrokit: dry run: nothing was sent", err=True)


def _record(session, document: _Document) -> None:
    if document.composed is not None and document.composed.record:
        from retrokit.planning.compose import record_meeting

        record_meeting(session.config, document.composed)

