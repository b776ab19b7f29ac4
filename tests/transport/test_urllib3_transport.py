"""The urllib3 transport behaves as the requests transport it replaced as the plain client's default.

Beyond the shared contract (test_contract.py): the same request on the wire, redirects, cookies,
compressed answers, TLS verification and CA bundles from the environment, proxies, the error
mapping, concurrent use from many threads, and reuse after close(). Behaviour tests run against
both transports, so each assertion is what requests does, checked on urllib3.
"""
from __future__ import annotations

import gzip
import http.server
import json
import os
import re
import socket
import ssl
import threading
import warnings
from typing import Any, Dict, Iterator, List, Optional

import pytest
import urllib3
from urllib3.exceptions import (
    ClosedPoolError,
    ConnectTimeoutError,
    DecodeError,
    LocationParseError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    ResponseError,
    SSLError,
)

from pubnub._http import HttpRequest
from pubnub._transport.requests import RequestsTransport
from pubnub._transport.urllib3 import Urllib3Transport, _translate, _translate_body_error
from pubnub.errors import (
    PNERR_CLIENT_TIMEOUT,
    PNERR_CONNECTION_ERROR,
    PNERR_TOO_MANY_REDIRECTS_ERROR,
    PNERR_UNKNOWN_ERROR,
)
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PNTransportError

TLS = os.path.join(os.path.dirname(__file__), "tls")
CERT = os.path.join(TLS, "cert.pem")  # self-signed, for 127.0.0.1 and localhost
KEY = os.path.join(TLS, "key.pem")
TRANSPORTS = {"requests": RequestsTransport, "urllib3": Urllib3Transport}


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers by path; records every request (line, headers in order, body) on the server."""

    protocol_version = "HTTP/1.1"
    server: "Server"

    def setup(self) -> None:
        super().setup()
        with self.server.lock:
            self.server.connections += 1

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, code: int, body: bytes, headers: Optional[Dict[str, str]] = None) -> None:
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = {"line": self.requestline, "target": self.path, "headers": list(self.headers.items()),
                "body": body.decode("utf-8")}
        with self.server.lock:
            self.server.seen.append(seen)
        path = self.path.split("://", 1)[-1]
        path = path[path.index("/"):] if "://" in self.path else path
        if path.startswith("/redirect/"):  # /redirect/<code>/<where>
            _, _, code, where = path.split("/", 3)
            self._answer(int(code), b"moved", {"Location": where.replace("~", "/")})
        elif path == "/loop":
            self._answer(302, b"", {"Location": "/loop"})
        elif path == "/hold":  # answers once released (a long-poll the server holds)
            self.server.held.set()
            self.server.release.wait(10)
            try:
                self._answer(200, b"{}")
            except OSError:  # (a broken pipe, a reset, a TLS EOF)
                pass  # the client aborted it: what the tests holding it want
        elif path == "/cookie":
            self._answer(200, b"{}", {"Set-Cookie": "session=abc123; Path=/"})
        elif path == "/gzip":
            compressed = "gzip" in (self.headers.get("Accept-Encoding") or "")
            payload = json.dumps({"compressed": compressed}).encode()
            self._answer(200, gzip.compress(payload) if compressed else payload,
                         {"Content-Encoding": "gzip"} if compressed else {})
        else:
            self._answer(200, json.dumps(seen).encode(), {"Content-Type": "application/json"})

    do_GET = do_POST = do_PATCH = do_DELETE = _handle


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, tls: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.seen: List[Dict[str, Any]] = []
        self.connections = 0
        self.held, self.release = threading.Event(), threading.Event()  # for /hold
        if tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(CERT, KEY)
            self.socket = context.wrap_socket(self.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return "%s://%s:%d%s" % (self.scheme, host, self.server_address[1], path)

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(5)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def tls_server() -> Iterator[Server]:
    running = Server(tls=True)
    yield running
    running.stop()


@pytest.fixture(params=list(TRANSPORTS))
def transport(request: Any) -> Iterator[Any]:
    made = TRANSPORTS[request.param]()
    yield made
    made.close()


def _request(method: str, url: str, **kwargs: Any) -> HttpRequest:
    kwargs.setdefault("connect_timeout", 5)
    kwargs.setdefault("request_timeout", 5)
    return HttpRequest(method=method, url=url, **kwargs)


def _echo(transport: Any, request: HttpRequest) -> Dict[str, Any]:
    response = transport.send(request)
    assert response.status_code == 200
    echoed: Dict[str, Any] = json.loads(response.body)
    return echoed


# ----- the same request on the wire -------------------------------------------------------------
WIRE_CASES = [
    ("GET", "/echo?a=1&b=x%20y&pnsdk=PubNub-Python%2F4.9.0", {"User-Agent": "PubNub-Python/4.9.0"}, None),
    ("GET", "/publish/p/s/0/ch!$&'()*+,;=:@~/0/%22hi%22?seqn=1", {"User-Agent": "PubNub-Python/4.9.0"}, None),
    ("POST", "/echo?x=1", {"User-Agent": "u", "Content-Type": "application/json"}, b'{"a": "\xc3\xa9"}'),
    ("POST", "/echo", {}, None),
    ("POST", "/echo", {}, b""),
    ("PATCH", "/echo", {"user-agent": "lower-case name"}, b"[1]"),
    ("DELETE", "/echo?uuid=u", {"User-Agent": "u"}, None),
    # URLs requests rewrites before sending: escapes of unreserved characters, a space, non-ASCII
    ("GET", "/echo?a=%7E%41%2d&b=%zz", {}, None),
    ("GET", "/ech o/\u00e9?q=a b#fragment", {}, None),
    ("GET", "", {}, None),
]


@pytest.mark.parametrize("method, path, headers, body", WIRE_CASES)
def test_the_same_request_as_requests_sends(server: Server, method: str, path: str, headers: Dict[str, str],
                                            body: Optional[bytes]) -> None:
    sent = []
    for kind in ("requests", "urllib3"):
        transport = TRANSPORTS[kind]()
        try:
            transport.send(_request(method, server.url(path), headers=headers, body=body))
        finally:
            transport.close()
        sent.append(server.seen[-1])
    by_requests, by_urllib3 = sent
    assert by_urllib3 == by_requests  # request line, every header in order, body
    names = [name.lower() for name, _ in by_urllib3["headers"]]
    assert {"host", "accept-encoding", "accept", "connection", "user-agent"} <= set(names)


def test_the_response_carries_status_headers_body_and_url(server: Server) -> None:
    response = Urllib3Transport().send(_request("GET", server.url("/echo?a=1")))
    assert response.status_code == 200
    assert response.headers["content-type"] == response.headers["Content-Type"] == "application/json"
    assert json.loads(response.body)["target"] == "/echo?a=1"
    assert response.url == server.url("/echo?a=1")


# ----- redirects, cookies, compression: as requests -----------------------------------------------
@pytest.mark.parametrize("code", [307, 308])
def test_a_307_or_308_redirect_repeats_the_method_and_body(server: Server, transport: Any, code: int) -> None:
    response = transport.send(_request("POST", server.url("/redirect/%d/~echo?moved=1" % code), body=b"keep me",
                                       headers={"Content-Type": "text/plain"}))
    echoed = json.loads(response.body)
    assert (echoed["line"], echoed["body"]) == ("POST /echo?moved=1 HTTP/1.1", "keep me")
    assert response.url == server.url("/echo?moved=1")


@pytest.mark.parametrize("code", [301, 302, 303])
def test_a_301_302_or_303_redirect_turns_a_post_into_a_get_without_body(server: Server, transport: Any,
                                                                         code: int) -> None:
    response = transport.send(_request("POST", server.url("/redirect/%d/~echo" % code), body=b"drop me",
                                       headers={"Content-Type": "text/plain"}))
    echoed = json.loads(response.body)
    assert (echoed["line"], echoed["body"]) == ("GET /echo HTTP/1.1", "")
    assert not {"content-length", "content-type"} & {name.lower() for name, _ in echoed["headers"]}


def test_a_redirect_to_another_host_drops_authorization(server: Server, transport: Any) -> None:
    to_other_host = server.url("/echo", host="localhost").replace("/", "~")
    same = _echo(transport, _request("GET", server.url("/redirect/302/~echo"), headers={"Authorization": "t"}))
    other = _echo(transport, _request("GET", server.url("/redirect/302/" + to_other_host),
                                      headers={"Authorization": "t"}))
    assert ("Authorization", "t") in [tuple(h) for h in same["headers"]]
    assert "authorization" not in [name.lower() for name, _ in other["headers"]]


def test_an_unfollowed_redirect_is_the_answer(server: Server, transport: Any) -> None:
    response = transport.send(_request("GET", server.url("/redirect/307/https:~~elsewhere.invalid~x"),
                                       follow_redirects=False))
    assert response.status_code == 307 and response.headers["Location"] == "https://elsewhere.invalid/x"
    assert response.body == b"moved"


def test_too_many_redirects(server: Server, transport: Any) -> None:
    before = len(server.seen)
    with pytest.raises(PNTransportError) as raised:
        transport.send(_request("GET", server.url("/loop")))
    assert raised.value.pn_error == PNERR_TOO_MANY_REDIRECTS_ERROR
    assert str(raised.value) == "%s: Exceeded 30 redirects." % PNERR_TOO_MANY_REDIRECTS_ERROR
    assert len(server.seen) - before == 31


def test_cookies_set_by_the_server_are_sent_back(server: Server, transport: Any) -> None:
    assert "cookie" not in [n.lower() for n, _ in _echo(transport, _request("GET", server.url("/echo")))["headers"]]
    transport.send(_request("GET", server.url("/cookie")))
    later = _echo(transport, _request("GET", server.url("/echo")))
    assert ["session=abc123"] == [value for name, value in later["headers"] if name.lower() == "cookie"]


def test_a_compressed_answer_is_decoded(server: Server, transport: Any) -> None:
    assert json.loads(transport.send(_request("GET", server.url("/gzip"))).body) == {"compressed": True}


# ----- TLS: verification, CA bundles from the constructor or the environment ----------------------
@pytest.fixture
def no_ca_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_an_untrusted_certificate_is_refused(tls_server: Server, no_ca_environment: Any, transport: Any) -> None:
    with pytest.raises(PNConnectionError) as raised:
        transport.send(_request("GET", tls_server.url("/echo?auth=secret")))
    assert "CERTIFICATE_VERIFY_FAILED" in str(raised.value) and "secret" not in str(raised.value)


@pytest.mark.parametrize("kind", list(TRANSPORTS))
@pytest.mark.parametrize("how", ["verify", "verify-directory", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "no-verify"])
def test_a_trusted_certificate(tls_server: Server, no_ca_environment: Any, tmp_path: Any, kind: str,
                               how: str) -> None:
    if how == "verify-directory":  # a c_rehash-style directory: <subject hash>.0
        import subprocess

        subject_hash = subprocess.run(["openssl", "x509", "-hash", "-noout", "-in", CERT], check=True,
                                      capture_output=True, text=True).stdout.strip()
        (tmp_path / ("%s.0" % subject_hash)).write_bytes(open(CERT, "rb").read())
    verify: Any = {"verify": CERT, "verify-directory": str(tmp_path), "no-verify": False}.get(how)
    if how.endswith("_BUNDLE"):
        no_ca_environment.setenv(how, CERT)
    transport = TRANSPORTS[kind](verify=verify)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        echoed = _echo(transport, _request("GET", tls_server.url("/echo")))
    assert echoed["line"] == "GET /echo HTTP/1.1"
    insecure = [w for w in caught if issubclass(w.category, urllib3.exceptions.InsecureRequestWarning)]
    assert len(insecure) == (1 if how == "no-verify" else 0)


def test_a_missing_ca_bundle_fails_before_connecting(tls_server: Server, transport: Any,
                                                     no_ca_environment: Any) -> None:
    no_ca_environment.setenv("REQUESTS_CA_BUNDLE", "/nonexistent/ca.pem")
    with pytest.raises(OSError, match=r"invalid path: /nonexistent/ca\.pem"):
        transport.send(_request("GET", tls_server.url("/echo")))


# ----- proxies ------------------------------------------------------------------------------------
def test_an_http_proxy_gets_the_absolute_url_and_its_credentials(server: Server,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    proxy = "http://us%%40r:p%%3Ass@127.0.0.1:%d" % server.server_address[1]
    sent = [_echo(make(proxies={"http": proxy}), _request("GET", "http://pubnub.invalid/time/0?uuid=u",
                                                          headers={"User-Agent": "u"}))
            for make in TRANSPORTS.values()]
    assert sent[1] == sent[0]  # what requests sends to the proxy, header order included
    assert sent[1]["target"] == "http://pubnub.invalid/time/0?uuid=u"
    headers = dict(sent[1]["headers"])
    assert headers["Host"] == "pubnub.invalid"
    assert headers["Proxy-Authorization"] == "Basic dXNAcjpwOnNz"  # us@r:p:ss


def test_no_proxy_from_the_environment_sends_directly(server: Server, transport: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # the discard port: would fail if used
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert _echo(transport, _request("GET", server.url("/echo")))["target"] == "/echo"


# ----- failures -----------------------------------------------------------------------------------
POOL = urllib3.HTTPConnectionPool("127.0.0.1", 1)


@pytest.mark.parametrize("error, kind, pn_error, cause", [
    (MaxRetryError(POOL, "/t", ConnectTimeoutError(POOL, "connect timed out")), PNConnectionError,
     PNERR_CONNECTION_ERROR, "connect timed out"),  # as 4.8.1 and requests: a connection error first
    (MaxRetryError(POOL, "/t", NewConnectionError(POOL, "refused")), PNConnectionError, PNERR_CONNECTION_ERROR,
     "refused"),
    (MaxRetryError(POOL, "/t", ProxyError("proxy down", OSError())), PNConnectionError, PNERR_CONNECTION_ERROR,
     "proxy down"),
    (MaxRetryError(POOL, "/t", SSLError("bad certificate")), PNConnectionError, PNERR_CONNECTION_ERROR,
     "bad certificate"),
    (MaxRetryError(POOL, "/t", ResponseError("too many 500 error responses")), PNTransportError,
     PNERR_UNKNOWN_ERROR, "too many 500 error responses"),
    (ReadTimeoutError(POOL, "/t", "Read timed out."), PNTimeoutError, PNERR_CLIENT_TIMEOUT, "Read timed out."),
    (ProtocolError("Connection aborted.", ConnectionResetError()), PNConnectionError, PNERR_CONNECTION_ERROR,
     "Connection aborted."),
    (ClosedPoolError(POOL, "Pool is closed."), PNConnectionError, PNERR_CONNECTION_ERROR, "Pool is closed."),
    (SSLError("EOF in violation of protocol"), PNConnectionError, PNERR_CONNECTION_ERROR,
     "EOF in violation of protocol"),
    (ConnectionResetError("reset"), PNConnectionError, PNERR_CONNECTION_ERROR, "reset"),
    (LocationParseError("http://[bad"), PNTransportError, PNERR_UNKNOWN_ERROR, "Failed to parse: http://[bad"),
])
def test_urllib3_errors_map_as_their_requests_counterparts(error: Exception, kind: type, pn_error: str,
                                                           cause: str) -> None:
    translated = _translate(error)
    assert type(translated) is kind and translated.pn_error == pn_error
    assert str(translated) == "%s: %s" % (pn_error, cause)  # the cause alone, not the wrapping chain


@pytest.mark.parametrize("error, kind, pn_error", [
    (ReadTimeoutError(POOL, "/t", "Read timed out."), PNConnectionError, PNERR_CONNECTION_ERROR),
    (ProtocolError("Connection broken: IncompleteRead"), PNConnectionError, PNERR_CONNECTION_ERROR),
    (DecodeError("bad gzip"), PNTransportError, PNERR_UNKNOWN_ERROR),
])
def test_a_failure_reading_the_body_maps_as_requests_maps_it(error: Exception, kind: type, pn_error: str) -> None:
    translated = _translate_body_error(error)
    assert type(translated) is kind and translated.pn_error == pn_error


def test_queries_never_reach_error_texts() -> None:
    error = MaxRetryError(POOL, "/publish/p/s/0/c/0/1?auth=secret&signature=v2.abc", NewConnectionError(POOL, "x"))
    assert str(_translate(error)) == "Connection Error: x"
    quoting = ProtocolError("lost /publish/p/s/0/c/0/1?auth=secret&signature=v2.abc", ConnectionResetError())
    assert str(_translate(quoting)) == "Connection Error: lost /publish/p/s/0/c/0/1?..."


def test_refused_connection_text_is_the_one_requests_gives() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = "http://127.0.0.1:%d/time/0?auth=secret" % sock.getsockname()[1]
    texts = []
    for make in TRANSPORTS.values():
        with pytest.raises(PNConnectionError) as raised:
            make().send(_request("GET", url))
        texts.append(str(raised.value))
    assert texts[0] == texts[1]  # the cause, in under 90 characters (urllib3 1.26 adds its own words)
    assert re.fullmatch(r"Connection Error: (Failed to establish a new connection: )?\[Errno 111\] Connection refused",
                        texts[0]), texts[0]


# ----- threads, pools, close() -------------------------------------------------------------------
def test_many_threads_share_the_pooled_connections(server: Server) -> None:
    transport = Urllib3Transport()
    before = server.connections
    failures: List[BaseException] = []
    start = threading.Barrier(12)

    def work(number: int) -> None:
        try:
            start.wait(5)
            for call in range(15):
                echoed = _echo(transport, _request("GET", server.url("/echo?t=%d&c=%d" % (number, call))))
                assert echoed["target"] == "/echo?t=%d&c=%d" % (number, call)
        except BaseException as e:  # reported on the test thread
            failures.append(e)
    threads = [threading.Thread(target=work, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    transport.close()
    assert failures == []
    assert 1 <= server.connections - before <= 12  # at most one per thread: kept alive and shared


def test_close_keeps_the_transport_usable_on_new_connections(server: Server) -> None:
    transport = Urllib3Transport()
    _echo(transport, _request("GET", server.url("/echo")))
    _echo(transport, _request("GET", server.url("/echo")))
    opened = server.connections
    transport.close()
    _echo(transport, _request("GET", server.url("/echo")))
    assert server.connections == opened + 1


def _held_on_a_thread(transport: Any, running: Server) -> "tuple[threading.Thread, List[BaseException]]":
    """A GET of /hold (answered once the server is released) sent on a thread of its own: the
    thread, and the list that gets what it raised."""
    running.held.clear()
    running.release.clear()
    outcome: List[BaseException] = []

    def wait() -> None:
        try:
            transport.send(_request("GET", running.url("/hold"), request_timeout=30))
        except BaseException as e:  # reported on the test thread
            outcome.append(e)
    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    return thread, outcome


@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_abort_ends_a_request_waiting_on_another_thread(server: Server, tls_server: Server, tls: bool) -> None:
    """``abort()`` (an abortable transport's) shuts down its connections: a request waiting for
    its answer ends at once with a PNConnectionError; the transport stays usable."""
    running = tls_server if tls else server
    transport = Urllib3Transport(verify=CERT, abortable=True)
    thread, outcome = _held_on_a_thread(transport, running)
    try:
        assert running.held.wait(5)  # the request is at the server, which holds it
        transport.abort()
        thread.join(5)
        assert not thread.is_alive() and len(outcome) == 1 and isinstance(outcome[0], PNConnectionError)
        assert _echo(transport, _request("GET", running.url("/echo")))["target"] == "/echo"
    finally:
        running.release.set()
        transport.close()


def test_abort_ends_a_request_still_connecting(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """A request started before ``abort()`` whose connection was not yet made when it came (its
    socket was not there to shut down) is refused once connected, not left to wait."""
    transport = Urllib3Transport(abortable=True)
    connecting, may_connect = threading.Event(), threading.Event()
    real_connect = urllib3.connection.HTTPConnection.connect

    def slow_connect(connection: Any) -> None:
        connecting.set()
        assert may_connect.wait(5)
        real_connect(connection)
    monkeypatch.setattr(urllib3.connection.HTTPConnection, "connect", slow_connect)
    thread, outcome = _held_on_a_thread(transport, server)
    try:
        assert connecting.wait(5)
        transport.abort()  # no socket yet: nothing to shut down
        may_connect.set()
        thread.join(5)
        assert not thread.is_alive() and len(outcome) == 1 and isinstance(outcome[0], PNConnectionError)
        assert not server.held.is_set()  # it never reached the server
        assert _echo(transport, _request("GET", server.url("/echo")))["target"] == "/echo"  # started after it
    finally:
        may_connect.set()
        server.release.set()
        transport.close()


def test_abort_leaves_a_transport_that_does_not_track_alone(server: Server) -> None:
    transport = Urllib3Transport()
    _echo(transport, _request("GET", server.url("/echo")))
    opened = server.connections
    transport.abort()  # nothing tracked: the kept-alive connection is reused
    _echo(transport, _request("GET", server.url("/echo")))
    assert server.connections == opened
    transport.close()


def test_a_pool_closed_under_the_transport_is_replaced(server: Server) -> None:
    transport = Urllib3Transport()
    _echo(transport, _request("GET", server.url("/echo")))
    transport.pool_manager.clear()  # what evicting an origin's pool (more than NUM_POOLS hosts) does
    assert _echo(transport, _request("GET", server.url("/echo")))["target"] == "/echo"


class _WithoutReleaseConn:
    """An answer object as vcrpy 8 hands it back under urllib3 2 (Python 3.10's newest vcrpy):
    status, headers and read(), but no ``release_conn``."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.status = inner.status
        self.headers = inner.headers

    def read(self, *args: Any, **kwargs: Any) -> bytes:
        data: bytes = self._inner.read(*args, **kwargs)
        return data


def test_an_answer_object_without_release_conn_is_read_all_the_same(server: Server, monkeypatch: Any) -> None:
    real_urlopen = urllib3.HTTPConnectionPool.urlopen

    def urlopen(pool: Any, *args: Any, **kwargs: Any) -> Any:
        return _WithoutReleaseConn(real_urlopen(pool, *args, **kwargs))

    monkeypatch.setattr(urllib3.HTTPConnectionPool, "urlopen", urlopen)
    response = Urllib3Transport().send(_request("GET", server.url("/echo?a=1")))
    assert response.status_code == 200
    assert json.loads(response.body)["target"] == "/echo?a=1"
