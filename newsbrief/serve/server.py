"""How `newsbrief serve` runs uvicorn: the server's limits, and a deadline on request headers.

uvicorn has no deadline on headers: its keep-alive timer stops at the first byte of a request,
and nothing times the rest, so a client sending its headers a byte a minute (slowloris) holds
the connection forever, and enough of them take every connection slot. ASGI middleware cannot
help, since the app is called only once the headers are complete; the request body is timed
there (``RequestTimeout``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import h11
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsbrief.serve.config import Limits

logger = logging.getLogger("uvicorn.error")


class HeaderDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection (after a 408) whose request line and
    headers are not complete ``header_timeout_s`` after it opened or after its previous
    response; and making room for a new connection at the connection limit by closing the
    connection that has been idle longest.

    Why the second: uvicorn's ``limit_concurrency`` counts open connections, so 100 that
    connect and send nothing had every other client answered 503 until the header deadline
    closed them (10 s, and again as soon as they reconnect). A connection with no request in
    progress costs its owner nothing to reopen, so it is the one to go; requests being read or
    answered are never cut."""

    header_timeout_s: float = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self._idle_since = time.monotonic()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._idle_since = time.monotonic()
        self._make_room()
        self._arm()

    def _is_idle(self) -> bool:
        """No request in progress: none started (nothing, or only part of a request line and
        headers, received) or the last one answered."""
        return self.conn.their_state is h11.IDLE and (self.cycle is None or self.cycle.response_complete)

    def _make_room(self) -> None:
        limit = self.limit_concurrency
        if limit is None or len(self.connections) < limit:
            return
        idle = sorted(
            (
                c
                for c in self.connections
                if c is not self and isinstance(c, HeaderDeadlineProtocol) and c._is_idle()
            ),
            key=lambda c: c._idle_since,
        )
        for other in idle[: len(self.connections) - limit + 1]:
            logger.info("closing an idle connection to make room for a new one (limit %d)", limit)
            # Discarded now, not when the loop reports it lost, so the new request is counted right.
            self.connections.discard(other)
            other.transport.close()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._idle_since = time.monotonic()
        # A pipelined request may already have been read in full.
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        logger.info("closing a connection that sent no complete request in %g s", self.header_timeout_s)
        detail = f"the request headers did not arrive within {self.header_timeout_s:g} s"
        body = json.dumps({"detail": detail}).encode()
        # Written directly: h11 sends no response before a request, and the connection ends here.
        self.transport.write(
            b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
            + f"content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode()
            + body
        )
        self.transport.close()


def header_deadline_protocol(timeout_s: float) -> type[HeaderDeadlineProtocol]:
    """The protocol class to give uvicorn (``http=``), with this deadline."""
    return type("HeaderDeadlineProtocol", (HeaderDeadlineProtocol,), {"header_timeout_s": timeout_s})


def uvicorn_settings(limits: Limits) -> dict[str, Any]:
    """``uvicorn.run`` keywords for what the app cannot enforce itself: headers arrive before
    it is called, and connections are the server's."""
    return {
        "http": header_deadline_protocol(limits.header_timeout_s),
        "ws": "none",  # the app has no WebSocket routes
        "timeout_keep_alive": limits.keep_alive_s,
        "limit_concurrency": limits.max_connections,
        "h11_max_incomplete_event_size": limits.max_header_bytes,
    }


@contextmanager
def serving_in_thread(app: ASGIApp, **uvicorn_options: Any) -> Iterator[tuple[str, int]]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread of this process, yielding
    (host, port) once it accepts connections: for tests and notebooks, not deployments."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    host, port = sock.getsockname()
    options = {"log_level": "warning", "lifespan": "on", "access_log": False, **uvicorn_options}
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield host, port
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
