"""What both publishers share: credentials from the environment, the https-only rule, and ``Client``, the
one HTTP client wrapper (httpx) that every request to Confluence or Notion goes through.

``Client`` does, in one place:

- **redaction**: every secret it was given (the token, the ``user:token`` pair, the Basic header value),
  raw or in any encoding a server may echo it in (see ``retrokit.publish.redaction``), is replaced by
  ``***`` in everything it lets out: error lines, ``--dry-run`` output, ``--debug`` lines;
- **dry runs**: with ``dry_run`` it prints each request (method, URL, headers, JSON body) on stdout and
  sends nothing; each call site says what a dry run assumes the answer is (``dry=``);
- **rate limiting**: at most ``rate`` requests a second on average (a start-to-start interval);
- **retries**: 429 and 529 (and 503 with Retry-After) for any request, since the server did not act on
  it; 500/502/503/504 and connection failures only for idempotent requests (GET, PUT, DELETE, or a call
  marked ``idempotent=True``). Retry-After is honoured exactly, up to ``RETROKIT_PUBLISH_MAX_WAIT``
  seconds (default 900; a longer one is an error saying so), with a line on stderr for any wait
  of a second or more; without it the wait doubles from ``RETROKIT_PUBLISH_BACKOFF`` seconds (default 1).
  At most ``RETRIES`` retries;
- **progress**: ``requests done of planned`` on stderr, when asked (``progress=True``) or when stderr is a
  terminal and the publish has taken over ``PROGRESS_AFTER`` seconds (callers set ``planned``);
- **answers**: ``expect`` checks that a success answer holds what the caller needs (an id, a version);
  a missing one is an error saying what may have been written;
- **errors**: one line, ``<service>: <what> failed: <status> <reason>: <the API's own message>``, the
  message redacted, escaped and cut as ``retrokit.publish.server_text`` does.

httpx is imported here only, when a publish command runs: ``retrokit``'s start-up never pays for it.
"""

from __future__ import annotations

import base64
import json
import os
import time
from urllib.parse import urlsplit

import click

from retrokit.errors import RetrokitError, RetrokitUsageError, one_line, shown
from retrokit.publish.redaction import Redactor, check_credential
from retrokit.publish.server_text import api_message
from retrokit.publish.settings import env_float

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
RETRIES = 5  # retries of one request, after the first attempt
NOT_ACTED = {429, 529}  # rate limited / overloaded: the server did not act on the request
PROGRESS_AFTER = 3.0  # seconds before a terminal shows progress unasked
TIMEOUT = 30.0  # seconds for connecting and for each read
IDEMPOTENT = {"GET", "PUT", "DELETE", "HEAD"}


def secret(variable: str, what: str, *, user: bool = False) -> str:
    """The value of environment variable ``variable`` (a credential; ``user``: the user name of Basic
    auth), or an error naming it: unset, or holding what no HTTP header can carry (never showing it)."""
    value = os.environ.get(variable, "").strip()
    if not value:
        raise RetrokitError(f"{what}: set the environment variable {variable} (credentials are read only from the environment)")
    return check_credential(variable, value, user=user)


def check_url(url: str, option: str) -> str:
    """``url`` without a trailing slash; https only, except for localhost; no user or password in it."""
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port  # each raises ValueError when malformed
    except ValueError:
        parts, host = None, None
    if parts is not None and (parts.username is not None or parts.password is not None):
        raise RetrokitUsageError(f"{option} must not hold a user name or password (credentials are read only "
                                 "from the environment)")
    if host is None or parts.scheme not in ("https", "http") or not url.isprintable() or " " in url:
        raise RetrokitUsageError(f"{option} must be an https:// URL, not {shown(url)}")
    if parts.scheme == "http" and host not in LOCAL_HOSTS:
        raise RetrokitUsageError(
            f"{option} must use https:// (credentials are never sent in clear text; http:// is allowed "
            f"only for localhost): {url}"
        )
    if parts.query or parts.fragment:
        raise RetrokitUsageError(f"{option} must be a base URL without ?query or #fragment: {url}")
    return url.rstrip("/")


def basic_auth(user: str, token: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{token}".encode("utf-8")).decode("ascii")


class ApiError(RetrokitError):
    """A request the API refused or failed: ``status`` (0 when no answer came) and the API's message."""

    def __init__(self, message: str, status: int = 0, api_message: str = ""):
        super().__init__(message)
        self.status = status
        self.api_message = api_message


class Throttle:
    """At most ``rate`` calls a second on average: each call starts at least 1/rate after the one before."""

    def __init__(self, rate: float):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next = 0.0

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if now < self.next:
            time.sleep(self.next - now)
            now = self.next
        self.next = now + self.interval


class Client:
    """Requests to one service (``name``), authorised with ``headers`` (holding ``secrets``)."""

    def __init__(
        self,
        name: str,
        *,
        headers: dict[str, str],
        secrets=(),
        dry_run: bool = False,
        debug: bool = False,
        rate: float = 0.0,
        progress: bool | None = None,
    ):
        self.name = name
        self.headers = {"Accept": "application/json", "User-Agent": _user_agent(), **headers}
        self.redact = Redactor(secrets)
        self.dry_run = dry_run
        self.debug = debug
        self.throttle = Throttle(rate)
        self.backoff = env_float("RETROKIT_PUBLISH_BACKOFF")
        self.max_wait = env_float("RETROKIT_PUBLISH_MAX_WAIT")
        self.sent = 0  # requests sent (retries included)
        self.planned = 0  # requests the publish expects to send in all (for progress; 0: unknown)
        self.progress = Progress(self, progress)
        self._http = None

    # -- redaction

    def shown_headers(self) -> dict[str, str]:
        return {key: self._shown_header(key, value) for key, value in self.headers.items()}

    def _shown_header(self, key: str, value: str) -> str:
        if key.lower() == "authorization":
            scheme = value.split(" ", 1)[0]
            return f"{scheme} ***"
        return self.redact.plain(value)

    # -- requests

    def call(self, method: str, url: str, *, what: str, json_body=None, params=None, dry=None, idempotent=None):
        """Send one request and return its JSON answer (``{}`` for an empty one); raise ApiError on failure.

        ``what`` names the step for error lines ("create page 'Retro'"). In a dry run, print the request
        and return ``dry`` (what the dry run assumes the answer is) without sending anything."""
        if self.dry_run:
            self._print_request(method, url, params, json_body)
            return dry
        if idempotent is None:
            idempotent = method in IDEMPOTENT
        content = None
        headers = dict(self.headers)
        if json_body is not None:
            content = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        attempt = 0
        while True:
            response, failure = self._send(method, url, headers, params, content)
            status = response.status_code if response is not None else 0
            if response is not None and 200 <= status < 300:
                try:
                    data = response.json() if response.content else {}
                except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes
                    raise self._error(what, response, note="the answer is not JSON")
                if not isinstance(data, dict):  # both APIs answer an object
                    raise self._error(what, response, note="the answer is not a JSON object")
                return data
            wait = self._retry_wait(response, attempt, idempotent)
            if wait is None or attempt >= RETRIES:
                if response is None:
                    raise ApiError(self.redact(f"{self.name}: {what} failed: {failure}"))
                raise self._error(what, response, retried=attempt)
            if wait > self.max_wait:
                raise self._error(what, response, retried=attempt, note=(
                    f"{api_message(response, self.redact)} (the server asks to wait {wait:g} s, more than "
                    f"RETROKIT_PUBLISH_MAX_WAIT={self.max_wait:g} s: re-run later, or raise it)").lstrip())
            attempt += 1
            self._log(f"{method} {self._shown_url(url)}: {status or failure}; retry {attempt} of {RETRIES} in {wait:g} s")
            if wait >= 1:
                reason = f"{status} {response.reason_phrase}" if response is not None else failure
                self.note(f"{what}: {reason}; waiting {wait:g} s before retry {attempt} of {RETRIES}")
            time.sleep(wait)

    def expect(self, data, *path: str, what: str, written: str):
        """``data[path[0]][path[1]]…`` from a success answer; a missing or empty one is an error that
        says what the request may have written (``written``)."""
        value = data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None or value == "" or isinstance(value, (dict, list, bool)):
            raise RetrokitError(self.redact(
                f"{self.name}: {what} succeeded, but the answer has no {'.'.join(path)}: {written}"))
        return value

    def results(self, data, *, what: str, written: str, key: str = "results") -> list[dict]:
        """``data[key]`` from a success answer: a list of objects, each with an id (missing: an empty
        list); anything else is an error that says what the request may have written (``written``)."""
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(item, dict) and _is_id(item.get("id")) for item in value):
            return value
        raise RetrokitError(self.redact(
            f"{self.name}: {what} succeeded, but the answer's {key} are not objects with ids: {written}"))

    def _send(self, method, url, headers, params, content):
        import httpx

        if self._http is None:
            self._http = httpx.Client(timeout=TIMEOUT, follow_redirects=False)
        self.throttle.wait()
        self.sent += 1
        self.progress.show()
        try:
            response = self._http.request(method, url, headers=headers, params=params, content=content)
        except httpx.HTTPError as exc:
            self._log(f"{method} {self._shown_url(url, params)} -> {type(exc).__name__}")
            return None, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        except (UnicodeEncodeError, httpx.InvalidURL) as exc:  # credentials are checked before: the URL
            self._log(f"{method} {self._shown_url(url, params)} -> {type(exc).__name__}")
            return None, "the request's URL or a header holds what HTTP cannot carry"
        self._log(f"{method} {self._shown_url(str(response.request.url))} -> {response.status_code}")
        return response, ""

    def _retry_wait(self, response, attempt: int, idempotent: bool) -> float | None:
        """Seconds to wait before retrying, or None when this failure is not retried."""
        status = response.status_code if response is not None else 0
        retry_after = _retry_after(response) if response is not None else None
        if status in NOT_ACTED or (status == 503 and retry_after is not None):
            pass  # the server did not act on the request: safe to send again, whatever it was
        elif status in (0, 500, 502, 503, 504) and idempotent:
            pass
        else:
            return None
        if retry_after is not None:
            return retry_after
        return min(self.backoff * (2**attempt), self.max_wait)

    def _error(self, what: str, response, *, retried: int = 0, note: str = "") -> ApiError:
        status = response.status_code
        message = note or api_message(response, self.redact)
        line = f"{self.name}: {what} failed: {status} {response.reason_phrase}".rstrip()
        line += f": {message}" if message else ""
        if retried:
            line += f" (after {retried} retries)"
        if 300 <= status < 400:
            line += f" (redirected to {response.headers.get('location', '?')}: check the URL)"
        return ApiError(self.redact(line), status, self.redact(message))

    # -- output

    def _print_request(self, method, url, params, body) -> None:
        lines = [f"{method} {self._shown_url(url, params)}"]
        lines += [f"{key}: {value}" for key, value in self.shown_headers().items()]
        if body is not None:
            lines.append("Content-Type: application/json")
            lines.append("")
            lines.append(json.dumps(body, indent=2, ensure_ascii=False))
        click.echo(self.redact.plain("\n".join(lines)) + "\n")  # what we send: no server's escapes in it

    def _shown_url(self, url: str, params=None) -> str:
        if params:
            from urllib.parse import urlencode

            url = f"{url}?{urlencode(params, doseq=True)}"
        return self.redact(url)

    def note(self, message: str) -> None:
        click.echo(one_line(self.redact(f"retrokit: note: {self.name}: {message}")), err=True)

    def _log(self, message: str) -> None:
        if self.debug:
            click.echo(one_line(self.redact(f"retrokit: debug: {self.name}: {message}")), err=True)

    def close(self) -> None:
        self.progress.done()
        if self._http is not None:
            self._http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Progress:
    """``retrokit: SERVICE: N of M requests`` on stderr: from the start when asked (``wanted``), else only
    on a terminal once the publish has run for ``PROGRESS_AFTER`` seconds (rewritten in place there)."""

    def __init__(self, client: Client, wanted: bool | None):
        import sys

        self.client = client
        self.terminal = sys.stderr.isatty()
        self.wanted = wanted
        self.start = time.monotonic()
        self.shown = False

    def show(self) -> None:
        client = self.client
        if client.dry_run or self.wanted is False:
            return
        if not self.wanted and not (self.terminal and time.monotonic() - self.start >= PROGRESS_AFTER):
            return
        planned = max(client.planned, client.sent)
        line = f"retrokit: {client.name}: request {client.sent} of {planned}"
        if self.terminal:
            click.echo(f"\r{line}", err=True, nl=False)
        else:
            click.echo(line, err=True)
        self.shown = True

    def done(self) -> None:
        if self.shown and self.terminal:
            click.echo("", err=True)


def _retry_after(response) -> float | None:
    """Retry-After in seconds (a number of seconds, or an HTTP date), else None."""
    raw = response.headers.get("retry-after")
    if raw is None:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _is_id(value) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool) and value != ""


def answer_field(data, *path: str, kind=str, default=None):
    """``data[path[0]][path[1]]…`` of an answer when it is a ``kind``, else ``default``."""
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, kind) and not (kind is int and isinstance(data, bool)) else default


def _user_agent() -> str:
    from retrokit import __version__

    return f"retrokit/{__version__}"
