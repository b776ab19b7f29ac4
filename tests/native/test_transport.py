"""What the requests transport adds to the shared contract suite: error mapping, proxies, one Session.

The proxy tests run the plain client with its default transport (urllib3), which must read the
environment as requests does; ``test_urllib3_transport.py`` covers the rest of that transport.
"""
from __future__ import annotations

from typing import Any, Iterator, List

import pytest
import requests
import urllib3
from integration.tornado._support import make_config
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from tornado.web import Application, RequestHandler

from pubnub._transport.requests import RequestsTransport, _translate
from pubnub.enums import PNStatusCategory
from pubnub.errors import (
    PNERR_CLIENT_TIMEOUT,
    PNERR_CONNECTION_ERROR,
    PNERR_HTTP_ERROR,
    PNERR_TOO_MANY_REDIRECTS_ERROR,
    PNERR_UNKNOWN_ERROR,
)
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PNTransportError, PubNubException
from pubnub.pubnub import PubNub

from ._support import LoopThread

E = requests.exceptions


@pytest.mark.parametrize("error, kind, pn_error", [
    (E.ConnectTimeout("connect timed out"), PNConnectionError, PNERR_CONNECTION_ERROR),  # as 4.8.1: connection first
    (E.ReadTimeout("read timed out"), PNTimeoutError, PNERR_CLIENT_TIMEOUT),
    (E.ConnectionError("refused"), PNConnectionError, PNERR_CONNECTION_ERROR),
    (E.ProxyError("proxy down"), PNConnectionError, PNERR_CONNECTION_ERROR),
    (E.SSLError("bad certificate"), PNConnectionError, PNERR_CONNECTION_ERROR),
    (E.ChunkedEncodingError("connection broken mid-body"), PNConnectionError, PNERR_CONNECTION_ERROR),
    (E.TooManyRedirects("30 redirects"), PNTransportError, PNERR_TOO_MANY_REDIRECTS_ERROR),
    (E.HTTPError("500"), PNTransportError, PNERR_HTTP_ERROR),
    (E.InvalidURL("no host"), PNTransportError, PNERR_UNKNOWN_ERROR),
    (E.ContentDecodingError("bad gzip"), PNTransportError, PNERR_UNKNOWN_ERROR),
])
def test_requests_errors_map_by_type(error, kind, pn_error):
    translated = _translate(error)
    assert type(translated) is kind and translated.pn_error == pn_error
    assert str(translated) == "%s: %s" % (pn_error, error)


def test_queries_never_reach_error_texts():
    error = E.ConnectionError("HTTPConnectionPool(host='h', port=80): Max retries exceeded with url: "
                              "/publish/p/s/0/c/0/1?auth=secret&signature=v2.abc (Caused by X)")
    assert str(_translate(error)) == ("Connection Error: Max retries exceeded with url: /publish/p/s/0/c/0/1?... "
                                      "(Caused by X)")


def test_error_texts_are_the_cause_not_the_chain():
    refused = ConnectionRefusedError(111, "Connection refused")
    wrapped = E.ConnectionError(urllib3.exceptions.MaxRetryError(
        urllib3.HTTPConnectionPool("h", 80), "/time/0?auth=secret",
        urllib3.exceptions.NewConnectionError(None, "HTTPConnection(host='h', port=80): Failed to establish "
                                                    "a new connection: [Errno 111] Connection refused")))
    wrapped.args[0].reason.__cause__ = refused
    assert str(_translate(wrapped)) == "Connection Error: [Errno 111] Connection refused"


class Recording(RequestHandler):
    """Answers every request with a time response and records the request target it was sent."""

    def initialize(self, seen: List[str]) -> None:
        self.seen = seen

    def get(self, *args: Any) -> None:
        self.seen.append(self.request.uri or "")
        self.finish("[16000000000000000]")


class RecordingServer:
    def __init__(self, loop_thread: LoopThread) -> None:
        self.seen: List[str] = []

        def start() -> int:
            sock, port = bind_unused_port()
            self._http = HTTPServer(Application([(r"(.*)", Recording, {"seen": self.seen})]))
            self._http.add_sockets([sock])
            return port
        self.port: int = loop_thread.call(start)
        self.url = "http://127.0.0.1:%d" % self.port


@pytest.fixture
def servers(loop_thread: LoopThread) -> Iterator[Any]:
    proxy, origin = RecordingServer(loop_thread), RecordingServer(loop_thread)
    yield proxy, origin
    loop_thread.call(proxy._http.stop)
    loop_thread.call(origin._http.stop)


def test_explicit_proxies(servers):
    proxy, _ = servers
    transport = RequestsTransport(proxies={"http": proxy.url})
    pubnub = PubNub(make_config(origin="pubnub.invalid", ssl=False, enable_subscribe=False), transport=transport)
    assert int(pubnub.time().sync().result) == 16000000000000000
    assert proxy.seen[0].startswith("http://pubnub.invalid/time/0?")  # the absolute form a proxy gets


def test_environment_proxies_and_no_proxy_as_requests_reads_them(servers, monkeypatch):
    proxy, origin = servers
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    proxied = PubNub(make_config(origin="pubnub.invalid", ssl=False, enable_subscribe=False))
    assert proxied.time().sync().status.category == PNStatusCategory.PNAcknowledgmentCategory
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    direct = PubNub(make_config(origin="127.0.0.1:%d" % origin.port, ssl=False, enable_subscribe=False))
    direct.time().sync()
    assert len(proxy.seen) == 1 and proxy.seen[0].startswith("http://pubnub.invalid/time/0?")
    assert len(origin.seen) == 1 and origin.seen[0].startswith("/time/0?")


def test_a_closed_transport_opens_a_new_pool(servers):
    _, origin = servers
    pubnub = PubNub(make_config(origin="127.0.0.1:%d" % origin.port, ssl=False, enable_subscribe=False),
                    transport=RequestsTransport())
    first = pubnub.transport.session
    pubnub.time().sync()
    pubnub.transport.close()
    pubnub.time().sync()
    assert pubnub.transport.session is not first and len(origin.seen) == 2


def test_an_unknown_transport_error_is_an_unknown_category():
    class Failing:
        def send(self, request: Any) -> Any:
            raise _translate(E.InvalidURL("no host"))

    pubnub = PubNub(make_config(enable_subscribe=False), transport=Failing())
    with pytest.raises(PubNubException) as raised:
        pubnub.time().sync()
    assert raised.value.pn_error == PNERR_UNKNOWN_ERROR
    assert raised.value.status.category == PNStatusCategory.PNUnknownCategory


def test_an_error_the_transport_did_not_translate_is_an_unknown_category_in_every_mode():
    class Broken:
        def send(self, request: Any) -> Any:
            raise RuntimeError("a test double's failure")

    pubnub = PubNub(make_config(enable_subscribe=False), transport=Broken())
    with pytest.raises(PubNubException) as raised:
        pubnub.time().sync()
    assert str(raised.value) == "Unknown Error: RuntimeError: a test double's failure"
    assert raised.value.status.category == PNStatusCategory.PNUnknownCategory

    delivered: List[Any] = []
    call = pubnub.time().pn_async(lambda result, status: delivered.append((result, status)))
    call.join(5)  # before, the call's thread died and the callback never ran
    [(result, status)] = delivered
    assert result is None and status.is_error() and status.category == PNStatusCategory.PNUnknownCategory
