"""``retrokit ingest --from confluence|notion [PAGE]``: the tasks of a published page, read back for the
same apply path as Markdown notes (``retrokit.memory.ingest.apply``; the reading is in
``retrokit.publish.readback``). Without PAGE, the page last published from this team folder (for
``--series`` when given), from published.toml."""

from __future__ import annotations

import re

from retrokit.errors import RetrokitError, RetrokitUsageError, shown

_CONFLUENCE_ID = re.compile(r"(?:/pages/|pageId=)(\d+)|\A(\d+)\Z")


def read_page(config, service: str, page: str | None, series: str | None, debug: bool):
    """(notes, name): the page's tasks as ``Notes`` and how messages name the page."""
    from retrokit.publish.connect import check_environment
    from retrokit.publish.pages import PublishedPages
    from retrokit.publish.readback import to_notes

    if config.folder is None:
        raise RetrokitError("ingest --from needs a team folder (retrokit.toml)")
    pages = PublishedPages(config.folder)
    settings = config.publish.get(service, {})
    check_environment(service, settings)
    if page is None:
        record = pages.last(service, series)
        if record is None or not record.page:
            which = f" for series '{series}'" if series else ""
            raise RetrokitError(f"no page was published to {service}{which} from this team folder ({pages.path}); "
                                f"name the page: retrokit ingest --from {service} PAGE")
        page = record.page
    else:
        page = _page_id(service, page)
        record = next((p for p in reversed(pages.pages()) if p.service == service and p.page == page), None)
    if service == "confluence":
        title, tasks = _confluence(settings, record, page, config.members, debug)
    else:
        title, tasks = _notion(settings, record, page, config.members, debug)
    return to_notes(title, tasks, record), f"{service} page '{title}' (id {page})"


def _page_id(service: str, text: str) -> str:
    if service == "notion":
        from retrokit.publish.notion import page_id

        return page_id(text, "PAGE")
    found = _CONFLUENCE_ID.search(text.strip())
    if not found:
        raise RetrokitUsageError(f"PAGE: not a Confluence page id or page URL: {shown(text)}")
    return found.group(1) or found.group(2)


def _confluence(settings, record, page: str, members, debug: bool):
    from retrokit.publish import confluence as service
    from retrokit.publish.connect import confluence_client, confluence_site
    from retrokit.publish.readback import confluence_tasks

    url = record.site if record else settings.get("url")
    if not url:
        raise RetrokitUsageError("ingest --from confluence PAGE needs url in [publish.confluence] of retrokit.toml")
    cloud, url = confluence_site(url, settings, None, dry_run=False, debug=debug)
    with confluence_client(settings, cloud, debug=debug, progress=False) as client:
        found = (service.CloudApi if cloud else service.DataCenterApi)(client, url).get(page)
    if found.body is None:
        raise RetrokitError(f"confluence: page {page} came back without its storage body; nothing was read")
    return found.title, confluence_tasks(found.body, members)


def _notion(settings, record, page: str, members, debug: bool):
    from retrokit.publish import notion as service
    from retrokit.publish.connect import notion_api, notion_client
    from retrokit.publish.readback import notion_tasks

    with notion_client(settings, debug=debug, progress=False) as client:
        api = service.Notion(client, record.site if record else notion_api())
        state, title = api.page_info(page)
        if state != "live":
            raise RetrokitError(f"notion: page {page} is {state}; restore it in Notion to read it back")
        return title, notion_tasks(api, page, members)
