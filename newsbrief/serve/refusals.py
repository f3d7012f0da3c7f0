"""How the app's own middlewares refuse a request: a JSON detail, like FastAPI's errors, and
the connection closed (what is left of the request may still be arriving)."""

from __future__ import annotations

import json

from starlette.types import Send


async def refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
