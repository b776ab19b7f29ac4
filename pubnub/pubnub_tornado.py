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

The IOLoop: ``custom_ioloop``, else the current one when the client is created. Without
``custom_ioloop`` the client follows the loop running its calls: when its IOLoop's loop is
closed, or idle while another loop runs the call (a client made at import time, then
``asyncio.run(main())``), it closes what it had there (connections, subscription) and moves
``ioloop`` to the current IOLoop.
"""
from __future__ import annotations

import asyncio
import logging
import warnings
from typing import Any, Callable, Optional

from tornado.ioloop import IOLoop

from pubnub._async_client import AsyncClient, FailedCall, left_behind
from pubnub._listener_async import AsyncSubscribeListener
from pubnub._subscription import SubscriptionManager
from pubnub._subscription_tornado import TornadoSubscriptionDriver
from pubnub._transport.tornado import TornadoTransport
from pubnub.errors import PNERR_PAM_INVALID_ARGUMENTS
from pubnub.exceptions import PubNubException
from pubnub.managers import PublishSequenceManager, TelemetryManager
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


class PubNubTornadoException(FailedCall):
    """A failed call, delivered as the value of ``.future()`` (never raised by it)."""


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


class _HttpClientView:
    """The transport's ``AsyncHTTPClient`` as 4.8.1 exposed it, except that ``close()`` closes the
    transport (taking curl's sockets off the IOLoop first, which the client's own close does not)."""

    def __init__(self, transport: Any) -> None:
        self._transport = transport

    def close(self) -> None:
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport.http_client, name)


class PubNubTornado(AsyncClient):
    """The PubNub client for Tornado applications."""

    envelope_class = TornadoEnvelope
    exception_class = PubNubTornadoException

    def __init__(self, config: Any, custom_ioloop: Optional[IOLoop] = None,
                 transport: Optional[TornadoTransport] = None) -> None:
        """Create a client bound to ``custom_ioloop`` (default: the current IOLoop).

        ``transport`` replaces the default ``TornadoTransport`` (e.g. one with ``ca_certs``).
        Nothing is connected or scheduled until the first call.
        """
        super().__init__(config, transport)
        self._publish_sequence_manager = TornadoPublishSequenceManager(self.MAX_SEQUENCE)
        self._custom_ioloop = custom_ioloop
        self.ioloop = custom_ioloop if custom_ioloop is not None else _current_ioloop()
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
        not running is not stopped (that would only make its next run end at once): after its
        run ended (``run_sync(main)`` then ``pubnub.stop()``), it runs until the cancelled
        subscription tasks have ended, so closing or dropping it reports none as pending.
        """
        if self._subscription_manager is not None:
            self._subscription_manager.stop()
        self._close_own_transport()  # a later call opens a new one
        if self.ioloop.asyncio_loop.is_running():  # type: ignore[attr-defined]
            self.ioloop.add_callback(self.ioloop.stop)
        else:
            self._finish_on_idle_loop()

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
    def _loop(self) -> asyncio.AbstractEventLoop:
        loop: asyncio.AbstractEventLoop = self.ioloop.asyncio_loop  # type: ignore[attr-defined]
        return loop if loop.is_running() else self._followed().asyncio_loop  # type: ignore[attr-defined]

    @property
    def _home_loop(self) -> Optional[asyncio.AbstractEventLoop]:
        return self.ioloop.asyncio_loop  # type: ignore[attr-defined,no-any-return]

    def _call_soon(self, function: Callable[..., Any], *args: Any) -> None:
        ioloop = self.ioloop
        if not ioloop.asyncio_loop.is_running():  # type: ignore[attr-defined]
            ioloop = self._followed()
        ioloop.add_callback(function, *args)

    def _followed(self) -> IOLoop:
        """``ioloop``, whose loop is not running: first moved to the current IOLoop when the client
        follows the running loop and its own was left behind (see the module docstring)."""
        ioloop = self.ioloop
        if self._custom_ioloop is None and left_behind(ioloop.asyncio_loop):  # type: ignore[attr-defined]
            ioloop = self.ioloop = _current_ioloop()
            self._leave_loop()
        return ioloop

    def _new_transport(self) -> TornadoTransport:
        return TornadoTransport()

    def _new_long_poll_transport(self) -> TornadoTransport:
        return TornadoTransport(max_clients=1)

    @property
    def http(self) -> Any:
        """4.8.1's attribute: the Tornado ``AsyncHTTPClient`` calls go through. Its ``close()``
        closes the transport properly; the client's next call opens a new one."""
        return _HttpClientView(self.transport)


class SubscribeListener(AsyncSubscribeListener):
    """A listener for tests and scripts: await connection, disconnection, messages, presence.

    Usable from any asyncio loop: nothing is bound to a loop until a coroutine waits, and each
    wait creates its future on the loop that runs it. "Connected" is a ``PNConnectedCategory``
    status; "disconnected" the acknowledgment of a leave (``PNUnsubscribeOperation``).
    """
