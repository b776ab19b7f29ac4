"""The fault-injection subscribe test of ``tests/subscribe`` with the plain client.

1,000 numbered messages on two channels through proxy resets, 5xx, a stall and subscription
changes: every message arrives exactly once and in order, on the one listener thread.
"""
from __future__ import annotations

import threading

from subscribe.fakes import ResettingProxy
from subscribe.test_fault_injection import BATCH, TOTAL, _fault

from pubnub.enums import PNReconnectionPolicy, PNStatusCategory

C = PNStatusCategory


def test_thousand_messages_exactly_once_in_order_through_faults(loop_thread, fake, clients, recorder, slept):
    fake.window = 0.3
    fake.max_per_response = 40
    proxy = loop_thread.call(ResettingProxy, fake.port)
    via_proxy = loop_thread.call(proxy.begin)
    try:
        pubnub = clients(via_proxy, recorder, reconnect_policy=PNReconnectionPolicy.EXPONENTIAL,
                         subscribe_request_timeout=1.0)
        pubnub.subscribe().channels(["even", "odd"]).execute()
        recorder.connected()
        for step, start in enumerate(range(0, TOTAL, BATCH)):
            # faults and messages are set up on the servers' loop, where they are read
            loop_thread.call(_fault, step, fake, proxy, pubnub)
            seen = loop_thread.call(lambda: len(fake.subscribe_requests()))
            loop_thread.call(lambda start=start: [fake.publish("even" if n % 2 == 0 else "odd", {"n": n})
                                                  for n in range(start, start + BATCH)])
            # pace the producer by the client's progress, not by the clock
            loop_thread.run(fake.wait_for(lambda seen=seen: len(fake.subscribe_requests()) > seen, timeout=5), 6)
        recorder.wait_for(lambda: len(recorder.of("message")) >= TOTAL, timeout=20)
        loop_thread.call(lambda: (fake.publish("even", "end"), fake.publish("odd", "end")))
        recorder.wait_for(lambda: len(recorder.of("message")) >= TOTAL + 2, timeout=5)
        # read before the proxy goes: closing it fails the held long-poll, and that is announced
        received = recorder.of("message")
        categories = recorder.categories()
    finally:
        loop_thread.call(proxy.shutdown)

    assert len(received) == TOTAL + 2
    for channel, first in (("even", 0), ("odd", 1)):
        numbers = [m.message["n"] for m in received if m.channel == channel and m.message != "end"]
        assert numbers == list(range(first, TOTAL, 2))
    assert proxy.resets_done == 5 and not fake.faults and not fake.time_faults
    assert sorted(set(map(str, fake.faults_done))) == ["500", "503", "reset", "stall"]
    # requests never re-sends by itself: each reset is announced as 4.8.1's plain client did, then
    # the reconnection as its probe succeeds (a second reset after that is a new outage).
    # 5 proxy resets, 5 double server resets, 5 HTTP 500 (each fault occurs 5 times; the probe
    # failing once after a 500 is not announced). The second reset of a pair can meet a long-poll
    # that a subscription change has just made stale, whose failure is not announced: 10 to 15.
    disconnects = categories.count(C.PNUnexpectedDisconnectCategory)
    assert categories.count(C.PNUnknownCategory) == 5 and 10 <= disconnects <= 15
    assert categories.count(C.PNReconnectedCategory) == 5 + disconnects  # each announced failure ends so
    assert categories.count(C.PNConnectedCategory) == 6  # the first subscribe and 5 changes
    assert C.PNTimeoutCategory not in categories  # a single stalled long-poll is re-issued silently
    assert slept and all(0 < seconds <= 0.25 for seconds in slept)  # reconnection waits, sliced
    assert len(recorder.threads) == 1 and threading.get_ident() not in recorder.threads
