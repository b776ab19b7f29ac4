"""The transport contract: what a client needs from an HTTP library, and nothing more.

Layer: transport (the contract only). Imports nothing but ``pubnub._http`` and the standard
library; every transport module implements one of the two protocols below, and every client
talks to its transport through them alone.

A transport turns an ``HttpRequest`` into an ``HttpResponse`` for every HTTP status: it never
judges a status code or reads a body (``pubnub._outcome`` does, once, for every client). When no
HTTP answer comes it reports, as an exception:

* ``PNTimeoutError``: the request was sent but the answer did not come in time (read timeout);
* ``PNConnectionError``: no connection (refused, reset, DNS, TLS, a connect timeout), or the
  transport was closed while the request waited.

Any other exception is a failure of the transport itself (a bug, a test double, a replay
library refusing an unrecorded request); clients report it as ``PNUnknownCategory``.

``SyncTransport.send`` blocks and returns or raises. ``AsyncTransport.send`` starts the request
and calls ``callback`` exactly once, on the event loop, with the ``HttpResponse`` or the
exception: one loop pass per call fewer than resolving a future, which measured as a large part
of a call's CPU. ``send_async`` turns that into an awaitable for coroutine code.
"""
from __future__ import annotations

import asyncio
from typing import Callable, Protocol, Union

from pubnub._http import HttpRequest, HttpResponse

__all__ = ["AsyncTransport", "Outcome", "SyncTransport", "send_async"]

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
