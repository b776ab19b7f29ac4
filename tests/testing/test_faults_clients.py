"""The SDK's clients against injected faults: what an application sees, and that it recovers.

PubNubTornado (on the test's loop) and the plain ``PubNub`` (threads of its own) talk to a
threaded test server while the test thread adds faults to it.
"""
from __future__ import annotations

import asyncio
import time
from typing import Any, Callable, Iterator, List

import pytest
from native._support import ThreadRecorder

from pubnub.enums import PNReconnectionPolicy, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub import PubNub

from .clients import Clients, Recorder

C = PNStatusCategory
#: LINEAR reconnection with a short wait: each failed long-poll is retried after about 50 ms
RECONNECT = {"reconnect_policy": PNReconnectionPolicy.LINEAR, "reconnection_base_delay": 0.05}


def in_thread(function: Callable[..., Any], *args: Any) -> "asyncio.Future[Any]":
    """Run a blocking call (a server wait) off the test's loop, so that the client keeps running."""
    return asyncio.get_running_loop().run_in_executor(None, function, *args)


def plain_config(origin: str, **settings: Any) -> PNConfiguration:
    config = PNConfiguration()
    config.origin, config.ssl = origin, False
    config.publish_key, config.subscribe_key, config.uuid = "demo", "demo", "plain-client"
    config.connect_timeout = config.non_subscribe_request_timeout = 3
    for name, value in settings.items():
        setattr(config, name, value)
    return config


@pytest.fixture
def plain_clients() -> Iterator[Callable[..., PubNub]]:
    """``make(origin, listener=None, **settings)``: plain clients, stopped (threads joined) afterwards."""
    made: List[PubNub] = []

    def make(origin: str, listener: Any = None, **settings: Any) -> PubNub:
        pubnub = PubNub(plain_config(origin, **settings))
        if listener is not None:
            pubnub.add_listener(listener)
        made.append(pubnub)
        return pubnub
    yield make
    for pubnub in made:
        pubnub.stop()
    for pubnub in made:
        manager = pubnub._subscription_manager
        if manager is not None:
            assert manager._driver.join(5), "subscription threads still running"


# ----- connection resets on subscribe: the reconnection delivers every message ---------------------

@pytest.mark.gen_test(timeout=20)
async def test_tornado_subscribe_recovers_from_two_resets_without_losing_a_message(
        live_server: Callable[..., Any], clients: Clients) -> None:
    server = live_server()
    recorder = Recorder()
    listener = clients(server.origin, recorder, uuid="listener", **RECONNECT)
    talker = clients(server.origin, uuid="talker")
    listener.subscribe().channels("orders").execute()
    await recorder.connected()
    assert await in_thread(server.wait_for_parked_polls, 1, 3)

    resets = server.faults.add("reset", operation="subscribe", count=2)
    await talker.publish().channel("orders").message(0).future()  # answers the parked poll: the next one is reset
    assert await in_thread(resets.wait, 1, 5)
    for n in range(1, 10):  # published while the subscriber is cut off
        await talker.publish().channel("orders").message(n).future()
    assert await in_thread(resets.wait, 2, 5)
    await recorder.wait_for_status(C.PNReconnectedCategory, timeout=5)
    for n in range(10, 20):
        await talker.publish().channel("orders").message(n).future()
    await recorder.wait_for(lambda: len(recorder.of("message")) >= 20, timeout=5)

    assert [m.message for m in recorder.of("message")] == list(range(20))  # each once, in order
    failures = [c for c in recorder.categories() if c in (C.PNUnexpectedDisconnectCategory,
                                                           C.PNNetworkIssuesCategory)]
    assert len(failures) == 1  # one announcement per outage
    assert recorder.categories()[-1] == C.PNReconnectedCategory
    assert resets.hits == 2 and not resets.active


def test_plain_subscribe_recovers_from_two_resets_without_losing_a_message(
        make_server: Callable[..., Any], plain_clients: Callable[..., PubNub]) -> None:
    server = make_server()
    recorder = ThreadRecorder()
    listener = plain_clients(server.origin, recorder, uuid="listener", **RECONNECT)
    talker = plain_clients(server.origin, uuid="talker")
    listener.subscribe().channels("orders").execute()
    recorder.connected()
    assert server.wait_for_parked_polls(1, 3)

    resets = server.faults.add("reset:subscribe:count=2")
    talker.publish().channel("orders").message(0).sync()
    assert resets.wait(1, 5)
    for n in range(1, 10):
        talker.publish().channel("orders").message(n).sync()
    assert resets.wait(2, 5)
    # each reset announced, each reconnection as its probe succeeds (4.8.1's statuses)
    recorder.wait_for(lambda: recorder.categories().count(C.PNReconnectedCategory) == 2, timeout=5)
    for n in range(10, 20):
        talker.publish().channel("orders").message(n).sync()
    recorder.wait_for(lambda: len(recorder.of("message")) >= 20, timeout=5)

    assert [m.message for m in recorder.of("message")] == list(range(20))
    assert recorder.categories() == [C.PNConnectedCategory] + [C.PNUnexpectedDisconnectCategory,
                                                               C.PNReconnectedCategory] * 2


# ----- a 5xx answer: what a publish reports ----------------------------------------------------------

@pytest.mark.gen_test(timeout=10)
async def test_tornado_publish_answered_503_reports_unknown_category_then_succeeds(
        live_server: Callable[..., Any], clients: Clients) -> None:
    server = live_server()
    pubnub = clients(server.origin)
    failing = server.faults.add("5xx", operation="publish", status=503, channel="orders", count=1)
    refused = await pubnub.publish().channel("orders").message("first").future()
    assert refused.status.is_error()
    assert (refused.status.category, refused.status.status_code) == (C.PNUnknownCategory, 503)
    assert failing.hits == 1
    sent = await pubnub.publish().channel("orders").message("again").future()
    assert (sent.status.category, sent.status.status_code) == (C.PNAcknowledgmentCategory, 200)
    history = await pubnub.history().channel("orders").future()
    assert [m.entry for m in history.result.messages] == ["again"]


def test_plain_publish_answered_503_raises_with_the_status(make_server: Callable[..., Any],
                                                           plain_clients: Callable[..., PubNub]) -> None:
    server = make_server()
    pubnub = plain_clients(server.origin)
    server.faults.add("5xx:publish:status=503,count=1")
    with pytest.raises(PubNubException) as raised:
        pubnub.publish().channel("orders").message("first").sync()
    status = raised.value.status
    assert (status.category, status.status_code) == (C.PNUnknownCategory, 503)
    assert "Service Unavailable" in str(raised.value)
    assert pubnub.publish().channel("orders").message("again").sync().status.status_code == 200


# ----- latency ----------------------------------------------------------------------------------------

def test_plain_calls_are_delayed_by_at_least_the_latency(make_server: Callable[..., Any],
                                                         plain_clients: Callable[..., PubNub]) -> None:
    server = make_server()
    pubnub = plain_clients(server.origin)
    pubnub.time().sync()  # a warm connection
    server.faults.add("latency:time:delay=0.4,count=1")
    started = time.monotonic()
    answered = pubnub.time().sync()
    assert time.monotonic() - started >= 0.4
    assert answered.status.status_code == 200


@pytest.mark.gen_test(timeout=10)
async def test_tornado_publish_is_delayed_by_at_least_the_latency(live_server: Callable[..., Any],
                                                                  clients: Clients) -> None:
    server = live_server()
    pubnub = clients(server.origin)
    await pubnub.time().future()
    server.faults.add("latency", operation="publish", delay=0.3, count=1)
    started = time.monotonic()
    sent = await pubnub.publish().channel("slow").message(1).future()
    assert time.monotonic() - started >= 0.3
    assert sent.status.status_code == 200


# ----- a stalled long-poll: the client times out and asks again -----------------------------------

@pytest.mark.gen_test(timeout=15)
async def test_tornado_stalled_long_poll_times_out_and_is_reissued(live_server: Callable[..., Any],
                                                                   clients: Clients) -> None:
    server = live_server(long_poll_seconds=30)
    recorder = Recorder()
    listener = clients(server.origin, recorder, uuid="listener", subscribe_request_timeout=1, **RECONNECT)
    talker = clients(server.origin, uuid="talker")
    listener.subscribe().channels("quiet").execute()
    await recorder.connected()
    assert await in_thread(server.wait_for_parked_polls, 1, 3)

    stall = server.faults.add("stall", operation="subscribe", count=1)
    await talker.publish().channel("quiet").message("before").future()  # the next long-poll stalls
    assert await in_thread(stall.wait, 1, 5)
    stalled_at = time.monotonic()
    await talker.publish().channel("quiet").message("during").future()  # held back by the stall
    await recorder.wait_for(lambda: len(recorder.of("message")) >= 2, timeout=5)
    assert time.monotonic() - stalled_at >= 0.9  # only once the client gave up on the stalled poll (1 s)
    assert [m.message for m in recorder.of("message")] == ["before", "during"]
    assert recorder.categories() == [C.PNConnectedCategory]  # a client-side timeout is routine, not an outage


def test_plain_stalled_long_poll_times_out_and_is_reissued(make_server: Callable[..., Any],
                                                           plain_clients: Callable[..., PubNub]) -> None:
    server = make_server(long_poll_seconds=30)
    recorder = ThreadRecorder()
    listener = plain_clients(server.origin, recorder, uuid="listener", subscribe_request_timeout=1, **RECONNECT)
    talker = plain_clients(server.origin, uuid="talker")
    listener.subscribe().channels("quiet").execute()
    recorder.connected()
    assert server.wait_for_parked_polls(1, 3)

    stall = server.faults.add("stall:subscribe:count=1")
    talker.publish().channel("quiet").message("before").sync()
    assert stall.wait(1, 5)
    stalled_at = time.monotonic()
    talker.publish().channel("quiet").message("during").sync()
    recorder.wait_for(lambda: len(recorder.of("message")) >= 2, timeout=5)
    assert time.monotonic() - stalled_at >= 0.9
    assert [m.message for m in recorder.of("message")] == ["before", "during"]
    assert recorder.categories() == [C.PNConnectedCategory]
