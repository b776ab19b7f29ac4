"""PubNubTornado: the 4.x client on Tornado 6 (and so on any asyncio loop).

Every endpoint offers three ways to run on the client's IOLoop:

* ``.pn_async(callback)`` schedules the call and later calls ``callback(result, status)``
  on the IOLoop; an exception raised by the callback is logged, never raised into the loop.
* ``.future()`` returns a Future resolving to a ``TornadoEnvelope`` (``result``, ``status``)
  or, on failure, to a ``PubNubTornadoException`` value; it never raises, even for bad input.
* ``.result()`` returns a Future resolving to the result, or raising the ``PubNubException``.

Real-time: ``subscribe()``/``unsubscribe()`` and the listeners are the shared subscription
machinery (``pubnub._subscription``) run on the IOLoop by ``pubnub._subscription_tornado``;
every listener callback runs on the IOLoop.
"""
from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections import deque
from typing import Any, Awaitable, Callable, Deque, List, Optional

from tornado.ioloop import IOLoop

from pubnub import _outcome
from pubnub._flows import drive_async
from pubnub._subscription import SubscriptionManager
from pubnub._subscription_tornado import TornadoSubscriptionDriver
from pubnub._transport.base import AsyncTransport, Outcome, send_async
from pubnub._transport.tornado import TornadoTransport
from pubnub.callbacks import SubscribeCallback
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.errors import PNERR_PAM_INVALID_ARGUMENTS
from pubnub.exceptions import PNConnectionError, PubNubException
from pubnub.managers import PublishSequenceManager, TelemetryManager
from pubnub.pubnub_core import PubNubCore
from pubnub.structures import Envelope

logger = logging.getLogger("pubnub")

__all__ = ["PubNubTornado", "PubNubTornadoException", "SubscribeListener", "TornadoEnvelope",
           "TornadoPublishSequenceManager", "TornadoSubscriptionManager", "TornadoTelemetryManager"]


class TornadoPublishSequenceManager(PublishSequenceManager):
    """The Tornado client's publish sequence numbers (4.8.1 name)."""


class TornadoTelemetryManager(TelemetryManager):
    """The Tornado client's call-latency store (4.8.1 name): its requests carry ``l_*``."""


class TornadoSubscriptionManager(SubscriptionManager):
    """The Tornado client's subscription manager (4.8.1 name): the shared machinery, driven on
    the IOLoop."""


class TornadoEnvelope(Envelope):
    """A completed call: ``result`` and ``status``."""


class PubNubTornadoException(Exception):
    """A failed call, delivered as the value of ``.future()`` (never raised by it)."""

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


def _current_ioloop() -> IOLoop:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        with warnings.catch_warnings():  # no running loop yet: Tornado makes or reuses one
            warnings.simplefilter("ignore", DeprecationWarning)
            try:
                asyncio.get_event_loop()
            except RuntimeError:  # none in this thread: make one, as Tornado 6.3+ does (6.0-6.2 raise)
                asyncio.set_event_loop(asyncio.new_event_loop())
            return IOLoop.current()
    return IOLoop.current()


def _deliver_task(endpoint: Any, done: "asyncio.Future[Envelope]", deliver: Callable[[Envelope], None]) -> None:
    """Hand a flow's envelope to ``deliver``; a flow that failed (a bug) still ends its call."""
    if done.cancelled():
        return  # only when the loop itself is shutting down
    error = done.exception()
    deliver(done.result() if error is None else _outcome.from_invalid_input(endpoint, error))  # type: ignore[arg-type]


class _HttpClientView:
    """The transport's ``AsyncHTTPClient`` as 4.8.1 exposed it, except that ``close()`` closes the
    transport (taking curl's sockets off the IOLoop first, which the client's own close does not)."""

    def __init__(self, transport: Any) -> None:
        self._transport = transport

    def close(self) -> None:
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport.http_client, name)


class _ClosedTransport:
    """Where a closed client's calls go: each ends at once with a connection error."""

    def send(self, request: Any, callback: Callable[[Outcome], None]) -> None:
        callback(PNConnectionError("the client is closed"))

    def close(self) -> None:
        pass


_CLOSED = _ClosedTransport()


class PubNubTornado(PubNubCore):
    """The PubNub client for Tornado applications."""

    def __init__(self, config: Any, custom_ioloop: Optional[IOLoop] = None,
                 transport: Optional[TornadoTransport] = None) -> None:
        """Create a client bound to ``custom_ioloop`` (default: the current IOLoop).

        ``transport`` replaces the default ``TornadoTransport`` (e.g. one with ``ca_certs``).
        Nothing is connected or scheduled until the first call.
        """
        super().__init__(config)
        self._publish_sequence_manager = TornadoPublishSequenceManager(self.MAX_SEQUENCE)
        self.ioloop = custom_ioloop if custom_ioloop is not None else _current_ioloop()
        self._transport = transport
        self._owns_transport = transport is None  # an application's own transport is its to close
        self._closed = False
        self._subscription_driver: Optional[TornadoSubscriptionDriver] = None
        if config.enable_subscribe:
            # An application's own transport (TLS settings ...) also carries the long-polls.
            driver = self._subscription_driver = TornadoSubscriptionDriver(self, long_poll_transport=transport)
            self._subscription_manager = TornadoSubscriptionManager(self, driver)

    def _create_telemetry_manager(self) -> TelemetryManager:
        return TornadoTelemetryManager()

    def sdk_platform(self) -> str:
        return "-Tornado"

    def start(self) -> None:
        """Run the IOLoop (returns when ``stop()`` is called)."""
        self.ioloop.start()

    def stop(self) -> None:
        """Stop the subscription (long-poll and heartbeats), then the running IOLoop.

        The loop stops after the callbacks already queued have run: the cancelled subscription
        tasks finish, and a ``run_sync`` (``gen_test``) whose coroutine called ``stop()`` consumes
        its own stop request instead of leaving it queued for the loop's next run. A loop that is
        not running is left alone (stopping it would only make its next run end at once).
        """
        if self._subscription_manager is not None:
            self._subscription_manager.stop()
        if self._transport is not None and self._owns_transport:
            self._transport.close()  # a later call opens a new one
            self._transport = None
        if self.ioloop.asyncio_loop.is_running():  # type: ignore[attr-defined]
            self.ioloop.add_callback(self.ioloop.stop)

    def close(self) -> None:
        """Close the client and leave the IOLoop running (``stop()`` stops the loop, as in 4.x).

        Forgets the subscription and stops its long-poll, heartbeats and reconnection timers (no
        leave is sent: ``aclose()`` sends one and waits for it), ends the calls still waiting with
        a ``PNNetworkIssuesCategory`` error status and closes the connections. Later calls end
        with that error status too. Call it on the IOLoop's thread (or while the loop is not
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

    async def __aenter__(self) -> "PubNubTornado":
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.aclose()

    def _close_transports(self) -> None:
        if self._subscription_driver is not None:
            self._subscription_driver.close()
        if self._transport is not None and self._owns_transport:
            self._transport.close()
            self._transport = None

    def timeout(self, delay: float, callback: Callable[..., Any], *args: Any) -> Callable[[], None]:
        """Call ``callback(*args)`` on the client's IOLoop after ``delay`` seconds (4.8.1 helper).

        Returns a function that cancels the call if it has not run yet (calling it later, or
        twice, does nothing). An exception raised by the callback is logged, never raised into
        the loop. Call it on the IOLoop's thread, as every IOLoop scheduling method.

        Raises:
            PubNubException: ``PNERR_PAM_INVALID_ARGUMENTS`` when ``delay`` is not a number of
                seconds >= 0 or ``callback`` is not callable.
        """
        if (isinstance(delay, bool) or not isinstance(delay, (int, float)) or not delay >= 0
                or not callable(callback)):
            raise PubNubException(pn_error=PNERR_PAM_INVALID_ARGUMENTS,
                                  errormsg="timeout() needs a delay in seconds (>= 0) and a callable")

        def run() -> None:
            try:
                callback(*args)
            except Exception:
                logger.exception("Exception in a timeout() callback")
        handle = self.ioloop.call_later(float(delay), run)

        def cancel() -> None:
            self.ioloop.remove_timeout(handle)
        return cancel

    @property
    def transport(self) -> AsyncTransport:
        if self._closed:
            return _CLOSED
        transport = self._transport
        if transport is None or (self._owns_transport and transport.closed):
            transport = self._transport = TornadoTransport()  # created lazily, on the loop it will serve
        return transport

    @property
    def http(self) -> Any:
        """4.8.1's attribute: the Tornado ``AsyncHTTPClient`` calls go through. Its ``close()``
        closes the transport properly; the client's next call opens a new one."""
        return _HttpClientView(self.transport)

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
        """Run ``endpoint`` and hand its envelope to ``deliver`` on the IOLoop.

        A plain request completes in the transport's callback (no coroutine, no Task: they cost
        measurable CPU per call); a multi-request flow runs as a Task.
        """
        if endpoint.flow() is not None:
            task = self._spawn(self.execute(endpoint))
            task.add_done_callback(lambda done: _deliver_task(endpoint, done, deliver))
            return
        request = self._request_or_envelope(endpoint)
        if isinstance(request, Envelope):
            self.ioloop.add_callback(deliver, request)
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
        return asyncio.ensure_future(coroutine, loop=self.ioloop.asyncio_loop)  # type: ignore[attr-defined]

    def _new_future(self) -> "asyncio.Future[Any]":
        return self.ioloop.asyncio_loop.create_future()  # type: ignore[attr-defined,no-any-return]

    def request_future(self, endpoint: Any) -> "asyncio.Future[Any]":
        future = self._new_future()

        def deliver(envelope: Envelope) -> None:
            if not future.done():
                future.set_result(PubNubTornadoException(envelope.result, envelope.status) if _outcome.failed(envelope)
                                  else TornadoEnvelope(envelope.result, envelope.status))
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

        def deliver(envelope: Envelope) -> None:  # user code runs on its own loop pass, never inside curl's
            self.ioloop.add_callback(run_callback, envelope)
        self.ioloop.add_callback(self._call, endpoint, deliver)


class SubscribeListener(SubscribeCallback):
    """A listener for tests and scripts: await connection, disconnection, messages, presence.

    Usable from any asyncio loop: nothing is bound to a loop until a coroutine waits, and each
    wait creates its future on the loop that runs it. "Connected" is a ``PNConnectedCategory``
    status; "disconnected" the acknowledgment of a leave (``PNUnsubscribeOperation``).
    """

    def __init__(self) -> None:
        self.connected = False
        self.disconnected = False
        self.messages: Deque[Any] = deque()
        self.presences: Deque[Any] = deque()
        self._waiters: List["asyncio.Future[None]"] = []

    # ----- SubscribeCallback -------------------------------------------------------------------
    def status(self, pubnub: Any, status: Any) -> None:
        if status.category == PNStatusCategory.PNConnectedCategory:
            self.connected, self.disconnected = True, False
        elif (status.category == PNStatusCategory.PNAcknowledgmentCategory
              and status.operation == PNOperationType.PNUnsubscribeOperation):
            self.connected, self.disconnected = False, True
        else:
            return
        self._wake()

    def message(self, pubnub: Any, message: Any) -> None:
        self.messages.append(message)
        self._wake()

    def presence(self, pubnub: Any, presence: Any) -> None:
        self.presences.append(presence)
        self._wake()

    # ----- waiting -----------------------------------------------------------------------------
    def _wake(self) -> None:
        waiters, self._waiters = self._waiters, []
        try:
            current: Optional[asyncio.AbstractEventLoop] = asyncio.get_running_loop()
        except RuntimeError:
            current = None
        for waiter in waiters:
            loop = waiter.get_loop()
            if loop is current:
                _release(waiter)
            elif not loop.is_closed():
                loop.call_soon_threadsafe(_release, waiter)

    async def _until(self, ready: Callable[[], Any]) -> Any:
        while True:
            value = ready()
            if value is not None:
                return value
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            await waiter

    async def wait_for_connect(self) -> None:
        """Return once connected (at once if already connected)."""
        await self._until(lambda: True if self.connected else None)

    async def wait_for_disconnect(self) -> None:
        """Return once a leave was acknowledged (at once if that already happened)."""
        await self._until(lambda: True if self.disconnected else None)

    async def wait_for_message_on(self, *channel_names: str) -> Any:
        """The next message received on one of ``channel_names`` (others are discarded)."""
        return await self._until(lambda: _first_on(self.messages, channel_names))

    async def wait_for_presence_on(self, *channel_names: str) -> Any:
        """The next presence event on one of ``channel_names`` (others are discarded)."""
        return await self._until(lambda: _first_on(self.presences, channel_names))


def _release(waiter: "asyncio.Future[None]") -> None:
    if not waiter.done():
        waiter.set_result(None)


def _first_on(events: Deque[Any], channel_names: Any) -> Any:
    while events:
        event = events.popleft()
        if event.channel in channel_names:
            return event
    return None
