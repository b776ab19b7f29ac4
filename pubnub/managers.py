"""Per-client state helpers of the 4.x API: publish sequence numbers and call-latency telemetry.

Layer: core. No I/O, no timers: telemetry ages out old samples when it is read.
"""
from __future__ import annotations

import time
from collections import deque
from typing import Any, Deque, Dict, Iterable, Mapping

from pubnub.enums import PNOperationType

_OP = PNOperationType
_TELEMETRY_KEYS: Dict[int, str] = {}
for _key, _ops in {
    "pub": (_OP.PNPublishOperation, _OP.PNFireOperation),
    "hist": (_OP.PNHistoryOperation, _OP.PNHistoryDeleteOperation),
    "mc": (_OP.PNMessageCountOperation,),
    "pres": (_OP.PNUnsubscribeOperation, _OP.PNWhereNowOperation, _OP.PNHereNowOperation,
             _OP.PNGetState, _OP.PNSetStateOperation),
    "cg": (_OP.PNAddChannelsToGroupOperation, _OP.PNRemoveChannelsFromGroupOperation,
           _OP.PNChannelGroupsOperation, _OP.PNRemoveGroupOperation, _OP.PNChannelsForGroupOperation),
    "push": (_OP.PNPushNotificationEnabledChannelsOperation, _OP.PNAddPushNotificationsOnChannelsOperation,
             _OP.PNRemovePushNotificationsFromChannelsOperation, _OP.PNRemoveAllPushNotificationsOperation),
    "pam": (_OP.PNAccessManagerAudit, _OP.PNAccessManagerGrant, _OP.PNAccessManagerRevoke, _OP.PNTimeOperation),
    "sig": (_OP.PNSignalOperation,),
    "obj": tuple(range(_OP.PNSetUuidMetadataOperation, _OP.PNManageMembershipsOperation + 1)),
    "pamv3": (_OP.PNAccessManagerGrantToken,),
    "msga": (_OP.PNAddMessageAction, _OP.PNGetMessageActions, _OP.PNDeleteMessageAction),
    "file": (_OP.PNGetFilesAction, _OP.PNDeleteFileOperation, _OP.PNGetFileDownloadURLAction,
             _OP.PNFetchFileUploadS3DataAction, _OP.PNDownloadFileAction, _OP.PNSendFileAction),
}.items():
    for _op in _ops:
        _TELEMETRY_KEYS[_op] = _key


class PublishSequenceManager:
    """Hands out publish sequence numbers 1..max, wrapping back to 1."""

    MAX_SEQUENCE = 65535

    def __init__(self, provided_max_sequence: int = MAX_SEQUENCE) -> None:
        self.max_sequence = provided_max_sequence
        self.next_sequence = 0

    def get_next_sequence(self) -> int:
        self.next_sequence = 1 if self.next_sequence >= self.max_sequence else self.next_sequence + 1
        return self.next_sequence


class TelemetryManager:
    """Average latency per operation family over the last 60 s, sent as ``l_<family>`` params.

    ``latencies`` maps a family name to its samples (``{"timestamp": t, "latency": s}``), oldest
    first. Running sums keep ``operation_latencies()`` cheap on every request.
    """

    TIMESTAMP_DIVIDER = 1000
    MAXIMUM_LATENCY_DATA_AGE = 60
    CLEAN_UP_INTERVAL = 1
    CLEAN_UP_INTERVAL_MULTIPLIER = 1000

    def __init__(self) -> None:
        self.latencies: Dict[str, Deque[Dict[str, float]]] = {}
        self._sums: Dict[str, float] = {}
        self._last_clean_up = 0.0

    @staticmethod
    def endpoint_name_for_operation(operation_type: int) -> Any:
        """The family key of an operation, or None for operations with no telemetry."""
        return _TELEMETRY_KEYS.get(operation_type)

    def store_latency(self, latency: float, operation_type: int) -> None:
        name = self.endpoint_name_for_operation(operation_type)
        if name is None or latency <= 0:
            return
        samples = self.latencies.get(name)
        if samples is None:
            samples = self.latencies[name] = deque()
            self._sums[name] = 0.0
        samples.append({"timestamp": time.time(), "latency": latency})
        self._sums[name] = self._sums.get(name, 0.0) + latency

    def clean_up_telemetry_data(self) -> None:
        """Drop samples older than ``MAXIMUM_LATENCY_DATA_AGE`` seconds."""
        oldest_kept = time.time() - self.MAXIMUM_LATENCY_DATA_AGE
        for name in list(self.latencies):
            samples = self.latencies[name]
            if not isinstance(samples, deque):
                samples = self.latencies[name] = deque(samples)
                self._sums[name] = sum(s["latency"] for s in samples)
            while samples and samples[0]["timestamp"] < oldest_kept:
                self._sums[name] -= samples.popleft()["latency"]
            if not samples:
                del self.latencies[name]
                self._sums.pop(name, None)

    def operation_latencies(self) -> Dict[str, float]:
        """``{"l_<family>": average seconds}`` for every family with recent samples."""
        now = time.time()
        if now - self._last_clean_up >= self.CLEAN_UP_INTERVAL:
            self._last_clean_up = now
            self.clean_up_telemetry_data()
        result = {}
        for name, samples in self.latencies.items():
            if samples:
                total = self._sums.get(name)
                average = (total if total is not None else sum(s["latency"] for s in samples)) / len(samples)
                if average > 0:
                    result["l_" + name] = average
        return result

    @staticmethod
    def average_latency_from_data(endpoint_latencies: Iterable[Mapping[str, float]]) -> float:
        samples = list(endpoint_latencies)
        return sum(s["latency"] for s in samples) / len(samples) if samples else 0.0


class NoTelemetryManager(TelemetryManager):
    """For clients that record no latencies (the plain client, as in 4.8.1)."""

    def store_latency(self, latency: float, operation_type: int) -> None:
        return None
