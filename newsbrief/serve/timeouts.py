"""A time limit on every request: the client gets an answer even when the work behind it does not.

Starlette runs plain ``def`` endpoints in a thread pool, and a thread cannot be stopped: cancelling
the request would only wait for the thread to finish. So the app runs as a task beside a timer;
when the timer wins and no response has started, the client is answered at once (with
``Connection: close``) and the task is cancelled: a request waiting on its body stops there, while
one whose thread is still working finishes in the background and its late response is dropped.
The event loop is never blocked meanwhile.
"""

from __future__ import annotations

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsbrief.serve.refusals import refuse


class RequestTimeout:
    """Pure ASGI middleware: a request not answered within ``timeout_s`` gets 408 when it was
    waiting for the client to send its body (a slow, possibly hostile, upload) and 503 otherwise,
    with a JSON ``detail``. Each ``upload_rate`` bytes of body received add a second, so a large
    upload over a slow link is not cut off, while a body trickled a few bytes at a time gains
    next to nothing. Once a response has started it is left to finish: the time limit is on
    being answered, and the app's responses are built before they are sent."""

    def __init__(self, app: ASGIApp, timeout_s: float, upload_rate: float | None = None) -> None:
        self.app = app
        self.timeout_s = timeout_s
        self.upload_rate = upload_rate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        reading = body_done = started = timed_out = False
        error: Exception | None = None
        finished = anyio.Event()
        start, received = anyio.current_time(), 0
        timer = anyio.CancelScope(deadline=start + self.timeout_s)

        async def guarded_receive() -> Message:
            nonlocal reading, body_done, received
            if timed_out:
                return {"type": "http.disconnect"}
            # After the whole body, a receive only waits for the client to leave.
            reading = not body_done
            try:
                message = await receive()
            finally:
                reading = False
            if message["type"] == "http.request":
                body_done = not message.get("more_body", False)
                received += len(message.get("body", b""))
                timer.deadline = start + self._allowed(received)
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if timed_out:
                return  # the client already has its answer
            started = started or message["type"] == "http.response.start"
            await send(message)

        async def run() -> None:
            nonlocal error
            try:
                await self.app(scope, guarded_receive, guarded_send)
            except Exception as exc:  # re-raised below, not wrapped in the task group's group
                error = exc
            finally:
                finished.set()

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(run)
            with timer:
                await finished.wait()
            if not finished.is_set() and not started:
                timed_out = True
                if reading:
                    await refuse(send, 408, self._body_too_slow())
                else:
                    allowed = self._allowed(received)
                    await refuse(send, 503, f"the request took longer than {allowed:.3g} s")
                tasks.cancel_scope.cancel()
        if error is not None and not timed_out:
            raise error

    def _allowed(self, received: int) -> float:
        return self.timeout_s + (received / self.upload_rate if self.upload_rate else 0)

    def _body_too_slow(self) -> str:
        extra = f", plus 1 s per {self.upload_rate:,.0f} bytes received" if self.upload_rate else ""
        return f"the request body arrived too slowly (limit {self.timeout_s:g} s{extra})"
