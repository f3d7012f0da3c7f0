"""Who may talk to the app: requests for a trusted Host only, state changes from its own pages
only, HEAD wherever GET works, and redirects that never name a host.

Why: the app runs on a loopback port without authentication. A page on any web site can make
the browser send requests there, and with DNS rebinding (the attacker's name resolving to
127.0.0.1) even read the answers; both carry the attacker's Host or Origin, which is what these
checks look at.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsbrief.serve.refusals import refuse

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
# Methods that only read; every other method must come from the app's own origin.
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Sec-Fetch-Site values of a request the app's own pages (or the user, typing a URL) started.
_OWN_SITES = {"same-origin", "none"}
# Addresses a server listening on every interface is bound to: never a Host a browser sends.
_WILDCARDS = {"0.0.0.0", "::", ""}


def host_pattern(host: str) -> str:
    """``host`` as Starlette's TrustedHostMiddleware compares it: lower case, IPv6 in brackets."""
    host = host.strip().lower()
    try:
        if ipaddress.ip_address(host.strip("[]")).version == 6:
            return f"[{host.strip('[]')}]"
    except ValueError:
        pass
    return host


def allowed_hosts(listen_host: str = "127.0.0.1", extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The loopback names, the address the server listens on (unless a wildcard) and ``extra``."""
    hosts = [*LOCAL_HOSTS, *([] if listen_host in _WILDCARDS else [listen_host]), *extra]
    return tuple(dict.fromkeys(host_pattern(h) for h in hosts if h.strip()))


class SameOrigin:
    """Pure ASGI middleware: a request that may change state (anything but GET, HEAD, OPTIONS)
    is refused with 403 when the browser says another site started it (``Sec-Fetch-Site``), or
    its ``Origin`` is not this server's. Programs (curl, scripts) send neither and pass: the
    check is against pages in a browser, which cannot leave them out or forge them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in _SAFE_METHODS:
            reason = foreign_origin(Headers(scope=scope))
            if reason is not None:
                await refuse(send, 403, f"cross-origin request refused: {reason}")
                return
        await self.app(scope, receive, send)


def foreign_origin(headers: Headers) -> str | None:
    """Why the request comes from another origin, or None when nothing says it does.

    ``Sec-Fetch-Site`` decides where the browser sends it (every current one does; a page
    cannot set it); ``Origin`` is checked where it does not. (Under a no-referrer policy a
    browser sends ``Origin: null`` even for a same-origin form, so null counts as foreign only
    without Fetch Metadata; the app's pages use a same-origin policy, so they send their origin.)"""
    site = headers.get("sec-fetch-site")
    if site is not None:
        return None if site.lower() in _OWN_SITES else f"Sec-Fetch-Site is {site[:40]!r}"
    origin = headers.get("origin")
    if origin is None:
        return None
    host = (headers.get("host") or "").lower()
    netloc = urlsplit(origin).netloc.lower() if origin != "null" else ""
    if not netloc or netloc != host:
        return f"Origin {origin[:100]!r} is not this server"
    return None


class HeadAsGet:
    """Pure ASGI middleware: HEAD answered as GET without the body (FastAPI routes declared
    with ``get`` answer HEAD with 405), so headers and status match GET's exactly."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class RelativeRedirects:
    """Pure ASGI middleware: a ``Location`` naming a host is cut to its path and query, so no
    redirect (Starlette's trailing-slash one builds an absolute URL from the client's Host)
    ever sends a browser to a host the client named."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_relative(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                location = headers.get("location")
                if location is not None:
                    parts = urlsplit(location)
                    if parts.scheme or parts.netloc:
                        path = "/" + parts.path.lstrip("/")
                        headers["location"] = path + (f"?{parts.query}" if parts.query else "")
            await send(message)

        await self.app(scope, receive, send_relative)
