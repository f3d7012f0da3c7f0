"""Issue 16 row 15: connections that send nothing cannot deny service to others; at the
connection limit the longest idle one is closed to make room, and a request in progress never."""

from __future__ import annotations

import socket
import time
from contextlib import ExitStack

import httpx

from newsbrief.serve import Limits, ServeConfig, create_app
from newsbrief.serve.server import serving_in_thread, uvicorn_settings


def test_idle_connections_do_not_lock_others_out() -> None:
    limits = Limits()  # the defaults `newsbrief serve` runs with: 100 connections
    config = ServeConfig(limits=limits)
    with (
        serving_in_thread(create_app(config), **uvicorn_settings(limits)) as (host, port),
        ExitStack() as stack,
    ):
        # A request whose body is still arriving: in progress, so it must survive the flood.
        upload = stack.enter_context(socket.create_connection((host, port)))
        upload.sendall(
            b"POST /api/briefs HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 12\r\n\r\ntext="
        )
        time.sleep(0.2)
        idle = [stack.enter_context(socket.create_connection((host, port))) for _ in range(150)]
        time.sleep(0.3)
        started = time.monotonic()
        with httpx.Client(base_url=f"http://{host}:{port}", timeout=5) as client:
            statuses = [client.get("/api/health").status_code for _ in range(5)]
        assert statuses == [200] * 5
        assert time.monotonic() - started < 2
        upload.sendall(b"+++++++")
        upload.settimeout(10)
        reply = upload.recv(4096)
        assert reply.startswith(b"HTTP/1.1 400 "), reply[:100]
        # The oldest idle connection was closed by the server to make room.
        idle[0].settimeout(5)
        assert idle[0].recv(1) == b""
