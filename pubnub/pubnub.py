"""PubNub: the plain 4.x client on urllib3 (``.sync()``, thread-based ``.pn_async()``, subscribe).

Layer: client. Shares the core with ``PubNubTornado``; only the transport and how calls run
differ:

* ``.sync()`` runs on the caller's thread and returns a ``pubnub.structures.Envelope``, or raises
  the ``PubNubException`` (bad input raises it before anything is sent);
* ``.pn_async(callback)`` runs on a new thread (daemon when ``config.daemon``) and calls
  ``callback(result, status)`` there; it returns a ``Call`` (``join()``, ``cancel()``). Bad
  input calls ``callback(None, status)`` at once, on the caller's thread, as in 4.8.1;
* ``subscribe()`` and the listeners are the shared subscription machinery
  (``pubnub._subscription``) driven by threads (``pubnub._subscription_threads``): every listener
  call runs, in order, on one worker thread. ``stop()`` ends the long-poll and heartbeats.

``set_request_handler(handler)`` sends every request of the client (calls, files, long-polls,
heartbeats) through a 4.8.1-style request handler (``pubnub.request_handlers``) instead.

``SubscribeListener`` and ``NonSubscribeListener`` let scripts and tests wait for those events.
The plain client records no call latencies (4.8.1's never sent ``l_*``).
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable, Optional

from pubnub import _outcome
from pubnub._flows import drive
from pubnub._listeners_sync import NonSubscribeListener, SubscribeListener  # 4.8.1 names, imported from here
from pubnub._subscription_threads import NativeSubscriptionManager, ThreadSubscriptionDriver
from pubnub._transport.base import SyncTransport
from pubnub._transport.urllib3 import Urllib3Transport
from pubnub.enums import PNStatusCategory
from pubnub.errors import PNERR_PAM_INVALID_ARGUMENTS
from pubnub.exceptions import PNConnectionError, PubNubException
from pubnub.managers import PublishSequenceManager, TelemetryManager
from pubnub.pubnub_core import PubNubCore
from pubnub.structures import Envelope, PlatformOptions, RequestOptions

logger = logging.getLogger("pubnub")

__all__ = ["Call", "NativePublishSequenceManager", "NativeSubscriptionManager", "NativeTelemetryManager",
           "NonSubscribeListener", "PubNub", "SubscribeListener"]

_DISCONNECT = PNStatusCategory.PNUnexpectedDisconnectCategory  # what 4.8.1's requests client reported


class NativeTelemetryManager(TelemetryManager):
    """The plain client's telemetry store (4.8.1 name). It works like every ``TelemetryManager``;
    the plain client just never records into it, so its requests carry no ``l_*`` parameters."""


class NativePublishSequenceManager(PublishSequenceManager):
    """The plain client's publish sequence numbers (4.8.1 name): locked, since ``pn_async``
    calls publish from several threads at once."""

    def __init__(self, provided_max_sequence: int = PublishSequenceManager.MAX_SEQUENCE) -> None:
        super().__init__(provided_max_sequence)
        self._lock = threading.Lock()

    def get_next_sequence(self) -> int:
        with self._lock:
            return super().get_next_sequence()


class Call:
    """Handle of one ``pn_async`` call: its thread; ``cancel()`` drops the callback if still pending."""

    def __init__(self) -> None:
        self.thread: Optional[threading.Thread] = None
        self.cancellation_event = threading.Event()
        self.executed_cb: Optional[Callable[..., Any]] = None

    def join(self, timeout: Optional[float] = None) -> None:
        if self.thread is not None:
            self.thread.join(timeout)

    def is_alive(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def cancel(self) -> None:
        self.cancellation_event.set()


class PubNub(PubNubCore):
    """The PubNub client for scripts, workers and threaded applications."""

    def __init__(self, config: Any, transport: Optional[Any] = None) -> None:
        """Create a client. ``transport`` replaces the default ``Urllib3Transport`` (proxies, CA
        bundle ...; ``RequestsTransport()`` sends through a ``requests.Session`` instead); it then
        also carries the subscribe long-polls. Nothing starts until used."""
        super().__init__(config)
        self._publish_sequence_manager = NativePublishSequenceManager(self.MAX_SEQUENCE)
        self._transport = transport if transport is not None else Urllib3Transport()
        self._request_handler: Any = None
        self._closed = False
        self._subscription_driver: Optional[ThreadSubscriptionDriver] = None
        if config.enable_subscribe:
            driver = self._subscription_driver = ThreadSubscriptionDriver(self, long_poll_transport=transport)
            self._subscription_manager = NativeSubscriptionManager(self, driver)

    def _create_telemetry_manager(self) -> TelemetryManager:
        return NativeTelemetryManager()

    @property
    def transport(self) -> Any:
        return self._transport

    def set_request_handler(self, handler: Any) -> None:
        """Send every request of this client through ``handler`` (4.8.1): its
        ``sync_request(platform_options, endpoint_call_options)`` returns each call's Envelope
        (see ``pubnub.request_handlers.base``). ``None`` goes back to the built-in transport.

        Raises:
            PubNubException: ``PNERR_PAM_INVALID_ARGUMENTS`` when ``handler`` has no
                ``sync_request`` of its own (a class instead of an instance, or a bare
                ``BaseRequestHandler``).
        """
        if handler is not None:
            from pubnub.request_handlers.base import BaseRequestHandler

            sync_request = getattr(handler, "sync_request", None)
            if (isinstance(handler, type) or not callable(sync_request)
                    or getattr(type(handler), "sync_request", None) is BaseRequestHandler.sync_request):
                raise PubNubException(pn_error=PNERR_PAM_INVALID_ARGUMENTS,
                                      errormsg="a request handler needs a sync_request(platform_options, "
                                               "endpoint_call_options) method; got %r" % (handler,))
        self._request_handler = handler

    # ----- running calls ---------------------------------------------------------------------
    def execute(self, endpoint: Any, transport: Optional[SyncTransport] = None) -> Envelope:
        """Run an endpoint (or its multi-request flow) on this thread; never raises for call failures.

        ``transport``: where to send instead of the client's own (the subscription driver's
        long-poll transport).
        """
        flow = endpoint.flow()
        if flow is not None:
            return drive(flow, self.execute)
        try:
            request = endpoint.build_request()
        except Exception as e:
            return _outcome.from_invalid_input(endpoint, e)
        return self._send(endpoint, request, transport if transport is not None else self._transport)

    def _send(self, endpoint: Any, request: Any, transport: Any) -> Envelope:
        if self._closed:
            return _outcome.from_transport_error(endpoint, request, PNConnectionError("the client is closed"),
                                                 _DISCONNECT)
        handler = self._request_handler
        if handler is not None:
            return self._send_through_handler(handler, endpoint, request)
        try:
            response = transport.send(request)
        except Exception as e:  # no answer; an error the library or a test double raised unexpectedly too
            return _outcome.from_transport_error(endpoint, request, e, _DISCONNECT)
        logger.debug("%s %s -> %d", request.method, endpoint.NAME, response.status_code)
        return _outcome.from_response(endpoint, request, response)

    def _send_through_handler(self, handler: Any, endpoint: Any, request: Any) -> Envelope:
        """Hand the request to a 4.8.1-style request handler; its Envelope is the call's outcome."""
        platform_options = PlatformOptions({"User-Agent": self.sdk_name}, self.config)
        options = RequestOptions.for_request(endpoint, request, self.config)
        try:
            envelope = handler.sync_request(platform_options, options)
        except Exception as e:  # a handler should report failures in the status; one that raises still ends the call
            return _outcome.from_transport_error(endpoint, request, e, _DISCONNECT)
        status = getattr(envelope, "status", None)
        if status is None or not hasattr(envelope, "result"):
            error = TypeError("%s.sync_request() returned %s, not an Envelope"
                              % (type(handler).__name__, type(envelope).__name__))
            return _outcome.from_transport_error(endpoint, request, error, _DISCONNECT)
        return envelope if isinstance(envelope, Envelope) else Envelope(envelope.result, status)

    def request_sync(self, endpoint: Any) -> Envelope:
        """``.sync()``: the Envelope, or raise the PubNubException (bad input raises it at once)."""
        flow = endpoint.flow()
        if flow is not None:
            endpoint.check_input()
            envelope = drive(flow, self.execute)
        else:
            try:
                request = endpoint.build_request()  # validates: bad input raises here, as in 4.8.1
            except PubNubException:
                raise
            except Exception as e:
                envelope = _outcome.from_invalid_input(endpoint, e)
            else:
                envelope = self._send(endpoint, request, self._transport)
        if _outcome.failed(envelope):
            raise _outcome.exception_of(envelope)
        return envelope

    def request_result(self, endpoint: Any) -> object:
        """``.result()``: the call's result, or raise its PubNubException (4.x suites use it here too)."""
        return self.request_sync(endpoint).result

    def request_async(self, endpoint: Any, callback: Callable[[Any, Any], Any]) -> Call:
        """``.pn_async(callback)``: run on a new thread, then ``callback(result, status)`` there.

        Bad input is reported as in 4.8.1: the request is checked (and built) on the caller's
        thread, and a refused one calls ``callback(None, status)`` there, before ``pn_async``
        returns (no thread is started; an exception from that callback reaches the caller).
        """
        call = Call()
        call.executed_cb = callback
        request: Any = None
        try:
            flow = endpoint.flow()
            if flow is None:
                request = endpoint.build_request()  # validates
            else:
                endpoint.check_input()
        except Exception as e:
            envelope = _outcome.from_invalid_input(endpoint, e)
            callback(envelope.result, envelope.status)
            return call

        def run() -> None:
            try:
                if flow is None:
                    envelope = self._send(endpoint, request, self._transport)
                else:
                    envelope = drive(flow, self.execute)
            except Exception as e:  # a failing flow (a bug) still ends the call, with an error status
                envelope = _outcome.from_invalid_input(endpoint, e)
            if call.cancellation_event.is_set():
                return
            try:
                callback(envelope.result, envelope.status)
            except Exception:
                logger.exception("Exception in the callback of %s", endpoint.name())

        call.thread = threading.Thread(target=run, name="pubnub-call", daemon=bool(self.config.daemon))
        call.thread.start()
        return call

    def stop(self) -> None:
        """Stop the subscription: long-poll, heartbeats and (once idle) the listener worker.

        A long-poll in flight is ended at once, its connection closed (4.8.1 left it open until
        the server answered, up to minutes, and a program could not exit meanwhile unless
        ``config.daemon`` was set); with ``set_request_handler`` or a transport of the
        application's, it ends when the server answers, its answer discarded.
        """
        if self._subscription_manager is not None:
            self._subscription_manager.stop()

    def close(self) -> None:
        """Close the client: leave the subscription (a leave for what is subscribed, unless
        ``suppress_leave_events``, awaited at most the non-subscribe request timeout, its status
        announced), stop the long-poll, heartbeats and listener worker, and release the pooled
        connections. Later calls end with a ``PNUnexpectedDisconnectCategory`` error status
        (``.sync()`` raises it). Closing again does nothing.

        A long-poll in flight is ended at once, as by ``stop()``.
        """
        if self._closed:
            return
        manager, driver = self._subscription_manager, self._subscription_driver
        if manager is not None and driver is not None:
            manager.close(leave=True)
            if not driver.join(float(self.config.non_subscribe_request_timeout), background_only=True):
                logger.warning("The leave did not finish before the client closed")
            driver.close()
        self._closed = True
        self._transport.close()

    def __enter__(self) -> "PubNub":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()
