"""What TornadoTransport adds to the shared contract: the client's defaults on every request (it
hands requests to ``fetch_impl`` itself, without the proxy ``fetch()`` would wrap them in), the
callback form of ``send`` (the ``AsyncTransport`` contract), and a closed transport reporting a
connection error."""
from __future__ import annotations

import asyncio
import concurrent.futures
import gc
import json
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Awaitable, Callable, List, TypeVar

import pytest

from pubnub._http import HttpRequest, HttpResponse
from pubnub._transport.base import send_async
from pubnub._transport.tornado import TornadoTransport
from pubnub.enums import PNStatusCategory
from pubnub.exceptions import PNConnectionError, PNTimeoutError
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException

T = TypeVar("T")
CLIENTS = pytest.mark.parametrize("use_curl", [True, False], ids=["curl", "simple"])


def _run(body: Callable[[], Awaitable[T]]) -> T:
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(asyncio.wait_for(body(), 10))
    finally:
        loop.close()


async def _outcome_of(transport: TornadoTransport, request: HttpRequest) -> Any:
    outcome: "asyncio.Future[Any]" = asyncio.get_running_loop().create_future()
    transport.send(request, outcome.set_result)
    return await outcome


@CLIENTS
def test_client_defaults_apply_where_a_request_sets_nothing(local_server: Any, use_curl: bool) -> None:
    async def body() -> List[Any]:
        transport = TornadoTransport(use_curl=use_curl, user_agent="defaults/1", request_timeout=0.3)
        try:
            echo = HttpRequest(method="GET", url=local_server.url("/echo"))
            stall = HttpRequest(method="GET", url=local_server.url("/stall"), connect_timeout=None,  # type: ignore[arg-type]
                                request_timeout=None)  # type: ignore[arg-type]
            return [json.loads((await send_async(transport, echo)).body)["user_agent"],
                    await _outcome_of(transport, stall)]
        finally:
            transport.close()
    user_agent, stalled = _run(body)
    assert user_agent == "defaults/1"
    assert isinstance(stalled, PNTimeoutError)  # the client's 0.3 s, not an unset timeout


@CLIENTS
def test_send_gets_every_status_as_a_response(local_server: Any, use_curl: bool) -> None:
    async def body() -> HttpResponse:
        transport = TornadoTransport(use_curl=use_curl)
        try:
            result: HttpResponse = await _outcome_of(
                transport, HttpRequest(method="GET", url=local_server.url("/status/503")))
            return result
        finally:
            transport.close()
    response = _run(body)
    assert isinstance(response, HttpResponse)
    assert response.status_code == 503 and json.loads(response.body) == {"status": 503}


@CLIENTS
def test_send_reports_a_refused_connection(use_curl: bool) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    async def body() -> Any:
        transport = TornadoTransport(use_curl=use_curl)
        try:
            return await _outcome_of(transport, HttpRequest(
                method="GET", url="http://127.0.0.1:%d/time/0" % port, connect_timeout=2, request_timeout=2))
        finally:
            transport.close()
    assert isinstance(_run(body), PNConnectionError)


@CLIENTS
def test_a_closed_transport_reports_a_connection_error(local_server: Any, use_curl: bool) -> None:
    async def body() -> List[Any]:
        transport = TornadoTransport(use_curl=use_curl)
        transport.close()
        request = HttpRequest(method="GET", url=local_server.url("/echo"))
        via_callback = await _outcome_of(transport, request)
        try:
            await send_async(transport, request)
        except PNConnectionError as e:
            return [via_callback, e]
        return [via_callback, None]
    via_callback, via_send = _run(body)
    assert isinstance(via_callback, PNConnectionError) and "closed" in str(via_callback)
    assert isinstance(via_send, PNConnectionError)


def test_a_call_on_a_closed_application_transport_is_an_error_status(local_server: Any) -> None:
    async def body() -> List[Any]:
        config = PNConfiguration()
        config.subscribe_key, config.publish_key = "sub-c-t", "pub-c-t"
        config.origin, config.ssl = "127.0.0.1:%d" % local_server.port, False
        transport = TornadoTransport()
        transport.close()  # the application closed its own transport; the client must not crash
        pubnub = PubNubTornado(config, transport=transport)
        via_future = await pubnub.publish().channel("ch").message("hi").future()
        delivered: "asyncio.Future[Any]" = asyncio.get_running_loop().create_future()
        pubnub.time().pn_async(lambda result, status: delivered.set_result(status))
        return [via_future, await delivered]
    via_future, status = _run(body)
    assert isinstance(via_future, PubNubTornadoException)
    assert via_future.status.category == PNStatusCategory.PNNetworkIssuesCategory
    assert status.is_error() and status.category == PNStatusCategory.PNNetworkIssuesCategory


@CLIENTS
def test_closing_ends_the_requests_still_waiting(local_server: Any, use_curl: bool) -> None:
    async def body() -> List[Any]:
        transport = TornadoTransport(use_curl=use_curl)
        stall = HttpRequest(method="GET", url=local_server.url("/stall"), request_timeout=30)
        via_callback: "asyncio.Future[Any]" = asyncio.get_running_loop().create_future()
        local_server.stalled.clear()
        transport.send(stall, via_callback.set_result)
        via_send = send_async(transport, stall)
        # A request reached the server: the loop has run, so send() has started too.
        assert await asyncio.get_running_loop().run_in_executor(None, local_server.stalled.wait, 5)
        transport.close()
        try:
            await via_send
        except PNConnectionError as e:
            return [await via_callback, e]
        return [await via_callback, None]
    via_callback, via_send = _run(body)  # within _run's 10 s: nothing waited for the 30 s timeout
    assert isinstance(via_callback, PNConnectionError) and "closed before the answer" in str(via_callback)
    assert isinstance(via_send, PNConnectionError)


def test_a_call_in_flight_when_pubnub_http_is_closed_ends_with_an_error_status(local_server: Any) -> None:
    async def body() -> Any:
        config = PNConfiguration()
        config.subscribe_key, config.publish_key = "sub-c-t", "pub-c-t"
        config.origin, config.ssl = "127.0.0.1:%d" % local_server.port, False
        config.non_subscribe_request_timeout = 30
        pubnub = PubNubTornado(config)
        pending = pubnub.time().future()
        pubnub.http.close()  # a 4.x teardown with a call still waiting for its answer
        return await pending
    outcome = _run(body)
    assert isinstance(outcome, PubNubTornadoException)
    assert outcome.status.category == PNStatusCategory.PNNetworkIssuesCategory


def test_closing_curl_with_a_transfer_in_flight_leaves_nothing_on_the_loop(local_server: Any) -> None:
    async def body() -> List[Any]:
        transport = TornadoTransport(use_curl=True)
        ended: "asyncio.Future[Any]" = asyncio.get_running_loop().create_future()
        client: Any = transport.http_client
        local_server.stalled.clear()
        transport.send(HttpRequest(method="GET", url=local_server.url("/stall"), request_timeout=30),
                                     ended.set_result)
        # The server has the request: the transfer is under way (the loop runs while we wait).
        assert await asyncio.get_running_loop().run_in_executor(None, local_server.stalled.wait, 5)
        transport.close()
        # Dropping the transfer made curl re-arm its timer: left armed, it would fire on the closed
        # client and raise into the loop.
        return [await ended, client._timeout, dict(client._fds)]
    outcome, timer, sockets = _run(body)
    assert isinstance(outcome, PNConnectionError)
    assert timer is None and sockets == {}


def test_a_curl_transport_dropped_after_its_loop_closed_is_quiet(local_server: Any,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A transport never closed, with a transfer under way, when its loop is closed (a 4.x test
    failing before ``pubnub.stop()``, then its tearDown closing the IOLoop): collecting it must not
    make curl call back into the closed loop ("Exception ignored ... Event loop is closed")."""
    from tornado.ioloop import IOLoop

    unraisable: List[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    io_loop = IOLoop(make_current=False)  # what tornado.testing.AsyncTestCase makes, and closes

    async def start() -> TornadoTransport:
        transport = TornadoTransport(use_curl=True)
        local_server.stalled.clear()
        transport.send(HttpRequest(method="GET", url=local_server.url("/stall"), request_timeout=30),
                       lambda outcome: None)
        assert await asyncio.get_running_loop().run_in_executor(None, local_server.stalled.wait, 5)
        return transport
    transport = io_loop.run_sync(start)
    io_loop.close(all_fds=True)
    del transport
    gc.collect()
    assert ["%s: %s" % (u.exc_type.__name__, u.exc_value) for u in unraisable] == []


_CYCLIC_GARBAGE_SCRIPT = """
import asyncio, gc
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado
from pubnub.testing.app import PubNubTestServer

async def main():
    server = PubNubTestServer()
    config = PNConfiguration()
    config.origin, config.ssl = await server.start(), False
    config.publish_key = config.subscribe_key = "demo"
    pubnub = PubNubTornado(config)
    loop = asyncio.get_running_loop()

    async def each_mode():
        await pubnub.publish().channel("ch").message({"n": 1}).future()
        await pubnub.time().result()
        delivered = loop.create_future()
        pubnub.time().pn_async(lambda result, status: delivered.set_result(status))
        await delivered

    await each_mode()  # warm-up: connections, caches
    gc.collect()
    gc.disable()
    for _ in range(20):
        await each_mode()
    print(gc.collect())
    gc.enable()
    pubnub.transport.close()
    await server.aclose()

asyncio.run(main())
"""


def test_calls_leave_no_cyclic_garbage() -> None:
    """Each call's objects are freed as soon as it ends: none waits for the cycle collector.

    Measured in a process of its own: the collector counts every thread's garbage, and threads
    left by other tests may end at any moment.
    """
    root = Path(__file__).resolve().parents[2]  # "python -c" imports from its working directory first
    done = subprocess.run([sys.executable, "-c", _CYCLIC_GARBAGE_SCRIPT], capture_output=True, text=True,
                          timeout=60, cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0"]


def test_a_request_refused_on_the_spot_is_not_ended_again_by_close(local_server: Any) -> None:
    async def body() -> List[Any]:
        transport = TornadoTransport()
        calls: List[Any] = []

        def refuse(request: Any, callback: Any) -> None:
            raise ValueError("refused on the spot")
        transport.http_client.fetch_impl = refuse  # type: ignore[method-assign]
        try:
            transport.send(HttpRequest(method="GET", url=local_server.url("/echo")), calls.append)
        except ValueError as e:
            raised: Any = e
        transport.close()
        return [raised, calls]
    raised, calls = _run(body)
    assert isinstance(raised, ValueError) and calls == []  # the error went to the caller, once


@pytest.mark.parametrize("text, expected", [
    # libcurl 8 (the pycurl wheels' own), then libcurl 7.88 (Debian 12's, linked by a source build)
    ("Connection timed out after 300 milliseconds", PNConnectionError),
    ("Failed to connect to 127.0.0.1 port 8080 after 300 ms: Timeout was reached", PNConnectionError),
    ("Resolving timed out after 300 milliseconds", PNConnectionError),
    ("SSL connection timeout", PNConnectionError),
    ("Operation timed out after 5000 milliseconds with 0 bytes received", PNTimeoutError),
    ("Operation timed out after 5001 milliseconds with 0 out of -1 bytes received", PNTimeoutError),
])
def test_curl_timeouts_before_the_connection_are_connection_errors_in_every_libcurl_wording(
        text: str, expected: type) -> None:
    from pubnub._transport.tornado import CurlError, _translate

    error = CurlError(28, text)  # CURLE_OPERATION_TIMEDOUT, whichever phase it happened in
    translated = _translate(error)
    assert type(translated) is expected and translated.__cause__ is error
    assert text in str(translated)


def test_a_client_made_on_a_thread_without_an_event_loop_gets_one(pubnub_config: Any) -> None:
    """4.x made PubNubTornado(config) anywhere: Tornado 6.3+ gives a thread without an event loop
    a new one, 6.0-6.2 raise; the client makes one itself, on every Tornado 6."""
    outcome: "concurrent.futures.Future[Any]" = concurrent.futures.Future()

    def on_a_fresh_thread() -> None:
        try:
            with pytest.raises(RuntimeError):
                asyncio.get_event_loop()  # a thread other than the main one starts without a loop
            pubnub = PubNubTornado(pubnub_config)
            loop = asyncio.get_event_loop()
            try:
                assert pubnub.ioloop.asyncio_loop is loop
                envelope = loop.run_until_complete(pubnub.time().future())
            finally:
                pubnub.stop()  # closes its transport (the loop is not running)
                asyncio.set_event_loop(None)
                loop.close()
        except BaseException as e:  # handed back to the test thread
            outcome.set_exception(e)
        else:
            outcome.set_result(envelope)

    thread = threading.Thread(target=on_a_fresh_thread)
    thread.start()
    envelope = outcome.result(10)
    thread.join(10)
    assert not envelope.is_error() and int(envelope.result) > 0
