"""1,000 numbered messages on two channels through resets, 5xx, a stall and a subscription change.

Every message must arrive exactly once and in order: the cursor survives every fault, stale
answers are dropped, and a dropped answer is asked for again from the unchanged cursor.
"""
from __future__ import annotations

import pytest
import tornado.gen

from pubnub.enums import PNReconnectionPolicy, PNStatusCategory

from .fakes import ResettingProxy

C = PNStatusCategory
TOTAL = 1000
BATCH = 20


@pytest.fixture
def quick_sleep(monkeypatch):
    real_sleep = tornado.gen.sleep
    monkeypatch.setattr(tornado.gen, "sleep", lambda seconds: real_sleep(0.01))


def _fault(step, fake, proxy, pubnub):
    """The fault injected before batch ``step`` (every few batches, a different one)."""
    kind = step % 10
    if kind == 1:
        proxy.resets += 1  # the server answered, the client never sees it
    elif kind == 3:
        fake.faults.append(500)
        fake.time_faults.append(503)  # and the first reconnection probe fails too
    elif kind == 5:
        fake.faults.append("stall")  # held past the client's read timeout
    elif kind == 7:
        fake.faults += ["reset", "reset"]  # curl itself retries a reused connection once
    elif kind == 9:
        pubnub.subscribe().channels("extra-%d" % step).execute()  # abandons the running long-poll


async def deliver_through_faults(fake, proxy, pubnub, recorder):
    """Subscribe ``pubnub`` to "even" and "odd", publish TOTAL numbered messages in batches with a
    fault before each batch (``_fault``), then an "end" on each channel; return the messages
    received once all of them have arrived."""
    pubnub.subscribe().channels(["even", "odd"]).execute()
    await recorder.connected()
    for step, start in enumerate(range(0, TOTAL, BATCH)):
        _fault(step, fake, proxy, pubnub)
        seen = len(fake.subscribe_requests())
        for n in range(start, start + BATCH):
            fake.publish("even" if n % 2 == 0 else "odd", {"n": n})
        # pace the producer by the client's progress, not by the clock
        await fake.wait_for(lambda seen=seen: len(fake.subscribe_requests()) > seen, timeout=5)
    await recorder.wait_for(lambda: len(recorder.of("message")) >= TOTAL, timeout=20)
    fake.publish("even", "end")
    fake.publish("odd", "end")
    await recorder.wait_for(lambda: len(recorder.of("message")) >= TOTAL + 2, timeout=5)
    return recorder.of("message")


def assert_exactly_once_in_order(received):
    assert len(received) == TOTAL + 2
    for channel, first in (("even", 0), ("odd", 1)):
        numbers = [m.message["n"] for m in received if m.channel == channel and m.message != "end"]
        assert numbers == list(range(first, TOTAL, 2))


@pytest.mark.gen_test(timeout=30)
async def test_thousand_messages_exactly_once_in_order_through_faults(fake, clients, recorder, quick_sleep):
    fake.window = 0.3
    fake.max_per_response = 40
    proxy = ResettingProxy(fake.port)
    via_proxy = proxy.begin()
    try:
        pubnub = clients(via_proxy, recorder, reconnect_policy=PNReconnectionPolicy.EXPONENTIAL,
                         subscribe_request_timeout=1.0)
        received = await deliver_through_faults(fake, proxy, pubnub, recorder)
    finally:
        proxy.shutdown()

    assert_exactly_once_in_order(received)
    assert proxy.resets_done == 5 and not fake.faults and not fake.time_faults
    assert sorted(set(map(str, fake.faults_done))) == ["500", "503", "reset", "stall"]
    categories = recorder.categories()
    # 5 proxy resets and 10 server resets, 5 HTTP 500 on subscribe and 5 HTTP 503 on the
    # reconnection probe, 5 stalls: the resets are recovered below the listener, each 500 is one
    # outage announced once and closed by one reconnected status.
    assert fake.faults_done.count("reset") == 10 and fake.faults_done.count(500) == 5
    assert categories.count(C.PNUnknownCategory) == 5 == categories.count(C.PNReconnectedCategory)
    assert categories.count(C.PNConnectedCategory) == 6  # the first subscribe and 5 changes
    assert C.PNTimeoutCategory not in categories  # a single stalled long-poll is re-issued silently
