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
from typing import Any, Awaitable, Callable, Coroutine, Optional

from pubnub import _outcome
from pubnub._flows import drive_async
from pubnub._http import HttpRequest, HttpResponse
from pubnub._transport.base import AsyncTransport, Outcome, send_async
from pubnub.exceptions import PNConnectionError
from pubnub.pubnub_core import PubNubCore
from pubnub.structures import Envelope

logger = logging.getLogger("pubnub")

__all__ = ["AsyncClient", "FailedCall", "RefusingTransport", "future_value", "left_behind", "result_value"]


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



class _Call:
    """One call of an event-loop client, from its start to its settled outcome.

    It is the transport's callback, and keeps what the outcome goes to: ``target`` (a future, or
    the ``pn_async`` callback), settled by ``settle(call, envelope)``. One object with slots
    instead of closures and their cells (fewer objects for the garbage collector while calls are
    in flight): at 100 calls in flight on the asyncio client, 0-8 us of CPU per call less.
    """

    __slots__ = ("client", "endpoint", "request", "settle", "started", "target")
    request: Any  # the HttpRequest sent, and
    started: float  # when (time.monotonic()): set when it is sent

    def __init__(self, client: "AsyncClient", endpoint: Any, target: Any,
                 settle: Callable[["_Call", Envelope], None]) -> None:
        self.client = client
        self.endpoint = endpoint
        self.target = target
        self.settle = settle

    def __call__(self, outcome: Outcome) -> None:
        """The transport's answer (or why there was none)."""
        if isinstance(outcome, BaseException):
            envelope = _outcome.from_transport_error(self.endpoint, self.request, outcome)
        else:
            envelope = self.client._finish_response(self.endpoint, self.request, self.started, outcome)
        self.settle(self, envelope)

    def deliver(self, envelope: Envelope) -> None:
        self.settle(self, envelope)

    def flow_done(self, done: "asyncio.Future[Envelope]") -> None:
        """A multi-request flow's Task ended; a flow that failed (a bug) still ends its call."""
        if done.cancelled():
            return  # only when the loop itself is shutting down
        error = done.exception()
        self.settle(self, done.result() if error is None
                    else _outcome.from_invalid_input(self.endpoint, error))  # type: ignore[arg-type]


def future_value(client: "AsyncClient", envelope: Envelope) -> Any:
    """``.future()``'s value: the client's envelope, or its exception value on failure."""
    value = client.exception_class if _outcome.failed(envelope) else client.envelope_class
    return value(envelope.result, envelope.status)


def result_value(client: "AsyncClient", envelope: Envelope) -> Any:
    """``.result()``'s outcome: the result, or the ``PubNubException`` raised."""
    if _outcome.failed(envelope):
        raise _outcome.exception_of(envelope)
    return envelope.result


def _settle_with_envelope(call: _Call, envelope: Envelope) -> None:
    future = call.target
    if not future.done():
        future.set_result(future_value(call.client, envelope))


def _settle_with_result(call: _Call, envelope: Envelope) -> None:
    future = call.target
    if future.done():
        return
    if _outcome.failed(envelope):
        future.set_exception(_outcome.exception_of(envelope))
    else:
        future.set_result(envelope.result)


def _settle_with_callback(call: _Call, envelope: Envelope) -> None:
    """``pn_async``: the callback runs on a loop pass of its own, never inside the transport's."""
    call.client._call_soon(_run_callback, call, envelope)


def _run_callback(call: _Call, envelope: Envelope) -> None:
    try:
        call.target(envelope.result, envelope.status)
    except Exception:
        logger.exception("Exception in the callback of %s", call.endpoint.name())


def left_behind(loop: asyncio.AbstractEventLoop) -> bool:
    """Whether a client that follows the running loop must leave ``loop``, which is not running:
    it is closed (a later ``asyncio.run``), or idle while another loop runs this call
    (pytest-asyncio with loops of different scopes). A loop not running yet while none runs (a
    script's set-up before ``run_until_complete``) is kept."""
    return loop.is_closed() or asyncio._get_running_loop() is not None


class RefusingTransport:
    """A transport that sends nothing: each call ends at once with ``error()`` (a closed
    client's calls; PubNubAsyncio's after ``pubnub._connector.close()``)."""

    closed = False

    def __init__(self, error: Callable[[], BaseException]) -> None:
        self._error = error

    def send(self, request: Any, callback: Callable[[Outcome], None]) -> None:
        callback(self._error())

    def close(self) -> None:
        pass


_CLOSED = RefusingTransport(lambda: PNConnectionError("the client is closed"))


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

    @property
    def _home_loop(self) -> Optional[asyncio.AbstractEventLoop]:
        """The loop the client is on now, without following the running one (None: not bound yet)."""
        raise NotImplementedError

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
        running: after the program's run of it ended, the loop then runs until the cancelled
        subscription tasks have ended); closing again does nothing.
        """
        if self._closed:
            return
        self._closed = True
        if self._subscription_manager is not None:
            self._subscription_manager.close(leave=False)
        self._close_transports()
        self._finish_on_idle_loop()

    def _finish_on_idle_loop(self) -> None:
        """After ``stop()`` or ``close()``: when the client's loop runs nowhere (the program's run
        of it ended: ``loop.run_until_complete(main())`` then ``pubnub.stop()``), run it until the
        subscription tasks just cancelled have ended (at most the non-subscribe request timeout),
        as they would on a running loop. Left pending, they would be reported "destroyed but
        pending" when the program closes or drops the loop."""
        driver, loop = self._subscription_driver, self._home_loop
        if (driver is None or loop is None or loop.is_closed() or loop.is_running()
                or asyncio._get_running_loop() is not None or not driver.has_tasks_on(loop)):
            return
        try:
            loop.run_until_complete(
                asyncio.wait_for(driver.join(), float(self.config.non_subscribe_request_timeout)))
        except asyncio.TimeoutError:
            logger.warning("The subscription's tasks did not end before the client stopped")

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

    def _leave_loop(self) -> None:
        """The client leaves its loop: it has just moved to another (see ``left_behind``), or the
        loop is shutting down (PubNubAsyncio's ``_loop_ends``). The subscription stops on the loop
        left, kept as ``stop()`` keeps it (a later ``subscribe()`` or ``reconnect()`` runs it on
        the next loop), and what belonged to that loop is closed."""
        try:
            if self._subscription_manager is not None:
                self._subscription_manager.stop()
            self._close_transports()
        except Exception:  # whatever is left there is abandoned; the call goes on on the new loop
            logger.exception("Closing what the client had on the loop it left failed")
            if self._owns_transport:
                self._transport = None

    def _close_transports(self) -> None:
        if self._subscription_driver is not None:
            self._subscription_driver.close()
        self._close_own_transport()

    def _close_own_transport(self) -> None:
        transport = self._transport
        if transport is not None and self._owns_transport:
            self._transport = None  # a later call (after stop(), not close()) opens a new one
            transport.close()

    @property
    def transport(self) -> AsyncTransport:
        if self._closed:
            return _CLOSED
        transport = self._transport
        if transport is None or (self._owns_transport and transport.closed):  # type: ignore[attr-defined]
            transport = self._transport = self._new_transport()  # created lazily, on the loop it will serve
        return transport

    # ----- running calls -----------------------------------------------------------------------
    def execute(self, endpoint: Any, transport: Optional[AsyncTransport] = None) -> Coroutine[Any, Any, Envelope]:
        """A coroutine running an endpoint (or its multi-request flow) and returning its envelope;
        it never raises.

        ``transport``: where to send instead of the client's own (the subscription driver's
        long-poll transport).
        """
        return self._run(endpoint, transport)

    async def _run(self, endpoint: Any, transport: Optional[AsyncTransport] = None,
                   fetch: Optional[Callable[[HttpRequest], Awaitable[HttpResponse]]] = None) -> Envelope:
        """``execute``; ``fetch(request)``, when given, gets a plain request's answer instead of
        the transport's ``send``."""
        flow = endpoint.flow()
        if flow is not None:
            return await drive_async(flow, self.execute)
        request = self._request_or_envelope(endpoint)
        if isinstance(request, Envelope):
            return request
        started = time.monotonic()
        try:
            if fetch is not None:
                response = await fetch(request)
            else:
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

    def _start(self, call: _Call) -> None:
        """Run ``call.endpoint``; its envelope goes to ``call.settle`` on the loop.

        A plain request completes in the transport's callback (no coroutine, no Task: they cost
        measurable CPU per call); a multi-request flow runs as a Task.
        """
        endpoint = call.endpoint
        if endpoint.flow() is not None:
            self._spawn(self.execute(endpoint)).add_done_callback(call.flow_done)
            return
        request = self._request_or_envelope(endpoint)
        if isinstance(request, Envelope):
            self._call_soon(call.deliver, request)
            return
        call.request = request
        call.started = time.monotonic()
        try:
            self.transport.send(request, call)
        except Exception as e:  # a transport failing before it sends
            call.deliver(_outcome.from_transport_error(endpoint, request, e))

    def _spawn(self, coroutine: Awaitable[Any]) -> "asyncio.Future[Any]":
        return asyncio.ensure_future(coroutine, loop=self._loop)

    def _new_future(self) -> "asyncio.Future[Any]":
        return self._loop.create_future()

    def request_future(self, endpoint: Any) -> Awaitable[Any]:
        call = _Call(self, endpoint, self._new_future(), _settle_with_envelope)
        self._start(call)
        return call.target  # type: ignore[no-any-return]

    def request_result(self, endpoint: Any) -> Awaitable[Any]:
        call = _Call(self, endpoint, self._new_future(), _settle_with_result)
        self._start(call)
        return call.target  # type: ignore[no-any-return]

    def request_async(self, endpoint: Any, callback: Callable[[Any, Any], Any]) -> None:
        self._call_soon(self._start, _Call(self, endpoint, callback, _settle_with_callback))
