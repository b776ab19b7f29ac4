"""The fault-injection subscribe test of ``tests/subscribe`` with PubNubAsyncio (aiohttp).

1,000 numbered messages on two channels through proxy resets, 5xx, a stall and subscription
changes: every message arrives exactly once and in order.
"""
from __future__ import annotations

import pytest
from subscribe.fakes import ResettingProxy
from subscribe.test_fault_injection import assert_exactly_once_in_order, deliver_through_faults

from pubnub.enums import PNReconnectionPolicy, PNStatusCategory

C = PNStatusCategory


@pytest.mark.gen_test(timeout=40)
async def test_thousand_messages_exactly_once_in_order_through_faults(fake, aio_clients, recorder,
                                                                      quick_asyncio_sleep):
    fake.window = 0.3
    fake.max_per_response = 40
    proxy = ResettingProxy(fake.port)
    via_proxy = proxy.begin()
    try:
        pubnub = aio_clients(via_proxy, recorder, reconnect_policy=PNReconnectionPolicy.EXPONENTIAL,
                             subscribe_request_timeout=1.0)
        received = await deliver_through_faults(fake, proxy, pubnub, recorder)
        categories = recorder.categories()
    finally:
        proxy.shutdown()

    assert_exactly_once_in_order(received)
    assert proxy.resets_done == 5 and not fake.faults and not fake.time_faults
    assert sorted(set(map(str, fake.faults_done))) == ["500", "503", "reset", "stall"]
    # As with curl: aiohttp re-sends a GET once when a reused connection is reset, so the resets
    # are recovered below the listener; each 500 is one outage announced once and closed by one
    # reconnected status.
    assert fake.faults_done.count("reset") == 10 and fake.faults_done.count(500) == 5
    assert categories.count(C.PNUnknownCategory) == 5 == categories.count(C.PNReconnectedCategory)
    assert categories.count(C.PNConnectedCategory) == 6  # the first subscribe and 5 changes
    assert C.PNTimeoutCategory not in categories  # a single stalled long-poll is re-issued silently
    assert quick_asyncio_sleep  # reconnection waits went through asyncio.sleep
