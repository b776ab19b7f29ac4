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
