"""Closing the plain client: close() and ``with PubNub(config) as pubnub``."""
from __future__ import annotations

import threading
from typing import Any

import pytest
from subscribe.conftest import make_config

from pubnub.enums import PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.pubnub import PubNub, SubscribeListener


def test_with_block_leaves_stops_every_thread_and_ends_later_calls(threaded_server: Any) -> None:
    server = threaded_server(long_poll_seconds=0.5)
    listener = SubscribeListener()
    config = make_config(server.origin, subscribe_key="demo", publish_key="demo", enable_presence_heartbeat=True)
    with PubNub(config) as pubnub:
        pubnub.add_listener(listener)
        pubnub.subscribe().channels("room").execute()
        listener.wait_for_connect(timeout=5)
        pubnub.publish().channel("room").message("hi").sync()
        assert listener.wait_for_message_on("room", timeout=5).message == "hi"
    listener.wait_for_disconnect(timeout=5)  # the leave was sent and announced
    driver = pubnub._subscription_driver
    assert driver is not None and driver.join(5)  # long-poll (the server answers in 0.5 s) and heartbeats
    for worker in [t for t in threading.enumerate() if t.name == "pubnub-listeners"]:
        worker.join(5)  # it ends once it has delivered what was queued (the leave's status)
        assert not worker.is_alive()
    with pytest.raises(PubNubException) as raised:
        pubnub.publish().channel("room").message("after").sync()
    assert raised.value.status.category == PNStatusCategory.PNUnexpectedDisconnectCategory
    pubnub.close()  # again: nothing happens


@pytest.mark.parametrize("how", ["stop", "close"])
def test_stop_and_close_end_the_long_poll_in_flight(threaded_server: Any, how: str) -> None:
    """The long-poll the server holds (30 s here; minutes on the service) is ended at once, so its
    thread does not keep the program from exiting; its outcome is not announced. After
    ``stop()``, subscribing again resumes the stream."""
    server = threaded_server(long_poll_seconds=30)
    listener = SubscribeListener()
    pubnub = PubNub(make_config(server.origin, subscribe_key="demo", publish_key="demo"))
    pubnub.add_listener(listener)
    pubnub.subscribe().channels("room").execute()
    listener.wait_for_connect(timeout=5)
    driver = pubnub._subscription_driver
    assert driver is not None
    statuses = []
    pubnub.add_listener(type("Statuses", (), {"status": lambda self, _, status: statuses.append(status),
                                              "message": lambda *a: None, "presence": lambda *a: None})())
    getattr(pubnub, how)()
    assert driver.join(5)  # the held long-poll's thread ended (it would have taken 30 s)
    assert [s.category for s in statuses if s.is_error()] == []
    if how == "stop":
        again = SubscribeListener()
        pubnub.add_listener(again)
        pubnub.subscribe().channels("room").execute()
        pubnub.publish().channel("room").message("back").sync()
        assert again.wait_for_message_on("room", timeout=5).message == "back"  # (from the same cursor)
        pubnub.stop()
        assert driver.join(5)
    pubnub.close()


def test_a_subscription_change_ends_the_stale_long_poll(threaded_server: Any) -> None:
    """Each change (and reconnect()) cancels the long-poll the server holds: its thread and socket
    end at once, not when the server answers (they piled up, one per change, for the whole
    long-poll window)."""
    server = threaded_server(long_poll_seconds=30)
    listener = SubscribeListener()
    with PubNub(make_config(server.origin, subscribe_key="demo", publish_key="demo")) as pubnub:
        pubnub.add_listener(listener)
        pubnub.subscribe().channels("c0").execute()
        listener.wait_for_connect(timeout=5)
        changes = [lambda n=n: pubnub.subscribe().channels("c%d" % n).execute() for n in range(1, 6)]
        changes += [pubnub.reconnect, lambda: pubnub.unsubscribe().channels("c1").execute()]
        for change in changes:
            stale = [t for t in threading.enumerate() if t.name == "pubnub-subscribe"]
            assert stale  # the long-poll in flight
            change()
            for thread in stale:
                thread.join(5)
                assert not thread.is_alive()
        pubnub.publish().channel("c5").message("still here").sync()
        assert listener.wait_for_message_on("c5", timeout=5).message == "still here"
