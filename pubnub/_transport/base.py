"""The transport contract: what a client needs from an HTTP library, and nothing more.

Layer: transport (the contract only). Imports nothing but ``pubnub._http`` and the standard
library; every transport module implements one of the two protocols below, and every client
talks to its transport through them alone.

A transport turns an ``HttpRequest`` into an ``HttpResponse`` for every HTTP status: it never
judges a status code or reads a body (``pubnub._outcome`` does, once, for every client). When no
HTTP answer comes it reports, as an exception:

* ``PNTimeoutError``: the request was sent but the answer did not come in time (the sync
  transports: a read timeout, as requests has it; the event-loop transports: the whole exchange
  took longer than ``request_timeout``, as Tornado has it);
* ``PNConnectionError``: no connection (refused, reset, DNS, TLS, a connect timeout), or the
  transport was closed while the request waited.

Any other exception is a failure of the transport itself (a bug, a test double, a replay
library refusing an unrecorded request); clients report it as ``PNUnknownCategory``.

``SyncTransport.send`` blocks and returns or raises. ``AsyncTransport.send`` starts the request
and calls ``callback`` exactly once, on the event loop, with the ``HttpResponse`` or the
exception: one loop pass per call fewer than resolving a future, which measured as a large part
of a call's CPU. ``send_async`` turns that into an awaitable for coroutine code.

An asyncio transport may also offer ``fetch(request)``: an awaitable run by the awaiting task
itself, returning the ``HttpResponse`` or raising the same exceptions (and the task's own
cancellation). ``PubNubAsyncio``'s ``future()`` and ``result()`` use it when the transport has
it (``AiohttpTransport`` does): no Task or Future per call, one loop pass fewer.
"""
from __future__ import annotations

import asyncio
import re
from typing import Callable, Protocol, Union

from pubnub._http import HttpRequest, HttpResponse

__all__ = ["AsyncTransport", "Outcome", "SyncTransport", "cause_text", "send_async"]

#: What an ``AsyncTransport`` hands its callback: the answer, or why there was none.
Outcome = Union[HttpResponse, BaseException]


class SyncTransport(Protocol):
    """A blocking transport (the plain client's)."""

    def send(self, request: HttpRequest) -> HttpResponse:
        """Send ``request`` and return the answer, whatever its status.

        Raises:
            PNTimeoutError: no answer in time. PNConnectionError: no connection.
        """

    def close(self) -> None:
        """Release pooled connections; the transport stays usable."""


class AsyncTransport(Protocol):
    """An event-loop transport (the Tornado client's, and the asyncio client's)."""

    def send(self, request: HttpRequest, callback: Callable[[Outcome], None]) -> None:
        """Start sending ``request``; later call ``callback`` once, on the loop, with the
        ``HttpResponse`` or the ``PNTimeoutError`` / ``PNConnectionError``.

        An exception raised by ``send`` itself means the request was refused on the spot; the
        callback is then never called.
        """

    def close(self) -> None:
        """Close the connections; requests still waiting get ``PNConnectionError``."""


def send_async(transport: AsyncTransport, request: HttpRequest) -> "asyncio.Future[HttpResponse]":
    """``transport.send`` as a future of the running loop: the response, or the exception.

    Cancelling the future abandons the request: its outcome is dropped when it comes.
    """
    future: "asyncio.Future[HttpResponse]" = asyncio.get_running_loop().create_future()

    def settle(outcome: Outcome) -> None:
        if future.cancelled():
            return
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)
    transport.send(request, settle)
    return future


# What urllib3 puts before the cause: the connection's repr ("HTTPConnection(host='h', port=1): "
# in 2.x, "<urllib3.connection.HTTPConnection object at 0x7f...>: " in 1.26).
_CONNECTION_PREFIX = re.compile(r"^(?:<[\w.]+ object at 0x[0-9a-fA-F]+>|[\w.]+\(host=[^)]*\)): ")


def cause_text(error: BaseException) -> str:
    """The text of what really went wrong, for an error status: the innermost cause of ``error``
    (a library's wrapping errors followed through ``reason``, a wrapped first argument and
    ``__cause__``), without the connection's repr a library puts in front, e.g.
    "Failed to establish a new connection: [Errno 111] Connection refused" instead of a
    250-character chain naming the pool, the URL and the retries."""
    current, seen = error, {id(error)}
    while True:
        inner = getattr(current, "reason", None)
        if not isinstance(inner, BaseException):
            first = current.args[0] if current.args else None
            inner = first if isinstance(first, BaseException) else current.__cause__
        if not isinstance(inner, BaseException) or id(inner) in seen:
            break
        seen.add(id(inner))
        current = inner
    # An error made of (object, message) or (message, error) arguments prints as a tuple: its message.
    message = (next((arg for arg in current.args if isinstance(arg, str)), None)
               if len(current.args) > 1 and not isinstance(current, OSError) else None)  # ([Errno 111] ...)
    text = _CONNECTION_PREFIX.sub("", message if message is not None else str(current))
    return text or type(current).__name__
