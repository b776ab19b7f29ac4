"""PubNub: the plain 4.x client on ``requests`` (``.sync()`` and thread-based ``.pn_async()``).

Layer: client. Shares the core with PubNubTornado; only the transport and how calls run differ.
"""
from __future__ import annotations

import copy
import logging
import threading
import time
from typing import Any, Callable, Optional

from pubnub import _outcome
from pubnub._flows import drive
from pubnub._transport.requests import RequestsTransport
from pubnub.enums import PNStatusCategory
from pubnub.exceptions import PNTransportError, PubNubException
from pubnub.managers import NoTelemetryManager, TelemetryManager
from pubnub.pubnub_core import PubNubCore
from pubnub.structures import Envelope

logger = logging.getLogger("pubnub")

__all__ = ["PubNub", "NonSubscribeListener", "NativeTelemetryManager"]


class NativeTelemetryManager(NoTelemetryManager):
    """The plain client's telemetry manager: records nothing (as in 4.8.1)."""


class Call:
    """Handle of a ``pn_async`` call: its worker thread."""

    def __init__(self, thread: threading.Thread) -> None:
        self.thread = thread

    def join(self, timeout: Optional[float] = None) -> None:
        self.thread.join(timeout)

    def is_alive(self) -> bool:
        return self.thread.is_alive()


class PubNub(PubNubCore):
    """The PubNub client for scripts, workers and threaded applications."""

    def __init__(self, config: Any, transport: Optional[RequestsTransport] = None) -> None:
        super().__init__(config)
        self._transport = transport if transport is not None else RequestsTransport()

    def _create_telemetry_manager(self) -> TelemetryManager:
        return NativeTelemetryManager()

    def execute(self, endpoint: Any) -> Envelope:
        """Run an endpoint (or its multi-request flow) on this thread; never raises for call failures."""
        flow = endpoint.flow()
        if flow is not None:
            return drive(flow, self._execute_one)
        return self._execute_one(endpoint)

    def _execute_one(self, endpoint: Any) -> Envelope:
        try:
            request = endpoint.build_request()
        except Exception as e:
            return _outcome.from_invalid_input(endpoint, e)
        started = time.monotonic()
        try:
            response = self._transport.send(request)
        except PNTransportError as e:
            logger.debug("%s %s failed: %s", request.method, endpoint.name(), type(e).__name__)
            return _outcome.from_transport_error(endpoint, request, e,
                                                 PNStatusCategory.PNUnexpectedDisconnectCategory)
        logger.debug("%s %s -> %d in %.1f ms", request.method, endpoint.name(), response.status_code,
                     (time.monotonic() - started) * 1000)
        return _outcome.from_response(endpoint, request, response)

    def request_sync(self, endpoint: Any) -> Envelope:
        """``.sync()``: the Envelope, or raise the PubNubException (bad input raises it at once)."""
        endpoint.validate_params()
        envelope = self.execute(endpoint)
        status = envelope.status
        if status.is_error() and status.category != PNStatusCategory.PNAcknowledgmentCategory:
            exception = status.error_data.exception
            if isinstance(exception, PubNubException) and exception.status is None:
                exception.status = status
            raise exception
        return envelope

    def request_async(self, endpoint: Any, callback: Callable[[Any, Any], Any]) -> Call:
        """``.pn_async(callback)``: run on a worker thread, then ``callback(result, status)`` there."""
        def run() -> None:
            envelope = self.execute(endpoint)
            try:
                callback(envelope.result, envelope.status)
            except Exception:
                logger.exception("Exception in the callback of %s", endpoint.name())

        thread = threading.Thread(target=run, name="pubnub-call", daemon=bool(self.config.daemon))
        thread.start()
        return Call(thread)

    def stop(self) -> None:
        """Stop background work (nothing runs in the background yet besides pn_async calls)."""


class NonSubscribeListener:
    """Collects the outcome of one ``pn_async`` call for code that wants to wait for it."""

    def __init__(self) -> None:
        self.result: Any = None
        self.status: Any = None
        self.done_event = threading.Event()

    def callback(self, result: Any, status: Any) -> None:
        self.result = result
        self.status = status
        self.done_event.set()

    def pn_await(self, timeout: float = 5) -> bool:
        """Wait for the callback; True when it came within ``timeout`` seconds."""
        return self.done_event.wait(timeout)

    def await_result(self, timeout: float = 5) -> Any:
        self.pn_await(timeout)
        return self.result

    def await_result_and_reset(self, timeout: float = 5) -> Any:
        self.pn_await(timeout)
        result = copy.copy(self.result)
        self.reset()
        return result

    def reset(self) -> None:
        self.result = None
        self.status = None
        self.done_event.clear()
