"""Refuse request bodies over the size limit, whether they declare a length or stream chunks."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsbrief.serve.refusals import refuse


class BodySizeLimit:
    """Pure ASGI middleware: 413 for a declared Content-Length over ``max_bytes`` (nothing is
    read), and for a chunked body as soon as what arrived passes it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > self.max_bytes
            except ValueError:
                await refuse(send, 400, "invalid Content-Length")
                return
            if too_large:
                await refuse(send, 413, self._message())
                return
        received = 0
        started = rejected = False

        async def counting_receive() -> Message:
            nonlocal received, rejected
            if rejected:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Answer now and tell the app the client left: frameworks turn exceptions
                    # raised while reading a body into their own 400, which would hide the 413.
                    rejected = True
                    if not started:
                        await refuse(send, 413, self._message())
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if rejected:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not rejected:
                raise

    def _message(self) -> str:
        return f"request body over the limit of {self.max_bytes} bytes"
