"""The latency store's own bound (4.8.1's behaviour under it is in tests/compat): a family keeps
at most ``MAXIMUM_LATENCY_SAMPLES`` samples, the newest, and averages over those."""
from __future__ import annotations

from pubnub.enums import PNOperationType
from pubnub.managers import TelemetryManager


def test_a_family_keeps_the_newest_samples_up_to_the_bound() -> None:
    manager = TelemetryManager()
    manager.MAXIMUM_LATENCY_SAMPLES = 100
    for latency in range(1, 251):  # 1 ... 250, all within the minute
        manager.store_latency(latency, PNOperationType.PNPublishOperation)
    manager.store_latency(7, PNOperationType.PNHistoryOperation)
    kept = [sample["latency"] for sample in manager.latencies["pub"]]
    assert kept == list(range(151, 251))
    assert manager.operation_latencies() == {"l_pub": sum(range(151, 251)) / 100, "l_hist": 7}


def test_the_default_bound_keeps_a_busy_minute_small() -> None:
    manager = TelemetryManager()
    bound = TelemetryManager.MAXIMUM_LATENCY_SAMPLES
    assert bound == 10000
    for _ in range(bound + 500):
        manager.store_latency(0.25, PNOperationType.PNAddMessageAction)
    assert len(manager.latencies["msga"]) == bound
    assert manager.operation_latencies() == {"l_msga": 0.25}
