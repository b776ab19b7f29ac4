"""One contract, five transports: Tornado over curl, Tornado's simple client, requests, urllib3, aiohttp
(through ``send`` and through ``fetch``).

Each transport must turn an HttpRequest into an HttpResponse for every HTTP status (never
judging it), carry method, headers and body unchanged, reuse connections where it promises to,
and report timeouts and connection failures as PNTimeoutError / PNConnectionError.
"""
from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
from typing import Any, Callable

import pytest
import tornado

from pubnub._http import HttpRequest, HttpResponse
from pubnub._transport.aiohttp import AiohttpTransport
from pubnub._transport.base import send_async
from pubnub._transport.requests import RequestsTransport
from pubnub._transport.tornado import TornadoTransport
from pubnub._transport.urllib3 import Urllib3Transport
from pubnub.errors import PNERR_TOO_MANY_REDIRECTS_ERROR
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PNTransportError

Send = Callable[[HttpRequest], HttpResponse]


def _tornado_sender(use_curl: bool) -> Callable[[], Any]:
    def make() -> Any:
        loop = asyncio.new_event_loop()
        transport: list[TornadoTransport] = []

        async def send_on_loop(request: HttpRequest) -> HttpResponse:
            if not transport:  # created on the loop it serves
                transport.append(TornadoTransport(use_curl=use_curl))
            return await send_async(transport[0], request)

        def send(request: HttpRequest) -> HttpResponse:
            return loop.run_until_complete(asyncio.wait_for(send_on_loop(request), 10))

        def close() -> None:
            if transport:
                transport[0].close()
            loop.close()
        return send, close
    return make


def _aiohttp_sender(in_awaiting_task: bool = False) -> Any:
    """aiohttp through ``send`` (a Task per request), or through ``fetch`` (in the awaiting task)."""
    loop = asyncio.new_event_loop()
    transport = AiohttpTransport(loop=loop)

    def send(request: HttpRequest) -> HttpResponse:
        async def send_on_loop() -> HttpResponse:
            if in_awaiting_task:
                return await transport.fetch(request)
            return await send_async(transport, request)
        return loop.run_until_complete(asyncio.wait_for(send_on_loop(), 10))

    def close() -> None:
        transport.close()
        loop.run_until_complete(asyncio.sleep(0))  # the closed sockets' transports finish
        loop.close()
    return send, close


def _requests_sender() -> Any:
    transport = RequestsTransport()
    return transport.send, lambda: None


def _urllib3_sender() -> Any:
    transport = Urllib3Transport()
    return transport.send, transport.close


SENDERS = {"tornado-curl": _tornado_sender(True), "tornado-simple": _tornado_sender(False),
           "requests": _requests_sender, "urllib3": _urllib3_sender, "aiohttp": _aiohttp_sender,
           "aiohttp-fetch": lambda: _aiohttp_sender(in_awaiting_task=True)}


@pytest.fixture(params=list(SENDERS))
def send(request: Any) -> Any:
    factory = SENDERS[request.param]
    sender, close = factory()
    yield sender
    close()


def _get(url: str, **kwargs: Any) -> HttpRequest:
    return HttpRequest(method="GET", url=url, headers={"User-Agent": "contract/1"}, **kwargs)


def test_get_carries_query_and_headers(send: Send, local_server: Any) -> None:
    response = send(_get(local_server.url("/echo?a=1&b=x%20y")))
    assert response.status_code == 200
    echoed = json.loads(response.body)
    assert echoed["method"] == "GET"
    assert echoed["user_agent"] == "contract/1"
    assert echoed["query"] == "a=1&b=x%20y"
    assert response.url.endswith("/echo?a=1&b=x%20y")


@pytest.mark.parametrize("path", ["/path/channel/.", "/path/channel/..", "/path/channel/./actions",
                                  "/path/channel/../actions"])
def test_the_path_is_sent_as_built(send: Send, local_server: Any, path: str) -> None:
    """Dot segments included: a channel named "." or ".." is a path segment like any other, and
    must not send the request to another resource (curl removes them unless told not to)."""
    response = send(_get(local_server.url(path + "?a=1")))
    assert response.status_code == 200 and json.loads(response.body)["path"] == path


def test_the_http_librarys_debug_log_masks_secrets(send: Send, local_server: Any, request: Any,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    """With the root logger at DEBUG, the HTTP libraries log each request's URL (urllib3's pool,
    curl's own output): the auth key, token and signature appear there masked, as in the SDK's
    own lines."""
    auth, token, signature = "auth-key-0123456789", "qEF2AkF0GmEI03xDdHRs", "v2.SiGnAtUrE0123456789"
    caplog.set_level(logging.DEBUG)
    response = send(_get(local_server.url("/echo?uuid=u&auth=%s&token=%s&signature=%s" % (auth, token, signature))))
    assert json.loads(response.body)["query"].endswith("signature=" + signature)  # sent as given
    # the client side's records (the local server's access log is the server's)
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name != "tornado.access")
    for secret in (auth, token, signature):
        assert secret not in logged
    if request.node.callspec.params["send"] in ("urllib3", "requests", "tornado-curl"):
        assert "auth=auth***" in logged and "signature=v2.S***" in logged  # they do log it


def test_the_http_librarys_warnings_mask_secrets(send: Send, local_server: Any, request: Any,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    """An answer whose headers are cut short makes urllib3 warn, quoting the request's URL (at
    WARNING: shown wherever logging is configured at all): masked there too, whatever the
    outcome of the request."""
    auth, signature = "auth-key-0123456789", "v2.SiGnAtUrE0123456789"
    caplog.set_level(logging.DEBUG)
    try:
        send(_get(local_server.url("/broken/cut-header?uuid=u&auth=%s&signature=%s" % (auth, signature))))
    except (PNConnectionError, PNTransportError):
        pass  # the transports differ on whether such an answer is one; the log is the point here
    logged = caplog.text  # the records as written, tracebacks included
    for secret in (auth, signature):
        assert secret not in logged
    if request.node.callspec.params["send"] in ("urllib3", "requests"):
        assert "Failed to parse headers" in logged and "auth=auth***" in logged  # they do warn


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_body_methods_carry_the_body(send: Send, local_server: Any, method: str) -> None:
    body = '{"type": "reaction", "value": "\u00e9"}'.encode()
    request = HttpRequest(method=method, url=local_server.url("/echo"),
                          headers={"Content-Type": "application/json"}, body=body)
    echoed = json.loads(send(request).body)
    assert echoed["method"] == method
    assert echoed["body"].encode("utf-8") == body
    assert echoed["content_type"] == "application/json"


def test_empty_post_body_is_sent(send: Send, local_server: Any) -> None:
    echoed = json.loads(send(HttpRequest(method="POST", url=local_server.url("/echo"), body=b"")).body)
    assert echoed["method"] == "POST" and echoed["body"] == ""


def test_delete_without_body(send: Send, local_server: Any) -> None:
    echoed = json.loads(send(HttpRequest(method="DELETE", url=local_server.url("/echo"))).body)
    assert echoed["method"] == "DELETE"


@pytest.mark.parametrize("code", [207, 400, 403, 404, 409, 500, 503])
def test_every_status_is_a_response_not_an_error(send: Send, local_server: Any, code: int) -> None:
    response = send(_get(local_server.url("/status/%d" % code)))
    assert response.status_code == code
    assert json.loads(response.body) == {"status": code}


def test_read_timeout_is_pn_timeout_error(send: Send, local_server: Any) -> None:
    with pytest.raises(PNTimeoutError) as info:
        send(_get(local_server.url("/stall"), request_timeout=0.3, connect_timeout=2))
    assert str(info.value).startswith("Client Timeout")


def test_a_redirect_is_followed(send: Send, local_server: Any) -> None:
    """The answer is the redirect target's, and the response names the URL that answered."""
    response = send(_get(local_server.url("/redirect-once?a=1"), connect_timeout=5, request_timeout=5))
    assert response.status_code == 200 and json.loads(response.body)["query"] == "a=1"
    assert response.url.endswith("/echo?a=1")


def test_a_redirect_loop_is_too_many_redirects(send: Send, local_server: Any) -> None:
    """Each library stops after its own number of redirects; all of them say so the same way."""
    with pytest.raises(PNTransportError) as info:
        send(_get(local_server.url("/redirect-loop"), connect_timeout=5, request_timeout=5))
    assert type(info.value) is PNTransportError and info.value.pn_error == PNERR_TOO_MANY_REDIRECTS_ERROR
    assert "redirects" in str(info.value)


def test_refused_connection_is_pn_connection_error(send: Send) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(PNConnectionError) as info:
        send(_get("http://127.0.0.1:%d/time/0" % port, connect_timeout=2, request_timeout=2))
    assert str(info.value).startswith("Connection Error")


def test_connect_timeout_is_pn_connection_error(send: Send) -> None:
    """A connection that cannot be made in time is a connection failure, not a read timeout (as
    4.8.1 reported it): a long-poll re-issues read timeouts silently, but must announce this."""
    with socket.socket() as listener:  # listening, never accepting: once its backlog is full,
        listener.bind(("127.0.0.1", 0))  # the kernel drops further SYNs and connect() hangs
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = []
        try:
            for _ in range(3):
                filler = socket.socket()
                filler.setblocking(False)
                filler.connect_ex(("127.0.0.1", port))
                fillers.append(filler)
            with pytest.raises(PNConnectionError) as info:
                send(_get("http://127.0.0.1:%d/time/0" % port, connect_timeout=0.3, request_timeout=5))
        finally:
            for filler in fillers:
                filler.close()
    assert str(info.value).startswith("Connection Error")


def test_reset_connection_is_pn_connection_error(send: Send, local_server: Any) -> None:
    with pytest.raises(PNConnectionError):
        send(_get(local_server.url("/reset"), connect_timeout=2, request_timeout=2))


@pytest.mark.parametrize("answer", ["bad-status-line", "bad-chunk"])
def test_an_answer_that_is_not_http_is_pn_connection_error(request: Any, send: Send, local_server: Any,
                                                           answer: str) -> None:
    expected: type = PNConnectionError
    if (request.node.callspec.params["send"] == "tornado-simple" and answer == "bad-status-line"
            and tornado.version_info < (6, 6)):
        # Tornado's simple client before 6.6 (Python 3.9 gets 6.5 at most) does not end the
        # fetch when the status line is malformed; it waits for the request timeout.
        expected = PNTimeoutError
    with pytest.raises(expected):
        send(_get(local_server.url("/broken/" + answer), connect_timeout=2, request_timeout=2))


@pytest.mark.parametrize("kind", ["tornado-curl", "requests", "urllib3", "aiohttp", "aiohttp-fetch"])
def test_connections_are_reused(local_server: Any, kind: str) -> None:
    sender, close = SENDERS[kind]()
    try:
        sender(_get(local_server.url("/echo")))  # warm-up opens the connection
        before = local_server.connections
        for _ in range(20):
            assert sender(_get(local_server.url("/echo"))).status_code == 200
        assert local_server.connections == before
    finally:
        close()


@pytest.mark.parametrize("kind", ["tornado-curl", "tornado-simple", "aiohttp", "aiohttp-fetch"])
def test_async_request_timeout_bounds_the_whole_exchange(local_server: Any, kind: str) -> None:
    """On the event-loop transports ``request_timeout`` bounds the whole exchange (Tornado's
    meaning, and 4.8.1's asyncio ``wait_for``), not the gaps between reads: an answer that keeps
    trickling in for 3 s still times out at 0.5 s."""
    sender, close = SENDERS[kind]()
    try:
        started = time.monotonic()
        with pytest.raises(PNTimeoutError):
            sender(_get(local_server.url("/trickle"), request_timeout=0.5, connect_timeout=2))
        assert time.monotonic() - started < 2.5
    finally:
        close()
