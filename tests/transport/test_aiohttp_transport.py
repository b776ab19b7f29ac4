"""AiohttpTransport's own request deadlines (one alarm for all the requests in flight) and its two
ways to send: ``send`` (a Task per request) and ``fetch`` (in the awaiting task)."""
from __future__ import annotations

import asyncio
import sys
import time
from typing import Any, Awaitable, Callable, List

import pytest
from yarl import URL

from pubnub._http import HttpRequest, HttpResponse
from pubnub._transport.aiohttp import AiohttpTransport, _as_url
from pubnub.errors import PNERR_TOO_MANY_REDIRECTS_ERROR
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PNTransportError


def _get(url: str, request_timeout: float) -> HttpRequest:
    return HttpRequest(method="GET", url=url, connect_timeout=2, request_timeout=request_timeout)


def _outcomes(transport: AiohttpTransport, *requests: HttpRequest) -> "List[asyncio.Future[Any]]":
    """Send each request; a future per request resolves to its outcome."""
    futures: List[asyncio.Future[Any]] = []
    for request in requests:
        future = asyncio.get_running_loop().create_future()
        futures.append(future)
        transport.send(request, future.set_result)
    return futures


def _with_transport(body: Callable[[AiohttpTransport], Awaitable[Any]]) -> Any:
    """``body(transport)`` on a new loop, with a new transport closed after it."""
    async def main() -> Any:
        transport = AiohttpTransport()
        try:
            return await body(transport)
        finally:
            transport.close()
    return asyncio.run(main())


def test_a_shorter_deadline_sent_later_fires_first(local_server: Any) -> None:
    """The alarm moves forward for a request that must end before the ones already waiting."""
    async def body(transport: AiohttpTransport) -> Any:
        long, short = _outcomes(transport, _get(local_server.url("/stall"), 30),
                                _get(local_server.url("/stall"), 0.3))
        started = time.monotonic()
        outcome = await asyncio.wait_for(short, 5)
        return outcome, time.monotonic() - started, long.done()
    outcome, waited, long_done = _with_transport(body)
    assert isinstance(outcome, PNTimeoutError)
    assert 0.25 <= waited < 2
    assert not long_done  # the 30 s request was still waiting when the short one timed out


def test_answered_requests_are_left_alone_and_the_alarm_moves_on(local_server: Any) -> None:
    """A request answered before its deadline is not touched when the alarm fires; the alarm
    then waits for the next deadline, and ends that request when it passes."""
    async def body(transport: AiohttpTransport) -> Any:
        fast, slow = _outcomes(transport, _get(local_server.url("/echo"), 0.3),
                               _get(local_server.url("/stall"), 0.8))
        answered = await asyncio.wait_for(fast, 5)
        started = time.monotonic()
        timed_out = await asyncio.wait_for(slow, 5)
        waited = time.monotonic() - started
        late = _outcomes(transport, _get(local_server.url("/echo"), 0.3))[0]
        return answered, timed_out, waited, await asyncio.wait_for(late, 5)
    answered, timed_out, waited, late = _with_transport(body)
    assert isinstance(answered, HttpResponse) and answered.status_code == 200
    assert isinstance(timed_out, PNTimeoutError)
    assert waited < 2
    assert isinstance(late, HttpResponse) and late.status_code == 200  # after the alarm emptied


def test_no_request_timeout_means_no_deadline(local_server: Any) -> None:
    """``request_timeout`` 0 (or None) sets no deadline: such a request waits for its answer."""
    async def body(transport: AiohttpTransport) -> Any:
        waiting, bounded = _outcomes(transport, _get(local_server.url("/trickle"), 0),
                                     _get(local_server.url("/stall"), 0.3))
        return await asyncio.wait_for(bounded, 5), await asyncio.wait_for(waiting, 10)
    timed_out, answer = _with_transport(body)
    assert isinstance(timed_out, PNTimeoutError)
    assert isinstance(answer, HttpResponse) and answer.body == b"x" * 30


def test_close_ends_the_waiting_requests_and_the_alarm(local_server: Any) -> None:
    async def body(transport: AiohttpTransport) -> Any:
        waiting = _outcomes(transport, _get(local_server.url("/stall"), 0.3))[0]
        transport.close()
        return waiting.result(), transport._alarm
    outcome, alarm = _with_transport(body)
    assert isinstance(outcome, PNConnectionError) and "closed" in str(outcome)
    assert alarm is None


def test_a_redirect_loop_ends_with_too_many_redirects(local_server: Any) -> None:
    """As on the sync transports: a PNTransportError naming the redirects, not aiohttp's error."""
    async def body(transport: AiohttpTransport) -> Any:
        (outcome,) = _outcomes(transport, _get(local_server.url("/redirect-loop"), 5))
        return await asyncio.wait_for(outcome, 5)
    outcome = _with_transport(body)
    assert type(outcome) is PNTransportError
    assert outcome.pn_error == PNERR_TOO_MANY_REDIRECTS_ERROR
    assert "redirects" in str(outcome)


# ----- fetch(): the request run by the awaiting task -------------------------------------------

def test_fetch_times_out_on_the_alarm_and_the_awaiting_task_goes_on(local_server: Any) -> None:
    """The alarm ends a ``fetch`` past its deadline with a PNTimeoutError raised in the awaiting
    task, which is not left cancelled; an answered ``fetch`` leaves no deadline behind (the task
    is not cancelled later, when that deadline would have passed)."""
    async def body(transport: AiohttpTransport) -> Any:
        started = time.monotonic()
        try:
            await transport.fetch(_get(local_server.url("/stall"), 0.3))
        except PNTimeoutError as e:
            timed_out: Any = e
        waited = time.monotonic() - started
        answered = await transport.fetch(_get(local_server.url("/echo"), 0.3))
        await asyncio.sleep(0.5)  # past the answered request's deadline: nothing may cancel this task
        task: Any = asyncio.current_task()
        return timed_out, waited, answered, getattr(task, "cancelling", lambda: 0)()
    timed_out, waited, answered, cancelling = _with_transport(body)
    assert isinstance(timed_out, PNTimeoutError) and "no answer within the request timeout" in str(timed_out)
    assert 0.25 <= waited < 2
    assert answered.status_code == 200
    assert cancelling == 0


def test_a_task_cancelled_while_fetching_is_cancelled_and_the_transport_goes_on(local_server: Any) -> None:
    async def body(transport: AiohttpTransport) -> Any:
        waiting = asyncio.ensure_future(transport.fetch(_get(local_server.url("/stall"), 30)))
        await asyncio.get_running_loop().run_in_executor(None, local_server.stalled.wait, 5)
        waiting.cancel()
        await asyncio.gather(waiting, return_exceptions=True)
        return waiting.cancelled(), await transport.fetch(_get(local_server.url("/echo"), 5))
    cancelled, answered = _with_transport(body)
    assert cancelled  # the caller's cancellation is not turned into an error value
    assert answered.status_code == 200


def test_close_ends_the_fetches_in_flight_and_those_waiting_for_a_connection(local_server: Any) -> None:
    """With one connection: one ``fetch`` holds it (stalled), the other waits for it; ``close()``
    ends both with a PNConnectionError, and neither awaiting task is cancelled."""
    async def main() -> Any:
        transport = AiohttpTransport(limit=1)
        holding = asyncio.ensure_future(transport.fetch(_get(local_server.url("/stall"), 30)))
        waiting = asyncio.ensure_future(transport.fetch(_get(local_server.url("/echo"), 30)))
        await asyncio.get_running_loop().run_in_executor(None, local_server.stalled.wait, 5)
        transport.close()
        outcomes = await asyncio.wait_for(asyncio.gather(holding, waiting, return_exceptions=True), 5)
        return outcomes, holding.cancelled() or waiting.cancelled()
    outcomes, cancelled = asyncio.run(main())
    assert not cancelled
    for outcome in outcomes:
        assert isinstance(outcome, PNConnectionError) and "closed" in str(outcome)


def test_a_task_cancelled_as_its_fetch_times_out(local_server: Any) -> None:
    """The alarm and the application cancel the task in the same loop pass. Python 3.11+ counts
    cancellations: the task ends cancelled. Before 3.11 the transport cannot tell the two apart
    and the timeout is what the task sees."""
    async def body(transport: AiohttpTransport) -> Any:
        loop = asyncio.get_running_loop()
        task = asyncio.ensure_future(transport.fetch(_get(local_server.url("/stall"), 0.3)))
        await loop.run_in_executor(None, local_server.stalled.wait, 5)
        loop.call_at(transport._alarm_at, task.cancel)  # due with the alarm: the same loop pass
        outcome = (await asyncio.gather(task, return_exceptions=True))[0]
        return task.cancelled(), outcome
    cancelled, outcome = _with_transport(body)
    if sys.version_info >= (3, 11):
        assert cancelled
    else:
        assert isinstance(outcome, PNTimeoutError)


class _PassRecordingSession:
    """Stands in for the ClientSession: records, for each request, whether the loop had run its
    next pass (``passed``, set by a callback scheduled before the ``fetch``) when it was sent."""

    connector = None

    def __init__(self) -> None:
        self.passed = False
        self.sent: List[Any] = []

    def request(self, method: str, url: Any, **options: Any) -> "_Answer":
        self.sent.append((method, self.passed))
        return _Answer()


class _Answer:
    status = 200
    headers: Any = {}
    history = ()

    async def __aenter__(self) -> "_Answer":
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        return None

    async def read(self) -> bytes:
        return b"{}"


def test_fetch_sends_on_the_next_pass_unless_aiohttp_already_does() -> None:
    """A ``fetch`` sends on the loop's next pass, where the requests started in one pass leave
    together; a request with a body goes to aiohttp at once before Python 3.12, as aiohttp writes
    the body from a Task of its own, on the next pass, there (from 3.12 that Task writes at once)."""
    async def body(transport: AiohttpTransport) -> Any:
        session = transport._session = _PassRecordingSession()  # type: ignore[assignment]
        for method, payload in (("GET", None), ("POST", b"{}"), ("DELETE", None)):
            session.passed = False
            asyncio.get_running_loop().call_soon(setattr, session, "passed", True)
            answer = await transport.fetch(HttpRequest(method=method, url="http://127.0.0.1:9/x", body=payload,
                                                       request_timeout=0))
            assert answer.status_code == 200 and answer.body == b"{}"
        return session.sent
    sent = _with_transport(body)
    assert sent == [("GET", True), ("POST", sys.version_info >= (3, 12)), ("DELETE", True)]


def _endpoint_urls() -> List[str]:
    """URLs as the endpoints build them: several families, origins, and awkward names."""
    from pubnub.models.consumer.message_actions import PNMessageAction
    from pubnub.pnconfiguration import PNConfiguration
    from pubnub.pubnub import PubNub

    urls = []
    for origin, ssl in (("127.0.0.1:8080", False), ("ps.pndsn.com", True), ("localhost:443", True)):
        config = PNConfiguration()
        config.publish_key, config.subscribe_key, config.uuid = "pub-c-1", "sub-c-1", "me+you@x"
        config.origin, config.ssl, config.auth_key, config.secret_key = origin, ssl, "a/b=c", "sec-c-1"
        pubnub = PubNub(config)
        action = PNMessageAction({"type": "reaction", "value": "\u263a", "messageTimetoken": "1"})
        for endpoint in (pubnub.publish().channel("caf\u00e9 #1/..").message({"t": "a&b=c?d#e"}).meta({"k": "v"}),
                         pubnub.publish().channel("ch").message("x").use_post(True),
                         pubnub.add_message_action().channel("..").message_action(action),
                         pubnub.get_message_actions().channel(".").start("15").end("10").limit(5),
                         pubnub.here_now().channel_groups(["g1", "g 2"]),
                         pubnub.delete_messages().channel("%2F").start(1).end(2),
                         pubnub.fetch_messages().channels(["a", "b,c"]).include_meta(True),
                         pubnub.time()):
            urls.append(endpoint.build_request().url)
    return urls


@pytest.mark.parametrize("url", [
    *_endpoint_urls(), "http://127.0.0.1:5555/p?", "https://ps.pndsn.com/p", "https://ps.pndsn.com//a//b?x=%2F&y=+",
    "https://ps.pndsn.com/p%2Fq/%E2%82%AC?x=%E2%82%AC", "http://[::1]:8080/p?a=1", "https://PS.pndsn.com/p?a=1",
    "https://user:pw@ps.pndsn.com/p?a=1", "https://ps.pndsn.com/p?a=1#frag", "https://ps.pndsn.com?a=1",
    "https://xn--caf-dma.example/p?a=1", "https://ps.pndsn.com:99999/p"])
def test_the_url_handed_to_aiohttp_is_the_one_built(url: str) -> None:
    """``_as_url`` (the usual URL put together from its parts) gives what parsing it whole gives,
    for an origin's first URL (compared) and for the next ones (built)."""
    expected = URL(url, encoded=True)
    try:
        expected.port  # noqa: B018 (validated when first read)
    except ValueError:  # a port out of range: the URL handed over is refused when read, as before
        for made in (_as_url(url), _as_url(url)):
            with pytest.raises(ValueError):
                made.port  # noqa: B018
        return
    for made in (_as_url(url), _as_url(url)):
        assert made == expected and str(made) == str(expected)
        assert (made.raw_host, made.port, made.raw_path, made.raw_query_string, made.raw_path_qs) == (
            expected.raw_host, expected.port, expected.raw_path, expected.raw_query_string, expected.raw_path_qs)


def test_the_usual_url_is_put_together_from_its_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: List[str] = []
    real_url = URL

    class CountingURL:  # yarl's URL, counting the texts parsed
        build = staticmethod(real_url.build)

        def __new__(cls, value: str, encoded: bool = False) -> Any:
            parsed.append(value)
            return real_url(value, encoded=encoded)
    monkeypatch.setattr("pubnub._transport.aiohttp.URL", CountingURL)
    monkeypatch.setattr("pubnub._transport.aiohttp._BUILT_ORIGINS", {})  # (no origin seen yet)
    urls = ["http://127.0.0.1:5555/publish/k/s/0/ch/0/%22x%22?seqn=" + str(n) + "&uuid=u" for n in range(3)]
    assert [str(_as_url(url)) for url in urls] == urls
    assert parsed == urls[:1]  # the origin's first URL only (then compared with the one built)
