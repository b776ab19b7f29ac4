"""AsyncClient: the call machinery of the event-loop clients (``PubNubTornado``, ``PubNubAsyncio``).

Layer: client. Imports asyncio and the core, never a HTTP library: a subclass supplies its
transport (``_new_transport``), its event loop (``_loop``), how to schedule a callback from any
thread (``_call_soon``), the value classes of ``.future()``, and its subscription driver.

Every endpoint offers three ways to run on the client's loop:

* ``.pn_async(callback)`` schedules the call and later calls ``callback(result, status)`` on the
  loop; an exception raised by the callback is logged, never raised into the loop.
* ``.future()`` returns a Future resolving to an envelope (``result``, ``status``) or, on failure,
  to the client's exception value; it never raises, even for bad input.
* ``.result()`` returns a Future resolving to the result, or raising the ``PubNubException``.
"""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable, Optional

from pubnub import _outcome
from pubnub._flows import drive_async
from pubnub._transport.base import AsyncTransport, Outcome, send_async
from pubnub.exceptions import PNConnectionError
from pubnub.pubnub_core import PubNubCore
from pubnub.structures import Envelope

logger = logging.getLogger("pubnub")

__all__ = ["AsyncClient", "FailedCall"]


class FailedCall(Exception):
    """A failed call as ``.future()`` delivers it: a value (never raised by ``.future()``) with
    ``result``, ``status``, ``is_error()`` True and ``value()``, the ``PubNubException``; ``str()``
    is that exception's text. Each event-loop client has its 4.8.1-named subclass
    (``PubNubTornadoException``, ``PubNubAsyncioException``).
    """

    def __init__(self, result: Any, status: Any) -> None:
        super().__init__(result, status)
        self.result = result
        self.status = status

    def __str__(self) -> str:
        return str(self.value())

    def is_error(self) -> bool:
        return True

    def value(self) -> Any:
        """The ``PubNubException`` describing the failure."""
        error_data = self.status.error_data if self.status is not None else None
        return error_data.exception if error_data is not None else None



def _deliver_task(endpoint: Any, done: "asyncio.Future[Envelope]", deliver: Callable[[Envelope], None]) -> None:
    """Hand a flow's envelope to ``deliver``; a flow that failed (a bug) still ends its call."""
    if done.cancelled():
        return  # only when the loop itself is shutting down
    error = done.exception()
    deliver(done.result() if error is None else _outcome.from_invalid_input(endpoint, error))  # type: ignore[arg-type]


class _ClosedTransport:
    """Where a closed client's calls go: each ends at once with a connection error."""

    closed = False

    def send(self, request: Any, callback: Callable[[Outcome], None]) -> None:
        callback(PNConnectionError("the client is closed"))

    def close(self) -> None:
        pass


_CLOSED = _ClosedTransport()


class AsyncClient(PubNubCore):
    """Shared base of the event-loop clients: transport ownership, calls, closing."""

    #: ``.future()``'s value for a completed call and for a failed one (a subclass sets them).
    envelope_class: Callable[[Any, Any], Any] = Envelope
    exception_class: Callable[[Any, Any], Any] = Envelope

    def __init__(self, config: Any, transport: Optional[AsyncTransport] = None) -> None:
        super().__init__(config)
        self._transport = transport
        self._owns_transport = transport is None  # an application's own transport is its to close
        self._closed = False
        self._subscription_driver: Any = None  # a subclass with subscribe enabled sets it

    # ----- what a subclass supplies ------------------------------------------------------------
    @property
    def _loop(self) -> asyncio.AbstractEventLoop:
        """The asyncio loop the client's calls and flows run on."""
        raise NotImplementedError

    def _call_soon(self, function: Callable[..., Any], *args: Any) -> None:
        """Run ``function(*args)`` on the client's loop soon; safe from any thread."""
        self._loop.call_soon_threadsafe(function, *args)

    def _new_transport(self) -> Any:
        """A new transport of the client's own, created on the loop it will serve."""
        raise NotImplementedError

    # ----- closing -----------------------------------------------------------------------------
    def close(self) -> None:
        """Close the client and leave the loop running.

        Forgets the subscription and stops its long-poll, heartbeats and reconnection timers (no
        leave is sent: ``aclose()`` sends one and waits for it), ends the calls still waiting with
        a ``PNNetworkIssuesCategory`` error status and closes the connections. Later calls end
        with that error status too. Call it on the loop's thread (or while the loop is not
        running); closing again does nothing.
        """
        if self._closed:
            return
        self._closed = True
        if self._subscription_manager is not None:
            self._subscription_manager.close(leave=False)
        self._close_transports()

    async def aclose(self) -> None:
        """Close the client like ``close()``, after telling the service it leaves: a leave for
        what is subscribed (unless ``suppress_leave_events``), awaited (at most the
        non-subscribe request timeout), its status announced to the listeners."""
        if self._closed:
            return
        manager, driver = self._subscription_manager, self._subscription_driver
        if manager is not None and driver is not None:
            manager.close(leave=True)
            try:
                await asyncio.wait_for(driver.join(), float(self.config.non_subscribe_request_timeout))
            except asyncio.TimeoutError:
                logger.warning("The leave did not finish before the client closed")
        self.close()

    async def __aenter__(self) -> Any:
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.aclose()

    def _close_transports(self) -> None:
        if self._subscription_driver is not None:
            self._subscription_driver.close()
        self._close_own_transport()

    def _close_own_transport(self) -> None:
        if self._transport is not None and self._owns_transport:
            self._transport.close()
            self._transport = None  # a later call (after stop(), not close()) opens a new one

    @property
    def transport(self) -> AsyncTransport:
        if self._closed:
            return _CLOSED
        transport = self._transport
        if transport is None or (self._owns_transport and transport.closed):  # type: ignore[attr-defined]
            transport = self._transport = self._new_transport()  # created lazily, on the loop it will serve
        return transport

    # ----- running calls -----------------------------------------------------------------------
    async def execute(self, endpoint: Any, transport: Optional[AsyncTransport] = None) -> Envelope:
        """Run an endpoint (or its multi-request flow) and return its envelope; never raises.

        ``transport``: where to send instead of the client's own (the subscription driver's
        long-poll transport).
        """
        flow = endpoint.flow()
        if flow is not None:
            return await drive_async(flow, self.execute)
        request = self._request_or_envelope(endpoint)
        if isinstance(request, Envelope):
            return request
        started = time.monotonic()
        try:
            response = await send_async(transport if transport is not None else self.transport, request)
        except Exception as e:
            return _outcome.from_transport_error(endpoint, request, e)
        return self._finish_response(endpoint, request, started, response)

    @staticmethod
    def _request_or_envelope(endpoint: Any) -> Any:
        """The endpoint's request, or the error envelope when its input is bad."""
        try:
            return endpoint.build_request()
        except Exception as e:  # bad input: reported in the status, not raised into the loop
            return _outcome.from_invalid_input(endpoint, e)

    def _finish_response(self, endpoint: Any, request: Any, started: float, response: Any) -> Envelope:
        elapsed = time.monotonic() - started
        if logger.isEnabledFor(logging.DEBUG):  # spares building the arguments on every call
            logger.debug("%s %s -> %d in %.1f ms", request.method, endpoint.name(), response.status_code,
                         elapsed * 1000)
        envelope = _outcome.from_response(endpoint, request, response)
        if not envelope.status.is_error():
            self._telemetry_manager.store_latency(elapsed, endpoint.operation_type())
        return envelope

    def _call(self, endpoint: Any, deliver: Callable[[Envelope], None]) -> None:
        """Run ``endpoint`` and hand its envelope to ``deliver`` on the loop.

        A plain request completes in the transport's callback (no coroutine, no Task: they cost
        measurable CPU per call); a multi-request flow runs as a Task.
        """
        if endpoint.flow() is not None:
            task = self._spawn(self.execute(endpoint))
            task.add_done_callback(lambda done: _deliver_task(endpoint, done, deliver))
            return
        request = self._request_or_envelope(endpoint)
        if isinstance(request, Envelope):
            self._call_soon(deliver, request)
            return
        started = time.monotonic()

        def finish(outcome: Outcome) -> None:
            if isinstance(outcome, BaseException):
                deliver(_outcome.from_transport_error(endpoint, request, outcome))
            else:
                deliver(self._finish_response(endpoint, request, started, outcome))
        try:
            self.transport.send(request, finish)
        except Exception as e:  # a transport failing before it sends
            deliver(_outcome.from_transport_error(endpoint, request, e))

    def _spawn(self, coroutine: Awaitable[Any]) -> "asyncio.Future[Any]":
        return asyncio.ensure_future(coroutine, loop=self._loop)

    def _new_future(self) -> "asyncio.Future[Any]":
        return self._loop.create_future()

    def request_future(self, endpoint: Any) -> "asyncio.Future[Any]":
        future = self._new_future()
        failure, success = self.exception_class, self.envelope_class

        def deliver(envelope: Envelope) -> None:
            if not future.done():
                future.set_result(failure(envelope.result, envelope.status) if _outcome.failed(envelope)
                                  else success(envelope.result, envelope.status))
        self._call(endpoint, deliver)
        return future

    def request_result(self, endpoint: Any) -> "asyncio.Future[Any]":
        future = self._new_future()

        def deliver(envelope: Envelope) -> None:
            if future.done():
                return
            if _outcome.failed(envelope):
                future.set_exception(_outcome.exception_of(envelope))
            else:
                future.set_result(envelope.result)
        self._call(endpoint, deliver)
        return future

    def request_async(self, endpoint: Any, callback: Callable[[Any, Any], Any]) -> None:
        def run_callback(envelope: Envelope) -> None:
            try:
                callback(envelope.result, envelope.status)
            except Exception:
                logger.exception("Exception in the callback of %s", endpoint.name())

        def deliver(envelope: Envelope) -> None:  # user code runs on its own loop pass, never inside the transport's
            self._call_soon(run_callback, envelope)
        self._call_soon(self._call, endpoint, deliver)
