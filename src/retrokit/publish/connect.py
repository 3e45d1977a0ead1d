"""The authorised clients both ``retrokit publish`` and ``retrokit ingest --from`` use: which Confluence
API (Cloud or Data Center) a site speaks, and the credentials from the environment variables the team
config names ([publish.confluence] / [publish.notion] of retrokit.toml; credentials never live there)."""

from __future__ import annotations

import os

import click


def credential(variable: str, dry_run: bool, *, user: bool = False) -> str:
    """The value of ``variable``; in a dry run a missing one is a warning (and "")."""
    from retrokit.publish.client import secret

    if dry_run and not os.environ.get(variable, "").strip():
        click.echo(f"retrokit: warning: {variable} is not set: a real run would stop here", err=True)
        return ""
    return secret(variable, "publish", user=user)


def check_environment(service: str, settings: dict) -> None:
    """Before anything is rendered or sent: the number settings are in range, and each credential
    variable of ``service`` that is set holds what an HTTP header can carry (an unset one is reported
    when it is needed)."""
    from retrokit.publish.settings import check_environment as check_numbers
    from retrokit.publish.redaction import check_credential

    check_numbers()
    names = [(settings.get("token_env", f"RETROKIT_{service.upper()}_TOKEN"), False)]
    if service == "confluence":
        names.append((settings.get("user_env", "RETROKIT_CONFLUENCE_USER"), True))
    for variable, user in names:
        value = os.environ.get(variable, "").strip()
        if value:
            check_credential(variable, value, user=user)


def confluence_site(url: str, settings: dict, cloud: bool | None, *, dry_run: bool, debug: bool) -> tuple[bool, str]:
    """Whether ``url`` is Cloud (the flag, else ``cloud`` in the config, else asked of the site) and the
    API base (Cloud serves Confluence under /wiki)."""
    from retrokit.publish.client import check_url
    from retrokit.publish.confluence import ask_cloud

    url = check_url(url, "--url")
    if cloud is None:
        cloud = settings.get("cloud")
    if cloud is None:
        cloud = ask_cloud(url, dry_run=dry_run, debug=debug, note=_note)
    if cloud and not url.endswith("/wiki"):
        url += "/wiki"
    return cloud, url


def confluence_client(settings: dict, cloud: bool, *, dry_run: bool = False, debug: bool = False, progress=None):
    """A Client with Cloud's Basic (email:token) or Data Center's Bearer (personal access token) auth."""
    from retrokit.publish.client import Client, basic_auth

    token_env = settings.get("token_env", "RETROKIT_CONFLUENCE_TOKEN")
    if cloud:
        user_env = settings.get("user_env", "RETROKIT_CONFLUENCE_USER")
        user, token = credential(user_env, dry_run, user=True), credential(token_env, dry_run)
        headers = {"Authorization": basic_auth(user, token)}
        secrets = [token, f"{user}:{token}", headers["Authorization"].split(" ", 1)[1]] if token else []
    else:
        token = credential(token_env, dry_run)
        headers, secrets = {"Authorization": f"Bearer {token}"}, [token]
    return Client("confluence", headers=headers, secrets=secrets, dry_run=dry_run, debug=debug, progress=progress)


def notion_api() -> str:
    from retrokit.publish.client import check_url
    from retrokit.publish.notion import DEFAULT_API

    return check_url(os.environ.get("RETROKIT_NOTION_API", "").strip() or DEFAULT_API, "RETROKIT_NOTION_API")


def notion_client(settings: dict, *, dry_run: bool = False, debug: bool = False, progress=None):
    """A Client with the integration token, the pinned Notion-Version and the client-side rate limit."""
    from retrokit.publish.client import Client
    from retrokit.publish.settings import env_float
    from retrokit.publish.notion import NOTION_VERSION

    rate = env_float("RETROKIT_NOTION_RATE")
    token = credential(settings.get("token_env", "RETROKIT_NOTION_TOKEN"), dry_run)
    headers = {"Authorization": f"Bearer {token}", "Notion-Version": NOTION_VERSION}
    return Client("notion", headers=headers, secrets=[token], dry_run=dry_run, debug=debug, rate=rate, progress=progress)


def _note(message: str) -> None:
    click.echo(f"retrokit: note: confluence: {message}", err=True)
