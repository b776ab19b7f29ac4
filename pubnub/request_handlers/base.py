"""BaseRequestHandler: the 4.8.1 request-handler interface of the plain ``PubNub`` client.

Layer: client (plain). Imports no HTTP library; ``TransportRequestHandler`` adapts any
transport (``send(HttpRequest) -> HttpResponse``) to the interface.

A handler set with ``PubNub.set_request_handler(handler)`` sends every request of that client
(``.sync()``, ``.pn_async()``, file operations, subscribe long-polls and heartbeats) by
``handler.sync_request(platform_options, endpoint_call_options)``, which returns the call's
``Envelope``. ``platform_options`` is a ``pubnub.structures.PlatformOptions`` (``headers``,
``pn_config``); ``endpoint_call_options`` a ``pubnub.structures.RequestOptions`` (``path``,
``query_string``, ``method_string``, ``data``, timeouts, ``create_response`` ...). The client
runs ``.pn_async()`` calls on a worker thread of its own and calls ``sync_request`` there.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable, Dict, Optional

from pubnub import _outcome
from pubnub._context import ClientContext
from pubnub._http import HttpRequest
from pubnub.enums import PNStatusCategory
from pubnub.errors import PNERR_PAM_INVALID_ARGUMENTS
from pubnub.exceptions import PubNubException
from pubnub.structures import Envelope, PlatformOptions, RequestOptions

__all__ = ["BaseRequestHandler", "TransportRequestHandler", "http_request_from_options"]

logger = logging.getLogger("pubnub")


class BaseRequestHandler:
    """Base of the request handlers: implement ``sync_request``.

    ``async_request`` runs ``sync_request`` on a new thread and calls ``callback(envelope)``
    there, unless ``cancellation_event`` was set meanwhile; it returns a ``pubnub.pubnub.Call``.
    """

    def sync_request(self, platform_options: PlatformOptions, endpoint_call_options: RequestOptions) -> Envelope:
        """Send the request and return its ``Envelope`` (result and status); never raise for
        a failed call (report it in the status)."""
        raise NotImplementedError("%s does not implement sync_request()" % type(self).__name__)

    def async_request(self, endpoint_name: str, platform_options: PlatformOptions,
                      endpoint_call_options: RequestOptions, callback: Callable[[Envelope], Any],
                      cancellation_event: Optional[threading.Event]) -> Any:
        """Run ``sync_request`` on a new thread, then ``callback(envelope)`` there."""
        from pubnub.pubnub import Call  # the plain client's module imports no handler

        call = Call()
        if cancellation_event is not None:
            call.cancellation_event = cancellation_event

        def run() -> None:
            envelope = self.sync_request(platform_options, endpoint_call_options)
            if call.cancellation_event.is_set():
                return
            try:
                callback(envelope)
            except Exception:
                logger.exception("Exception in the callback of %s", endpoint_name)

        daemon = bool(getattr(platform_options.pn_config, "daemon", False))
        call.thread = threading.Thread(target=run, name=endpoint_name or "pubnub-call", daemon=daemon)
        call.thread.start()
        return call


def http_request_from_options(platform_options: PlatformOptions, options: RequestOptions) -> HttpRequest:
    """The ``HttpRequest`` that ``platform_options`` and ``options`` describe (as they are now:
    a handler may have changed headers or query parameters before sending)."""
    config = platform_options.pn_config
    url = options.path if options.use_base_path is False else config.scheme_and_host() + options.path
    query = options.query_string
    if query:
        url += "?" + query
    headers: Dict[str, str] = dict(platform_options.headers or {})
    headers.update(options.request_headers or {})
    body = options.data
    if isinstance(body, str):
        body = body.encode("utf-8")
    return HttpRequest(method=options.method_string, url=url, headers=headers, body=body,
                       connect_timeout=options.connect_timeout, request_timeout=options.request_timeout,
                       follow_redirects=options.allow_redirects)


class TransportRequestHandler(BaseRequestHandler):
    """A request handler sending through a transport (``send(HttpRequest) -> HttpResponse``) and
    reading the answer as the client itself does (one outcome mapping for every path)."""

    def __init__(self, pubnub: ClientContext, transport: Any) -> None:
        self.pubnub = pubnub
        self.transport = transport

    def sync_request(self, platform_options: PlatformOptions, endpoint_call_options: RequestOptions) -> Envelope:
        endpoint = endpoint_call_options._endpoint
        if endpoint is None:
            raise PubNubException(pn_error=PNERR_PAM_INVALID_ARGUMENTS,
                                  errormsg="endpoint_call_options must come from the PubNub client")
        request = http_request_from_options(platform_options, endpoint_call_options)
        try:
            response = self.transport.send(request)
        except Exception as e:  # no answer (PNTransportError), or an unexpected failure of the library
            return _outcome.from_transport_error(endpoint, request, e,
                                                 PNStatusCategory.PNUnexpectedDisconnectCategory)
        return _outcome.from_response(endpoint, request, response)
