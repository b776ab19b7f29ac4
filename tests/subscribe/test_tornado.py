"""PubNubTornado end to end against the fake server on 127.0.0.1."""
from __future__ import annotations

import asyncio
import logging
import threading

import pytest
import tornado.gen
from tornado.ioloop import IOLoop

from pubnub.enums import PNHeartbeatNotificationOptions, PNOperationType, PNReconnectionPolicy, PNStatusCategory
from pubnub.models.consumer.common import PNStatus
from pubnub.models.consumer.pubsub import PNMessageResult
from pubnub.pubnub_tornado import PubNubTornado, SubscribeListener

from .conftest import make_config
from .fakes import FakeServer

C = PNStatusCategory


def origin(fake):
    return "127.0.0.1:%d" % fake.port


@pytest.fixture
def quick_sleep(monkeypatch):
    """Reconnection waits shortened through ``tornado.gen.sleep``, as 4.x suites stub it."""
    waits = []
    real_sleep = tornado.gen.sleep

    def sleep(seconds):
        waits.append(seconds)
        return real_sleep(0.01)

    monkeypatch.setattr(tornado.gen, "sleep", sleep)
    return waits


@pytest.mark.gen_test
async def test_events_of_every_kind_reach_the_listener_on_the_ioloop(fake, clients, recorder):
    pubnub = clients(origin(fake), recorder)
    pubnub.subscribe().channels(["a"]).with_presence().execute()
    await recorder.connected()
    fake.publish("a", {"text": "hi"}, u={"lang": "en"})
    fake.publish("a", "sig", e=1)
    fake.publish("a", {"source": "actions", "version": "1.0", "event": "removed",
                       "data": {"type": "reaction", "value": "x", "messageTimetoken": "1", "actionTimetoken": "2"}},
                 e=3, i="actor")
    fake.publish("a-pnpres", {"action": "join", "uuid": "u2", "timestamp": 1, "occupancy": 2})
    await recorder.wait_for(lambda: len(recorder.events) == 5)
    assert [name for name, _ in recorder.events] == ["status", "message", "signal", "message_action", "presence"]
    assert recorder.of("message")[0].user_metadata == {"lang": "en"}
    assert recorder.of("message_action")[0].event == "removed"
    assert recorder.of("message_action")[0].uuid == "actor"
    assert recorder.of("presence")[0].channel == "a"
    assert recorder.threads == {threading.get_ident()}  # the IOLoop's thread


@pytest.mark.gen_test
async def test_a_raising_listener_never_stops_the_subscription(fake, clients, recorder, caplog):
    class Broken:
        def message(self, pubnub, message):
            raise ValueError("broken listener")

    pubnub = clients(origin(fake), Broken())
    pubnub.add_listener(recorder)
    pubnub.subscribe().channels("a").execute()
    await recorder.connected()
    with caplog.at_level(logging.ERROR, logger="pubnub"):
        for n in range(3):
            fake.publish("a", n)
            await recorder.wait_for(lambda n=n: len(recorder.of("message")) == n + 1)
    failures = [r for r in caplog.records if r.exc_info and "broken listener" in str(r.exc_info[1])]
    assert len(failures) == 3


@pytest.mark.gen_test
async def test_change_cancels_the_long_poll_and_a_stale_answer_is_dropped(fake, clients, recorder):
    pubnub = clients(origin(fake), recorder)
    pubnub.subscribe().channels("a").execute()
    await recorder.connected()
    held = await fake.wait_for(lambda: [r for r in fake.subscribe_requests() if r.query.get("tt") != "0"])
    pubnub.subscribe().channels("b").execute()
    renewed = await fake.wait_for(lambda: [r for r in fake.subscribe_requests() if r.channels == ["a", "b"]])
    assert renewed[0].query["tt"] == held[0].query["tt"]  # continues from the cursor (4.8.1: tt=0)
    fake.publish("a", "once")  # both the abandoned and the new long-poll answer it
    fake.publish("b", "b-1")
    await recorder.wait_for(lambda: len(recorder.of("message")) >= 2)
    fake.publish("a", "after")
    await recorder.wait_for(lambda: recorder.of("message")[-1].message == "after")
    assert [m.message for m in recorder.of("message")] == ["once", "b-1", "after"]
    assert recorder.categories() == [C.PNConnectedCategory, C.PNConnectedCategory]


@pytest.mark.gen_test
async def test_an_abandoned_long_poll_ends_at_once(fake, clients, recorder):
    pubnub = clients(origin(fake), recorder)
    pubnub.subscribe().channels("a").execute()
    await recorder.connected()
    await fake.wait_for(lambda: [r for r in fake.subscribe_requests() if r.query.get("tt") != "0"])
    long_poll = pubnub._subscription_manager._driver._long_poll
    held = long_poll._current  # the private transport holding the long-poll for "a"
    assert held is not None and held._in_flight
    pubnub.subscribe().channels("b").execute()  # abandons the held long-poll
    # Ended at once, its connection closed with its transport, although the server would hold it
    # for another two seconds; the next long-poll went out on a fresh transport.
    assert held.closed and not held._in_flight
    await fake.wait_for(lambda: [r for r in fake.subscribe_requests() if r.channels == ["a", "b"]])
    assert long_poll._current is not held


@pytest.mark.gen_test
async def test_messages_published_between_subscribe_calls_are_not_lost(fake, clients, recorder):
    pubnub = clients(origin(fake), recorder)
    pubnub.subscribe().channels(["a", "b"]).execute()
    await recorder.connected()
    fake.publish("a", "first")
    await recorder.wait_for(lambda: recorder.of("message"))
    pubnub.unsubscribe().channels("b").execute()
    fake.publish("a", "in between")  # published before the next subscribe() call
    pubnub.subscribe().channels("c").execute()
    await recorder.wait_for(lambda: len(recorder.of("message")) == 2)
    assert recorder.of("message")[1].message == "in between"


@pytest.mark.gen_test
async def test_unsubscribe_everything_then_subscribe_again(fake, clients, recorder):
    listener = SubscribeListener()
    pubnub = clients(origin(fake), listener)
    pubnub.add_listener(recorder)
    pubnub.subscribe().channels("a").execute()
    await asyncio.wait_for(listener.wait_for_connect(), 3)
    pubnub.unsubscribe_all()
    await asyncio.wait_for(listener.wait_for_disconnect(), 3)
    assert fake.paths("/channel/a/leave")
    pubnub.subscribe().channels("a").execute()
    await asyncio.wait_for(listener.wait_for_connect(), 3)
    fake.publish("a", "again")
    assert (await asyncio.wait_for(listener.wait_for_message_on("a"), 3)).message == "again"
    fake.publish("a-pnpres", {"action": "leave", "uuid": "u9", "timestamp": 1, "occupancy": 0})
    pubnub.subscribe().channels("a").with_presence().execute()
    assert (await asyncio.wait_for(listener.wait_for_presence_on("a"), 3)).uuid == "u9"
    assert [r.query["tt"] for r in fake.subscribe_requests()].count("0") == 2


@pytest.mark.gen_test
async def test_server_error_then_linear_reconnection(fake, clients, recorder, quick_sleep):
    pubnub = clients(origin(fake), recorder, reconnect_policy=PNReconnectionPolicy.LINEAR)
    pubnub.subscribe().channels("a").execute()
    await recorder.connected()
    fake.faults += [500, 503]
    fake.time_faults += [500]
    fake.publish("a", "during the outage")
    await recorder.wait_for(lambda: recorder.categories().count(C.PNReconnectedCategory) == 2)
    await recorder.wait_for(lambda: recorder.of("message"))
    assert recorder.categories() == [C.PNConnectedCategory, C.PNUnknownCategory, C.PNReconnectedCategory,
                                     C.PNUnknownCategory, C.PNReconnectedCategory]
    assert [s.status_code for s in recorder.statuses(C.PNUnknownCategory)] == [500, 503]
    # 500 -> wait, probe fails (not announced) -> wait, probe ok: reconnected, as 4.8.1 announced
    # it; 503, a new failure, announced -> wait, probe ok: reconnected -> resumed. The waits go
    # through tornado.gen.sleep (3 s each, moved by up to 20% by the default jitter).
    assert len(quick_sleep) == 3 and all(2.4 <= seconds <= 3.6 for seconds in quick_sleep), quick_sleep
    assert len(fake.paths("/time/0")) == 3
    assert [m.message for m in recorder.of("message")] == ["during the outage"]


@pytest.mark.gen_test
async def test_lost_connection_then_manual_reconnect(fake, clients, recorder):
    pubnub = clients(origin(fake), recorder)
    pubnub.subscribe().channels("a").execute()
    await recorder.connected()
    fake.faults += ["reset", "reset"]  # curl retries a reused connection once by itself
    fake.publish("a", "one")
    lost = await recorder.wait_for_status(C.PNUnexpectedDisconnectCategory)
    assert lost.is_error() and lost.operation == PNOperationType.PNSubscribeOperation
    fake.publish("a", "two")
    pubnub.reconnect()
    await recorder.wait_for(lambda: len(recorder.of("message")) == 2)
    assert [m.message for m in recorder.of("message")] == ["one", "two"]
    assert recorder.categories()[-1] == C.PNReconnectedCategory


@pytest.mark.gen_test
async def test_stalled_long_poll_is_reissued_silently(fake, clients, recorder):
    pubnub = clients(origin(fake), recorder, subscribe_request_timeout=0.5)
    pubnub.subscribe().channels("a").execute()
    await recorder.connected()
    fake.faults.append("stall")
    await fake.wait_for(lambda: len(fake.subscribe_requests()) == 3)
    fake.publish("a", "after the stall")
    await recorder.wait_for(lambda: recorder.of("message"))
    tts = [r.query["tt"] for r in fake.subscribe_requests()]
    assert tts[1] == tts[2] != "0"
    assert recorder.categories() == [C.PNConnectedCategory]


@pytest.mark.gen_test
async def test_access_denied_and_bad_filter(fake, clients, recorder):
    pubnub = clients(origin(fake), recorder, filter_expression="x ==")
    fake.faults += [403]
    pubnub.subscribe().channels("a").execute()
    denied = await recorder.wait_for_status(C.PNAccessDeniedCategory)
    assert denied.operation == PNOperationType.PNUnsubscribeOperation and denied.status_code == 403
    assert pubnub.get_subscribed_channels() == ["a"]  # kept on Tornado, as 4.8.1 (the plain client leaves)
    fake.faults += [400]
    pubnub.reconnect()
    bad = await recorder.wait_for_status(C.PNBadRequestCategory)  # as 4.8.1: never PNMalformedFilterExpression...
    assert bad.status_code == 400 and C.PNMalformedFilterExpressionCategory not in recorder.categories()
    assert fake.subscribe_requests()[-1].query["filter-expr"] == "x =="


@pytest.mark.gen_test
async def test_presence_heartbeats(fake, clients, recorder):
    pubnub = clients(origin(fake), recorder, heartbeat_notification_options=PNHeartbeatNotificationOptions.ALL)
    pubnub.config.set_presence_timeout_with_custom_interval(20, 0.05)
    pubnub.subscribe().channels("a").with_presence().execute()
    await recorder.connected()
    beats = await fake.wait_for(lambda: len(fake.paths("/heartbeat")) >= 2 and fake.paths("/heartbeat"))
    assert beats[0].path == "/v2/presence/sub-key/sub-c-test/channel/a/heartbeat"
    assert beats[0].query["heartbeat"] == "20"
    assert fake.subscribe_requests()[0].query["heartbeat"] == "20"
    acks = await recorder.wait_for(lambda: [s for s in recorder.of("status")
                                            if s.operation == PNOperationType.PNHeartbeatOperation])
    assert acks[0].category == C.PNAcknowledgmentCategory
    pubnub._subscription_manager._stop_heartbeat_timer()
    assert not pubnub._subscription_manager._driver.is_running("heartbeat")


@pytest.mark.gen_test
async def test_a_stubbed_gen_sleep_does_not_make_heartbeats_spin(fake, clients, recorder, monkeypatch):
    """4.x suites stub tornado.gen.sleep to skip reconnection waits; heartbeats keep their interval."""
    real_sleep = tornado.gen.sleep
    monkeypatch.setattr(tornado.gen, "sleep", lambda seconds: real_sleep(0))
    pubnub = clients(origin(fake), recorder)
    pubnub.config.set_presence_timeout(20)  # heartbeats every 9 s
    pubnub.subscribe().channels("a").execute()
    await recorder.connected()
    for n in range(3):
        fake.publish("a", {"n": n})
    await recorder.wait_for(lambda: len(recorder.of("message")) >= 3)
    assert pubnub._subscription_manager._driver.is_running("heartbeat")
    assert fake.paths("/heartbeat") == []


def test_stop_ends_the_subscription_then_the_ioloop():
    io_loop = IOLoop()
    fake = FakeServer()
    with_loop = io_loop.run_sync(lambda: _started(fake))
    pubnub = PubNubTornado(make_config(with_loop), custom_ioloop=io_loop)
    listener = SubscribeListener()
    pubnub.add_listener(listener)

    async def run():
        pubnub.subscribe().channels("a").execute()
        await asyncio.wait_for(listener.wait_for_connect(), 3)
        await fake.wait_for(lambda: len(fake.subscribe_requests()) == 2)
        pubnub.stop()

    io_loop.add_callback(run)
    pubnub.start()  # returns once stop() ran
    manager = pubnub._subscription_manager
    assert not manager._driver.is_running("subscribe")
    io_loop.run_sync(fake.stop)  # answers the abandoned long-poll
    io_loop.run_sync(manager._driver.join, timeout=3)
    assert len(fake.subscribe_requests()) == 2
    io_loop.close(all_fds=True)


async def _started(fake):
    return fake.start()


def test_subscribe_listener_is_bound_to_no_loop():
    listener = SubscribeListener()  # made outside any loop, then used on two different loops
    connected, left = PNStatus(), PNStatus()
    connected.category = C.PNConnectedCategory
    left.category, left.operation = C.PNAcknowledgmentCategory, PNOperationType.PNUnsubscribeOperation
    message = PNMessageResult("hello", None, "ch", 1)

    async def first():
        asyncio.get_running_loop().call_soon(listener.status, None, connected)
        await asyncio.wait_for(listener.wait_for_connect(), 1)

    async def second():
        await asyncio.wait_for(listener.wait_for_connect(), 1)  # already connected: at once
        loop = asyncio.get_running_loop()
        loop.call_soon(listener.message, None, PNMessageResult("other", None, "elsewhere", 1))
        loop.call_soon(listener.message, None, message)
        loop.call_soon(listener.status, None, left)
        assert await asyncio.wait_for(listener.wait_for_message_on("ch"), 1) is message
        await asyncio.wait_for(listener.wait_for_disconnect(), 1)
        assert not listener.connected

    asyncio.run(first())
    asyncio.run(second())
