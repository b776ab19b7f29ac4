"""Tornado transport: ``HttpRequest`` -> ``AsyncHTTPClient.fetch_impl`` -> ``HttpResponse``.

Layer: transport. It knows Tornado and nothing of PubNub: no status codes, no JSON.

Why curl: Tornado's ``SimpleAsyncHTTPClient`` opens a new TCP (and TLS) connection for every
request; ``CurlAsyncHTTPClient`` keeps connections alive and reuses them, which measured several
times faster for back-to-back calls. Both are what vcrpy patches (``fetch_impl``), so cassette
replay works with either. When pycurl is not importable the transport falls back to the simple
client, and says so once in the log.
"""
from __future__ import annotations

import inspect
import logging
import weakref
from asyncio import Future
from typing import Any, Callable, Dict, Optional

from tornado import httputil
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest, HTTPResponse
from tornado.simple_httpclient import HTTPStreamClosedError, HTTPTimeoutError

from pubnub._http import HttpRequest, HttpResponse
from pubnub._masking import mask_logger
from pubnub._transport.base import Outcome
from pubnub._transport.redirects import REDIRECT_CODES
from pubnub.errors import PNERR_TOO_MANY_REDIRECTS_ERROR
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PNTransportError

logger = logging.getLogger("pubnub")

_curl_client: Optional[type] = None

try:
    import pycurl
    from tornado.curl_httpclient import CurlAsyncHTTPClient, CurlError
    _curl_client = CurlAsyncHTTPClient
except ImportError:  # pragma: no cover - pycurl is missing on this platform
    class CurlError(Exception):  # type: ignore[no-redef]
        errno: Optional[int] = None

_CURL_TIMEOUT = 28  # CURLE_OPERATION_TIMEDOUT
_CURL_TOO_MANY_REDIRECTS = 47  # CURLE_TOO_MANY_REDIRECTS
_PATH_AS_IS = getattr(pycurl, "PATH_AS_IS", None) if _curl_client is not None else None  # libcurl 7.42+
# How curl and Tornado's simple client word a timeout before the connection was made (name
# resolution, TCP, TLS): a connection failure, as requests' ConnectTimeout is (and as 4.8.1
# reported it), not a read timeout. Both report the two phases with one error type and code, so
# their wording is the only signal; tests/transport/test_contract.py pins it for each backend, so
# a library that words it differently fails there instead of silently changing the category.
# libcurl 7.8x (Debian 12's, which a pycurl built from source links) words a TCP connect timeout
# "Failed to connect to HOST port N after T ms: Timeout was reached"; libcurl 8 "Connection timed
# out after T milliseconds".
_CONNECT_PHASE = ("Connection timed out", "Resolving timed out", "SSL connection timeout", "while connecting",
                  "Failed to connect to ")
_CLOSED = "the transport is closed"
_CLOSED_EARLY = "the transport was closed before the answer came"

# HTTPRequest arguments whose value None means "the client's default" (what Tornado's fetch()
# resolves through a proxy object on every attribute read), minus those each request sets.
_DEFAULTABLE = frozenset(
    name for name, parameter in inspect.signature(HTTPRequest.__init__).parameters.items()
    if parameter.default is None) - {"url", "method", "headers", "body", "if_modified_since", "use_gzip",
                                      "connect_timeout", "request_timeout", "follow_redirects"}


def _no_timer(milliseconds: int) -> None:
    """curl's timer callback once the loop is closed: nothing to arm."""


def _no_socket(event: int, fd: int, multi: Any, data: Any) -> None:
    """curl's socket callback once the loop is closed: nothing to watch."""


def _quiet_on_closed_loop(client: Any) -> None:
    """A curl client dropped without ``close()`` (an application that forgot ``stop()`` before
    closing its IOLoop, as a failing test does): curl, cleaning up, calls back to arm a timer and
    watch sockets, which a closed loop refuses with "Event loop is closed" (printed as an
    "Exception ignored" traceback, and an error under ``pytest -W error``)."""
    multi = getattr(client, "_multi", None)
    loop = getattr(client.io_loop, "asyncio_loop", None)
    if multi is not None and loop is not None and loop.is_closed():
        multi.setopt(pycurl.M_TIMERFUNCTION, _no_timer)
        multi.setopt(pycurl.M_SOCKETFUNCTION, _no_socket)


def _path_as_built(then: Optional[Callable[[Any], None]]) -> Callable[[Any], None]:
    """A ``prepare_curl_callback`` that keeps the path as built, then calls ``then`` (the one
    given in the defaults, if any). curl otherwise removes ``.`` and ``..`` segments (RFC 3986
    dot segments): a channel named "." or ".." would send the request to another resource."""
    def prepare(curl: Any) -> None:
        curl.setopt(_PATH_AS_IS, 1)
        if then is not None:
            then(curl)
    return prepare


def _translate(error: BaseException) -> BaseException:
    """Tornado's and curl's "no answer" errors as ours (caused by the original), by type; anything
    else unchanged."""
    translated: Optional[BaseException] = None
    if isinstance(error, CurlError) and getattr(error, "errno", None) == _CURL_TOO_MANY_REDIRECTS:
        translated = PNTransportError(str(error), pn_error=PNERR_TOO_MANY_REDIRECTS_ERROR)  # as elsewhere
    elif isinstance(error, (HTTPTimeoutError, CurlError)):
        text = str(error)
        timed_out = isinstance(error, HTTPTimeoutError) or getattr(error, "errno", None) == _CURL_TIMEOUT
        if timed_out and not any(phase in text for phase in _CONNECT_PHASE):
            translated = PNTimeoutError(text)
        else:
            translated = PNConnectionError(text)
    elif isinstance(error, (HTTPStreamClosedError, OSError)) or (
            isinstance(error, HTTPClientError) and error.code == 599):
        translated = PNConnectionError(str(error))
    if translated is None:
        return error
    translated.__cause__ = error
    return translated


def _answered(sent: HTTPRequest, on_response: Callable[[Any], None]) -> Callable[["Future[Any]"], None]:
    """``fetch()``'s future to ``on_response``: its response, or its error as a 599 response."""
    def done(future: "Future[Any]") -> None:
        if future.cancelled():
            return  # (not by the transport: close() has ended the request's call already)
        error = future.exception()
        if error is None:
            response = future.result()
            if not (sent.follow_redirects and response.code in REDIRECT_CODES and "Location" in response.headers):
                on_response(response)
                return
            # (the simple client answers with the last redirect when it may follow no more)
            error = PNTransportError("Exceeded the redirects allowed.", pn_error=PNERR_TOO_MANY_REDIRECTS_ERROR)
        on_response(HTTPResponse(sent, 599, error=error))
    return done


def _to_response(response: Any) -> HttpResponse:
    return HttpResponse(response.code, response.headers, response.body or b"", response.effective_url)


class TornadoTransport:
    """Sends requests with one private ``AsyncHTTPClient`` (connection reuse with curl)."""

    def __init__(self, max_clients: int = 100, use_curl: Optional[bool] = None, **defaults: Any) -> None:
        """Create the client.

        Args:
            max_clients: requests in flight at once; more wait in a queue.
            use_curl: force (True) or refuse (False) the curl client; default: curl if available.
            defaults: extra ``HTTPRequest`` defaults, e.g. ``ca_certs`` or ``validate_cert``.
        """
        if use_curl is None:
            use_curl = _curl_client is not None
            if not use_curl:
                logger.warning("pycurl is not available: HTTP connections will not be reused")
        client_class = _curl_client if use_curl else AsyncHTTPClient
        if client_class is None:
            raise RuntimeError("use_curl=True but pycurl is not installed")
        self._client: AsyncHTTPClient = client_class(force_instance=True, max_clients=max_clients, defaults=defaults)
        self.uses_curl = bool(use_curl)
        self._closed = False
        self._in_flight: Dict[HTTPRequest, Callable[[Outcome], None]] = {}  # request sent -> its callback
        # The client's defaults applied once, as arguments of every HTTPRequest: requests then go
        # straight to fetch_impl, without the per-request proxy fetch() wraps them in, whose
        # attribute lookups (about 33 per request in curl's set-up) measured ~27 us per call here.
        resolved = self._client.defaults or {}
        self._options = {name: value for name, value in resolved.items() if name in _DEFAULTABLE}
        self._options["allow_nonstandard_methods"] = True
        if use_curl:
            if _PATH_AS_IS is not None:
                self._options["prepare_curl_callback"] = _path_as_built(self._options.get("prepare_curl_callback"))
            mask_logger("tornado.curl_httpclient")  # its DEBUG lines (curl's own) carry each request
            weakref.finalize(self, _quiet_on_closed_loop, self._client)
        self._default_timeouts = (resolved.get("connect_timeout"), resolved.get("request_timeout"))

    @property
    def http_client(self) -> AsyncHTTPClient:
        """The Tornado HTTP client requests go through."""
        return self._client

    @property
    def closed(self) -> bool:
        """True once ``close()`` was called."""
        return self._closed

    def _tornado_request(self, request: HttpRequest) -> HTTPRequest:
        connect_timeout, request_timeout = request.connect_timeout, request.request_timeout
        if connect_timeout is None or request_timeout is None:
            connect_timeout = self._default_timeouts[0] if connect_timeout is None else connect_timeout
            request_timeout = self._default_timeouts[1] if request_timeout is None else request_timeout
        return HTTPRequest(
            request.url, method=request.method, headers=httputil.HTTPHeaders(request.headers), body=request.body,
            connect_timeout=connect_timeout, request_timeout=request_timeout,
            follow_redirects=request.follow_redirects, **self._options)

    def send(self, request: HttpRequest, callback: Callable[[Outcome], None]) -> None:
        """Send ``request`` and call ``callback`` once with the HttpResponse, or with the
        PNTimeoutError / PNConnectionError when no answer came (``AsyncTransport``; closing the
        transport ends the requests still waiting with a PNConnectionError).

        The request goes to the client's ``fetch_impl`` (what ``fetch()`` itself calls, and what
        vcrpy patches) and the callback runs as soon as the answer is parsed.
        """
        if self._closed:
            callback(PNConnectionError(_CLOSED))
            return
        in_flight = self._in_flight
        sent = self._tornado_request(request)  # the key: a closure naming itself would be a cycle per call

        def on_response(response: Any) -> None:
            if in_flight.pop(sent, None) is None:
                return  # already ended by close()
            if response.error is not None and response.code == 599:  # no HTTP answer at all
                callback(_translate(response.error))
            else:
                callback(_to_response(response))
        in_flight[sent] = callback
        try:
            if self.uses_curl:
                self._client.fetch_impl(sent, on_response)
            else:  # the simple client follows a redirect only for a request fetch() has wrapped
                self._client.fetch(sent, raise_error=False).add_done_callback(_answered(sent, on_response))
        except BaseException:  # refused on the spot: the caller gets the error, close() must not
            in_flight.pop(sent, None)
            raise

    def close(self) -> None:
        """Close the client. Its sockets' handlers leave the IOLoop first: curl closes those
        sockets itself, and a loop closed later must not close (reused) descriptor numbers again.
        The requests still waiting end with a PNConnectionError, unless the IOLoop's loop is
        closed (their callers are gone with it: nothing is called). Closing again does nothing."""
        if self._closed:
            return
        loop_gone = self._client.io_loop.asyncio_loop.is_closed()  # type: ignore[attr-defined]
        multi = getattr(self._client, "_multi", None)  # curl's: closing transfers re-arms a timer
        if loop_gone and multi is not None:
            multi.setopt(pycurl.M_TIMERFUNCTION, _no_timer)  # which a closed loop refuses
        registered = getattr(self._client, "_fds", None)  # CurlAsyncHTTPClient's fd -> events map
        if registered:
            for fd in list(registered):
                self._client.io_loop.remove_handler(fd)
            registered.clear()
        self._closed = True
        self._client.close()  # Tornado's clients drop the requests in flight without a word
        rearmed = getattr(self._client, "_timeout", None)  # curl re-arms its timer while dropping a transfer
        if rearmed is not None:
            self._client.io_loop.remove_timeout(rearmed)  # else it fires on the closed client, into the loop
            self._client._timeout = None  # type: ignore[attr-defined]
        waiting = [] if loop_gone else list(self._in_flight.values())
        self._in_flight.clear()
        for callback in waiting:
            callback(PNConnectionError(_CLOSED_EARLY))
