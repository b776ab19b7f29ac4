"""The plain client's subscription end to end: ``pubnub.testing``, the fake server, a gated transport."""
from __future__ import annotations

import json
import threading
import time
from typing import Any, Dict, Iterator, List, Optional

import pytest
from integration.tornado._support import make_config as cassette_config

from pubnub._http import HttpRequest, HttpResponse
from pubnub.enums import PNHeartbeatNotificationOptions, PNOperationType, PNReconnectionPolicy, PNStatusCategory
from pubnub.models.consumer.common import PNStatus
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.models.consumer.pubsub import PNMessageResult
from pubnub.pubnub import PubNub, SubscribeListener
from pubnub.testing import PubNubTestServer

C = PNStatusCategory
KEYS = {"publish_key": "demo", "subscribe_key": "demo"}


def origin(fake: Any) -> str:
    return "127.0.0.1:%d" % fake.port


def flow_threads(kind: str) -> List[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "pubnub-%s" % kind and thread.is_alive()]


@pytest.fixture
def server(clients: Any) -> Iterator[Any]:
    """Stopped before the clients are closed: its held long-polls are answered first."""
    running = PubNubTestServer(long_poll_seconds=1.0)
    running.start_in_thread()
    yield running
    running.stop()


# ----- against pubnub.testing ----------------------------------------------------------------------
def test_events_in_order_on_one_listener_thread(server, clients, recorder):
    listener = clients(server.origin, recorder, uuid="listener", **KEYS)
    talker = clients(server.origin, uuid="talker", **KEYS)
    listener.subscribe().channels("room").with_presence().execute()
    recorder.connected()
    recorder.wait_for(lambda: [p for p in recorder.of("presence") if p.uuid == "listener"])

    waiter = SubscribeListener()
    talker.add_listener(waiter)
    talker.subscribe().channels("room").execute()
    waiter.wait_for_connect(timeout=3)
    sent = talker.publish().channel("room").message({"text": "hi"}).meta({"lang": "en"}).sync()
    talker.signal().channel("room").message("typing").sync()
    action = PNMessageAction()
    action.type, action.value, action.message_timetoken = "reaction", "smile", str(sent.result.timetoken)
    added = talker.add_message_action().channel("room").message_action(action).sync()
    talker.remove_message_action().channel("room").message_timetoken(sent.result.timetoken) \
        .action_timetoken(added.result.action_timetoken).sync()
    recorder.wait_for(lambda: len(recorder.of("message_action")) == 2)
    assert waiter.wait_for_message_on("room", timeout=3).message == {"text": "hi"}

    talker.unsubscribe().channels("room").execute()
    waiter.wait_for_disconnect(timeout=3)
    left = recorder.wait_for(lambda: [p for p in recorder.of("presence") if p.event == "leave"])
    assert left[0].uuid == "talker"

    kinds = [name for name, _ in recorder.events]
    assert kinds[kinds.index("message"):] == ["message", "signal", "message_action", "message_action", "presence"]
    message = recorder.of("message")[0]
    assert (message.message, message.user_metadata, message.publisher) == ({"text": "hi"}, {"lang": "en"}, "talker")
    assert message.timetoken == sent.result.timetoken
    assert [(a.event, a.value) for a in recorder.of("message_action")] == [("added", "smile"), ("removed", "smile")]
    assert len(recorder.threads) == 1 and threading.get_ident() not in recorder.threads


def test_subscription_changes_lose_nothing(server, clients, recorder):
    listener = clients(server.origin, recorder, uuid="listener", **KEYS)
    talker = clients(server.origin, uuid="talker", **KEYS)
    listener.subscribe().channels("c0").execute()
    recorder.connected()
    for n in range(1, 6):
        talker.publish().channel("c0").message(n).sync()
        listener.subscribe().channels("c%d" % n).execute()  # each change restarts the long-poll
    recorder.wait_for(lambda: len(recorder.of("message")) == 5)
    assert [m.message for m in recorder.of("message")] == [1, 2, 3, 4, 5]
    assert listener.get_subscribed_channels() == ["c0", "c1", "c2", "c3", "c4", "c5"]


def test_listener_calls_never_overlap_across_stop_and_subscribe(server, clients):
    """``stop()`` then ``subscribe()`` while the listener worker is still busy: the new
    subscription's calls wait for the stopped worker's queue, on one thread at a time, in order
    (a second worker delivered them at once, beside the first)."""
    listener = clients(server.origin, uuid="listener", **KEYS)
    talker = clients(server.origin, uuid="talker", **KEYS)
    seen: List[Any] = []
    busy, release, b_connected = threading.Event(), threading.Event(), threading.Event()
    active = [0]
    overlapped: List[Any] = []

    class Slow(SubscribeListener):
        def _call(self, what: Any, then: Any) -> None:
            active[0] += 1
            if active[0] > 1:
                overlapped.append(what)
            seen.append(what)
            try:
                if what == ("message", "hold"):
                    busy.set()
                    assert release.wait(10)
                then()
            finally:
                active[0] -= 1

        def status(self, pubnub: Any, status: Any) -> None:
            def then() -> None:
                if status.category == C.PNConnectedCategory and status.affected_channels == ["b"]:
                    b_connected.set()
                super(Slow, self).status(pubnub, status)
            self._call(("status", status.category, status.affected_channels), then)

        def message(self, pubnub: Any, message: Any) -> None:
            self._call(("message", message.message), lambda: super(Slow, self).message(pubnub, message))

    slow = Slow()
    listener.add_listener(slow)
    listener.subscribe().channels("a").execute()
    slow.wait_for_connect(timeout=3)
    talker.publish().channel("a").message("hold").sync()
    assert busy.wait(5)  # the worker is inside the listener
    talker.publish().channel("a").message("queued").sync()
    listener.stop()
    listener.unsubscribe().channels("a").execute()
    listener.subscribe().channels("b").execute()
    assert not b_connected.wait(1)  # not delivered beside the busy call
    release.set()
    talker.publish().channel("b").message("on b").sync()
    assert slow.wait_for_message_on("b", timeout=5).message == "on b"
    assert overlapped == []
    assert seen.index(("message", "hold")) < seen.index(("status", C.PNConnectedCategory, ["b"])) \
        < seen.index(("message", "on b"))


def test_a_listener_may_subscribe_from_its_callback(server, clients, recorder):
    listener = clients(server.origin, recorder, uuid="listener", **KEYS)
    talker = clients(server.origin, uuid="talker", **KEYS)

    class Follower(SubscribeListener):
        def message(self, pubnub: Any, message: Any) -> None:
            if message.message == "follow":  # runs on the worker thread, the lock is free
                pubnub.subscribe().channels("b").execute()
            super().message(pubnub, message)

    follower = Follower()
    listener.add_listener(follower)
    listener.subscribe().channels("a").execute()
    follower.wait_for_connect(timeout=3)
    talker.publish().channel("a").message("follow").sync()
    follower.wait_for_message_on("a", timeout=3)  # delivered after the callback subscribed
    talker.publish().channel("b").message("on b").sync()
    assert follower.wait_for_message_on("b", timeout=3).message == "on b"
    recorder.connected(2)


# ----- against the fake server -----------------------------------------------------------------------
def test_server_error_then_linear_reconnection_with_time_sleep_stubbed(loop_thread, fake, clients, recorder, slept):
    fake.window = 0.3
    pubnub = clients(origin(fake), recorder, reconnect_policy=PNReconnectionPolicy.LINEAR, reconnection_jitter=0)
    pubnub.subscribe().channels("a").execute()
    recorder.connected()
    loop_thread.call(lambda: (fake.faults.extend([500, 503]), fake.time_faults.append(500),
                              fake.publish("a", "during the outage")))
    recorder.wait_for(lambda: recorder.categories().count(C.PNReconnectedCategory) == 2)
    recorder.wait_for(lambda: recorder.of("message"))
    assert recorder.categories() == [C.PNConnectedCategory, C.PNUnknownCategory, C.PNReconnectedCategory,
                                     C.PNUnknownCategory, C.PNReconnectedCategory]
    assert [s.status_code for s in recorder.statuses(C.PNUnknownCategory)] == [500, 503]
    # 500 -> wait, probe fails (not announced) -> wait, probe ok: reconnected (4.8.1's timing);
    # 503, a new failure, announced -> wait, probe ok: reconnected -> resumed: three 3 s waits
    # through time.sleep (in slices)
    assert sum(slept) == 9 and max(slept) <= 0.25
    assert len(fake.paths("/time/0")) == 3
    assert [m.message for m in recorder.of("message")] == ["during the outage"]


def test_lost_connection_then_manual_reconnect(loop_thread, fake, clients, recorder):
    pubnub = clients(origin(fake), recorder)
    pubnub.subscribe().channels("a").execute()
    recorder.connected()
    loop_thread.call(lambda: (fake.faults.append("reset"), fake.publish("a", "one")))
    lost = recorder.wait_for_status(C.PNUnexpectedDisconnectCategory)
    assert lost.is_error() and lost.operation == PNOperationType.PNSubscribeOperation
    assert pubnub._subscription_manager._driver.join(3)  # policy NONE: the loop has stopped
    loop_thread.call(fake.publish, "a", "two")
    pubnub.reconnect()
    recorder.wait_for(lambda: len(recorder.of("message")) == 2)
    assert [m.message for m in recorder.of("message")] == ["one", "two"]
    assert recorder.categories()[-1] == C.PNReconnectedCategory


def test_a_raising_listener_never_stops_the_subscription(loop_thread, fake, clients, recorder, caplog):
    class Broken(SubscribeListener):
        def message(self, pubnub: Any, message: Any) -> None:
            raise RuntimeError("listener bug")

    pubnub = clients(origin(fake), Broken())
    pubnub.add_listener(recorder)
    pubnub.subscribe().channels("a").execute()
    recorder.connected()
    loop_thread.call(lambda: (fake.publish("a", 1), fake.publish("a", 2)))
    recorder.wait_for(lambda: len(recorder.of("message")) == 2)
    assert "listener bug" in caplog.text


def test_heartbeats_at_once_then_on_a_timer_not_on_time_sleep(loop_thread, fake, clients, recorder, slept):
    pubnub = clients(origin(fake), recorder, heartbeat_notification_options=PNHeartbeatNotificationOptions.ALL)
    pubnub.config.set_presence_timeout_with_custom_interval(20, 0.1)
    started = time.monotonic()
    pubnub.subscribe().channels("a").execute()
    beats = loop_thread.run(fake.wait_for(lambda: len(fake.paths("/heartbeat")) >= 3 and fake.paths("/heartbeat")))
    assert time.monotonic() - started >= 0.19  # two real intervals: the waits are timers even with sleep stubbed
    assert slept == []
    assert beats[0].path == "/v2/presence/sub-key/sub-c-test/channel/a/heartbeat"
    assert beats[0].query["heartbeat"] == "20"
    acks = recorder.wait_for(lambda: [s for s in recorder.of("status")
                                      if s.operation == PNOperationType.PNHeartbeatOperation])
    assert acks[0].category == C.PNAcknowledgmentCategory
    pubnub._subscription_manager._stop_heartbeat_timer()
    assert not pubnub._subscription_manager._driver.is_running("heartbeat")


def test_first_heartbeat_is_immediate_and_stop_ends_every_thread(loop_thread, fake, clients):
    pubnub = clients(origin(fake), enable_presence_heartbeat=True)  # 280 s interval: only the first one
    pubnub.subscribe().channels("a").execute()
    loop_thread.run(fake.wait_for(lambda: fake.paths("/heartbeat")))
    loop_thread.run(fake.wait_for(lambda: len(fake.subscribe_requests()) == 2))  # a long-poll is held
    assert flow_threads("heartbeat") and all(not t.daemon for t in flow_threads("subscribe"))
    pubnub.stop()
    driver = pubnub._subscription_manager._driver
    assert not driver.is_running("subscribe") and not driver.is_running("heartbeat")
    heartbeat_threads = flow_threads("heartbeat")
    for thread in heartbeat_threads:
        thread.join(1)  # its 280 s wait ends at once
    assert not any(t.is_alive() for t in heartbeat_threads)
    loop_thread.run(fake.stop())  # answers the held long-poll: its thread ends without dispatching
    assert driver.join(3)
    assert len(fake.subscribe_requests()) == 2 and pubnub.get_subscribed_channels() == ["a"]


def test_daemon_config_makes_daemon_threads(loop_thread, fake, clients):
    pubnub = clients(origin(fake), daemon=True)
    pubnub.subscribe().channels("a").execute()
    loop_thread.run(fake.wait_for(lambda: len(fake.subscribe_requests()) == 2))
    assert flow_threads("subscribe") and all(t.daemon for t in flow_threads("subscribe"))


# ----- a stale long-poll, step by step -------------------------------------------------------------
class GatedTransport:
    """Answers handshakes at once and holds every other long-poll until the test releases it."""

    def __init__(self) -> None:
        self.held: List[Dict[str, Any]] = []
        self.changed = threading.Condition()

    def send(self, request: HttpRequest) -> HttpResponse:
        if "/v2/subscribe/" not in request.url:
            return HttpResponse(200, {}, b'{"status": 200, "message": "OK", "service": "Presence"}', request.url)
        if "tt=0" in request.url:
            return _subscribe_answer(request, 10, [])
        poll: Dict[str, Any] = {"request": request, "answer": None, "thread": threading.current_thread()}
        with self.changed:
            self.held.append(poll)
            self.changed.notify_all()
            self.changed.wait_for(lambda: poll["answer"] is not None, 10)
        return poll["answer"] or _subscribe_answer(request, 10, [])

    def wait_held(self, count: int) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.held) >= count, 3)

    def release(self, index: int, answer: HttpResponse) -> None:
        with self.changed:
            self.held[index]["answer"] = answer
            self.changed.notify_all()

    def release_all(self) -> None:
        with self.changed:
            for poll in self.held:
                poll["answer"] = poll["answer"] or _subscribe_answer(poll["request"], 10, [])
            self.changed.notify_all()


def _subscribe_answer(request: HttpRequest, cursor: int, messages: List[Any]) -> HttpResponse:
    body = json.dumps({"t": {"t": str(cursor), "r": 1}, "m": messages}).encode()
    return HttpResponse(200, {}, body, request.url)


def _message(text: str, timetoken: int, channel: str = "a") -> Dict[str, Any]:
    return {"a": "1", "f": 0, "i": "pub", "p": {"t": str(timetoken), "r": 1}, "k": "sub-c-test", "c": channel,
            "d": text}


def test_a_stale_long_poll_answer_is_never_dispatched(recorder):
    transport = GatedTransport()
    pubnub = PubNub(cassette_config(origin="127.0.0.1:1", ssl=False), transport=transport)
    pubnub.add_listener(recorder)
    manager: Optional[Any] = pubnub._subscription_manager
    try:
        pubnub.subscribe().channels("a").execute()
        transport.wait_held(1)
        pubnub.subscribe().channels("b").execute()  # cancels the held poll, asks again from tt=10
        transport.wait_held(2)
        assert "/a,b/" in transport.held[1]["request"].url and "tt=10" in transport.held[1]["request"].url
        transport.release(0, _subscribe_answer(transport.held[0]["request"], 20, [_message("m1", 15)]))
        transport.held[0]["thread"].join(3)
        assert not transport.held[0]["thread"].is_alive()
        assert recorder.of("message") == [] and manager._state.timetoken == 10  # dropped, cursor kept
        transport.release(1, _subscribe_answer(transport.held[1]["request"], 20, [_message("m1", 15)]))
        recorder.wait_for(lambda: recorder.of("message"))
        transport.wait_held(3)
        assert "tt=20" in transport.held[2]["request"].url
        assert [m.message for m in recorder.of("message")] == ["m1"]
        assert [s.category for s in recorder.of("status")] == [C.PNConnectedCategory, C.PNConnectedCategory]
    finally:
        pubnub.stop()
        transport.release_all()
        assert manager._driver.join(3)


def test_subscribe_listener_semantics():
    listener = SubscribeListener()
    with pytest.raises(TimeoutError):
        listener.wait_for_connect(timeout=0.05)
    connected, left = PNStatus(), PNStatus()
    connected.category = C.PNConnectedCategory
    left.category, left.operation = C.PNAcknowledgmentCategory, PNOperationType.PNUnsubscribeOperation
    listener.status(None, connected)
    listener.wait_for_connect(timeout=0)  # already connected: returns at once
    listener.status(None, left)
    listener.wait_for_disconnect(timeout=0)
    with pytest.raises(TimeoutError):
        listener.wait_for_connect(timeout=0.05)  # disconnected since
    for channel, text in (("x", "other"), ("a", "mine")):
        listener.message(None, PNMessageResult(text, None, channel, 1))
    assert listener.wait_for_message_on("a", "b", timeout=1).message == "mine"
    with pytest.raises(TimeoutError):
        listener.wait_for_message_on("a", timeout=0.05)  # the "x" message was discarded
