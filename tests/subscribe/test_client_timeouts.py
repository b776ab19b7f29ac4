"""A long-poll that times out on the client is routine: PubNubTornado re-issues it, forever, silently.

The local server holds idle long-polls for ten minutes (the real service: about 280 s) while
``subscribe_request_timeout`` is 1 s, so every long-poll ends in a client-side timeout. 4.8.1
restarted the long-poll after each one from the same cursor and announced nothing; a
subscription that gave up after two would lose every message published later.
"""
from __future__ import annotations

from typing import Any, List

import pytest

from pubnub._transport.tornado import TornadoTransport
from pubnub.enums import PNReconnectionPolicy, PNStatusCategory
from pubnub.pubnub_tornado import PubNubTornado

from .conftest import make_config
from .fakes import TimeoutCounting

TIMEOUTS = 10


class CountingTransport(TimeoutCounting, TornadoTransport):
    """A TornadoTransport that counts the subscribe long-polls that timed out on the client."""


@pytest.mark.gen_test(timeout=40)
async def test_long_poll_timeouts_are_reissued_until_a_message_comes(threaded_server, recorder):
    idle_server = threaded_server(long_poll_seconds=600)
    transport = CountingTransport()
    config = make_config(idle_server.origin, subscribe_key="demo", publish_key="demo",
                         subscribe_request_timeout=1, reconnect_policy=PNReconnectionPolicy.NONE)
    pubnub = PubNubTornado(config, transport=transport)
    pubnub.add_listener(recorder)
    try:
        pubnub.subscribe().channels("idle").execute()
        await recorder.wait_for_status(PNStatusCategory.PNConnectedCategory, timeout=5)
        await transport.wait_for_timeouts(TIMEOUTS, timeout=TIMEOUTS * 2 + 5)
        sent = await pubnub.publish().channel("idle").message({"after": len(transport.timed_out)}).result()
        received = await recorder.wait_for(lambda: recorder.of("message"), timeout=5)
        # A later long-poll must not bring it again: wait for one more timeout after it arrived.
        delivered_at = len(transport.timed_out)
        await transport.wait_for_timeouts(delivered_at + 1, timeout=5)
    finally:
        pubnub._subscription_manager.stop()
        await pubnub._subscription_manager._driver.join()
        transport.close()

    assert [m.timetoken for m in recorder.of("message")] == [sent.timetoken]
    assert received[0].message["after"] >= TIMEOUTS
    # Every timed-out long-poll asked from the same cursor (the handshake's), and nothing but the
    # connection was announced.
    assert len(set(transport.timed_out[:TIMEOUTS])) == 1 and transport.timed_out[0] != "0"
    statuses: List[Any] = recorder.of("status")
    assert [s.category for s in statuses] == [PNStatusCategory.PNConnectedCategory]
    assert not any(s.is_error() for s in statuses)
